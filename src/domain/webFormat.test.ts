/**
 * What the dashboard writes beside a figure under disclosure control, the period names in English and
 * the month of the monthly report (src/web/format.ts, compiled from its source): defects seen in the
 * browser (issue 16.9).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { webFormat } from '../testing/webFormat.js';
import { addDays, dutchToday } from './dates.js';

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

it("the dashboard's today is the Dutch calendar day the server uses, also where the clock is not on Dutch time", async () => {
  const f = await webFormat();
  // around both midnights (UTC and Amsterdam), in winter and summer time, and on the days the clocks change
  const instants = [
    '2026-12-06T22:59:59Z',
    '2026-12-06T23:00:00Z',
    '2026-12-06T23:59:59Z',
    '2026-12-07T00:00:00Z',
    '2026-06-30T21:59:59Z',
    '2026-06-30T22:00:00Z',
    '2026-03-29T00:30:00Z',
    '2026-10-25T00:30:00Z',
    '2026-12-31T23:30:00Z',
  ];
  for (const at of instants) assert.equal(f.dutchToday(new Date(at)), dutchToday(new Date(at)), at);
  assert.equal(f.dutchToday(new Date('2026-12-06T23:30:00Z')), '2026-12-07');
  assert.equal(f.addDaysIso('2026-12-07', -1), '2026-12-06');
  assert.equal(f.addDaysIso('2026-03-01', -1), '2026-02-28');
  assert.equal(f.addDaysIso('2026-12-31', 1), '2027-01-01');
  assert.equal(f.addDaysIso('2026-10-24', 2), addDays('2026-10-24', 2));
});
