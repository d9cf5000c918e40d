/**
 * Canonical CSV `ervaringen` (client-experience results per provider, product and period: a kwaliteitsmonitor or
 * Ervaringswijzer export) and `klachten` (complaints and contacts with the vertrouwenspersoon, AKJ), issue 20 and
 * docs/csv-formaat.md. The vocabulary is domain/voice.ts. A survey's rows must agree on its invitations and one
 * result per question is allowed in a file, so `prepare` keeps what the file's earlier rows said and a problem can
 * name the earlier line.
 */
import { formatDateNl } from '../../domain/dates.js';
import { PRODUCT_CATEGORY } from '../../domain/codelists.js';
import { parsePeriod, periodEnd, periodStart } from '../../domain/periods.js';
import {
  COMPLAINT_KINDS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_THEMES,
  EXPERIENCE_THEMES,
  SCORE_MAX,
  SCORE_MIN,
} from '../../domain/voice.js';
import { fail, ok, oneOf, parseAgb, parseCode, parseDate, type Parsed } from './fields.js';
import { pseudonymFor } from './identity.js';
import {
  RowParser,
  decimalParser,
  gemeenteParser,
  lineage,
  text,
  freeText,
  upsert,
  withRun,
  type Canonical,
  type RecordType,
} from './recordKit.js';
import type { Sql } from '../../store/sql.js';

/** A number of persons: a whole number, 0 or more (a negative count is said as such, not as "out of range"). */
const count = (raw: string): Parsed<number> => {
  const s = raw.trim();
  if (/^-\d+$/.test(s))
    return fail('negative_number', 'een aantal kan niet negatief zijn', 'a number of persons cannot be negative');
  if (!/^\d+$/.test(s)) return fail('not_integer', 'geen geheel getal', 'not a whole number');
  const n = Number(s);
  return n <= 10_000_000 ? ok(n) : fail('out_of_range', 'aantal is te groot', 'number is too large');
};

const surveyPeriod = (raw: string): Parsed<{ text: string; start: string; end: string }> => {
  try {
    const p = parsePeriod(raw);
    return ok({ text: raw.trim().toUpperCase(), start: periodStart(p), end: periodEnd(p) });
  } catch {
    return fail(
      'invalid_period',
      'onbekende periode (verwacht 2024, 2024H1, 2024Q3 of 2024-03)',
      'unknown period (expected 2024, 2024H1, 2024Q3 or 2024-03)',
    );
  }
};

// ---- ervaringen ----

interface ExperienceState {
  /** per result key the line it was first on */
  readonly results: Map<string, number>;
  /** per survey (gemeente, provider, product, period) its invitations and the line that gave them */
  readonly invitations: Map<string, { n: number | null; line: number }>;
}

export const ERVARINGEN: RecordType = {
  id: 'ervaringen',
  description: 'cliëntervaringen per aanbieder, product en periode (kwaliteitsmonitor) / client-experience results',
  columns: [
    { name: 'gemeente', required: true },
    { name: 'periode', required: true },
    { name: 'aanbieder_agb', required: true },
    { name: 'productcategorie', required: false },
    { name: 'productcode', required: false },
    { name: 'thema', required: true },
    { name: 'vraag', required: false },
    { name: 'score', required: true, numeric: true },
    { name: 'aantal_antwoorden', required: true },
    { name: 'aantal_uitgenodigd', required: false },
    { name: 'aantal_positief', required: false },
  ],
  prepare: () => Promise.resolve<ExperienceState>({ results: new Map(), invitations: new Map() }),
  parse(get, ctx) {
    const state = ctx.state as ExperienceState;
    const p = new RowParser(get);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const period = p.req('periode', surveyPeriod);
    const agb = p.req('aanbieder_agb', parseAgb);
    const category = p.opt('productcategorie', (r) => parseCode(PRODUCT_CATEGORY, r, 2)) ?? '';
    const code = p.opt('productcode', freeText) ?? '';
    const theme = p.req('thema', oneOf(EXPERIENCE_THEMES, 'unknown_theme', { nl: 'thema', en: 'theme' }));
    const question = p.opt('vraag', freeText) ?? '';
    const score = p.opt('score', decimalParser(ctx, 'score'));
    const responses = p.req('aantal_antwoorden', count);
    const invitations = p.opt('aantal_uitgenodigd', count);
    const positive = p.opt('aantal_positief', count);
    if (typeof score === 'number')
      p.check(
        score >= SCORE_MIN && score <= SCORE_MAX,
        'score',
        'out_of_range',
        `de score is een gemiddeld rapportcijfer van ${SCORE_MIN} tot en met ${SCORE_MAX}`,
        `the score is a mean mark from ${SCORE_MIN} to ${SCORE_MAX}`,
      );
    const rawScore = p.raw('score');
    const mark = ctx.decimals.get('score') ?? '.';
    if (typeof score === 'number' && rawScore.includes(mark))
      p.check(
        rawScore.length - rawScore.lastIndexOf(mark) - 1 <= 2,
        'score',
        'too_many_decimals',
        'een score heeft hoogstens twee decimalen',
        'a score has at most two decimals',
      );
    if (typeof responses === 'number') {
      // a mean of no answers is no figure, and answers without their mean cannot be weighed
      if (responses > 0 && score === null)
        p.check(
          false,
          'score',
          'required',
          'verplicht veld is leeg: er zijn antwoorden',
          'required field is empty: there are responses',
        );
      if (responses === 0 && typeof score === 'number')
        p.check(
          false,
          'score',
          'score_without_responses',
          'een score zonder antwoorden (aantal_antwoorden is 0)',
          'a score without responses (aantal_antwoorden is 0)',
        );
      if (typeof invitations === 'number')
        p.check(
          responses <= invitations,
          'aantal_antwoorden',
          'responses_exceed_invitations',
          `meer antwoorden (${responses}) dan uitgenodigden (${invitations})`,
          `more responses (${responses}) than invitations (${invitations})`,
        );
      if (typeof positive === 'number')
        p.check(
          positive <= responses,
          'aantal_positief',
          'positive_exceed_responses',
          `meer positieve antwoorden (${positive}) dan antwoorden (${responses})`,
          `more positive responses (${positive}) than responses (${responses})`,
        );
    }
    if (gemeente && period && agb && theme !== undefined) {
      const survey = `${gemeente}|${agb}|${category}|${code}|${period.text}`;
      const key = `${survey}|${theme}|${question.toLowerCase()}`;
      const earlier = state.results.get(key);
      if (earlier !== undefined)
        p.problems.push({
          column: 'vraag',
          code: 'duplicate_line',
          nl: `dezelfde uitkomst (aanbieder, product, periode, thema en vraag) staat ook op regel ${earlier}`,
          en: `the same result (provider, product, period, theme and question) is also on line ${earlier}`,
        });
      else state.results.set(key, ctx.line);
      // one survey has one number of invitations: two would make its response rate depend on the row read
      if (invitations !== undefined) {
        const seen = state.invitations.get(survey);
        if (seen === undefined) state.invitations.set(survey, { n: invitations, line: ctx.line });
        else if (seen.n !== null && invitations !== null && seen.n !== invitations)
          p.problems.push({
            column: 'aantal_uitgenodigd',
            code: 'invitations_differ',
            nl: `regel ${seen.line} geeft voor dezelfde meting (aanbieder, product, periode) ${seen.n} uitgenodigden`,
            en: `line ${seen.line} gives ${seen.n} invitations for the same survey (provider, product, period)`,
          });
        else if (seen.n === null && invitations !== null)
          state.invitations.set(survey, { n: invitations, line: ctx.line });
      }
    }
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return {
      record: {
        gemeente: gemeente!,
        key: `${agb}|${category}|${code}|${period!.text}|${theme}|${question}`,
        values: {
          gemeente_code: gemeente,
          provider_agb: agb,
          product_category: category,
          product_code: code,
          period: period!.text,
          period_start: period!.start,
          period_end: period!.end,
          theme,
          question,
          score,
          responses,
          invitations,
          positive,
          source_run_id: 0,
          ...lineage(ctx),
        },
      },
      problems: [],
    };
  },
  async write(tx, batch, runId) {
    await registerProviders(tx, batch);
    return upsert(
      tx,
      'experience_result',
      ['gemeente_code', 'provider_agb', 'product_category', 'product_code', 'period', 'theme', 'question'],
      withRun(batch, runId),
      runId,
      "provider_agb || '|' || product_category || '|' || product_code || '|' || period || '|' || theme || '|' || question",
    );
  },
};

/** A provider named only here still gets its row (its name comes later), as trajecten.csv does. */
async function registerProviders(tx: Sql, batch: readonly Canonical[]): Promise<void> {
  const agbs = [...new Set(batch.map((r) => r.values.provider_agb).filter((a): a is string => typeof a === 'string'))];
  if (agbs.length > 0)
    await tx.query('INSERT INTO provider (agb) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [agbs]);
}

// ---- klachten ----

const complaintKind = (raw: string): Parsed<string> => {
  const s = raw.trim().toLowerCase();
  // the register of the AKJ says "AKJ" or "vertrouwenspersoon-contact" for the same thing
  if (s === 'akj' || s === 'vertrouwenspersoon-contact' || s === 'vertrouwenspersoon contact')
    return ok('vertrouwenspersoon');
  return oneOf(COMPLAINT_KINDS, 'unknown_kind', { nl: 'soort', en: 'kind' })(s);
};

export const KLACHTEN: RecordType = {
  id: 'klachten',
  description: 'klachten en contacten met de vertrouwenspersoon (AKJ) / complaints and confidential-adviser contacts',
  columns: [
    { name: 'klacht_id', required: true },
    { name: 'gemeente', required: true },
    { name: 'soort', required: true },
    { name: 'thema', required: true },
    { name: 'aanbieder_agb', required: false },
    { name: 'datum', required: true },
    { name: 'uitkomst', required: false },
    { name: 'client_id', required: false },
  ],
  parse(get, ctx) {
    const p = new RowParser(get);
    const id = p.req('klacht_id', text);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const kind = p.req('soort', complaintKind);
    const theme = p.req('thema', oneOf(COMPLAINT_THEMES, 'unknown_theme', { nl: 'thema', en: 'theme' }));
    const agb = p.opt('aanbieder_agb', parseAgb);
    const date = p.req('datum', parseDate);
    if (date)
      p.check(
        date <= ctx.today,
        'datum',
        'date_in_future',
        `de datum ligt na vandaag (${formatDateNl(ctx.today)}): een klacht die nog niet binnen is, hoort niet in het bestand`,
        `the date is after today (${ctx.today}): a complaint not yet received does not belong in the file`,
      );
    const outcome = p.opt('uitkomst', oneOf(COMPLAINT_OUTCOMES, 'unknown_outcome', { nl: 'uitkomst', en: 'outcome' }));
    const youth = p.opt('client_id', (r) => pseudonymFor(r, ctx.key, ctx.recordRef));
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return {
      record: {
        gemeente: gemeente!,
        key: id!,
        values: {
          gemeente_code: gemeente,
          complaint_id: id,
          kind,
          theme,
          provider_agb: agb,
          complaint_date: date,
          outcome,
          youth_pseudonym: youth,
          source_run_id: 0,
          ...lineage(ctx),
        },
      },
      problems: [],
    };
  },
  async write(tx, batch, runId) {
    await registerProviders(tx, batch);
    return upsert(tx, 'complaint', ['gemeente_code', 'complaint_id'], withRun(batch, runId), runId, 'complaint_id');
  },
};
