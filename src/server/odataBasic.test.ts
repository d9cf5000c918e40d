/**
 * A service token as the password of Basic authentication on the OData feed (issue 17.3/17.4, docs/odata.md): the
 * way Power BI Desktop, the Power BI service's scheduled refresh and Excel send credentials ("Basis"). Over real HTTP
 * (a listening server, fetch): a valid token reads $metadata and an entity set with the same numbers as the same
 * token as Bearer; an unknown, expired or revoked token, base64 that is not, no colon, and a person's user name and
 * password are all 401 problem details with the Basic challenge, never 500; every use and refusal is in the access
 * log; Basic counts on the feed only, and the challenge is never sent where a browser of the web app would see it.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { PASSWORD, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { SESSION_COOKIE } from './auth/sessions.js';
import { BASIC_CHALLENGE } from './app.js';

const DAY = 86_400_000;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Got {
  status: number;
  type: string;
  challenge: string | null;
  body: string;
  json: Record<string, unknown> | null;
}

forEachBackend('OData feed with a service token via Basic', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base = '';
  let admin = '';
  const tokens: Record<string, string> = {};

  async function get(path: string, headers: Record<string, string> = {}): Promise<Got> {
    const res = await fetch(`${base}${path}`, { headers: { accept: 'application/json', ...headers } });
    const body = await res.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      json = null;
    }
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      challenge: res.headers.get('www-authenticate'),
      body,
      json,
    };
  }

  async function issue(name: string, role: string, key: string): Promise<string> {
    const res = await fetch(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        role,
        scopes: [{ kind: key.length === 4 ? 'gemeente' : 'regio', key }],
        expiresAt: new Date(f.clock.now.getTime() + 30 * DAY).toISOString(),
      }),
    });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return (JSON.parse(text) as { token: string }).token;
  }

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
    admin = await login(f, 'beheerder');
    tokens.dwh = await issue('powerbi-dwh', 'contractmanager', 'R');
    tokens.raad = await issue('powerbi-raad', 'bestuur', '9001');
    tokens.oud = await issue('powerbi-oud', 'bestuur', '9001');
    await f.ctx.store.query(
      "UPDATE service_token SET created_at = created_at - interval '40 days', expires_at = created_at - interval '10 days' WHERE name = 'powerbi-oud'",
    );
    tokens.weg = await issue('powerbi-weg', 'bestuur', '9001');
    const del = await fetch(`${base}/api/v1/tokens/powerbi-weg`, { method: 'DELETE', headers: { cookie: admin } });
    assert.equal(del.status, 200, await del.text());
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  const ROWS = `IndicatorRows?$filter=${encodeURIComponent("period in ('2024','2024H1') and split eq null")}`;

  it('a valid token as the Basic password reads $metadata, the service document and an entity set', async () => {
    const meta = await get('/api/v1/odata/$metadata', { authorization: basic('powerbi-dwh', tokens.dwh!) });
    assert.equal(meta.status, 200, meta.body);
    assert.match(meta.type, /^application\/xml/);
    assert.match(meta.body, /<EntitySet Name="IndicatorRows"/);
    // the user name may be anything (Power BI insists on one): only the password counts
    for (const user of ['powerbi-dwh', 'x', '', 'iemand anders']) {
      const doc = await get('/api/v1/odata/', { authorization: basic(user, tokens.dwh!) });
      assert.equal(doc.status, 200, `${user}: ${doc.body}`);
    }
    const rows = await get(`/api/v1/odata/${ROWS}`, { authorization: basic('powerbi-dwh', tokens.dwh!) });
    assert.equal(rows.status, 200, rows.body);
    assert.ok((rows.json!.value as unknown[]).length > 0);
  });

  it('the same numbers as the same token via Bearer, also under disclosure control (bestuur)', async () => {
    for (const [name, token] of [
      ['powerbi-dwh', tokens.dwh!],
      ['powerbi-raad', tokens.raad!],
    ] as const) {
      const viaBasic = await get(`/api/v1/odata/${ROWS}`, { authorization: basic(name, token) });
      const viaBearer = await get(`/api/v1/odata/${ROWS}`, { authorization: `Bearer ${token}` });
      assert.equal(viaBasic.status, 200, viaBasic.body);
      assert.equal(viaBearer.status, 200, viaBearer.body);
      assert.deepEqual(viaBasic.json, viaBearer.json, name);
      const values = viaBasic.json!.value as Array<{ gemeente: string; flags: string }>;
      if (name === 'powerbi-raad') {
        assert.ok(
          values.every((r) => r.gemeente === '9001'),
          'a gemeente-scoped token sees its gemeente only',
        );
        assert.ok(
          values.some((r) => /afgerond|onderdrukt/.test(r.flags)),
          'bestuur gets the published figures',
        );
      }
    }
  });

  it('every invalid Basic credential is 401 problem details with the Basic challenge, never 500', async () => {
    const noColon = `Basic ${Buffer.from(tokens.dwh!).toString('base64')}`;
    const cases: Record<string, string> = {
      wrong: basic('powerbi-dwh', `zicht_${'A'.repeat(43)}`),
      nearMiss: basic('powerbi-dwh', `${tokens.dwh!.slice(0, -1)}${tokens.dwh!.endsWith('A') ? 'B' : 'A'}`),
      expired: basic('powerbi-oud', tokens.oud!),
      revoked: basic('powerbi-weg', tokens.weg!),
      notBase64: 'Basic !!!niet-base64!!!',
      badPadding: `Basic ${Buffer.from(`x:${tokens.dwh}`).toString('base64').replace(/=+$/, '')}=`,
      notUtf8: `Basic ${Buffer.from([0x78, 0x3a, 0xff, 0xfe]).toString('base64')}`,
      noColon,
      emptyBasic: 'Basic ',
      person: basic('analist', PASSWORD),
      beheerder: basic('beheerder', PASSWORD),
      tokenAsUser: basic(tokens.dwh!, ''),
    };
    const bodies = new Set<string>();
    for (const [what, auth] of Object.entries(cases)) {
      for (const path of ['/api/v1/odata/$metadata', `/api/v1/odata/${ROWS}`]) {
        const a = await get(path, { authorization: auth });
        assert.equal(a.status, 401, `${what} ${path}: ${a.body}`);
        assert.match(a.type, /^application\/problem\+json/, what);
        assert.equal(a.json!.code, 'token_ongeldig', what);
        assert.equal(a.challenge, BASIC_CHALLENGE, what);
        bodies.add(String(a.json!.message));
      }
    }
    // one answer for all: the caller cannot tell an expired token from a person's password
    assert.equal(bodies.size, 1, [...bodies].join(' | '));
    assert.match([...bodies][0]!, /Basis/);
  });

  it('the access log has every use (via Basic) and every refusal with its reason, never the password', async () => {
    await get('/api/v1/odata/Gemeenten', { authorization: basic('powerbi-dwh', tokens.dwh!) });
    await get('/api/v1/odata/Gemeenten', { authorization: basic('analist', PASSWORD) });
    await get('/api/v1/odata/Gemeenten', { authorization: basic('powerbi-oud', tokens.oud!) });
    await get('/api/v1/odata/Gemeenten', { authorization: basic('powerbi-weg', tokens.weg!) });
    const log = await f.ctx.store.query<{ event: string; username: string | null; query: string; outcome: string }>(
      "SELECT event, username, query, outcome FROM audit_log WHERE query LIKE 'GET /api/v1/odata/Gemeenten%' ORDER BY seq",
    );
    assert.deepEqual(
      log.map((e) => [e.event, e.username, e.query]),
      [
        ['token_gebruikt', 'token:powerbi-dwh', 'GET /api/v1/odata/Gemeenten via Basic'],
        ['token_geweigerd', null, 'GET /api/v1/odata/Gemeenten via Basic (ongeldige_vorm)'],
        ['token_geweigerd', 'token:powerbi-oud', 'GET /api/v1/odata/Gemeenten via Basic (verlopen)'],
        ['token_geweigerd', 'token:powerbi-weg', 'GET /api/v1/odata/Gemeenten via Basic (ingetrokken)'],
      ],
    );
    const all = await f.ctx.store.query<{ t: string }>('SELECT row_to_json(a)::text AS t FROM audit_log a');
    assert.ok(!all.some((r) => r.t.includes(PASSWORD)), 'no password in the access log');
    assert.ok(!all.some((r) => r.t.includes(tokens.dwh!)), 'no token in the access log');
  });

  it('Basic counts on the OData feed only; Bearer keeps working everywhere', async () => {
    for (const path of ['/api/v1/me', '/api/v1/indicators/youth_in_care?period=2024', '/api/v1/overview']) {
      const a = await get(path, { authorization: basic('powerbi-dwh', tokens.dwh!) });
      assert.equal(a.status, 401, `${path}: ${a.body}`);
      assert.equal(a.json!.code, 'token_ongeldig', path);
      assert.notEqual(a.challenge, BASIC_CHALLENGE, `${path}: no Basic challenge outside the feed`);
      const b = await get(path, { authorization: `Bearer ${tokens.dwh}` });
      assert.equal(b.status, 200, `${path} via Bearer: ${b.body}`);
    }
  });

  it('the challenge: on the feed without a session cookie, never with one, never on the bare /odata path', async () => {
    const anonymous = await get('/api/v1/odata/');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.json!.code, 'niet_ingelogd');
    assert.equal(anonymous.challenge, BASIC_CHALLENGE);
    assert.equal((await get('/api/v1/odata/$metadata')).challenge, BASIC_CHALLENGE);
    // a browser of the web app (an expired session): its own log-in page, no browser dialog
    const stale = await get('/api/v1/odata/', { cookie: `${SESSION_COOKIE}=verlopen` });
    assert.equal(stale.status, 401);
    assert.equal(stale.challenge, null);
    // credentials kept for /api/v1/odata would be sent by a browser to all of /api/v1/ (RFC 7617 §2.2)
    const bare = await get('/api/v1/odata');
    assert.equal(bare.status, 401);
    assert.equal(bare.challenge, null);
    // the rest of the API: no Basic challenge
    for (const path of ['/api/v1/me', '/api/v1/overview', '/api/v1/indicators']) {
      const a = await get(path);
      assert.equal(a.status, 401, path);
      assert.equal(a.challenge, null, path);
    }
    // a session cookie works on the feed as before; cookie and Basic together are refused, as with Bearer
    const cookie = await login(f, 'contractmanager');
    assert.equal((await get('/api/v1/odata/', { cookie })).status, 200);
    const both = await get('/api/v1/odata/', { cookie, authorization: basic('powerbi-dwh', tokens.dwh!) });
    assert.equal(both.status, 401);
    assert.equal(both.challenge?.startsWith('Basic'), false);
  });
});
