/**
 * The money tile's parts (red team 23): "besteed" is the budget burn's own amount and is hidden when published where
 * the burn is (budget − besteed was the hidden remaining, and a month's spending gave one youth's tranche back); the
 * budget itself is no one's (the disclosure step may still hide it beside the hidden amount, as a complement).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { amountRow } from './overview.js';
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
