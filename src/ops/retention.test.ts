/**
 * Retention on both back ends: records past their term go with the runs and raw inputs nothing
 * refers to any more (files and pack members too), young records stay, a dry run reports the same
 * and changes nothing, the run is in the access log, and plain raw inputs end up sealed and readable.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { keepRaw, keepRawBytes, readRawBytes, type KeptRaw } from '../ingest/raw.js';
import { readAudit } from '../audit/log.js';
import { runRetention, type RetentionResult } from './retention.js';

const ACTOR = { username: 'cli', role: null, scope: 'test', origin: 'cli' } as const;
const LONG_AGO = '2016-03-01T00:00:00Z';

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

async function counts(db: TestDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['trajectory', 'youth', 'import_run', 'raw_input', 'quarantine', 'audit_log', 'app_session']) {
    const [r] = await db.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    out[t] = r!.n;
  }
  return out;
}

const rowOf = async (db: TestDb, sha256: string) =>
  (
    await db.store.query<KeptRaw & { sha256: string }>(
      'SELECT sha256, stored_path, pack_offset::int AS pack_offset, pack_length::int AS pack_length, sealed, compression FROM raw_input WHERE sha256 = $1',
      [sha256],
    )
  )[0];

forEachBackend('retention', (kind) => {
  let db: TestDb;
  let dataDir: string;
  let oldRaw: KeptRaw;
  let plainSha: string;
  const plainBytes = Buffer.from(
    `${TRAJECTEN_HEADER}\n${trajectRow({ traject_id: 'PLAIN', client_id: testBsn(900) })}\n`,
  );
  const messages = [0, 1, 2].map((i) => Buffer.from(`<Bericht nr="${i}">fictief iJw-bericht ${i}</Bericht>`));
  let plainPack: string;
  let legacyPath: string;
  let dry: RetentionResult;

  before(async () => {
    db = await freshStore(kind);
    dataDir = tempDir('zicht-retention-');
    await db.store.exec(`INSERT INTO region VALUES ('R','Regio',false);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',false), ('9002','Proefstad','R',false);`);
    // old: ended in 2016 (past the 7-year term), imported then; young: ended in 2024
    const oldRows = [TRAJECTEN_HEADER];
    for (let i = 0; i < 4; i++) {
      oldRows.push(
        trajectRow({
          traject_id: `OUD${i}`,
          client_id: testBsn(10 + i),
          gemeente: i < 3 ? '9001' : '9002',
          geboortedatum: '2004-02-01',
          aanvraagdatum: '2015-03-01',
          toewijzingsdatum: '2015-03-05',
          startdatum: '2015-03-10',
          einddatum: '2016-02-28',
        }),
      );
    }
    const young = [TRAJECTEN_HEADER];
    for (let i = 0; i < 3; i++)
      young.push(trajectRow({ traject_id: `JONG${i}`, client_id: testBsn(50 + i), gemeente: '9002' }));
    const r1 = await importCsvFile(
      { store: db.store, dataDir, key: TEST_KEY },
      writeCsv(dataDir, 'oud.csv', oldRows.join('\n')),
    );
    const r2 = await importCsvFile(
      { store: db.store, dataDir, key: TEST_KEY },
      writeCsv(dataDir, 'jong.csv', young.join('\n')),
    );
    assert.equal(r1.status, 'committed', JSON.stringify(r1.problems.slice(0, 2)));
    assert.equal(r2.status, 'committed', JSON.stringify(r2.problems.slice(0, 2)));
    // as if the old file had been read in back then
    await db.store.query('UPDATE import_run SET started_at = $1 WHERE id = $2', [LONG_AGO, r1.runId]);
    await db.store.query('UPDATE raw_input SET first_seen_at = $1 WHERE sha256 = $2', [LONG_AGO, r1.sha256]);
    await db.store.query(
      `INSERT INTO quarantine (gemeente_code, import_run_id, source_ref, record, errors) VALUES ('9001', $1, 'regel 9', '{}', '[]')`,
      [r1.runId],
    );
    oldRaw = (await rowOf(db, r1.sha256!))!;

    // three iJw messages in one pack: two old runs that nothing refers to any more, one young
    await keepRawBytes(
      db.store,
      dataDir,
      messages.map((b, i) => ({ name: `m${i}.xml`, sha256: sha(b), bytes: b })),
      TEST_KEY,
    );
    for (const [i, b] of messages.entries()) {
      await db.store.query(
        `INSERT INTO import_run (raw_sha256, record_type, status, started_at) VALUES ($1, 'JW315', 'committed', $2)`,
        [sha(b), i < 2 ? LONG_AGO : new Date().toISOString()],
      );
      if (i < 2) await db.store.query('UPDATE raw_input SET first_seen_at = $1 WHERE sha256 = $2', [LONG_AGO, sha(b)]);
    }

    // a gemeente's own file kept plain before sealing existed (young: stays, but gets sealed)
    const p = writeCsv(dataDir, 'van-voor-verzegeling.csv', plainBytes);
    plainSha = (await keepRaw(db.store, dataDir, p, 'public')).sha256;
    await db.store.query(
      `INSERT INTO import_run (raw_sha256, record_type, status) VALUES ($1, 'trajecten', 'rejected')`,
      [plainSha],
    );
    // an old file of the gemeente's own, kept plain before sealing existed, whose run is past its term
    const legacy = writeCsv(
      dataDir,
      'oud-onverzegeld.csv',
      Buffer.from(`${TRAJECTEN_HEADER}\n${trajectRow({ traject_id: 'LEGACY' })}\n`),
    );
    const legacyRaw = await keepRaw(db.store, dataDir, legacy, 'public');
    legacyPath = legacyRaw.storedPath;
    await db.store.query(
      `INSERT INTO import_run (raw_sha256, record_type, status, started_at) VALUES ($1, 'trajecten', 'rejected', $2)`,
      [legacyRaw.sha256, LONG_AGO],
    );
    await db.store.query('UPDATE raw_input SET first_seen_at = $1 WHERE sha256 = $2', [LONG_AGO, legacyRaw.sha256]);
    // and a plain pack of two old-style messages (young)
    const plainMsgs = [
      Buffer.from('<Bericht>oud formaat A</Bericht>'),
      Buffer.from('<Bericht>oud formaat B</Bericht>'),
    ];
    mkdirSync(join(dataDir, 'raw', 'packs'), { recursive: true });
    plainPack = join(dataDir, 'raw', 'packs', sha(Buffer.concat(plainMsgs)));
    writeFileSync(plainPack, Buffer.concat(plainMsgs));
    for (const [i, b] of plainMsgs.entries()) {
      await db.store.query(
        `INSERT INTO raw_input (sha256, file_name, byte_size, stored_path, pack_offset, pack_length, sealed) VALUES ($1, $2, $3, $4, $5, $6, false)`,
        [sha(b), `p${i}.xml`, b.length, plainPack, i === 0 ? 0 : plainMsgs[0]!.length, b.length],
      );
      await db.store.query(
        `INSERT INTO import_run (raw_sha256, record_type, status) VALUES ($1, 'JW301', 'committed')`,
        [sha(b)],
      );
    }
    await db.store.query(
      `INSERT INTO app_user (username, display_name, password_hash, role) VALUES ('x', 'x', 'x', 'analist')`,
    );
    await db.store.query(
      `INSERT INTO app_session (token_hash, user_id, last_seen) SELECT 'old', id, $1 FROM app_user`,
      [LONG_AGO],
    );
    await db.store.query(`INSERT INTO app_session (token_hash, user_id) SELECT 'new', id FROM app_user`);
  });
  after(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a dry run says what would go, per type and gemeente, and changes nothing', async () => {
    const before = await counts(db);
    dry = await runRetention(db.store, { dataDir, key: TEST_KEY, dryRun: true, actor: ACTOR });
    assert.deepEqual(await counts(db), before);
    assert.ok(existsSync(oldRaw.stored_path));
    assert.equal((await rowOf(db, plainSha))!.sealed, false, 'dry run seals nothing');
    const n = (type: string, g: string | null) =>
      dry.removed.find((r) => r.type === type && r.gemeente === g)?.count ?? 0;
    assert.equal(n('trajectory', '9001'), 3);
    assert.equal(n('trajectory', '9002'), 1);
    assert.equal(n('youth', '9001') + n('youth', '9002'), 4);
    assert.equal(n('quarantine', '9001'), 1);
    assert.equal(n('import_run', null), 4, "the old CSV run, the two old message runs and the old plain file's run");
    assert.equal(n('raw_input', null), 4);
    assert.equal(n('app_session', null), 1);
    assert.equal(dry.filesRemoved, 2, 'the old CSV file and the old plain one');
    assert.equal(dry.packsRewritten, 1);
    assert.deepEqual(dry.resealed, { files: 1, packs: 1, records: 3 });
  });

  it('a run removes what passed its term, keeps the young, and says so in the access log', async () => {
    const r = await runRetention(db.store, { dataDir, key: TEST_KEY, actor: ACTOR });
    assert.deepEqual(r.removed, dry.removed, 'the dry run predicted the run');
    const ids = (
      await db.store.query<{ trajectory_id: string }>('SELECT trajectory_id FROM trajectory ORDER BY 1')
    ).map((x) => x.trajectory_id);
    assert.deepEqual(ids, ['JONG0', 'JONG1', 'JONG2']);
    const [youth] = await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM youth');
    assert.equal(youth!.n, 3);
    assert.equal(existsSync(oldRaw.stored_path), false, 'the old sealed file is gone from disk');
    assert.equal(existsSync(legacyPath), false, 'the old plain file of personal data is gone too');
    assert.equal(await rowOf(db, sha(messages[0]!)), undefined);
    // the young message survives in a rewritten pack that no longer holds the old ones
    const kept = (await rowOf(db, sha(messages[2]!)))!;
    assert.deepEqual(readRawBytes(kept, TEST_KEY), messages[2]);
    assert.equal(readFileSync(kept.stored_path).length, kept.pack_length);
    const sessions = (await db.store.query<{ token_hash: string }>('SELECT token_hash FROM app_session')).map(
      (s) => s.token_hash,
    );
    assert.deepEqual(sessions, ['new']);
    const [logged] = await readAudit(db.store, { event: 'bewaartermijn_verwijderd', limit: 1 });
    assert.ok(logged, 'logged');
    assert.match(logged.query!, /trajectory 9001: 3/);
  });

  it('seals plain raw inputs of personal record types, still readable', async () => {
    const f = (await rowOf(db, plainSha))!;
    assert.equal(f.sealed, true);
    assert.notDeepEqual(readFileSync(f.stored_path), plainBytes, 'no longer plain on disk');
    assert.ok(!readFileSync(f.stored_path).includes(Buffer.from('PLAIN')));
    assert.deepEqual(readRawBytes(f, TEST_KEY), plainBytes);
    assert.equal(existsSync(`${f.stored_path}.plain`), false);
    const a = (await rowOf(db, sha(Buffer.from('<Bericht>oud formaat A</Bericht>'))))!;
    assert.equal(a.sealed, true);
    assert.deepEqual(readRawBytes(a, TEST_KEY), Buffer.from('<Bericht>oud formaat A</Bericht>'));
    assert.equal(existsSync(plainPack), false, 'the plain pack is gone');
  });

  it('a second run finds nothing more', async () => {
    const r = await runRetention(db.store, { dataDir, key: TEST_KEY, actor: ACTOR });
    assert.equal(r.total, 0);
    assert.equal(r.resealed.records, 0);
  });
});

forEachBackend('retention scheduled by the server', (kind) => {
  it('runs when the server starts, and the lens it serves no longer counts the removed records', async () => {
    const db = await freshStore(kind);
    const dataDir = tempDir('zicht-retention-serve-');
    try {
      await db.store.exec(
        `INSERT INTO region VALUES ('R','Regio',false); INSERT INTO gemeente VALUES ('9001','Testdorp','R',false);`,
      );
      const rows = [
        TRAJECTEN_HEADER,
        trajectRow({
          traject_id: 'OUD',
          client_id: testBsn(1),
          geboortedatum: '2004-02-01',
          aanvraagdatum: '2015-03-01',
          toewijzingsdatum: '2015-03-05',
          startdatum: '2015-03-10',
          einddatum: '2016-02-28',
        }),
        trajectRow({ traject_id: 'JONG', client_id: testBsn(2) }),
      ];
      const r = await importCsvFile(
        { store: db.store, dataDir, key: TEST_KEY },
        writeCsv(dataDir, 't.csv', rows.join('\n')),
      );
      assert.equal(r.status, 'committed');
      const { rebuildLens } = await import('../lens/build.js');
      const { Lens } = await import('../lens/lens.js');
      const { startServer } = await import('../server/serve.js');
      await rebuildLens(db.store, dataDir);
      const server = await startServer({
        store: db.store,
        dataDir,
        key: TEST_KEY,
        port: 0,
        host: '127.0.0.1',
        requestLog: 'off',
        retentionEveryMs: 86_400_000,
      });
      try {
        const done = await server.retention;
        assert.equal(done?.removed.find((x) => x.type === 'trajectory')?.count, 1);
      } finally {
        await server.stop();
      }
      const lens = await Lens.open(dataDir);
      try {
        const ids = (await lens.query<{ id: string }>('SELECT trajectory_id AS id FROM trajectory ORDER BY 1')).map(
          (x) => x.id,
        );
        assert.deepEqual(ids, ['JONG']);
      } finally {
        lens.close();
      }
    } finally {
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
