/**
 * Demo goals, so the Doelen page, the overview and the council report show what goals look like.
 * Only on demo gemeenten, and only once.
 */
import type { Store } from '../store/sql.js';
import { insertBusinessCase } from '../store/businessCases.js';

export async function ensureDemoGoals(store: Store): Promise<void> {
  const [g] = await store.query<{ code: string }>("SELECT code FROM gemeente WHERE demo ORDER BY code LIMIT 1");
  if (!g || (await store.query('SELECT 1 FROM goal WHERE gemeente_code = $1', [g.code])).length > 0) return;
  const year = new Date().getFullYear();
  await store.query(
    `INSERT INTO goal (gemeente_code, indicator_id, title, target_value, deadline, owner) VALUES
      ($1, 'pct_youth_in_care', 'Minder jeugdigen in specialistische jeugdhulp: naar 8,0%', 8.0, $2, 'wethouder jeugd'),
      ($1, 'wait_request_to_allocation', 'Binnen 8 weken een toewijzing: mediane wachttijd onder 20 dagen', 20, $2, 'teamleider toegang'),
      ($1, 'dropout', 'Minder uitval: onder 10%', 10, $3, 'contractmanager')`,
    [g.code, `${year + 1}-12-31`, `${year}-12-31`]);
}

/**
 * A demo business case in the spirit of Heusden's Jeugd- en gezinsteam (seed 000): a team that is
 * to replace light arrangements (intensity A and B), started two years before the last complete
 * year of data, with the baseline the year before. Only once, on the first demo gemeente.
 */
export async function ensureDemoBusinessCase(store: Store): Promise<void> {
  const [g] = await store.query<{ code: string; last: string | null }>(
    "SELECT g.code, (SELECT to_char(max(period_end), 'YYYY-MM-DD') FROM claim_line c WHERE c.gemeente_code = g.code) AS last FROM gemeente g WHERE g.demo ORDER BY g.code LIMIT 1");
  if (!g?.last || (await store.query('SELECT 1 FROM business_case WHERE gemeente_code = $1', [g.code])).length > 0) return;
  const lastComplete = Number(g.last.slice(0, 4)) - (g.last.endsWith('12-31') ? 0 : 1);
  const start = lastComplete - 2;
  const euro = (e: number) => e * 100;
  await insertBusinessCase(store, {
    gemeente: g.code, title: 'Jeugd- en gezinsteam (demo)', baselineYear: start - 1, startYear: start, baselineMethod: 'trend',
    description: 'Een team in de wijk dat lichte arrangementen (intensiteit A en B) vervangt door eigen begeleiding. Investering: personeel en huisvesting.',
    intensities: ['A', 'B'], productCategories: [],
    investmentCents: { [start]: euro(450_000), [start + 1]: euro(420_000), [start + 2]: euro(420_000), [start + 3]: euro(420_000) },
    targetSavingsCents: { [start]: euro(300_000), [start + 1]: euro(600_000), [start + 2]: euro(900_000), [start + 3]: euro(1_000_000) },
    owner: 'beleidsadviseur jeugd',
  }, 'demo');
}
