/**
 * Hand-worked results for issue 20: completed_as_planned and lasting_outcome (results.ts), youth_18_22_in_care and
 * transition_at_18 (adulthood.ts). One gemeente, 9001; providers P1 = 12345678, P2 = 87654321.
 *
 * Results that last (period 2024H1, 1 Jan – 30 Jun 2024):
 *   A  A1 P1 cat 45 2023-09-01 – 2024-02-29 reason 31;  A2 P1 cat 45 from 2024-06-01, running
 *   B  B1 P2 cat 43 2023-05-01 – 2024-03-31 reason 31;  B2 P1 cat 45 2023-11-01 – 2024-04-30 reason 31;
 *      B3 P1 cat 45 2025-01-15 – 2025-03-31 reason 32
 *   C  C1 P2 cat 45 2024-01-10 – 2024-05-31 reason 31
 *   D  D1 P1 cat 45 2024-02-01 – 2024-03-15 reason 32 (drop-out)
 *   E  E1 P1 cat 45 2024-01-05 – 2024-06-30 reason 34 (other: by mutual agreement)
 *   G  G1 P2 cat 43 2024-01-15 – 2024-02-15 reason 31;  G2 P2 cat 43 2024-03-01 – 2024-06-15 reason 31
 *   K  K1 P1 cat 45 2024-03-01 – 2024-06-28 reason 31
 *   H  H1 P1 cat 45 2025-01-01 – 2025-06-10 reason 31, with one claim line for 1–10 June 2025: the latest date in
 *      the data, so the data end is 2025-06-10 (without any claim line the lens takes today as the data end)
 * The 18-/18+ transition (period 2024; the birthday is the 1st of the birth month):
 *   T  born 2006-03 (18 on 2024-03-01)  T1 P1 cat 45 from 2023-06-01, running
 *   U  born 2006-05 (18 on 2024-05-01)  U1 P1 cat 45 2023-10-01 – 2024-04-30, no reason; U2 P1 cat 45 from 2024-12-01
 *   V  born 2006-07 (18 on 2024-07-01)  V1 P1 cat 45 2024-01-01 – 2024-07-31, no reason
 *   W  born 2006-02 (18 on 2024-02-01)  W1 P1 cat 45 2023-09-01 – 2024-01-15, no reason
 *   X  born 2006-09 (18 on 2024-09-01)  X1 P1 cat 45 2023-09-01 – 2024-05-15, no reason
 *   Z  born 2004-06                      Z1 P2 cat 43 from 2023-12-01, running
 *   Y  born 2001-01                      Y1 P1 cat 45 2024-03-01 – 2024-04-30, no reason
 *   O  born 2000-12                      O1 P1 cat 45 2024-02-01 – 2024-02-28, no reason
 * Everyone else is born in 2012 (the fixture's default).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import {
  DECLARATIES_HEADER,
  TEST_KEY,
  TRAJECTEN_HEADER,
  tempDir,
  testBsn,
  trajectRow,
  writeCsv,
} from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { findIndicator } from './catalogue.js';
import type { IndicatorRow } from './types.js';

const P1 = '12345678';
const P2 = '87654321';

/** One trajectory: [id, youth, birth, provider, category, start, end, reason]. */
type Row = [string, number, string, string, string, string, string, string];
const TRAJECTORIES: Row[] = [
  ['A1', 1, '2012-05-17', P1, '45', '2023-09-01', '2024-02-29', '31'],
  ['A2', 1, '2012-05-17', P1, '45', '2024-06-01', '', ''],
  ['B1', 2, '2012-05-17', P2, '43', '2023-05-01', '2024-03-31', '31'],
  ['B2', 2, '2012-05-17', P1, '45', '2023-11-01', '2024-04-30', '31'],
  ['B3', 2, '2012-05-17', P1, '45', '2025-01-15', '2025-03-31', '32'],
  ['C1', 3, '2012-05-17', P2, '45', '2024-01-10', '2024-05-31', '31'],
  ['D1', 4, '2012-05-17', P1, '45', '2024-02-01', '2024-03-15', '32'],
  ['E1', 5, '2012-05-17', P1, '45', '2024-01-05', '2024-06-30', '34'],
  ['G1', 6, '2012-05-17', P2, '43', '2024-01-15', '2024-02-15', '31'],
  ['G2', 6, '2012-05-17', P2, '43', '2024-03-01', '2024-06-15', '31'],
  ['K1', 7, '2012-05-17', P1, '45', '2024-03-01', '2024-06-28', '31'],
  ['H1', 8, '2012-05-17', P1, '45', '2025-01-01', '2025-06-10', '31'],
  ['T1', 10, '2006-03-14', P1, '45', '2023-06-01', '', ''],
  ['U1', 11, '2006-05-20', P1, '45', '2023-10-01', '2024-04-30', ''],
  ['U2', 11, '2006-05-20', P1, '45', '2024-12-01', '', ''],
  ['V1', 12, '2006-07-02', P1, '45', '2024-01-01', '2024-07-31', ''],
  ['W1', 13, '2006-02-27', P1, '45', '2023-09-01', '2024-01-15', ''],
  ['X1', 14, '2006-09-09', P1, '45', '2023-09-01', '2024-05-15', ''],
  ['Z1', 15, '2004-06-01', P2, '43', '2023-12-01', '', ''],
  ['Y1', 16, '2001-01-31', P1, '45', '2024-03-01', '2024-04-30', ''],
  ['O1', 17, '2000-12-31', P1, '45', '2024-02-01', '2024-02-28', ''],
];

describe('results that last and the transition at 18 on a hand-worked gemeente', { timeout: 180_000 }, () => {
  let lens: Lens;
  before(async () => {
    const dir = tempDir('zicht-hw-results-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
    );
    const rows = TRAJECTORIES.map(([id, youth, birth, agb, cat, start, end, reason]) =>
      trajectRow({
        traject_id: id,
        client_id: testBsn(youth),
        geboortedatum: birth,
        aanbieder_agb: agb,
        productcategorie: cat,
        productcode: `${cat}A01`,
        // allocated a week before the start: no allocation date lies after the latest end (the data end)
        aanvraagdatum: '',
        toewijzingsdatum: new Date(Date.parse(`${start}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10),
        startdatum: start,
        einddatum: end,
        reden_einde: reason,
        doelrealisatie: '',
      }),
    );
    const claim = `K1;9001;H1;;${P1};45;45A01;2025-06-01;2025-06-10;1;04;100,00;D;toegekend`;
    for (const [name, content] of [
      ['trajecten.csv', [TRAJECTEN_HEADER, ...rows].join('\n')],
      ['declaraties.csv', [DECLARATIES_HEADER, claim].join('\n')],
    ] as const) {
      const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
      assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems)}`);
    }
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  const get = async (id: string, period: string, by?: string): Promise<IndicatorRow[]> =>
    findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: ['9001'], by });
  const keyed = async (id: string, period: string, by?: string) =>
    Object.fromEntries((await get(id, period, by)).map((r) => [String(r.key), [r.value, r.numerator, r.denominator]]));

  it(
    handworked(['completed_as_planned'], 'completed as planned: 7 of the 9 ends with a reason in 2024H1'),
    async () => {
      // ends in 2024H1 with a reason: A1, B1, B2, C1, G1, G2, K1 (31), D1 (32), E1 (34) = 9; U1, X1, Y1, O1 and W1
      // ended without a reason and count nowhere. 7 ÷ 9 = 77.777… → 77.778; drop-out 1 ÷ 9 = 11.111; other 1: 7 + 1 + 1
      assert.deepEqual(await keyed('completed_as_planned', '2024H1'), { null: [77.778, 7, 9] });
      assert.deepEqual(await keyed('dropout', '2024H1'), { null: [11.111, 1, 9] });
      // P1: A1, B2, K1 planned, D1, E1 not → 3 ÷ 5 = 60; P2: B1, C1, G1, G2 all planned → 100
      assert.deepEqual(await keyed('completed_as_planned', '2024H1', 'aanbieder'), {
        [P1]: [60, 3, 5],
        [P2]: [100, 4, 4],
      });
      // cat 43: B1, G1, G2 → 3 ÷ 3; cat 45: A1, B2, C1, K1 of A1, B2, C1, D1, E1, K1 → 4 ÷ 6 = 66.667
      assert.deepEqual(await keyed('completed_as_planned', '2024H1', 'productcategorie'), {
        '43': [100, 3, 3],
        '45': [66.667, 4, 6],
      });
    },
  );

  it(
    handworked(['lasting_outcome'], 'lasting outcome: A, B, C, G, K leave care as planned in 2024H1; who stays out'),
    async () => {
      // A planned end counts when nothing of the youth runs past it; a youth counts at the first such end:
      //   A: A1 ends 29 Feb, nothing runs on (A2 starts later) → exit 2024-02-29; A2 starts 1 Jun, within 6 months
      //   B: B1 ends 31 Mar while B2 runs to 30 Apr → no exit then; B2 ends 30 Apr → exit 2024-04-30 (P1, cat 45);
      //      B3 starts 2025-01-15: after 30 Oct 2024 (6 months) but by 30 Apr 2025 (12 months)
      //   C: C1 ends 31 May → exit; no care afterwards
      //   G: G1 ends 15 Feb → exit 2024-02-15 (the first; G2's end on 15 Jun is later); G2 starts 1 Mar, within 6
      //      months (with G2's end as the exit G would have looked lasting: the first end is the one that counts)
      //   K: K1 ends 28 Jun → exit; no care afterwards
      //   D (32) and E (34) ended otherwise; U, X, Y, O, W ended without a reason.
      // Data end 2025-06-10 (H1's end). 6 months: every exit + 6 months ≤ 2025-06-10 → A, B, C, G, K observed;
      //   without new care: B, C, K → 3 ÷ 5 = 60.
      // 12 months: K's 2025-06-28 is after the data end → A, B, C, G observed; without new care: C → 1 ÷ 4 = 25.
      // The period ends 30 Jun 2024: + 12 months = 30 Jun 2025 > 10 Jun 2025 → the 12-month rows are flagged.
      const head = await get('lasting_outcome', '2024H1');
      assert.deepEqual(
        head.map((r) => [r.key, r.value, r.numerator, r.denominator, r.flags.includes('vervolg_onvolledig')]),
        [[null, 25, 1, 4, true]],
      );
      const byTerm = await get('lasting_outcome', '2024H1', 'termijn');
      assert.deepEqual(
        byTerm.map((r) => [r.key, r.value, r.numerator, r.denominator, r.flags.includes('vervolg_onvolledig')]),
        [
          ['6_maanden', 60, 3, 5, false],
          ['12_maanden', 25, 1, 4, true],
        ],
      );
      // by the provider of the trajectory that ended: P1 A (A1), B (B2), K (K1); P2 C (C1), G (G1)
      //   P1 6 months: B, K of A, B, K → 66.667; 12 months: A, B observed, neither lasting → 0
      //   P2 6 months: C of C, G → 50; 12 months: C of C, G → 50
      assert.deepEqual(await keyed('lasting_outcome', '2024H1', 'aanbieder'), {
        [`${P1}:6_maanden`]: [66.667, 2, 3],
        [`${P1}:12_maanden`]: [0, 0, 2],
        [`${P2}:6_maanden`]: [50, 1, 2],
        [`${P2}:12_maanden`]: [50, 1, 2],
      });
      // cat 43: G → 0 of 1 at both; cat 45: A, B, C, K — 6 months B, C, K of 4 → 75; 12 months C of A, B, C → 33.333
      assert.deepEqual(await keyed('lasting_outcome', '2024H1', 'productcategorie'), {
        '43:6_maanden': [0, 0, 1],
        '43:12_maanden': [0, 0, 1],
        '45:6_maanden': [75, 3, 4],
        '45:12_maanden': [33.333, 1, 3],
      });
      // 2025H1: H1 ends 10 Jun 2025 as planned, the data end itself: no follow-up yet → 0 of 0, no share
      assert.deepEqual(await keyed('lasting_outcome', '2025H1', 'termijn'), {
        '6_maanden': [null, 0, 0],
        '12_maanden': [null, 0, 0],
      });
    },
  );

  it(
    handworked(['youth_18_22_in_care'], 'verlengde jeugdhulp: Z (19) and Y (22) in 2024; T, U and Z in 2025'),
    async () => {
      // age on 1 January = year − birth year − 1. 2024: Z 2024 − 2004 − 1 = 19, Y 22, O 23 (too old), T, U, V, W,
      // X 17, the others 11 → Z and Y. Z's Z1 is cat 43 (met verblijf), Y's Y1 cat 45 (zonder verblijf)
      assert.deepEqual(await keyed('youth_18_22_in_care', '2024'), { null: [2, 2, null] });
      assert.deepEqual(await keyed('youth_18_22_in_care', '2024', 'zorgvorm'), {
        met_verblijf: [1, 1, null],
        zonder_verblijf: [1, 1, null],
      });
      // 2025: T (18, T1 runs), U (18, U2 runs from Dec 2024), Z (20, Z1 runs); V, W, X have no care in 2025, Y is 23
      assert.deepEqual(await keyed('youth_18_22_in_care', '2025'), { null: [3, 3, null] });
      // the same youths as the age split of youth_in_care
      assert.deepEqual((await keyed('youth_in_care', '2025', 'leeftijd'))['18–22'], [3, 3, null]);
      assert.deepEqual((await keyed('youth_in_care', '2024', 'leeftijd'))['18–22'], [2, 2, null]);
    },
  );

  it(
    handworked(['transition_at_18'], 'transition at 18 in 2024: T continues, W ended, U re-entered, V not known yet'),
    async () => {
      // turning 18 in 2024 with care in the three months before: T (1 Mar; T1 runs), U (1 May; U1 to 30 Apr),
      // V (1 Jul; V1 runs), W (1 Feb; W1 to 15 Jan, within 1 Nov 2023 … 31 Jan 2024). X turns 18 on 1 Sep, but X1
      // ended 15 May, before 1 Jun (three months before): not in the cohort. Z, Y, O turned 18 before 2024.
      //   T: T1 runs on 1 Jun 2024 (18 + 3 months) → doorloopt
      //   W: nothing runs on 1 May 2024; no start in (1 May 2024, 1 Feb 2025]; 1 Feb 2025 ≤ data end → beeindigd
      //   U: nothing runs on 1 Aug 2024; U2 starts 1 Dec 2024, by 1 May 2025 → herinstroom
      //   V: V1 ends 31 Jul; nothing runs on 1 Oct 2024; no start up to the data end; 1 Jul 2025 is after the data end
      //      (10 Jun 2025) → nog_onbekend
      // 2024 + 12 months = 31 Dec 2025 > 10 Jun 2025: flagged
      const rows = await get('transition_at_18', '2024', 'uitkomst');
      assert.deepEqual(
        rows.map((r) => [r.key, r.value, r.flags.includes('vervolg_onvolledig')]),
        [
          ['doorloopt', 1, true],
          ['beeindigd', 1, true],
          ['herinstroom', 1, true],
          ['nog_onbekend', 1, true],
        ],
      );
      assert.deepEqual(await keyed('transition_at_18', '2024'), { null: [4, 4, null] });
      // 2024Q1: T (March) and W (February) only
      assert.deepEqual(await keyed('transition_at_18', '2024Q1', 'uitkomst'), {
        doorloopt: [1, 1, null],
        beeindigd: [1, 1, null],
      });
    },
  );
});
