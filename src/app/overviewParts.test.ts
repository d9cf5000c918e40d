/**
 * The money tile's parts (red team 23): "besteed" is the budget burn's own amount and is hidden when published where
 * the burn is (budget − besteed was the hidden remaining, and a month's spending gave one youth's tranche back); the
 * budget itself is no one's (the disclosure step may still hide it beside the hidden amount, as a complement).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { amountRow, overview } from './overview.js';
import type { LensHolder } from './lensHolder.js';
import { formatPeriod, parsePeriod, type Period } from '../domain/periods.js';
import { applyDisclosureControl } from './disclosure.js';
import type { IndicatorRow } from '../indicators/types.js';

it('spent is hidden where the budget burn is; the budget is not', () => {
  const burn: IndicatorRow = {
    indicator: 'budget_burn',
    gemeente: '0363',
    period: '2025-02',
    by: null,
    key: null,
    value: 15.664,
    numerator: 31327.45,
    denominator: 200000,
    unit: 'procent',
    flags: [],
    hiddenWhenPublished: true,
  };
  const parts = [amountRow(burn, 'besteed', burn.numerator), amountRow(burn, 'begroting', burn.denominator, false)];
  assert.deepEqual(
    parts.map((r) => [r.key, r.hiddenWhenPublished === true]),
    [
      ['besteed', true],
      ['begroting', false],
    ],
  );
  const [spent] = applyDisclosureControl(parts);
  assert.deepEqual([spent!.key, spent!.value], ['besteed', null]);
  const open = applyDisclosureControl([amountRow({ ...burn, hiddenWhenPublished: false }, 'besteed', burn.numerator)]);
  assert.equal(open[0]!.value, 31327, 'a burn that is published publishes its spending, in whole euros');
});

/**
 * The multi-gemeente total says "declaraties pas vanaf een latere maand" only when it lacks a gemeente the figure it
 * is compared with has (red team: bestuur over two gemeenten, both with claims from 1 January, got the flag on the
 * total's budget burn and its parts because the year before had no claims at all, though neither gemeente's own
 * figure carried it). Rows as the kernel gives them: a year before the claims began is an empty row, flagged.
 */
it('a total is flagged partial only when it lacks a gemeente the compared total has', async () => {
  const burn = (gemeente: string, period: string, value: number | null): IndicatorRow => ({
    indicator: 'budget_burn',
    gemeente,
    period,
    by: null,
    key: null,
    value,
    numerator: value === null ? null : value * 1000,
    denominator: value === null ? null : 100000,
    unit: 'procent',
    flags: value === null ? ['declaraties_deels'] : [],
  });
  const run = async (cur: IndicatorRow[], prev: IndicatorRow[]) => {
    const lens = {
      rows: async (id: string, periods: readonly Period[]) =>
        id !== 'budget_burn' ? [] : formatPeriod(periods[0]!) === '2025-06' ? cur : prev,
    } as unknown as LensHolder;
    const o = await overview({
      lens,
      period: parsePeriod('2025-06'),
      gemeenten: ['9001', '9002'],
      money: true,
      published: false,
      goals: [],
      allowed: () => false,
    });
    return o.tiles.find((t) => t.id === 'geld')!;
  };
  // this year both gemeenten from 1 January; the year before no claims in either
  const first = await run(
    [burn('9001', '2025-06', 10), burn('9002', '2025-06', 20)],
    [burn('9001', '2024-06', null), burn('9002', '2024-06', null)],
  );
  assert.deepEqual(first.current!.flags, []);
  assert.deepEqual(
    first.parts.filter((p) => p.flags.includes('declaraties_deels')).map((p) => p.key),
    [],
    'nor its parts (besteed, begroting)',
  );
  assert.equal(first.change.code, 'niet_compleet', 'the year before is still no comparison');
  // this year 9002 has no claims yet, the year before both: this year's total is the partial one
  const later = await run(
    [burn('9001', '2025-06', 10), burn('9002', '2025-06', null)],
    [burn('9001', '2024-06', 10), burn('9002', '2024-06', 20)],
  );
  assert.ok(later.current!.flags.includes('declaraties_deels'));
  assert.equal(later.change.code, 'niet_compleet');
  // the same gemeenten in both: no flag, a comparison
  const same = await run(
    [burn('9001', '2025-06', 10), burn('9002', '2025-06', 20)],
    [burn('9001', '2024-06', 12), burn('9002', '2024-06', 20)],
  );
  assert.deepEqual(same.current!.flags, []);
  assert.deepEqual(same.previous!.flags, []);
  assert.equal(same.change.code, 'lager');
});
