/**
 * pilots_on_track worked by hand (docs/indicators.md "Pilots op koers"). Five pilots of one gemeente on the peildatum
 * 1 september 2025:
 *   A  2024-01-01 – 2026-12-31, goals op koers + op koers, moments 2025-06-30 decided (doorgaan), 2026-06-30 ahead
 *      → running, on track
 *   B  2024-01-01 – 2026-12-31, goal op koers, moment 2025-06-30 without outcome → running, not on track (te laat)
 *   C  2025-01-01 – 2027-12-31, goals op koers + aandacht → running, not on track (a goal not on koers)
 *   D  2023-01-01 – 2025-12-31, no goal → running, not on track (no goal to measure it by)
 *   E  2024-01-01 – 2026-12-31, goal op koers, moment 2025-03-31 decided stoppen on 2025-04-15 → stopped, not running
 *   F  2026-01-01 – 2028-12-31 → planned, not running
 * Running: A, B, C, D = 4; on track: A = 1; share 1 / 4 = 25,0%.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { pilotStatus, pilotsOnTrack, type PilotFacts } from './pilots.js';

const goal = (status: PilotFacts['goals'][number]['status'], title = 'doel') => ({ title, status });
const A: PilotFacts = {
  start: '2024-01-01',
  end: '2026-12-31',
  evaluations: [
    { planned: '2025-06-30', outcome: 'doorgaan', decidedOn: '2025-07-01' },
    { planned: '2026-06-30', outcome: null, decidedOn: null },
  ],
  goals: [goal('op koers'), goal('op koers')],
};
const B: PilotFacts = {
  start: '2024-01-01',
  end: '2026-12-31',
  evaluations: [{ planned: '2025-06-30', outcome: null, decidedOn: null }],
  goals: [goal('op koers')],
};
const C: PilotFacts = {
  start: '2025-01-01',
  end: '2027-12-31',
  evaluations: [],
  goals: [goal('op koers'), goal('aandacht', 'wachttijd')],
};
const D: PilotFacts = { start: '2023-01-01', end: '2025-12-31', evaluations: [], goals: [] };
const E: PilotFacts = {
  start: '2024-01-01',
  end: '2026-12-31',
  evaluations: [{ planned: '2025-03-31', outcome: 'stoppen', decidedOn: '2025-04-15' }],
  goals: [goal('op koers')],
};
const F: PilotFacts = { start: '2026-01-01', end: '2028-12-31', evaluations: [], goals: [goal('op koers')] };
const DAY = '2025-09-01';

it('each pilot by hand', () => {
  assert.deepEqual(pilotStatus(A, DAY), { phase: 'lopend', onTrack: true, overdue: [], reasonsNl: [] });
  assert.deepEqual(pilotStatus(B, DAY), {
    phase: 'lopend',
    onTrack: false,
    overdue: ['2025-06-30'],
    reasonsNl: ['evaluatie van 30-06-2025 is te laat'],
  });
  assert.deepEqual(pilotStatus(C, DAY).reasonsNl, ['doel "wachttijd": aandacht']);
  assert.deepEqual(pilotStatus(D, DAY).reasonsNl, ['geen gekoppeld doel']);
  assert.equal(pilotStatus(E, DAY).phase, 'gestopt');
  assert.equal(pilotStatus(F, DAY).phase, 'gepland');
  // the stop counts from the day it was decided: the day before, E ran, and its moment of 31 March was still open
  assert.deepEqual(pilotStatus(E, '2025-04-14'), {
    phase: 'lopend',
    onTrack: false,
    overdue: ['2025-03-31'],
    reasonsNl: ['evaluatie van 31-03-2025 is te laat'],
  });
  // a moment is late from the day after its planned date
  assert.deepEqual(pilotStatus(B, '2025-06-30').overdue, []);
  assert.equal(pilotStatus(A, '2027-01-01').phase, 'afgelopen');
  // an outcome counts from the day it was decided (red team 39): A's moment of 30 June was decided on 1 July, so on
  // that day it is not late, and E's (decided a fortnight late) was late until it was decided
  assert.deepEqual(pilotStatus(A, '2025-07-01').overdue, []);
  assert.equal(pilotStatus(E, '2025-04-15').phase, 'gestopt');
});

it('the gemeente: 4 running, 1 on track, 25,0%', () => {
  assert.deepEqual(pilotsOnTrack([A, B, C, D, E, F], DAY), { running: 4, onTrack: 1, share: 25 });
  assert.deepEqual(pilotsOnTrack([A, B, C], DAY), { running: 3, onTrack: 1, share: 33.3 });
  assert.deepEqual(pilotsOnTrack([E, F], DAY), { running: 0, onTrack: 0, share: null });
});
