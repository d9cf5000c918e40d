/**
 * pilots_on_track against its reference (issue 21): the status rule of indicators/pilots.ts and the independent
 * reference (pilotsReference.ts) on generated registers and days, with fast-check (fixed seed). The indicator does not
 * live in the lens: it reads the pilot register in the truth store and the goal status the goal rule derives from the
 * lens, so the catalogue's store-and-lens differential (differential.test.ts) cannot hold it; this test holds the rule,
 * and server/pilots.test.ts the facts the route gathers for it (the goal's status is the Doelen page's).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pilotsOnTrack, type PilotFacts } from '../../indicators/pilots.js';
import { refPilotsOnTrack, type RefPilot } from './pilotsReference.js';
import { EVALUATION_OUTCOMES } from '../../domain/pilots.js';

const STATUSES = ['op koers', 'aandacht', 'achter', 'onbekend'] as const;
// days around a three-year horizon, month ends and leap days included
const day = fc
  .record({
    y: fc.integer({ min: 2023, max: 2028 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ y, m, d }) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate())
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const pilot: fc.Arbitrary<PilotFacts> = fc
  .record({
    a: day,
    b: day,
    evaluations: fc.array(
      fc.record({
        planned: day,
        outcome: fc.option(fc.constantFrom(...EVALUATION_OUTCOMES), { nil: null }),
        decided: day,
      }),
      { maxLength: 4 },
    ),
    goals: fc.array(fc.constantFrom(...STATUSES), { maxLength: 3 }),
  })
  .filter(({ a, b }) => a !== b)
  .map(({ a, b, evaluations, goals }) => ({
    start: a < b ? a : b,
    end: a < b ? b : a,
    evaluations: evaluations.map((e) => ({
      planned: e.planned,
      outcome: e.outcome,
      decidedOn: e.outcome === null ? null : e.decided,
    })),
    goals: goals.map((status, i) => ({ title: `doel ${i}`, status })),
  }));

const asRef = (p: PilotFacts): RefPilot => ({
  startDay: p.start,
  endDay: p.end,
  moments: p.evaluations.map((e) => ({ plannedDay: e.planned, result: e.outcome, on: e.decidedOn })),
  goalStatuses: p.goals.map((g) => g.status),
});

it('pilots_on_track equals its reference on generated registers and days', () => {
  fc.assert(
    fc.property(fc.array(pilot, { maxLength: 12 }), day, (pilots, d) => {
      const got = pilotsOnTrack(pilots, d);
      const want = refPilotsOnTrack(pilots.map(asRef), d);
      assert.deepEqual(got, want);
    }),
    { seed: 21, numRuns: 2000 },
  );
});

it('the generator reaches every case: running on track, running off track, and not running', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(fc.array(pilot, { minLength: 1, maxLength: 6 }), day, (pilots, d) => {
      const r = pilotsOnTrack(pilots, d);
      if (r.onTrack > 0) seen.add('op koers');
      if (r.running > r.onTrack) seen.add('niet op koers');
      if (r.running < pilots.length) seen.add('niet lopend');
    }),
    { seed: 21, numRuns: 2000 },
  );
  assert.deepEqual([...seen].sort(), ['niet lopend', 'niet op koers', 'op koers']);
});
