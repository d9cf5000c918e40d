/** Intensity: specialist referral rate and the mix of arrangement intensities A–I. */
import { sql } from '../lens/sql.js';
import type { Indicator } from './types.js';
import { activeIn, bounds, dataEnd, gemeenteFilter, pct, periodFlags, row } from './sql.js';
import { youthPopulation } from './use.js';

export const specialistReferralRate: Indicator = {
  definition: {
    id: 'specialist_referral_rate',
    nameNl: '% verwezen naar specialistische jeugdhulp',
    nameEn: '% referred to specialist care',
    definitionNl:
      'Jeugdigen met een traject in een specialistische klasse (arrangement D t/m I) dat actief is in de periode ÷ jeugdigen van 0–17 jaar × 100.',
    definitionEn:
      'Youths with a trajectory in a specialist class (arrangement D–I) active in the period ÷ population 0–17 × 100.',
    unit: 'procent',
    direction: 'lager_beter',
    dimensions: [],
    sources: ['trajecten', 'bevolking'],
    cbsNote: 'Geen CBS-equivalent; arrangementen zijn een regionale indeling (Hart van Brabant).',
  },
  async compute(lens, q) {
    const last = await dataEnd(lens);
    const pop = await youthPopulation(lens, q);
    const rows = await lens.query<{ gemeente_code: string; n: number }>(sql`
      SELECT gemeente_code, count(DISTINCT youth_pseudonym)::INTEGER AS n FROM traj
      WHERE intensity IN ('D','E','F','G','H','I') AND ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1 ORDER BY 1`);
    return rows.map((r) => {
      const den = pop.get(r.gemeente_code) ?? null;
      return row(
        'specialist_referral_rate',
        'procent',
        q,
        r.gemeente_code,
        pct(r.n, den),
        r.n,
        den,
        den === null ? [...periodFlags(q.period, last), 'geen_noemer'] : periodFlags(q.period, last),
      );
    });
  },
};

export const intensityMix: Indicator = {
  definition: {
    id: 'intensity_mix',
    nameNl: 'intensiteitsmix',
    nameEn: 'intensity mix',
    definitionNl:
      'Aandeel van de in de periode gestarte trajecten per arrangement-intensiteit A t/m I; trajecten zonder intensiteit per zorgvorm.',
    definitionEn:
      'Share of trajectories started in the period per arrangement intensity A–I; trajectories without one per care form.',
    unit: 'procent',
    direction: 'neutraal',
    dimensions: ['intensiteit'],
    sources: ['trajecten'],
    cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const rows = await lens.query<{ gemeente_code: string; k: string; n: number; total: number }>(sql`
      SELECT gemeente_code, coalesce(intensity, 'zonder intensiteit: ' || coalesce(care_form, 'onbekend')) AS k, count(*)::INTEGER AS n,
             (sum(count(*)) OVER (PARTITION BY gemeente_code))::INTEGER AS total
      FROM traj WHERE eff_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)} GROUP BY 1, 2 ORDER BY 1, 2`);
    return rows.map((r) =>
      row(
        'intensity_mix',
        'procent',
        q,
        r.gemeente_code,
        pct(r.n, r.total),
        r.n,
        r.total,
        periodFlags(q.period, last),
        'intensiteit',
        r.k,
      ),
    );
  },
};
