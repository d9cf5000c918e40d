/**
 * The sociale kaart over the API (issue 21). The public page's data over real HTTP without a session: one gemeente,
 * offers valid today, public fields only, as JSON, CSV and Excel; nothing of another gemeente and no ended or future
 * offer through any spelling of the address (paths sent byte-exact with node:http, as in attack.test.ts). With a
 * session: the filters, and create, change and end by the roles that may write; every other role is refused on
 * every write route, taken from the route table (not a list kept here), and nothing changes.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { ACCOUNT_SPECS, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { can } from '../app/access.js';
import { addDays, dutchToday } from '../domain/dates.js';

const HEADER =
  'aanbod_id;gemeente;organisatie;naam;doelgroep;omschrijving;leeftijd_van;leeftijd_tot;themas;wijk;vrij_toegankelijk;website;telefoon;email;geldig_van;geldig_tot';
const today = dutchToday();
const yesterday = addDays(today, -1);
const AANBOD = [
  HEADER,
  `O1;9001;Opvoedpunt Testdorp;Opvoedspreekuur;ouders van jonge kinderen;;0;12;opvoeden;Noord;ja;opvoedpunt.example.nl;0101234567;;2024-01-01;`,
  `O2;9001;Bibliotheek Testdorp;Huiswerkklas;scholieren;;10;16;school|vrije_tijd;;ja;bieb.example.nl;;info@bieb.example.nl;2024-01-01;${today}`,
  `O3;9001;Jongerenwerk Testdorp;Inloop jongeren;jongeren;;12;23;psychisch_welzijn;Zuid;nee;jong.example.nl;;;2024-01-01;`,
  `OUD;9001;Oud Verleden;Afgelopen cursus;ouders;;0;18;opvoeden;;ja;oud.example.nl;;;2023-01-01;${yesterday}`,
  `LATER;9001;Toekomst;Nog niet begonnen;ouders;;0;18;opvoeden;;ja;later.example.nl;;;${addDays(today, 1)};`,
  `P1;9002;Proefstad Welzijn;Geheim van Proefstad;ouders;;0;18;opvoeden;;ja;proef.example.nl;;;2024-01-01;`,
].join('\n');

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
function send(port: number, method: string, path: string, cookie?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: cookie ? { cookie } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const FOREIGN = ['Proefstad', 'Afgelopen cursus', 'Nog niet begonnen', 'P1', 'OUD', 'LATER'];
const offerBody = (over: Record<string, unknown> = {}) => ({
  organisatie: 'Buurthuis De Linde',
  naam: 'Kookclub',
  doelgroep: 'kinderen',
  leeftijdVan: 6,
  leeftijdTot: 12,
  themas: ['vrije_tijd'],
  wijk: 'Noord',
  vrijToegankelijk: true,
  website: 'delinde.example.nl',
  geldigVan: '2025-01-01',
  ...over,
});

onOneBackend('the sociale kaart over the API', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let port = 0;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store, {}, { files: { 'aanbod.csv': AANBOD } });
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    port = (f.app.server.address() as AddressInfo).port;
    for (const a of ACCOUNT_SPECS) cookies.set(a.username, await login(f, a.username));
  });
  after(async () => {
    agent.destroy();
    await f?.close();
    await db?.drop();
  });

  it('without a session: one gemeente, valid today, public fields only, and no cookie', async () => {
    const a = await send(port, 'GET', '/api/v1/publiek/sociale-kaart/9001');
    assert.equal(a.status, 200, a.body.toString());
    assert.equal(a.headers['set-cookie'], undefined);
    const j = JSON.parse(a.body.toString()) as {
      gemeente: { code: string; name: string };
      peildatum: string;
      offers: Array<Record<string, unknown>>;
      categories: Array<{ code: string; themes: string[] }>;
    };
    assert.deepEqual(j.gemeente, { code: '9001', name: 'Testdorp' });
    assert.equal(j.peildatum, today);
    assert.deepEqual(
      j.offers.map((o) => o.id).sort(),
      ['O1', 'O2', 'O3'],
      'the last day still counts; ended and future not',
    );
    for (const o of j.offers) {
      assert.deepEqual(
        Object.keys(o).sort(),
        [
          'ageFrom',
          'ageTo',
          'area',
          'description',
          'email',
          'gemeente',
          'id',
          'name',
          'openAccess',
          'organisation',
          'phone',
          'targetGroup',
          'themes',
          'validFrom',
          'validTo',
          'website',
        ],
        'no changedBy or changedAt: who edited it is not public',
      );
    }
    for (const w of FOREIGN) assert.ok(!a.body.toString().includes(w), `${w} does not leak`);
    assert.ok(
      j.categories.some((c) => c.code === '45' && c.themes.includes('opvoeden')),
      'the mapping is there',
    );
  });

  it('filters on the public page: theme, age, wijk (the whole gemeente counts), vrij toegankelijk, words', async () => {
    const ids = async (q: string) =>
      (
        JSON.parse((await send(port, 'GET', `/api/v1/publiek/sociale-kaart/9001?${q}`)).body.toString()) as {
          offers: Array<{ id: string }>;
        }
      ).offers
        .map((o) => o.id)
        .sort();
    assert.deepEqual(await ids('thema=school'), ['O2']);
    assert.deepEqual(await ids('leeftijd=14'), ['O2', 'O3']);
    assert.deepEqual(await ids('wijk=noord'), ['O1', 'O2'], 'an offer for the whole gemeente is in every wijk');
    assert.deepEqual(await ids('vrijToegankelijk=nee'), ['O3']);
    assert.deepEqual(await ids('zoek=huiswerk'), ['O2']);
    assert.deepEqual(await ids('zoek=%25'), [], 'a % is a character, not a wildcard');
  });

  it('exports CSV (Dutch and ISO headers) and Excel without a session, with the same offers only', async () => {
    const csv = await send(port, 'GET', '/api/v1/publiek/sociale-kaart/9001?format=csv');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /sociale-kaart-9001\.csv/);
    const lines = csv.body
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0]!.split(';')[0], 'aanbod_id');
    assert.equal(lines.length, 4);
    assert.ok(
      lines.some((l) => l.includes('"school|vrije_tijd"') && l.includes('"school en leren|vrije tijd en meedoen"')),
    );
    for (const w of FOREIGN) assert.ok(!csv.body.toString().includes(w), `${w} not in the CSV`);
    const en = await send(port, 'GET', '/api/v1/publiek/sociale-kaart/9001?format=csv&headers=en');
    assert.equal(
      en.body
        .toString('utf8')
        .replace(/^\ufeff/, '')
        .split(',')[0],
      'offer_id',
    );
    const x = await send(port, 'GET', '/api/v1/publiek/sociale-kaart/9001?format=xlsx');
    assert.equal(x.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount, 4);
    const names: string[] = [];
    ws.eachRow((r, i) => i > 1 && names.push(String(r.getCell(5).value)));
    assert.equal(ws.getRow(2).getCell(3).value, 'Testdorp', 'the gemeente by name beside its code');
    assert.deepEqual(names.sort(), ['Huiswerkklas', 'Inloop jongeren', 'Opvoedspreekuur']);
  });

  it('odd spellings of the address open no other gemeente and no ended offer', async () => {
    const base = '/api/v1/publiek/sociale-kaart';
    const odd = [
      `${base}/9001/../9002`,
      `${base}/9001/%2e%2e/9002`,
      `${base}/9001%2F..%2F9002`,
      `${base}/9001%2f9002`,
      `${base}/9001,9002`,
      `${base}/9001;9002`,
      `${base}/9001%3B9002`,
      `${base}/9001%2C9002`,
      `${base}/9001%209002`,
      `${base}/GM9002`,
      `${base}/gm9002`,
      `${base}/09002`,
      `${base}/9002.json`,
      `${base}/9002%00`,
      `${base}/+9002`,
      `${base}/9001?gemeente=9002`,
      `${base}/9001?gemeente[]=9002`,
      `${base}/9001?geldigOp=${yesterday}`,
      `${base}/9001?geldigOp=2023-06-01`,
      `${base}/*`,
      `${base}/`,
      `${base}`,
      `${base}/9999`,
      `${base}/alle`,
      `${base}/9001/9002`,
      `${base}/9001/P1`,
      `/api/v1/sociale-kaart?gemeente=9002`,
      `/api/v1/sociale-kaart/9002/P1`,
      `/api/publiek/sociale-kaart/9001`,
      `/API/v1/publiek/sociale-kaart/9002`,
    ];
    const wrong: string[] = [];
    for (const path of odd) {
      const a = await send(port, 'GET', path);
      const body = a.body.toString();
      if (a.status === 308) {
        const to = String(a.headers.location);
        const b = await send(port, 'GET', to);
        if (b.status === 200 && FOREIGN.some((w) => b.body.toString().includes(w)))
          wrong.push(`${path} → ${to}: leaks`);
        continue;
      }
      if (![200, 400, 401, 404].includes(a.status)) wrong.push(`${path}: ${a.status}`);
      if (FOREIGN.some((w) => body.includes(w))) wrong.push(`${path}: ${a.status} leaks ${body.slice(0, 120)}`);
      if (a.status === 200 && !body.includes('"code":"9001"')) wrong.push(`${path}: 200 for ${body.slice(0, 80)}`);
    }
    assert.deepEqual(wrong, []);
    // the same gemeente's code percent-encoded is still that gemeente, nothing else
    const enc = await send(port, 'GET', `${base}/%39%30%30%31`);
    assert.equal(enc.status, 200);
    assert.ok(!FOREIGN.some((w) => enc.body.toString().includes(w)));
  });

  it('with a session: every role in scope reads, with filters; ages are not hidden for bestuur', async () => {
    const read = async (who: string, q: string) => {
      const r = await f.app.inject({
        method: 'GET',
        url: `/api/v1/sociale-kaart?${q}`,
        headers: { cookie: cookies.get(who)! },
      });
      assert.equal(r.statusCode, 200, `${who}: ${r.body}`);
      return (r.json() as { offers: Array<{ id: string; ageFrom: number; changedBy: string }> }).offers;
    };
    assert.deepEqual(
      (await read('analist', 'gemeente=9001')).map((o) => o.id).sort(),
      ['LATER', 'O1', 'O2', 'O3', 'OUD'],
      'the ended and future offers are there to manage',
    );
    assert.deepEqual((await read('analist', `gemeente=9001&geldigOp=${yesterday}`)).map((o) => o.id).sort(), [
      'O1',
      'O2',
      'O3',
      'OUD',
    ]);
    const bestuur = await read('bestuur', 'thema=school');
    assert.deepEqual(
      bestuur.map((o) => [o.id, o.ageFrom]),
      [['O2', 10]],
    );
    assert.equal(bestuur[0]!.changedBy, 'import');
    const other = await f.app.inject({
      method: 'GET',
      url: '/api/v1/sociale-kaart?gemeente=9002',
      headers: { cookie: cookies.get('bestuur')! },
    });
    assert.equal(other.statusCode, 403, 'another gemeente is outside the scope');
  });

  it('the beheerder and the analist create, change and end an offer; personal data is refused naming the field', async () => {
    const as = (who: string, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) =>
      f.app.inject({ method, url, payload: payload as object, headers: { cookie: cookies.get(who)! } });
    const made = await as('beheerder', 'POST', '/api/v1/sociale-kaart', { gemeente: '9001', id: 'N1', ...offerBody() });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().website, 'https://delinde.example.nl');
    assert.equal(made.json().changedBy, 'beheerder');
    const again = await as('beheerder', 'POST', '/api/v1/sociale-kaart', {
      gemeente: '9001',
      id: 'N1',
      ...offerBody(),
    });
    assert.equal(again.statusCode, 409);
    for (const [over, field] of [
      [{ telefoon: '06 12345678' }, 'telefoon'],
      [{ email: 'piet.jansen@delinde.example.nl' }, 'email'],
      [{ email: '0612345678@delinde.example.nl' }, 'email'],
      [{ omschrijving: 'Vraag naar Piet, piet@gmail.com' }, 'omschrijving'],
      [{ doelgroep: 'kind geb. 12-03-2015' }, 'doelgroep'],
      [{ leeftijdVan: 12, leeftijdTot: 6 }, 'leeftijd_tot'],
      [{ geldigTot: '2024-12-31' }, 'geldig_tot'],
      [{ geldigVan: '2025-02-30' }, 'geldig_van'],
      [{ website: null }, 'website'],
    ] as const) {
      const r = await as('analist', 'PUT', '/api/v1/sociale-kaart/9001/N1', offerBody(over));
      assert.equal(r.statusCode, 400, `${JSON.stringify(over)}: ${r.body}`);
      assert.equal(r.json().code, 'ongeldig_aanbod');
      assert.ok(r.json().message.includes(`'${field.replace(/_/g, ' ')}'`), `${field} named: ${r.json().message}`);
    }
    const unknownTheme = await as(
      'analist',
      'PUT',
      '/api/v1/sociale-kaart/9001/N1',
      offerBody({ themas: ['wachtlijst'] }),
    );
    assert.equal(unknownTheme.statusCode, 400);
    const changed = await as('analist', 'PUT', '/api/v1/sociale-kaart/9001/N1', offerBody({ naam: 'Kookclub junior' }));
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().name, 'Kookclub junior');
    assert.equal(changed.json().changedBy, 'analist');
    const early = await as('analist', 'PATCH', '/api/v1/sociale-kaart/9001/N1', { geldigTot: '2024-06-30' });
    assert.equal(early.statusCode, 400, 'an end before the start');
    const ended = await as('analist', 'PATCH', '/api/v1/sociale-kaart/9001/N1', { geldigTot: yesterday });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().validTo, yesterday);
    const pub = await send(port, 'GET', '/api/v1/publiek/sociale-kaart/9001');
    assert.ok(!pub.body.toString().includes('Kookclub'), 'an ended offer leaves the public page');
    const outside = await as('analist9001', 'POST', '/api/v1/sociale-kaart', {
      gemeente: '9002',
      id: 'N2',
      ...offerBody(),
    });
    assert.equal(outside.statusCode, 403, 'a gemeente outside the scope');
    const missing = await as('analist', 'PATCH', '/api/v1/sociale-kaart/9001/GEEN', { geldigTot: today });
    assert.equal(missing.statusCode, 404);
    // what is published without login is on record: who made, changed and ended it (red team 38)
    const log = await f.ctx.store.query<{ username: string; query: string }>(
      "SELECT username, query FROM audit_log WHERE event = 'aanbod_gewijzigd' ORDER BY seq",
    );
    assert.deepEqual(
      log.map((l) => [l.username, l.query]),
      [
        ['beheerder', '9001 aanbod N1 nieuw'],
        ['analist', '9001 aanbod N1 gewijzigd'],
        ['analist', `9001 aanbod N1 beëindigd per ${yesterday}`],
      ],
    );
  });

  it('every write route of the sociale kaart, from the route table, refuses every role that may not write', async () => {
    const writes = f.routeTable.filter(
      (r) => r.url.startsWith('/api/v1/sociale-kaart') && r.method !== 'GET' && r.method !== 'HEAD',
    );
    assert.deepEqual(writes.map((r) => `${r.method} ${r.url}`).sort(), [
      'PATCH /api/v1/sociale-kaart/:gemeente/:aanbod',
      'POST /api/v1/sociale-kaart',
      'PUT /api/v1/sociale-kaart/:gemeente/:aanbod',
    ]);
    assert.ok(writes.every((r) => r.action === 'social_map_write'));
    const before = await db.store.query('SELECT * FROM social_offer ORDER BY gemeente_code, offer_id');
    const payload = (method: string) =>
      method === 'PATCH'
        ? { geldigTot: today }
        : method === 'POST'
          ? { gemeente: '9001', id: 'W1', ...offerBody() }
          : offerBody();
    const wrong: string[] = [];
    let refused = 0;
    for (const route of writes) {
      const url = route.url.replace(':gemeente', '9001').replace(':aanbod', 'O1');
      for (const who of ['anoniem', ...ACCOUNT_SPECS.map((a) => a.username)]) {
        const spec = ACCOUNT_SPECS.find((a) => a.username === who);
        const may = spec !== undefined && can({ role: spec.role, mfaPassed: true } as never, 'social_map_write');
        if (may) continue;
        const r = await f.app.inject({
          method: route.method as 'POST',
          url,
          payload: payload(route.method),
          headers: who === 'anoniem' ? {} : { cookie: cookies.get(who)! },
        });
        refused++;
        const want = who === 'anoniem' ? 401 : 403;
        if (r.statusCode !== want) wrong.push(`${who} ${route.method} ${url}: ${r.statusCode}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.equal(refused, 3 * 7, 'anonymous and the six accounts of other roles, on three routes');
    assert.deepEqual(await db.store.query('SELECT * FROM social_offer ORDER BY gemeente_code, offer_id'), before);
  });
});
