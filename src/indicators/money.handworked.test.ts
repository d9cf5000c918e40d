/**
 * Hand-worked results for money beyond claims (issue 19: cost = claims + payments). One gemeente, 9001, 2024:
 *   Claims (p×q, provider 12345678, category 45): T1 of youth A €300 (January) and €200 (February).
 *   Contracts: C-TAAK taakgericht, consortium "Samen Sterk", categories 45|46; C-PGB pgb, consortium "SVB", no
 *   categories; C-RES resultaat, provider 12345678, category 45, tranches 50 start | 50 doelrealisatie; C-SUB subsidie,
 *   provider 87654321, category 48 (jeugdbescherming).
 *   Payments: C-TAAK €10,000 (2024-01), €10,000 (2024-02), −€500 recovery (2024-03), €10,000 (2024-07, the second
 *   half-year); C-PGB €1,500 for youth A (2024-03) and €100 for each of twelve youths (2024-05); C-RES tranche 1 €925
 *   for youth B (2024-02-15) and tranche 2 €925 (2024-05-10); C-SUB €5,000 (2024-04).
 *   Budget 2024: 6.72a €100,000.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { DECLARATIES_HEADER, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow } from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { csvLens } from '../testing/csvLens.js';
import { applyDisclosureControl } from '../app/disclosure.js';
import { findIndicator } from './catalogue.js';
import type { IndicatorRow } from './types.js';

const [A, B] = [testBsn(50), testBsn(51)];

describe('money beyond claims: lump sums, tranches, pgb and subsidies beside p×q', { timeout: 120_000 }, () => {
  let lens: Lens;
  let store: PgliteStore;
  before(async () => {
    const dir = tempDir('zicht-money-forms-');
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);`);
    const files: Array<[string, string]> = [
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          trajectRow({ traject_id: 'T1', client_id: A, startdatum: '2024-01-02', einddatum: '2024-06-30' }),
          trajectRow({ traject_id: 'T2', client_id: B, startdatum: '2024-02-01', einddatum: '2024-06-30' }),
        ].join('\n'),
      ],
      [
        'declaraties.csv',
        [
          DECLARATIES_HEADER,
          'K1;9001;T1;;12345678;45;45A01;2024-01-01;2024-01-31;10;04;300,00;D;toegekend',
          'K2;9001;T1;;12345678;45;45A01;2024-02-01;2024-02-29;6;04;200,00;D;ingediend',
        ].join('\n'),
      ],
      [
        'contracten.csv',
        [
          'contract_id;naam;aanbieder_agb;consortium;perceel;financieringsvorm;tranches;productcategorieen;productcodes;plafond_euro;startdatum;einddatum;verlengingen;verlengingen_benut;evaluatiemomenten;gemeenten',
          'C-TAAK;Buurtteams;;Samen Sterk;;taakgericht;;45|46;;;2024-01-01;2026-12-31;;;;9001',
          'C-PGB;Pgb;;SVB;;pgb;;;;;2024-01-01;2026-12-31;;;;9001',
          'C-RES;Ambulant;12345678;;;resultaat;50 start | 50 doelrealisatie;45;;;2024-01-01;2026-12-31;;;;9001',
          'C-SUB;GI;87654321;;;subsidie;;48;;;2024-01-01;2026-12-31;;;;9001',
        ].join('\n'),
      ],
      [
        'betalingen.csv',
        [
          'betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro;client_id;traject_id',
          'B1;C-TAAK;9001;2024-01;termijn;;10000,00;;',
          'B2;C-TAAK;9001;2024-02;termijn;;10000,00;;',
          'B3;C-TAAK;9001;2024-03;termijn;;-500,00;;',
          'B4;C-TAAK;9001;2024-07;termijn;;10000,00;;',
          `B5;C-PGB;9001;2024-03;pgb;;1500,00;${A};`,
          `B6;C-RES;9001;2024-02-15;tranche;1;925,00;${B};T2`,
          'B7;C-SUB;9001;2024-04;subsidie;;5000,00;;',
          // May: pgb for twelve youths (enough on its own) and one youth's second tranche (red team 22)
          ...Array.from({ length: 12 }, (_, i) => `P${i};C-PGB;9001;2024-05;pgb;;100,00;${testBsn(60 + i)};`),
          `B8;C-RES;9001;2024-05-10;tranche;2;925,00;${B};T2`,
          // September: a tranche named by its trajectory only, no client (red team 28: it passed as naming no one)
          'B9;C-RES;9001;2024-09-10;tranche;1;925,00;;T1',
          // March 2025: a tranche naming no one at all (red team 30: published while the ledger counted it as one)
          'B10;C-RES;9001;2025-03-12;tranche;1;925,00;;',
        ].join('\n'),
      ],
      ['budget.csv', 'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2024;6.72a;100000;0'],
    ];
    lens = await csvLens(store, dir, files);
  });
  after(async () => {
    lens?.close();
    await store?.close();
  });

  const rows = (id: string, period: string, by?: string): Promise<IndicatorRow[]> =>
    findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: [], by });
  const values = (rs: readonly IndicatorRow[]) => Object.fromEntries(rs.map((r) => [r.key ?? '', r.value]));

  it(
    handworked(['cost_all_forms'], 'every euro once: claims and payments, by financing form, provider and care form'),
    async () => {
      // 2024H1: claims €500; payments €10,000 + €10,000 − €500 (taakgericht) + €1,500 + €1,200 (pgb) + €925 + €925
      // (tranches) + €5,000 (subsidie) = €29,050; the July instalment is in the second half-year. Total €29,550.
      assert.deepEqual(values(await rows('cost_all_forms', '2024H1')), { '': 29550 });
      assert.deepEqual(values(await rows('cost_all_forms', '2024H1', 'financieringsvorm')), {
        declaraties: 500,
        pgb: 2700,
        resultaat: 1850,
        subsidie: 5000,
        taakgericht: 19500,
      });
      // a consortium's lump sum and the pgb (no AGB) are 'onbekend'; the tranche goes to the contract's one provider
      assert.deepEqual(values(await rows('cost_all_forms', '2024H1', 'aanbieder')), {
        '12345678': 2350,
        '87654321': 5000,
        onbekend: 22200,
      });
      // the taakgericht contract covers two categories and the pgb none: 'onbekend'; the tranche's contract covers 45
      assert.deepEqual(values(await rows('cost_all_forms', '2024H1', 'zorgvorm')), {
        jeugdbescherming: 5000,
        onbekend: 22200,
        zonder_verblijf: 2350,
      });
      // the claims' part is cost_total exactly
      assert.deepEqual(values(await rows('cost_total', '2024H1')), { '': 500 });
      // the year adds the July instalment (€10,000) and September's tranche (€925): €29,550 + €10,925 = €40,475
      assert.deepEqual(values(await rows('cost_all_forms', '2024')), { '': 40475 });
    },
  );

  it('published: a lump sum or subsidy names no one and is shown; a pgb or tranche of one youth is not', async () => {
    const published = applyDisclosureControl(await rows('cost_all_forms', '2024H1', 'financieringsvorm'));
    assert.deepEqual(values(published), {
      declaraties: null,
      pgb: null,
      resultaat: null,
      subsidie: 5000,
      taakgericht: 19500,
    });
    const total = applyDisclosureControl(await rows('cost_all_forms', '2024H1'));
    assert.deepEqual(values(total), { '': null }, 'two youths behind the total');
    // red team 20: a provider's cell is its published claims plus one youth's tranche: hidden whatever its claims'
    // youths, as is every amount holding a month with 1–9 youths in payments that name them; a subsidy stays
    const byProvider = await rows('cost_all_forms', '2024H1', 'aanbieder');
    assert.deepEqual(
      byProvider.map((r) => [r.key, r.hiddenWhenPublished === true]),
      [
        ['12345678', true],
        ['87654321', false],
        ['onbekend', true],
      ],
    );
    // May: thirteen youths named in payments, but the tranche's contract has one that month: every amount holding it
    // is hidden (the twelve pgb youths' amount is published on its own elsewhere), the pgb row itself is not
    const may = await rows('cost_all_forms', '2024-05', 'financieringsvorm');
    assert.deepEqual(
      may.map((r) => [r.key, r.hiddenWhenPublished === true]),
      [
        ['pgb', false],
        ['resultaat', true],
      ],
    );
    assert.equal(
      (await rows('cost_all_forms', '2024-05'))[0]!.hiddenWhenPublished,
      true,
      'the total holds the tranche',
    );
    const mayProviders = await rows('cost_all_forms', '2024-05', 'aanbieder');
    assert.deepEqual(
      mayProviders.map((r) => [r.key, r.hiddenWhenPublished === true]),
      [
        ['12345678', true],
        ['onbekend', false],
      ],
    );
    // a tranche naming its youth by trajectory alone is a small group as well: hidden, in its month and its quarter
    const september = await rows('cost_all_forms', '2024-09', 'financieringsvorm');
    assert.deepEqual(
      september.map((r) => [r.key, r.hiddenWhenPublished === true]),
      [['resultaat', true]],
    );
    assert.equal((await rows('cost_all_forms', '2024Q3'))[0]!.hiddenWhenPublished, true, 'the quarter holds it');
    const q4 = await rows('cost_all_forms', '2024Q4', 'financieringsvorm');
    assert.ok(!q4.some((r) => r.hiddenWhenPublished), 'no payment naming a client in the fourth quarter');
    // a tranche naming no one is one trajectory in the ledger, and so one youth here: hidden in every split
    for (const by of [undefined, 'financieringsvorm', 'aanbieder', 'zorgvorm'])
      for (const p of ['2025-03', '2025Q1', '2025'])
        assert.ok(
          (await rows('cost_all_forms', p, by)).every((r) => r.hiddenWhenPublished),
          `${p} by ${by ?? 'none'}: ${JSON.stringify(await rows('cost_all_forms', p, by))}`,
        );
    const [burn] = await rows('budget_burn', '2024Q1');
    assert.equal(burn!.hiddenWhenPublished, true, 'spent − published claims would give the pgb and the tranche');
    // (its claims are hidden already: one youth's claims in January)
    const reconciliation = await rows('cost_reconciliation', '2024', 'post');
    assert.deepEqual(
      reconciliation.filter((r) => r.hiddenWhenPublished).map((r) => r.key),
      ['declaraties', 'betalingen', 'verschil'],
    );
  });

  it(handworked(['budget_burn'], 'budget burn counts payments outside iJw'), async () => {
    // January to March: claims €500 + payments €10,000 + €10,000 − €500 + €1,500 + €925 = €21,925; €22,425 of
    // €100,000 = 22.425%
    const [r] = await rows('budget_burn', '2024Q1');
    assert.deepEqual([r!.value, r!.numerator, r!.denominator], [22.425, 22425, 100000]);
  });

  it(handworked(['cost_reconciliation'], 'the reconciliation lists the payments beside the claims'), async () => {
    // no Iv3 lasten loaded: lasten and the difference unknown, the claims and payments of 2024 shown
    const rs = await rows('cost_reconciliation', '2024', 'post');
    assert.deepEqual(
      rs.map((r) => [r.key, r.value]),
      [
        ['iv3_lasten', null],
        ['declaraties', 500],
        ['betalingen', 39975],
        ['verschil', null],
      ],
    );
  });
});
