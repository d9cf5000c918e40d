/**
 * `zicht cbs fetch` against a small OData v3 server run by the test: 25,000 rows force paging past
 * the 10,000-row limit (by $skip, and by odata.nextLink for one dimension), a 503 on one page is
 * retried, and the mirror written imports like every other. A table CBS does not have writes nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import { tempDir } from '../../testing/fixtures.js';
import { CbsFetchError, fetchCbsTable } from './fetch.js';
import { importCbsTable } from './mirror.js';

const REGIONS = Array.from({ length: 2500 }, (_, i) => ({
  Key: `GM${String(i + 1).padStart(4, '0')}  `,
  Title: `Gemeente ${i + 1}`,
}));
const PERIODS = Array.from({ length: 10 }, (_, i) => ({
  Key: `${2015 + i}JJ00`,
  Title: `${2015 + i}${i === 9 ? '*' : ''}`,
}));
const ROWS = REGIONS.flatMap((r, i) =>
  PERIODS.map((p, j) => ({ ID: i * 10 + j, RegioS: r.Key, Perioden: p.Key, Inwoners_1: 1000 + i + j })),
);

describe('zicht cbs fetch', () => {
  let server: Server;
  let base = '';
  const seen: string[] = [];
  let failOnce = true;
  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      seen.push(`${url.pathname}${url.search}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const [, , , table, set] = url.pathname.split('/'); // /ODataApi/odata/<table>/<set>
      if (table !== '99999TST') return send(404, { 'odata.error': { message: 'not found' } });
      const top = Math.min(10_000, Number(url.searchParams.get('$top') ?? 10_000));
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const meta = { 'odata.metadata': `${base}/99999TST/$metadata#Cbs.OData.WebAPI.${set}` };
      if (set === 'DataProperties')
        return send(200, {
          ...meta,
          value: [
            { ID: 0, Type: 'GeoDimension', Key: 'RegioS', Title: "Regio's" },
            { ID: 1, Type: 'TimeDimension', Key: 'Perioden', Title: 'Perioden' },
            { ID: 2, Type: 'Topic', Key: 'Inwoners_1', Title: 'Inwoners', Unit: 'aantal' },
          ],
        });
      if (set === 'RegioS') {
        // this set pages by nextLink, as the CBS server sometimes does
        const page = REGIONS.slice(skip, skip + 1000);
        return send(200, {
          ...meta,
          value: page,
          ...(skip + 1000 < REGIONS.length
            ? { 'odata.nextLink': `${base}/99999TST/RegioS?$format=json&$skip=${skip + 1000}` }
            : {}),
        });
      }
      if (set === 'Perioden') return send(200, { ...meta, value: PERIODS });
      if (set === 'TypedDataSet') {
        if (skip === 10_000 && failOnce) {
          failOnce = false;
          return send(503, { error: 'busy' });
        }
        return send(200, { ...meta, value: ROWS.slice(skip, skip + top) });
      }
      send(404, {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ODataApi/odata`;
  });
  after(() => server.close());

  it('pages past the 10,000-row limit, retries a busy page, and writes a mirror that imports', async () => {
    const dir = tempDir('zicht-cbsfetch-');
    const progress: number[] = [];
    const r = await fetchCbsTable('99999TST', join(dir, 'spiegel'), {
      baseUrl: base,
      backoffMs: 5,
      onProgress: (p) => {
        if (p.entitySet === 'TypedDataSet') progress.push(p.rows);
      },
    });
    assert.deepEqual([r.rows, r.dimensions], [25_000, ['RegioS', 'Perioden']]);
    assert.deepEqual(progress, [10_000, 20_000, 25_000], 'progress per page');
    assert.equal(
      seen.filter((s) => s.includes('TypedDataSet') && s.includes('$skip=10000')).length,
      2,
      'the busy page was asked twice',
    );
    assert.ok(
      seen.some((s) => s.includes('RegioS') && s.includes('$skip=2000')),
      'followed odata.nextLink',
    );
    assert.deepEqual(readdirSync(r.dir).sort(), [
      'DataProperties.json',
      'Perioden.json',
      'RegioS.json',
      'TypedDataSet.json',
    ]);
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    const report = await importCbsTable(store, dir, r.dir);
    assert.deepEqual(
      [report.status, report.rowsRead],
      ['committed', 25_000],
      JSON.stringify(report.problems.slice(0, 2)),
    );
    const [x] = await store.query<{ value: number; status: string }>(
      "SELECT value::int AS value, status FROM cbs_observation WHERE region_key = 'GM0001' AND period_key = '2024JJ00'",
    );
    assert.deepEqual(x, { value: 1009, status: 'voorlopig' }, 'padded keys trimmed, the starred period preliminary');
    await store.close();
  });

  it('says clearly when CBS does not have the table, and leaves nothing behind', async () => {
    const dir = tempDir('zicht-cbsfetch-');
    await assert.rejects(
      fetchCbsTable('00000XXX', join(dir, 'spiegel'), { baseUrl: base }),
      (e: Error) => e instanceof CbsFetchError && /tabel 00000XXX bestaat niet bij CBS/.test((e as CbsFetchError).nl),
    );
    assert.equal(existsSync(join(dir, 'spiegel', '00000XXX')), false);
    await assert.rejects(
      fetchCbsTable('../etc', join(dir, 'spiegel'), { baseUrl: base }),
      /geen CBS-tabelnummer|not a CBS table id/,
    );
  });
});
