/**
 * Hand-worked results for the effective cost per youth per financing form (issue 19). Period 2024Q1 unless said.
 *
 * 9001 — trajectories (all open unless said; toewijzing = start):
 *   A1 youth 301, A2 youth 302, A3 youth 303: provider 11111111, 45A01, from 2024-01-01
 *   L1 youth 301 (also A1's youth), L2 youth 304 (2024-02-01 … 2024-02-29), L3 youth 305 in category 43 (not covered),
 *   L4 youth 306 from 2024-04-01 (not in Q1): provider 22222222, 45A02 (L3 43A01), from 2024-01-05 unless said
 *   R1 youth 307 from 2024-01-10, R2 youth 308 from 2024-02-01: provider 33333333, 45A03
 * Claims (declaraties): D1 A1 January € 1.000; D2 A2 February € 500; D3 A2 February credit € 100; D4 A3 March
 *   € 700 rejected; D5 unknown trajectory X99 March € 250; D6 A1 March € 333,33.
 * Contracts and payments:
 *   C-TAAK taakgericht, AGB 22222222, category 45: € 3.000 in January, February and March; a recovery of − € 600 in
 *     March; naming no one
 *   C-CONS taakgericht, consortium without AGB codes: € 1.200 in January, naming no one
 *   C-PGB pgb (consortium "SVB"): client 309 € 400 in January and February; client 310 € 350 in February and a
 *     recovery of − € 50 in March
 *   C-RES resultaat, AGB 33333333, category 45, 50 start | 50 doelrealisatie: tranche 1 € 900 naming trajectory R1
 *     (January) and R2 (February), and an advance of € 600 in January naming no one
 *   C-SUB subsidie, AGB 22222222, category 45: € 2.000 in January naming no one
 * 9002 — twelve youths 401–412 with a 45A02 trajectory of 22222222 from 2024-01-05; C-TAAK2 taakgericht, AGB
 *   22222222: € 12.000 in January naming no one; C-SUB2 subsidie, consortium: € 500 in February.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow } from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { csvLens } from '../testing/csvLens.js';
import { applyDisclosureControl } from '../app/disclosure.js';
import { findIndicator } from './catalogue.js';
import { hiddenForms } from './costPerYouthByForm.js';
import type { IndicatorRow } from './types.js';

const T = (id: string, youth: number, agb: string, code: string, start: string, end = '', gemeente = '9001') =>
  trajectRow({
    traject_id: id,
    client_id: testBsn(youth),
    gemeente,
    wijk: `${gemeente}01`,
    aanbieder_agb: agb,
    productcategorie: code.slice(0, 2),
    productcode: code,
    aanvraagdatum: start,
    toewijzingsdatum: start,
    startdatum: start,
    einddatum: end,
    reden_einde: end === '' ? '' : '31',
    doelrealisatie: '',
  });

const CLAIMS_HEADER =
  'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status';
const claim = (id: string, traject: string, month: string, euro: string, dc = 'D', status = 'toegekend') =>
  `${id};9001;${traject};;11111111;45;45A01;2024-${month}-01;2024-${month}-28;1;04;${euro};${dc};${status}`;

describe('cost per youth by financing form', { timeout: 120_000 }, () => {
  let lens: Lens;
  let store: PgliteStore;
  before(async () => {
    const dir = tempDir('zicht-form-reach-');
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);`);
    const files: Array<[string, string]> = [
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          T('A1', 301, '11111111', '45A01', '2024-01-01'),
          T('A2', 302, '11111111', '45A01', '2024-01-01'),
          T('A3', 303, '11111111', '45A01', '2024-01-01'),
          T('L1', 301, '22222222', '45A02', '2024-01-05'),
          T('L2', 304, '22222222', '45A02', '2024-02-01', '2024-02-29'),
          T('L3', 305, '22222222', '43A01', '2024-01-05'),
          T('L4', 306, '22222222', '45A02', '2024-04-01'),
          T('R1', 307, '33333333', '45A03', '2024-01-10'),
          T('R2', 308, '33333333', '45A03', '2024-02-01'),
          ...Array.from({ length: 12 }, (_, i) => T(`M${i}`, 401 + i, '22222222', '45A02', '2024-01-05', '', '9002')),
        ].join('\n'),
      ],
      [
        'declaraties.csv',
        [
          CLAIMS_HEADER,
          claim('D1', 'A1', '01', '1000,00'),
          claim('D2', 'A2', '02', '500,00'),
          claim('D3', 'A2', '02', '100,00', 'C'),
          claim('D4', 'A3', '03', '700,00', 'D', 'afgewezen'),
          claim('D5', 'X99', '03', '250,00'),
          claim('D6', 'A1', '03', '333,33'),
        ].join('\n'),
      ],
      [
        'contracten.csv',
        [
          'contract_id;naam;aanbieder_agb;consortium;perceel;financieringsvorm;tranches;productcategorieen;productcodes;plafond_euro;startdatum;einddatum;verlengingen;verlengingen_benut;evaluatiemomenten;gemeenten',
          'C-TAAK;Wijkteam;22222222;;;taakgericht;;45;;;2024-01-01;2024-12-31;;;;9001',
          'C-CONS;Consortium;;Samen;;taakgericht;;;;;2024-01-01;2024-12-31;;;;9001',
          'C-PGB;Pgb via de SVB;;SVB;;pgb;;;;;2024-01-01;2024-12-31;;;;9001',
          'C-RES;Resultaat;33333333;;;resultaat;50 start | 50 doelrealisatie;45;;;2024-01-01;2026-12-31;;;;9001',
          'C-SUB;Preventie;22222222;;;subsidie;;45;;;2024-01-01;2024-12-31;;;;9001',
          'C-TAAK2;Wijkteam Proefstad;22222222;;;taakgericht;;45;;;2024-01-01;2024-12-31;;;;9002',
          'C-SUB2;Inloop;;Welzijn;;subsidie;;;;;2024-01-01;2024-12-31;;;;9002',
        ].join('\n'),
      ],
      [
        'betalingen.csv',
        [
          'betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro;client_id;traject_id',
          'L-01;C-TAAK;9001;2024-01;termijn;;3000,00;;',
          'L-02;C-TAAK;9001;2024-02;termijn;;3000,00;;',
          'L-03;C-TAAK;9001;2024-03;termijn;;3000,00;;',
          'L-03x;C-TAAK;9001;2024-03;termijn;;-600,00;;',
          'K-01;C-CONS;9001;2024-01;termijn;;1200,00;;',
          `P-01;C-PGB;9001;2024-01;pgb;;400,00;${testBsn(309)};`,
          `P-02;C-PGB;9001;2024-02;pgb;;400,00;${testBsn(309)};`,
          `P-03;C-PGB;9001;2024-02;pgb;;350,00;${testBsn(310)};`,
          `P-04;C-PGB;9001;2024-03;pgb;;-50,00;${testBsn(310)};`,
          'T-01;C-RES;9001;2024-01;tranche;1;900,00;;R1',
          'T-02;C-RES;9001;2024-02;tranche;1;900,00;;R2',
          'V-01;C-RES;9001;2024-01;voorschot;;600,00;;',
          'S-01;C-SUB;9001;2024-01;subsidie;;2000,00;;',
          'L2-01;C-TAAK2;9002;2024-01;termijn;;12000,00;;',
          'S2-01;C-SUB2;9002;2024-02;subsidie;;500,00;;',
        ].join('\n'),
      ],
    ];
    lens = await csvLens(store, dir, files);
  });
  after(async () => {
    lens?.close();
    await store?.close();
  });

  const rows = (id: string, period: string, by?: string, gemeenten: string[] = []): Promise<IndicatorRow[]> =>
    findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten, by });
  const values = (rs: readonly IndicatorRow[], g = '9001') =>
    Object.fromEntries(rs.filter((r) => r.gemeente === g).map((r) => [r.key ?? '', r.value]));

  it(
    handworked(['cost_per_youth_by_form'], 'per form: its cost, the youths its money reached, the rest, per youth'),
    async () => {
      // declaraties: 1.000 + 500 − 100 + 0 (rejected) + 250 + 333,33 = 1.983,33; youths of the lines' trajectories
      //   301 (A1) and 302 (A2) = 2 (A3's line is rejected, X99 is unknown); not attributed: D5 € 250;
      //   per youth (1.983,33 − 250) ÷ 2 = 866,665 → 866,67 (half away from zero, to the cent)
      // pgb: 400 + 400 + 350 − 50 = 1.100, clients 309 and 310 = 2, nothing unattributed, 1.100 ÷ 2 = 550
      // resultaat: 900 + 900 + 600 = 2.400; the tranches name R1 (307) and R2 (308); the advance names no one and
      //   reaches the youths C-RES served in Q1: R1 and R2 again; 2 youths, 2.400 ÷ 2 = 1.200
      // subsidie: 2.000 naming no one; C-SUB has an AGB code but a subsidy reaches no identifiable youth:
      //   0 youths, 2.000 unattributed, no amount per youth
      // taakgericht: 3.000 × 3 − 600 + 1.200 = 9.600; C-TAAK served L1 (301) and L2 (304) in Q1 (L3 is category 43,
      //   L4 starts in April) = 2; C-CONS has no AGB: its 1.200 is unattributed; (9.600 − 1.200) ÷ 2 = 4.200
      const q1 = await rows('cost_per_youth_by_form', '2024Q1');
      assert.deepEqual(values(q1), {
        'bedrag|declaraties': 1983.33,
        'jeugdigen|declaraties': 2,
        'niet_toegerekend|declaraties': 250,
        'per_jeugdige|declaraties': 866.67,
        'bedrag|pgb': 1100,
        'jeugdigen|pgb': 2,
        'niet_toegerekend|pgb': 0,
        'per_jeugdige|pgb': 550,
        'bedrag|resultaat': 2400,
        'jeugdigen|resultaat': 2,
        'niet_toegerekend|resultaat': 0,
        'per_jeugdige|resultaat': 1200,
        'bedrag|subsidie': 2000,
        'jeugdigen|subsidie': 0,
        'niet_toegerekend|subsidie': 2000,
        'per_jeugdige|subsidie': null,
        'bedrag|taakgericht': 9600,
        'jeugdigen|taakgericht': 2,
        'niet_toegerekend|taakgericht': 1200,
        'per_jeugdige|taakgericht': 4200,
      });
      // each row its unit; the split is named even when none was asked; per youth carries its parts
      const row = (k: string) => q1.find((r) => r.gemeente === '9001' && r.key === k)!;
      assert.equal(row('jeugdigen|pgb').unit, 'aantal');
      assert.equal(row('bedrag|pgb').unit, 'euro');
      assert.equal(row('bedrag|pgb').by, 'financieringsvorm');
      assert.deepEqual(
        [row('per_jeugdige|declaraties').numerator, row('per_jeugdige|declaraties').denominator],
        [1733.33, 2],
      );
      // 9002: C-TAAK2 served twelve youths: 12.000 ÷ 12 = 1.000; the consortium's subsidy reaches no one
      assert.deepEqual(values(q1, '9002'), {
        'bedrag|subsidie': 500,
        'jeugdigen|subsidie': 0,
        'niet_toegerekend|subsidie': 500,
        'per_jeugdige|subsidie': null,
        'bedrag|taakgericht': 12000,
        'jeugdigen|taakgericht': 12,
        'niet_toegerekend|taakgericht': 0,
        'per_jeugdige|taakgericht': 1000,
      });
      // the amounts are cost_all_forms by financieringsvorm's, form by form
      const forms = await rows('cost_all_forms', '2024Q1', 'financieringsvorm');
      for (const f of forms) assert.equal(values(q1, f.gemeente)[`bedrag|${f.key}`], f.value, `${f.gemeente} ${f.key}`);
      // the same with --by financieringsvorm asked
      assert.deepEqual(values(await rows('cost_per_youth_by_form', '2024Q1', 'financieringsvorm')), values(q1));
      // January: declaraties D1 only (A1: 1 youth, € 1.000); taakgericht 3.000 + 1.200 = 4.200, C-TAAK served L1
      //   only (L2 starts in February) → 1 youth, (4.200 − 1.200) ÷ 1 = 3.000; resultaat T-01 (R1) and the advance,
      //   which reaches R1 (R2 starts in February) → 1 youth, 1.500; pgb client 309, 400
      const jan = values(await rows('cost_per_youth_by_form', '2024-01'));
      assert.equal(jan['per_jeugdige|declaraties'], 1000);
      assert.equal(jan['jeugdigen|taakgericht'], 1);
      assert.equal(jan['per_jeugdige|taakgericht'], 3000);
      assert.equal(jan['jeugdigen|resultaat'], 1);
      assert.equal(jan['per_jeugdige|resultaat'], 1500);
      assert.equal(jan['per_jeugdige|pgb'], 400);
      // April: C-TAAK pays nothing and L4's care reaches no money: no rows at all
      assert.deepEqual(await rows('cost_per_youth_by_form', '2024-04'), []);
      // one gemeente asked alone: the same rows as among all
      assert.deepEqual(values(await rows('cost_per_youth_by_form', '2024Q1', undefined, ['9001'])), values(q1));
    },
  );

  it('a regio is not the sum of its gemeenten: a youth can be reached in two (niet_optelbaar)', async () => {
    const { combineRows } = await import('./region.js');
    const regio = combineRows('cost_per_youth_by_form', await rows('cost_per_youth_by_form', '2024Q1'), 'regio:R');
    assert.ok(regio.length > 0);
    for (const r of regio) {
      assert.equal(r.value, null, r.key ?? '');
      assert.ok(r.flags.includes('niet_optelbaar'));
    }
  });

  it('published: counts rounded and hidden below 10, amounts hidden exactly where cost_all_forms hides them', async () => {
    for (const period of ['2024Q1', '2024-01', '2024-02', '2024-03']) {
      const exact = await rows('cost_per_youth_by_form', period);
      const published = applyDisclosureControl(exact);
      const forms = applyDisclosureControl(await rows('cost_all_forms', period, 'financieringsvorm'));
      for (const f of forms) {
        const mine = published.find((r) => r.gemeente === f.gemeente && r.key === `bedrag|${f.key}`)!;
        assert.equal(mine.value, f.value, `${period} ${f.gemeente} ${f.key}`);
        // hidden with the form's amount: what is left of it, and the amount per youth (× the rounded youths)
        if (f.value === null)
          for (const m of ['niet_toegerekend', 'per_jeugdige'])
            assert.equal(published.find((r) => r.gemeente === f.gemeente && r.key === `${m}|${f.key}`)!.value, null);
      }
      // claims naming no one are never published: that amount is the wijk 'onbekend' of the linked month tables
      for (const r of published.filter((x) => x.key === 'niet_toegerekend|declaraties')) assert.equal(r.value, null);
      // no count below 10 shows, no pair beside an amount per youth, no youths behind an amount
      for (const r of published) {
        if (r.unit === 'aantal' && r.value !== null) assert.ok(r.value >= 10 && r.value % 5 === 0, r.key ?? '');
        assert.equal(r.denominator, null);
        assert.equal(r.youths, undefined);
      }
    }
    const v = values(applyDisclosureControl(await rows('cost_per_youth_by_form', '2024Q1')), '9002');
    // 9002: the lump sum names no one and is published whole; its 12 youths as 10; per youth from the rounded count:
    // € 12.000 ÷ 10 = € 1.200, not the exact € 1.000 (which beside the amount would give the 12 back)
    assert.equal(v['bedrag|taakgericht'], 12000);
    assert.equal(v['jeugdigen|taakgericht'], 10);
    assert.equal(v['niet_toegerekend|taakgericht'], 0);
    assert.equal(v['per_jeugdige|taakgericht'], 1200);
    assert.equal(v['bedrag|subsidie'], 500);
    assert.equal(v['niet_toegerekend|subsidie'], 500);
    assert.equal(v['jeugdigen|subsidie'], null);
    // 9001: pgb and resultaat name two youths each: their amounts are hidden (a payment month of 1–9 named youths),
    // as cost_all_forms hides them; the lump sums and the subsidy name no one and are published
    const w = values(applyDisclosureControl(await rows('cost_per_youth_by_form', '2024Q1')));
    assert.equal(w['bedrag|pgb'], null);
    assert.equal(w['bedrag|resultaat'], null);
    assert.equal(w['bedrag|taakgericht'], 9600);
    assert.equal(w['niet_toegerekend|taakgericht'], 1200);
    assert.equal(w['per_jeugdige|taakgericht'], null);
  });

  it('hiddenForms is the disclosure step on cost_all_forms, for every mix of hidden, small, unnamed and large forms', () => {
    const form = fc.record({
      youths: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      hidden: fc.boolean(),
      cents: fc.integer({ min: -1000, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(form, { minLength: 1, maxLength: 6 }), (fs) => {
        const rows: IndicatorRow[] = fs.map((f, i) => ({
          indicator: 'cost_all_forms',
          gemeente: '9001',
          period: '2024',
          by: 'financieringsvorm',
          key: `vorm${i}`,
          value: f.cents / 100,
          numerator: f.cents / 100,
          denominator: null,
          unit: 'euro',
          flags: [],
          youths: f.youths,
          ...(f.hidden ? { hiddenWhenPublished: true } : {}),
        }));
        const published = applyDisclosureControl(rows).filter((r) => r.flags.includes('onderdrukt'));
        assert.deepEqual([...hiddenForms(rows)].sort(), published.map((r) => `9001|${r.key}`).sort());
      }),
      { seed: 19, numRuns: 300 },
    );
  });
});

describe('who may see the cost per youth by form', () => {
  it('needs the money permission: not the aanbieder, the controller and bestuur yes', async () => {
    const { indicatorAllowed } = await import('../app/access.js');
    const who = (role: 'aanbieder' | 'controller' | 'bestuur') => ({
      userId: 1,
      username: role,
      displayName: role,
      role,
      gemeenten: ['9001'],
      team: null,
      provider: role === 'aanbieder' ? '11111111' : null,
      mfaPassed: true,
    });
    const d = findIndicator('cost_per_youth_by_form')!.definition;
    assert.equal(indicatorAllowed(who('aanbieder'), d), false);
    assert.equal(indicatorAllowed(who('controller'), d), true);
    assert.equal(indicatorAllowed(who('bestuur'), d), true);
  });
});
