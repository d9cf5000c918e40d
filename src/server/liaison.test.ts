/**
 * Liaison positions over real HTTP on both back ends (issue 21): bad input first (an unknown kind, a GP practice
 * without an 8-digit AGB code, hours of 0, an end before the start, an unknown field: 400 in words, nothing stored),
 * then the roles (only the beheerder and the analist enter; no gemeente outside the scope), entering and changing a
 * position with the lens rebuilt so liaison_reach follows at once, removing it, and the list as a bestuur reads it
 * (hours per week a setting, not a count to round).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { listenLoopback, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { testBsn } from '../testing/fixtures.js';

const BASISHULP = [
  'episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden;vindplaats',
  // twelve youths helped at practice 01234567 in 2024, one at school 12AB, one without a vindplaats
  ...Array.from(
    { length: 12 },
    (_, i) => `B${i};${testBsn(300 + i)};2014-03;9001;900101;Noord;2024-0${1 + (i % 9)}-10;;Wonen;01234567`,
  ),
  `S1;${testBsn(320)};2012-03;9001;900101;Noord;2024-03-01;;Wonen;12AB`,
  `N1;${testBsn(321)};2012-03;9001;900101;Noord;2024-03-01;;Wonen;`,
].join('\n');
const POSITIONS =
  'functie_id;gemeente;soort;vindplaats_soort;vindplaats;vindplaats_naam;uren_per_week;startdatum;einddatum\n' +
  'VF1;9001;POH-jeugd;huisartsenpraktijk;01234567;Praktijk De Linde;16,5;2024-01-01;\n' +
  'VF9;9002;gezinscoach;school;99ZZ;OBS Proefstad;8;2024-01-01;\n';

forEachBackend('liaison positions over the API', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  const cookies = new Map<string, string>();

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(
      db.store,
      {},
      { files: { 'basishulp.csv': BASISHULP, 'verbindingsfuncties.csv': POSITIONS } },
    );
    base = await listenLoopback(f);
    for (const u of ['analist', 'analist9001', 'beheerder', 'bestuur', 'controller']) {
      f.clock.now = new Date(f.clock.now.getTime() + 30_000); // a fresh TOTP step per log-in
      cookies.set(u, await login(f, u));
    }
  });
  after(async () => {
    await f.close();
    await db.drop();
  });

  async function call(user: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie: cookies.get(user)!, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
  }
  const stored = async () =>
    (await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM liaison_position'))[0]!.n;
  const GOOD = {
    soort: 'jeugdconsulent',
    vindplaatsSoort: 'school',
    vindplaats: '12AB',
    vindplaatsNaam: 'OBS De Wilg',
    urenPerWeek: 8,
    startdatum: '2024-02-01',
  };

  it('refuses bad input in words and stores nothing', async () => {
    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
      ['unknown kind', { ...GOOD, soort: 'psycholoog' }, /soort/],
      [
        'a practice without its AGB code',
        { ...GOOD, vindplaatsSoort: 'huisartsenpraktijk', vindplaats: '1234' },
        /AGB-code van 8 cijfers/,
      ],
      ['no hours', { ...GOOD, urenPerWeek: 0 }, /uren|urenPerWeek/],
      ['an end before the start', { ...GOOD, einddatum: '2024-01-01' }, /einddatum ligt vóór startdatum/],
      ['no such day', { ...GOOD, startdatum: '2024-02-30' }, /startdatum/],
      ['an unknown field', { ...GOOD, team: 'Noord' }, /team|additional|onbekend/i],
    ];
    const before = await stored();
    for (const [what, body, words] of bad) {
      const r = await call('analist', 'PUT', '/verbindingsfuncties/9001/VF2', body);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.match(r.text, words, what);
    }
    assert.equal(await stored(), before);
  });

  it('only the beheerder and the analist enter, and only within their scope', async () => {
    for (const u of ['bestuur', 'controller'])
      assert.equal((await call(u, 'PUT', '/verbindingsfuncties/9001/VF2', GOOD)).status, 403, u);
    assert.equal((await call('analist9001', 'PUT', '/verbindingsfuncties/9002/VF2', GOOD)).status, 403);
    assert.equal((await call('bestuur', 'DELETE', '/verbindingsfuncties/9001/VF1')).status, 403);
  });

  it('enters, changes and removes a position; the lens follows at once', async () => {
    const reach = async () => {
      const r = await call('analist', 'GET', '/indicators/liaison_reach?period=2024&gemeente=9001&by=vindplaats');
      assert.equal(r.status, 200, r.text);
      return (r.json.rows as Array<{ key: string; value: number }>).map((x) => [x.key, x.value]);
    };
    assert.deepEqual(await reach(), [['01234567', 12]]);
    const made = await call('analist', 'PUT', '/verbindingsfuncties/9001/VF2', GOOD);
    assert.equal(made.status, 201, made.text);
    assert.equal(made.json.kindNl, 'jeugdconsulent');
    assert.equal(made.json.source, 'api');
    assert.deepEqual(await reach(), [
      ['01234567', 12],
      ['12AB', 1],
    ]);
    const changed = await call('beheerder', 'PUT', '/verbindingsfuncties/9001/VF2', {
      ...GOOD,
      urenPerWeek: 12.5,
      einddatum: '2024-02-20',
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.hoursPerWeek, 12.5);
    // the school episode starts 1 March, after the changed position ended: no longer reached
    assert.deepEqual(await reach(), [
      ['01234567', 12],
      ['12AB', 0],
    ]);
    const audit = await db.store.query<{ query: string }>(
      "SELECT query FROM audit_log WHERE event = 'verbindingsfunctie_gewijzigd' ORDER BY id",
    );
    assert.deepEqual(
      audit.map((a) => a.query.split(' ')[0]),
      ['ingevoerd', 'gewijzigd'],
    );
    const gone = await call('analist', 'DELETE', '/verbindingsfuncties/9001/VF2');
    assert.equal(gone.status, 200, gone.text);
    assert.equal((await call('analist', 'DELETE', '/verbindingsfuncties/9001/VF2')).status, 404);
    assert.deepEqual(await reach(), [['01234567', 12]]);
  });

  it('lists the positions of the caller’s gemeenten; a bestuur reads the hours as they are', async () => {
    const all = await call('analist', 'GET', '/verbindingsfuncties');
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      (all.json.positions as Array<{ gemeente: string; id: string }>).map((p) => `${p.gemeente}/${p.id}`),
      ['9001/VF1', '9002/VF9'],
    );
    const mine = await call('bestuur', 'GET', '/verbindingsfuncties');
    assert.equal(mine.status, 200, mine.text);
    const [p] = mine.json.positions as Array<Record<string, unknown>>;
    assert.deepEqual(
      [p!.id, p!.kindNl, p!.locationName, p!.hoursPerWeek, p!.start, p!.end, p!.source],
      ['VF1', 'POH-jeugd', 'Praktijk De Linde', 16.5, '2024-01-01', null, 'import'],
    );
    assert.equal((mine.json.positions as unknown[]).length, 1, 'the bestuur of 9001 sees 9001 only');
    // published: 12 youths reached becomes 10 (rounded to 5)
    const pub = await call('bestuur', 'GET', '/indicators/liaison_reach?period=2024&by=vindplaats');
    assert.equal(pub.status, 200, pub.text);
    assert.deepEqual(
      (pub.json.rows as Array<{ key: string; value: number }>).map((x) => [x.key, x.value]),
      [['01234567', 10]],
    );
  });
});
