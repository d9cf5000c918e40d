/**
 * Disclosure control of the voice indicators (issue 20): complaints per 1,000 are a rate of persons, published from
 * the rounded counts (1,000 × round5(n) ÷ round5(D)) and hidden below 10 complaints, with complementary suppression
 * within a split; an experience score is hidden below 10 responses; no numerator or denominator is published.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyDisclosureControl } from './disclosure.js';
import type { IndicatorRow } from '../indicators/types.js';

const row = (over: Partial<IndicatorRow>): IndicatorRow => ({
  indicator: 'complaints_per_1000',
  gemeente: '9001',
  period: '2025',
  by: null,
  key: null,
  value: null,
  numerator: null,
  denominator: null,
  unit: 'per_1000',
  flags: [],
  ...over,
});

describe('disclosure of the voice indicators', () => {
  it('complaints per 1,000 from the rounded counts, hidden below 10 complaints, the smallest other theme with it', () => {
    const [total, a, b, c] = applyDisclosureControl([
      row({ value: 14.235, numerator: 12, denominator: 843 }),
      row({ by: 'thema', key: 'bejegening', value: 8.304, numerator: 7, denominator: 843 }),
      row({ by: 'thema', key: 'uitvoering', value: 13.049, numerator: 11, denominator: 843 }),
      row({ by: 'thema', key: 'anders', value: 20.166, numerator: 17, denominator: 843 }),
    ]);
    assert.equal(total!.value, 11.8, '1000 × 10 ÷ 845');
    assert.equal(total!.numerator, null);
    assert.equal(total!.denominator, null);
    assert.equal(a!.value, null);
    assert.ok(a!.flags.includes('onderdrukt'));
    assert.equal(b!.value, null, 'the smallest other cell is hidden with it');
    assert.equal(c!.value, 17.8, '1000 × 15 ÷ 845');
  });

  it('an experience score is hidden below 10 responses and published at one decimal above', () => {
    const [few, many] = applyDisclosureControl([
      row({ indicator: 'experience_score', unit: 'score', value: 7.4, numerator: 66.6, denominator: 9 }),
      row({
        indicator: 'experience_score',
        unit: 'score',
        gemeente: '9002',
        value: 7.46,
        numerator: 746,
        denominator: 100,
      }),
    ]);
    assert.equal(few!.value, null);
    assert.equal(many!.value, 7.5);
    assert.equal(many!.denominator, null);
  });
});
