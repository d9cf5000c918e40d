/** Waiting and chain quality: request → allocation (OP274, 5 working days) and allocation → start. */
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

async function waits(
  lens: Lens,
  q: Query,
  select: Sql,
  where: Sql,
): Promise<Map<string, Array<{ a: string; b: string }>>> {
  const rows = await lens.query<{ gemeente_code: string; a: string; b: string }>(
    sql`SELECT gemeente_code, ${select} FROM traj WHERE ${where} AND ${gemeenteFilter(q)}`,
  );
  const by = new Map<string, Array<{ a: string; b: string }>>();
  for (const r of rows) {
    const list = by.get(r.gemeente_code);
    if (list) list.push(r);
    else by.set(r.gemeente_code, [r]);
  }
  return by;
}

function summary(gemeente: string, days: number[], withinNorm: number): Figure[] {
  const sorted = [...days].sort((x, y) => x - y);
  const base = (key: string, value: number | null, num: number | null, den: number | null): Figure => ({
    gemeente,
    value,
    numerator: num,
    denominator: den,
    unit: key === 'binnen_norm' ? 'procent' : 'dagen',
    by: 'statistiek',
    key,
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

export const waitRequestToAllocation = defineIndicator({
  definition: {
    id: 'wait_request_to_allocation',
    nameNl: 'doorlooptijd verzoek → toewijzing',
    nameEn: 'request to allocation',
    definitionNl: `Werkdagen van de aanvraag (JW315-dagtekening) tot de toewijzingsdatum, voor toewijzingen in de periode: mediaan, P90 en het aandeel binnen de norm van ${REQUEST_NORM_WORKDAYS} werkdagen (iJw-regel OP274). Weekenden en algemeen erkende feestdagen tellen niet mee.`,
    definitionEn: `Working days from request to allocation for allocations in the period: median, P90 and share within ${REQUEST_NORM_WORKDAYS} working days (OP274).`,
    unit: 'dagen',
    direction: 'lager_beter',
    sources: ['trajecten', 'iJw JW315/JW301'],
    cbsNote: null,
  },
  dimensions: { statistiek: null },
  async figures({ lens, q }) {
    const b = bounds(q.period);
    const by = await waits(
      lens,
      q,
      sql`CAST(request_date AS VARCHAR) AS a, CAST(allocation_date AS VARCHAR) AS b`,
      sql`request_date IS NOT NULL AND allocation_date BETWEEN ${b.start} AND ${b.end}`,
    );
    return [...by.entries()].sort().flatMap(([g, list]) => {
      const days = list.map((r) => workingDaysBetween(r.a, r.b));
      return summary(g, days, days.filter((d) => d <= REQUEST_NORM_WORKDAYS).length);
    });
  },
});

export const waitAllocationToStart = defineIndicator({
  definition: {
    id: 'wait_allocation_to_start',
    nameNl: 'wachttijd toewijzing → start zorg',
    nameEn: 'allocation to start of care',
    definitionNl: `Kalenderdagen van de ingangsdatum van de toewijzing tot de werkelijke start (JW305), voor trajecten gestart in de periode: mediaan, P90 en het aandeel binnen de norm (standaard ${START_NORM_DAYS} dagen, instelbaar).`,
    definitionEn: `Days from allocation start to actual start of care for trajectories started in the period: median, P90 and share within the norm (default ${START_NORM_DAYS} days).`,
    unit: 'dagen',
    direction: 'lager_beter',
    sources: ['trajecten', 'iJw JW301/JW305'],
    cbsNote: null,
  },
  dimensions: { statistiek: null },
  async figures({ lens, q }) {
    const b = bounds(q.period);
    const by = await waits(
      lens,
      q,
      sql`CAST(coalesce(allocation_start, allocation_date) AS VARCHAR) AS a, CAST(start_date AS VARCHAR) AS b`,
      sql`start_date BETWEEN ${b.start} AND ${b.end} AND coalesce(allocation_start, allocation_date) IS NOT NULL`,
    );
    return [...by.entries()].sort().flatMap(([g, list]) => {
      const days = list.map((r) => Math.max(0, (Date.parse(r.b) - Date.parse(r.a)) / 86_400_000));
      return summary(g, days, days.filter((d) => d <= START_NORM_DAYS).length);
    });
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
