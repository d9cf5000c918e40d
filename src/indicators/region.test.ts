/** Combining gemeenten into a regio figure: sums, pooled shares, and refusal where it is not sound. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { combineRows } from './region.js';
import type { IndicatorRow } from './types.js';

const r = (
  indicator: string,
  gemeente: string,
  value: number | null,
  numerator: number | null,
  denominator: number | null,
  key: string | null = null,
  flags: IndicatorRow['flags'] = [],
): IndicatorRow => ({
  indicator,
  gemeente,
  period: '2025H2',
  by: key === null ? null : 'k',
  key,
  value,
  numerator,
  denominator,
  unit: 'procent',
  flags,
});

describe('regio figures', () => {
  it('pools shares: sum of numerators over sum of denominators, not the mean of percentages', () => {
    // 10% of 1,000 and 50% of 100: the regio has 150 of 1,100 = 13.636%, not the mean 30%
    const [x] = combineRows(
      'pct_youth_in_care',
      [r('pct_youth_in_care', '0001', 10, 100, 1000), r('pct_youth_in_care', '0002', 50, 50, 100)],
      'regio:R',
    );
    assert.deepEqual([x!.gemeente, x!.value, x!.numerator, x!.denominator], ['regio:R', 13.636, 150, 1100]);
  });
  it('a pooled ratio with a member that has an amount but no denominator is empty, its numerator the whole amount', () => {
    // red team 27: cost per inhabitant of a regio without population read numerator 0; red team 28: with population
    // for one member only, the regio's value was that member's, its numerator without the other's cost
    const none = combineRows(
      'cost_per_inhabitant',
      [
        r('cost_per_inhabitant', '0001', null, 1200.5, null, null, ['geen_noemer']),
        r('cost_per_inhabitant', '0002', null, 300, null, null, ['geen_noemer']),
      ],
      'regio:R',
    );
    const some = combineRows(
      'cost_per_inhabitant',
      [r('cost_per_inhabitant', '0001', 1.2, 1200, 1000), r('cost_per_inhabitant', '0002', null, 300, null)],
      'regio:R',
    );
    for (const [x, num] of [
      [none[0], 1500.5],
      [some[0], 1500],
    ] as const) {
      assert.deepEqual([x!.value, x!.numerator, x!.denominator], [null, num, null]);
      assert.ok(x!.flags.includes('geen_noemer'));
    }
  });
  it('a pooled amount with a member whose amount is not known is not known either', () => {
    // red team 29: as of 15 October, 0363's September claims not in yet: the regio's cost per youth was 0358's alone
    const [x] = combineRows(
      'cost_per_youth',
      [
        r('cost_per_youth', '0363', null, null, 150000, null, ['declaraties_onvolledig']),
        r('cost_per_youth', '0358', 0.07, 500, 7000, null, ['declaraties_onvolledig']),
      ],
      'regio:R',
    );
    assert.deepEqual([x!.value, x!.numerator, x!.denominator], [null, null, null]);
    assert.ok(x!.flags.includes('declaraties_onvolledig'));
  });
  it('a sum whose members are all unknown is unknown, not 0', () => {
    // red team 28: totaal of two gemeenten asked as of a day before any claim of March was in read € 0
    const [x] = combineRows(
      'cost_total',
      [
        r('cost_total', '0001', null, null, null, null, ['declaraties_onvolledig']),
        r('cost_total', '0002', null, null, null, null, ['declaraties_onvolledig']),
      ],
      'regio:R',
    );
    assert.deepEqual([x!.value, x!.numerator], [null, null]);
    assert.ok(x!.flags.includes('declaraties_onvolledig'));
  });
  it('sums the fields an indicator adds beside the figure (budget_burn remaining) and drops them when not combinable', () => {
    // found from outside: the regio's remaining budget was the first gemeente's
    const burn = (g: string, cost: number, budget: number) => ({
      ...r('budget_burn', g, null, cost, budget),
      remaining: budget - cost,
    });
    const [x] = combineRows('budget_burn', [burn('0001', 100.1, 300), burn('0002', 50.2, 100)], 'regio:R');
    assert.equal((x as unknown as { remaining: number }).remaining, 249.7);
    const f = (g: string, low: number) => ({ ...r('forecast_year_end', g, 10, null, null), low });
    const [y] = combineRows('forecast_year_end', [f('0001', 5), f('0002', 6)], 'regio:R');
    assert.equal('low' in y!, false, "a figure that cannot be combined carries no gemeente's parts");
  });
  it('sums counts per key, and says a youth in two gemeenten counts twice', () => {
    const rows = combineRows(
      'youth_in_care',
      [
        r('youth_in_care', '0001', 3, 3, null, 'a'),
        r('youth_in_care', '0002', 4, 4, null, 'a'),
        r('youth_in_care', '0002', 1, 1, null, 'b'),
      ],
      'totaal',
    );
    assert.deepEqual(
      rows.map((x) => [x.key, x.value]),
      [
        ['a', 7],
        ['b', 1],
      ],
    );
    assert.ok(rows[0]!.flags.includes('som_van_gemeenten'));
  });
  it('refuses medians and scores, and rows that were already protected', () => {
    const [m] = combineRows(
      'duration',
      [r('duration', '0001', 100, null, 10, 'mediaan'), r('duration', '0002', 200, null, 10, 'mediaan')],
      'totaal',
    );
    assert.deepEqual([m!.value, m!.flags], [null, ['niet_optelbaar']]);
    assert.throws(
      () => combineRows('youth_in_care', [r('youth_in_care', '0001', 10, 10, null, null, ['afgerond'])], 'totaal'),
      /before disclosure control/,
    );
  });
});
