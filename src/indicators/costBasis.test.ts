/**
 * issue 14 point 10: every cost figure of the catalogue names its basis — claims, Iv3 or payments — and its period in
 * its label (commitments: the amounts granted to allocations), so €734 per youth (claims of a half-year) and €13,785 per user (Iv3 of a year) cannot be
 * read as the same kind of number. Cost figures are found from the catalogue, not listed by hand.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { INDICATORS } from './catalogue.js';

/** money figures: amounts, and shares or indices of amounts (budget burn, lasten index) */
const isCost = (d: (typeof INDICATORS)[number]['definition']) =>
  d.unit === 'euro' || (d.sources.includes('budget') && d.sources.includes('declaraties')) || /lasten/i.test(d.nameNl);

it('every cost figure names claims, Iv3 or allocations and its period in its label', () => {
  const costs = INDICATORS.map((i) => i.definition).filter(isCost);
  assert.ok(costs.length >= 11, `found ${costs.map((d) => d.id).join(', ')}`);
  for (const d of costs) {
    assert.ok(d.costBasis, `${d.id} has no basis in its label`);
    const claims = /declaraties/.test(d.costBasis.nl) && /claims/.test(d.costBasis.en);
    const iv3 = /Iv3/.test(d.costBasis.nl) && /Iv3/.test(d.costBasis.en);
    // commitments are neither: the amounts granted to allocations, known before any claim arrives
    const granted = /toewijzingen/.test(d.costBasis.nl) && /allocations/.test(d.costBasis.en);
    // payments outside iJw (betalingen.csv): lump sums, tranches, pgb, subsidies (issue 19)
    const payments = /betalingen/.test(d.costBasis.nl) && /payments/.test(d.costBasis.en);
    assert.ok(
      claims || iv3 || granted || payments,
      `${d.id}: the basis names claims, Iv3, allocations or payments: ${d.costBasis.nl}`,
    );
    // a figure that reads payments says so (one way only: cost_reconciliation names them without listing the source)
    if (d.sources.includes('betalingen')) assert.ok(payments, `${d.id}: payments in the sources, not in the label`);
    assert.equal(
      granted,
      d.sources.some((s) => s.includes('bedrag_toegekend')),
      `${d.id}: allocations in the label ⇔ amounts granted in the sources`,
    );
    // the basis named is the source used: claims when it reads declaraties, Iv3 when it reads Iv3 (both: the reconciliation)
    assert.equal(claims, d.sources.includes('declaraties'), `${d.id}: claims in the label ⇔ claims in the sources`);
    assert.equal(
      iv3,
      d.sources.some((s) => s.startsWith('Iv3')),
      `${d.id}: Iv3 in the label ⇔ Iv3 in the sources`,
    );
    assert.match(d.costBasis.nl, /periode|kalenderjaar|maanden/, `${d.id}: the period`);
    assert.match(d.costBasis.en, /period|calendar year|months/, `${d.id}: the period (en)`);
    if (iv3) assert.match(d.costBasis.nl, /kalenderjaar/, `${d.id}: Iv3 is yearly`);
  }
});
