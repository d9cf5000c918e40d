/**
 * Liaison positions worked out by hand (issue 21; docs/indicators.md "Verbindingsfuncties"). Gemeente 9001 Testdorp,
 * 2.000 youths aged 0–17 in 2024.
 *
 * Positions:
 *   P1 POH-jeugd        at practice 01111111 (Praktijk De Linde) from 2024-01-01, open
 *   P2 jeugdconsulent   at school 12AB (OBS De Wilg)             2023-09-01 … 2024-03-31
 *   P3 gezinscoach      at practice 01111111                      from 2024-07-01, open
 *   P4 POH-jeugd        at practice 02222222 (Praktijk Oost)      from 2024-11-15, open
 * Basishulp episodes (vindplaats):
 *   E1 A 01111111 2024-02-01…04-30   E2 B 01111111 from 2024-06-15   E3 A 01111111 2024-08-01…08-31
 *   E4 C 12AB 2024-03-01…05-31       E5 D 12AB 2024-04-15…04-30 (after P2 ended: not reached)
 *   E6 E 01111111 2023-10-01…12-15 (before P1)   E7 F none 2024-03-01   E8 G 02222222 2024-12-01…12-20
 *
 * liaison_reach 2024: P1 reaches A (E1, E3) and B (E2) = 2; P2 C = 1 (E4 overlaps 03-01…03-31); P3 A (E3) and B (E2)
 *   = 2; P4 G = 1. Per vindplaats: 01111111 {A, B} = 2, 12AB 1, 02222222 1. Unsplit {A, B, C, G} = 4 of 2.000.
 * liaison_reach 2024H1: P3 and P4 not yet in force; P1 {A, B} = 2, P2 {C} = 1; unsplit 3.
 *
 * liaison_referral_shift 2024, practice 01111111 (first start 2024-01-01; 2025-01-01 − 1 day ≤ 2024-12-31: twelve
 * months): before 2023-01-01…2023-12-31, after 2024-01-01…2024-12-31.
 *   trajectories by huisarts 01111111: T1 2023-02-01, T2 2023-05-01, T3 2023-09-01, T4 2023-11-20 (before: 4),
 *   T7 2024-03-01, T8 2024-10-01 (after: 2). Not counted: T5 (verwijzer gemeente, detail 01111111), T6 (other practice).
 *   basishulp there: E6 (before: 1); E1, E2, E3 (after: 3).
 *   before 4 ÷ 5 = 80%, after 2 ÷ 5 = 40%, verschil −40 percentage points.
 * Practice 02222222 started 2024-11-15: one whole month to the period's end, under three: no figure (venster_te_kort).
 * 2024H1: 01111111 has six months each side (2024-07-01 − 1 day = 2024-06-30): before 2023-07-01…12-31 T3, T4 and E6
 *   = 2 ÷ 3 = 66,667%; after 2024-01-01…06-30 T7 and E1, E2 = 1 ÷ 3 = 33,333%; verschil 1/3 − 2/3 = −33,333 (from the
 *   exact counts, not −33,334 from the two rounded shares). Practice 02222222 has not started by 30 June: no rows.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow } from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { csvLens } from '../testing/csvLens.js';
import { applyDisclosureControl } from '../app/disclosure.js';
import { findIndicator } from './catalogue.js';
import { shiftWindow } from './liaison.js';
import type { IndicatorRow } from './types.js';

const [A, B, C, D, E, F, G, Y] = [70, 71, 72, 73, 74, 75, 76, 77].map(testBsn) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

describe('liaison positions, by hand', { timeout: 180_000 }, () => {
  let lens: Lens;
  before(async () => {
    const dir = tempDir('zicht-liaison-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);`);
    const t = (id: string, start: string, verwijzer: string, detail: string) =>
      trajectRow({
        traject_id: id,
        client_id: Y,
        aanvraagdatum: '',
        toewijzingsdatum: start,
        startdatum: start,
        einddatum: '',
        reden_einde: '',
        doelrealisatie: '',
        verwijzer,
        verwijzer_detail: detail,
      });
    const e = (id: string, client: string, start: string, end: string, where: string) =>
      `${id};${client};2014-03;9001;900101;Noord;${start};${end};Wonen;${where}`;
    lens = await csvLens(store, dir, [
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          t('T1', '2023-02-01', '02', '01111111'),
          t('T2', '2023-05-01', '02', '01111111'),
          t('T3', '2023-09-01', '02', '01111111'),
          t('T4', '2023-11-20', '02', '01111111'),
          t('T5', '2023-06-01', '01', '01111111'),
          t('T6', '2023-06-01', '02', '02222222'),
          t('T7', '2024-03-01', '02', '01111111'),
          t('T8', '2024-10-01', '02', '01111111'),
        ].join('\n'),
      ],
      [
        'basishulp.csv',
        [
          'episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden;vindplaats',
          e('E1', A, '2024-02-01', '2024-04-30', '01111111'),
          e('E2', B, '2024-06-15', '', '01111111'),
          e('E3', A, '2024-08-01', '2024-08-31', '01111111'),
          e('E4', C, '2024-03-01', '2024-05-31', '12AB'),
          e('E5', D, '2024-04-15', '2024-04-30', '12AB'),
          e('E6', E, '2023-10-01', '2023-12-15', '01111111'),
          e('E7', F, '2024-03-01', '', ''),
          e('E8', G, '2024-12-01', '2024-12-20', '02222222'),
        ].join('\n'),
      ],
      [
        'verbindingsfuncties.csv',
        [
          'functie_id;gemeente;soort;vindplaats_soort;vindplaats;vindplaats_naam;uren_per_week;startdatum;einddatum',
          'P1;9001;POH-jeugd;huisartsenpraktijk;01111111;Praktijk De Linde;16;2024-01-01;',
          'P2;9001;jeugdconsulent;school;12AB;OBS De Wilg;8;2023-09-01;2024-03-31',
          'P3;9001;gezinscoach;huisartsenpraktijk;01111111;Praktijk De Linde;12;2024-07-01;',
          'P4;9001;POH-jeugd;huisartsenpraktijk;02222222;Praktijk Oost;8;2024-11-15;',
        ].join('\n'),
      ],
      ['bevolking.csv', ['gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal', '9001;;2024;0;17;2000'].join('\n')],
    ]);
    await store.close();
  });
  after(() => lens?.close());

  const rows = (id: string, by?: string, period = '2024') =>
    findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: ['9001'], by });
  const cells = (rs: readonly IndicatorRow[]) =>
    rs.map((r) => [r.key, r.value, r.numerator, r.denominator, r.flags.filter((f) => f !== 'periode_niet_compleet')]);

  it(handworked(['liaison_reach'], 'youths with basishulp at the location while the position ran'), async () => {
    assert.deepEqual(cells(await rows('liaison_reach')), [[null, 4, 4, 2000, []]]);
    assert.deepEqual(
      (await rows('liaison_reach', 'functie')).map((r) => [r.key, r.value, r.label]),
      [
        ['P1', 2, 'POH-jeugd — Praktijk De Linde'],
        ['P3', 2, 'gezinscoach — Praktijk De Linde'],
        ['P4', 1, 'POH-jeugd — Praktijk Oost'],
        ['P2', 1, 'jeugdconsulent — OBS De Wilg'],
      ],
    );
    assert.deepEqual(
      (await rows('liaison_reach', 'vindplaats')).map((r) => [r.key, r.value, r.label]),
      [
        ['01111111', 2, 'Praktijk De Linde'],
        ['02222222', 1, 'Praktijk Oost'],
        ['12AB', 1, 'OBS De Wilg'],
      ],
    );
    assert.deepEqual(cells(await rows('liaison_reach', undefined, '2024H1')), [[null, 3, 3, 2000, []]]);
    assert.deepEqual(
      (await rows('liaison_reach', 'functie', '2024H1')).map((r) => [r.key, r.value]),
      [
        ['P1', 2],
        ['P2', 1],
      ],
    );
  });

  it(handworked(['liaison_referral_shift'], 'specialist-referral share of a practice before and after'), async () => {
    assert.deepEqual(cells(await rows('liaison_referral_shift', 'vindplaats')), [
      ['01111111:voor', 80, 4, 5, []],
      ['01111111:na', 40, 2, 5, []],
      ['01111111:verschil', -40, null, null, []],
      ['02222222:voor', null, null, null, ['venster_te_kort']],
      ['02222222:na', null, null, null, ['venster_te_kort']],
      ['02222222:verschil', null, null, null, ['venster_te_kort']],
    ]);
    // unsplit: the practices with a window together (02222222 has none)
    assert.deepEqual(cells(await rows('liaison_referral_shift')), [
      ['voor', 80, 4, 5, []],
      ['na', 40, 2, 5, []],
      ['verschil', -40, null, null, []],
    ]);
    assert.deepEqual(cells(await rows('liaison_referral_shift', 'vindplaats', '2024H1')), [
      ['01111111:voor', 66.667, 2, 3, []],
      ['01111111:na', 33.333, 1, 3, []],
      ['01111111:verschil', -33.333, null, null, []],
    ]);
  });

  it('the window: twelve months, or as many whole months as the period allows, none under three', () => {
    assert.deepEqual(shiftWindow('2024-01-01', '2024-12-31'), {
      months: 12,
      before: ['2023-01-01', '2023-12-31'],
      after: ['2024-01-01', '2024-12-31'],
    });
    assert.deepEqual(shiftWindow('2024-03-15', '2024-12-31'), {
      months: 9,
      before: ['2023-06-15', '2024-03-14'],
      after: ['2024-03-15', '2024-12-14'],
    });
    assert.equal(shiftWindow('2024-10-02', '2024-12-31').months, 0, 'under three whole months');
    assert.equal(shiftWindow('2024-10-01', '2024-12-31').months, 3);
  });

  it('published (bestuur, aanbieder): counts below 10 hidden, and the difference hidden with them', async () => {
    const pub = applyDisclosureControl(await rows('liaison_reach', 'functie'));
    assert.ok(
      pub.every((r) => r.value === null && r.flags.includes('onderdrukt')),
      'every position reached fewer than 10',
    );
    const shift = applyDisclosureControl(await rows('liaison_referral_shift', 'vindplaats'));
    const of = (k: string) => shift.find((r) => r.key === k)!;
    assert.equal(of('01111111:voor').value, null, '4 referrals of 5: below 10');
    assert.equal(of('01111111:verschil').value, null, 'a difference of two hidden shares is hidden');
    assert.ok(of('01111111:verschil').flags.includes('onderdrukt'));
  });

  it('published: a difference of two shown shares is their published values subtracted, not the exact one', () => {
    const row = (key: string, value: number | null, numerator: number | null, denominator: number | null) =>
      ({
        indicator: 'liaison_referral_shift',
        gemeente: '9001',
        period: '2024',
        by: 'vindplaats',
        key,
        value,
        numerator,
        denominator,
        unit: 'procent',
        flags: [],
      }) satisfies IndicatorRow;
    // before 33 of 61 (54,098%), after 21 of 58 (36,207%): exact difference −17,891
    const pub = applyDisclosureControl([
      row('01111111:voor', 54.098, 33, 61),
      row('01111111:na', 36.207, 21, 58),
      row('01111111:verschil', -17.891, null, null),
    ]);
    // published from the rounded counts: 35/60 = 58,3% and 20/60 = 33,3%; the difference of those is −25,0
    assert.deepEqual(
      pub.map((r) => [r.key, r.value, r.numerator, r.denominator]),
      [
        ['01111111:voor', 58.3, null, null],
        ['01111111:na', 33.3, null, null],
        ['01111111:verschil', -25, null, null],
      ],
    );
  });
});
