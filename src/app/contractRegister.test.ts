/**
 * The contract register's answer under disclosure control (server/disclosureStep.ts walks every answer for bestuur
 * and aanbieder): its fields are named so the one step publishes them by their unit — amounts in cent as whole
 * euros, the youths as a count (rounded to 5, hidden below 10), the share of the ceiling at one decimal, the
 * extension options as settings (unchanged) — and an aanbieder would not see another provider.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { protectPayload } from './disclosure.js';
import type { ContractRegister, RegisterContract } from './contractRegister.js';

const contract = (over: Partial<RegisterContract>): RegisterContract => ({
  id: 'C-A',
  name: 'Ambulant',
  providers: [
    { agb: '11111111', name: 'Aanbieder Een' },
    { agb: '22222222', name: 'Aanbieder Twee' },
  ],
  consortium: null,
  perceel: null,
  financingForm: 'inspanningsgericht',
  financingFormNl: 'inspanningsgericht (prijs × aantal per tijdseenheid)',
  financingFormEn: 'effort-based (price × units)',
  trancheRuleNl: null,
  productCategories: ['45'],
  productCodes: [],
  parties: ['9001'],
  gemeenten: ['9001'],
  complete: true,
  term: {
    start: '2022-01-01',
    initialEnd: '2024-12-31',
    currentEnd: '2024-12-31',
    maxEnd: '2026-12-31',
    extensions: '1+1',
    extensionsUsed: 1,
    extensionsLeft: 1,
  },
  nextDecisionDate: '2024-12-31',
  nextEvaluationDate: null,
  contractYear: { from: '2024-01-01', to: '2024-12-31' },
  ceilingCents: 1_000_049,
  use: { claimsCents: 615_049, paymentsCents: 100_000, totalCents: 715_049, pct: 71.54 },
  youthsRunning: 13,
  endsSoon: true,
  warning: true,
  ...over,
});

it('published by unit: whole euros, counts rounded or hidden, settings and dates unchanged', () => {
  const answer: ContractRegister = {
    referenceDate: '2024-09-15',
    gemeenten: ['9001'],
    contracts: [contract({}), contract({ id: 'C-B', youthsRunning: 7 })],
  };
  const out = protectPayload(answer, { provider: null });
  const [a, b] = out.contracts;
  assert.equal(a!.ceilingCents, 1_000_000);
  assert.deepEqual(a!.use, { claimsCents: 615_000, paymentsCents: 100_000, totalCents: 715_000, pct: 71.5 });
  assert.equal(a!.youthsRunning, 15);
  assert.equal(b!.youthsRunning, null, 'fewer than 10: hidden');
  assert.deepEqual(a!.term, answer.contracts[0]!.term);
  assert.deepEqual(a!.contractYear, answer.contracts[0]!.contractYear);
  assert.equal(out.referenceDate, '2024-09-15');
});

it("an aanbieder's answer keeps only its own provider", () => {
  const out = protectPayload({ contracts: [contract({})] }, { provider: '11111111' });
  assert.deepEqual(out.contracts[0]!.providers, [{ agb: '11111111', name: 'Aanbieder Een' }]);
});
