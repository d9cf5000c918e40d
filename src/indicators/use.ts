/**
 * Use and flow (tellen): youths in care, % of the 0–17 population, trajectories started, stacking.
 * Definitions: docs/domain/indicators.md, "Use and flow".
 */
import type { Lens } from '../lens/lens.js';
import type { Flag, Indicator, IndicatorRow, Query } from './types.js';
import { joinSql, sql, type Sql } from '../lens/sql.js';
import {
  ALLOCATION_DATES_THRESHOLD,
  activeIn,
  bounds,
  dataEnd,
  endFromAllocation,
  gemeenteFilter,
  pct,
  periodFlags,
  row,
  withEndFlag,
} from './sql.js';

export { ALLOCATION_DATES_THRESHOLD };

const CARE_FORMS = ['zonder_verblijf', 'met_verblijf', 'jeugdbescherming', 'jeugdreclassering'] as const;

interface Counts {
  gemeente_code: string;
  total: number;
  zonder_verblijf: number;
  met_verblijf: number;
  jeugdbescherming: number;
  jeugdreclassering: number;
  from_allocation: number;
  trajectories: number;
}

async function youthCounts(lens: Lens, q: Query): Promise<Counts[]> {
  // the care forms are code constants; each is bound as a value and named by its (constant) column alias
  const perForm = {
    zonder_verblijf: sql`zonder_verblijf`,
    met_verblijf: sql`met_verblijf`,
    jeugdbescherming: sql`jeugdbescherming`,
    jeugdreclassering: sql`jeugdreclassering`,
  } satisfies Record<(typeof CARE_FORMS)[number], Sql>;
  const forms = joinSql(
    CARE_FORMS.map(
      (f) => sql`count(DISTINCT youth_pseudonym) FILTER (WHERE care_form = ${f})::INTEGER AS ${perForm[f]}`,
    ),
    sql`,
      `,
  );
  return lens.query<Counts>(sql`
    SELECT gemeente_code,
      count(DISTINCT youth_pseudonym)::INTEGER AS total,
      ${forms},
      count(*) FILTER (WHERE start_from_allocation)::INTEGER AS from_allocation,
      count(*)::INTEGER AS trajectories
    FROM traj
    WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)}
    GROUP BY gemeente_code ORDER BY gemeente_code`);
}

/** Population 0–17 on 1 January of the period's year (wijk '' = the whole gemeente). */
export async function youthPopulation(lens: Lens, q: Query): Promise<Map<string, number>> {
  const rows = await lens.query<{ gemeente_code: string; n: number }>(sql`
    SELECT gemeente_code, sum(count)::INTEGER AS n FROM population
    WHERE wijk_code = '' AND age_from = 0 AND age_to = 17 AND year = ${q.period.year} AND ${gemeenteFilter(q)}
    GROUP BY gemeente_code`);
  return new Map(rows.map((r) => [r.gemeente_code, r.n]));
}

/** Age bands on 1 January of the period's year, matching the bands of the population file. */
export const AGE_BANDS: ReadonlyArray<readonly [label: string, from: number, to: number]> = [
  ['0–3', 0, 3],
  ['4–11', 4, 11],
  ['12–17', 12, 17],
  ['18–22', 18, 22],
];

/**
 * The split expression: age on 1 January (birth month known, day not: a youth born in year B is
 * Y − B − 1 on 1 January of year Y) in the population's bands, or the youth's wijk.
 */
function splitExpr(by: 'leeftijd' | 'wijk', year: number): Sql {
  if (by === 'wijk') return sql`coalesce(nullif(wijk_code, ''), 'onbekend')`;
  const age = sql`(${year} - CAST(substr(birth_month, 1, 4) AS INTEGER) - 1)`;
  const bands = joinSql(
    AGE_BANDS.map(([l, a, b]) => sql`WHEN ${age} BETWEEN ${a} AND ${b} THEN ${l}`),
    sql` `,
  );
  return sql`CASE WHEN birth_month IS NULL THEN 'onbekend' ${bands} ELSE '23+' END`;
}

interface SplitCount {
  gemeente_code: string;
  k: string;
  n: number;
  from_allocation: number;
  trajectories: number;
}

async function youthCountsBy(lens: Lens, q: Query, by: 'leeftijd' | 'wijk'): Promise<SplitCount[]> {
  return lens.query<SplitCount>(sql`
    SELECT gemeente_code, ${splitExpr(by, q.period.year)} AS k, count(DISTINCT youth_pseudonym)::INTEGER AS n,
      count(*) FILTER (WHERE start_from_allocation)::INTEGER AS from_allocation, count(*)::INTEGER AS trajectories
    FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1, 2 ORDER BY 1, 2`);
}

/** Population per wijk (0–17) or per age band (all wijken together), from the wijk rows of the population file. */
async function populationBy(lens: Lens, q: Query, by: 'leeftijd' | 'wijk'): Promise<Map<string, number>> {
  const key =
    by === 'wijk'
      ? sql`wijk_code`
      : sql`CASE ${joinSql(
          AGE_BANDS.map(([l, a, b]) => sql`WHEN age_from = ${a} AND age_to = ${b} THEN ${l}`),
          sql` `,
        )} END`;
  const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
    SELECT gemeente_code, ${key} AS k, sum(count)::INTEGER AS n FROM population
    WHERE wijk_code <> '' AND year = ${q.period.year} AND ${gemeenteFilter(q)} ${by === 'wijk' ? sql`AND age_to <= 17` : sql``}
    GROUP BY 1, 2`);
  return new Map(rows.filter((r) => r.k !== null).map((r) => [`${r.gemeente_code}|${r.k}`, r.n]));
}

async function splitRows(
  lens: Lens,
  q: Query,
  id: string,
  unit: 'aantal' | 'procent',
  by: 'leeftijd' | 'wijk',
): Promise<IndicatorRow[]> {
  const last = await dataEnd(lens);
  const order = (k: string) =>
    by === 'leeftijd' ? AGE_BANDS.findIndex(([l]) => l === k) + (k === '23+' ? 10 : k === 'onbekend' ? 11 : 0) : 0;
  const counts = (await youthCountsBy(lens, q, by)).sort(
    (a, b) => a.gemeente_code.localeCompare(b.gemeente_code) || order(a.k) - order(b.k) || a.k.localeCompare(b.k),
  );
  const pop = unit === 'procent' ? await populationBy(lens, q, by) : new Map<string, number>();
  const names =
    by === 'wijk'
      ? new Map(
          (
            await lens.query<{ g: string; code: string; name: string }>(
              'SELECT gemeente_code AS g, code, name FROM wijk',
            )
          ).map((w) => [`${w.g}|${w.code}`, w.name]),
        )
      : null;
  return counts.map((c) => {
    const flags: Flag[] =
      c.from_allocation > ALLOCATION_DATES_THRESHOLD * c.trajectories
        ? [...periodFlags(q.period, last), 'gebaseerd_op_toewijzingsdatums']
        : periodFlags(q.period, last);
    const label = names?.get(`${c.gemeente_code}|${c.k}`);
    const withLabel = (r: IndicatorRow): IndicatorRow => (label ? ({ ...r, label } as IndicatorRow) : r);
    if (unit === 'aantal') return withLabel(row(id, unit, q, c.gemeente_code, c.n, c.n, null, flags, by, c.k));
    const den = pop.get(`${c.gemeente_code}|${c.k}`) ?? null;
    return withLabel(
      row(
        id,
        unit,
        q,
        c.gemeente_code,
        pct(c.n, den),
        c.n,
        den,
        den === null ? [...flags, 'geen_noemer'] : flags,
        by,
        c.k,
      ),
    );
  });
}

function flagsOf(c: Counts, base: Flag[]): Flag[] {
  return c.from_allocation > ALLOCATION_DATES_THRESHOLD * c.trajectories
    ? [...base, 'gebaseerd_op_toewijzingsdatums']
    : base;
}

/** One row per gemeente, or one per care form with --by zorgvorm; value derived from the count. */
function careFormRows(
  id: string,
  unit: 'aantal' | 'procent',
  q: Query,
  c: Counts,
  flags: Flag[],
  den: number | null,
  value: (n: number) => number | null,
): IndicatorRow[] {
  if (q.by === 'zorgvorm')
    return CARE_FORMS.map((f) => row(id, unit, q, c.gemeente_code, value(c[f]), c[f], den, flags, 'zorgvorm', f));
  return [row(id, unit, q, c.gemeente_code, value(c.total), c.total, den, flags)];
}

export const youthInCare: Indicator = {
  definition: {
    id: 'youth_in_care',
    nameNl: 'jeugdigen met jeugdhulp',
    nameEn: 'youths in care',
    definitionNl:
      'Aantal verschillende jeugdigen met minstens één traject dat actief is in de periode (start ≤ einde periode en einde leeg of ≥ begin periode); uitgesplitst naar zonder verblijf, met verblijf, jeugdbescherming en jeugdreclassering. Een jeugdige kan in meer splitsingen vallen; het totaal telt iedere jeugdige één keer.',
    definitionEn:
      'Distinct youths with at least one trajectory active in the period; split by care form (a youth can be in several splits; the total counts each youth once).',
    unit: 'aantal',
    direction: 'neutraal',
    dimensions: ['zorgvorm', 'leeftijd', 'wijk'],
    sources: ['trajecten', 'iJw JW301/JW305/JW307'],
    cbsNote:
      'CBS telt jeugdhulp zonder en met verblijf apart; de splitsing zonder verblijf is vergelijkbaar met CBS JH121.',
  },
  async compute(lens, q) {
    const ends = await endFromAllocation(lens, q);
    if (q.by === 'leeftijd' || q.by === 'wijk')
      return withEndFlag(await splitRows(lens, q, 'youth_in_care', 'aantal', q.by), ends);
    const last = await dataEnd(lens);
    return withEndFlag(
      (await youthCounts(lens, q)).flatMap((c) =>
        careFormRows('youth_in_care', 'aantal', q, c, flagsOf(c, periodFlags(q.period, last)), null, (n) => n),
      ),
      ends,
    );
  },
};

export const pctYouthInCare: Indicator = {
  definition: {
    id: 'pct_youth_in_care',
    nameNl: '% jeugdigen met jeugdhulp',
    nameEn: '% of youths in care',
    definitionNl:
      'Jeugdigen met jeugdhulp in de periode ÷ jeugdigen van 0–17 jaar op 1 januari van het jaar van de periode × 100. Naar leeftijd (op 1 januari, in de banden van het bevolkingsbestand: 0–3, 4–11, 12–17, 18–22) en naar wijk (jeugdigen 0–17 van die wijk) met de bevolking van die groep als noemer.',
    definitionEn:
      'Youths in care in the period ÷ population aged 0–17 on 1 January of the period\u2019s year × 100. By age (on 1 January, in the population file\u2019s bands) and by wijk with that group\u2019s population as denominator.',
    unit: 'procent',
    direction: 'neutraal',
    dimensions: ['zorgvorm', 'leeftijd', 'wijk'],
    sources: ['trajecten', 'bevolking'],
    cbsNote:
      'De splitsing zonder verblijf per halfjaar is vergelijkbaar met CBS JH121 (% jongeren met jeugdhulp zonder verblijf).',
  },
  async compute(lens, q) {
    const ends = await endFromAllocation(lens, q);
    if (q.by === 'leeftijd' || q.by === 'wijk')
      return withEndFlag(await splitRows(lens, q, 'pct_youth_in_care', 'procent', q.by), ends);
    const last = await dataEnd(lens);
    const pop = await youthPopulation(lens, q);
    return withEndFlag(
      (await youthCounts(lens, q)).flatMap((c) => {
        const den = pop.get(c.gemeente_code) ?? null;
        const flags = flagsOf(c, periodFlags(q.period, last));
        if (den === null) flags.push('geen_noemer');
        return careFormRows('pct_youth_in_care', 'procent', q, c, flags, den, (n) => pct(n, den));
      }),
      ends,
    );
  },
};

export const trajectoriesStarted: Indicator = {
  definition: {
    id: 'trajectories_started',
    nameNl: 'gestarte trajecten',
    nameEn: 'trajectories started',
    definitionNl:
      'Trajecten waarvan de start in de periode ligt (werkelijke start, anders de ingangsdatum van de toewijzing).',
    definitionEn: 'Trajectories whose start lies in the period (actual start, otherwise the allocation start).',
    unit: 'aantal',
    direction: 'neutraal',
    dimensions: ['productcategorie', 'zorgvorm'],
    sources: ['trajecten'],
    cbsNote: null,
  },
  async compute(lens, q) {
    const b = bounds(q.period);
    const last = await dataEnd(lens);
    const dim = q.by === 'productcategorie' ? sql`product_category` : q.by === 'zorgvorm' ? sql`care_form` : sql`NULL`;
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(*)::INTEGER AS n FROM traj
      WHERE eff_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)}
      GROUP BY ALL ORDER BY 1, 2`);
    return rows.map((r) =>
      row(
        'trajectories_started',
        'aantal',
        q,
        r.gemeente_code,
        r.n,
        r.n,
        null,
        periodFlags(q.period, last),
        q.by ?? null,
        r.k,
      ),
    );
  },
};

export const stacking: Indicator = {
  definition: {
    id: 'stacking',
    nameNl: 'stapeling',
    nameEn: 'stacking',
    definitionNl:
      'Verdeling van jeugdigen met jeugdhulp naar het aantal verschillende productcategorieën dat in de periode actief is: 1, 2, 3, 4, 5 of meer (aandeel in %).',
    definitionEn:
      'Distribution of youths in care by the number of distinct product categories active in the period: 1, 2, 3, 4, 5+ (share in %).',
    unit: 'procent',
    direction: 'neutraal',
    dimensions: ['aantal_voorzieningen'],
    sources: ['trajecten'],
    cbsNote: null,
  },
  async compute(lens, q) {
    const last = await dataEnd(lens);
    const rows = await lens.query<{ gemeente_code: string; k: string; n: number; total: number }>(sql`
      WITH per_youth AS (
        SELECT gemeente_code, youth_pseudonym, count(DISTINCT product_category) AS cats
        FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY ALL)
      SELECT gemeente_code, CASE WHEN cats >= 5 THEN '5+' ELSE CAST(cats AS VARCHAR) END AS k, count(*)::INTEGER AS n,
             (sum(count(*)) OVER (PARTITION BY gemeente_code))::INTEGER AS total
      FROM per_youth GROUP BY 1, 2 ORDER BY 1, 2`);
    return withEndFlag(
      rows.map((r) =>
        row(
          'stacking',
          'procent',
          q,
          r.gemeente_code,
          pct(r.n, r.total),
          r.n,
          r.total,
          periodFlags(q.period, last),
          'aantal_voorzieningen',
          r.k,
        ),
      ),
      await endFromAllocation(lens, q),
    );
  },
};

export const basicSupportReach: Indicator = {
  definition: {
    id: 'basic_support_reach',
    nameNl: 'bereik basishulp',
    nameEn: 'basic support reach',
    definitionNl:
      'Jeugdigen met een periode basishulp (zonder beschikking) die actief is in de periode; de verhouding tot het aantal jeugdigen met jeugdhulp staat als noemer erbij.',
    definitionEn:
      'Youths with a basic-support episode (no formal decision) active in the period; youths in care as denominator for the ratio.',
    unit: 'aantal',
    direction: 'neutraal',
    dimensions: [],
    sources: ['basishulp', 'trajecten'],
    cbsNote: null,
  },
  async compute(lens, q) {
    const last = await dataEnd(lens);
    const care = new Map((await youthCounts(lens, q)).map((c) => [c.gemeente_code, c.total]));
    const rows = await lens.query<{ gemeente_code: string; n: number }>(sql`
      SELECT gemeente_code, count(DISTINCT youth_pseudonym)::INTEGER AS n FROM basic_support_episode
      WHERE ${activeIn(q.period, sql`start_date`, sql`end_date`)} AND ${gemeenteFilter(q)} GROUP BY 1 ORDER BY 1`);
    return rows.map((r) =>
      row(
        'basic_support_reach',
        'aantal',
        q,
        r.gemeente_code,
        r.n,
        r.n,
        care.get(r.gemeente_code) ?? null,
        periodFlags(q.period, last),
      ),
    );
  },
};
