import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { duePeriods } from './schedule.js';
import { lastCompletePeriod as lastComplete } from '../domain/periods.js';

describe('report schedules', () => {
  it('knows the last complete period of each kind', () => {
    assert.equal(
      JSON.stringify(lastComplete('month', '2026-06-30')),
      JSON.stringify({ kind: 'month', year: 2026, index: 6 }),
    );
    assert.equal(lastComplete('month', '2026-06-29').index, 5);
    assert.equal(lastComplete('quarter', '2026-06-30').index, 2);
    assert.deepEqual(lastComplete('half', '2026-05-31'), { kind: 'half', year: 2025, index: 2 });
  });
  it('produces every new complete period once, oldest first', () => {
    assert.deepEqual(duePeriods({ kind: 'maand', from: '2026-03', produced: [] }, '2026-06-30'), [
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    assert.deepEqual(duePeriods({ kind: 'maand', from: '2026-03', produced: ['2026-03', '2026-04'] }, '2026-06-15'), [
      '2026-05',
    ]);
    assert.deepEqual(duePeriods({ kind: 'raad', from: '2025H2', produced: ['2025H2'] }, '2026-06-30'), ['2026H1']);
    assert.deepEqual(
      duePeriods({ kind: 'aanbieder', from: '2026Q3', produced: [] }, '2026-06-30'),
      [],
      'nothing before the period is over',
    );
  });
});
