/**
 * A write with the session cookie that a browser says comes from another origin is refused (red team 15 F2): the
 * SameSite=Strict cookie keeps other sites out, not another port or a sibling host of the same site, and a multipart
 * upload needs no CORS preflight. Over real HTTP, for every write route in Fastify's own route table: sent as a page on
 * another origin would send it (Origin, Sec-Fetch-Site), the answer is 403 `geen_toegang` before the route runs; the
 * same request from Zicht's own origin, or from a client that says nothing (curl, a script), reaches the route.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, listenLoopback, serverFixture, type ServerFixture } from '../testing/server.js';
import { API_PREFIX } from './apiSchema.js';

const FOREIGN: ReadonlyArray<{ name: string; headers: (own: string) => Record<string, string> }> = [
  { name: 'Origin of another site', headers: () => ({ origin: 'http://evil.example' }) },
  // same site, other port: SameSite=Strict sends the cookie
  { name: 'Origin on another port', headers: (own) => ({ origin: own.replace(/:(\d+)$/, ':1') }) },
  { name: 'Origin null (sandboxed frame)', headers: () => ({ origin: 'null' }) },
  { name: 'Sec-Fetch-Site cross-site', headers: () => ({ 'sec-fetch-site': 'cross-site' }) },
  { name: 'Sec-Fetch-Site same-site', headers: () => ({ 'sec-fetch-site': 'same-site' }) },
  // a browser sends both: either one saying "elsewhere" is enough
  {
    name: 'own Origin but Sec-Fetch-Site same-site',
    headers: (own) => ({ origin: own, 'sec-fetch-site': 'same-site' }),
  },
  // red team 16 F3
  {
    name: 'Sec-Fetch-Site none with a foreign Origin',
    headers: () => ({ origin: 'http://evil.example', 'sec-fetch-site': 'none' }),
  },
  {
    name: 'Sec-Fetch-Site same-origin with Origin null',
    headers: () => ({ origin: 'null', 'sec-fetch-site': 'same-origin' }),
  },
];

onOneBackend('writes from another origin refused over real HTTP', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  let cookie: string;

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    base = await listenLoopback(f);
    cookie = await login(f, 'beheerder');
  });
  after(async () => {
    await f.close();
    await db.drop();
  });

  const writes = () =>
    f.routeTable.filter(
      (r) =>
        r.url.startsWith(`${API_PREFIX}/`) &&
        !['GET', 'HEAD', 'OPTIONS'].includes(r.method) &&
        r.url !== `${API_PREFIX}/login`,
    );

  async function send(method: string, url: string, headers: Record<string, string>) {
    const res = await fetch(`${base}${url.replace(/:([A-Za-z_]+)/g, 'x')}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', ...headers },
      body: '{}',
    });
    return { status: res.status, text: await res.text() };
  }

  it('every write route refuses a request a browser marks as coming from elsewhere, before the route runs', async () => {
    const routes = writes();
    assert.ok(routes.length >= 12, `write routes from the route table: ${routes.length}`);
    const wrong: string[] = [];
    for (const r of routes)
      for (const foreign of FOREIGN) {
        const a = await send(r.method, r.url, foreign.headers(base));
        if (a.status !== 403 || !a.text.includes('andere website'))
          wrong.push(`${r.method} ${r.url} (${foreign.name}): ${a.status} ${a.text.slice(0, 120)}`);
      }
    assert.deepEqual(wrong, []);
  });

  it('the same requests from Zicht itself or from a client that says nothing reach the route', async () => {
    const wrong: string[] = [];
    for (const r of writes())
      for (const headers of [{ origin: base }, { 'sec-fetch-site': 'same-origin' }, {}] as Record<string, string>[]) {
        const a = await send(r.method, r.url, headers);
        if (a.text.includes('andere website')) wrong.push(`${r.method} ${r.url} ${JSON.stringify(headers)}`);
      }
    assert.deepEqual(wrong, []);
  });

  it('a file upload from another site is refused and nothing is imported', async () => {
    const count = async () => (await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM import_run'))[0]!.n;
    const before = await count();
    const form = new FormData();
    form.append('bestand', new Blob(['gemeente;jaar\n9001;2024\n']), 'budget.csv');
    const res = await fetch(`${base}${API_PREFIX}/imports`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      body: form,
    });
    assert.equal(res.status, 403, await res.text());
    assert.equal(await count(), before);
  });

  it('a cross-site write is in the access log as refused', async () => {
    await send('POST', `${API_PREFIX}/narratives`, { origin: 'http://evil.example' });
    const rows = await db.store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE event = 'toegang_geweigerd' AND query LIKE '%andere herkomst%'",
    );
    assert.ok(rows[0]!.n >= 1);
  });
});
