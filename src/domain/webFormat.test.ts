/**
 * What the dashboard writes beside a figure under disclosure control, the period names in English and
 * the month of the monthly report (src/web/format.ts, compiled from its source): defects seen in the
 * browser (issue 16.9).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { webFormat } from '../testing/webFormat.js';

it('a suppressed % or amount is not written "<10" (it read as "<10%"); a count is', async () => {
  const f = await webFormat();
  assert.equal(f.fmtValue(null, 'aantal', 'nl', true), '<10');
  for (const unit of ['procent', 'euro', 'dagen', 'score']) {
    const shown = f.fmtValue(null, unit, 'nl', true);
    assert.ok(!shown.includes('<10'), `${unit}: ${shown}`);
    assert.equal(shown, 'onderdrukt');
  }
  assert.equal(f.fmtValue(null, 'procent', 'en', true), 'suppressed');
});

it('"afgerond op 5" only beside counts, not beside euro and % figures', async () => {
  const f = await webFormat();
  assert.deepEqual(f.shownFlags(['afgerond'], 'aantal'), ['afgerond']);
  assert.deepEqual(f.shownFlags(['afgerond', 'weinig_waarnemingen'], 'procent'), ['weinig_waarnemingen']);
  assert.deepEqual(f.shownFlags(['afgerond'], 'euro'), []);
});

it('the monthly report follows the chosen period, never past the data end', async () => {
  const f = await webFormat();
  assert.equal(f.monthOf('2025H2', '2026-06-30'), '2025-12');
  assert.equal(f.monthOf('2025H1', '2026-06-30'), '2025-06');
  assert.equal(f.monthOf('2026Q1', '2026-06-30'), '2026-03');
  assert.equal(f.monthOf('2025', '2026-06-30'), '2025-12');
  assert.equal(f.monthOf('2026', '2026-06-30'), '2026-06', 'the current year: up to the data end');
  assert.equal(f.monthOf('2026H2', '2026-08-31'), '2026-08');
});

it('period names in English (the API gives Dutch ones)', async () => {
  const f = await webFormat();
  assert.equal(f.periodLabel({ key: '2025H1', label: '1e halfjaar 2025' }, 'en'), 'first half of 2025');
  assert.equal(f.periodLabel({ key: '2025Q3', label: '3e kwartaal 2025' }, 'en'), 'Q3 2025');
  assert.equal(f.periodLabel({ key: '2025-06', label: 'juni 2025' }, 'en'), 'June 2025');
  assert.equal(f.periodLabel({ key: '2025H1', label: '1e halfjaar 2025' }, 'nl'), '1e halfjaar 2025');
});
