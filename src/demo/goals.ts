/**
 * Demo goals, so the Doelen page, the overview and the council report show what goals look like.
 * Only on demo gemeenten, and only once.
 */
import type { Store } from '../store/sql.js';
import { insertBusinessCase } from '../app/businessCases.js';

/**
 * The demo goals. Each one's words name exactly what it is measured with — indicator, split and norm —
 * so "binnen 6 weken" is the share within the 42-day start norm, not the five-working-day iJw lead
 * time, and "specialistische jeugdhulp" is the specialist referral rate (arrangements D–I), not all
 * youth care. `src/demo/goals.test.ts` checks every goal here against its words.
 */
export interface DemoGoal {
  readonly indicator: string;
  readonly split: { readonly by: string; readonly key: string } | null;
  readonly title: string;
  readonly target: number;
  /** deadline: the end of this year (0) or of the next (1) */
  readonly yearsAhead: 0 | 1;
  readonly owner: string;
}

export const DEMO_GOALS: readonly DemoGoal[] = [
  {
    indicator: 'specialist_referral_rate',
    split: null,
    yearsAhead: 1,
    owner: 'wethouder jeugd',
    target: 4,
    title: 'Minder jeugdigen in specialistische jeugdhulp (arrangement D t/m I): naar 4% van de jeugdigen',
  },
  {
    indicator: 'wait_allocation_to_start',
    split: { by: 'statistiek', key: 'binnen_norm' },
    yearsAhead: 1,
    owner: 'teamleider toegang',
    target: 95,
    title: 'Zorg start binnen 6 weken (42 dagen) na de toewijzing: 95% binnen de norm',
  },
  {
    indicator: 'dropout',
    split: null,
    yearsAhead: 0,
    owner: 'contractmanager',
    target: 10,
    title: 'Minder uitval: onder 10%',
  },
];

export async function ensureDemoGoals(store: Store): Promise<void> {
  const [g] = await store.query<{ code: string }>('SELECT code FROM gemeente WHERE demo ORDER BY code LIMIT 1');
  if (!g || (await store.query('SELECT 1 FROM goal WHERE gemeente_code = $1', [g.code])).length > 0) return;
  const year = new Date().getFullYear();
  for (const d of DEMO_GOALS) {
    await store.query(
      `INSERT INTO goal (gemeente_code, indicator_id, title, target_value, deadline, owner, split_by, split_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        g.code,
        d.indicator,
        d.title,
        d.target,
        `${year + d.yearsAhead}-12-31`,
        d.owner,
        d.split?.by ?? null,
        d.split?.key ?? null,
      ],
    );
  }
}

/**
 * A demo business case in the spirit of Heusden's Jeugd- en gezinsteam (seed 000): a team that is
 * to replace light arrangements (intensity A and B), started two years before the last complete
 * year of data, with the baseline the year before. Only once, on the first demo gemeente.
 */
export async function ensureDemoBusinessCase(store: Store): Promise<void> {
  const [g] = await store.query<{ code: string; last: string | null }>(
    "SELECT g.code, (SELECT to_char(max(period_end), 'YYYY-MM-DD') FROM claim_line c WHERE c.gemeente_code = g.code) AS last FROM gemeente g WHERE g.demo ORDER BY g.code LIMIT 1",
  );
  if (!g?.last || (await store.query('SELECT 1 FROM business_case WHERE gemeente_code = $1', [g.code])).length > 0)
    return;
  const lastComplete = Number(g.last.slice(0, 4)) - (g.last.endsWith('12-31') ? 0 : 1);
  const start = lastComplete - 2;
  const euro = (e: number) => e * 100;
  await insertBusinessCase(
    store,
    {
      gemeente: g.code,
      title: 'Jeugd- en gezinsteam (demo)',
      baselineYear: start - 1,
      startYear: start,
      baselineMethod: 'trend',
      description:
        'Een team in de wijk dat lichte arrangementen (intensiteit A en B) vervangt door eigen begeleiding. Investering: personeel en huisvesting.',
      intensities: ['A', 'B'],
      productCategories: [],
      investmentCents: {
        [start]: euro(450_000),
        [start + 1]: euro(420_000),
        [start + 2]: euro(420_000),
        [start + 3]: euro(420_000),
      },
      targetSavingsCents: {
        [start]: euro(300_000),
        [start + 1]: euro(600_000),
        [start + 2]: euro(900_000),
        [start + 3]: euro(1_000_000),
      },
      owner: 'beleidsadviseur jeugd',
    },
    'demo',
  );
}
