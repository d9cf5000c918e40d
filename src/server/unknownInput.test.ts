/**
 * A field or parameter the API does not have is refused, never dropped in silence: a misspelt "Team" in a body or
 * ?gemeente= on a route that takes no such parameter made the request succeed as if it had not been sent (Fastify's
 * Ajv removes unknown properties by default). Over real HTTP, for every route in Fastify's own route table and the
 * parameters the OpenAPI document gives it, as the beheerder (who may use every route), an unknown query parameter
 * and an unknown body field are each sent beside otherwise plausible input: the answer is 400 naming it.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, listenLoopback, serverFixture, type ServerFixture } from '../testing/server.js';
import { API_PREFIX, OPENAPI_PATH } from './apiSchema.js';

const UNKNOWN = 'zz_onbekend';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  minItems?: number;
  format?: string;
  pattern?: string;
}
interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Plausible values by name: path and query parameters of the fixture, and body fields with a pattern. */
const VALUES: Record<string, string> = {
  period: '2024',
  gemeente: '9001',
  format: 'json',
  id: 'youth_in_care',
  username: 'bestuur',
  kind: 'maand',
  traject: 'T0',
  name: 'rapport',
  productCategory: '45',
  aanbieder: '11111111',
  kwartaal: '2024Q1',
  nummer: '1',
};
/** The OpenID Connect callback takes the provider's own parameters (session_state, iss, …): open on purpose. */
const OPEN_QUERY = new Set([`GET ${API_PREFIX}/oidc/callback`]);
/** The beheerder may use every route but the person-level and contract ones; those are asked for as these. */
const FALLBACK = ['analist', 'contractmanager'] as const;

/** A value that satisfies a schema as far as this test needs: an unknown property must be the only fault. */
function plausible(s: JsonSchema | undefined, name = ''): unknown {
  if (!s) return 'x';
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object') {
    return Object.fromEntries((s.required ?? []).map((k) => [k, plausible(s.properties?.[k], k)]));
  }
  if (type === 'array') return Array.from({ length: s.minItems ?? 0 }, () => plausible(s.items));
  if (type === 'integer' || type === 'number') return s.minimum ?? 1;
  if (type === 'boolean') return false;
  if (s.format === 'date' || s.pattern?.includes('[0-9]{4}-')) return '2024-03-31';
  return VALUES[name] ?? 'x'.repeat(Math.max(1, (s as { minLength?: number }).minLength ?? 1));
}

onOneBackend('unknown input refused over real HTTP', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  let cookies: string[];
  let doc: { paths: Record<string, Record<string, Operation>> };

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    base = await listenLoopback(f);
    cookies = [await login(f, 'beheerder'), ...(await Promise.all(FALLBACK.map((u) => login(f, u))))];
    doc = (await (await fetch(`${base}${OPENAPI_PATH}`)).json()) as typeof doc;
  });
  after(async () => {
    await f.close();
    await db.drop();
  });

  function operationOf(method: string, url: string): Operation | undefined {
    const path = url.slice(API_PREFIX.length).replace(/:([A-Za-z_]+)/g, '{$1}');
    return doc.paths[path]?.[method.toLowerCase()];
  }

  function pathOf(url: string): string {
    return url.replace(/:([A-Za-z_]+)/g, (_m, n: string) => VALUES[n] ?? 'x');
  }

  /** As the beheerder, or when its role may not use the route (403), as the next account that may. */
  async function ask(method: string, url: string, body?: unknown): Promise<{ status: number; text: string }> {
    let answer = { status: 0, text: '' };
    for (const cookie of cookies) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      answer = { status: res.status, text: await res.text() };
      if (answer.status !== 403) break;
    }
    return answer;
  }

  function apiRoutes() {
    return f.routeTable.filter(
      (r) =>
        r.url.startsWith(`${API_PREFIX}/`) &&
        r.method !== 'HEAD' &&
        r.method !== 'OPTIONS' &&
        operationOf(r.method, r.url),
    );
  }

  it('an unknown query parameter is refused on every documented route, naming it', async () => {
    const routes = apiRoutes().filter((r) => !OPEN_QUERY.has(`${r.method} ${r.url}`));
    assert.ok(routes.length > 40, `routes from the route table: ${routes.length}`);
    assert.equal(apiRoutes().length - routes.length, OPEN_QUERY.size, 'every route left open exists');
    const wrong: string[] = [];
    for (const r of routes) {
      const op = operationOf(r.method, r.url)!;
      const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const qs = [
        ...required.map((p) => `${p.name}=${encodeURIComponent(String(plausible(p.schema, p.name)))}`),
        `${UNKNOWN}=1`,
      ];
      const json = op.requestBody?.content?.['application/json']?.schema;
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : json ? plausible(json) : undefined;
      const a = await ask(r.method, `${pathOf(r.url)}?${qs.join('&')}`, body);
      if (a.status !== 400 || !a.text.includes(UNKNOWN) || !a.text.includes('ongeldige_invoer')) {
        wrong.push(`${r.method} ${r.url}: ${a.status} ${a.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('an unknown body field is refused on every route that takes a JSON body, naming it and the known fields', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const r of apiRoutes()) {
      const op = operationOf(r.method, r.url)!;
      const json = op.requestBody?.content?.['application/json']?.schema;
      if (!json?.properties || Object.keys(json.properties).length === 0) continue;
      tried++;
      const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const qs = required.map((p) => `${p.name}=${encodeURIComponent(String(plausible(p.schema, p.name)))}`).join('&');
      const body = { ...(plausible(json) as object), [UNKNOWN]: 'x' };
      const a = await ask(r.method, `${pathOf(r.url)}${qs ? `?${qs}` : ''}`, body);
      const known = Object.keys(json.properties)[0]!;
      if (a.status !== 400 || !a.text.includes(UNKNOWN) || !a.text.includes(known)) {
        wrong.push(`${r.method} ${r.url}: ${a.status} ${a.text.slice(0, 200)}`);
      }
    }
    assert.ok(tried >= 8, `routes with a JSON body: ${tried}`);
    assert.deepEqual(wrong, []);
  });

  it('a number, true/false, list or null sent where a body field is text is refused, naming it, on every such route', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const r of apiRoutes()) {
      const op = operationOf(r.method, r.url)!;
      const json = op.requestBody?.content?.['application/json']?.schema;
      const props = (json?.properties ?? {}) as Record<string, { type?: unknown; enum?: unknown }>;
      const text = Object.keys(props).find((k) => props[k]!.type === 'string' && props[k]!.enum === undefined);
      if (!text) continue;
      const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const qs = required.map((p) => `${p.name}=${encodeURIComponent(String(plausible(p.schema, p.name)))}`).join('&');
      for (const value of [12345, true, ['tekst'], null]) {
        tried++;
        const body = { ...(plausible(json) as object), [text]: value };
        const a = await ask(r.method, `${pathOf(r.url)}${qs ? `?${qs}` : ''}`, body);
        if (a.status !== 400 || !a.text.includes('is tekst; stuur het') || !a.text.includes(`'${text}'`)) {
          wrong.push(`${r.method} ${r.url} ${text}=${JSON.stringify(value)}: ${a.status} ${a.text.slice(0, 200)}`);
        }
      }
    }
    assert.ok(tried >= 32, `text fields tried: ${tried}`);
    assert.deepEqual(wrong, []);
  });

  it('a query value whose %-escape does not decode is refused on every route with query parameters, never read as literal text', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const r of apiRoutes().filter((x) => !OPEN_QUERY.has(`${x.method} ${x.url}`))) {
      const op = operationOf(r.method, r.url)!;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      if (query.length === 0) continue;
      const json = op.requestBody?.content?.['application/json']?.schema;
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : json ? plausible(json) : undefined;
      // a lone %, a % without two hex digits, and well-formed escapes of bytes that are not UTF-8
      for (const broken of ['90%', '%ZZ01', '%C3%28', '%E2%82']) {
        tried++;
        const qs = query.map((p, i) =>
          i === 0 ? `${p.name}=${broken}` : `${p.name}=${encodeURIComponent(String(plausible(p.schema, p.name)))}`,
        );
        const a = await ask(r.method, `${pathOf(r.url)}?${qs.join('&')}`, body);
        if (a.status !== 400 || !a.text.includes('%-codering die niet klopt')) {
          wrong.push(`${r.method} ${r.url} ${query[0]!.name}=${broken}: ${a.status} ${a.text.slice(0, 160)}`);
        }
      }
    }
    assert.ok(tried >= 40, `broken escapes tried: ${tried}`);
    assert.deepEqual(wrong, []);
    // in the path the router refuses it before any hook: in words, naming only the broken escape, never the path
    // (which may hold a pseudonym), with the API's headers; also without a session (red team 26)
    for (const broken of ['T0%ZZ', 'T0%C3%28', 'P0abc%']) {
      const res = await fetch(`${base}${API_PREFIX}/trajecten/9001/${broken}/bronnen`);
      const text = await res.text();
      assert.equal(res.status, 400, text);
      assert.match(String(res.headers.get('content-type')), /application\/problem\+json/);
      assert.ok(res.headers.get('api-version'), 'API-Version');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const j = JSON.parse(text) as { code: string; message: string };
      assert.equal(j.code, 'ongeldige_invoer');
      assert.match(j.message, /^Ongeldige invoer: het adres bevat een %-codering die niet klopt \('%/);
      assert.ok(!text.includes('T0') && !text.includes('P0abc') && !text.includes('FST_'), text);
    }
    // a JSON body said to be in another character set than UTF-8 is refused, not read as UTF-8 (red team 27)
    for (const charset of ['utf-16', 'latin1', '"iso-8859-1"']) {
      const res = await fetch(`${base}${API_PREFIX}/narratives`, {
        method: 'POST',
        headers: { cookie: cookies[0]!, 'content-type': `application/json; charset=${charset}` },
        body: '{}',
      });
      assert.equal(res.status, 415, `${charset}: ${await res.text()}`);
    }
    const utf8 = await fetch(`${base}${API_PREFIX}/narratives`, {
      method: 'POST',
      headers: { cookie: cookies[0]!, 'content-type': 'application/json; charset=UTF-8' },
      body: '{}',
    });
    assert.equal(utf8.status, 400, 'UTF-8 is read (and the empty body refused for what it lacks)');
    // a well-formed escape still reads as what it encodes (%25 is the percent sign itself)
    const ok = await ask('GET', `${API_PREFIX}/indicators/youth_in_care?period=2024&gemeente=%39001`);
    assert.equal(ok.status, 200, ok.text.slice(0, 200));
  });

  it("a missing, misshapen or out-of-range value is refused in words, never in the validator's English", async () => {
    const wrong: string[] = [];
    let tried = 0;
    // every route with required query parameters, asked without them
    for (const r of apiRoutes().filter((x) => x.method === 'GET')) {
      const op = operationOf(r.method, r.url)!;
      const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      if (required.length === 0) continue;
      tried++;
      const a = await ask('GET', pathOf(r.url));
      const j = JSON.parse(a.text) as { message?: string };
      if (
        a.status !== 400 ||
        !/^Ongeldige invoer: de parameter '\w+' ontbreekt\.$/.test(j.message ?? '') ||
        /\bmust\b/.test(a.text)
      )
        wrong.push(`${r.url}: ${a.status} ${j.message}`);
    }
    assert.ok(tried >= 3, `routes with required query parameters: ${tried}`);
    assert.deepEqual(wrong, []);
    const said = async (method: string, url: string, body?: unknown) =>
      (JSON.parse((await ask(method, url, body)).text) as { message: string }).message;
    assert.equal(
      await said('POST', `${API_PREFIX}/afspraken`, {
        gemeente: '9001',
        aanbieder: '11111111',
        kwartaal: '2024-03',
        afspraak: 'x y z',
      }),
      "Ongeldige invoer: het veld 'kwartaal' heeft niet de goede vorm.",
    );
    assert.equal(
      await said('PATCH', `${API_PREFIX}/afspraken/1`, { status: 'klaar' }),
      "Ongeldige invoer: het veld 'status' moet een van deze zijn: open, afgerond, vervallen.",
    );
    assert.equal(
      await said('PATCH', `${API_PREFIX}/afspraken/nul`, { status: 'open' }),
      "Ongeldige invoer: het adres 'nummer' moet een geheel getal zijn, zonder voorloopnul, plusteken, punt of spatie.",
    );
    // a number in the query too (red team 27: ?limit=0x2 gave two rows)
    for (const loose of ['0x2', '2e0', '2.0', '%2B2', '02', '%202'])
      assert.match(
        await said('GET', `${API_PREFIX}/trajecten?gemeente=9001&limit=${loose}`),
        /de parameter 'limit' moet een geheel getal zijn/,
        loose,
      );
    // one record, one address: the spellings Ajv would read as 3 are refused (red team 26)
    for (const loose of ['0x3', '3e0', '3.0', '+3', '03', '%203', '3%20'])
      assert.match(
        await said('PATCH', `${API_PREFIX}/afspraken/${loose}`, { status: 'open' }),
        /het adres 'nummer' moet een geheel getal zijn/,
        loose,
      );
  });

  it('a misspelt field in a goal is refused in Dutch, with the field it meant among the known ones', async () => {
    const a = await ask('POST', `${API_PREFIX}/goals`, {
      gemeente: '9001',
      indicator: 'youth_in_care',
      title: 'Doel',
      target: 10,
      deadline: '2026-12-31',
      Gemeente: '9002',
    });
    assert.equal(a.status, 400, a.text);
    const j = JSON.parse(a.text) as { code: string; message: string };
    assert.equal(j.code, 'ongeldige_invoer');
    assert.match(j.message, /het veld 'Gemeente' bestaat hier niet \(wel: .*gemeente/);
  });

  it("an unknown field inside an account's scope is refused, not saved as the whole gemeente (red team 11)", async () => {
    const a = await ask('POST', `${API_PREFIX}/users`, {
      username: 'nieuw1',
      displayName: 'Nieuw',
      role: 'controller',
      password: 'een lang genoeg wachtwoord 123',
      scopes: [{ kind: 'gemeente', key: '9002', Team: 'Centrum' }],
    });
    assert.equal(a.status, 400, a.text);
    const j = JSON.parse(a.text) as { message: string };
    assert.match(j.message, /het veld 'scopes\[0\]\.Team' bestaat hier niet \(wel: kind, key\)/);
  });

  it('a query parameter sent empty is refused, naming it, on every route that takes one (it read as "no filter")', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const r of apiRoutes().filter((x) => x.method === 'GET' && !OPEN_QUERY.has(`${x.method} ${x.url}`))) {
      const op = operationOf(r.method, r.url)!;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      for (const empty of query.filter((p) => p.schema?.type === 'string' && !p.schema.enum)) {
        tried++;
        const qs = [
          ...query
            .filter((p) => p.required && p.name !== empty.name)
            .map((p) => `${p.name}=${encodeURIComponent(String(plausible(p.schema, p.name)))}`),
          `${empty.name}=`,
        ];
        const a = await ask('GET', `${pathOf(r.url)}?${qs.join('&')}`);
        if (a.status !== 400 || !a.text.includes(`'${empty.name}' is leeg`))
          wrong.push(`GET ${r.url} ${empty.name}=: ${a.status} ${a.text.slice(0, 160)}`);
      }
    }
    assert.ok(tried >= 20, `empty parameters tried: ${tried}`);
    assert.deepEqual(wrong, []);
  });

  it('an upload refuses a form field it does not have, a file under another name and acceptValid other than true/false', async () => {
    const send = async (fields: Record<string, string>, fileField = 'bestand') => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      fd.append(fileField, new Blob(['a;b\n1;2\n']), 'trajecten.csv');
      const res = await fetch(`${base}${API_PREFIX}/imports`, {
        method: 'POST',
        headers: { cookie: cookies[0]! },
        body: fd,
      });
      return { status: res.status, text: await res.text() };
    };
    const misspelt = await send({ Profiel: 'suite-jeugd' });
    assert.equal(misspelt.status, 400, misspelt.text);
    assert.match(misspelt.text, /het veld 'Profiel' bestaat hier niet \(wel: bestand, acceptValid, profiel, blad\)/);
    const file = await send({}, 'file');
    assert.equal(file.status, 400, file.text);
    assert.match(file.text, /'file' bestaat hier niet/);
    const empty = await send({ profiel: '' });
    assert.equal(empty.status, 400, empty.text);
    assert.match(empty.text, /het veld 'profiel' is leeg; vul het in of laat het weg/);
    const twice = await (async () => {
      const fd = new FormData();
      fd.append('acceptValid', 'true');
      fd.append('acceptValid', 'false');
      fd.append('bestand', new Blob(['a;b\n1;2\n']), 'trajecten.csv');
      const res = await fetch(`${base}${API_PREFIX}/imports`, {
        method: 'POST',
        headers: { cookie: cookies[0]! },
        body: fd,
      });
      return { status: res.status, text: await res.text() };
    })();
    assert.equal(twice.status, 400, twice.text);
    assert.match(twice.text, /'acceptValid' staat er twee keer/);
    const ja = await send({ acceptValid: 'ja' });
    assert.equal(ja.status, 400, ja.text);
    assert.match(ja.text, /acceptValid is 'true' of 'false', niet 'ja'/);
    // a form field holds text: a control character or noncharacter is refused by its code point, never echoed
    // (red team 26: blad with U+0007 went on to the file check, profiel echoed it in its message)
    for (const [field, value, code] of [
      ['blad', 'a\u0007', 'U+0007'],
      ['profiel', 'x\uFFFF', 'U+FFFF'],
    ] as const) {
      const a = await send({ [field]: value });
      assert.equal(a.status, 400, a.text);
      assert.match(
        a.text,
        new RegExp(`het uploadformulier bevat een teken dat geen tekst is \\(${code.replace('+', '\\+')}`),
      );
      assert.ok(!a.text.includes(value.slice(-1)), 'the character itself is not echoed');
    }
  });

  it("a body Fastify cannot read is refused in Zicht's words, never with the framework's own code", async () => {
    for (const [type, body, status, code] of [
      ['application/json', '{"__proto__": {"x": 1}, "gemeente": "9001"}', 400, 'ongeldig_verzoek'],
      ['application/json', '{"gemeente": ', 400, 'ongeldig_verzoek'],
      ['application/xml', '<doel/>', 415, 'ongeldig_verzoek'],
    ] as const) {
      const res = await fetch(`${base}${API_PREFIX}/goals`, {
        method: 'POST',
        headers: { cookie: cookies[0]!, 'content-type': type },
        body,
      });
      const text = await res.text();
      assert.equal(res.status, status, text);
      const j = JSON.parse(text) as { code: string; message: string };
      assert.equal(j.code, code, text);
      assert.doesNotMatch(text, /FST_/);
    }
  });

  // last: a route that wrongly took the body would run (a log-out ends the session the other tests use)
  it('a write that takes no body refuses one, on every such route of the route table', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const r of apiRoutes().filter((x) => x.method !== 'GET')) {
      const op = operationOf(r.method, r.url)!;
      if (op.requestBody) continue;
      tried++;
      const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
      const qs = required.map((p) => `${p.name}=${encodeURIComponent(String(plausible(p.schema, p.name)))}`).join('&');
      const a = await ask(r.method, `${pathOf(r.url)}${qs ? `?${qs}` : ''}`, { force: true });
      if (a.status !== 400 || !a.text.includes('geen inhoud'))
        wrong.push(`${r.method} ${r.url}: ${a.status} ${a.text.slice(0, 120)}`);
    }
    assert.ok(tried >= 3, `writes without a body: ${tried}`);
    assert.deepEqual(wrong, []);
  });
});
