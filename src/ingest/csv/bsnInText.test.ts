/**
 * A number that may be a BSN (nine digits passing the elfproef) in free text never reaches the store (red team 33):
 * a team named "Team 999990019" is refused, and a refused row's team "BSN 999990019 Jan Jansen" is kept in the
 * quarantine with the number masked. Nine digits that fail the elfproef, or a CBS placeholder, are no BSN.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import {
  DECLARATIES_HEADER,
  TEST_KEY,
  TRAJECTEN_HEADER,
  tempDir,
  testBsn,
  trajectRow,
  writeCsv,
} from '../../testing/fixtures.js';
import { importCsvFile } from './import.js';
import { openEntries } from '../quarantine.js';
import {
  binomialTail,
  bsnLikeRuns,
  idNumbers,
  looksLikeBsnColumn,
  maskBsnRuns,
  passesElfproef,
} from '../../domain/bsn.js';
import fc from 'fast-check';

describe('a BSN in free text', () => {
  let store: PgliteStore;
  let dir: string;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);",
    );
    dir = tempDir('zicht-bsntext-');
  });
  after(async () => store.close());

  it('finds nine digits passing the elfproef, not longer runs, failing ones or placeholders', () => {
    assert.deepEqual(bsnLikeRuns('BSN 999990019 Jan'), ['999990019']);
    assert.deepEqual(bsnLikeRuns('9999900190 999990018 999999999 000000000'), []);
    assert.equal(maskBsnRuns('tel 0612345678, nr 999990019.'), 'tel 0612345678, nr *********.');
    // as a BSN is often written, and in full-width digits (red team 34); a phone number with a hyphen is no BSN
    for (const t of [
      '9999.90.019',
      '999 990 019',
      '999-990-019',
      '9999 90 019',
      '\uff19\uff19\uff19\uff19\uff19\uff10\uff10\uff11\uff19',
      // red team 35: a thousands comma, Arabic-Indic and mathematical digits
      '999,990,019',
      '\u0669\u0669\u0669\u0669\u0669\u0660\u0660\u0661\u0669',
      '\u{1d7d7}\u{1d7d7}\u{1d7d7}\u{1d7d7}\u{1d7d7}\u{1d7ce}\u{1d7ce}\u{1d7cf}\u{1d7d7}',
    ])
      assert.deepEqual(bsnLikeRuns(`team ${t}`), ['999990019'], t);
    assert.deepEqual(bsnLikeRuns('tel 06-12345678, wijk 3 2024'), []);
    assert.equal(maskBsnRuns('Team 9999.90.019 Noord'), 'Team ********* Noord');
  });

  it('refuses one in the budget\u2019s names and in a product code, and masks one in any column of the quarantine', async () => {
    const budget = writeCsv(
      dir,
      'budget.csv',
      [
        'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro;programma',
        '9001;2024;Post 999.990.019;1000;;Jeugd',
      ].join('\n'),
    );
    const b = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, budget);
    assert.equal(b.status, 'rejected');
    assert.deepEqual(
      b.problems.map((p) => [p.column, p.code]),
      [['taakveld_of_post', 'bsn_in_text']],
    );
    const file = writeCsv(
      dir,
      'trajecten.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({ traject_id: 'B5', client_id: testBsn(64), productcode: '999990019' }),
        trajectRow({ traject_id: '999990019', client_id: testBsn(65), startdatum: '2024-02-30' }),
      ].join('\n'),
    );
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file, { acceptValid: true });
    assert.deepEqual(
      r.problems.filter((p) => p.code === 'bsn_in_text').map((p) => [p.line, p.column]),
      [[2, 'productcode']],
    );
    // line 3 is refused for its date; its traject_id, a number that may be a BSN, is masked where it is kept
    assert.ok(r.problems.some((p) => p.line === 3));
    assert.doesNotMatch(JSON.stringify(await openEntries(store)), /999990019/);
    assert.doesNotMatch(JSON.stringify(r.problems), /999990019/);
  });

  it('refuses a team or referrer that holds one, naming line and column', async () => {
    const file = writeCsv(
      dir,
      'trajecten.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({ traject_id: 'B1', client_id: testBsn(60), team: 'Team 999990019' }),
        trajectRow({ traject_id: 'B2', client_id: testBsn(61), verwijzer_detail: 'huisarts 999990019' }),
      ].join('\n'),
    );
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file);
    assert.equal(r.status, 'rejected');
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.column, p.code, p.value]),
      [
        [2, 'team', 'bsn_in_text', 'Team *********'],
        [3, 'verwijzer_detail', 'bsn_in_text', 'huisarts *********'],
      ],
    );
    const [n] = await store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM trajectory WHERE team_code LIKE '%999990019%' OR referrer_detail LIKE '%999990019%'",
    );
    assert.equal(n!.n, 0);
  });

  it('keeps a refused row in the quarantine with the number masked', async () => {
    const file = writeCsv(
      dir,
      'trajecten.csv',
      [
        TRAJECTEN_HEADER,
        trajectRow({ traject_id: 'B3', client_id: testBsn(62) }),
        trajectRow({
          traject_id: 'B4',
          client_id: testBsn(63),
          startdatum: '2024-02-30',
          team: 'BSN 999990019 Jan Jansen',
        }),
      ].join('\n'),
    );
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file, { acceptValid: true });
    assert.deepEqual([r.status, r.rowsAccepted, r.rowsRejected], ['committed', 1, 1]);
    const open = await openEntries(store);
    const b4 = open.find((e) => e.record.traject_id === 'B4');
    assert.ok(b4, JSON.stringify(open.map((e) => e.record)));
    assert.equal(b4.record.team, 'BSN ********* Jan Jansen');
    assert.doesNotMatch(JSON.stringify(open), /999990019/);
  });

  it('refuses a column of own numbers that holds BSNs (a mapping that swapped BSN and dossier number)', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => trajectRow({ traject_id: testBsn(70 + i), client_id: `D${i}` }));
    const file = writeCsv(dir, 'trajecten.csv', [TRAJECTEN_HEADER, ...rows].join('\n'));
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file, { acceptValid: true });
    assert.equal(r.status, 'rejected');
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.column, p.code, p.value]),
      [[2, 'traject_id', 'bsn_column', '*********']],
    );
    assert.match(r.problems[0]!.nl, /8 van de 8 verschillende waarden/);
    assert.doesNotMatch(JSON.stringify(r), new RegExp(testBsn(70)));
    const [n] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM trajectory WHERE trajectory_id = $1', [
      testBsn(70),
    ]);
    assert.equal(n!.n, 0);
  });

  it('accepts an own numbering of nine digits, of which about one in eleven passes the elfproef', async () => {
    // a fixed pseudo-random numbering: 400 dossier numbers of nine digits
    let x = 12345;
    const ids = Array.from({ length: 400 }, () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return String(100_000_000 + (x % 900_000_000));
    });
    const passing = ids.filter(passesElfproef).length;
    assert.ok(passing > 20, `the numbering has ${passing} numbers passing the elfproef`);
    const rows = ids.map((id, i) => trajectRow({ traject_id: id, client_id: testBsn(100 + i) }));
    const file = writeCsv(dir, 'trajecten.csv', [TRAJECTEN_HEADER, ...rows].join('\n'));
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, file);
    assert.deepEqual([r.status, r.rowsAccepted], ['committed', 400], JSON.stringify(r.problems));
  });

  it('takes a column for BSNs only when chance would not explain it', () => {
    // an own numbering of any size: its passes follow one in eleven (seeded, so the run is the same each time)
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 10_000_000, max: 999_999_999 }), { minLength: 1, maxLength: 3000 }),
        (xs) => {
          const passing = xs.filter((v) => passesElfproef(String(v).padStart(9, '0'))).length;
          return !looksLikeBsnColumn(xs.length, passing);
        },
      ),
      { seed: 18, numRuns: 300 },
    );
    assert.equal(looksLikeBsnColumn(5, 5), false, 'five passes of five happen once in 161.051 files');
    assert.equal(looksLikeBsnColumn(8, 7), true, 'seven of eight: once in 2,6 million');
    assert.equal(looksLikeBsnColumn(7, 6), false, 'six of seven: once in 277.000 (red team 38: one filler)');
    for (const n of [6, 7, 20, 1000]) assert.equal(looksLikeBsnColumn(n, n), true, `${n} of ${n}`);
    assert.equal(looksLikeBsnColumn(1000, 500), true);
    assert.equal(looksLikeBsnColumn(1000, 120), false);
    // a million consecutive numbers a little above one in eleven by their structure
    assert.equal(looksLikeBsnColumn(1_000_000, 95_000), false);
  });

  it('reads the numbers an identifier holds however they are written (red teams 36 and 38)', () => {
    const b = '999990019';
    for (const v of [
      b,
      ` ${b} `,
      '9999.90.019',
      '999 990 019',
      '999-990-019',
      '999,990,019',
      '999_990/019'.replace('/', '.'),
      `BSN${b}`,
      `bsn: ${b}`,
      `BSN-nummer: ${b}`,
      `nr. ${b}`,
      `b.s.n. ${b}`,
      `(${b})`,
      '(999)990019',
      `="${b}"`,
      `'${b}`,
      `${b} (client)`,
      `${b}a`,
      `0${b}`,
      `${b}.0`,
      `${b}.`,
      `-${b}`,
      '9.99990019e+8',
      '9.99990019 E+08',
      '9,99990019×10^8',
      `+${b}`,
      `\u200b${b}`,
      `\u200e${b}`,
      `\u202e${b}\u202c`,
      '999\u2011990\u2011019',
      '999\u2212990\u2212019',
      "999'990'019",
      '9.9.9.9.9.0.0.1.9',
      '9\ufe0f\u20e39\ufe0f\u20e39\ufe0f\u20e39\ufe0f\u20e39\ufe0f\u20e30\ufe0f\u20e30\ufe0f\u20e31\ufe0f\u20e39\ufe0f\u20e3',
      '\uff19\uff19\uff19\uff19\uff19\uff10\uff10\uff11\uff19',
      '\u0669\u0669\u0669\u0669\u0669\u0660\u0660\u0661\u0669',
    ])
      assert.ok(idNumbers(v).includes(b), `${JSON.stringify(v)}: ${idNumbers(v).join(' ')}`);
    assert.deepEqual(idNumbers(`999990007/${b}`), ['999990007', b]);
    assert.deepEqual(idNumbers(`999990007 ; ${b}`), ['999990007', b]);
    assert.deepEqual(idNumbers(`999990007  ${b}`), ['999990007', b]);
    assert.deepEqual(idNumbers(`999990007 ${b}`), ['999990007', b]);
    assert.deepEqual(idNumbers('999/990019'), [b]);
    assert.deepEqual(idNumbers('999/990/019'), [b]);
    assert.deepEqual(idNumbers(`000${b}`), [b]);
    assert.ok(idNumbers('9.9.9.9.9.0.0.2.0').includes('999990020'));
    // red team 39: currency, decimals after a label, a BSN with a suffix, year or gemeente, keys run together, padding
    for (const v of [
      `€ 999.990.019,00`,
      `EUR 999.990.019,00`,
      `999.990.019,00 EUR`,
      `$999,990,019.00`,
      `'999.990.019,00`,
      `BSN 999 990 019.00`,
      `999-990-019,00`,
      `9999.90.019.0`,
      `9999.90.019-01`,
      `999 990 019 (1)`,
      `9999.90.019-2024`,
      `0363-9999.90.019`,
      `0363999990019`,
      `99999001901`,
      `9999900192024`,
      `0000999990019`,
      `000000999990019`,
      `99999001920240101`,
      `12345678999990019`,
    ])
      assert.ok(idNumbers(v).includes(b), `${v}: ${idNumbers(v).join(' ')}`);
    assert.deepEqual(idNumbers('999,990,019.00'), [b]);
    assert.deepEqual(idNumbers('999.990.019,0'), [b]);
    // a single letter directly before the digits is an identifier of its own; longer numbers and text are no BSN
    for (const v of [`T${b}`, 't999990019', '9001-T0000042', '9001-T0000042-202403', '', 'abc'])
      assert.deepEqual(idNumbers(v), [], v);
    assert.deepEqual(idNumbers('12345678'), ['012345678']);
    // counted by significant digits: a claim id with a month, or a small number with zeros, is no 9-digit number
    for (const v of ['9001-T0000042-202403', '00000042', '0000000-202401']) assert.deepEqual(idNumbers(v), [], v);
  });

  it('takes the exact binomial tail', () => {
    assert.ok(Math.abs(binomialTail(6, 6, 1 / 11) - 11 ** -6) < 1e-15);
    assert.ok(Math.abs(binomialTail(7, 6, 1 / 11) - (7 * 10 + 1) / 11 ** 7) < 1e-15);
    assert.equal(binomialTail(10, 0, 0.5), 1);
    assert.ok(binomialTail(2_000_000, 200_000, 1 / 11) < 1e-6);
  });

  /** The problem codes of a dry run of a file with this header and these rows. */
  const dryRunCodes = async (rows: string[], file = 'trajecten.csv', header = TRAJECTEN_HEADER) =>
    (
      await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, file, [header, ...rows].join('\n')), {
        dryRun: true,
      })
    ).problems.map((p) => p.code);

  it('refuses BSNs written in other ways, and diluted with as many numbers that fail the proof', async () => {
    const spellings = (i: number) => [
      testBsn(80 + i).replace(/^(\d{4})(\d{2})(\d{3})$/, '$1.$2.$3'),
      `BSN${testBsn(80 + i)}`,
      `${testBsn(80 + i)}.0`,
    ];
    for (let k = 0; k < 3; k++) {
      const rows = Array.from({ length: 8 }, (_, i) =>
        trajectRow({ traject_id: spellings(i)[k]!, client_id: `E${k}-${i}` }),
      );
      assert.deepEqual(await dryRunCodes(rows), ['bsn_column'], `spelling ${k}`);
    }
    // 30 BSNs among 31 numbers of nine digits that fail the elfproef
    const failing: string[] = [];
    for (let n = 100_000_000; failing.length < 31; n++) if (!passesElfproef(String(n))) failing.push(String(n));
    const ids = [...Array.from({ length: 30 }, (_, i) => testBsn(120 + i)), ...failing];
    const rows = ids.map((id, i) => trajectRow({ traject_id: id, client_id: `F${i}` }));
    assert.deepEqual(await dryRunCodes(rows), ['bsn_column']);
  });

  it('counts a number once: eight claim lines of one allocation whose number passes the elfproef are accepted', async () => {
    const nr = testBsn(160);
    const lines = Array.from(
      { length: 8 },
      (_, i) => `G${i};9001;;${nr};99147514;45;45A01;2024-0${i + 1}-01;2024-0${i + 1}-28;4;14;100;D;toegekend`,
    );
    assert.deepEqual(await dryRunCodes(lines, 'declaraties.csv', DECLARATIES_HEADER), []);
  });

  it("accepts a day's batch of ids that share their first nine digits (red team 40)", async () => {
    // the date with the sequence's first digit passes the elfproef: every id of the batch holds it, and it counts once
    assert.ok(passesElfproef(String(2024020_10)));
    const lines = Array.from(
      { length: 40 },
      (_, i) => `${20240201_00001 + i};9001;;;99147514;45;45A01;2024-01-01;2024-01-31;4;14;100;D;toegekend`,
    );
    assert.deepEqual(await dryRunCodes(lines, 'declaraties.csv', DECLARATIES_HEADER), []);
  });
});
