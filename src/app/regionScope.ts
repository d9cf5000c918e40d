/**
 * Figures that stand on a whole jeugdregio (an indicator with `regionWide`, solidarity_share): the key's cost of one
 * gemeente is a share of the region's total, so with the share beside it the total — and the rest of the region
 * beyond the own gemeente — comes back exactly. A caller whose scope does not hold every gemeente of those regions
 * gets such figures published, as the reports publish a regio figure for such a caller (reports/builder.ts publish).
 */
import type { Lens } from '../lens/lens.js';
import { sql } from '../lens/sql.js';
import type { Principal } from './access.js';

/** Does a figure over these gemeenten stand on a gemeente of their regions outside the caller's scope? */
export async function regionBeyondScope(lens: Lens, p: Principal, gemeenten: readonly string[]): Promise<boolean> {
  const rows = await lens.query<{ code: string; region_code: string | null }>(
    sql`SELECT code, region_code FROM gemeente ORDER BY code`,
  );
  const regionOf = new Map(rows.map((r) => [r.code, r.region_code ?? '']));
  const asked = gemeenten.length > 0 ? gemeenten : p.gemeenten;
  const regions = new Set(asked.map((g) => regionOf.get(g) ?? '').filter((r) => r !== ''));
  return rows.some((r) => regions.has(r.region_code ?? '') && !p.gemeenten.includes(r.code));
}
