/**
 * The access check attacked from outside, over real HTTP. The targets come from Fastify's own
 * route table (every method, HEAD included), not from a list kept here; each route is asked for
 * without a session and with every role that may not use it, through the path spellings an
 * attacker tries (percent-encoding, case, dot segments, doubled slashes, an encoded slash, a
 * trailing slash, a `;` parameter) and with HEAD and OPTIONS. No handler may run for any of them,
 * and no answer may hold data. Requests go through node:http with the path written byte-exact
 * (fetch would normalise `/./` and `/x/../` before sending).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { ACCOUNT_SPECS, PASSWORD, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { can, type Principal } from '../app/access.js';
import { buildApp, type RouteEntry } from './app.js';
import { API_PREFIX, LEGACY_PREFIX } from './apiSchema.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INDEX_HTML = '<!doctype html><title>Zicht</title><div id="root"></div>\n';

type Who = 'anoniem' | (typeof ACCOUNT_SPECS)[number]['username'];

/** A plausible value per path-parameter name (ids of the fixture), so a route is reached as a user would. */
const PARAM_VALUES: Record<string, string> = {
  username: 'bestuur',
  id: 'youth_in_care',
  kind: 'maand',
  gemeente: '9001',
  traject: 'T0',
  name: 'rapport',
  period: '2024',
  nummer: '1',
  aanbieder: '11111111',
  '*': 'index.html',
};

/** A plausible value per required query parameter. */
const QUERY_VALUES: Record<string, string> = {
  period: '2024',
  gemeente: '9001',
  format: 'json',
  aanbieder: '11111111',
  kwartaal: '2024Q1',
};

function fillParams(url: string): string {
  return url
    .replace(/:([A-Za-z_]+)/g, (_m, name: string) => PARAM_VALUES[name] ?? 'x')
    .replace(/\*$/, PARAM_VALUES['*']!);
}

/** Every spelling of one path an attacker would try; each decodes or normalises to the same route somewhere. */
function spellings(path: string): string[] {
  const segs = path.split('/').slice(1); // ['api', 'users', ...]
  const first = segs[0]!;
  const rest = segs.slice(1).join('/');
  const tail = rest ? `/${rest}` : '';
  const pct = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  const out = new Set<string>([
    path,
    `/${pct(first[0]!).toLowerCase()}${first.slice(1)}${tail}`, // /%61pi/users
    `/${first[0]}${pct(first[1] ?? 'x')}${first.slice(2)}${tail}`, // /a%70i/users
    `/${first.split('').map(pct).join('')}${tail}`, // /%61%70%69/users
    `/${pct(first[0]!.toUpperCase())}${first.slice(1).toUpperCase()}${tail}`, // /%41PI/users
    `/${first[0]!.toUpperCase()}${first.slice(1)}${tail}`, // /Api/users
    `//${first}${tail}`,
    `/./${first}${tail}`,
    `/x/../${first}${tail}`,
    `/${first}/.${tail}`,
    rest ? `/${first}%2F${rest}` : `${path}%2F`,
    rest ? `/${first}%2f${rest}` : `${path}%2f`,
    `${path}/`,
    `${path};jsessionid=1`,
    `/${first};x=1${tail}`,
  ]);
  if (rest) out.add(`/${first}/${pct(rest[0]!)}${rest.slice(1)}`); // /api/%76/users
  // a parameter on the second segment (/api/v1;/users, red team 30: redirected to /api/v1/v1;/users) and its case
  if (segs.length > 1) {
    const after = segs.length > 2 ? `/${segs.slice(2).join('/')}` : '';
    out.add(`/${first}/${segs[1]};${after}`);
    out.add(`/${first}//${segs[1]}${after}`); // an empty segment before the version
    out.add(`/${first}/${segs[1]!.toUpperCase()}${after}`);
  }
  return [...out];
}

/** An API path as it was spelled before versioning (`/api/v1/users` → `/api/users`), or null outside the API. */
function legacyOf(path: string): string | null {
  return path.startsWith(`${API_PREFIX}/`) ? `${LEGACY_PREFIX}${path.slice(API_PREFIX.length)}` : null;
}

/** The spellings of a route's path, with those of its old unversioned path (/api/x, /API/x, /%61pi/x, …). */
function allSpellings(path: string): string[] {
  const legacy = legacyOf(path);
  return [...new Set([...spellings(path), ...(legacy ? spellings(legacy) : [])])];
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** One request with the path exactly as given (node:http sends it unchanged). */
function send(
  port: number,
  method: string,
  path: string,
  cookie?: string,
  body?: string,
  accept?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (accept) headers.accept = accept;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function principalOf(who: Who): Principal | null {
  if (who === 'anoniem') return null;
  const spec = ACCOUNT_SPECS.find((a) => a.username === who)!;
  // every account logs in with its second factor in this test
  return {
    userId: 0,
    username: who,
    displayName: who,
    role: spec.role,
    gemeenten: [],
    team: null,
    provider: null,
    mfaPassed: true,
  };
}

function allowed(who: Who, action: RouteEntry['action']): boolean {
  if (action === 'public') return true;
  const p = principalOf(who);
  if (!p) return false;
  if (action === 'session') return true;
  return action !== undefined && can(p, action);
}

/** The API description (generated from the route schemas): which parameters a route takes. */
interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: { type?: string };
}
interface ApiSpec {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
}

/**
 * The route's URL with plausible values everywhere except `name` (a path or query parameter), which gets
 * `bad(plain value)`; besides it only the required query parameters are sent.
 */
function urlWithOne(
  route: RouteEntry,
  query: readonly Parameter[],
  name: string,
  bad: (plain: string) => string,
): string {
  const set = (n: string, plain: string) => (n === name ? bad(plain) : plain);
  const path = route.url.replace(/:([A-Za-z_]+)/g, (_m, n: string) => set(n, PARAM_VALUES[n] ?? 'x'));
  const qs = query
    .filter((p) => p.required || p.name === name)
    .map((p) => `${p.name}=${set(p.name, QUERY_VALUES[p.name] ?? 'x')}`)
    .join('&');
  return `${path}${qs ? `?${qs}` : ''}`;
}

function parametersOf(spec: ApiSpec, route: RouteEntry): Parameter[] {
  // the document's paths are relative to its server (API_PREFIX)
  const path = route.url.slice(API_PREFIX.length).replace(/:([A-Za-z_]+)/g, '{$1}');
  return spec.paths[path]?.[route.method.toLowerCase()]?.parameters ?? [];
}

const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'message', 'messageEn']);
/** An answer without data: empty, the web app's index.html, or problem details (an error) and nothing else. */
function holdsNoData(a: Answer): boolean {
  if (a.body.length === 0 || a.body === INDEX_HTML) return true;
  try {
    const j = JSON.parse(a.body) as unknown;
    return (
      typeof j === 'object' &&
      j !== null &&
      !Array.isArray(j) &&
      Object.keys(j).length > 0 &&
      Object.keys(j).every((k) => PROBLEM_MEMBERS.has(k))
    );
  } catch {
    return false;
  }
}

/**
 * A redirect of an old path: it must point into the versioned API, hold no data, and the request repeated
 * there (as a client following a 308 does: same method, cookie and body) is answered by the route's own check.
 */
async function followed(
  port: number,
  a: Answer,
  method: string,
  cookie: string | undefined,
  body: string | undefined,
  accept: string | undefined,
): Promise<Answer> {
  if (a.status !== 308) return a;
  const to = String(a.headers.location ?? '');
  assert.ok(to.startsWith(`${API_PREFIX}/`) || to === API_PREFIX, `308 to ${to}`);
  assert.ok(!/^\/+v\d/i.test(to.slice(API_PREFIX.length)), `308 to a path versioned twice: ${to}`);
  assert.ok(holdsNoData(a), `308 body ${a.body.slice(0, 80)}`);
  return send(port, method, to, cookie, body, accept);
}

onOneBackend('access check attacked over real HTTP', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let port = 0;
  const cookies = new Map<Who, string>();
  /** handler runs, per request: the test sends one request at a time and reads the count after it */
  let handled: string[] = [];
  const WHO: Who[] = ['anoniem', ...ACCOUNT_SPECS.map((a) => a.username)];

  before(async () => {
    db = await freshStore(kind);
    // a built web app beside the API, so the static-file plugin's routes are in the table too
    const webDir = tempDir('zicht-web-');
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), INDEX_HTML);
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1);\n');
    f = await serverFixture(db.store, { webDir, onHandler: (r) => handled.push(`${r.method} ${r.url}`) });
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    port = (f.app.server.address() as AddressInfo).port;
    for (const a of ACCOUNT_SPECS) cookies.set(a.username, await login(f, a.username));
  });
  after(async () => {
    agent.destroy();
    await f?.close();
    await db?.drop();
  });

  it('the route table comes from Fastify and holds every method, HEAD included', () => {
    const methods = new Set(f.routeTable.map((r) => r.method));
    const has = (test: (r: RouteEntry) => boolean) => f.routeTable.some(test);
    assert.ok(
      has((r) => r.url === '/assets/app.js' && r.action === 'public'),
      'the static web app is in the table, public',
    );
    assert.ok(
      has((r) => r.url.startsWith('/api/v1/docs') && r.action === 'public'),
      'the docs viewer is in the table, public',
    );
    for (const m of ['GET', 'HEAD', 'POST']) assert.ok(methods.has(m), m);
    assert.ok(f.routeTable.some((r) => r.url === '/api/v1/users' && r.method === 'POST'));
    assert.ok(f.routeTable.length > 60, `${f.routeTable.length} routes`);
  });

  it('no handler runs, and no data comes back, for a caller without the permission, whatever the spelling', async () => {
    // the first failure per route and caller, so one report shows every hole
    const failures = new Map<string, string>();
    const fail = (key: string, text: string) => {
      if (!failures.has(key)) failures.set(key, text);
    };
    let tried = 0;
    for (const route of f.routeTable) {
      const path = fillParams(route.url);
      const denied = WHO.filter((w) => !allowed(w, route.action));
      for (const who of denied) {
        for (const spelled of allSpellings(path)) {
          const methods = route.method === 'GET' ? ['GET', 'HEAD', 'OPTIONS'] : [route.method, 'OPTIONS'];
          for (const method of methods) {
            handled = [];
            const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? '{}' : undefined;
            // GET as a browser page navigation would ask (the web app's fallback answers those), the rest as a script
            const accept = method === 'GET' ? 'text/html,application/xhtml+xml,*/*;q=0.8' : undefined;
            const cookie = who === 'anoniem' ? undefined : cookies.get(who);
            // an old spelling is redirected (308): followed, the versioned route must refuse just the same
            const a = await followed(
              port,
              await send(port, method, spelled, cookie, body, accept),
              method,
              cookie,
              body,
              accept,
            );
            tried++;
            const what = `${who} ${method} ${spelled} (${route.method} ${route.url}, ${route.action})`;
            const key = `${who} ${route.method} ${route.url}`;
            if (handled.length > 0) fail(key, `${what}: handler ran: ${handled.join(', ')} → ${a.status}`);
            else if (![400, 401, 403, 404, 405].includes(a.status) && !(a.status === 200 && a.body === INDEX_HTML)) {
              fail(key, `${what}: status ${a.status}`);
            } else if (!holdsNoData(a)) fail(key, `${what}: body ${a.body.slice(0, 80)}`);
          }
        }
      }
    }
    assert.ok(tried > 1000, `${tried} attempts`);
    assert.deepEqual(
      [...failures.values()],
      [],
      `${failures.size} route-and-caller pairs got through (${tried} attempts)`,
    );
  });

  it('a page navigation outside the API gets the web app, anything else a 404 without the path', async () => {
    const page = await send(port, 'GET', '/trajecten/9001/T0', undefined, undefined, 'text/html');
    assert.equal(page.status, 200);
    assert.equal(page.body, INDEX_HTML);
    const script = await send(port, 'GET', '/api/v1/trajecten/9001/T0/nergens');
    assert.equal(script.status, 404);
    assert.ok(holdsNoData(script) && !script.body.includes('T0'), script.body);
  });

  it('a POST /%61pi/users (redirected) or /api/v1/%75sers without a session or as bestuur creates no beheerder', async () => {
    const account = JSON.stringify({
      username: 'indringer',
      displayName: 'x',
      role: 'beheerder',
      password: PASSWORD,
      scopes: [{ kind: 'regio', key: 'R' }],
    });
    for (const path of [
      '/%61pi/users',
      '/a%70i/users',
      '/ap%69/users',
      '/api/users',
      '/api/v1/%75sers',
      '/%61pi/v1/users',
    ]) {
      for (const who of ['anoniem', 'bestuur', 'controller'] as const) {
        const cookie = who === 'anoniem' ? undefined : cookies.get(who);
        const a = await followed(
          port,
          await send(port, 'POST', path, cookie, account),
          'POST',
          cookie,
          account,
          undefined,
        );
        assert.ok([401, 403].includes(a.status), `${who} POST ${path}: ${a.status} ${a.body.slice(0, 100)}`);
      }
    }
    assert.deepEqual(await db.store.query("SELECT 1 FROM app_user WHERE username = 'indringer'"), []);
  });

  it('every role still gets its GET routes answered (200) on the plain path, never cached', async () => {
    const wrong: string[] = [];
    let ok = 0;
    // required query parameters as the API description (generated from the route schemas) lists them
    const spec = JSON.parse((await send(port, 'GET', '/api/v1/openapi.json')).body) as ApiSpec;
    for (const route of f.routeTable.filter((r) => r.method === 'GET' && r.action !== 'public')) {
      const query = parametersOf(spec, route)
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => `${p.name}=${QUERY_VALUES[p.name] ?? 'x'}`)
        .join('&');
      const path = `${fillParams(route.url)}${query ? `?${query}` : ''}`;
      for (const who of WHO.filter((w) => allowed(w, route.action))) {
        handled = [];
        const a = await send(port, 'GET', path, cookies.get(who));
        // the route let the caller through: its handler ran (and may still refuse a gemeente or a
        // provider outside the caller's scope, or not know a made-up name: 403/404 from the handler)
        const said = `${a.status} ${a.body.slice(0, 100)}`;
        if (handled.length !== 1) wrong.push(`${who} GET ${path}: handler did not run (${said})`);
        else if (a.status === 200) ok++;
        else if (a.status !== 403 && a.status !== 404) wrong.push(`${who} GET ${path}: ${said}`);
        const cache = a.headers['cache-control'];
        if (cache !== 'no-store') wrong.push(`${who} GET ${path}: cache-control ${cache}`);
      }
    }
    assert.ok(ok > 100, `${ok} answers 200`);
    // the OIDC routes answer 404 here: no identity provider is configured
    const open = f.routeTable.filter(
      (r) => r.method === 'GET' && r.action === 'public' && !r.url.startsWith('/api/v1/oidc/'),
    );
    for (const route of open) {
      const a = await send(port, 'GET', fillParams(route.url));
      if (a.status >= 400) wrong.push(`anoniem GET ${route.url} (public): ${a.status}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('a NUL byte in any query or path parameter or JSON body gets 400 with a Dutch and English message, never 500', async () => {
    const spec = JSON.parse((await send(port, 'GET', '/api/v1/openapi.json')).body) as ApiSpec;
    const wrong: string[] = [];
    let tried = 0;
    for (const route of f.routeTable.filter((r) => r.method !== 'HEAD' && r.action !== 'public')) {
      const who = WHO.find((w) => w !== 'anoniem' && allowed(w, route.action))!;
      const params = parametersOf(spec, route);
      const query = params.filter((p) => p.in === 'query');
      const pathNames = [...route.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);
      const targets = [...query.map((p) => p.name), ...pathNames].map((name) => ({ name }));
      for (const t of targets) {
        const url = urlWithOne(route, query, t.name, (plain) => `${plain}%00x`);
        const a = await send(port, route.method, url, cookies.get(who), route.method === 'GET' ? undefined : '{}');
        tried++;
        let message = '';
        try {
          message = (JSON.parse(a.body) as { message: string; messageEn: string }).messageEn;
        } catch {
          /* not JSON */
        }
        if (a.status !== 400 || !message)
          wrong.push(`${who} ${route.method} ${url}: ${a.status} ${a.body.slice(0, 100)}`);
      }
    }
    // and in a JSON body, on every route that takes one (before its schema is even looked at)
    const writes = f.routeTable.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.action !== 'public');
    for (const route of writes) {
      const who = WHO.find((w) => w !== 'anoniem' && allowed(w, route.action))!;
      const a = await send(port, route.method, fillParams(route.url), cookies.get(who), '{"naam":"a\\u0000b"}');
      tried++;
      if (a.status !== 400 || !/nul-teken/.test(a.body)) {
        wrong.push(`${who} ${route.method} ${route.url} body: ${a.status} ${a.body.slice(0, 100)}`);
      }
    }
    assert.ok(tried > 40, `${tried} parameters`);
    assert.deepEqual(wrong, []);
  });

  it('a huge, overflowing or far negative number in any integer parameter gets 400, never 500', async () => {
    const spec = JSON.parse((await send(port, 'GET', '/api/v1/openapi.json')).body) as ApiSpec;
    const wrong: string[] = [];
    let tried = 0;
    for (const route of f.routeTable.filter((r) => r.method !== 'HEAD' && r.action !== 'public')) {
      const who = WHO.find((w) => w !== 'anoniem' && allowed(w, route.action))!;
      const params = parametersOf(spec, route);
      const numeric = params.filter((p) => p.in !== 'header' && ['integer', 'number'].includes(p.schema?.type ?? ''));
      for (const t of numeric) {
        for (const bad of ['99999999999999999999999', '1e400', '-9223372036854775809', '9007199254740993']) {
          const url = urlWithOne(
            route,
            params.filter((p) => p.in === 'query'),
            t.name,
            () => bad,
          );
          const a = await send(port, route.method, url, cookies.get(who), route.method === 'GET' ? undefined : '{}');
          tried++;
          if (a.status !== 400) wrong.push(`${who} ${route.method} ${url}: ${a.status} ${a.body.slice(0, 100)}`);
        }
      }
    }
    assert.ok(tried >= 12, `${tried} tries`);
    assert.deepEqual(wrong, []);
  });

  it('refuses first, validates after: a bad request gets 401 without a session, 403 without the permission', async () => {
    const wrong: string[] = [];
    for (const route of f.routeTable.filter((r) => r.action !== 'public' && r.method !== 'HEAD')) {
      // nonsense everywhere: a query no schema accepts, a body that is not even JSON
      const path = `${fillParams(route.url)}?period=XX&limit=-7&format=nope&gemeente=%2A`;
      const body = route.method === 'GET' ? undefined : '{"kapot":';
      const anon = await send(port, route.method, path, undefined, body);
      if (anon.status !== 401) wrong.push(`anoniem ${route.method} ${path}: ${anon.status}`);
      const denied = WHO.find((w) => w !== 'anoniem' && !allowed(w, route.action));
      if (denied) {
        const a = await send(port, route.method, path, cookies.get(denied), body);
        if (a.status !== 403) wrong.push(`${denied} ${route.method} ${path}: ${a.status}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('an unknown mapping profile is named in the refusal, the data directory is not', async () => {
    const form = new FormData();
    form.append('profiel', 'bestaat-niet');
    form.append('bestand', new Blob(['a;b\n1;2\n']), 'trajecten.csv');
    const headers = { cookie: cookies.get('analist')! };
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/imports`, { method: 'POST', body: form, headers });
    const text = await res.text();
    assert.equal(res.status, 400, text);
    assert.match(text, /bestaat-niet/);
    assert.ok(!text.includes(f.dataDir), text);
    assert.ok(!/profielen|\/tmp\//.test(text), text);
  });

  it('a mapping profile saved by an account that saw fewer gemeenten is neither used nor replaced by a broader one (red team 34)', async () => {
    // as saved when the data held 9001 only (a gemeente's analist then counted as regio-wide): BSN and dossier swapped
    mkdirSync(join(f.dataDir, 'profielen'), { recursive: true });
    writeFileSync(
      join(f.dataDir, 'profielen', 'smal.json'),
      JSON.stringify({ naam: 'smal', soort: 'trajecten', kolommen: { BSN: 'traject_id' }, gemeenten: ['9001'] }),
    );
    const form = new FormData();
    form.append('profiel', 'smal');
    form.append('bestand', new Blob(['a;b\n1;2\n']), 'trajecten.csv');
    const upload = await fetch(`http://127.0.0.1:${port}/api/v1/imports`, {
      method: 'POST',
      body: form,
      headers: { cookie: cookies.get('beheerder')! },
    });
    const text = await upload.text();
    assert.equal(upload.status, 403, text);
    assert.match(text, /minder gemeenten/);
    // saved again by the regio's beheerder it carries the beheerder's scope, whatever the body says
    const save = await fetch(`http://127.0.0.1:${port}/api/v1/profiles`, {
      method: 'POST',
      headers: { cookie: cookies.get('beheerder')!, 'content-type': 'application/json' },
      body: JSON.stringify({ naam: 'smal', soort: 'trajecten', kolommen: { BSN: 'client_id' }, gemeenten: ['9001'] }),
    });
    assert.equal(save.status, 201, await save.text());
    const list = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/profiles`, { headers: { cookie: cookies.get('beheerder')! } })
    ).json()) as { profiles: Array<{ naam: string; gemeenten?: string[] }> };
    assert.deepEqual(list.profiles.find((x) => x.naam === 'smal')?.gemeenten, ['9001', '9002']);
  });

  it('a route that declares no permission stops the server at start-up', async () => {
    await assert.rejects(
      buildApp({
        store: db.store,
        dataDir: f.dataDir,
        key: TEST_KEY,
        extraRoutes: async (api) => {
          api.get('/vergeten', async () => ({ geheim: true }));
        },
      }),
      /declares no permission/,
    );
  });

  it('a route written with an absolute /api path, or without a declared answer, stops the server at start-up', async () => {
    const base = { store: db.store, dataDir: f.dataDir, key: TEST_KEY };
    const answer = { response: { 200: { description: 'x' } } };
    for (const url of ['/api/geheim', '/API/geheim', '/api/v1/geheim']) {
      await assert.rejects(
        buildApp({
          ...base,
          extraRoutes: async (api) => {
            api.get(url, { config: { action: 'public' }, schema: answer }, async () => ({ geheim: true }));
          },
        }),
        /absolute \/api path/,
        url,
      );
    }
    await assert.rejects(
      buildApp({
        ...base,
        extraRoutes: async (api) => {
          api.get('/zonder-antwoord', { config: { action: 'public' } }, async () => ({ geheim: true }));
        },
      }),
      /declares no answer/,
    );
  });

  it('an old /api path answers 308 to /api/v1 with its query, and nothing under /api/v1 is redirected', async () => {
    const analist = cookies.get('analist')!;
    const a = await send(port, 'GET', '/api/indicators/youth_in_care?period=2024&gemeente=9001', analist);
    assert.equal(a.status, 308);
    assert.equal(a.headers.location, '/api/v1/indicators/youth_in_care?period=2024&gemeente=9001');
    assert.ok(a.headers['api-version']);
    assert.ok(holdsNoData(a), a.body);
    const b = await followed(port, a, 'GET', analist, undefined, undefined);
    assert.equal(b.status, 200);
    const login = await send(port, 'POST', '/api/login', undefined, '{}');
    assert.equal(login.status, 308, 'POST keeps its method: 308, not 301/302');
    assert.equal(login.headers.location, '/api/v1/login');
    for (const path of [
      '/api/v1/nergens',
      '/api/v1',
      '/API/indicators',
      '/apix/indicators',
      '/api/%76%31/nergens',
      // an empty segment before the version was redirected to /api/v1//v1/… (red team of stop 36)
      '/api//v1/users',
      '/api/%2Fv1/users',
      '/api///V1/nergens',
    ]) {
      const c = await send(port, 'GET', path, analist);
      assert.equal(c.status, 404, `${path}: ${c.status} ${String(c.headers.location)}`);
      assert.match(String(c.headers['content-type']), /^application\/problem\+json/);
      assert.ok(c.headers['api-version'], path);
    }
  });
});
