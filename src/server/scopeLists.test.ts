/**
 * Issue 13.4: person-level lists of the Data page (import runs, quarantine) stay inside the
 * reader's scope through row-level security and every read is in the access log. Attacked over
 * the API as an analist scoped to 9001, on both back ends; the lists are taken from the route
 * table (routes needing `person_level` or `import` that answer a GET with rows).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { TEST_KEY, TRAJECTEN_HEADER, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { routeTable } from './disclosureStep.js';
import * as quarantineMigration from '../store/migrations/0015_disclosure_quarantine_scope.js';

forEachBackend('person-level lists stay in scope and are logged (13.4)', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const bsn9002 = testBsn(700);
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    // one refused row per gemeente (unknown product category), kept in quarantine with --accept-valid
    // a column the record type does not know (a name) must not reach the quarantine either
    const csv = [
      `${TRAJECTEN_HEADER};naam`,
      `${trajectRow({ traject_id: 'Q1', client_id: testBsn(701), gemeente: '9001', team: 'Noord', productcategorie: '99', geboortedatum: '2011-04-23' })};Jan Jansen`,
      `${trajectRow({ traject_id: 'Q2', client_id: bsn9002, gemeente: '9002', team: 'Centrum', productcategorie: '99', geboortedatum: '2013-09-17' })};Piet Pietersen`,
      `${trajectRow({ traject_id: 'Q3', client_id: testBsn(702), gemeente: '9002', team: 'Centrum', productcategorie: '45', geboortedatum: '2013-09-17' })};Kees`,
    ].join('\n');
    const r = await importCsvFile(
      { store: db.store, dataDir: f.dataDir, key: TEST_KEY },
      writeCsv(f.dataDir, 'q.csv', csv),
      { acceptValid: true },
    );
    assert.equal(r.status, 'committed');
    assert.equal(r.rowsRejected, 2);
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  /** GET routes of the person-level and import lists, from Fastify's own route table */
  const listRoutes = () => {
    const out: string[] = [];
    for (const r of routeTable(f.app)) {
      if (r.method === 'GET' && !r.url.includes(':') && (r.action === 'import' || r.action === 'person_level'))
        out.push(r.url);
    }
    return out;
  };

  it('the list routes are found in the route table', () => {
    const lists = listRoutes();
    assert.ok(lists.includes('/api/v1/quarantine') && lists.includes('/api/v1/imports'), lists.join(', '));
  });

  it('an analist scoped to 9001 sees no row of 9002 in any list, and each read is logged', async () => {
    const cookie = await login(f, 'analist9001');
    for (const url of listRoutes()) {
      const before = (
        await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE username = $1', [
          'analist9001',
        ])
      )[0]!.n;
      const res = await f.app.inject({ method: 'GET', url, headers: { cookie } });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      if (!Array.isArray(res.json())) continue; // not a list of rows (e.g. the mapping profiles)
      const body = res.body;
      assert.ok(!body.includes('"9002"'), `${url} shows a row of 9002: ${body.slice(0, 300)}`);
      assert.ok(!body.includes('Centrum'), `${url} shows 9002's team`);
      assert.ok(!body.includes('Q2'), `${url} shows 9002's trajectory`);
      const logged = await db.store.query<{ event: string; query: string | null }>(
        'SELECT event, query FROM audit_log WHERE username = $1 ORDER BY id OFFSET $2',
        ['analist9001', before],
      );
      assert.ok(
        logged.some((l) => l.event === 'lezen_persoonsgegevens'),
        `${url}: the read is not in the access log`,
      );
    }
    const q = (await f.app.inject({ method: 'GET', url: '/api/v1/quarantine', headers: { cookie } })).json() as Array<{
      gemeente_code: string;
    }>;
    assert.deepEqual(
      q.map((r) => r.gemeente_code),
      ['9001'],
      'the own gemeente is still listed',
    );
    const runs = (await f.app.inject({ method: 'GET', url: '/api/v1/imports', headers: { cookie } })).json() as Array<{
      file_name: string;
      quarantined: number;
    }>;
    assert.equal(
      runs.find((r) => r.file_name === 'q.csv')?.quarantined,
      1,
      "9002's quarantined row is not counted for 9001",
    );
  });

  it('the quarantine keeps the birth month, not the date, and no BSN digit', async () => {
    const cookie = await login(f, 'analist');
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/quarantine', headers: { cookie } });
    assert.equal(res.statusCode, 200);
    const rows = res.json() as Array<{ record: Record<string, string> }>;
    assert.equal(rows.length, 2);
    for (const r of rows) {
      assert.match(r.record.geboortedatum!, /^\d{4}-\d{2}$/, 'birth month only');
      assert.doesNotMatch(r.record.client_id!, /\d/, 'no BSN digits');
    }
    const stored = JSON.stringify(await db.store.query('SELECT record, errors FROM quarantine'));
    assert.ok(!stored.includes('2013-09-17') && !stored.includes(bsn9002.slice(-2) + '"'), stored);
    assert.ok(
      !stored.includes('Jansen') && !stored.includes('naam'),
      `a column the type does not know is kept: ${stored}`,
    );
  });

  it('the migration masks rows quarantined before', async () => {
    const [run] = await db.store.query<{ id: number }>('SELECT min(import_run_id)::int AS id FROM quarantine');
    await db.store.query(
      "INSERT INTO quarantine (gemeente_code, import_run_id, source_ref, record, errors) VALUES ('9001', $1, 'regel 9', $2, '[]')",
      [
        run!.id,
        JSON.stringify({ client_id: '*******42', geboortedatum: '17-05-2012', bsn: '*******17', team: 'Noord' }),
      ],
    );
    await db.store.exec(quarantineMigration.sql);
    const [row] = await db.store.query<{ record: Record<string, string> }>(
      "SELECT record FROM quarantine WHERE source_ref = 'regel 9'",
    );
    assert.deepEqual(row!.record, {
      client_id: '*********',
      geboortedatum: '2012-05',
      bsn: '*********',
      team: 'Noord',
    });
  });
  it("an import run of a file holding only another gemeente's rows is not listed for a gemeente-scoped account", async () => {
    const csv = [
      TRAJECTEN_HEADER,
      trajectRow({
        traject_id: 'A1',
        client_id: testBsn(710),
        gemeente: '9002',
        team: 'Centrum',
        productcategorie: '45',
      }),
      trajectRow({
        traject_id: 'A2',
        client_id: testBsn(711),
        gemeente: '9002',
        team: 'Centrum',
        productcategorie: '45',
      }),
    ].join('\n');
    const r = await importCsvFile(
      { store: db.store, dataDir: f.dataDir, key: TEST_KEY },
      writeCsv(f.dataDir, 'alleen-9002.csv', csv),
      {},
    );
    assert.equal(r.status, 'committed');
    // logged in one TOTP step on: the other tests used the current step of these accounts
    const names = async (who: string) =>
      (
        (
          await f.app.inject({ method: 'GET', url: '/api/v1/imports', headers: { cookie: await login(f, who, 1) } })
        ).json() as Array<{ file_name: string | null }>
      ).map((x) => x.file_name);
    const scoped = await names('analist9001');
    assert.ok(!scoped.includes('alleen-9002.csv'), `9001 sees a run of 9002 only: ${scoped.join(', ')}`);
    assert.ok(scoped.includes('q.csv'), 'a run that touched 9001 is still listed');
    assert.ok((await names('analist')).includes('alleen-9002.csv'), 'a regio-wide account sees every run');
  });
});
