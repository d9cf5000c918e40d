/**
 * The reference for `budget_by_programme`, written from its definition in docs/indicators.md, not from the SQL or
 * the indicator's code: per gemeente and calendar year of the period, the budget lines of the youth taakvelden (6.72,
 * 6.82 and from 2023 6.72a–d, 6.73a–c, 6.74a–c, 6.82a–b) when the year has one, else all its lines; grouped as a whole,
 * per post (taakveld_of_post as written) or per programme (none: key ''); value = Σ gerealiseerd ÷ Σ begroot × 100 at
 * three decimals, half away from zero, none when the budget is 0 or no line of the group gives a realisation;
 * numerator = the realisation in euros, denominator = the budget in euros (none when 0).
 * reference.ts registers this into REFERENCE, so it cannot import from there (the layer check refuses import
 * cycles): the record it reads and the exact rounding are restated here.
 */
import type { RefRow } from './row.js';

/** A budget.csv line as the importer stores it (table budget), amounts in whole cents. */
export interface BudgetLine {
  readonly gemeente: string;
  readonly year: number;
  readonly line: string;
  readonly budgetCents: number;
  /** gerealiseerd_euro; null or absent: the file gives none */
  readonly realisedCents?: number | null;
  readonly programme?: string | null;
  /** reserve_euro: a draw-down positive, an addition negative */
  readonly reserveCents?: number | null;
}
interface BudgetData {
  readonly budget?: readonly BudgetLine[];
}
interface BudgetPeriod {
  readonly year: number;
}

/** The youth taakvelden, spelled out one by one. */
const YOUTH = new Set(
  ['6.72', '6.82', '6.82a', '6.82b']
    .concat(['a', 'b', 'c', 'd'].map((s) => `6.72${s}`))
    .concat(['a', 'b', 'c'].flatMap((s) => [`6.73${s}`, `6.74${s}`])),
);

/** n ÷ d × 100 at three decimals, half away from zero, in whole numbers (BigInt) so no float rounds a tie. */
function percent(n: number, d: number): number {
  const num = BigInt(n) * 100_000n;
  const den = BigInt(d);
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  let q = a / b;
  if ((a % b) * 2n >= b) q += 1n;
  const thousandths = neg ? -q : q;
  return Number(thousandths) / 1000;
}

function figure(gemeente: string, by: string | null, key: string | null, lines: readonly BudgetLine[]): RefRow {
  let budget = 0;
  let realised: number | null = null;
  for (const l of lines) {
    budget += l.budgetCents;
    if (l.realisedCents !== null && l.realisedCents !== undefined) realised = (realised ?? 0) + l.realisedCents;
  }
  return {
    gemeente,
    by,
    key,
    value: realised !== null && budget > 0 ? percent(realised, budget) : null,
    numerator: realised === null ? null : realised / 100,
    denominator: budget > 0 ? budget / 100 : null,
  };
}

function budgetByProgramme(d: BudgetData, p: BudgetPeriod, by: string | null): RefRow[] {
  const out: RefRow[] = [];
  const ofYear = (d.budget ?? []).filter((b) => b.year === p.year);
  const gemeenten = [...new Set(ofYear.map((b) => b.gemeente))].sort();
  for (const g of gemeenten) {
    const all = ofYear.filter((b) => b.gemeente === g);
    const youth = all.filter((b) => YOUTH.has(b.line.trim().toLowerCase()));
    const lines = youth.length > 0 ? youth : all;
    if (by === null) {
      out.push(figure(g, null, null, lines));
      continue;
    }
    const keyOf = (b: BudgetLine) => (by === 'post' ? b.line : (b.programme ?? ''));
    for (const k of [...new Set(lines.map(keyOf))].sort())
      out.push(
        figure(
          g,
          by,
          k,
          lines.filter((b) => keyOf(b) === k),
        ),
      );
  }
  return out;
}

export const BUDGET_REFERENCE: Readonly<
  Record<string, (d: BudgetData, p: BudgetPeriod, by: string | null) => RefRow[]>
> = {
  budget_by_programme: budgetByProgramme,
};
