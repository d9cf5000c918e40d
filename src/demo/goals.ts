/**
 * Demo goals, so the Doelen page, the overview and the council report show what goals look like.
 * Only on demo gemeenten, and only once.
 */
import type { Store } from '../store/sql.js';

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
