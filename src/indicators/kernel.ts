/**
 * The indicator kernel: what every indicator did by hand before — read the last date of the data, flag a period
 * that runs past it, fill in id, period, split and unit, pick the column of the split asked for, add
 * `einde_uit_toewijzing` — done once here. A family states its definition, the column per split, the lens query
 * and how a result row becomes a figure (`defineIndicator`).
 */
import type { Period } from '../domain/periods.js';
import { formatPeriod, periodEnd, periodStart } from '../domain/periods.js';
import type { CbsMapping } from '../benchmark/mapping.js';
import type { Lens } from '../lens/lens.js';
import { sql, type Sql } from '../lens/sql.js';
import type { Flag, Indicator, IndicatorDefinition, IndicatorRow, Query } from './types.js';
import { dataEnd, endFromAllocation, periodFlags } from './sql.js';
import { markHiddenAmounts, monthsOf } from './amountCells.js';
import { claimsCompleteThrough, noClaimsYet } from '../domain/claimLag.js';

/** What a family's query and rows see. */
export interface Ctx {
  readonly lens: Lens;
  readonly q: Query;
  readonly period: Period;
  /** the split asked for when the indicator has it, else null */
  readonly by: string | null;
  /** the column of that split (`dimensions`), or NULL: one group per gemeente */
  readonly dim: Sql;
  /** the last date the lens has data for (dataEnd), or null when the indicator does not use it */
  readonly last: string | null;
  /** the caller's CBS mapping (benchmark figures), if it gave one */
  readonly cbsMapping: CbsMapping | undefined;
  /** ComputeOptions.hiddenAmounts: a family that computes another indicator passes it on */
  readonly hiddenAmounts: boolean;
}

/**
 * One figure as a family computes it; the kernel fills in the indicator, period and unit, and `by` (the split asked
 * for) unless given. `flags` are added after the period's own; fields beyond the standard ones (IndicatorRow's
 * optional ones) are kept as given.
 */
export type Figure = Pick<IndicatorRow, 'gemeente' | 'value'> &
  Partial<Omit<IndicatorRow, 'indicator' | 'period' | 'gemeente' | 'value' | 'flags'>> & {
    readonly flags?: readonly Flag[];
  };

interface Common {
  readonly definition: Omit<IndicatorDefinition, 'dimensions'>;
  /**
   * The splits it has (`--by`), in the order shown, each with the SQL column it groups by (`ctx.dim`), or null when
   * the family makes the split itself (statistics, posts, care forms).
   */
  readonly dimensions?: Readonly<Record<string, Sql | null>>;
  /**
   * Which period's completeness flags its rows: the one asked for (default), its calendar year (figures over the
   * whole year), or none (CBS figures, which do not depend on the lens's own data end).
   */
  readonly periodFlags?: 'period' | 'year' | 'none';
  /** add `einde_uit_toewijzing` to the gemeenten where many trajectories ended on their allocation's end */
  readonly endFlag?: boolean;
  /**
   * An amount from claims: mark the rows hidden when published (amountCells.ts) by the months of the period, of its
   * year up to its end (a year-to-date figure) or of its whole year, and the split each row belongs to (default: the
   * split asked).
   */
  readonly amounts?: {
    readonly months: 'period' | 'yearToDate' | 'year';
    readonly split?: (r: IndicatorRow) => string | null;
    /**
     * The figure is an amount from claims only (default): before the gemeente's first claim line it is no figure.
     * false: it stands on something else too (cost_reconciliation's headline is the Iv3 lasten), only flagged.
     */
    readonly fromClaimsOnly?: boolean;
  };
}

/** One lens query, run by the kernel, and how its rows become figures. */
export interface QuerySpec<T> extends Common {
  query(ctx: Ctx): Sql;
  toRows(rows: readonly T[], ctx: Ctx): readonly Figure[];
}

/** Figures that take more than one query or some work in between. */
export interface FigureSpec extends Common {
  figures(ctx: Ctx): Promise<readonly Figure[]>;
}

const STANDARD = new Set(['gemeente', 'value', 'numerator', 'denominator', 'unit', 'by', 'key', 'flags']);

export function defineIndicator<T>(spec: QuerySpec<T> | FigureSpec): Indicator {
  const dimensions = spec.dimensions ?? {};
  // the fields in their usual order (the API and reports show the definition as it was written before)
  const { id, nameNl, nameEn, definitionNl, definitionEn, unit, direction, ...rest } = spec.definition;
  const definition: IndicatorDefinition = {
    ...{ id, nameNl, nameEn, definitionNl, definitionEn, unit, direction },
    dimensions: Object.keys(dimensions),
    ...rest,
  };
  const which = spec.periodFlags ?? 'period';
  return {
    definition,
    async compute(lens, q, options) {
      const by = q.by !== undefined && q.by in dimensions ? q.by : null;
      const last = which === 'none' ? null : await dataEnd(lens);
      const ctx: Ctx = {
        lens,
        q,
        period: q.period,
        by,
        dim: (by !== null ? dimensions[by] : null) ?? sql`NULL`,
        last,
        cbsMapping: options?.cbsMapping,
        hiddenAmounts: options?.hiddenAmounts !== false,
      };
      const figures =
        'figures' in spec ? await spec.figures(ctx) : spec.toRows(await lens.query<T>(spec.query(ctx)), ctx);
      const base: readonly Flag[] =
        last === null
          ? []
          : periodFlags(which === 'year' ? { kind: 'year', year: q.period.year, index: 1 } : q.period, last);
      const ends = spec.endFlag ? await endFromAllocation(lens, q) : null;
      const period = formatPeriod(q.period);
      const rows = figures.map((f): IndicatorRow => {
        const flags = [...new Set([...base, ...(f.flags ?? [])])];
        if (ends?.has(f.gemeente) && !flags.includes('einde_uit_toewijzing')) flags.push('einde_uit_toewijzing');
        const extra: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(f)) if (!STANDARD.has(k) && v !== undefined) extra[k] = v;
        return {
          indicator: definition.id,
          gemeente: f.gemeente,
          period,
          by: f.by !== undefined ? f.by : by,
          key: f.key ?? null,
          value: f.value,
          numerator: f.numerator ?? null,
          denominator: f.denominator ?? null,
          unit: f.unit ?? definition.unit,
          flags,
          ...extra,
        };
      });
      if (!spec.amounts) return rows;
      const { months, split, fromClaimsOnly = true } = spec.amounts;
      const span: Period = months === 'year' ? { kind: 'year', year: q.period.year, index: 1 } : q.period;
      const spanMonths = monthsOf(span, months === 'yearToDate');
      const first = await firstClaimMonths(lens);
      // a gemeente asked for by name whose claims began after the span started has no row (no claim line): an empty
      // one, flagged, so a total over the gemeenten asked for says it is partial instead of summing fewer (red team
      // 13: the CLI's and the reports' totals took it silently). Unsplit figures from claims only.
      // So does a gemeente without a line yet in a view as of a day before any of the period's months has its claims
      // (red team 27: no row at all, where a row of lines still to come is empty and flagged declaraties_onvolledig).
      const asked = by === null && fromClaimsOnly ? q.gemeenten : [];
      const nothingYet = noClaimsYet(periodStart(q.period), periodEnd(q.period), lens.asOf);
      const empty = asked
        .filter(
          (g) => !rows.some((r) => r.gemeente === g) && (nothingYet || (first.get(g) ?? '') > (spanMonths[0] ?? '')),
        )
        .map((g): IndicatorRow => ({
          indicator: definition.id,
          gemeente: g,
          period,
          by: null,
          key: null,
          value: null,
          numerator: null,
          denominator: null,
          unit: definition.unit,
          // declaraties_deels (claims began after the span started) and declaraties_onvolledig are added below
          flags: [...base],
        }));
      const partial = withClaimsPartial([...rows, ...empty], first, spanMonths, split, fromClaimsOnly);
      const pending = withClaimsPending(partial, lens.asOf, spanMonths, monthsOf(q.period));
      if (options?.hiddenAmounts === false) return pending;
      return markHiddenAmounts(lens, pending, spanMonths, split);
    },
  };
}

/** The month of each gemeente's first claim line (its product period's start), and '' for the earliest of all. */
function firstClaimMonths(lens: Lens): Promise<ReadonlyMap<string, string>> {
  // once per lens: every amount figure asks, and at national size the scan of every claim line is not free
  return lens.memo('firstClaimMonths', async () => {
    const rows = await lens.query<{ g: string; m: string }>(
      `SELECT gemeente_code AS g, strftime(min(period_start), '%Y-%m') AS m FROM claim_line GROUP BY 1`,
    );
    const out = new Map(rows.map((r) => [r.g, r.m]));
    const all = rows.map((r) => r.m).sort()[0];
    if (all !== undefined) out.set('', all);
    return out;
  });
}

/**
 * An amount from claims over months before the first claim line of its gemeente (the data start mid-year, or a
 * gemeente joined later): not a year's cost, and a comparison with the year after would read a rise that is none.
 * Flagged `declaraties_deels`. A row of several gemeenten (a regio) is taken by the earliest of all.
 */
function withClaimsPartial(
  rows: readonly IndicatorRow[],
  first: ReadonlyMap<string, string>,
  spanMonths: readonly string[],
  split: ((r: IndicatorRow) => string | null) | undefined,
  fromClaimsOnly: boolean,
): IndicatorRow[] {
  const start = spanMonths[0];
  const end = spanMonths[spanMonths.length - 1];
  if (start === undefined || end === undefined) return [...rows];
  return rows.map((r) => {
    if (split?.(r) === null) return r; // not an amount from claims (Iv3 lasten beside them)
    const from = first.get(r.gemeente) ?? first.get('');
    if (from === undefined || from <= start || r.flags.includes('declaraties_deels')) return r;
    const flags: IndicatorRow['flags'] = [...r.flags, 'declaraties_deels'];
    // no claim line at all up to the span's end: no amount, not € 0 (a cost per youth of 0 before the data began;
    // red team 13)
    return from > end && fromClaimsOnly ? { ...r, value: null, numerator: null, flags } : { ...r, flags };
  });
}

/**
 * An amount from claims in a view as of a day (a report as of its period's end) while claims of its months can still
 * arrive (domain/claimLag.ts): flagged `declaraties_onvolledig`; when none of the period's own months has its claims
 * yet, an amount of 0 says nothing and is left empty rather than shown as € 0 (a fall of 100%).
 */
function withClaimsPending(
  rows: readonly IndicatorRow[],
  asOf: string | null,
  spanMonths: readonly string[],
  ownMonths: readonly string[],
): IndicatorRow[] {
  if (asOf === null) return [...rows];
  const through = claimsCompleteThrough(asOf).slice(0, 7);
  if (!spanMonths.some((m) => m > through)) return [...rows];
  const nothingYet = ownMonths.every((m) => m > through);
  return rows.map((r) => ({
    ...r,
    ...(nothingYet && (r.value === 0 || r.numerator === 0) ? { value: null, numerator: null } : {}),
    flags: r.flags.includes('declaraties_onvolledig') ? r.flags : [...r.flags, 'declaraties_onvolledig'],
  }));
}
