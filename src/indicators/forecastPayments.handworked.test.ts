/**
 * The year-end forecast counts what budget_burn counts — claims plus payments outside iJw — and its new inflow only the
 * trajectories paid by claims (red team: the forecast stood below what was already spent, and the inflow priced 25 of 45
 * starts of lump-sum and tranche providers as claims trajectories). Hand-worked, gemeente 9001, forecast for 2024 made
 * on E = 30 April 2024 (all data, so every month up to April is complete): months so far 4, months left M = 8.
 *
 * Trajectories (all open-ended, so no care ended in the 12 months up to April: the ending rate h = 0):
 *   P1  provider 12345678 (p×q, no contract), 45A01, from 2024-01-01, € 100 claimed every month January … April
 *   L0  provider 22222222, 45A02, from 2023-12-01 — before C-TAAK's term begins: not under it, so paid by claims as far
 *       as the forecast knows (it has no claim lines, so it only adds a start)
 *   L1  provider 22222222, 45A02, from 2024-02-01 — under C-TAAK on its start
 *   L2  provider 22222222, 45A02, from 2024-03-10 — under C-TAAK on its start
 *   R1  provider 33333333, 45A03, from 2024-02-05 — under C-RES on its start
 * Contracts: C-TAAK taakgericht 22222222 category 45, 2024-01-01 … 2024-12-31; C-RES resultaat 33333333 category 45,
 * 2023-01-01 … 2026-12-31 (50 start | 50 doelrealisatie); C-SUB subsidie, a consortium without AGB codes, category 48.
 * Payments: C-TAAK € 2.000 every month January … May (May is after E: not known on E); C-SUB € 3.000 in January and
 * April (quarterly); C-RES tranche 1 of R1, € 1.500 in February.
 *
 * realised = claims 4 × € 100 = € 400 + payments from 1 January to E: 4 × € 2.000 + 2 × € 3.000 + € 1.500 = € 15.500
 *          = € 15.900 — budget_burn's amount, the Overzicht's "besteed".
 * continuation: running on E with claim lines: P1 only (L*, R1 have none: they add nothing), € 100 a month (mean of
 *   February … April) × 8 months (h = 0) = € 800.
 * new inflow: starts in May 2023 … April 2024 paid by claims: P1 and L0 = 2 (L1, L2, R1 are under a lump sum or
 *   tranches on their start; counted they made 5). The cost curve: P1 only (the only new trajectory with claim lines),
 *   a(0) … a(3) = € 100, a(4 …) = a(3). Inflow = 2/12 × Σ o = 0 … 7 of (8 − o) × € 100 = 2/12 × € 3.600 = € 600
 *   (with the lump-sum and tranche starts: 5/12 × € 3.600 = € 1.500).
 * payments ahead: € 15.500 ÷ 4 months × 8 months = € 31.000 (a straight line: the quarterly subsidy, paid in January and
 *   April, is taken as € 1.500 a month — € 12.000 for the rest of the year where July and October bring € 6.000; the
 *   rule's known price, docs/indicators.md).
 * value = 15.900 + 800 + 600 + 31.000 = € 48.300.
 * low  = 15.900 + 0,9 × 800 + 0,75 × 600 + 0,9 × 31.000 = 15.900 + 720 + 450 + 27.900 = € 44.970
 * high = 15.900 + 1,1 × 800 + 1,25 × 600 + 1,1 × 31.000 = 15.900 + 880 + 750 + 34.100 = € 51.630
 * The tranche names R1's youth: one youth on C-RES in February is a small group, so budget_burn is hidden when
 * published, and the forecast (whose realised is the same amount) with it.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { DECLARATIES_HEADER, TRAJECTEN_HEADER, openTrajectRow, tempDir, testBsn } from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { csvLens } from '../testing/csvLens.js';
import { findIndicator } from './catalogue.js';
import type { ForecastRow } from './forecast.js';

const traject = (id: string, youth: number, agb: string, code: string, start: string, allocated: string) =>
  openTrajectRow({
    traject_id: id,
    client_id: testBsn(300 + youth),
    aanbieder_agb: agb,
    productcategorie: '45',
    productcode: code,
    aanvraagdatum: allocated,
    toewijzingsdatum: allocated,
    startdatum: start,
  });

let lens: Lens;
let store: PgliteStore;
let dir: string;
before(async () => {
  dir = tempDir('zicht-forecast-payments-');
  store = await PgliteStore.open('memory://');
  await migrate(store);
  await store.exec(
    "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
  );
  const files: Array<[string, string]> = [
    [
      'trajecten.csv',
      [
        TRAJECTEN_HEADER,
        traject('P1', 1, '12345678', '45A01', '2024-01-01', '2023-12-10'),
        traject('L0', 2, '22222222', '45A02', '2023-12-01', '2023-11-15'),
        traject('L1', 3, '22222222', '45A02', '2024-02-01', '2024-01-20'),
        traject('L2', 4, '22222222', '45A02', '2024-03-10', '2024-03-01'),
        traject('R1', 5, '33333333', '45A03', '2024-02-05', '2024-02-01'),
      ].join('\n'),
    ],
    [
      'declaraties.csv',
      [
        DECLARATIES_HEADER,
        ...['01', '02', '03', '04'].map(
          (m) => `K${m};9001;P1;;12345678;45;45A01;2024-${m}-01;2024-${m}-28;1;04;100,00;D;toegekend`,
        ),
      ].join('\n'),
    ],
    [
      'contracten.csv',
      [
        'contract_id;naam;aanbieder_agb;consortium;perceel;financieringsvorm;tranches;productcategorieen;productcodes;plafond_euro;startdatum;einddatum;verlengingen;verlengingen_benut;evaluatiemomenten;gemeenten',
        'C-TAAK;Wijkteam;22222222;;;taakgericht;;45;;;2024-01-01;2024-12-31;;;;9001',
        'C-RES;Resultaat;33333333;;;resultaat;50 start | 50 doelrealisatie;45;;;2023-01-01;2026-12-31;;;;9001',
        'C-SUB;Subsidie GI;;Jeugdbescherming;;subsidie;;48;;;2024-01-01;2024-12-31;;;;9001',
      ].join('\n'),
    ],
    [
      'betalingen.csv',
      [
        'betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro;client_id;traject_id',
        ...['01', '02', '03', '04', '05'].map((m) => `L${m};C-TAAK;9001;2024-${m};termijn;;2000,00;;`),
        'S01;C-SUB;9001;2024-01;subsidie;;3000,00;;',
        'S04;C-SUB;9001;2024-04;subsidie;;3000,00;;',
        'T1;C-RES;9001;2024-02;tranche;1;1500,00;;R1',
      ].join('\n'),
    ],
  ];
  lens = await csvLens(store, dir, files);
});
after(async () => {
  lens?.close();
  await store?.close();
});

it(
  handworked(
    ['forecast_year_end', 'budget_burn'],
    'the forecast counts claims and payments outside iJw; its inflow only trajectories paid by claims',
  ),
  async () => {
    const query = { period: parsePeriod('2024-04'), gemeenten: ['9001'] };
    const [f] = (await findIndicator('forecast_year_end')!.compute(lens, query)) as ForecastRow[];
    const [burn] = await findIndicator('budget_burn')!.compute(lens, query);
    assert.deepEqual(
      {
        realised: f!.realised,
        realisedPayments: f!.realisedPayments,
        continuation: f!.continuation,
        newInflow: f!.newInflow,
        payments: f!.payments,
        value: f!.value,
        low: f!.low,
        high: f!.high,
      },
      {
        realised: 15900,
        realisedPayments: 15500,
        continuation: 800,
        newInflow: 600,
        payments: 31000,
        value: 48300,
        low: 44970,
        high: 51630,
      },
    );
    // the realised part is what budget_burn (the Overzicht's "besteed") counts, so the forecast is not below it
    assert.equal(burn!.numerator, f!.realised);
    assert.ok(f!.value! >= burn!.numerator!);
    assert.equal(burn!.hiddenWhenPublished, true, 'one youth named by a tranche in February');
    assert.equal(f!.hiddenWhenPublished, true, 'the forecast holds the same amount');
  },
);

// red team 27: as of a day inside the period the payments so far are those up to that day (a payment counts from the
// start of its month): as of 15 April for Q2, January … April, € 15.500 ÷ 4 months × 8 months left = € 31.000 — the
// same as at the end of April. Divided by the six months up to June it was € 15.500.
it('as of a day inside the period the payments ahead count the months up to that day', async () => {
  const past = await Lens.open(dir, undefined, '2024-04-15');
  try {
    const [f] = (await findIndicator('forecast_year_end')!.compute(past, {
      period: parsePeriod('2024Q2'),
      gemeenten: ['9001'],
    })) as ForecastRow[];
    assert.equal(f!.realisedPayments, 15500);
    assert.equal(f!.payments, 31000);
  } finally {
    past.close();
  }
});
