/**
 * Care paths (zorgpaden), step-up/step-down (op- en afschaling) and the most expensive trajectories.
 * A path is a youth's sequence of care levels ordered by start: basishulp < ambulant <
 * dagbehandeling < verblijf, with jeugdbescherming and jeugdreclassering apart (no up or down).
 * A transition counts in the period in which its later step starts.
 */
import { periodEnd } from '../domain/periods.js';
import type { Lens } from '../lens/lens.js';
import { dateValue, sql } from '../lens/sql.js';
import type { Query } from './types.js';
import { bounds, gemeenteFilter, pct } from './sql.js';
import { defineIndicator, type Figure } from './kernel.js';
import { CLAIM_COST } from './money.js';

async function transitions(
  lens: Lens,
  q: Query,
): Promise<Array<{ gemeente_code: string; from_level: string; to_level: string; n: number }>> {
  const b = bounds(q.period);
  return lens.query(sql`
    WITH steps AS (
      SELECT gemeente_code, youth_pseudonym, eff_start AS s, coalesce(care_level, 'ambulant') AS level FROM traj
      WHERE eff_start <= ${b.end} AND ${gemeenteFilter(q)}
      UNION ALL
      SELECT gemeente_code, youth_pseudonym, start_date, 'basishulp' FROM basic_support_episode
      WHERE start_date <= ${b.end} AND ${gemeenteFilter(q)}),
    -- only the youths with a step starting in the period can have a transition counted in it, and a step after the
    -- period cannot come before one in it: the window over every step of every youth ever was most of the time at
    -- national size (issue 18.3)
    movers AS (SELECT DISTINCT gemeente_code, youth_pseudonym FROM steps WHERE s BETWEEN ${b.start} AND ${b.end}),
    ordered AS (
      SELECT st.*, lag(st.level) OVER (PARTITION BY st.gemeente_code, st.youth_pseudonym ORDER BY st.s, st.level) AS prev
      FROM steps st SEMI JOIN movers m
        ON m.gemeente_code = st.gemeente_code AND m.youth_pseudonym IS NOT DISTINCT FROM st.youth_pseudonym)
    SELECT gemeente_code, prev AS from_level, level AS to_level, count(*)::INTEGER AS n FROM ordered
    WHERE prev IS NOT NULL AND prev <> level AND s BETWEEN ${b.start} AND ${b.end}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
}

export const carePaths = defineIndicator({
  definition: {
    id: 'care_paths',
    nameNl: 'zorgpaden',
    nameEn: 'care paths',
    definitionNl:
      'Overgangen tussen zorgniveaus (basishulp, ambulant, dagbehandeling, verblijf, jeugdbescherming, jeugdreclassering) in de volgorde van start per jeugdige; geteld in de periode waarin de nieuwe stap start. Voor een stroomdiagram.',
    definitionEn:
      'Transitions between care levels in order of start per youth, counted in the period the new step starts; for a flow diagram.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten', 'basishulp'],
    cbsNote: null,
  },
  dimensions: { overgang: null },
  figures: async ({ lens, q }) =>
    (await transitions(lens, q)).map((t) => ({
      gemeente: t.gemeente_code,
      value: t.n,
      numerator: t.n,
      by: 'overgang',
      key: `${t.from_level} → ${t.to_level}`,
    })),
});

export const stepUpDown = defineIndicator({
  definition: {
    id: 'step_up_down',
    nameNl: 'op- en afschaling',
    nameEn: 'step-up and step-down',
    definitionNl:
      'Van de overgangen tussen basishulp, ambulant, dagbehandeling en verblijf in de periode: het aandeel naar een zwaardere (opschaling) en naar een lichtere vorm (afschaling). Jeugdbescherming en jeugdreclassering tellen apart.',
    definitionEn:
      'Of transitions between basic support, ambulatory, day treatment and residential care in the period: the share to a heavier and to a lighter form. Child protection and probation apart.',
    unit: 'procent',
    direction: 'neutraal',
    sources: ['trajecten', 'basishulp'],
    cbsNote: null,
  },
  dimensions: { richting: null },
  async figures({ lens, q }) {
    const rank = (l: string) =>
      (({ basishulp: 0, ambulant: 1, dagbehandeling: 2, verblijf: 3 }) as Record<string, number>)[l];
    const by = new Map<string, { up: number; down: number; other: number }>();
    for (const t of await transitions(lens, q)) {
      const a = rank(t.from_level);
      const z = rank(t.to_level);
      const g = by.get(t.gemeente_code) ?? { up: 0, down: 0, other: 0 };
      if (a === undefined || z === undefined) g.other += t.n;
      else if (z > a) g.up += t.n;
      else g.down += t.n;
      by.set(t.gemeente_code, g);
    }
    const out: Figure[] = [];
    for (const [g, c] of [...by].sort()) {
      const total = c.up + c.down;
      const share = (n: number, key: string): Figure => ({
        gemeente: g,
        value: pct(n, total),
        numerator: n,
        denominator: total,
        by: 'richting',
        key,
      });
      out.push(share(c.up, 'opschaling'), share(c.down, 'afschaling'));
    }
    return out;
  },
});

export const TOP_COST_N = 10;

export const topCostTrajectories = defineIndicator<{
  gemeente_code: string;
  trajectory_id: string;
  youth: string;
  cents: number;
  recent: number;
  before: number;
  days: number;
  cat: string;
}>({
  definition: {
    id: 'top_cost_trajectories',
    nameNl: 'duurste trajecten',
    nameEn: 'most expensive trajectories',
    definitionNl: `De ${TOP_COST_N} trajecten met de hoogste kosten in de 12 maanden tot het einde van de periode (gepseudonimiseerd), met looptijd in dagen en trend (kosten laatste 6 maanden ÷ de 6 maanden daarvoor). Jeugdigen met een geheim adres staan nooit in deze lijst. Alleen voor rollen met toegang tot persoonsgegevens.`,
    definitionEn: `The ${TOP_COST_N} trajectories with the highest cost in the 12 months to the end of the period (pseudonymised), with duration and trend. Youths with a secret address are never listed.`,
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'trajecten'],
    costBasis: {
      nl: 'declaraties, 12 maanden tot het einde van de periode',
      en: 'claims, 12 months to the end of the period',
    },
    cbsNote: null,
    personLevel: true,
  },
  dimensions: { traject: null },
  query: ({ q }) => {
    const end = periodEnd(q.period);
    return sql`
      WITH c AS (
        SELECT c.gemeente_code, c.trajectory_id, sum(${CLAIM_COST}) AS cents,
          sum(CASE WHEN c.period_start > ${dateValue(end)} - INTERVAL 6 MONTH THEN ${CLAIM_COST} ELSE 0 END) AS recent,
          sum(CASE WHEN c.period_start <= ${dateValue(end)} - INTERVAL 6 MONTH THEN ${CLAIM_COST} ELSE 0 END) AS before
        FROM claim_line c
        WHERE c.period_start > ${dateValue(end)} - INTERVAL 12 MONTH AND c.period_start <= ${dateValue(end)} AND c.trajectory_id IS NOT NULL AND ${gemeenteFilter(q, sql`c.gemeente_code`)}
        GROUP BY 1, 2),
      ranked AS (
        SELECT c.*, t.youth_pseudonym AS youth, t.product_category AS cat,
          date_diff('day', t.eff_start, least(coalesce(t.eff_end, ${dateValue(end)}), ${dateValue(end)})) AS days,
          row_number() OVER (PARTITION BY c.gemeente_code ORDER BY c.cents DESC, c.trajectory_id) AS rn
        FROM c JOIN traj t USING (gemeente_code, trajectory_id)
        WHERE NOT coalesce(t.secret_address, false))
      SELECT * FROM ranked WHERE rn <= ${TOP_COST_N} ORDER BY gemeente_code, rn`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: r.cents / 100,
      numerator: r.cents / 100,
      by: 'traject',
      key: r.trajectory_id,
      youth: r.youth,
      productCategory: r.cat,
      days: r.days,
      trend: r.before > 0 ? Math.round((r.recent / r.before) * 100) / 100 : null,
    })),
});
