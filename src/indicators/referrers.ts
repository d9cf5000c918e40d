/** Referral flows (verwijsstromen): share of trajectories started per referrer type (COD327). */
import { label, REFERRER } from '../domain/codelists.js';
import type { Query } from './types.js';
import type { Lens } from '../lens/lens.js';
import { sql } from '../lens/sql.js';
import { bounds, gemeenteFilter, pct } from './sql.js';
import { defineIndicator, type Figure } from './kernel.js';

export const referrerMix = defineIndicator({
  definition: {
    id: 'referrer_mix',
    nameNl: 'verwijsstromen',
    nameEn: 'referrer mix',
    definitionNl:
      'Aandeel van de in de periode gestarte trajecten per type verwijzer (COD327: gemeente, huisarts, jeugdarts, gecertificeerde instelling, medisch specialist, geen verwijzer, rechter) plus onbekend.',
    definitionEn: 'Share of trajectories started in the period per referrer type (COD327) plus unknown.',
    unit: 'procent',
    direction: 'neutraal',
    sources: ['trajecten', 'iJw JW315'],
    cbsNote: 'CBS publiceert verwijzers per jaar voor trajecten zonder verblijf; Zicht telt alle gestarte trajecten.',
  },
  dimensions: { verwijzer: null, verwijzer_detail: null },
  async figures({ lens, q, by }) {
    if (by === 'verwijzer_detail') return referrerDetail(lens, q);
    const b = bounds(q.period);
    const rows = await lens.query<{ gemeente_code: string; k: string; n: number; total: number }>(sql`
      SELECT gemeente_code, coalesce(referrer_type, 'onbekend') AS k, count(*)::INTEGER AS n,
             (sum(count(*)) OVER (PARTITION BY gemeente_code))::INTEGER AS total
      FROM traj WHERE eff_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: pct(r.n, r.total),
      numerator: r.n,
      denominator: r.total,
      by: 'verwijzer',
      key: r.k,
      label: r.k === 'onbekend' ? 'onbekend' : label(REFERRER, r.k),
    }));
  },
});

/**
 * Drill-down: per referrer (GP practice, school, …) within its type, the share of that type's
 * started trajectories. A referrer is marked as outlier when its count lies more than two standard
 * deviations above the mean of the referrers of the same type in that gemeente (at least 5
 * referrers of the type). Practice size is not known, so an outlier is a question to ask, not a
 * verdict.
 */
async function referrerDetail(lens: Lens, q: Query): Promise<Figure[]> {
  const b = bounds(q.period);
  const rows = await lens.query<{
    gemeente_code: string;
    t: string;
    d: string;
    n: number;
    total: number;
    mean: number;
    sd: number | null;
    peers: number;
  }>(sql`
    WITH c AS (
      SELECT gemeente_code, coalesce(referrer_type, 'onbekend') AS t, coalesce(referrer_detail, 'onbekend') AS d, count(*)::INTEGER AS n
      FROM traj WHERE eff_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)}
      GROUP BY 1, 2, 3)
    SELECT *, (sum(n) OVER w)::INTEGER AS total, avg(n) FILTER (WHERE d <> 'onbekend') OVER w AS mean, stddev_samp(n) FILTER (WHERE d <> 'onbekend') OVER w AS sd,
      (count(*) FILTER (WHERE d <> 'onbekend') OVER w)::INTEGER AS peers
    FROM c WINDOW w AS (PARTITION BY gemeente_code, t) ORDER BY gemeente_code, t, n DESC, d`);
  return rows.map((r) => ({
    gemeente: r.gemeente_code,
    value: pct(r.n, r.total),
    numerator: r.n,
    denominator: r.total,
    by: 'verwijzer_detail',
    key: `${r.t}|${r.d}`,
    label: `${r.t === 'onbekend' ? 'onbekend' : label(REFERRER, r.t)} — ${r.d}`,
    referrerType: r.t,
    outlier: r.d !== 'onbekend' && r.peers >= 5 && r.sd !== null && r.sd > 0 && r.n > r.mean + 2 * r.sd,
  }));
}
