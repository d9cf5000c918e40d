/**
 * The Data page's list of import runs: files one by one, iJw messages read without remark summed
 * per message type and day, a refused or partly refused message on its own line.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { TEST_KEY, writeCsv } from '../testing/fixtures.js';
import { importIjwFiles } from '../ingest/ijw/import.js';

const EX = fileURLToPath(new URL('../../../shared/reference/ijw-3.2/examples/', import.meta.url));

if (!existsSync(EX))
  it('import runs on the Data page', { skip: `iJw examples not found at ${EX} (no ../shared here)` }, () => undefined);
else
  forEachBackend('import runs on the Data page', (kind) => {
    let db: TestDb;
    let f: ServerFixture;
    before(async () => {
      db = await freshStore(kind);
      f = await serverFixture(db.store);
    });
    after(async () => {
      await f?.close();
      await db?.drop();
    });

    it('sums the iJw messages read without remark per type and day, and keeps files and refusals on their own line', async () => {
      const example = (name: string) => readFileSync(join(EX, name), 'utf8');
      const files = [
        writeCsv(f.dataDir, 'a-JW301.xml', example('JW301.xml')),
        writeCsv(f.dataDir, 'b-JW301.xml', example('JW301.xml').replaceAll('300201', '300202')),
        writeCsv(f.dataDir, 'c-JW301.xml', example('JW301.xml').replaceAll('300201', '300203')),
        writeCsv(f.dataDir, 'd-JW323.xml', example('JW323.xml')),
        writeCsv(f.dataDir, 'e-JW315.xml', readFileSync(join(EX, 'invalid', 'JW315-impossible-date.xml'), 'utf8')),
      ];
      const reports = await importIjwFiles({ store: db.store, dataDir: f.dataDir, key: TEST_KEY }, files);
      assert.deepEqual(
        reports.map((r) => r.status),
        ['committed', 'committed', 'committed', 'committed', 'rejected'],
      );
      const cookie = await login(f, 'analist');
      const res = await f.app.inject({ method: 'GET', url: '/api/v1/imports', headers: { cookie } });
      assert.equal(res.statusCode, 200);
      const runs = res.json() as Array<{
        file_name: string | null;
        record_type: string;
        status: string;
        messages: number;
        rows_read: number;
        rows_rejected: number;
      }>;
      const pick = (type: string) =>
        runs
          .filter((r) => r.record_type === type)
          .map((r) => [r.file_name, r.status, r.messages, r.rows_read, r.rows_rejected]);
      assert.deepEqual(
        pick('JW301'),
        [[null, 'committed', 3, 6, 0]],
        'three messages (two allocations each), one line',
      );
      assert.deepEqual(
        pick('JW323'),
        [['d-JW323.xml', 'committed', 1, 5, 1]],
        'a line refused on its own: the message stays visible',
      );
      assert.deepEqual(pick('JW315'), [['e-JW315.xml', 'rejected', 1, 0, 1]]);
      assert.ok(
        runs.some((r) => r.file_name === 'trajecten.csv' && r.messages === 1),
        'files stay one per line',
      );
    });
  });
