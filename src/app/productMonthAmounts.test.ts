/**
 * Issue 14: the month table's amounts hidden with their counts (app/productMonthAmounts.ts), on random tables of a
 * gemeente and three teams at a fixed tariff: afterwards no row with a hidden count shows an amount, no year to
 * date, this month and last month's year to date has exactly one hidden, no lone hidden team amount sits beside the
 * gemeente's, and budget used and left are hidden with the year to date. The HTTP view is in
 * server/productMonthMoney.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { complementaryCell, HIDDEN_CELL } from './disclosure.js';
import { hideAmountsWithCounts, hideCostWithCounts, type RowKey } from './productMonthAmounts.js';

type Cell = string | number | null;
const COLUMNS = ['youths', 'costMonth', 'costYear', 'budget', 'budgetUsed', 'budgetLeft'].map((key) => ({ key }));
const [Y, M, YTD, B, U, L] = [0, 1, 2, 3, 4, 5];

/** A seeded generator (the tables are reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function table(seed: number, months: number) {
  const r = rng(seed);
  const teams = [0, 1, 2].map(() =>
    Array.from({ length: months }, () => (r() < 0.3 ? Math.floor(r() * 9) : 10 + Math.floor(r() * 30))),
  );
  const whole = Array.from({ length: months }, (_, m) => teams.reduce((s, t) => s + t[m]!, 0));
  const rows: Cell[][] = [];
  const keys: RowKey[] = [];
  for (const [series, counts] of [whole, ...teams].entries()) {
    let ytd = 0;
    counts.forEach((n, m) => {
      const cost = n * 310_000;
      ytd += cost;
      keys.push({ group: `9001|${m + 1}`, whole: series === 0, youths: n, costCents: cost, ytdCents: ytd });
      const budget = series === 0 ? 1_000_000 : null;
      rows.push([
        n < 10 ? HIDDEN_CELL : n,
        cost,
        ytd,
        budget,
        budget && (100 * ytd) / 100_000_000,
        budget && budget - ytd,
      ]);
    });
  }
  const groups = new Map<string, { whole: number | null; teams: number[] }>();
  keys.forEach((k, i) => {
    const g = groups.get(k.group) ?? { whole: null, teams: [] };
    if (k.whole) g.whole = i;
    else g.teams.push(i);
    groups.set(k.group, g);
  });
  // the counts' complementary suppression, as monthOverview does it
  for (const g of groups.values()) {
    if (rows[g.whole!]![Y] === HIDDEN_CELL) continue;
    const pick = complementaryCell(
      g.teams.map((i) => rows[i]![Y] === HIDDEN_CELL),
      g.teams.map((i) => keys[i]!.youths),
    );
    if (pick !== null) rows[g.teams[pick]!]![Y] = HIDDEN_CELL;
  }
  return { rows, keys, groups };
}

describe('amounts of the month table hidden with their counts (issue 14)', () => {
  it('on 300 random tables: nothing hidden alone, nothing shown beside a hidden count', () => {
    let hiddenSeen = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const months = 1 + (seed % 12);
      const { rows, keys, groups } = table(seed, months);
      hideAmountsWithCounts(COLUMNS, rows, keys, groups);
      const h = (i: number, c: number) => rows[i]![c] === HIDDEN_CELL;
      const problems: string[] = [];
      rows.forEach((r, i) => {
        if (h(i, Y) && (!h(i, M) || !h(i, YTD))) problems.push(`${i}: count hidden, amount shown`);
        const first = keys[i]!.group.endsWith('|1');
        const three = [first ? false : h(i - 1, YTD), h(i, M), h(i, YTD)];
        if (three.filter(Boolean).length === 1) problems.push(`${i}: one of ytd-1, month, ytd hidden alone`);
        if (r[B] !== null && h(i, YTD) && (!h(i, U) || !h(i, L)))
          problems.push(`${i}: budget used/left beside a hidden ytd`);
        if (h(i, M)) hiddenSeen++;
      });
      for (const g of groups.values())
        for (const c of [M, YTD]) {
          const all = [g.whole!, ...g.teams];
          if (all.filter((i) => h(i, c)).length === 1) problems.push(`${g.whole}: one amount hidden among the teams`);
        }
      assert.deepEqual(problems, [], `seed ${seed}`);
    }
    assert.ok(hiddenSeen > 100);
  });
});

// red team 2 (F2): a category's codes add up to the category's cost, which cost_total by productcategorie publishes
it('per productcode: one hidden cost within a category takes the smallest other code of that category with it', () => {
  const columns = ['productCategory', 'productCode', 'children', 'trajectories', 'cost', 'costPerChild'].map((key) => ({
    key,
  }));
  // category 41: 41I01 hidden (6 children), 41I02 and 41I03 shown; category 45: two shown codes, one hidden
  const spec: Array<[string, string, number, number]> = [
    ['41', '41I01', 6, 299_998_45],
    ['41', '41I02', 40, 900_000_00],
    ['41', '41I03', 25, 500_000_00],
    ['45', '45A01', 50, 1_000_000_00],
    ['45', '45A02', 30, 700_000_00],
    ['45', '45A03', 4, 80_000_00],
  ];
  const rows: Cell[][] = spec.map(([cat, code, n, cents]) => [
    cat,
    code,
    n < 10 ? HIDDEN_CELL : n,
    n < 10 ? HIDDEN_CELL : n,
    cents / 100,
    Math.round(cents / 100 / n),
  ]);
  hideCostWithCounts(
    columns,
    rows,
    spec.map(([, , , cents]) => ({ costCents: cents }) as never),
  );
  const hidden = rows.filter((r) => r[4] === HIDDEN_CELL).map((r) => r[1]);
  assert.deepEqual(hidden.sort(), ['41I01', '41I03', '45A02', '45A03']);
});
