/**
 * Waiting and chain quality: request → allocation (OP274, 5 working days), allocation → start and the whole wait,
 * request → start (issue 16.6).
 */
import { NORMS, normValue } from './norms.js';
import type { Lens } from '../lens/lens.js';
import { sql, type Sql } from '../lens/sql.js';
import { publicHolidays } from '../domain/workdays.js';
import { weekday } from '../domain/dates.js';
import { ratioHalfUp } from '../domain/decimal.js';
import type { Query } from './types.js';
import { bounds, gemeenteFilter } from './sql.js';
import { defineIndicator, type Figure } from './kernel.js';

export const REQUEST_NORM_WORKDAYS = 5;
export const START_NORM_DAYS = 42;

/**
 * Continuous quantile (linear between order statistics) of whole days, in exact arithmetic: the value × 100
 * is an integer, so one division gives the nearest double to the exact decimal (39.1, not the 39.100000000000136
 * that interpolating in floats gave). `lo` and `hi` are the order statistics at floor((n − 1) × p) and the next.
 */
function quantile(n: number, percent: number, lo: number | null, hi: number | null): number | null {
  if (n === 0 || lo === null || hi === null) return null;
  const scaled = (n - 1) * percent; // the position × 100
  return (lo * 100 + (scaled - Math.floor(scaled / 100) * 100) * (hi - lo)) / 100;
}

/** The order statistics at floor((n − 1) × p / 100) and the one after it (1-based list index), for p 50 and 90. */
const ORDER_STATS = sql`ds[((n - 1) * 50) // 100 + 1] AS lo50, ds[least(((n - 1) * 50) // 100 + 1, n - 1) + 1] AS hi50,
      ds[((n - 1) * 90) // 100 + 1] AS lo90, ds[least(((n - 1) * 90) // 100 + 1, n - 1) + 1] AS hi90`;

/** Every Dutch public holiday on a weekday (workdays.ts) from 1900 to 2199, the years a period may have: one parameter. */
let holidayList: string | null = null;
function holidays(): string {
  if (holidayList === null) {
    const all: string[] = [];
    for (let y = 1900; y < 2200; y++)
      for (const h of publicHolidays(y)) if (weekday(h) !== 0 && weekday(h) !== 6) all.push(h);
    holidayList = all.sort().join(',');
  }
  return holidayList;
}

/**
 * Working days after `a` up to and including `b` (workdays.ts workingDaysBetween) in SQL: a calendar over the days
 * the rows span with a running count of working days, so a wait is the difference of two looked-up counts (it was
 * counted in JavaScript per row, after every row left DuckDB: a second at national size, issue 18.3). Needs the
 * CTEs `workdayCalendar(rows)` makes; `rows` is the CTE whose columns `a` and `b` (DATE) bound the calendar.
 */
function workdayCalendar(rows: Sql): Sql {
  return sql`hol AS (SELECT CAST(unnest(string_split(${holidays()}, ',')) AS DATE) AS h),
      cal AS (
        SELECT d, sum(CASE WHEN isodow(d) <= 5 AND d NOT IN (SELECT h FROM hol) THEN 1 ELSE 0 END) OVER (ORDER BY d) AS w
        FROM (SELECT CAST(unnest(generate_series((SELECT least(min(a), min(b)) FROM ${rows}),
          (SELECT greatest(max(a), max(b)) FROM ${rows}), INTERVAL 1 DAY)) AS DATE) AS d))`;
}

/** The gemeenten of each region in the lens: a regio figure is made only when the query covers all of them. */
async function regionMembers(lens: Lens): Promise<Map<string, string[]>> {
  const rows = await lens.query<{ region_code: string; code: string }>(
    sql`SELECT region_code, code FROM gemeente ORDER BY 1, 2`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.region_code, [...(out.get(r.region_code) ?? []), r.code]);
  return out;
}

interface Group {
  grp: string;
  provider: string | null;
  n: number;
  within: number;
  lo50: number | null;
  hi50: number | null;
  lo90: number | null;
  hi90: number | null;
}

/** The three statistics of one group of waits; with the split aanbieder each key carries the provider first. */
function summary(gemeente: string, g: Group, norm: number, provider: string | null = null): Figure[] {
  // the norm goes with every row, so a chart can draw it as a line (issue 16.6)
  const base = (key: string, value: number | null, num: number | null, den: number | null): Figure => ({
    gemeente,
    value,
    numerator: num,
    denominator: den,
    unit: key === 'binnen_norm' ? 'procent' : 'dagen',
    by: provider === null ? 'statistiek' : 'aanbieder',
    key: provider === null ? key : `${provider}:${key}`,
    norm,
  });
  return [
    base('mediaan', quantile(g.n, 50, g.lo50, g.hi50), null, g.n),
    base('p90', quantile(g.n, 90, g.lo90, g.hi90), null, g.n),
    base('binnen_norm', g.n ? ratioHalfUp(g.within, g.n, 100, 3) : null, g.within, g.n),
  ];
}

/**
 * The statistics per gemeente; with the split `regio` also one set per region over the waits of all its
 * gemeenten together (gemeente `regio:<code>`), when the query covers the whole region: a median of a regio is
 * the median of its waits, not a sum or mean of the gemeenten's medians (issue 16.6). The waits are counted,
 * sorted and their order statistics picked in DuckDB; only one row per group leaves it.
 * `select` gives the columns `a` and `b` (DATE) of the rows `where` picks; the wait is the working days between them
 * (`workdays`, from the calendar) or the calendar days.
 */
async function waitFigures(
  lens: Lens,
  q: Query,
  by: string | null,
  select: Sql,
  where: Sql,
  workdays: boolean,
  norm: number,
): Promise<Figure[]> {
  const perProvider = by === 'aanbieder';
  const withRegio = by === 'regio' || perProvider;
  const days = workdays
    ? sql`CASE WHEN r.b <= r.a THEN 0 ELSE cb.w - ca.w END`
    : sql`greatest(0, date_diff('day', r.a, r.b))`;
  const rows = await lens.query<Group>(sql`
    WITH r AS (
      SELECT gemeente_code, region_code, coalesce(nullif(provider_agb, ''), 'onbekend') AS provider, ${select}
      FROM traj WHERE ${where} AND ${gemeenteFilter(q)}),
    ${workdays ? sql`${workdayCalendar(sql`r`)},` : sql``}
    w AS (
      SELECT r.gemeente_code, r.region_code, r.provider, ${days} AS d FROM r
      ${workdays ? sql`JOIN cal ca ON ca.d = r.a JOIN cal cb ON cb.d = r.b` : sql``}),
    g AS (
      SELECT gemeente_code AS grp, provider, d FROM w
      UNION ALL
      SELECT 'regio:' || region_code AS grp, provider, d FROM w WHERE ${withRegio}),
    s AS (
      SELECT grp, CASE WHEN ${perProvider} THEN provider END AS provider, count(*) AS n,
        count(*) FILTER (WHERE d <= ${norm}) AS within, list(d ORDER BY d) AS ds
      FROM g GROUP BY 1, 2)
    SELECT grp, provider, n, within, ${ORDER_STATS} FROM s ORDER BY grp, provider`);
  const members = withRegio ? await regionMembers(lens) : new Map<string, string[]>();
  const covered = (region: string) =>
    q.gemeenten.length === 0 || (members.get(region) ?? []).every((g) => q.gemeenten.includes(g));
  return rows
    .filter((g) => !g.grp.startsWith('regio:') || covered(g.grp.slice(6)))
    .sort((x, y) => {
      const kx = perProvider ? `${x.grp}|${x.provider}` : x.grp;
      const ky = perProvider ? `${y.grp}|${y.provider}` : y.grp;
      return kx < ky ? -1 : kx > ky ? 1 : 0;
    })
    .flatMap((g) => summary(g.grp, g, norm, perProvider ? g.provider : null));
}

const REGIO_NL =
  'Met de splitsing regio ook het cijfer van de hele regio: over alle trajecten van haar gemeenten samen. Met de splitsing aanbieder dezelfde drie cijfers per aanbieder (sleutel AGB:statistiek), per gemeente en, als de vraag alle gemeenten van de regio omvat, over de hele regio.';
const REGIO_EN =
  'With the split regio also the figure of the whole region, over the trajectories of all its gemeenten. With the split aanbieder the same three figures per provider (key AGB:statistic), per gemeente and, when the query covers the whole region, over the region.';

export const waitRequestToAllocation = defineIndicator({
  definition: {
    id: 'wait_request_to_allocation',
    nameNl: 'doorlooptijd verzoek → toewijzing',
    nameEn: 'request to allocation',
    definitionNl: `Werkdagen van de aanvraag (JW315-dagtekening) tot de toewijzingsdatum, voor toewijzingen in de periode: mediaan, P90 en het aandeel binnen de norm van ${REQUEST_NORM_WORKDAYS} werkdagen (iJw-regel OP274). Weekenden en algemeen erkende feestdagen tellen niet mee. ${REGIO_NL}`,
    definitionEn: `Working days from request to allocation for allocations in the period: median, P90 and share within ${REQUEST_NORM_WORKDAYS} working days (OP274). ${REGIO_EN}`,
    unit: 'dagen',
    direction: 'lager_beter',
    sources: ['trajecten', 'iJw JW315/JW301'],
    cbsNote: null,
  },
  dimensions: { statistiek: null, regio: null, aanbieder: null },
  async figures({ lens, q, by }) {
    const b = bounds(q.period);
    return waitFigures(
      lens,
      q,
      by,
      sql`CAST(request_date AS DATE) AS a, CAST(allocation_date AS DATE) AS b`,
      sql`request_date IS NOT NULL AND allocation_date BETWEEN ${b.start} AND ${b.end}`,
      true,
      REQUEST_NORM_WORKDAYS,
    );
  },
});

export const waitAllocationToStart = defineIndicator({
  definition: {
    id: 'wait_allocation_to_start',
    nameNl: 'wachttijd toewijzing → start zorg',
    nameEn: 'allocation to start of care',
    definitionNl: `Kalenderdagen van de ingangsdatum van de toewijzing tot de werkelijke start (JW305), voor trajecten gestart in de periode: mediaan, P90 en het aandeel binnen de norm (standaard ${START_NORM_DAYS} dagen, instelbaar). ${REGIO_NL}`,
    definitionEn: `Days from allocation start to actual start of care for trajectories started in the period: median, P90 and share within the norm (default ${START_NORM_DAYS} days). ${REGIO_EN}`,
    unit: 'dagen',
    direction: 'lager_beter',
    sources: ['trajecten', 'iJw JW301/JW305'],
    cbsNote: null,
  },
  dimensions: { statistiek: null, regio: null, aanbieder: null },
  async figures({ lens, q, by }) {
    const b = bounds(q.period);
    return waitFigures(
      lens,
      q,
      by,
      sql`CAST(coalesce(allocation_start, allocation_date) AS DATE) AS a, CAST(start_date AS DATE) AS b`,
      sql`start_date BETWEEN ${b.start} AND ${b.end} AND coalesce(allocation_start, allocation_date) IS NOT NULL`,
      false,
      START_NORM_DAYS,
    );
  },
});

/** Default; a region sets its own in Beheer (indicators/norms.ts). */
export const REQUEST_TO_START_NORM_DAYS = NORMS.wachttijd_aanvraag_start_dagen.default;

export const waitRequestToStart = defineIndicator({
  definition: {
    id: 'wait_request_to_start',
    nameNl: 'wachttijd aanvraag → start zorg',
    nameEn: 'request to start of care',
    definitionNl: `Kalenderdagen van de aanvraag (JW315-dagtekening of aanvraagdatum) tot de werkelijke start van de zorg (JW305), voor trajecten gestart in de periode: de hele wachttijd van de jeugdige, mediaan, P90 en het aandeel binnen de norm (standaard ${REQUEST_TO_START_NORM_DAYS} dagen; de regio kan een eigen norm instellen in Beheer). ${REGIO_NL}`,
    definitionEn: `Calendar days from the request to the actual start of care, for trajectories started in the period: the youth\u2019s whole wait, median, P90 and share within the norm (default ${REQUEST_TO_START_NORM_DAYS} days; a region can set its own). ${REGIO_EN}`,
    unit: 'dagen',
    direction: 'lager_beter',
    sources: ['trajecten', 'iJw JW315/JW305'],
    cbsNote: null,
  },
  dimensions: { statistiek: null, regio: null, aanbieder: null },
  async figures({ lens, q, by }) {
    const b = bounds(q.period);
    const norm = Math.round(await normValue(lens, 'wachttijd_aanvraag_start_dagen', q.gemeenten));
    return waitFigures(
      lens,
      q,
      by,
      sql`CAST(request_date AS DATE) AS a, CAST(start_date AS DATE) AS b`,
      sql`start_date BETWEEN ${b.start} AND ${b.end} AND request_date IS NOT NULL`,
      false,
      norm,
    );
  },
});

/** Default (iJw OP271/OP272); a region sets its own in Beheer (indicators/norms.ts). */
export const MESSAGE_NORM_WORKDAYS = NORMS.berichten_werkdagen.default;

export const messageTimeliness = defineIndicator({
  definition: {
    id: 'message_timeliness',
    nameNl: 'tijdigheid berichtenverkeer',
    nameEn: 'timeliness of messages',
    definitionNl: `Van de start- en stopberichten (JW305/JW307, niet verwijderd) waarvan de werkelijke begin- of einddatum in de periode ligt: het aandeel dat binnen de norm na die datum is verzonden (dagtekening; standaard ${MESSAGE_NORM_WORKDAYS} werkdagen volgens iJw-regels OP271/OP272; de regio kan een eigen norm instellen in Beheer).`,
    definitionEn: `Of start and stop messages (not deleted) whose actual date lies in the period: the share sent within ${MESSAGE_NORM_WORKDAYS} working days of that date (OP271/OP272).`,
    unit: 'procent',
    direction: 'hoger_beter',
    sources: ['iJw JW305/JW307'],
    cbsNote: null,
  },
  dimensions: { bericht: null },
  async figures({ lens, q, by: split }) {
    const b = bounds(q.period);
    const norm = Math.round(await normValue(lens, 'berichten_werkdagen', q.gemeenten));
    // a delivery counts when its logical key was not deleted (StatusAanlevering 3) as often as delivered; its
    // working days from the event to its first sending are counted in DuckDB (workdayCalendar)
    const rows = await lens.query<{ gemeente_code: string; message_type: string; n: number; ok: number }>(sql`
      WITH net AS (
        SELECT gemeente_code, logical_key, sum(CASE WHEN delivery_status = '3' THEN -1 ELSE 1 END) AS n FROM ijw_event
        WHERE event_type IN ('start','stop') AND ${gemeenteFilter(q)} GROUP BY 1, 2),
      r AS (
        SELECT e.gemeente_code, e.message_type, CAST(e.event_date AS DATE) AS a, CAST(min(e.sent_date) AS DATE) AS b
        FROM ijw_event e JOIN net USING (gemeente_code, logical_key)
        WHERE net.n > 0 AND e.delivery_status <> '3' AND e.event_date BETWEEN ${b.start} AND ${b.end} AND e.sent_date IS NOT NULL
        GROUP BY e.gemeente_code, e.message_type, e.logical_key, e.event_date),
      ${workdayCalendar(sql`r`)}
      SELECT r.gemeente_code, r.message_type, count(*) AS n,
        count(*) FILTER (WHERE CASE WHEN r.b <= r.a THEN 0 ELSE cb.w - ca.w END <= ${norm}) AS ok
      FROM r JOIN cal ca ON ca.d = r.a JOIN cal cb ON cb.d = r.b GROUP BY 1, 2`);
    const by = new Map<string, { n: number; ok: number }>();
    for (const r of rows) {
      const key = split === 'bericht' ? `${r.gemeente_code}|${r.message_type}` : `${r.gemeente_code}|`;
      const c = by.get(key) ?? { n: 0, ok: 0 };
      c.n += r.n;
      c.ok += r.ok;
      by.set(key, c);
    }
    return [...by.entries()].sort().map(([k, c]) => {
      const [g, m] = k.split('|') as [string, string];
      return { gemeente: g, value: ratioHalfUp(c.ok, c.n, 100, 3), numerator: c.ok, denominator: c.n, key: m || null };
    });
  },
});
