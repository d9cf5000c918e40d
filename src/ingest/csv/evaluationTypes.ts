/**
 * Canonical CSV `evaluaties` (issue 21, light follow-up after referral): the evaluation moments of a trajectory as
 * the gemeente's administration keeps them — planned date, held date, outcome from a fixed list, who held it as a
 * role or team code. Vocabulary and rules: domain/evaluations.ts; docs/csv-formaat.md. Every row is checked against
 * the stored trajectories (read once per file by `prepare`): the trajectory must exist in the row's gemeente, be held
 * on or after its start and not withdrawn. Not a case file: a column with a note or a name is refused, not dropped.
 */
import { formatDateNl } from '../../domain/dates.js';
import { EVALUATION_OUTCOMES, EVALUATION_ROLES } from '../../domain/evaluations.js';
import type { Sql } from '../../store/sql.js';
import { fail, ok, parseDate, type Parsed } from './fields.js';
import { RowParser, gemeenteParser, lineage, text, upsert, withRun, type RecordType } from './recordKit.js';

/** Columns a case file would have: refused when filled, so no note or name gets in under another name. */
export const NOT_KEPT_COLUMNS = ['opmerking', 'opmerkingen', 'notitie', 'toelichting', 'verslag', 'naam', 'medewerker'];

interface StoredTrajectory {
  readonly start: string | null;
  readonly withdrawn: boolean;
}

interface EvaluationState {
  /** gemeente|trajectory_id → its start */
  readonly trajectories: Map<string, StoredTrajectory>;
  /** trajectory_id → the gemeenten that have it (to say "belongs to gemeente X") */
  readonly gemeentenOf: Map<string, string[]>;
  /** gemeente|team code */
  readonly teams: Set<string>;
  /** gemeente|trajectory|planned → the line it was first on */
  readonly seen: Map<string, number>;
}

async function prepare(sql: Sql): Promise<EvaluationState> {
  const trajectories = new Map<string, StoredTrajectory>();
  const gemeentenOf = new Map<string, string[]>();
  const rows = await sql.query<{ g: string; id: string; start: string | null; withdrawn: boolean }>(
    "SELECT gemeente_code AS g, trajectory_id AS id, to_char(start_date, 'YYYY-MM-DD') AS start, withdrawn FROM trajectory",
  );
  for (const r of rows) {
    trajectories.set(`${r.g}|${r.id}`, { start: r.start, withdrawn: r.withdrawn });
    const gs = gemeentenOf.get(r.id);
    if (gs) gs.push(r.g);
    else gemeentenOf.set(r.id, [r.g]);
  }
  const teams = new Set(
    (
      await sql.query<{ g: string; code: string }>(
        `SELECT gemeente_code AS g, code FROM team
          UNION SELECT DISTINCT gemeente_code, team_code FROM trajectory WHERE team_code IS NOT NULL`,
      )
    ).map((t) => `${t.g}|${t.code.toLowerCase()}`),
  );
  return { trajectories, gemeentenOf, teams, seen: new Map() };
}

const outcome = (raw: string): Parsed<string> => {
  const s = raw
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return (EVALUATION_OUTCOMES as readonly string[]).includes(s)
    ? ok(s)
    : fail(
        'unknown_outcome',
        'onbekende uitkomst; kies uit doorgaan, afschalen, opschalen, beëindigen (een toelichting hoort niet in Zicht)',
        'unknown outcome; choose from doorgaan, afschalen, opschalen, beëindigen (a note does not belong in Zicht)',
      );
};

/** Who held it: a role of the list or a team code of the gemeente, never a name or other text. */
function heldBy(state: EvaluationState, gemeente: string | undefined) {
  return (raw: string): Parsed<string> => {
    const s = raw
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if ((EVALUATION_ROLES as readonly string[]).includes(s)) return ok(s);
    const code = raw.trim();
    if (gemeente && state.teams.has(`${gemeente}|${code.toLowerCase()}`)) return ok(code);
    return fail(
      'not_a_role_code',
      `geen rol- of teamcode (geen naam of vrije tekst); kies een rol (${EVALUATION_ROLES.join(', ')}) of een teamcode van de gemeente`,
      `not a role or team code (no name or free text); choose a role (${EVALUATION_ROLES.join(', ')}) or a team code of the gemeente`,
    );
  };
}

export const EVALUATIES: RecordType = {
  id: 'evaluaties',
  description: 'evaluatiemomenten per traject na verwijzing / evaluation moments per trajectory after referral',
  after: ['trajecten'],
  columns: [
    { name: 'traject_id', required: true },
    { name: 'gemeente', required: true },
    { name: 'geplande_datum', required: true },
    { name: 'gehouden_datum', required: false },
    { name: 'uitkomst', required: false },
    { name: 'uitgevoerd_door', required: false },
  ],
  prepare,
  parse(get, ctx) {
    const state = ctx.state as EvaluationState;
    const p = new RowParser(get);
    for (const c of NOT_KEPT_COLUMNS)
      p.check(
        p.raw(c) === '',
        c,
        'free_text_not_kept',
        'Zicht bewaart bij een evaluatie geen notities, toelichting of namen (geen dossier); laat deze kolom leeg of weg',
        'Zicht keeps no notes, explanations or names with an evaluation (not a case file); leave this column empty or out',
      );
    const id = p.req('traject_id', text);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const planned = p.req('geplande_datum', parseDate);
    const held = p.opt('gehouden_datum', parseDate);
    const result = p.opt('uitkomst', outcome);
    const by = p.opt('uitgevoerd_door', heldBy(state, gemeente));
    const t = id !== undefined && gemeente ? state.trajectories.get(`${gemeente}|${id}`) : undefined;
    if (id !== undefined && gemeente && !t) {
      const elsewhere = state.gemeentenOf.get(id) ?? [];
      p.problems.push(
        elsewhere.length > 0
          ? {
              column: 'gemeente',
              code: 'wrong_gemeente',
              nl: `traject ${id} hoort bij gemeente ${elsewhere.join(', ')}, niet bij ${gemeente}`,
              en: `trajectory ${id} belongs to gemeente ${elsewhere.join(', ')}, not ${gemeente}`,
            }
          : {
              column: 'traject_id',
              code: 'unknown_trajectory',
              nl: 'onbekend traject: lees eerst trajecten.csv of de iJw-berichten in',
              en: 'unknown trajectory: import trajecten.csv or the iJw messages first',
            },
      );
    }
    if (t?.withdrawn)
      p.problems.push({
        column: 'traject_id',
        code: 'withdrawn_trajectory',
        nl: 'dit traject is ingetrokken (reden 13) en telt niet: er hoort geen evaluatie bij',
        en: 'this trajectory was withdrawn (reason 13) and does not count: no evaluation belongs to it',
      });
    if (held) {
      p.check(
        held <= ctx.today,
        'gehouden_datum',
        'date_in_future',
        `de gehouden datum ligt na vandaag (${formatDateNl(ctx.today)}): een evaluatie die nog moet komen heeft alleen een geplande datum`,
        `the held date is after today (${ctx.today}): an evaluation still to come has only a planned date`,
      );
      if (t?.start)
        p.check(
          held >= t.start,
          'gehouden_datum',
          'held_before_start',
          `gehouden op ${formatDateNl(held)}, vóór de start van het traject (${formatDateNl(t.start)})`,
          `held on ${held}, before the trajectory's start (${t.start})`,
        );
      if (t && t.start === null)
        p.problems.push({
          column: 'gehouden_datum',
          code: 'trajectory_not_started',
          nl: 'het traject heeft nog geen startdatum: een evaluatie kan er nog niet gehouden zijn',
          en: 'the trajectory has no start date yet: no evaluation can have been held',
        });
      p.check(
        result !== null || p.raw('uitkomst') !== '',
        'uitkomst',
        'required',
        'verplicht veld is leeg: een gehouden evaluatie heeft een uitkomst',
        'required field is empty: a held evaluation has an outcome',
      );
    } else if (held === null) {
      p.check(
        p.raw('uitkomst') === '',
        'uitkomst',
        'outcome_without_held',
        'een uitkomst zonder gehouden datum: vul de gehouden datum in of laat de uitkomst leeg',
        'an outcome without a held date: fill in the held date or leave the outcome empty',
      );
      p.check(
        p.raw('uitgevoerd_door') === '',
        'uitgevoerd_door',
        'held_by_without_held',
        'uitgevoerd door, maar zonder gehouden datum',
        'held by, but without a held date',
      );
    }
    if (planned && t?.start)
      p.check(
        planned >= t.start,
        'geplande_datum',
        'planned_before_start',
        `gepland op ${formatDateNl(planned)}, vóór de start van het traject (${formatDateNl(t.start)})`,
        `planned on ${planned}, before the trajectory's start (${t.start})`,
      );
    if (id !== undefined && gemeente && planned) {
      const key = `${gemeente}|${id}|${planned}`;
      const earlier = state.seen.get(key);
      if (earlier !== undefined)
        p.problems.push({
          column: 'geplande_datum',
          code: 'duplicate_line',
          nl: `hetzelfde evaluatiemoment (traject en geplande datum) staat ook op regel ${earlier}`,
          en: `the same evaluation moment (trajectory and planned date) is also on line ${earlier}`,
        });
      else state.seen.set(key, ctx.line);
    }
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return {
      record: {
        gemeente: gemeente!,
        key: `${id}|${planned}`,
        values: {
          gemeente_code: gemeente,
          trajectory_id: id,
          planned_date: planned,
          held_date: held,
          outcome: result,
          held_by: by,
          source_run_id: 0,
          ...lineage(ctx),
        },
      },
      problems: [],
    };
  },
  async write(tx, batch, runId) {
    return upsert(
      tx,
      'evaluation_moment',
      ['gemeente_code', 'trajectory_id', 'planned_date'],
      withRun(batch, runId),
      runId,
      "trajectory_id || '|' || to_char(planned_date, 'YYYY-MM-DD')",
    );
  },
};
