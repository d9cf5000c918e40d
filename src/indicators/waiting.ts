/**
 * Waiting and chain quality: request → allocation (OP274, 5 working days), allocation → start and the whole wait,
 * request → start (issue 16.6).
 */
import { NORMS, normValue } from './norms.js';
import type { Lens } from '../lens/lens.js';
import { sql, type Sql } from '../lens/sql.js';
import { workingDaysBetween } from '../domain/workdays.js';
import { ratioHalfUp } from '../domain/decimal.js';
import type { Query } from './types.js';
import { bounds, gemeenteFilter } from './sql.js';
import { defineIndicator, type Figure } from './kernel.js';

export const REQUEST_NORM_WORKDAYS = 5;
export const START_NORM_DAYS = 42;

/**
 * Continuous quantile (linear between order statistics) of whole days, in exact arithmetic: the value × 100
 * is an integer, so one division gives the nearest double to
 * the exact decimal (39.1, not the 39.100000000000136 that interpolating in floats gave).
 */
function quantile(sorted: number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  const scaled = (sorted.length - 1) * percent; // the position × 100
  const lo = Math.floor(scaled / 100);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo]! * 100 + (scaled - lo * 100) * (sorted[hi]! - sorted[lo]!)) / 100;
}

interface Wait {
  gemeente_code: string;
  region_code: string;
  provider: string;
  a: string;
  b: string;
}

async function waits(lens: Lens, q: Query, select: Sql, where: Sql): Promise<Wait[]> {
  return lens.query<Wait>(
    sql`SELECT gemeente_code, region_code, coalesce(nullif(provider_agb, ''), 'onbekend') AS provider, ${select}
      FROM traj WHERE ${where} AND ${gemeenteFilter(q)} ORDER BY 1`,
  );
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

/** The three statistics of one group of waits; with the split aanbieder each key carries the provider first. */
function summary(gemeente: string, days: number[], norm: number, provider: string | null = null): Figure[] {
  const sorted = [...days].sort((x, y) => x - y);
  const withinNorm = sorted.filter((d) => d <= norm).length;
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
    base('mediaan', quantile(sorted, 50), null, sorted.length),
    base('p90', quantile(sorted, 90), null, sorted.length),
    base(
      'binnen_norm',
      sorted.length ? ratioHalfUp(withinNorm, sorted.length, 100, 3) : null,
      withinNorm,
      sorted.length,
    ),
  ];
}

/**
 * The statistics per gemeente; with the split `regio` also one set per region over the waits of all its
 * gemeenten together (gemeente `regio:<code>`), when the query covers the whole region: a median of a regio is
 * the median of its waits, not a sum or mean of the gemeenten's medians (issue 16.6).
 */
async function waitFigures(
  lens: Lens,
  q: Query,
  by: string | null,
  list: readonly Wait[],
  days: (w: Wait) => number,
  norm: number,
): Promise<Figure[]> {
  const groups = new Map<string, number[]>();
  const add = (k: string, d: number) => {
    const ds = groups.get(k);
    if (ds) ds.push(d);
    else groups.set(k, [d]);
  };
  // with the split aanbieder a group is a gemeente (or regio) and a provider
  const perProvider = by === 'aanbieder';
  const keyOf = (g: string, w: Wait) => (perProvider ? `${g}|${w.provider}` : g);
  for (const w of list) add(keyOf(w.gemeente_code, w), days(w));
  if (by === 'regio' || perProvider) {
    const members = await regionMembers(lens);
    for (const w of list) {
      const all = members.get(w.region_code) ?? [];
      if (q.gemeenten.length === 0 || all.every((g) => q.gemeenten.includes(g)))
        add(keyOf(`regio:${w.region_code}`, w), days(w));
    }
  }
  return [...groups.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .flatMap(([k, ds]) => {
      if (!perProvider) return summary(k, ds, norm);
      const cut = k.lastIndexOf('|');
      return summary(k.slice(0, cut), ds, norm, k.slice(cut + 1));
    });
}

const calendarDays = (w: Wait) => Math.max(0, (Date.parse(w.b) - Date.parse(w.a)) / 86_400_000);

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
    const list = await waits(
      lens,
      q,
      sql`CAST(request_date AS VARCHAR) AS a, CAST(allocation_date AS VARCHAR) AS b`,
      sql`request_date IS NOT NULL AND allocation_date BETWEEN ${b.start} AND ${b.end}`,
    );
    return waitFigures(lens, q, by, list, (w) => workingDaysBetween(w.a, w.b), REQUEST_NORM_WORKDAYS);
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
    const list = await waits(
      lens,
      q,
      sql`CAST(coalesce(allocation_start, allocation_date) AS VARCHAR) AS a, CAST(start_date AS VARCHAR) AS b`,
      sql`start_date BETWEEN ${b.start} AND ${b.end} AND coalesce(allocation_start, allocation_date) IS NOT NULL`,
    );
    return waitFigures(lens, q, by, list, calendarDays, START_NORM_DAYS);
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
    const list = await waits(
      lens,
      q,
      sql`CAST(request_date AS VARCHAR) AS a, CAST(start_date AS VARCHAR) AS b`,
      sql`start_date BETWEEN ${b.start} AND ${b.end} AND request_date IS NOT NULL`,
    );
    return waitFigures(lens, q, by, list, calendarDays, norm);
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
    // a delivery counts when its logical key was not deleted (StatusAanlevering 3) as often as delivered
    const rows = await lens.query<{ gemeente_code: string; message_type: string; a: string; s: string }>(sql`
      WITH net AS (
        SELECT gemeente_code, logical_key, sum(CASE WHEN delivery_status = '3' THEN -1 ELSE 1 END) AS n FROM ijw_event
        WHERE event_type IN ('start','stop') AND ${gemeenteFilter(q)} GROUP BY 1, 2)
      SELECT e.gemeente_code, e.message_type, CAST(e.event_date AS VARCHAR) AS a, CAST(min(e.sent_date) AS VARCHAR) AS s
      FROM ijw_event e JOIN net USING (gemeente_code, logical_key)
      WHERE net.n > 0 AND e.delivery_status <> '3' AND e.event_date BETWEEN ${b.start} AND ${b.end} AND e.sent_date IS NOT NULL
      GROUP BY e.gemeente_code, e.message_type, e.logical_key, e.event_date`);
    const by = new Map<string, { n: number; ok: number }>();
    for (const r of rows) {
      const key = split === 'bericht' ? `${r.gemeente_code}|${r.message_type}` : `${r.gemeente_code}|`;
      const c = by.get(key) ?? { n: 0, ok: 0 };
      c.n++;
      if (workingDaysBetween(r.a, r.s) <= norm) c.ok++;
      by.set(key, c);
    }
    return [...by.entries()].sort().map(([k, c]) => {
      const [g, m] = k.split('|') as [string, string];
      return { gemeente: g, value: ratioHalfUp(c.ok, c.n, 100, 3), numerator: c.ok, denominator: c.n, key: m || null };
    });
  },
});
