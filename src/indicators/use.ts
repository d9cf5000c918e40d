/**
 * Use and flow (tellen): youths in care, % of the 0–17 population, trajectories started, stacking.
 * Definitions: docs/domain/indicators.md, "Use and flow".
 */
import type { Lens } from '../lens/lens.js';
import type { Flag, Query } from './types.js';
import { joinSql, sql, type Sql } from '../lens/sql.js';
import { ALLOCATION_DATES_THRESHOLD, WIJK_KEY, activeIn, bounds, gemeenteFilter, pct, withWijkNames } from './sql.js';
import { defineIndicator, type Ctx, type Figure } from './kernel.js';
import { AGE_BANDS, YOUTH_BAND } from '../domain/population.js';

export { ALLOCATION_DATES_THRESHOLD };

/** The care forms every gemeente gets a row of (0 when none); the last two only when they count someone. */
const CARE_FORMS = ['zonder_verblijf', 'met_verblijf', 'jeugdbescherming', 'jeugdreclassering'] as const;
const OTHER_FORMS = ['lokaal', 'onbekend'] as const;

interface Counts {
  gemeente_code: string;
  total: number;
  zonder_verblijf: number;
  met_verblijf: number;
  jeugdbescherming: number;
  jeugdreclassering: number;
  /** a category the region maps to its own form (55 by default), and one without a care form */
  lokaal: number;
  onbekend: number;
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
    lokaal: sql`lokaal`,
  } satisfies Record<(typeof CARE_FORMS)[number] | 'lokaal', Sql>;
  const forms = joinSql(
    [...CARE_FORMS, 'lokaal' as const].map(
      (f) => sql`count(DISTINCT youth_pseudonym) FILTER (WHERE care_form = ${f})::INTEGER AS ${perForm[f]}`,
    ),
    sql`,
      `,
  );
  return lens.query<Counts>(sql`
    SELECT gemeente_code,
      count(DISTINCT youth_pseudonym)::INTEGER AS total,
      ${forms},
      count(DISTINCT youth_pseudonym) FILTER (WHERE care_form IS NULL)::INTEGER AS onbekend,
      count(*) FILTER (WHERE start_from_allocation)::INTEGER AS from_allocation,
      count(*)::INTEGER AS trajectories
    FROM traj
    WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)}
    GROUP BY gemeente_code ORDER BY gemeente_code`);
}

/** Population 0–17 on 1 January of the period's year (wijk '' = the whole gemeente). */
export async function youthPopulation(lens: Lens, q: Query): Promise<Map<string, number>> {
  const rows = await lens.query<{ gemeente_code: string; n: number }>(sql`
    SELECT gemeente_code, count AS n FROM population_band
    WHERE band = ${YOUTH_BAND} AND wijk_code = '' AND year = ${q.period.year} AND ${gemeenteFilter(q)}`);
  return new Map(rows.map((r) => [r.gemeente_code, r.n]));
}

export { AGE_BANDS };

/**
 * The split expression: age on 1 January (birth month known, day not: a youth born in year B is
 * Y − B − 1 on 1 January of year Y) in the population's bands, or the youth's wijk.
 */
function splitExpr(by: YouthSplit, year: number): Sql {
  if (by === 'wijk') return sql`coalesce(nullif(wijk_code, ''), 'onbekend')`;
  if (by === 'aanbieder') return sql`coalesce(nullif(provider_agb, ''), 'onbekend')`;
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

/** The splits counted from trajectories per key (a youth with two providers counts once under each). */
type YouthSplit = 'leeftijd' | 'wijk' | 'aanbieder';

async function youthCountsBy(lens: Lens, q: Query, by: YouthSplit): Promise<SplitCount[]> {
  return lens.query<SplitCount>(sql`
    SELECT gemeente_code, ${splitExpr(by, q.period.year)} AS k, count(DISTINCT youth_pseudonym)::INTEGER AS n,
      count(*) FILTER (WHERE start_from_allocation)::INTEGER AS from_allocation, count(*)::INTEGER AS trajectories
    FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1, 2 ORDER BY 1, 2`);
}

/**
 * Population per wijk (0–17) or per age band (all wijken together), from the wijk rows of the population file, each
 * band found as domain/population.ts says (a row 0–17, or bands or single years that make it up). An age band over
 * the wijken is known only when every wijk with population rows that year has it: the sum of some wijken would be
 * the denominator of youths from all of them.
 */
export async function populationBy(lens: Lens, q: Query, by: 'leeftijd' | 'wijk'): Promise<Map<string, number>> {
  const y = q.period.year;
  const rows =
    by === 'wijk'
      ? await lens.query<{ gemeente_code: string; k: string; n: number }>(sql`
          SELECT gemeente_code, wijk_code AS k, count AS n FROM population_band
          WHERE wijk_code <> '' AND band = ${YOUTH_BAND} AND year = ${y} AND ${gemeenteFilter(q)}`)
      : await lens.query<{ gemeente_code: string; k: string; n: number }>(sql`
          WITH wijken AS (
            SELECT gemeente_code, count(DISTINCT wijk_code) AS n FROM population
            WHERE wijk_code <> '' AND year = ${y} GROUP BY 1)
          SELECT b.gemeente_code, b.band AS k, sum(b.count)::INTEGER AS n
          FROM population_band b JOIN wijken w ON w.gemeente_code = b.gemeente_code
          WHERE b.wijk_code <> '' AND b.year = ${y} AND ${gemeenteFilter(q, sql`b.gemeente_code`)} AND b.band IN (${joinSql(
            AGE_BANDS.map(([l]) => sql`${l}`),
            sql`, `,
          )})
          GROUP BY b.gemeente_code, b.band, w.n HAVING count(*) = w.n`);
  return new Map(rows.map((r) => [`${r.gemeente_code}|${r.k}`, r.n]));
}

async function splitFigures(ctx: Ctx, unit: 'aantal' | 'procent', by: YouthSplit): Promise<Figure[]> {
  const { lens, q } = ctx;
  const order = (k: string) =>
    by === 'leeftijd' ? AGE_BANDS.findIndex(([l]) => l === k) + (k === '23+' ? 10 : k === 'onbekend' ? 11 : 0) : 0;
  const counts = (await youthCountsBy(lens, q, by)).sort(
    (a, b) => a.gemeente_code.localeCompare(b.gemeente_code) || order(a.k) - order(b.k) || a.k.localeCompare(b.k),
  );
  // a provider has no population of its own: the split is a count only (youth_in_care, not the share)
  const pop = unit === 'procent' && by !== 'aanbieder' ? await populationBy(lens, q, by) : new Map<string, number>();
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
  return counts.map((c): Figure => {
    const flags: Flag[] =
      c.from_allocation > ALLOCATION_DATES_THRESHOLD * c.trajectories ? ['gebaseerd_op_toewijzingsdatums'] : [];
    const label = names?.get(`${c.gemeente_code}|${c.k}`);
    const named = label ? { label } : {};
    if (unit === 'aantal') return { gemeente: c.gemeente_code, value: c.n, numerator: c.n, key: c.k, flags, ...named };
    const den = pop.get(`${c.gemeente_code}|${c.k}`) ?? null;
    if (den === null) flags.push('geen_noemer');
    return {
      gemeente: c.gemeente_code,
      value: pct(c.n, den),
      numerator: c.n,
      denominator: den,
      key: c.k,
      flags,
      ...named,
    };
  });
}

function flagsOf(c: Counts): Flag[] {
  return c.from_allocation > ALLOCATION_DATES_THRESHOLD * c.trajectories ? ['gebaseerd_op_toewijzingsdatums'] : [];
}

/** One figure per gemeente, or one per care form with --by zorgvorm; value derived from the count. */
function careFormFigures(
  ctx: Ctx,
  c: Counts,
  flags: Flag[],
  den: number | null,
  value: (n: number) => number | null,
): Figure[] {
  const base = { gemeente: c.gemeente_code, denominator: den, flags };
  // lokaal and onbekend as cost by care form has them (red team 27: a region's own form was in no row here)
  if (ctx.by === 'zorgvorm')
    return [...CARE_FORMS, ...OTHER_FORMS.filter((f) => c[f] > 0)].map((f) => ({
      ...base,
      value: value(c[f]),
      numerator: c[f],
      key: f,
    }));
  return [{ ...base, value: value(c.total), numerator: c.total }];
}

/** The splits of the youth counts: care forms from the counts, age bands and wijken from their own query. */
const YOUTH_SPLITS = { zorgvorm: null, leeftijd: null, wijk: null };

export const youthInCare = defineIndicator({
  definition: {
    id: 'youth_in_care',
    nameNl: 'jeugdigen met jeugdhulp',
    nameEn: 'youths in care',
    definitionNl:
      'Aantal verschillende jeugdigen met minstens één traject dat actief is in de periode (start ≤ einde periode en einde leeg of ≥ begin periode); uitgesplitst naar zonder verblijf, met verblijf, jeugdbescherming en jeugdreclassering, naar leeftijd, wijk of aanbieder (de jeugdigen met een actief traject bij die aanbieder: het cliëntvolume). Een jeugdige kan in meer splitsingen vallen; het totaal telt iedere jeugdige één keer.',
    definitionEn:
      'Distinct youths with at least one trajectory active in the period; split by care form, age, wijk or provider (the youths with an active trajectory at that provider: its client volume). A youth can be in several splits; the total counts each youth once.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten', 'iJw JW301/JW305/JW307'],
    cbsNote:
      'CBS telt jeugdhulp zonder en met verblijf apart; de splitsing zonder verblijf is vergelijkbaar met CBS JH121.',
  },
  dimensions: { ...YOUTH_SPLITS, aanbieder: null },
  endFlag: true,
  async figures(ctx) {
    if (ctx.by === 'leeftijd' || ctx.by === 'wijk' || ctx.by === 'aanbieder')
      return splitFigures(ctx, 'aantal', ctx.by);
    return (await youthCounts(ctx.lens, ctx.q)).flatMap((c) => careFormFigures(ctx, c, flagsOf(c), null, (n) => n));
  },
});

export const pctYouthInCare = defineIndicator({
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
    sources: ['trajecten', 'bevolking'],
    cbsNote:
      'De splitsing zonder verblijf per halfjaar is vergelijkbaar met CBS JH121 (% jongeren met jeugdhulp zonder verblijf).',
  },
  dimensions: YOUTH_SPLITS,
  endFlag: true,
  async figures(ctx) {
    if (ctx.by === 'leeftijd' || ctx.by === 'wijk') return splitFigures(ctx, 'procent', ctx.by);
    const pop = await youthPopulation(ctx.lens, ctx.q);
    return (await youthCounts(ctx.lens, ctx.q)).flatMap((c) => {
      const den = pop.get(c.gemeente_code) ?? null;
      const flags = flagsOf(c);
      if (den === null) flags.push('geen_noemer');
      return careFormFigures(ctx, c, flags, den, (n) => pct(n, den));
    });
  },
});

export const trajectoriesStarted = defineIndicator({
  definition: {
    id: 'trajectories_started',
    nameNl: 'gestarte trajecten',
    nameEn: 'trajectories started',
    definitionNl:
      'Trajecten waarvan de start in de periode ligt (werkelijke start, anders de ingangsdatum van de toewijzing); naar productcategorie, zorgvorm, wijk van de jeugdige of aanbieder.',
    definitionEn:
      'Trajectories whose start lies in the period (actual start, otherwise the allocation start); by product category, care form, the youth\u2019s wijk or provider.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['trajecten'],
    cbsNote: null,
  },
  dimensions: {
    productcategorie: sql`product_category`,
    zorgvorm: sql`care_form`,
    wijk: WIJK_KEY,
    aanbieder: sql`coalesce(nullif(provider_agb, ''), 'onbekend')`,
  },
  async figures({ lens, q, dim, by }) {
    const b = bounds(q.period);
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(*)::INTEGER AS n FROM traj
      WHERE eff_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)}
      GROUP BY ALL ORDER BY 1, 2`);
    return withWijkNames(
      lens,
      by,
      rows.map((r) => ({ gemeente: r.gemeente_code, value: r.n, numerator: r.n, key: r.k })),
    );
  },
});

export const stacking = defineIndicator<{ gemeente_code: string; k: string; n: number; total: number }>({
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
    sources: ['trajecten'],
    cbsNote: null,
  },
  dimensions: { aantal_voorzieningen: null },
  endFlag: true,
  query: ({ q }) => sql`
      WITH per_youth AS (
        SELECT gemeente_code, youth_pseudonym, count(DISTINCT product_category) AS cats
        FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY ALL)
      SELECT gemeente_code, CASE WHEN cats >= 5 THEN '5+' ELSE CAST(cats AS VARCHAR) END AS k, count(*)::INTEGER AS n,
             (sum(count(*)) OVER (PARTITION BY gemeente_code))::INTEGER AS total
      FROM per_youth GROUP BY 1, 2 ORDER BY 1, 2`,
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: pct(r.n, r.total),
      numerator: r.n,
      denominator: r.total,
      by: 'aantal_voorzieningen',
      key: r.k,
    })),
});

export const basicSupportReach = defineIndicator({
  definition: {
    id: 'basic_support_reach',
    nameNl: 'bereik basishulp',
    nameEn: 'basic support reach',
    definitionNl:
      'Jeugdigen met een periode basishulp (zonder beschikking) die actief is in de periode; de verhouding tot het aantal jeugdigen met jeugdhulp staat als noemer erbij. Naar wijk: de wijk van de periode basishulp, met de jeugdigen met jeugdhulp uit die wijk als noemer.',
    definitionEn:
      'Youths with a basic-support episode (no formal decision) active in the period; youths in care as denominator for the ratio. By wijk: the episode\u2019s wijk, with that wijk\u2019s youths in care as denominator.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['basishulp', 'trajecten'],
    cbsNote: null,
  },
  dimensions: { wijk: WIJK_KEY },
  async figures({ lens, q, dim, by }) {
    const care =
      by === 'wijk'
        ? new Map((await youthCountsBy(lens, q, 'wijk')).map((c) => [`${c.gemeente_code}|${c.k}`, c.n]))
        : new Map((await youthCounts(lens, q)).map((c) => [`${c.gemeente_code}|`, c.total]));
    const rows = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(DISTINCT youth_pseudonym)::INTEGER AS n FROM basic_support_episode
      WHERE ${activeIn(q.period, sql`start_date`, sql`end_date`)} AND ${gemeenteFilter(q)} GROUP BY 1, 2 ORDER BY 1, 2`);
    // a gemeente (or wijk) with youths in care and no episode in the period has a row too: reach 0 beside its youths
    // in care, so a regio's ratio divides by every member's youths (red team 32: 6 ÷ 13 instead of 6 ÷ 16); without
    // any episode on record at all its reach is not known (no basishulp file), not 0
    const withEpisodes = new Set(
      (
        await lens.query<{ g: string }>(
          sql`SELECT DISTINCT gemeente_code AS g FROM basic_support_episode WHERE ${gemeenteFilter(q)}`,
        )
      ).map((r) => r.g),
    );
    const reached = new Map(rows.map((r) => [`${r.gemeente_code}|${r.k ?? ''}`, r.n]));
    const keys = [...new Set([...reached.keys(), ...care.keys()])].sort();
    return withWijkNames(
      lens,
      by,
      keys.map((gk) => {
        const [g, k] = gk.split('|') as [string, string];
        const known = withEpisodes.has(g);
        const n = known ? (reached.get(gk) ?? 0) : null;
        return {
          gemeente: g,
          value: n,
          numerator: n,
          denominator: care.get(gk) ?? null,
          key: by ? k : null,
          flags: known ? [] : (['geen_basishulp'] as Flag[]),
        };
      }),
    );
  },
});
