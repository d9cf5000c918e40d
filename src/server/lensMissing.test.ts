/**
 * A lens that is missing, or older than this version (a table it should have is not there), is answered with 503
 * problem details and Retry-After, never 500 (lens/lens.ts LensMissingError, mapped in server/app.ts): the figures
 * are being (re)built, the server is not broken. Requests go through the whole app (Fastify inject) against a
 * server whose lens file lost a table, then lost the whole file; every GET route of the API is asked, and each one
 * that answers 503 documents it (the fixture's response check fails the file otherwise). A rebuilt lens answers again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { lensPath, rebuildLens } from '../lens/build.js';
import { API_PREFIX } from './apiSchema.js';
import { LENS_RETRY_AFTER_S } from './app.js';

interface Spec {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Array<{ in: string; name: string; required?: boolean }>; responses: Record<string, unknown> }
    >
  >;
}
const PARAM_VALUES: Record<string, string> = {
  username: 'bestuur',
  id: 'youth_in_care',
  kind: 'maand',
  gemeente: '9001',
  traject: 'T0',
  name: 'rapport',
  period: '2024',
  aanbieder: '11111111',
};
const QUERY_VALUES: Record<string, string> = { period: '2024', gemeente: '9001', format: 'json' };

describe('a missing or stale lens: 503 with Retry-After, never 500', () => {
  let db: TestDb;
  let f: ServerFixture;
  let cookie = '';

  before(async () => {
    db = await freshStore('pglite');
    f = await serverFixture(db.store);
    cookie = await login(f, 'analist');
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  const get = (url: string) => f.app.inject({ method: 'GET', url, headers: { cookie } });

  /** Takes a table out of the lens file, as a lens built by an older version would lack it. */
  async function dropFromLens(table: string): Promise<void> {
    f.ctx.lens.close();
    const instance = await DuckDBInstance.create(lensPath(f.dataDir));
    const con = await instance.connect();
    await con.run(`DROP TABLE ${table}`);
    con.closeSync();
    instance.closeSync();
    await f.ctx.lens.reload(); // what an import or `zicht lens` beside the server does; drops the cached figures
  }

  function assertNotReady(res: Awaited<ReturnType<typeof get>>, what: string): void {
    assert.equal(res.statusCode, 503, `${what}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, what);
    assert.equal(res.headers['retry-after'], String(LENS_RETRY_AFTER_S), what);
    const p = res.json<{ code: string; message: string; messageEn: string; status: number; detail: string }>();
    assert.equal(p.code, 'lens_niet_klaar', what);
    assert.equal(p.status, 503, what);
    assert.match(p.message, /^De cijfers worden opnieuw opgebouwd; probeer het over een minuut opnieuw/, what);
    assert.ok(!p.message.includes(f.dataDir) && !p.messageEn.includes(f.dataDir), `${what}: no server path told`);
  }

  it('a report as of its period end, on a lens without the table that needs: 503', async () => {
    const url = `${API_PREFIX}/reports/maand?gemeente=9001&period=2024-06&format=json`;
    assert.equal((await get(url)).statusCode, 200, 'the report works on a complete lens');
    await dropFromLens('claim_answer');
    assertNotReady(await get(url), 'as-of report');
    // the figures that do not need the table still come
    assert.equal((await get(`${API_PREFIX}/indicators/youth_in_care?period=2024`)).statusCode, 200);
  });

  it('an indicator whose table is gone from the lens (a query, not the as-of check): 503', async () => {
    await dropFromLens('traj');
    assertNotReady(await get(`${API_PREFIX}/indicators/youth_in_care?period=2024`), 'indicator');
    assertNotReady(await get(`${API_PREFIX}/odata/IndicatorRows?$filter=period eq '2024'`), 'OData');
  });

  it('no lens file at all: every GET route that reads the lens answers 503 and documents it, none 500', async () => {
    f.ctx.lens.close();
    rmSync(lensPath(f.dataDir));
    await assert.rejects(f.ctx.lens.reload());
    const spec = (await get(`${API_PREFIX}/openapi.json`)).json<Spec>();
    const notReady: string[] = [];
    for (const r of f.routeTable) {
      if (r.method !== 'GET' || !r.url.startsWith(`${API_PREFIX}/`) || r.url.includes('*')) continue;
      const key = r.url.slice(API_PREFIX.length).replace(/:([A-Za-z_]+)/g, '{$1}');
      const params = spec.paths[key]?.get?.parameters ?? [];
      const qs = params
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => `${p.name}=${QUERY_VALUES[p.name] ?? 'x'}`)
        .join('&');
      const url = `${r.url.replace(/:([A-Za-z_]+)/g, (_m, n: string) => PARAM_VALUES[n] ?? 'x')}${qs ? `?${qs}` : ''}`;
      const res = await get(url);
      assert.notEqual(res.statusCode, 500, `${url}: ${res.body}`);
      if (res.statusCode === 503) {
        assertNotReady(res, url);
        notReady.push(r.url);
        // documented where the route is described (hidden OData routes: in their declared answers)
        if (spec.paths[key]) assert.ok(spec.paths[key].get?.responses['503'], `${key}: 503 in the OpenAPI document`);
      }
    }
    for (const must of ['/overview', '/indicators/:id', '/periods', '/reports/:kind', '/odata/IndicatorRows'])
      assert.ok(notReady.includes(`${API_PREFIX}${must}`), `${must} answers 503 (got: ${notReady.join(', ')})`);
    // the rest of the API works without a lens: log-in state, accounts, health says so
    const health = await get(`${API_PREFIX}/health`);
    assert.equal(health.statusCode, 200);
    assert.equal(health.json<{ lens: string }>().lens, 'ontbreekt');
    assert.equal((await get(`${API_PREFIX}/me`)).statusCode, 200);
  });

  it('once the lens is built again, the same requests answer', async () => {
    await rebuildLens(db.store, f.dataDir);
    await f.ctx.lens.reload();
    for (const url of [
      `${API_PREFIX}/overview`,
      `${API_PREFIX}/indicators/youth_in_care?period=2024`,
      `${API_PREFIX}/reports/maand?gemeente=9001&period=2024-06&format=json`,
    ])
      assert.equal((await get(url)).statusCode, 200, url);
  });
});
