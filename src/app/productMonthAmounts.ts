/**
 * Issue 14 (red team, disclosure control): the amounts of the published tables of app/productMonth.ts hidden with
 * their counts. At a fixed tariff (residential care per day, its price published as `effective_price`) an amount
 * gives the count beside it back: teams of 30, 20 and 3 youths at € 3.100 a month showed Mid "<10" with € 62.000
 * and Small "<10" with € 9.300 (÷ 3.100 = 3). Computed exactly first (app/productMonth.ts); only published cells
 * are hidden here, by the rules of docs/indicators.md "Disclosure control".
 */
import { HIDDEN_CELL, complementaryCell } from './disclosure.js';
import type { ProductFigures } from '../lens/productMonth.js';

// the table shapes of app/productMonth.ts, as far as used here (that module imports this one)
type Cell = string | number | null;
interface TableColumn {
  readonly key: string;
}

/**
 * Issue 14 (red team): an amount beside a hidden count gives the count back when the tariff is fixed (residential
 * care per day, its price published as `effective_price`): a provider "<10" with € 68.200 at € 3.100 a month is
 * 2 children for 11 months. So a row whose children or trajectories are hidden has its cost and cost per child
 * hidden too. And the rows' costs add up to a published total (a code's providers to the code's cost in the table
 * without drill-down; the codes to the cost of the window, published as an indicator), so when exactly one cost is
 * hidden the smallest other is hidden with it (complementary suppression, as for the counts).
 */
export function hideCostWithCounts(
  columns: readonly TableColumn[],
  rows: Cell[][],
  figures: readonly ProductFigures[],
): void {
  const at = (key: string) => columns.findIndex((c) => c.key === key);
  const [children, trajectories, cost, perChild] = [at('children'), at('trajectories'), at('cost'), at('costPerChild')];
  const hide = (r: Cell[]) => {
    r[cost] = HIDDEN_CELL;
    if (r[perChild] !== null) r[perChild] = HIDDEN_CELL;
  };
  for (const r of rows) if (r[children] === HIDDEN_CELL || r[trajectories] === HIDDEN_CELL) hide(r);
  const pick = complementaryCell(
    rows.map((r) => r[cost] === HIDDEN_CELL),
    figures.map((f) => Math.abs(f.costCents)),
  );
  if (pick !== null) hide(rows[pick]!);
  // and within each product category: its codes add up to the category's cost, which `cost_total` by
  // productcategorie publishes for the same window (red team 2, F2: 2023's one hidden code in category 41 was the
  // category's cost minus its published codes, € 299.999 for 6 children)
  const category = columns.findIndex((c) => c.key === 'productCategory');
  if (category < 0) return;
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => groups.set(String(r[category]), [...(groups.get(String(r[category])) ?? []), i]));
  for (const idx of groups.values()) {
    const other = complementaryCell(
      idx.map((i) => rows[i]![cost] === HIDDEN_CELL),
      idx.map((i) => Math.abs(figures[i]!.costCents)),
    );
    if (other !== null) hide(rows[idx[other]!]!);
  }
}

/**
 * The rows whose cost is hidden in the linked month tables (indicators/amountCells.ts): a code (`productcode`, key
 * `category|code`) or, in the drill-down, a code's provider (`productcode_aanbieder`, `category|code|agb`). Their cost
 * and cost per child are hidden.
 */
export function hideLinkedCosts(
  columns: readonly TableColumn[],
  rows: Cell[][],
  figures: readonly ProductFigures[],
  drill: boolean,
  hidden: (split: 'productcode' | 'productcode_aanbieder', key: string) => boolean,
): void {
  const at = (key: string) => columns.findIndex((c) => c.key === key);
  const [cost, perChild] = [at('cost'), at('costPerChild')];
  figures.forEach((f, i) => {
    const key = `${f.productCategory}|${f.productCode}`;
    if (!(drill ? hidden('productcode_aanbieder', `${key}|${f.agb ?? ''}`) : hidden('productcode', key))) return;
    const r = rows[i]!;
    r[cost] = HIDDEN_CELL;
    if (r[perChild] !== null) r[perChild] = HIDDEN_CELL;
  });
}

/** A line of the month table: its group (gemeente and month), whether it is the gemeente as a whole, exact figures. */
export interface RowKey {
  readonly group: string;
  readonly whole: boolean;
  readonly youths: number;
  readonly costCents: number;
  readonly ytdCents: number;
}

/**
 * Issue 14 (red team): at a fixed tariff an amount gives the count beside it back (Small "<10" with € 9.300 at
 * € 3.100 a month is 3 youths). The amounts of the month table are hidden so that none of a row with a hidden count
 * is published or recoverable:
 * - a row whose youths are hidden: its cost this month, so far this year, budget used and left hidden;
 * - year to date = last month's year to date + this month: none of the three hidden alone (a hidden month hides the
 *   year to date from then on; a year to date hidden beside both others hides this month's cost);
 * - the gemeente as a whole = the sum of its teams (every claim line has a team line, `zonder team` included): one
 *   hidden amount among them takes the smallest other with it (complementary suppression, as for the counts);
 * - budget used and left name the year to date (budget × used, budget − left): hidden with it.
 * Rows run per (gemeente, team) in month order (monthOverview). Each step only hides, so the loop ends.
 */
export function hideAmountsWithCounts(
  columns: readonly TableColumn[],
  rows: Cell[][],
  keys: readonly RowKey[],
  groups: ReadonlyMap<string, { whole: number | null; teams: number[] }>,
): void {
  const at = (key: string) => columns.findIndex((c) => c.key === key);
  const [youths, month, ytd, used, left] = [
    at('youths'),
    at('costMonth'),
    at('costYear'),
    at('budgetUsed'),
    at('budgetLeft'),
  ];
  const hidden = (i: number, c: number) => rows[i]![c] === HIDDEN_CELL;
  let changed = true;
  const hide = (i: number, c: number) => {
    if (hidden(i, c)) return;
    rows[i]![c] = HIDDEN_CELL;
    changed = true;
  };
  rows.forEach((_, i) => {
    if (hidden(i, youths)) for (const c of [month, ytd]) hide(i, c);
  });
  while (changed) {
    changed = false;
    rows.forEach((_, i) => {
      // the line before is the same (gemeente, team) one month earlier, unless this is the first month
      const before = isFirstMonth(keys, i) ? false : hidden(i - 1, ytd);
      if (before || hidden(i, month)) hide(i, ytd);
      if (hidden(i, ytd) && !before && !hidden(i, month)) hide(i, month);
    });
    for (const g of groups.values()) {
      if (g.whole === null) continue;
      const members = [g.whole, ...g.teams];
      for (const [c, exact] of [
        [month, (k: RowKey) => k.costCents],
        [ytd, (k: RowKey) => k.ytdCents],
      ] as const) {
        const pick = complementaryCell(
          members.map((i) => hidden(i, c)),
          members.map((i) => Math.abs(exact(keys[i]!))),
        );
        if (pick !== null) hide(members[pick]!, c);
      }
    }
  }
  rows.forEach((r, i) => {
    if (!hidden(i, ytd)) return;
    for (const c of [used, left]) if (r[c] !== null) r[c] = HIDDEN_CELL;
  });
}

/** Is line i the first month of its (gemeente, team)? Lines of one (gemeente, team) run from month 1 up. */
function isFirstMonth(keys: readonly RowKey[], i: number): boolean {
  return keys[i]!.group.endsWith('|1');
}
