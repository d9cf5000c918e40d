/**
 * Light follow-up after referral over real HTTP, per role (issue 21): a team manager sees the overdue evaluations of
 * its own team and nothing of other teams, an analist every team of its gemeenten, a provider, the bestuur and the
 * controller none; an entry by the team manager for another team's trajectory is refused (404: not in its scope);
 * bad entries are refused in words naming the field; a note is no field at all. The fixture (testing/server.ts):
 * 9001 Noord T0–T7 and T29 (secret address), Zuid T8–T14, 9002 Centrum T15–T28, all from 2024-02-01; open are
 * T0, T3, T6, T8, T11, T12, T15, T18, T21, T24, T27 and T29. 9001 keeps a rhythm of 3 months; 9002 none.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, listenLoopback, serverFixture, type ServerFixture } from '../testing/server.js';
import { addDays, dutchToday } from '../domain/dates.js';
import { API_PREFIX } from './apiSchema.js';

interface Overdue {
  asOf: string;
  rows: Array<{ gemeente: string; trajectory: string; team: string | null; planned: string; daysOverdue: number }>;
}

onOneBackend('evaluations after referral over HTTP, per role', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  const cookies = new Map<string, string>();
  const later = addDays(dutchToday(), 30);

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(
      db.store,
      {},
      {
        sql: "INSERT INTO evaluation_rhythm (gemeente_code, product_category, product_code, months) VALUES ('9001', '', '', 3);",
        files: {
          'evaluaties.csv': [
            'traject_id;gemeente;geplande_datum;gehouden_datum;uitkomst;uitgevoerd_door',
            // T3's next moment lies ahead: nothing overdue; T15 (9002, no rhythm) was never held
            `T3;9001;${later};;;`,
            'T15;9002;2024-06-01;;;',
          ].join('\n'),
        },
      },
    );
    base = await listenLoopback(f);
    for (const u of ['teammanager', 'analist', 'analist9001', 'aanbieder1', 'bestuur', 'controller', 'beheerder'])
      cookies.set(u, await login(f, u));
  });
  after(async () => {
    await f.close();
    await db.drop();
  });

  const send = async (who: string, method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${API_PREFIX}${url}`, {
      method,
      headers: { cookie: cookies.get(who)!, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const overdue = async (who: string, q = '') => {
    const r = await send(who, 'GET', `/evaluaties/achterstallig${q}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as unknown as Overdue;
  };
  const ids = (o: Overdue) => o.rows.map((r) => r.trajectory).sort();

  it('a team manager sees its own team’s overdue evaluations and nothing of other teams', async () => {
    const o = await overdue('teammanager');
    assert.deepEqual(ids(o), ['T0', 'T6'], 'Noord: T3 is not due yet, T29 has a secret address');
    assert.ok(o.rows.every((r) => r.team === 'Noord' && r.gemeente === '9001'));
    // the first derived moment: 2024-02-01 + 3 months, overdue since
    const t0 = o.rows.find((r) => r.trajectory === 'T0')!;
    assert.equal(t0.planned, '2024-05-01');
    assert.equal(t0.daysOverdue, Math.round((Date.parse(o.asOf) - Date.parse('2024-05-01')) / 86_400_000));
    assert.ok(!('youth' in t0), 'no youth pseudonym in the list');
  });

  it('an analist sees every team of its gemeenten; others see none', async () => {
    assert.deepEqual(ids(await overdue('analist')), ['T0', 'T11', 'T12', 'T15', 'T6', 'T8']);
    assert.deepEqual(ids(await overdue('analist9001')), ['T0', 'T11', 'T12', 'T6', 'T8']);
    for (const who of ['aanbieder1', 'bestuur', 'controller', 'beheerder'])
      assert.equal((await send(who, 'GET', '/evaluaties/achterstallig')).status, 403, who);
  });

  it('a team manager enters a held evaluation for its own team, not for another team', async () => {
    const own = await send('teammanager', 'POST', '/evaluaties', {
      gemeente: '9001',
      traject: 'T0',
      geplandeDatum: '2024-05-01',
      gehoudenDatum: '2024-05-03',
      uitkomst: 'doorgaan',
      uitgevoerdDoor: 'gezinscoach',
    });
    assert.equal(own.status, 201, JSON.stringify(own.json));
    // the rhythm continues from the held date: 2024-08-03 is now T0's first overdue moment
    const t0 = (await overdue('teammanager')).rows.find((r) => r.trajectory === 'T0')!;
    assert.equal(t0.planned, '2024-08-03');
    const other = await send('teammanager', 'POST', '/evaluaties', {
      gemeente: '9001',
      traject: 'T8',
      geplandeDatum: '2024-05-01',
    });
    assert.equal(other.status, 404, 'another team’s trajectory is not in its scope');
    assert.equal(
      (await db.store.query("SELECT 1 FROM evaluation_moment WHERE trajectory_id = 'T8'")).length,
      0,
      'nothing written',
    );
  });

  it('bad entries are refused in words naming the field; no note, no name', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ geplandeDatum: '2024-05-01', uitkomst: 'doorgaan' }, /gehouden datum/],
      [{ geplandeDatum: '2024-05-01', gehoudenDatum: '2024-01-15', uitkomst: 'doorgaan' }, /vóór de start/],
      [{ geplandeDatum: '2024-05-01', gehoudenDatum: '2099-01-01', uitkomst: 'doorgaan' }, /na vandaag/],
      [
        {
          geplandeDatum: '2024-05-01',
          gehoudenDatum: '2024-05-02',
          uitkomst: 'doorgaan',
          uitgevoerdDoor: 'Jan Jansen',
        },
        /geen naam/,
      ],
      [{ geplandeDatum: '2024-02-30' }, /geplandeDatum/],
      [{ geplandeDatum: '2024-05-01', gehoudenDatum: '2024-05-02', uitkomst: 'prima gesprek' }, /./],
      [{ geplandeDatum: '2024-05-01', notitie: 'moeder tevreden' }, /./],
    ];
    for (const [body, message] of cases) {
      const r = await send('analist', 'POST', '/evaluaties', { gemeente: '9001', traject: 'T6', ...body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(String(r.json['message']), message, JSON.stringify(r.json));
    }
    assert.equal((await db.store.query("SELECT 1 FROM evaluation_moment WHERE trajectory_id = 'T6'")).length, 0);
  });

  it('the beheerder sets a rhythm; without one a gemeente counts only what it recorded', async () => {
    assert.deepEqual(ids(await overdue('analist', '?gemeente=9002')), ['T15']);
    const set = await send('beheerder', 'PUT', '/evaluaties/ritme', {
      gemeente: '9002',
      productcategorie: '',
      productcode: '',
      maanden: 6,
    });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.deepEqual(set.json['settings'], [{ productCategory: '', productCode: '', rhythmMonths: 6 }]);
    assert.deepEqual(ids(await overdue('analist', '?gemeente=9002')), ['T15', 'T18', 'T21', 'T24', 'T27']);
    assert.equal(
      (
        await send('analist', 'PUT', '/evaluaties/ritme', {
          gemeente: '9002',
          productcategorie: '',
          productcode: '',
          maanden: 3,
        })
      ).status,
      403,
    );
  });
});
