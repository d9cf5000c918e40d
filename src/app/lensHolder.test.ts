/**
 * Issue 18.3: after an import the figures the pages ask for are computed on the new lens before it is swapped in,
 * so nobody waits for a cold figure (at national size the first request after an import took 8.8 s). Until the
 * swap the old lens answers, whole; after it every answer is the new data's, from the warmed cache.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { parsePeriod } from '../domain/periods.js';
import { LensHolder } from './lensHolder.js';

let db: TestDb;
let dir: string;

/** n trajectories in 9001 from `first` on, active through 2024 */
function trajectories(first: number, n: number): string {
  const rows = Array.from({ length: n }, (_, i) =>
    trajectRow({
      traject_id: `T${first + i}`,
      client_id: testBsn(700 + first + i),
      gemeente: '9001',
      wijk: '',
      aanvraagdatum: '2024-01-02',
      toewijzingsdatum: '2024-01-05',
      startdatum: '2024-01-10',
      einddatum: '2024-12-31',
      reden_einde: '31',
      doelrealisatie: 'ja',
    }),
  );
  return [TRAJECTEN_HEADER, ...rows].join('\n');
}

async function load(name: string, content: string): Promise<void> {
  const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
  assert.equal(r.status, 'committed', JSON.stringify(r.problems.slice(0, 3)));
  await rebuildLens(db.store, dir);
}

before(async () => {
  db = await freshStore('pglite');
  dir = tempDir('zicht-warm-');
  await db.store.exec(
    "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Een','R',true);",
  );
  await load('trajecten.csv', trajectories(0, 12));
});
after(async () => {
  await db?.drop();
});

it('reload computes the recently asked figures on the new lens before the swap; the next request is a cache hit with the new data', async () => {
  const holder = new LensHolder(dir);
  try {
    const ask = () => holder.rows('youth_in_care', [parsePeriod('2024')], ['9001'], undefined);
    assert.equal((await ask())[0]!.value, 12);
    await holder.rows('youth_in_care', [parsePeriod('2024H1')], ['9001'], undefined);
    // the second import: more youths; until reload() the holder answers from the lens it has open
    await load('trajecten-2.csv', trajectories(100, 5));
    assert.equal((await ask())[0]!.value, 12, 'the open lens is whole and old until the swap');
    const { warmed } = await holder.reload({ warmBudgetMs: 60_000 });
    assert.equal(warmed, 2, 'both figures asked were computed on the new lens');
    const before = holder.computed();
    assert.equal((await ask())[0]!.value, 17, 'the new data');
    assert.equal(holder.computed(), before, 'answered from the warmed cache, nothing computed on request');
  } finally {
    holder.close();
  }
});

it('a zero budget swaps at once and leaves the figures to be computed when asked', async () => {
  const holder = new LensHolder(dir);
  try {
    await holder.rows('youth_in_care', [parsePeriod('2024')], ['9001'], undefined);
    const { warmed } = await holder.reload({ warmBudgetMs: -1 });
    assert.equal(warmed, 0);
    const before = holder.computed();
    assert.equal((await holder.rows('youth_in_care', [parsePeriod('2024')], ['9001'], undefined))[0]!.value, 17);
    assert.equal(holder.computed(), before + 1);
  } finally {
    holder.close();
  }
});

it('a sweep over many days (standVan) keeps at most 12 as-of lenses open and 12 retiring, and answers every day', async () => {
  const holder = new LensHolder(dir);
  const open = () => (holder as unknown as { retiring: Map<unknown, unknown> }).retiring.size;
  try {
    const period = parsePeriod('2024-03');
    for (let d = 1; d <= 40; d++) {
      const day = `2024-0${d <= 28 ? 3 : 4}-${String(d <= 28 ? d : d - 28).padStart(2, '0')}`;
      const rows = await holder.asOf(day).rows('youth_in_care', [period], ['9001'], undefined);
      assert.ok(rows.length > 0, day);
      assert.ok(open() <= 12, `${open()} retiring after ${day}`);
    }
    assert.equal(open(), 12);
  } finally {
    holder.close();
  }
  assert.equal(open(), 0);
});
