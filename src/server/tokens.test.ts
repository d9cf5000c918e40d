/**
 * Service tokens (issue 17.4) attacked from outside, over real HTTP against the Fastify app on both truth
 * stores: issuing (beheerder only, expiry required and at most a year, person-level roles only with an
 * explicit logged decision), stored hashed and shown once, expiry and revocation, scope and row-level
 * security, every use in the access log, odd Authorization spellings, cookie and bearer together, no
 * log-in and no token-making with a token, one 401 for every invalid token. Then a sweep over Fastify's own
 * route table: a token of each role gets exactly what a session of that role and scope gets, except the
 * routes no token may use (public ones, and those needing `users`: access.ts NOT_BY_TOKEN).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { ACCOUNT_SPECS, PASSWORD, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { NOT_BY_TOKEN, mfaRequired, type Action, type Role } from '../app/access.js';
import { TOKEN_PATTERN } from '../app/auth/serviceTokens.js';
import { SESSION_COOKIE } from './auth/sessions.js';
import type { RouteEntry } from './app.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const DAY = 86_400_000;

interface Req {
  method?: string;
  path: string;
  cookie?: string | undefined;
  /** one Authorization header, or several (sent as separate header lines) */
  auth?: string | string[] | undefined;
  json?: unknown;
  raw?: string | undefined;
}

function send(port: number, r: Req): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: r.method ?? 'GET', path: r.path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          // every problem answer has its own instance id (RFC 9457); the comparisons below are about the content
          body: Buffer.concat(chunks)
            .toString('utf8')
            .replace(/"instance":"urn:uuid:[0-9a-f-]{36}"/g, '"instance":"urn:uuid:…"'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setHeader('accept', 'application/json');
    if (r.cookie) req.setHeader('cookie', r.cookie);
    if (r.auth !== undefined) req.setHeader('authorization', r.auth);
    const body = r.json !== undefined ? JSON.stringify(r.json) : r.raw;
    if (body !== undefined) {
      req.setHeader('content-type', 'application/json');
      req.setHeader('content-length', String(Buffer.byteLength(body)));
      req.write(body);
    }
    req.end();
  });
}

const errorCode = (a: Answer): string | undefined => {
  try {
    return (JSON.parse(a.body) as { code?: string }).code;
  } catch {
    return undefined;
  }
};

/** Plausible path-parameter values (ids of the fixture), as the attack test uses. */
const PARAM_VALUES: Record<string, string> = {
  username: 'bestuur',
  id: 'youth_in_care',
  kind: 'maand',
  gemeente: '9001',
  traject: 'T0',
  name: 'rapport',
  period: '2024',
  '*': 'index.html',
};
const QUERY_VALUES: Record<string, string> = { period: '2024', gemeente: '9001', format: 'json' };

interface ApiSpec {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean }> }>>;
}

function urlOf(route: RouteEntry, spec: ApiSpec): string {
  const path = route.url
    .replace(/:([A-Za-z_]+)/g, (_m, n: string) => PARAM_VALUES[n] ?? 'x')
    .replace(/\*$/, PARAM_VALUES['*']!);
  const params = spec.paths[route.url.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[route.method.toLowerCase()]?.parameters;
  const qs = (params ?? [])
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${QUERY_VALUES[p.name] ?? 'x'}`)
    .join('&');
  return `${path}${qs ? `?${qs}` : ''}`;
}

forEachBackend('service tokens over real HTTP', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let port = 0;
  let admin = '';
  let n = 0;
  /** handler runs, told by the app (AppOptions.onHandler); reset before a request, read after it */
  let handled: string[] = [];
  const call = (r: Req) => send(port, r);

  const newName = (base: string) => `${base}-${++n}`;
  /** A log-in with a TOTP code of a step not used yet (a code works once): the test clock moves 31 s first. */
  const freshLogin = (username: string) => {
    f.clock.now = new Date(f.clock.now.getTime() + 31_000);
    return login(f, username);
  };
  const expiry = (days: number) => new Date(f.clock.now.getTime() + days * DAY).toISOString();

  async function issue(body: Record<string, unknown>): Promise<{ name: string; token: string }> {
    const role = body.role as Role;
    const full = {
      expiresAt: expiry(30),
      ...(mfaRequired(role) ? { personLevelData: true, reason: 'test: nachtelijke koppeling' } : {}),
      ...body,
    };
    const a = await call({ method: 'POST', path: '/api/v1/tokens', cookie: admin, json: full });
    assert.equal(a.status, 201, a.body);
    const j = JSON.parse(a.body) as { name: string; token: string };
    return j;
  }

  async function auditOf(username: string) {
    return f.ctx.store.query<{ event: string; query: string | null; outcome: string; purpose: string | null }>(
      'SELECT event, query, outcome, purpose FROM audit_log WHERE username = $1 ORDER BY seq',
      [username],
    );
  }

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store, { onHandler: (r) => handled.push(`${r.method} ${r.url}`) });
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    port = (f.app.server.address() as AddressInfo).port;
    admin = await login(f, 'beheerder');
  });
  after(async () => {
    agent.destroy();
    await f?.close();
    await db?.drop();
  });

  it('a beheerder issues a token that is shown once and stored only as its SHA-256', async () => {
    const { name, token } = await issue({
      name: 'dwh-pull',
      role: 'controller',
      scopes: [{ kind: 'gemeente', key: '9001' }],
    });
    assert.match(token, TOKEN_PATTERN);
    const dump = await f.ctx.store.query<{ t: string }>('SELECT row_to_json(s)::text AS t FROM service_token s');
    assert.ok(!dump.some((r) => r.t.includes(token)), 'the secret is not in the table');
    assert.ok(!dump.some((r) => r.t.includes(token.slice(6))), 'nor its random part');
    const list = await call({ path: '/api/v1/tokens', cookie: admin });
    assert.equal(list.status, 200);
    assert.ok(list.body.includes(name) && !list.body.includes(token) && !list.body.includes('token_hash'));
    const made = await auditOf('beheerder');
    assert.ok(made.some((e) => e.event === 'token_aangemaakt' && e.query?.includes(`token ${name} rol controller`)));
  });

  it('the token table is closed to zicht_app, the role user-facing reads run as (like app_user)', async () => {
    await assert.rejects(
      f.ctx.store.transaction(async (tx) => {
        await tx.exec('SET LOCAL ROLE zicht_app');
        await tx.query('SELECT token_hash FROM service_token');
      }),
      /permission denied/,
    );
  });

  it('only a beheerder with a session issues, lists or revokes tokens', async () => {
    for (const who of ['analist', 'controller', 'bestuur', 'aanbieder1']) {
      const cookie = await freshLogin(who);
      for (const r of [
        { method: 'GET', path: '/api/v1/tokens' },
        { method: 'POST', path: '/api/v1/tokens', json: { name: 'x-y-z', role: 'bestuur', scopes: [], expiresAt: '' } },
        { method: 'DELETE', path: '/api/v1/tokens/dwh-pull' },
      ])
        assert.equal((await call({ ...r, cookie })).status, 403, `${who} ${r.method} ${r.path}`);
    }
    assert.equal((await call({ path: '/api/v1/tokens' })).status, 401);
  });

  it('an expiry is required, in the future and at most a year away', async () => {
    const base = { role: 'bestuur', scopes: [{ kind: 'gemeente', key: '9001' }] };
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ ...base, name: 'no-expiry' }, 400],
      [{ ...base, name: 'past', expiresAt: expiry(-1) }, 400],
      [{ ...base, name: 'too-long', expiresAt: expiry(366) }, 400],
      [{ ...base, name: 'nonsense', expiresAt: 'morgen' }, 400],
      // a day that does not exist (the 31st of a month of 30 days) is refused, not moved to the 1st (red team 33)
      [{ ...base, name: 'no-such-day', expiresAt: noSuchDay() }, 400],
      [{ ...base, name: 'Bad Name!', expiresAt: expiry(10) }, 400],
      [{ ...base, name: 'wrong-scope', scopes: [{ kind: 'aanbieder', key: '11111111' }], expiresAt: expiry(10) }, 400],
      [{ ...base, name: 'unknown-gemeente', scopes: [{ kind: 'gemeente', key: '9999' }], expiresAt: expiry(10) }, 400],
    ];
    for (const [body, status] of cases) {
      const a = await call({ method: 'POST', path: '/api/v1/tokens', cookie: admin, json: body });
      assert.equal(a.status, status, `${JSON.stringify(body)}: ${a.body}`);
      const e = JSON.parse(a.body) as { code: string; message: string; messageEn: string };
      assert.ok(['ongeldig_token', 'ongeldige_invoer'].includes(e.code), a.body);
      assert.ok(e.message && e.messageEn, 'Dutch and English text');
    }
    await issue({ ...base, name: 'one-year', expiresAt: expiry(365) });
  });

  it('a role with person-level data gets a token only by an explicit decision with a reason, which is logged', async () => {
    for (const role of ['analist', 'teammanager', 'aanbieder', 'beheerder'] as const) {
      const scopes = {
        analist: [{ kind: 'gemeente', key: '9001' }],
        teammanager: [{ kind: 'team', key: '9001/Noord' }],
        aanbieder: [{ kind: 'aanbieder', key: '11111111' }],
        beheerder: [{ kind: 'regio', key: 'R' }],
      }[role];
      const body = { name: newName(`pl-${role}`), role, scopes, expiresAt: expiry(30) };
      const refused = await call({ method: 'POST', path: '/api/v1/tokens', cookie: admin, json: body });
      assert.equal(refused.status, 400, refused.body);
      assert.equal(errorCode(refused), 'ongeldig_token');
      assert.match(refused.body, /persoonsgegevens/);
      assert.match(refused.body, /person-level data/);
      const noReason = await call({
        method: 'POST',
        path: '/api/v1/tokens',
        cookie: admin,
        json: { ...body, personLevelData: true },
      });
      assert.equal(noReason.status, 400, noReason.body);
      const reason = `nachtelijke export ${role} naar het datawarehouse`;
      const ok = await call({
        method: 'POST',
        path: '/api/v1/tokens',
        cookie: admin,
        json: { ...body, personLevelData: true, reason },
      });
      assert.equal(ok.status, 201, ok.body);
      const logged = (await auditOf('beheerder')).find(
        (e) => e.event === 'token_aangemaakt' && e.query?.includes(`token ${body.name} `),
      );
      assert.ok(logged, 'issuing is in the access log');
      assert.equal(logged.purpose, reason);
      assert.match(logged.query!, /persoonsgegevens: ja/);
    }
  });

  it('a token works as Authorization: Bearer, and every use is in the access log under its name', async () => {
    const { name, token } = await issue({
      name: 'gebruik',
      role: 'controller',
      scopes: [{ kind: 'gemeente', key: '9001' }],
    });
    for (let i = 0; i < 3; i++) {
      const me = await call({ path: '/api/v1/me', auth: `Bearer ${token}` });
      assert.equal(me.status, 200, me.body);
      const j = JSON.parse(me.body) as { username: string; role: string };
      assert.equal(j.username, `token:${name}`);
      assert.equal(j.role, 'controller');
      assert.equal(me.headers['set-cookie'], undefined, 'a token never gets a cookie');
    }
    const ind = await call({ path: '/api/v1/indicators/youth_in_care?period=2024', auth: `Bearer ${token}` });
    assert.ok([200, 404].includes(ind.status), ind.body);
    const log = await auditOf(`token:${name}`);
    const uses = log.filter((e) => e.event === 'token_gebruikt');
    assert.equal(uses.length, 4);
    assert.deepEqual(
      uses.map((e) => e.query),
      ['GET /api/v1/me', 'GET /api/v1/me', 'GET /api/v1/me', 'GET /api/v1/indicators/:id'],
    );
  });

  it('a state-changing route works with a token alone (no cookie, so no CSRF exposure), under the name of the token', async () => {
    const { name, token } = await issue({
      name: 'duiding',
      role: 'controller',
      scopes: [{ kind: 'gemeente', key: '9001' }],
    });
    const note = {
      indicator: 'youth_in_care',
      gemeente: '9001',
      period: '2024',
      body: 'Uit het datawarehouse.',
      visibility: 'intern',
    };
    const a = await call({ method: 'POST', path: '/api/v1/narratives', auth: `Bearer ${token}`, json: note });
    assert.equal(a.status, 201, a.body);
    const [row] = await f.ctx.store.query<{ author: string }>(
      "SELECT author FROM narrative WHERE body = 'Uit het datawarehouse.'",
    );
    assert.equal(row?.author, `token ${name}`, 'the display name of the token');
    assert.ok(
      (await auditOf(`token:${name}`)).some((e) => e.event === 'duiding_toegevoegd'),
      'logged under its name',
    );
    // outside its scope it is refused as a session of its role would be
    const other = await call({
      method: 'POST',
      path: '/api/v1/narratives',
      auth: `Bearer ${token}`,
      json: { ...note, gemeente: '9002' },
    });
    assert.equal(other.status, 403, other.body);
  });

  it('expiry is enforced by the clock: the same token is refused once its time is up, and that is logged', async () => {
    const { name, token } = await issue({
      name: 'kort',
      role: 'bestuur',
      scopes: [{ kind: 'gemeente', key: '9001' }],
      expiresAt: expiry(2),
    });
    assert.equal((await call({ path: '/api/v1/me', auth: `Bearer ${token}` })).status, 200);
    const real = f.clock.now;
    try {
      f.clock.now = new Date(real.getTime() + 2 * DAY + 1000);
      const a = await call({ path: '/api/v1/me', auth: `Bearer ${token}` });
      assert.equal(a.status, 401);
      assert.equal(errorCode(a), 'token_ongeldig');
      assert.match(String(a.headers['www-authenticate']), /^Bearer .*invalid_token/);
    } finally {
      f.clock.now = real;
    }
    const refused = (await auditOf(`token:${name}`)).filter((e) => e.event === 'token_geweigerd');
    assert.equal(refused.length, 1);
    assert.equal(refused[0]!.query, 'GET /api/v1/me (verlopen)');
  });

  it('revocation works at once; an unknown name gives 404', async () => {
    const { name, token } = await issue({
      name: 'intrekken',
      role: 'bestuur',
      scopes: [{ kind: 'gemeente', key: '9001' }],
    });
    assert.equal((await call({ path: '/api/v1/me', auth: `Bearer ${token}` })).status, 200);
    const del = await call({ method: 'DELETE', path: `/api/v1/tokens/${name}`, cookie: admin });
    assert.equal(del.status, 200, del.body);
    const a = await call({ path: '/api/v1/me', auth: `Bearer ${token}` });
    assert.equal(a.status, 401);
    assert.equal(errorCode(a), 'token_ongeldig');
    assert.ok((await auditOf(`token:${name}`)).some((e) => e.query === 'GET /api/v1/me (ingetrokken)'));
    assert.ok((await auditOf('beheerder')).some((e) => e.event === 'token_ingetrokken' && e.query === `token ${name}`));
    const list = JSON.parse((await call({ path: '/api/v1/tokens', cookie: admin })).body) as {
      tokens: Array<{ name: string; status: string }>;
    };
    assert.equal(list.tokens.find((t) => t.name === name)?.status, 'ingetrokken');
    assert.equal((await call({ method: 'DELETE', path: '/api/v1/tokens/bestaat-niet', cookie: admin })).status, 404);
    // a revoked name is not reused
    const again = await call({
      method: 'POST',
      path: '/api/v1/tokens',
      cookie: admin,
      json: { name, role: 'bestuur', scopes: [{ kind: 'gemeente', key: '9001' }], expiresAt: expiry(5) },
    });
    assert.equal(again.status, 409, again.body);
  });

  it('scope holds: a token for gemeente 9001 sees nothing of 9002, also through row-level security', async () => {
    const { token } = await issue({ name: 'scope-9001', role: 'analist', scopes: [{ kind: 'gemeente', key: '9001' }] });
    const auth = `Bearer ${token}`;
    const all = await call({ path: '/api/v1/trajecten', auth });
    assert.equal(all.status, 200, all.body);
    const rows = JSON.parse(all.body) as unknown;
    const text = JSON.stringify(rows);
    assert.ok(text.includes('"9001"') && !text.includes('9002'), 'only 9001 rows');
    const other = await call({ path: '/api/v1/trajecten?gemeente=9002', auth });
    assert.ok([403, 404].includes(other.status) || !other.body.includes('9002'), other.body);
    const ind = await call({ path: '/api/v1/indicators/youth_in_care?period=2024&gemeente=9002', auth });
    assert.ok(ind.status >= 400 || !ind.body.includes('"9002"'), ind.body);
    // the same answers as a session of the same role and scope
    const session = await freshLogin('analist9001');
    for (const path of [
      '/api/v1/trajecten',
      '/api/v1/trajecten?gemeente=9002',
      '/api/v1/indicators/youth_in_care?period=2024',
    ]) {
      const s = await call({ path, cookie: session });
      const t = await call({ path, auth });
      assert.equal(t.status, s.status, path);
      assert.equal(t.body, s.body, path);
    }
  });

  it('one 401 for unknown, malformed, expired and revoked tokens, with the same timing', async () => {
    const revoked = await issue({
      name: 'tijd-ingetrokken',
      role: 'bestuur',
      scopes: [{ kind: 'gemeente', key: '9001' }],
    });
    await call({ method: 'DELETE', path: `/api/v1/tokens/${revoked.name}`, cookie: admin });
    const expired = await issue({
      name: 'tijd-verlopen',
      role: 'bestuur',
      scopes: [{ kind: 'gemeente', key: '9001' }],
    });
    await f.ctx.store.query(
      "UPDATE service_token SET created_at = created_at - interval '40 days', expires_at = created_at - interval '10 days' WHERE name = $1",
      [expired.name],
    );
    const flip = (t: string) => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`;
    const kinds: Record<string, string> = {
      unknown: `Bearer zicht_${'A'.repeat(43)}`,
      nearMiss: `Bearer ${flip(revoked.token)}`,
      malformed: 'Bearer zicht_te_kort',
      basic: 'Basic YWRtaW46YWRtaW4=',
      revoked: `Bearer ${revoked.token}`,
      expired: `Bearer ${expired.token}`,
    };
    const times = new Map<string, number[]>(Object.keys(kinds).map((k) => [k, []]));
    const bodies = new Set<string>();
    for (let round = 0; round < 25; round++) {
      for (const [k, auth] of Object.entries(kinds)) {
        const t0 = process.hrtime.bigint();
        const a = await call({ path: '/api/v1/overview', auth });
        times.get(k)!.push(Number(process.hrtime.bigint() - t0) / 1e6);
        assert.equal(a.status, 401, `${k}: ${a.body}`);
        bodies.add(a.body);
      }
    }
    assert.equal(bodies.size, 1, `one answer for all: ${[...bodies].join(' | ')}`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const base = median(times.get('unknown')!);
    for (const [k, xs] of times) {
      // loose on purpose (a shared test machine): the same path costs the same, a shortcut would cost far less
      assert.ok(
        Math.abs(median(xs) - base) < Math.max(10, base),
        `${k}: median ${median(xs)} ms vs unknown ${base} ms`,
      );
    }
    // the access log tells them apart; the caller cannot
    const refusals = await f.ctx.store.query<{ query: string }>(
      "SELECT query FROM audit_log WHERE event = 'token_geweigerd' AND query LIKE 'GET /api/v1/overview%'",
    );
    for (const reason of ['onbekend', 'ongeldige_vorm', 'ingetrokken', 'verlopen'])
      assert.ok(
        refusals.some((r) => r.query.endsWith(`(${reason})`)),
        reason,
      );
  });

  it('odd spellings: case-insensitive scheme and spaces per RFC 9110 work; anything else is 401, never anonymous', async () => {
    const { token } = await issue({ name: 'spelling', role: 'bestuur', scopes: [{ kind: 'gemeente', key: '9001' }] });
    const works = [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer   ${token}`, `  Bearer ${token}  `];
    for (const auth of works)
      assert.equal((await call({ path: '/api/v1/me', auth })).status, 200, JSON.stringify(auth));
    const refused = [
      `Bearer\t${token}`,
      `Bearer${token}`,
      `Bearer ${token} extra`,
      `Bearer ${token},`,
      `Bearer "${token}"`,
      `Token ${token}`,
      `Basic ${Buffer.from(`x:${token}`).toString('base64')}`,
      token,
      'Bearer',
      'Bearer ',
      '',
      `Bearer ${token.toUpperCase()}`,
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
    ];
    for (const auth of refused) {
      const a = await call({ path: '/api/v1/me', auth });
      assert.equal(a.status, 401, JSON.stringify(auth));
      assert.equal(errorCode(a), 'token_ongeldig', JSON.stringify(auth));
    }
    // two Authorization headers (Node would keep only the first): refused, even when both are the valid token
    for (const pair of [
      [`Bearer ${token}`, `Bearer ${token}`],
      [`Bearer ${token}`, 'Bearer zicht_x'],
      ['Basic eDp5', `Bearer ${token}`],
    ]) {
      const a = await call({ path: '/api/v1/me', auth: pair });
      assert.equal(a.status, 401, pair.join(' + '));
    }
    // never from the query string, a form field or a cookie
    for (const path of [
      `/api/v1/me?access_token=${token}`,
      `/api/v1/me?token=${token}`,
      `/api/v1/overview?access_token=${encodeURIComponent(token)}`,
    ]) {
      const a = await call({ path });
      assert.equal(a.status, 401, path);
      assert.equal(errorCode(a), 'niet_ingelogd', path);
    }
    const asCookie = await call({ path: '/api/v1/me', cookie: `${SESSION_COOKIE}=${token}` });
    assert.equal(asCookie.status, 401);
    assert.equal((await call({ path: '/api/v1/me', cookie: `authorization=Bearer ${token}` })).status, 401);
  });

  it('a session cookie and a bearer token together are refused, whichever of them is valid', async () => {
    const { token } = await issue({ name: 'beide', role: 'bestuur', scopes: [{ kind: 'gemeente', key: '9001' }] });
    const cookie = await freshLogin('bestuur');
    for (const [c, t] of [
      [cookie, `Bearer ${token}`],
      [cookie, 'Bearer zicht_onzin'],
      [`${SESSION_COOKIE}=onzin`, `Bearer ${token}`],
    ] as const) {
      for (const r of [{ path: '/api/v1/me' }, { method: 'POST', path: '/api/v1/narratives', json: {} }]) {
        const a = await call({ ...r, cookie: c, auth: t });
        assert.equal(a.status, 401, `${r.path}: ${a.body}`);
        assert.equal(errorCode(a), 'token_ongeldig');
        assert.match(a.body, /niet allebei/);
      }
    }
    // the session itself still works on its own
    assert.equal((await call({ path: '/api/v1/me', cookie })).status, 200);
  });

  it('a token cannot log in, never gets a cookie, and cannot make tokens or accounts (no escalation)', async () => {
    const b = await issue({ name: 'beheer-import', role: 'beheerder', scopes: [{ kind: 'regio', key: 'R' }] });
    const auth = `Bearer ${b.token}`;
    const loginTry = await call({
      method: 'POST',
      path: '/api/v1/login',
      auth,
      json: { username: 'controller', password: PASSWORD },
    });
    assert.equal(loginTry.status, 403, loginTry.body);
    assert.equal(errorCode(loginTry), 'geen_toegang');
    assert.equal(loginTry.headers['set-cookie'], undefined);
    for (const path of ['/api/v1/oidc/login', '/api/v1/oidc/callback?code=x&state=y', '/api/v1/health'])
      assert.equal((await call({ path, auth })).status, 403, path);
    const attempts: Req[] = [
      {
        method: 'POST',
        path: '/api/v1/tokens',
        json: { name: 'escalatie', role: 'bestuur', scopes: [{ kind: 'regio', key: 'R' }], expiresAt: expiry(5) },
      },
      { method: 'GET', path: '/api/v1/tokens' },
      { method: 'DELETE', path: `/api/v1/tokens/${b.name}` },
      { method: 'GET', path: '/api/v1/users' },
      {
        method: 'POST',
        path: '/api/v1/users',
        json: {
          username: 'sluiproute',
          displayName: 'x',
          role: 'beheerder',
          password: 'x'.repeat(20),
          scopes: [{ kind: 'regio', key: 'R' }],
        },
      },
      { method: 'POST', path: '/api/v1/users/controller/disabled', json: { disabled: true } },
    ];
    for (const r of attempts) {
      const a = await call({ ...r, auth });
      assert.equal(a.status, 403, `${r.method} ${r.path}: ${a.body}`);
      assert.match(a.body, /servicetoken/i);
    }
    const [made] = await f.ctx.store.query("SELECT 1 FROM service_token WHERE name = 'escalatie'");
    assert.equal(made, undefined);
    const [user] = await f.ctx.store.query("SELECT 1 FROM app_user WHERE username = 'sluiproute'");
    assert.equal(user, undefined);
    // what a beheerder does besides accounts stays: the access log, imports
    assert.equal((await call({ path: '/api/v1/audit/verify', auth })).status, 200);
    assert.equal((await call({ path: '/api/v1/imports', auth })).status, 200);
    // still valid after all that
    assert.equal((await call({ path: '/api/v1/me', auth })).status, 200);
  });

  it('no handler runs for a token on a route no token may use, whatever the path spelling', async () => {
    const { token } = await issue({ name: 'spellingen', role: 'beheerder', scopes: [{ kind: 'regio', key: 'R' }] });
    const spec = JSON.parse((await call({ path: '/api/v1/docs/json' })).body) as ApiSpec;
    const closed = f.routeTable.filter(
      (r) =>
        r.method !== 'HEAD' &&
        (r.action === 'public' || (NOT_BY_TOKEN as readonly string[]).includes(String(r.action))),
    );
    assert.ok(closed.some((r) => r.url === '/api/v1/tokens' && r.method === 'POST'));
    const wrong: string[] = [];
    for (const route of closed) {
      const path = urlOf(route, spec);
      const spellings = new Set([
        path,
        path.replace(/^\/api\//, '/%61pi/'),
        path.replace(/^\/api\//, '/%41PI/'),
        `/${path}`,
        `/./${path.slice(1)}`,
        `/x/..${path}`,
        path.includes('?') ? path.replace('?', '/?') : `${path}/`,
      ]);
      for (const spelled of spellings) {
        handled = [];
        const body = route.method === 'GET' ? undefined : '{}';
        const a = await call({ method: route.method, path: spelled, auth: `Bearer ${token}`, raw: body });
        if (handled.length > 0) wrong.push(`${route.method} ${spelled}: handler ran (${a.status})`);
        else if (![401, 403, 404, 405].includes(a.status)) wrong.push(`${route.method} ${spelled}: ${a.status}`);
        if (a.headers['set-cookie'] !== undefined) wrong.push(`${route.method} ${spelled}: sets a cookie`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('sweep over the route table: a token of each role gets exactly what a session of that role gets', async () => {
    const spec = JSON.parse((await call({ path: '/api/v1/docs/json' })).body) as ApiSpec;
    const routes = f.routeTable.filter((r) => r.method !== 'HEAD');
    assert.ok(routes.length > 40, `${routes.length} routes`);
    const mismatches: string[] = [];
    let compared = 0;
    for (const account of ACCOUNT_SPECS) {
      const { name, token } = await issue({
        name: newName(`sweep-${account.username}`),
        role: account.role,
        scopes: [{ kind: account.kind, key: account.key }],
      });
      const auth = `Bearer ${token}`;
      let cookie = await freshLogin(account.username);
      const usesBefore = (await auditOf(`token:${name}`)).length;
      let tokenRequests = 0;
      const asSession = async (r: Req): Promise<Answer> => {
        const a = await call({ ...r, cookie });
        // a route that ends the session (log-out) gets a fresh log-in after it
        if (String(a.headers['set-cookie'] ?? '').includes(`${SESSION_COOKIE}=;`))
          cookie = await freshLogin(account.username);
        return a;
      };
      for (const route of routes) {
        const r: Req = {
          method: route.method,
          path: urlOf(route, spec),
          ...(['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) ? { raw: '{}' } : {}),
        };
        const s1 = await asSession(r);
        const t = await call({ ...r, auth });
        tokenRequests++;
        const s2 = await asSession(r);
        const what = `${account.username} ${route.method} ${route.url} (${route.action})`;
        if (t.headers['set-cookie'] !== undefined) mismatches.push(`${what}: token answer sets a cookie`);
        if (route.action === 'public') {
          if (t.status !== 403) mismatches.push(`${what}: public route answered a token with ${t.status}`);
          continue;
        }
        if (route.action && (NOT_BY_TOKEN as readonly string[]).includes(route.action)) {
          if (t.status !== 403) mismatches.push(`${what}: ${route.action} route answered a token with ${t.status}`);
          continue;
        }
        compared++;
        if (t.status !== s1.status) {
          mismatches.push(`${what}: token ${t.status}, session ${s1.status} (${t.body.slice(0, 80)})`);
          continue;
        }
        if (String(t.headers['content-type']) !== String(s1.headers['content-type']))
          mismatches.push(`${what}: content type ${t.headers['content-type']} vs ${s1.headers['content-type']}`);
        const norm = (b: string) =>
          b.replaceAll(`token:${name}`, account.username).replaceAll(`token ${name}`, account.username);
        // only when the session's own answer is stable (the access log grows between requests)
        if (s1.body === s2.body && s1.headers['content-type']?.includes('json')) {
          let expected = s1.body;
          const j = JSON.parse(s1.body) as { permissions?: Record<string, boolean> };
          if (j.permissions) {
            // /api/v1/me tells what the caller may do: a token never has the permissions no token may have
            for (const a of NOT_BY_TOKEN as readonly Action[]) if (a in j.permissions) j.permissions[a] = false;
            expected = JSON.stringify(j);
          }
          if (norm(t.body) !== expected)
            mismatches.push(`${what}: body differs: ${norm(t.body).slice(0, 120)} vs ${expected.slice(0, 120)}`);
        } else if (s1.body === s2.body && norm(t.body) !== s1.body) {
          mismatches.push(`${what}: body differs (${t.headers['content-type']})`);
        }
      }
      const uses = (await auditOf(`token:${name}`)).slice(usesBefore).filter((e) => e.event === 'token_gebruikt');
      assert.equal(uses.length, tokenRequests, `${account.username}: every token request is logged`);
    }
    assert.deepEqual(mismatches, []);
    assert.ok(compared > 200, `${compared} routes compared`);
  });
});

/** The 31st of the first month of 30 days that starts 40 days or more from now: within a token's year, and no day. */
function noSuchDay(): string {
  const d = new Date(Date.now() + 40 * 86_400_000);
  for (;;) {
    const m = d.getUTCMonth();
    if ([3, 5, 8, 10].includes(m)) return `${d.getUTCFullYear()}-${String(m + 1).padStart(2, '0')}-31`;
    d.setUTCMonth(m + 1, 1);
  }
}
