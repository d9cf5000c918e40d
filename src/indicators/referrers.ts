/** Referral flows (verwijsstromen): share of trajectories started per referrer type (COD327). */
import { label, REFERRER } from '../domain/codelists.js';
import type { Indicator } from './types.js';
import { bounds, dataEnd, gemeenteFilter, pct, periodFlags, row } from './sql.js';

export const referrerMix: Indicator = {
  definition: {
    id: 'referrer_mix', nameNl: 'verwijsstromen', nameEn: 'referrer mix',
    definitionNl: 'Aandeel van de in de periode gestarte trajecten per type verwijzer (COD327: gemeente, huisarts, jeugdarts, gecertificeerde instelling, medisch specialist, geen verwijzer, rechter) plus onbekend.',
    definitionEn: 'Share of trajectories started in the period per referrer type (COD327) plus unknown.',
    unit: 'procent', direction: 'neutraal', dimensions: ['verwijzer'], sources: ['trajecten', 'iJw JW315'],
    cbsNote: 'CBS publiceert verwijzers per jaar voor trajecten zonder verblijf; Zicht telt alle gestarte trajecten.',
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const rows = await lens.query<{ gemeente_code: string; k: string; n: number; total: number }>(`
      SELECT gemeente_code, coalesce(referrer_type, 'onbekend') AS k, count(*)::INTEGER AS n,
             (sum(count(*)) OVER (PARTITION BY gemeente_code))::INTEGER AS total
      FROM traj WHERE eff_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) => ({
      ...row('referrer_mix', 'procent', q, r.gemeente_code, pct(r.n, r.total), r.n, r.total, periodFlags(q.period, last), 'verwijzer', r.k),
      label: r.k === 'onbekend' ? 'onbekend' : label(REFERRER, r.k),
    }));
  },
};
