/** Dutch number formats in the CLI's text tables (red team 29: per-unit amounts and small shares read as 0). */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fmtEur, fmtPct } from './format.js';

it('euros whole when whole, with cents when not; shares below 1% keep their decimals', () => {
  const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');
  assert.equal(nbsp(fmtEur(1234)), '€ 1.234');
  assert.equal(nbsp(fmtEur(0.03)), '€ 0,03');
  assert.equal(nbsp(fmtEur(5195018.86)), '€ 5.195.018,86');
  assert.equal(nbsp(fmtEur(-12.5)), '€ -12,50');
  assert.equal(fmtEur(null), '–');
  assert.equal(fmtPct(12.345), '12,3%');
  assert.equal(fmtPct(0.017), '0,017%');
  assert.equal(fmtPct(0), '0,0%');
  assert.equal(fmtPct(null), '–');
});
