/**
 * Issue 14, red team 4 (high): which JW301 version of an allocation counts in a report as of a day depended on its
 * Toewijzingsdatum only, so a JW301 sent after the day with an earlier Toewijzingsdatum — an extension, or a new
 * allocation dated back — changed a past report. And two versions with the same Toewijzingsdatum and -tijd were
 * decided by the order of loading. Messages through the real importer, on both back ends; by hand:
 *  - 100101 (youth 1): allocated 03-02 to 03-25, started 03-03; a JW301 SENT 04-15, dated 03-10, extends it to 06-30;
 *  - 100102 (youth 2): a new allocation SENT 04-15, dated 03-20, from 03-20;
 *  - 100103 (youth 3): two versions dated 01-10 10:00, one (sent 01-10) to 03-15, one (sent 03-10) to 06-30.
 *  - a JW323 line RS1 of €500 sent 03-28, sent again 04-20 as €550 under the same ReferentieNummer.
 * As of 31 March: in care in March 100101 (03-03 to 03-25, its end from the allocation) and 100103 = 2; stock at the
 * end of March only 100103 (its later-sent version runs to 06-30) = 1. Loading the April messages changes neither.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, tempDir, writeCsv } from '../testing/fixtures.js';
import { G, jw301, jw305, jw323, type Msg } from '../testing/ijwMessages.js';
import { importIjwFiles } from '../ingest/ijw/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { findIndicator } from '../indicators/catalogue.js';

const UNTIL_MARCH: readonly Msg[] = [
  jw301(1, '100101', '2026-03-02', '2026-03-02', '2026-03-25'),
  jw305('2026-03-04', 1, '100101', '2026-03-02', '2026-03-03'),
  jw301(3, '100103', '2026-01-10', '2026-01-10', '2026-03-15'),
  jw301(3, '100103', '2026-01-10', '2026-01-10', '2026-06-30', undefined, '2026-03-10'),
  jw305('2026-01-12', 3, '100103', '2026-01-10', '2026-01-11'),
  jw323('2026-03-28', 3, '100103', 'RS1', '2026-03-01', '2026-03-15', 50000),
];
const APRIL: readonly Msg[] = [
  jw301(1, '100101', '2026-03-10', '2026-03-02', '2026-06-30', '01', '2026-04-15'),
  jw301(2, '100102', '2026-03-20', '2026-03-20', '2026-12-31', undefined, '2026-04-15'),
  // the same ReferentieNummer again with another amount (a correction goes as a credit line plus a new line)
  jw323('2026-04-20', 3, '100103', 'RS1', '2026-03-01', '2026-03-15', 55000),
];

forEachBackend('an as-of report knows an allocation version only once its JW301 was sent', (kind) => {
  const stores: TestDb[] = [];
  const open = async (): Promise<{ db: TestDb; dir: string }> => {
    const db = await freshStore(kind);
    stores.push(db);
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true) ON CONFLICT DO NOTHING; INSERT INTO gemeente VALUES ('0363','Amsterdam','R',true) ON CONFLICT DO NOTHING;",
    );
    return { db, dir: tempDir('zicht-asofsent-') };
  };
  const load = async (t: { db: TestDb; dir: string }, msgs: readonly Msg[], tag: string) => {
    const reports = await importIjwFiles(
      { store: t.db.store, dataDir: t.dir, key: TEST_KEY },
      msgs.map((m, i) => writeCsv(t.dir, `${m.dag}-${tag}-${i}.xml`, m.xml)),
    );
    for (const r of reports) assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    await rebuildLens(t.db.store, t.dir);
  };
  const figures = async (dir: string, asOf?: string) => {
    const lens = await Lens.open(dir, undefined, asOf);
    try {
      const value = async (id: string) =>
        (await findIndicator(id)!.compute(lens, { period: parsePeriod('2026-03'), gemeenten: [G] })).find(
          (r) => r.key === null,
        )?.value ?? null;
      const ends = await lens.query<{ nr: string; end: string | null }>(
        'SELECT allocation_number AS nr, strftime(eff_end, \'%Y-%m-%d\') AS "end" FROM traj ORDER BY 1',
      );
      return {
        cost_total: await value('cost_total'),
        youth_in_care: await value('youth_in_care'),
        stock: await value('stock_youth'),
        ends: Object.fromEntries(ends.map((e) => [e.nr, e.end])),
      };
    } finally {
      lens.close();
    }
  };
  let a: { db: TestDb; dir: string };
  let b: { db: TestDb; dir: string };
  before(async () => {
    a = await open();
    b = await open();
    await load(a, UNTIL_MARCH, 'm');
    // the same messages in the opposite order (the two versions of 100103 swapped)
    await load(b, [...UNTIL_MARCH].reverse(), 'r');
  });
  after(async () => {
    for (const db of stores) await db.drop();
  });

  it('two versions with the same Toewijzingsdatum and -tijd: the one sent last wins, whatever the loading order', async () => {
    assert.equal((await figures(a.dir)).ends['100103'], '2026-06-30');
    assert.deepEqual(await figures(b.dir), await figures(a.dir));
    assert.deepEqual(await figures(b.dir, '2026-03-31'), await figures(a.dir, '2026-03-31'));
    // as of a day before the later version was sent, the earlier one counts
    assert.equal((await figures(a.dir, '2026-03-05')).ends['100103'], '2026-03-15');
  });

  it('March as of 31 March does not change when JW301s dated in March are sent in April', async () => {
    const march = await figures(a.dir, '2026-03-31');
    assert.deepEqual(march, {
      cost_total: 500,
      youth_in_care: 2,
      stock: 1,
      ends: { '100101': '2026-03-25', '100103': '2026-06-30' },
    });
    await load(a, APRIL, 'apr');
    assert.deepEqual(await figures(a.dir, '2026-03-31'), march, 'the report as of 31 March stays as it was');
    // the whole lens knows them: the extension and the allocation dated back
    const now = await figures(a.dir);
    assert.equal(now.ends['100101'], '2026-06-30');
    assert.ok('100102' in now.ends, 'the allocation sent in April is there');
    assert.equal(now.cost_total, 500, 'a ReferentieNummer sent again later does not change its line');
  });
});
