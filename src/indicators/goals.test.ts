import { it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateGoal, linearTrend } from './goals.js';

// Heusden's aim (seed 000): specialist referral from ±10% to 4.7%. Time axis: half-years, 0 = 2021H1.
const heusden = (values: number[], deadline: number) =>
  evaluateGoal({ points: values.map((value, t) => ({ t, value })), target: 4.7, baseline: 10, deadline });

it('fits the least-squares line', () => {
  assert.deepEqual(
    linearTrend([
      { t: 0, value: 1 },
      { t: 1, value: 3 },
      { t: 2, value: 5 },
    ]),
    [2, 1],
  );
});

it('op koers: the trend reaches 4.7% before the deadline', () => {
  const e = heusden([10, 9.0, 8.1, 7.0], 6); // slope −0.99, intercept 10.01 → 4.07 at t = 6
  assert.equal(e.status, 'op koers');
  assert.ok(Math.abs(e.projected! - 4.07) < 0.001);
  assert.match(e.explanationNl, /verwacht op de deadline 4,07.*Op koers: de lineaire trend/);
});

it('aandacht: the trend gets within half the remaining distance', () => {
  // → 6.4 at t = 6; remaining distance 8.2 − 4.7 = 3.5, gap 6.4 − 4.7 = 1.7 ≤ 1.75
  assert.equal(heusden([10, 9.4, 8.8, 8.2], 6).status, 'aandacht');
  // → 7.0 at t = 6; distance 3.8, gap 2.3 > 1.9
  assert.equal(heusden([10, 9.5, 9.0, 8.5], 6).status, 'achter');
});

it('achter: moving the wrong way; only the last four periods count', () => {
  assert.equal(heusden([10, 10.2, 10.5, 10.9], 6).status, 'achter');
  assert.equal(
    heusden([3, 4, 10, 9.0, 8.1, 7.0], 8).status,
    'op koers',
    'the early dip is outside the last four periods',
  );
});

it('higher is better works the same way (satisfaction ≥ 8)', () => {
  const e = evaluateGoal({
    points: [
      { t: 0, value: 7.4 },
      { t: 1, value: 7.6 },
      { t: 2, value: 7.8 },
    ],
    target: 8,
    baseline: 7.4,
    deadline: 4,
  });
  assert.equal(e.status, 'op koers');
});

it('says it cannot judge with one period', () => {
  assert.equal(heusden([9], 6).status, 'onbekend');
});

it('a lower-is-better figure already under its target is on track, even without a baseline above it', () => {
  // "mediane wachttijd onder 20 dagen" at 2 days: with the first point as baseline (2) the old rule read it as "raise to 20"
  const points = [2, 2, 2, 2].map((value, t) => ({ t, value }));
  assert.equal(
    evaluateGoal({ points, target: 20, baseline: 2, deadline: 8 }).status,
    'achter',
    'without the direction the goal is ambiguous',
  );
  assert.equal(
    evaluateGoal({ points, target: 20, baseline: 2, deadline: 8, direction: 'lager_beter' }).status,
    'op koers',
  );
});
