/**
 * Verplichtingen (commitments, issue 16.1): what running allocations will still cost this year. A
 * commitment is known the day an allocation is made, months before its claims arrive, so cost so
 * far plus commitments against the budget shows an overspend early.
 *
 * What the lens holds per allocation: its Einddatum (allocation_end) and the amount granted
 * (bedrag_toegekend → budget_cents, read as an amount per year of 365 days, as the demo and the
 * regional files write it). It holds no tariff: trajectory.volume/unit/frequency/tariff_cents are in
 * the canonical model but no importer fills them (the JW301 Omvang stays in the event payload), so
 * the amount granted is the rate. An allocation without an amount adds nothing and is not counted.
 *
 * Window: from the day after the period's end (or the allocation's start, if later) to its Einddatum
 * or 31 December of the period's year, whichever comes first — so cost so far plus commitments
 * compares with that year's budget; for a period ending on 31 December it is 0. An end of care
 * recorded after the period's end is not known at that end, so it does not shorten the window
 * (the same convention as forecast_year_end's continuation).
 */
import { dateValue, sql } from '../lens/sql.js';
import { periodEnd } from '../domain/periods.js';
import { centsToEuro } from '../domain/decimal.js';
import { gemeenteFilter } from './sql.js';
import { defineIndicator } from './kernel.js';
import { readerTeam } from './reader.js';
import { MIN_CELL } from '../domain/cellRules.js';

/** Days a year of the amount granted stands for. */
export const DAYS_PER_YEAR = 365;

export const commitments = defineIndicator<{
  gemeente_code: string;
  cents: number | null;
  counted: number;
  rest: number | null;
}>({
  definition: {
    id: 'commitments',
    nameNl: 'verplichtingen',
    nameEn: 'commitments',
    definitionNl:
      'Voor toewijzingen die op de laatste dag van de periode lopen (toegewezen op of vóór die dag, ' +
      'niet beëindigd, niet ingetrokken): het toegekende bedrag per jaar ÷ 365 × het aantal dagen van de dag na ' +
      'de periode (of de ingangsdatum van de toewijzing, als die later is) tot en met de Einddatum van de ' +
      'toewijzing of 31 december van het jaar, wat eerst komt; per toewijzing afgerond op hele centen en ' +
      'opgeteld, in euro. Toewijzingen zonder toegekend bedrag tellen niet mee; de noemer is het aantal ' +
      'toewijzingen met een bedrag.',
    definitionEn:
      'For allocations running on the last day of the period (allocated on or before it, not ended, not ' +
      "withdrawn): the amount granted per year ÷ 365 × the days from the day after the period (or the allocation's " +
      "start, if later) up to and including the allocation's end date or 31 December of the year, whichever comes " +
      'first; per allocation rounded to whole cents and summed, in euros. Allocations without an amount granted ' +
      'do not count; the denominator is the number of allocations with an amount.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['trajecten (bedrag_toegekend)', 'iJw JW301'],
    costBasis: {
      nl: 'toegekende bedragen van lopende toewijzingen, van na de periode tot hun einde of 31 december',
      en: 'amounts granted to running allocations, from after the period to their end or 31 December',
    },
    cbsNote: null,
  },
  query: ({ q }) => {
    const yearEnd = dateValue(`${q.period.year}-12-31`);
    const endDay = dateValue(periodEnd(q.period));
    // a team's reader knows its own team's allocations: the rest of its gemeente is a cell of its own (reader.ts)
    const reader = readerTeam();
    const rest = reader
      ? sql`count(budget_cents) FILTER (WHERE gemeente_code = ${reader.gemeente} AND coalesce(team_code, '') <> ${reader.team})::INTEGER`
      : sql`NULL::INTEGER`;
    return sql`
      WITH running AS (
        SELECT gemeente_code, budget_cents, team_code,
          greatest(${endDay} + INTERVAL 1 DAY, coalesce(allocation_start, allocation_date, eff_start)) AS from_day,
          least(coalesce(allocation_end, ${yearEnd}), ${yearEnd}) AS to_day
        FROM traj
        WHERE coalesce(allocation_date, eff_start) <= ${endDay} AND (eff_end IS NULL OR eff_end > ${endDay})
          AND ${gemeenteFilter(q)}),
      days AS (SELECT *, greatest(0, date_diff('day', from_day, to_day) + 1) AS n FROM running)
      SELECT gemeente_code,
        -- budget_cents × days ÷ 365 is never exactly half a cent (365 is odd), so round() is unambiguous
        sum(round(budget_cents * n / CAST(${DAYS_PER_YEAR} AS DOUBLE)))::BIGINT AS cents,
        count(budget_cents)::INTEGER AS counted, ${rest} AS rest
      FROM days GROUP BY 1 ORDER BY 1`;
  },
  toRows: (rows) =>
    rows.map((r) => {
      const value = r.counted === 0 || r.cents === null ? null : centsToEuro(r.cents);
      return {
        gemeente: r.gemeente_code,
        value,
        numerator: value,
        denominator: r.counted,
        flags: r.counted === 0 ? ['geen_noemer' as const] : [],
        // the other teams' allocations are 1–9: the gemeente minus the reader's own would give them back (red team 34)
        ...(r.rest !== null && r.rest > 0 && r.rest < MIN_CELL ? { hiddenWhenPublished: true } : {}),
      };
    }),
});
