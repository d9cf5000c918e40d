/**
 * zicht pilots: the pilot and project register (issue 21) with each pilot's status on a day — budget, horizon, goals
 * with their status, evaluation moments — and per gemeente how many running pilots are on track (pilots_on_track).
 * `list` (default) or `show <nummer>`; `--json` for other programs. The operator's view: every pilot, exact figures.
 */
import { evaluateGoalsOn, loadGoals } from '../../app/goals.js';
import { LensHolder } from '../../app/lensHolder.js';
import { loadPilots, pilotRegister, type PilotView } from '../../app/pilots.js';
import { dutchToday, formatDateNl, isIsoDate } from '../../domain/dates.js';
import { UserError } from '../../domain/errors.js';
import { BUDGET_SOURCE_LABELS, EVALUATION_OUTCOME_LABELS } from '../../domain/pilots.js';
import { open, type Config } from '../config.js';
import { fmtEur, table } from '../format.js';
import { defineCommand } from '../options.js';

const USAGE =
  'Gebruik / usage: zicht pilots [list] [--gemeente <code>] [--peildatum <JJJJ-MM-DD>] [--json] | show <nummer>';

/** the budget to the cent where one pilot is shown (the list rounds to whole euros, as every amount in a table) */
const exactEur = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

const phaseNl = (p: PilotView) =>
  p.status.phase === 'lopend' ? (p.status.onTrack ? 'op koers' : 'niet op koers') : p.status.phase;

export async function pilotsCommand(
  cfg: Config,
  positionals: string[],
  flags: { gemeente?: string | undefined; peildatum?: string | undefined; json?: boolean | undefined },
): Promise<number> {
  const [sub = 'list', arg] = positionals;
  if ((sub !== 'list' && sub !== 'show') || (sub === 'show' && !/^[1-9][0-9]{0,15}$/.test(arg ?? '')))
    throw new UserError('gebruik', { nl: USAGE });
  const day = flags.peildatum ?? dutchToday();
  if (!isIsoDate(day)) throw new UserError('ongeldige_datum.peildatum', { day });
  const store = await open(cfg);
  const lens = new LensHolder(cfg.dataDir);
  try {
    const gemeenten = flags.gemeente
      ? flags.gemeente.split(',').map((g) => g.trim().padStart(4, '0'))
      : (await store.query<{ code: string }>('SELECT code FROM gemeente ORDER BY code')).map((r) => r.code);
    const pilots = await loadPilots(store, gemeenten, sub === 'show' ? Number(arg) : undefined);
    if (sub === 'show' && pilots.length === 0) throw new UserError('onbekende_pilot');
    const linked = new Set(pilots.flatMap((p) => p.goalIds));
    const goals = pilots.length === 0 ? [] : (await loadGoals(store, gemeenten)).filter((g) => linked.has(g.id));
    const storyIds = [...new Set(pilots.flatMap((p) => p.storyIds))];
    const stories = (
      await store.query<{ id: number; body: string; created_at: Date | string }>(
        'SELECT id::int AS id, body, created_at FROM narrative WHERE id = ANY($1)',
        [storyIds],
      )
    ).map((s) => ({ id: s.id, body: s.body, createdAt: new Date(s.created_at).toISOString() }));
    const shown =
      sub === 'show' ? [pilots[0]!.gemeente] : gemeenten.filter((g) => pilots.some((p) => p.gemeente === g));
    // no lens is opened for a register without goals (a fresh data directory has none)
    // the goals as they stood on the peildatum, as the pilot's status is
    const evaluated = goals.length === 0 ? [] : await evaluateGoalsOn(lens, goals, day, dutchToday());
    const reg = pilotRegister(pilots, evaluated, stories, day, shown);
    if (flags.json) {
      console.log(JSON.stringify(reg, null, 2));
      return 0;
    }
    if (reg.pilots.length === 0) {
      console.log(
        'Geen pilots of projecten vastgelegd (vastleggen: pagina Pilots en projecten, of POST /api/v1/pilots).',
      );
      return 0;
    }
    console.log(`Pilots en projecten op ${formatDateNl(day)}`);
    if (sub === 'list') {
      console.log(
        table(
          ['nr', 'gemeente', 'naam', 'budgetbron', 'budget', 'looptijd', 'doelen', 'status'],
          reg.pilots.map((p) => [
            String(p.id),
            p.gemeente,
            p.name,
            BUDGET_SOURCE_LABELS[p.budgetSource],
            fmtEur(p.budget),
            `${formatDateNl(p.start)} – ${formatDateNl(p.end)}`,
            String(p.goals.length),
            phaseNl(p),
          ]),
          [true, false, false, false, true, false, true, false],
        ),
      );
    } else {
      const p = reg.pilots[0]!;
      console.log(`\n${p.name} (nr ${p.id}, gemeente ${p.gemeente}) · eigenaar: ${p.owner}`);
      if (p.description) console.log(p.description);
      console.log(
        `Budget ${exactEur.format(p.budget)} (${BUDGET_SOURCE_LABELS[p.budgetSource]}) · ${formatDateNl(p.start)} – ${formatDateNl(p.end)} · ${phaseNl(p)}`,
      );
      for (const r of p.status.reasonsNl) console.log(`  - ${r}`);
      console.log('\nDoelen');
      console.log(
        p.goals.length === 0
          ? '  geen'
          : table(
              ['doel', 'indicator', 'streefwaarde', 'deadline', 'status'],
              p.goals.map((g) => [
                g.title,
                g.indicator,
                String(g.target).replace('.', ','),
                formatDateNl(g.deadline),
                g.evaluation.status,
              ]),
            ),
      );
      console.log('\nEvaluatiemomenten');
      console.log(
        p.evaluations.length === 0
          ? '  geen'
          : table(
              ['gepland', 'uitkomst', 'besloten', 'besluit'],
              p.evaluations.map((e) => [
                formatDateNl(e.planned) + (p.status.overdue.includes(e.planned) ? ' (te laat)' : ''),
                e.outcome ? EVALUATION_OUTCOME_LABELS[e.outcome] : '–',
                e.decidedOn ? formatDateNl(e.decidedOn) : '–',
                e.decision ?? '',
              ]),
            ),
      );
      for (const s of p.stories) console.log(`\nVerhaal: ${s.body}`);
      for (const b of p.businessCases) console.log(`Business case: ${b.title} (nr ${b.id})`);
    }
    for (const s of reg.summary)
      console.log(
        `\nGemeente ${s.gemeente}: ${s.pilotsOnTrack} van ${s.runningPilots} lopende pilots op koers` +
          (s.sharePilotsOnTrack === null ? '' : ` (${String(s.sharePilotsOnTrack).replace('.', ',')}%)`),
      );
    return 0;
  } finally {
    lens.close();
    await store.close();
  }
}

/** `zicht pilots`: its help, its options and what runs it (the registry is commands/index.ts). */
export const pilotsSpec = defineCommand({
  name: 'pilots',
  help: [
    'pilots en projecten met budget, looptijd, doelen, evaluatiemomenten en of ze op koers zijn:',
    '[list] [--gemeente <code>] [--peildatum <JJJJ-MM-DD>] [--json] | show <nummer>',
  ],
  options: {
    gemeente: { type: 'string', value: '<code>', nl: 'gemeente(n), komma-gescheiden', en: 'municipality (or several)' },
    peildatum: {
      type: 'string',
      value: '<JJJJ-MM-DD>',
      nl: 'dag van de status (standaard vandaag)',
      en: 'day of the status (default today)',
    },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, p, f) => pilotsCommand(cfg, p, f),
});
