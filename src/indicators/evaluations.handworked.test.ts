/**
 * Evaluations after referral, worked out by hand (issue 21; docs/indicators.md "Evaluaties na verwijzing"). A moment
 * is due on planned + 14 days and counts in the period that holds that day, up to the reference day (the period's
 * end; the data end on 2025-12-31, T5's end). Rhythm of 9001: 3 months (its own default row), category 43 every 6,
 * product code 45A02 none (0). 9002 stored no rhythm: only its recorded moments count.
 *
 * 9001 (team, product, start[, end]) and its moments — r = recorded, d = derived:
 *   T1 Noord 45A01 2025-01-15, nothing recorded: d 04-15, 07-15, 10-15 (2026-01-15 is after the reference day)
 *   T2 Noord 45A01 2025-02-01: r 05-01 held 05-10 (≤ 05-15: op tijd), r 08-01 held 08-20 (> 08-15: te laat);
 *      the last recorded was held on 08-20, so d 11-20 (deadline 12-04, not held: achterstallig)
 *   T3 Zuid 43A03 2025-01-01 (rhythm 6): r 07-01 held 07-10 (op tijd); d from 07-10 + 6 = 2026-01-10: after
 *   T4 Zuid 45A02 2025-03-01 (rhythm 0): r 09-01 not held (achterstallig); nothing derived
 *   T5 Zuid 45A01 2025-01-31 … 2025-12-31: r 2026-02-01 planned after its end does not count, so d from the start:
 *      Jan 31 + 3 months = 04-30 (the month's last day), + 6 = 07-31, + 9 = 10-31; all achterstallig
 *   T6 Noord 45A01 2025-12-10: d 2026-03-10, after
 *   T8 Noord 45A01 2025-04-01: r 06-25 held 07-05 (deadline 07-09: op tijd, due in H2), r 12-20 held 12-22 (deadline
 *      2026-01-03: after the reference day); d from 12-22: after
 * 2025H2 (deadlines 07-01 … 12-31): T1 07-15 a, 10-15 a; T2 08-01 l, 11-20 a; T3 07-01 o; T4 09-01 a; T5 07-31 a,
 *   10-31 a; T8 06-25 o → 9 due, 2 op tijd, 1 te laat, 6 achterstallig: 2/9 = 22,2%
 *   team Noord: T1 ×2, T2 ×2, T8 → 1/5 = 20%; Zuid: T3, T4, T5 ×2 → 1/4 = 25%
 *   category 45: 1/8 = 12,5%; 43: 1/1 = 100%. Recorded: T2 l, T3 o, T4 a, T8 o → 2/4 = 50%; derived 0/5 = 0%
 * 2025H1 (reference 06-30): T1 04-15 a, T2 05-01 o, T5 04-30 a → 1/3 = 33,3% (T8 06-25's deadline is in July)
 * 9002: T9 2025-01-10, r 10-01 not held → 2025H2 0/1; T10 has nothing recorded and no rhythm: nothing.
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
import type { IndicatorRow } from './types.js';

describe('evaluations after referral, by hand', { timeout: 180_000 }, () => {
  let dir: string;
  let lens: Lens;
  before(async () => {
    dir = tempDir('zicht-evaluations-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);
      INSERT INTO evaluation_rhythm (gemeente_code, product_category, product_code, months) VALUES
        ('9001', '', '', 3), ('9001', '43', '', 6), ('9001', '', '45A02', 0);`);
    let n = 0;
    const t = (id: string, team: string, code: string, start: string, end = '', gemeente = '9001') =>
      trajectRow({
        traject_id: id,
        client_id: testBsn(100 + n++),
        gemeente,
        team,
        productcategorie: code.slice(0, 2),
        productcode: code,
        aanvraagdatum: start,
        toewijzingsdatum: start,
        startdatum: start,
        einddatum: end,
        reden_einde: end ? '31' : '',
        doelrealisatie: '',
      });
    lens = await csvLens(store, dir, [
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          t('T1', 'Noord', '45A01', '2025-01-15'),
          t('T2', 'Noord', '45A01', '2025-02-01'),
          t('T3', 'Zuid', '43A03', '2025-01-01'),
          t('T4', 'Zuid', '45A02', '2025-03-01'),
          t('T5', 'Zuid', '45A01', '2025-01-31', '2025-12-31'),
          t('T6', 'Noord', '45A01', '2025-12-10'),
          t('T8', 'Noord', '45A01', '2025-04-01'),
          t('T9', 'Oost', '45A01', '2025-01-10', '', '9002'),
          t('T10', 'Oost', '45A01', '2025-02-01', '', '9002'),
        ].join('\n'),
      ],
      [
        'evaluaties.csv',
        [
          'traject_id;gemeente;geplande_datum;gehouden_datum;uitkomst;uitgevoerd_door',
          'T2;9001;2025-05-01;2025-05-10;doorgaan;jeugdconsulent',
          'T2;9001;2025-08-01;2025-08-20;afschalen;jeugdconsulent',
          'T3;9001;2025-07-01;2025-07-10;doorgaan;casusregisseur',
          'T4;9001;2025-09-01;;;',
          'T5;9001;2026-02-01;;;',
          'T8;9001;2025-06-25;2025-07-05;opschalen;Noord',
          'T8;9001;2025-12-20;2025-12-22;doorgaan;Noord',
          'T9;9002;2025-10-01;;;',
        ].join('\n'),
      ],
    ]);
    await store.close();
  });
  after(() => {
    lens?.close();
  });

  const rows = (by?: string, period = '2025H2', on: Lens = lens, gemeenten = ['9001']) =>
    findIndicator('evaluation_timeliness')!.compute(on, { period: parsePeriod(period), gemeenten, by });
  const cells = (rs: readonly IndicatorRow[]) =>
    rs.map((r) => [r.gemeente, r.key, r.value, r.numerator, r.denominator]);

  it(
    handworked(['evaluation_timeliness'], 'due moments held on time, by team, category, stand (status), origin'),
    async () => {
      assert.deepEqual(cells(await rows()), [['9001', null, 22.222, 2, 9]]);
      assert.deepEqual(cells(await rows('team')), [
        ['9001', 'Noord', 20, 1, 5],
        ['9001', 'Zuid', 25, 1, 4],
      ]);
      assert.deepEqual(cells(await rows('productcategorie')), [
        ['9001', '43', 100, 1, 1],
        ['9001', '45', 12.5, 1, 8],
      ]);
      assert.deepEqual(cells(await rows('stand')), [
        ['9001', 'op_tijd', 22.222, 2, 9],
        ['9001', 'te_laat', 11.111, 1, 9],
        ['9001', 'achterstallig', 66.667, 6, 9],
      ]);
      assert.deepEqual(cells(await rows('herkomst')), [
        ['9001', 'afgeleid', 0, 0, 5],
        ['9001', 'vastgelegd', 50, 2, 4],
      ]);
      assert.deepEqual(cells(await rows(undefined, '2025H1')), [['9001', null, 33.333, 1, 3]]);
      // without a rhythm only what was recorded counts: T10 has no moment, T9's one is overdue
      assert.deepEqual(cells(await rows(undefined, '2025H2', lens, ['9002'])), [['9002', null, 0, 0, 1]]);
      assert.deepEqual(cells(await rows('stand', '2025H2', lens, ['9002'])), [
        ['9002', 'op_tijd', 0, 0, 1],
        ['9002', 'te_laat', 0, 0, 1],
        ['9002', 'achterstallig', 100, 1, 1],
      ]);
    },
  );

  it('a team lens counts only its own trajectories', async () => {
    const team = await Lens.open(dir, { gemeente: '9001', team: 'Noord' });
    try {
      assert.deepEqual(cells(await rows(undefined, '2025H2', team)), [['9001', null, 20, 1, 5]]);
    } finally {
      team.close();
    }
  });

  it('as of a day: an end or a held date after it is not known yet', async () => {
    // as of 2025-12-31 everything above is known: the same figure
    const end = await Lens.open(dir, undefined, '2025-12-31');
    try {
      assert.deepEqual(cells(await rows(undefined, '2025H2', end)), [['9001', null, 22.222, 2, 9]]);
    } finally {
      end.close();
    }
    // as of 2025-12-21 T5's end (12-31) is not known yet, so its recorded moment of 2026-02-01 is no longer after its
    // end: it is T5's last recorded moment, not held, and nothing is derived before it — T5's 07-31 and 10-31 drop
    // out. The data end is T6's start (12-10); T2's 11-20 (deadline 12-04) stays due. 7 due, 2 on time: 28,571%
    const before = await Lens.open(dir, undefined, '2025-12-21');
    try {
      assert.deepEqual(cells(await rows(undefined, '2025H2', before)), [['9001', null, 28.571, 2, 7]]);
    } finally {
      before.close();
    }
  });

  it('published (bestuur, aanbieder): fewer than 10 due moments are hidden, like other shares', async () => {
    const published = applyDisclosureControl(await rows('team'));
    assert.ok(
      published.every((r) => r.value === null && r.flags.includes('onderdrukt')),
      JSON.stringify(published),
    );
  });
});
