/**
 * Norms behind some indicators, with the catalogue's defaults; a region may set its own in Beheer
 * (table norm, copied into the lens). An indicator asks for the norm of the gemeenten it computes:
 * the region's value when they share one region (the usual case: one installation per jeugdregio),
 * otherwise the default, so one figure never mixes two norms.
 */
import type { Lens } from '../lens/lens.js';
import { joinSql, sql } from '../lens/sql.js';

export const NORMS = {
  toewijzing_zonder_start_dagen: {
    default: 42,
    min: 7,
    max: 365,
    unit: 'dagen',
    nl: 'Toewijzing zonder start is een signaal na',
    en: 'An allocation without a start is a signal after',
  },
  lang_lopend_maanden: {
    default: 18,
    min: 3,
    max: 120,
    unit: 'maanden',
    nl: 'Een traject loopt lang na',
    en: 'A trajectory is long-running after',
  },
  wachttijd_aanvraag_start_dagen: {
    default: 56,
    min: 7,
    max: 365,
    unit: 'dagen',
    nl: 'Van aanvraag tot start zorg binnen',
    en: 'From request to start of care within',
  },
  berichten_werkdagen: {
    default: 5,
    min: 1,
    max: 30,
    unit: 'werkdagen',
    nl: 'Start- en stopberichten op tijd binnen',
    en: 'Start and stop messages on time within',
  },
} as const;
export type NormKey = keyof typeof NORMS;

export function isNormKey(k: string): k is NormKey {
  return k in NORMS;
}

export async function normValue(lens: Lens, key: NormKey, gemeenten: readonly string[]): Promise<number> {
  const filter = gemeenten.length > 0 ? sql`WHERE code IN (${joinSql(gemeenten.map((g) => sql`${g}`))})` : sql``;
  const rows = await lens.query<{ value: number | null; regions: number }>(sql`
    WITH r AS (SELECT DISTINCT region_code FROM gemeente ${filter})
    SELECT (SELECT any_value(n.value) FROM norm n WHERE n.region_code = (SELECT min(region_code) FROM r) AND n.key = ${key}) AS value,
           (SELECT count(*) FROM r)::INTEGER AS regions`);
  const row = rows[0];
  return row && row.regions === 1 && row.value !== null ? Number(row.value) : NORMS[key].default;
}
