/**
 * Disclosure control for outputs that leave the circle authorised for a gemeente's person-level
 * data (shared/domain/indicators.md): counts rounded to a multiple of 5, cells below 10 suppressed
 * (shown as "<10") with their derived values, and complementary suppression so a hidden cell
 * cannot be recovered from the other cells of the same split. Pure: rows in, rows out.
 */
import type { IndicatorRow } from '../indicators/types.js';

export const MIN_CELL = 10;
export const ROUND_TO = 5;

const roundTo5 = (n: number | null): number | null => (n === null ? null : Math.round(n / ROUND_TO) * ROUND_TO);

/** The count of persons or trajectories behind a row, when the row has one. */
function cellCount(r: IndicatorRow): number | null {
  if (r.unit === 'aantal') return r.value;
  if (r.unit === 'euro' || r.unit === 'dagen' || r.unit === 'score') return r.denominator;
  return r.numerator;
}

function suppress(r: IndicatorRow): IndicatorRow {
  return { ...r, value: null, numerator: null, denominator: r.unit === 'procent' ? roundTo5(r.denominator) : null, flags: [...new Set([...r.flags, 'onderdrukt' as const])] };
}

function round(r: IndicatorRow): IndicatorRow {
  const rounded = r.unit === 'aantal'
    ? { value: roundTo5(r.value), numerator: roundTo5(r.numerator), denominator: roundTo5(r.denominator) }
    : r.unit === 'procent'
      ? { numerator: roundTo5(r.numerator), denominator: roundTo5(r.denominator) }
      : { numerator: r.unit === 'euro' ? r.numerator : roundTo5(r.numerator), denominator: roundTo5(r.denominator) };
  return { ...r, ...rounded, flags: [...new Set([...r.flags, 'afgerond' as const])] };
}

export function applyDisclosureControl(rows: readonly IndicatorRow[]): IndicatorRow[] {
  const out = rows.map((r) => {
    const n = cellCount(r);
    return n !== null && n < MIN_CELL ? suppress(r) : round(r);
  });
  // complementary suppression within each split (same indicator, gemeente, period and dimension)
  const groups = new Map<string, number[]>();
  out.forEach((r, i) => {
    if (r.by === null) return;
    const key = `${r.indicator}|${r.gemeente}|${r.period}|${r.by}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const idx of groups.values()) {
    const hidden = idx.filter((i) => out[i]!.flags.includes('onderdrukt'));
    if (hidden.length !== 1 || idx.length < 2) continue;
    const visible = idx.filter((i) => !out[i]!.flags.includes('onderdrukt'));
    const smallest = visible.sort((a, b) => (cellCount(rows[a]!) ?? Infinity) - (cellCount(rows[b]!) ?? Infinity))[0];
    if (smallest !== undefined) out[smallest] = suppress(out[smallest]!);
  }
  return out;
}

export interface PayloadContext { readonly provider: string | null }
export function protectPayload(payload: unknown, _ctx: PayloadContext): unknown {
  return payload;
}
