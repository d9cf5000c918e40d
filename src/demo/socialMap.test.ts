/**
 * The demo's sociale kaart: about 60 offers over the nine demo gemeenten and their wijken, read by the real importer
 * (so every offer meets the rules a gemeente's file must meet: no 06 number, no person's address), a few ended.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { REGION_GEMEENTEN } from './region.js';
import { writeDemoSocialMap } from './socialMap.js';

let db: TestDb;
before(async () => {
  db = await freshStore('pglite');
});
after(async () => db.drop());

it('writes about 60 offers the importer accepts, in every gemeente, some in a wijk and some ended', async () => {
  const dir = tempDir('zicht-demo-kaart-');
  const gemeenten = REGION_GEMEENTEN.map((g) => ({ ...g, wijken: [{ name: 'Centrum' }, { name: 'Noord' }] }));
  await db.store.exec(`INSERT INTO region VALUES ('DEMO-MW','Demo',true);
    INSERT INTO gemeente VALUES ${gemeenten.map((g) => `('${g.code}','${g.name}','DEMO-MW',true)`).join(',')};`);
  const files = await writeDemoSocialMap(dir, gemeenten, '2020-12-01', '2026-11-30');
  assert.ok(files.aanbod!.rows >= 55 && files.aanbod!.rows <= 65, `${files.aanbod!.rows} offers`);
  const again = await writeDemoSocialMap(tempDir('zicht-demo-kaart2-'), gemeenten, '2020-12-01', '2026-11-30');
  assert.equal(again.aanbod!.rows, files.aanbod!.rows, 'the same offers every time');
  const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, files.aanbod!.path);
  assert.equal(r.status, 'committed', JSON.stringify(r.problems.slice(0, 3)));
  const per = await db.store.query<{ g: string; n: number; wijk: number; ended: number }>(
    `SELECT gemeente_code AS g, count(*)::int AS n, count(*) FILTER (WHERE area <> '')::int AS wijk,
            count(*) FILTER (WHERE valid_to IS NOT NULL)::int AS ended
       FROM social_offer GROUP BY 1 ORDER BY 1`,
  );
  assert.equal(per.length, 9, 'every demo gemeente');
  assert.ok(per.every((x) => x.n >= 6));
  assert.ok(per.reduce((a, x) => a + x.wijk, 0) > 10, 'offers in a wijk');
  assert.ok(per.reduce((a, x) => a + x.ended, 0) > 0, 'some ended');
});

// the demo writes aanbod.csv in its own wijken and loads it: src/demo/calibration.test.ts (on the demo it loads)
