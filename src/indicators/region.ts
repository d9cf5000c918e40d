/**
 * An indicator for a regio (or any set of gemeenten) as one figure. Only where adding up is
 * sound: counts and amounts are summed; shares and averages are pooled (sum of numerators ÷ sum of
 * denominators), never averaged over gemeenten. Medians, scores, deciles, indices, forecasts and
 * model figures cannot be combined from per-gemeente results; they come back empty and flagged.
 * A youth with care in two gemeenten of the regio counts in both (flagged).
 */
import type { Flag, IndicatorRow } from './types.js';
import { ratioHalfUp, roundHalfUp, sumDecimal, sumEuro } from '../domain/decimal.js';
import { isWeakResponse } from '../domain/voice.js';

/** Indicators whose value is a count or an amount: summed. */
const SUMMED: ReadonlySet<string> = new Set([
  'youth_in_care',
  'youth_18_22_in_care',
  'transition_at_18',
  'trajectories_started',
  'inflow_youth',
  'reentry_youth',
  'outflow_youth',
  'stock_youth',
  'stock_bridge',
  'long_running',
  'care_paths',
  'basic_support_reach',
  'youth_segments',
  'liaison_reach',
  'allocations_without_start',
  'claims_without_allocation',
  'cost_total',
  'cost_all_forms',
  'commitments',
  // trajectories per gemeente (a trajectory belongs to one gemeente) and their amounts
  'tranche_ledger',
]);
/** Counts of persons: a youth in two gemeenten is counted twice when summed. */
const PERSONS: ReadonlySet<string> = new Set([
  'youth_in_care',
  'youth_18_22_in_care',
  'transition_at_18',
  'inflow_youth',
  'reentry_youth',
  'outflow_youth',
  'stock_youth',
  'stock_bridge',
  'basic_support_reach',
  'youth_segments',
  'liaison_reach',
]);
/**
 * Counts a member may leave empty (youth_segments' no help without a population figure, or with one smaller than the
 * youths helped; basic_support_reach without any basishulp on record): the sum is empty too, since counted as 0 that member's youths without help would be missing from it.
 */
const EMPTY_IF_ANY_EMPTY: ReadonlySet<string> = new Set(['youth_segments', 'basic_support_reach']);
/** Indicators whose numerator (and for budget_burn also denominator) is in euros: added in whole cents. */
const EURO_PARTS: ReadonlySet<string> = new Set([
  'cost_total',
  'cost_all_forms',
  'commitments',
  'cost_per_client',
  'cost_per_youth',
  'cost_per_inhabitant',
  'effective_price',
  'burden_per_user',
  'burden_per_inhabitant',
  'budget_burn',
  'tranche_ledger',
  'budget_by_programme',
]);
/** Indicators whose value is numerator ÷ denominator × factor: pooled. */
const POOLED: Readonly<Record<string, number>> = {
  pct_youth_in_care: 100,
  referrer_mix: 100,
  specialist_referral_rate: 100,
  intensity_mix: 100,
  stacking: 100,
  step_up_down: 100,
  first_line_share: 100,
  re_entry: 100,
  dropout: 100,
  completed_as_planned: 100,
  lasting_outcome: 100,
  goal_attainment: 100,
  message_timeliness: 100,
  budget_burn: 100,
  budget_by_programme: 100,
  cost_per_client: 1,
  cost_per_youth: 1,
  cost_per_inhabitant: 1,
  effective_price: 1,
  burden_per_user: 1,
  burden_per_inhabitant: 1,
  // the voice of clients (issue 20): responses ÷ invitations, marks × responses ÷ responses, complaints ÷ youths
  response_rate: 100,
  experience_score: 1,
  experience_positive_share: 100,
  complaints_per_1000: 1000,
};
/** Flags said of the gemeente's own figure, decided again on the pooled one (a regio is not weak for one member). */
const REDECIDED: Readonly<Record<string, (n: number, d: number) => boolean>> = {
  response_rate: (n, d) => isWeakResponse(n, d),
};

/** A count or an amount: a gemeente without a row for it has 0 (zero rows are left out). */
export function isSummed(indicator: string): boolean {
  return SUMMED.has(indicator);
}

export function canCombine(indicator: string): boolean {
  return SUMMED.has(indicator) || indicator in POOLED;
}

const round3 = (v: number): number => roundHalfUp(v, 3);

const STANDARD = new Set([
  'indicator',
  'gemeente',
  'period',
  'by',
  'key',
  'value',
  'numerator',
  'denominator',
  'unit',
  'flags',
]);

/**
 * Fields some indicators add beside the standard ones (budget_burn's `remaining`): summed over the
 * gemeenten that have them when the figure itself is combined, left out when it is not. Spreading
 * the first gemeente's row gave a regio its first gemeente's remaining budget (found from outside).
 */
function extras(group: readonly IndicatorRow[], combinable: boolean, euro: boolean): Record<string, number | null> {
  if (!combinable) return {};
  const out: Record<string, number | null> = {};
  const names = new Set(group.flatMap((r) => Object.keys(r).filter((k) => !STANDARD.has(k))));
  for (const name of names) {
    const values = group.map((r) => (r as unknown as Record<string, unknown>)[name]);
    if (!values.every((v) => v === null || v === undefined || typeof v === 'number')) continue;
    const known = values.filter((v): v is number => typeof v === 'number');
    out[name] = known.length === 0 ? null : euro ? sumEuro(known) : known.reduce((a, b) => a + b, 0);
  }
  return out;
}

/** Combines per-gemeente rows into rows for `label` (e.g. "regio:DEMO-MW"), one per period, split and key. */
export function combineRows(indicator: string, rows: readonly IndicatorRow[], label: string): IndicatorRow[] {
  // rounded or suppressed cells cannot be added up correctly: combine first, protect after
  if (rows.some((r) => r.flags.includes('onderdrukt') || r.flags.includes('afgerond')))
    throw new Error('combine rows before disclosure control');
  const groups = new Map<string, IndicatorRow[]>();
  for (const r of rows) {
    const k = `${r.period}|${r.by ?? ''}|${r.key ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: IndicatorRow[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const flags = new Set<Flag>(group.flatMap((r) => r.flags));
    let value: number | null = null;
    let numerator: number | null = null;
    let denominator: number | null = null;
    if (SUMMED.has(indicator)) {
      value = EURO_PARTS.has(indicator)
        ? sumEuro(group.map((r) => r.value ?? 0))
        : round3(group.reduce((s, r) => s + (r.value ?? 0), 0));
      numerator = value;
      if (EMPTY_IF_ANY_EMPTY.has(indicator) && group.some((r) => r.value === null)) value = numerator = null;
      // no member known (a report as of a day before any claim of the period is in): not known, not € 0 (red team 28)
      if (group.every((r) => r.value === null)) value = numerator = null;
      if (group.every((r) => r.denominator !== null)) denominator = sumDecimal(group.map((r) => r.denominator!));
      if (PERSONS.has(indicator)) flags.add('som_van_gemeenten');
    } else if (indicator in POOLED) {
      const usable = group.filter((r) => r.numerator !== null && r.denominator !== null);
      const euro = EURO_PARTS.has(indicator);
      numerator = euro ? sumEuro(usable.map((r) => r.numerator!)) : usable.reduce((s, r) => s + r.numerator!, 0);
      denominator =
        euro && (indicator === 'budget_burn' || indicator === 'budget_by_programme')
          ? sumEuro(usable.map((r) => r.denominator!))
          : sumDecimal(usable.map((r) => r.denominator!)); // exact: volumes have decimals (effective_price)
      // exact decimal, half up: euros per unit to the cent, shares to three decimals
      value =
        denominator > 0
          ? ratioHalfUp(
              numerator,
              denominator,
              POOLED[indicator]!,
              first.unit === 'euro' || first.unit === 'score' ? 2 : 3,
            )
          : null;
      // a member without a denominator (no population, no budget); one without an amount before its claims began
      // carries declaraties_deels instead
      const lacking = group.some((r) => r.numerator !== null && r.denominator === null);
      if (lacking) flags.add('geen_noemer');
      const weak = REDECIDED[indicator];
      if (weak) {
        flags.delete('lage_respons');
        if (weak(numerator, denominator)) flags.add('lage_respons');
      }
      // a member with an amount but no denominator: the regio's ratio is not known. Pooled over the others it showed a
      // cost per inhabitant of part of the regio under the regio's name, its numerator without that member's cost (red
      // team 28); with none pooled at all, "numerator 0" (red team 27). The numerator is then the regio's whole amount.
      if (lacking) {
        const all = group.filter((r) => r.numerator !== null).map((r) => r.numerator!);
        numerator = euro ? sumEuro(all) : all.reduce((s, x) => s + x, 0);
        value = denominator = null;
      } else if (usable.length === 0) numerator = denominator = null;
      // a member whose amount is not known (its claims still to come, or not begun): the regio's is not either —
      // pooled over the others it was one gemeente's cost per youth or budget burn under the regio's name (red team
      // 29); flagged as that member is (declaraties_onvolledig, declaraties_deels)
      if (euro && group.some((r) => r.numerator === null)) value = numerator = denominator = null;
    } else {
      flags.add('niet_optelbaar');
    }
    const combinedRow: IndicatorRow = {
      indicator: first.indicator,
      gemeente: label,
      period: first.period,
      by: first.by,
      key: first.key,
      value,
      numerator,
      denominator,
      unit: first.unit,
      flags: [...flags],
    };
    // an amount hidden when published in one gemeente is hidden in the sum (indicators/amountCells.ts)
    const hidden = group.some((r) => r.hiddenWhenPublished) ? { hiddenWhenPublished: true } : {};
    out.push({ ...combinedRow, ...extras(group, !flags.has('niet_optelbaar'), EURO_PARTS.has(indicator)), ...hidden });
  }
  return out.sort((a, b) => a.period.localeCompare(b.period) || (a.key ?? '').localeCompare(b.key ?? ''));
}
