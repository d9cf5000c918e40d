/**
 * The voorkant in four groups and the first-line share, worked out by hand (issue 21; docs/indicators.md "De voorkant
 * in vier groepen"). Period 2024H1; an age is taken on 1 January 2024 as 2024 − birth year − 1, so 0–17 means born
 * 2006 … 2023. Region R holds 9001 Testdorp (wijken 900101 Noord, 900102 Zuid), 9002 Proefstad (no population),
 * 9003 Kleindorp (a population of 1) and 9004 Stilwater (a population, nobody helped).
 *
 * 9001, the youths (wijk; team) and what they had:
 *   A 2012-05 Noord: trajectory T1 2024-01-15…06-30 (team Noord) and basishulp E1 2024-02-01…03-31 (Noord) → both
 *   B 2010-03 Noord: basishulp E2 from 2024-03-01, open (Noord)                                         → basishulp only
 *   C 2009-11 Zuid:  trajectory T2 2023-09-01…2024-02-15 (Zuid)                                         → jeugdhulp only
 *   D 2006-12 Zuid:  trajectory T3 from 2024-04-01 (Zuid); 2024 − 2006 − 1 = 17, the oldest who counts  → jeugdhulp only
 *   F 2005-01 Noord: trajectory T4 from 2024-01-01 and basishulp E3 (Noord); 18: in no group
 *   G 2024-02 no wijk: basishulp E4 2024-03-01…04-30; born in 2024, not in the population of 1 January: in no group
 *   H 2015-06 no wijk: basishulp E5 2024-01-10…01-20 (Noord) and trajectory T5 from 2024-05-01 (Zuid) → both, onbekend
 *   I 2013-01 Noord: basishulp E6 in 2023 and trajectory T6 from 2024-07-01: nothing in the period, no help
 * Population 2024 of 9001: 500 aged 0–17 (the row without wijk); Noord 40 + 100 + 60 = 200 aged 0–17 (its 50 aged
 * 18–22 do not count), Zuid 250; the wijken hold 450 of the 500.
 *   groups: basishulp only 1 (B), jeugdhulp only 2 (C, D), both 2 (A, H): 5 helped; no help 500 − 5 = 495
 *   by wijk: Noord 200 − 2 = 198 / 1 (B) / 0 / 1 (A); Zuid 250 − 2 = 248 / 0 / 2 (C, D) / 0; onbekend — / 0 / 0 / 1 (H)
 *   first-line share (1 + 2) ÷ 5 = 60%; Noord 2 ÷ 2 = 100%, Zuid 0 ÷ 2 = 0%, onbekend 1 ÷ 1 = 100%
 * 9002: K 2016 (trajectory), L 2018 (basishulp), no population: 1 / 1 / 0 helped, no help empty (geen_noemer).
 * 9003: M 2012 (trajectory), N 2014 (basishulp), a population of 1 < 2 helped: no help empty (bevolking_te_klein).
 * 9004: a population of 80 and nobody helped: no help 80, the others 0.
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
import { combineRows } from './region.js';
import type { IndicatorRow } from './types.js';

const [A, B, C, D, F, G, H, I, K, L, M, N] = [
  testBsn(50),
  testBsn(51),
  testBsn(52),
  testBsn(53),
  testBsn(55),
  testBsn(56),
  testBsn(57),
  testBsn(58),
  testBsn(60),
  testBsn(61),
  testBsn(62),
  testBsn(63),
];

describe('the voorkant in four groups, by hand', { timeout: 180_000 }, () => {
  let dir: string;
  let lens: Lens;
  before(async () => {
    dir = tempDir('zicht-segments-');
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true),
        ('9003','Kleindorp','R',true), ('9004','Stilwater','R',true);
      INSERT INTO wijk VALUES ('9001','900101','Noord'), ('9001','900102','Zuid');`);
    const t = (id: string, client: string, born: string, wijk: string, team: string, start: string, end = '') =>
      trajectRow({
        traject_id: id,
        client_id: client,
        geboortedatum: born,
        gemeente: id.startsWith('K') ? '9002' : id.startsWith('M') ? '9003' : '9001',
        wijk,
        team,
        aanvraagdatum: '',
        toewijzingsdatum: start,
        startdatum: start,
        einddatum: end,
        reden_einde: end ? '31' : '',
        doelrealisatie: '',
      });
    const e = (id: string, client: string, born: string, g: string, wijk: string, start: string, end = '') =>
      `${id};${client};${born};${g};${wijk};Noord;${start};${end};Wonen`;
    lens = await csvLens(store, dir, [
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          t('T1', A, '2012-05', '900101', 'Noord', '2024-01-15', '2024-06-30'),
          t('T2', C, '2009-11', '900102', 'Zuid', '2023-09-01', '2024-02-15'),
          t('T3', D, '2006-12', '900102', 'Zuid', '2024-04-01'),
          t('T4', F, '2005-01', '900101', 'Noord', '2024-01-01'),
          t('T5', H, '2015-06', '', 'Zuid', '2024-05-01'),
          t('T6', I, '2013-01', '900101', 'Noord', '2024-07-01'),
          t('K1', K, '2016-04', '', '', '2024-02-01'),
          t('M1', M, '2012-08', '', '', '2024-02-01'),
        ].join('\n'),
      ],
      [
        'basishulp.csv',
        [
          'episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden',
          e('E1', A, '2012-05', '9001', '900101', '2024-02-01', '2024-03-31'),
          e('E2', B, '2010-03', '9001', '900101', '2024-03-01'),
          e('E3', F, '2005-01', '9001', '900101', '2024-02-01', '2024-02-28'),
          e('E4', G, '2024-02', '9001', '', '2024-03-01', '2024-04-30'),
          e('E5', H, '2015-06', '9001', '', '2024-01-10', '2024-01-20'),
          e('E6', I, '2013-01', '9001', '900101', '2023-01-01', '2023-12-31'),
          e('L1', L, '2018-09', '9002', '', '2024-03-01'),
          e('N1', N, '2014-02', '9003', '', '2024-03-01'),
        ].join('\n'),
      ],
      [
        'bevolking.csv',
        [
          'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal',
          '9001;;2024;0;17;500',
          '9001;900101;2024;0;3;40',
          '9001;900101;2024;4;11;100',
          '9001;900101;2024;12;17;60',
          '9001;900101;2024;18;22;50',
          '9001;900102;2024;0;17;250',
          '9003;;2024;0;17;1',
          '9004;;2024;0;17;80',
        ].join('\n'),
      ],
    ]);
    await store.close();
  });
  after(() => lens?.close());

  const rows = (id: string, by?: string, gemeenten: string[] = ['9001'], on: Lens = lens, period = '2024H1') =>
    findIndicator(id)!.compute(on, { period: parsePeriod(period), gemeenten, by });
  const cells = (rs: readonly IndicatorRow[]) =>
    rs.map((r) => [r.gemeente, r.key, r.value, r.denominator, r.flags.filter((f) => f !== 'periode_niet_compleet')]);

  it(handworked(['youth_segments'], 'four groups of the youths 0–17, no help = population − helped'), async () => {
    assert.deepEqual(cells(await rows('youth_segments', 'groep')), [
      ['9001', 'geen_hulp', 495, 500, []],
      ['9001', 'alleen_basishulp', 1, 500, []],
      ['9001', 'alleen_jeugdhulp', 2, 500, []],
      ['9001', 'basishulp_en_jeugdhulp', 2, 500, []],
    ]);
    // unsplit: the youths 0–17 with help (A, B, C, D, H), against the population
    assert.deepEqual(cells(await rows('youth_segments')), [['9001', null, 5, 500, []]]);
  });

  it(
    handworked(['youth_segments'], 'by wijk: the youth\u2019s wijk, its population, onbekend without no help'),
    async () => {
      const rs = await rows('youth_segments', 'wijk');
      assert.deepEqual(cells(rs), [
        ['9001', '900101:geen_hulp', 198, 200, []],
        ['9001', '900101:alleen_basishulp', 1, 200, []],
        ['9001', '900101:alleen_jeugdhulp', 0, 200, []],
        ['9001', '900101:basishulp_en_jeugdhulp', 1, 200, []],
        ['9001', '900102:geen_hulp', 248, 250, []],
        ['9001', '900102:alleen_basishulp', 0, 250, []],
        ['9001', '900102:alleen_jeugdhulp', 2, 250, []],
        ['9001', '900102:basishulp_en_jeugdhulp', 0, 250, []],
        ['9001', 'onbekend:alleen_basishulp', 0, null, ['geen_noemer']],
        ['9001', 'onbekend:alleen_jeugdhulp', 0, null, ['geen_noemer']],
        ['9001', 'onbekend:basishulp_en_jeugdhulp', 1, null, ['geen_noemer']],
      ]);
      assert.deepEqual([...new Set(rs.map((r) => r.label ?? null))], ['Noord', 'Zuid', null]);
      // the helped groups of the wijken add up to the gemeente's; no help does not (the wijken hold 450 of the 500)
      const sum = (k: string) => rs.filter((r) => r.key!.endsWith(`:${k}`)).reduce((s, r) => s + (r.value ?? 0), 0);
      assert.deepEqual([sum('alleen_basishulp'), sum('alleen_jeugdhulp'), sum('basishulp_en_jeugdhulp')], [1, 2, 2]);
    },
  );

  it(handworked(['youth_segments'], 'no population, a population below the youths helped, nobody helped'), async () => {
    assert.deepEqual(cells(await rows('youth_segments', 'groep', ['9002', '9003', '9004'])), [
      ['9002', 'geen_hulp', null, null, ['geen_noemer']],
      ['9002', 'alleen_basishulp', 1, null, ['geen_noemer']],
      ['9002', 'alleen_jeugdhulp', 1, null, ['geen_noemer']],
      ['9002', 'basishulp_en_jeugdhulp', 0, null, ['geen_noemer']],
      ['9003', 'geen_hulp', null, 1, ['bevolking_te_klein']],
      ['9003', 'alleen_basishulp', 1, 1, ['bevolking_te_klein']],
      ['9003', 'alleen_jeugdhulp', 1, 1, ['bevolking_te_klein']],
      ['9003', 'basishulp_en_jeugdhulp', 0, 1, ['bevolking_te_klein']],
      ['9004', 'geen_hulp', 80, 80, []],
      ['9004', 'alleen_basishulp', 0, 80, []],
      ['9004', 'alleen_jeugdhulp', 0, 80, []],
      ['9004', 'basishulp_en_jeugdhulp', 0, 80, []],
    ]);
    // for the regio no help is empty while one gemeente's is (9002, 9003): 0 there would drop their youths
    const regio = combineRows('youth_segments', await rows('youth_segments', 'groep', []), 'regio:R');
    assert.deepEqual(
      regio.map((r) => [r.key, r.value, r.denominator]),
      [
        ['alleen_basishulp', 3, null],
        ['alleen_jeugdhulp', 4, null],
        ['basishulp_en_jeugdhulp', 2, null],
        ['geen_hulp', null, null],
      ],
    );
    assert.ok(regio.every((r) => r.flags.includes('geen_noemer') && r.flags.includes('bevolking_te_klein')));
  });

  it(handworked(['first_line_share'], 'first-line share: youths with basishulp ÷ youths helped'), async () => {
    assert.deepEqual(cells(await rows('first_line_share')), [['9001', null, 60, 5, []]]);
    const byWijk = await rows('first_line_share', 'wijk');
    assert.deepEqual(
      byWijk.map((r) => [r.key, r.value, r.numerator, r.denominator, r.label ?? null]),
      [
        ['900101', 100, 2, 2, 'Noord'],
        ['900102', 0, 0, 2, 'Zuid'],
        ['onbekend', 100, 1, 1, null],
      ],
    );
    // 9002 (1 of 2), 9003 (1 of 2), 9004 nobody helped: no row; the regio pools 3 + 1 + 1 of 5 + 2 + 2 = 5 ÷ 9
    const all = await rows('first_line_share', undefined, []);
    assert.deepEqual(
      all.map((r) => [r.gemeente, r.value]),
      [
        ['9001', 60],
        ['9002', 50],
        ['9003', 50],
      ],
    );
    assert.deepEqual(
      combineRows('first_line_share', all, 'regio:R').map((r) => [r.value, r.numerator, r.denominator]),
      [[55.556, 5, 9]],
    );
  });

  it(handworked(['youth_segments'], 'episodes outside the period: I counts only from July'), async () => {
    // 2024Q3 (A's T1 ended 30 June; B's E2, D's T3 and H's T5 run on; I's T6 starts 1 July): basishulp only B,
    // jeugdhulp only D, H and I, both none
    const q3 = await rows('youth_segments', 'groep', ['9001'], lens, '2024Q3');
    assert.deepEqual(
      q3.map((r) => [r.key, r.value]),
      [
        ['geen_hulp', 496],
        ['alleen_basishulp', 1],
        ['alleen_jeugdhulp', 3],
        ['basishulp_en_jeugdhulp', 0],
      ],
    );
  });

  it(
    handworked(['youth_segments'], 'a team: its trajectories, its basishulp and the population of its wijken'),
    async () => {
      // team Noord: A (T1 and E1, both), B (E2), H (E5 is Noord's, T5 is Zuid's: basishulp only); F is 18. The team's
      // population is that of the wijk most of its youths belong to, Noord: 200, so no help 200 − 3 = 197
      const team = await Lens.open(dir, { gemeente: '9001', team: 'Noord' });
      try {
        assert.deepEqual(
          (await rows('youth_segments', 'groep', ['9001'], team)).map((r) => [r.key, r.value]),
          [
            ['geen_hulp', 197],
            ['alleen_basishulp', 2],
            ['alleen_jeugdhulp', 0],
            ['basishulp_en_jeugdhulp', 1],
          ],
        );
      } finally {
        team.close();
      }
    },
  );

  it('published: counts below 10 hidden; no help alone is not left to be the population minus the rest', async () => {
    const published = applyDisclosureControl(await rows('youth_segments', 'groep'));
    assert.deepEqual(
      published.map((r) => [r.key, r.value, r.denominator, r.flags.includes('onderdrukt')]),
      [
        ['geen_hulp', 495, null, false],
        ['alleen_basishulp', null, null, true],
        ['alleen_jeugdhulp', null, null, true],
        ['basishulp_en_jeugdhulp', null, null, true],
      ],
    );
    // first-line share: 3 of 5, a numerator below 10: hidden
    assert.equal(applyDisclosureControl(await rows('first_line_share'))[0]!.value, null);
  });
});

describe('youth_segments by wijk published: a two-way table', () => {
  /** one wijk's four groups as exact rows (wijk X: the population is 574; wijk Y: 348) */
  const wijk = (w: string, counts: readonly number[]): IndicatorRow[] =>
    ['geen_hulp', 'alleen_basishulp', 'alleen_jeugdhulp', 'basishulp_en_jeugdhulp'].map((g, i) => ({
      indicator: 'youth_segments',
      gemeente: '9001',
      period: '2024',
      by: 'wijk',
      key: `${w}:${g}`,
      value: counts[i]!,
      numerator: counts[i]!,
      denominator: counts.reduce((a, b) => a + b, 0),
      unit: 'aantal',
      flags: [],
    }));

  it('every wijk and every group with a hidden cell has a second one hidden', () => {
    // X: 500 / 40 / 30 / 4 (4 hidden), Y: 300 / 3 / 25 / 20 (3 hidden). Two cells hidden in the split, so the rule
    // for a split alone hides nothing more, and each would be its wijk's population (a CBS figure) minus the rest:
    // 574 − 500 − 40 − 30 = 4. By line and column: X's line hides its smallest other, jeugdhulp only 30; the column
    // basishulp only (X 40, Y 3 hidden) hides X's 40; jeugdhulp only (X 30 hidden, Y 25) Y's 25; both (X 4, Y 20)
    // Y's 20. Then every line and column holds 0 or at least 2 hidden cells.
    const out = applyDisclosureControl([...wijk('X', [500, 40, 30, 4]), ...wijk('Y', [300, 3, 25, 20])]);
    assert.deepEqual(
      out.map((r) => [r.key, r.value]),
      [
        ['X:geen_hulp', 500],
        ['X:alleen_basishulp', null],
        ['X:alleen_jeugdhulp', null],
        ['X:basishulp_en_jeugdhulp', null],
        ['Y:geen_hulp', 300],
        ['Y:alleen_basishulp', null],
        ['Y:alleen_jeugdhulp', null],
        ['Y:basishulp_en_jeugdhulp', null],
      ],
    );
    for (const part of [0, 1] as const) {
      const hidden = new Map<string, number>();
      for (const r of out) {
        const k = r.key!.split(':')[part]!;
        hidden.set(k, (hidden.get(k) ?? 0) + (r.value === null ? 1 : 0));
      }
      for (const [k, n] of hidden) assert.ok(n !== 1, `${part === 0 ? 'wijk' : 'group'} ${k}: one hidden cell`);
    }
  });

  it('a wijk of large groups stays as it is', () => {
    const out = applyDisclosureControl(wijk('X', [500, 40, 30, 12]));
    assert.deepEqual(
      out.map((r) => r.value),
      [500, 40, 30, 10],
    );
  });
});
