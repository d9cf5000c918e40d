/** Chain quality: allocations without a start, claims without a (matching) allocation. */
import { dateValue, sql } from '../lens/sql.js';
import { NORMS, normValue } from './norms.js';
import { addDays } from '../domain/dates.js';
import { periodEnd } from '../domain/periods.js';
import type { Figure } from './kernel.js';
import { bounds, gemeenteFilter, pct } from './sql.js';
import { defineIndicator } from './kernel.js';

/** Default; a region sets its own in Beheer (indicators/norms.ts). */
export const ALLOCATION_WITHOUT_START_DAYS = NORMS.toewijzing_zonder_start_dagen.default;

export const allocationsWithoutStart = defineIndicator({
  definition: {
    id: 'allocations_without_start',
    nameNl: 'toewijzingen zonder start',
    nameEn: 'allocations without a start',
    definitionNl: `Toewijzingen die op de laatste dag van de periode ouder zijn dan de norm (standaard ${ALLOCATION_WITHOUT_START_DAYS} dagen; de regio kan een eigen norm instellen in Beheer) en geen start (JW305) hebben, en niet zijn ingetrokken.`,
    definitionEn: `Allocations older than the norm (default ${ALLOCATION_WITHOUT_START_DAYS} days; a region can set its own) on the last day of the period without a start message, not withdrawn.`,
    unit: 'aantal',
    direction: 'lager_beter',
    sources: ['trajecten', 'iJw JW301/JW305'],
    cbsNote: null,
  },
  dimensions: { aanbieder: sql`provider_agb` },
  async figures({ lens, q, dim }) {
    const cutoff = addDays(
      periodEnd(q.period),
      -Math.round(await normValue(lens, 'toewijzing_zonder_start_dagen', q.gemeenten)),
    );
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(*)::INTEGER AS n FROM trajectory
      WHERE start_date IS NULL AND NOT withdrawn AND allocation_date <= ${dateValue(cutoff)}
        AND (allocation_end IS NULL OR allocation_end >= ${dateValue(periodEnd(q.period))}) AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) => ({ gemeente: r.gemeente_code, value: r.n, numerator: r.n, key: r.k }));
  },
});

export const claimsWithoutAllocation = defineIndicator<{ gemeente_code: string; k: string; n: number; total: number }>({
  definition: {
    id: 'claims_without_allocation',
    nameNl: 'declaraties zonder toewijzing',
    nameEn: 'claims without an allocation',
    definitionNl:
      'Declaratieregels met een prestatieperiode in de periode waarvan het traject of toewijzingsnummer onbekend is, of waarvan de prestatieperiode buiten de looptijd van de toewijzing valt.',
    definitionEn:
      'Claim lines in the period whose trajectory or allocation number is unknown, or whose product period falls outside the allocation.',
    unit: 'aantal',
    direction: 'lager_beter',
    sources: ['declaraties', 'trajecten'],
    cbsNote: null,
  },
  dimensions: { reden: null },
  query: ({ q }) => {
    const b = bounds(q.period);
    return sql`
      WITH c AS (
        SELECT c.gemeente_code,
          -- the lens resolved the trajectory a line belongs to: the one it names, else by its allocation number
          -- (lens/tables.ts claim_line)
          CASE WHEN t.trajectory_id IS NULL THEN 'onbekende toewijzing'
               WHEN c.period_start < t.eff_start
                 OR c.period_end > coalesce(t.eff_end, t.allocation_end, DATE '9999-12-31') THEN 'buiten looptijd toewijzing'
               ELSE 'in orde' END AS k
        FROM claim_line c
        LEFT JOIN traj t ON t.gemeente_code = c.gemeente_code AND t.trajectory_id = c.trajectory_id
        WHERE c.period_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q, sql`c.gemeente_code`)})
      SELECT gemeente_code, k, count(*)::INTEGER AS n, (sum(count(*)) OVER (PARTITION BY gemeente_code))::INTEGER AS total
      FROM c GROUP BY 1, 2 ORDER BY 1, 2`;
  },
  toRows: (rows, { by }) => {
    const out: Figure[] = [];
    for (const g of new Set(rows.map((r) => r.gemeente_code))) {
      const mine = rows.filter((r) => r.gemeente_code === g);
      const total = mine[0]!.total;
      const bad = mine.filter((r) => r.k !== 'in orde');
      if (by === 'reden')
        for (const r of bad) out.push({ gemeente: g, value: r.n, numerator: r.n, denominator: total, key: r.k });
      else {
        const n = bad.reduce((s, r) => s + r.n, 0);
        out.push({ gemeente: g, value: n, numerator: n, denominator: total });
      }
    }
    return out;
  },
});

/** Retour code meaning "no remark on this message class": everything else is a remark or a rejection. */
export const RETOUR_OK = '0200';

export const messageRejections = defineIndicator({
  definition: {
    id: 'message_rejections',
    nameNl: 'afgekeurde berichten',
    nameEn: 'rejected messages',
    definitionNl: `Van de retourberichten (JW302/306/308/316/318/320) met een retourdatum in de periode: het aandeel met minstens één retourcode anders dan ${RETOUR_OK} (geen opmerking). Een afgekeurd bericht moet opnieuw worden gestuurd; veel afkeur vertraagt de keten. Met --by retourcode: het aantal retourberichten per code.`,
    definitionEn: `Of the retour messages dated in the period: the share with at least one return code other than ${RETOUR_OK} (no remark). With --by retourcode: retour messages per code.`,
    unit: 'procent',
    direction: 'lager_beter',
    sources: ['iJw JW302/JW306/JW308/JW316/JW318/JW320'],
    cbsNote: null,
  },
  dimensions: { bericht: sql`message_type`, retourcode: null },
  async figures({ lens, q, by, dim }): Promise<Figure[]> {
    const b = bounds(q.period);
    const base = sql`FROM ijw_event WHERE event_type = 'retour' AND event_date BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)}`;
    if (by === 'retourcode') {
      const rows = await lens.query<{ gemeente_code: string; code: string; n: number; total: number }>(sql`
        WITH m AS (SELECT gemeente_code, logical_key, unnest(string_split(coalesce(retour_codes, ''), ',')) AS code ${base})
        SELECT gemeente_code, code, count(DISTINCT logical_key)::INTEGER AS n,
          (SELECT count(DISTINCT logical_key) ${base} AND ijw_event.gemeente_code = m.gemeente_code)::INTEGER AS total
        FROM m WHERE code <> '' GROUP BY 1, 2 ORDER BY 1, 2`);
      return rows.map((r) => ({
        gemeente: r.gemeente_code,
        value: r.n,
        numerator: r.n,
        denominator: r.total,
        unit: 'aantal',
        key: r.code,
      }));
    }
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number; rejected: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(DISTINCT logical_key)::INTEGER AS n,
        count(DISTINCT logical_key) FILTER (WHERE list_filter(string_split(coalesce(retour_codes, ''), ','), c -> c <> '' AND c <> ${RETOUR_OK}) <> [])::INTEGER AS rejected
      ${base} GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: pct(r.rejected, r.n),
      numerator: r.rejected,
      denominator: r.n,
      key: r.k,
    }));
  },
});
