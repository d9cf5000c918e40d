/**
 * Demo pilots (issue 21), so the page Pilots en projecten, `zicht pilots` and the register's status show something
 * real: three pilots of the kinds Deventer, Utrecht and Zaltbommel run (seeds 000, 001, 003) — a POH-jeugd at GP
 * practices, jeugdhulp at school, a wijk pilot — each measured by a demo goal (src/demo/goals.ts, on existing demo
 * indicators), with evaluation moments around today (one overdue), one released story as evidence and the demo
 * business case linked. Dates are relative to the day the demo is served, so the register always has running pilots.
 * Only on the first demo gemeente, and only once; after the demo goals and business case.
 */
import type { Store } from '../store/sql.js';
import { addMonths, dutchToday } from '../domain/dates.js';
import { insertPilot, type PilotEvaluation } from '../app/pilots.js';

export async function ensureDemoPilots(store: Store, today = dutchToday()): Promise<void> {
  const [g] = await store.query<{ code: string }>('SELECT code FROM gemeente WHERE demo ORDER BY code LIMIT 1');
  if (!g || (await store.query('SELECT 1 FROM pilot WHERE gemeente_code = $1', [g.code])).length > 0) return;
  const goals = await store.query<{ id: number; indicator_id: string }>(
    'SELECT id::int AS id, indicator_id FROM goal WHERE gemeente_code = $1 ORDER BY id',
    [g.code],
  );
  const goal = (indicator: string) =>
    goals
      .filter((x) => x.indicator_id === indicator)
      .map((x) => x.id)
      .slice(0, 1);
  const [bc] = await store.query<{ id: number }>(
    'SELECT id::int AS id FROM business_case WHERE gemeente_code = $1 ORDER BY id LIMIT 1',
    [g.code],
  );
  const year = Number(today.slice(0, 4));
  const open = (planned: string): PilotEvaluation => ({ planned, outcome: null, decidedOn: null, decision: null });
  const [story] = await store.query<{ id: number }>(
    `INSERT INTO narrative (gemeente_code, indicator_id, period, author, body, visibility)
     VALUES ($1, 'specialist_referral_rate', $2, 'demo', $3, 'extern') RETURNING id::int AS id`,
    [
      g.code,
      String(year - 1),
      'Huisartsen in de drie deelnemende praktijken bespreken twijfelgevallen nu eerst met de POH-jeugd; een deel ' +
        'van de gezinnen vindt daarna de weg naar basishulp in de wijk in plaats van een verwijzing naar specialistische zorg.',
    ],
  );
  const base = { gemeente: g.code, storyIds: [] as number[], businessCaseIds: [] as number[] };
  await insertPilot(
    store,
    {
      ...base,
      name: 'POH-jeugd bij huisartsenpraktijken',
      description:
        'Een praktijkondersteuner jeugd bij drie huisartsenpraktijken, zodat minder kinderen direct naar ' +
        'specialistische jeugdhulp worden verwezen.',
      budgetSource: 'innovatie',
      budgetCents: 360_000_00,
      start: `${year - 1}-01-01`,
      end: `${year + 1}-12-31`,
      owner: 'team Jeugd en Gezin',
      goalIds: goal('specialist_referral_rate'),
      storyIds: story ? [story.id] : [],
      evaluations: [
        {
          planned: `${year - 1}-12-15`,
          outcome: 'doorgaan',
          decidedOn: `${year - 1}-12-18`,
          decision: 'Doorgaan; in het tweede jaar een vierde praktijk erbij.',
        },
        open(addMonths(today, 5)),
      ],
    },
    'demo',
  );
  await insertPilot(
    store,
    {
      ...base,
      name: 'Jeugdhulp op school',
      description:
        'Een jeugdhulpverlener op twee scholen voor voortgezet onderwijs: vroeg erbij bij verzuim en zorgen, ' +
        'zonder beschikking.',
      budgetSource: 'maatwerk',
      budgetCents: 240_000_00,
      start: `${year - 1}-08-01`,
      end: `${year + 2}-07-31`,
      owner: 'beleidsteam onderwijs en jeugd',
      goalIds: goal('dropout'),
      // the first moment is two months past without an outcome: te laat, so the page shows one that is not on track
      evaluations: [open(addMonths(today, -2)), open(addMonths(today, 10))],
    },
    'demo',
  );
  await insertPilot(
    store,
    {
      ...base,
      name: 'Wijkaanpak jeugd en gezin',
      description: 'Het wijkteam biedt zelf lichte begeleiding in plaats van arrangementen A en B bij aanbieders.',
      budgetSource: 'subsidie',
      budgetCents: 180_000_00,
      start: `${year - 2}-01-01`,
      end: `${year}-12-31`,
      owner: 'wijkteam',
      goalIds: goal('wait_allocation_to_start'),
      businessCaseIds: bc ? [bc.id] : [],
      evaluations: [
        {
          planned: `${year - 1}-06-30`,
          outcome: 'bijstellen',
          decidedOn: `${year - 1}-07-05`,
          decision: 'Bijstellen: minder inzet op aanmelding, meer op begeleiding thuis.',
        },
        open(addMonths(today, 1)),
      ],
    },
    'demo',
  );
}
