/**
 * The register's rules of a contract's time (issue 19; docs/indicators.md "Contractregister"): the contract year
 * runs from the start date's anniversary and stops at the current end, and the next decision is the end of the
 * current term, warned about from six months before it.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { contractTerm, contractYear, nextDecision, trancheRuleWords } from './contracts.js';

it('the contract year: from the anniversary, cut at the current end; before the start the first, after the end the last', () => {
  assert.deepEqual(contractYear('2024-04-01', '2027-03-31', '2025-03-31'), { from: '2024-04-01', to: '2025-03-31' });
  assert.deepEqual(contractYear('2024-04-01', '2027-03-31', '2025-04-01'), { from: '2025-04-01', to: '2026-03-31' });
  assert.deepEqual(contractYear('2024-04-15', '2027-03-31', '2025-04-14'), { from: '2024-04-15', to: '2025-04-14' });
  // a term that ends mid-year cuts its last year
  assert.deepEqual(contractYear('2024-01-01', '2025-06-30', '2025-03-01'), { from: '2025-01-01', to: '2025-06-30' });
  assert.deepEqual(contractYear('2024-01-01', '2025-06-30', '2023-05-01'), { from: '2024-01-01', to: '2024-12-31' });
  assert.deepEqual(contractYear('2024-01-01', '2025-06-30', '2026-05-01'), { from: '2025-01-01', to: '2025-06-30' });
});

it('the next decision: the end of the current term, "ends soon" from six months before it, none once it passed', () => {
  const term = contractTerm('2024-01-01', '2026-12-31', [2, 2], 1);
  assert.equal(term.currentEnd, '2028-12-31');
  assert.equal(term.maxEnd, '2030-12-31');
  assert.deepEqual(nextDecision(term, [2, 2], 1, '2028-06-30'), {
    date: '2028-12-31',
    extensionsLeft: 1,
    endsSoon: false,
  });
  assert.equal(nextDecision(term, [2, 2], 1, '2028-07-01').endsSoon, true, 'exactly six months before the end');
  assert.equal(nextDecision(term, [2, 2], 1, '2028-12-31').endsSoon, true, 'on the last day');
  assert.deepEqual(nextDecision(term, [2, 2], 1, '2029-01-01'), { date: null, extensionsLeft: 1, endsSoon: false });
});

it('a tranche rule in words', () => {
  assert.equal(trancheRuleWords('50 start | 50 doelrealisatie'), '50% bij de start, 50% bij doelrealisatie');
  assert.equal(trancheRuleWords('maandelijks'), 'maandelijkse tranches');
  assert.equal(trancheRuleWords(null), null);
});
