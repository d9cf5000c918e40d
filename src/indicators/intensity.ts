/** Intensity: specialist referral rate and the mix of arrangement intensities A–I. */
import { sql } from '../lens/sql.js';
import { activeIn, bounds, gemeenteFilter, pct } from './sql.js';
import { youthPopulation } from './use.js';
import { defineIndicator } from './kernel.js';

export const specialistReferralRate = defineIndicator({
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
    sources: ['trajecten', 'bevolking'],
    cbsNote: 'Geen CBS-equivalent; arrangementen zijn een regionale indeling (Hart van Brabant).',
  },
  async figures({ lens, q }) {
    const pop = await youthPopulation(lens, q);
    const rows = await lens.query<{ gemeente_code: string; n: number }>(sql`
      SELECT gemeente_code, count(DISTINCT youth_pseudonym)::INTEGER AS n FROM traj
      WHERE intensity IN ('D','E','F','G','H','I') AND ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1 ORDER BY 1`);
    return rows.map((r) => {
      const den = pop.get(r.gemeente_code) ?? null;
      return {
        gemeente: r.gemeente_code,
        value: pct(r.n, den),
        numerator: r.n,
        denominator: den,
        flags: den === null ? ['geen_noemer' as const] : [],
      };
    });
  },
});

export const intensityMix = defineIndicator<{ gemeente_code: string; k: string; n: number; total: number }>({
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
    sources: ['trajecten'],
    cbsNote: null,
  },
  dimensions: { intensiteit: null },
  query: ({ q }) => {
    const b = bounds(q.period);
    return sql`
      SELECT gemeente_code, coalesce(intensity, 'zonder intensiteit: ' || coalesce(care_form, 'onbekend')) AS k, count(*)::INTEGER AS n,
             (sum(count(*)) OVER (PARTITION BY gemeente_code))::INTEGER AS total
      FROM traj WHERE eff_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)} GROUP BY 1, 2 ORDER BY 1, 2`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: pct(r.n, r.total),
      numerator: r.n,
      denominator: r.total,
      by: 'intensiteit',
      key: r.k,
    })),
});
