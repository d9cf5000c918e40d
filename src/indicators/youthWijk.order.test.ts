/**
 * Where a youth lives does not depend on the order the files came in (red team 32): the trajectories say it; a
 * basic-support episode's wijk is where the help was given and only fills in a youth no trajectory placed. Youth C
 * lives in Zuid (its trajectory) and got basishulp from Noord's team; youth E has basishulp only, in Noord.
 * Imported trajecten → basishulp and basishulp → trajecten, every wijk figure is the same, and C counts in Zuid.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { findIndicator } from './catalogue.js';

const [A, C, E] = [testBsn(50), testBsn(51), testBsn(52)];
const FILES: Record<string, string> = {
  'trajecten.csv': [
    TRAJECTEN_HEADER,
    trajectRow({ traject_id: 'T1', client_id: A, geboortedatum: '2012-05', wijk: '900101' }),
    trajectRow({ traject_id: 'T2', client_id: C, geboortedatum: '2013-03', wijk: '900102' }),
  ].join('\n'),
  'basishulp.csv': [
    'episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden',
    // C's birth month differs here too: the trajectory's counts
    `E1;${C};2014-07;9001;900101;;2024-01-01;2024-03-31;Wonen`,
    `E2;${E};2011-02;9001;900101;;2024-02-01;;Wonen`,
  ].join('\n'),
  'bevolking.csv': [
    'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal',
    '9001;;2024;0;17;500',
    '9001;900101;2024;0;17;300',
    '9001;900102;2024;0;17;200',
  ].join('\n'),
};

async function loaded(order: readonly string[]): Promise<Lens> {
  const dir = tempDir('zicht-order-');
  const store = await PgliteStore.open('memory://');
  await migrate(store);
  await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
    INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);
    INSERT INTO wijk VALUES ('9001','900101','Noord'), ('9001','900102','Zuid');`);
  for (const name of order) {
    const r = await importCsvFile({ store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, FILES[name]!));
    assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems)}`);
  }
  await rebuildLens(store, dir);
  await store.close();
  return Lens.open(dir);
}

describe('a youth’s wijk whatever the order of the files', { timeout: 120_000 }, () => {
  let first: Lens;
  let second: Lens;
  before(async () => {
    first = await loaded(['bevolking.csv', 'trajecten.csv', 'basishulp.csv']);
    second = await loaded(['bevolking.csv', 'basishulp.csv', 'trajecten.csv']);
  });
  after(() => {
    first?.close();
    second?.close();
  });

  for (const [id, by] of [
    ['youth_in_care', 'wijk'],
    ['youth_segments', 'wijk'],
    ['first_line_share', 'wijk'],
    ['basic_support_reach', 'wijk'],
    ['youth_in_care', 'leeftijd'],
  ] as const)
    it(`${id} by ${by} is the same in both orders`, async () => {
      const q = { period: parsePeriod('2024H1'), gemeenten: ['9001'], by };
      const [a, b] = [await findIndicator(id)!.compute(first, q), await findIndicator(id)!.compute(second, q)];
      assert.deepEqual(a, b);
      assert.ok(a.length > 0);
    });

  it('C counts where it lives (Zuid), with its trajectory’s birth month, in both orders', async () => {
    for (const lens of [first, second]) {
      const rows = await findIndicator('youth_in_care')!.compute(lens, {
        period: parsePeriod('2024H1'),
        gemeenten: ['9001'],
        by: 'wijk',
      });
      assert.deepEqual(
        rows.map((r) => [r.key, r.value]),
        [
          ['900101', 1],
          ['900102', 1],
        ],
      );
      // born 2013-03: 10 on 1 January 2024 (4–11); the basishulp file's 2014-07 would make it 9, the same band, so
      // the birth month itself is read back
      const [y] = await lens.query<{ birth_month: string }>(
        `SELECT y.birth_month FROM youth y JOIN trajectory t ON t.youth_pseudonym = y.pseudonym WHERE t.trajectory_id = 'T2'`,
      );
      assert.equal(String(y!.birth_month).slice(0, 7), '2013-03');
    }
  });
});
