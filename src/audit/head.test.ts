/**
 * Cutting the tail of the access log: an attacker with database access switches off the
 * append-only trigger and deletes the last entries. The chain that is left still closes; only the
 * head kept outside the database shows what is missing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { tempDir } from '../testing/fixtures.js';
import { appendAudit, startAuditHead, verifyAudit, type AuditEntry } from './log.js';
import { attachAuditHead, auditHeadFile, readAuditHead } from './head.js';
import { openStore } from '../app/openStore.js';
import { PgliteStore } from '../store/pglite.js';
import type { Sql } from '../store/sql.js';

const entry = (n: number): AuditEntry => ({
  event: 'lezen_persoonsgegevens',
  username: 'analist',
  role: 'analist',
  scope: '0363',
  subjects: [`p${n}`],
  outcome: 'ok',
  origin: '127.0.0.1',
});

/** What an attacker with the database owner's rights does. */
async function cutTail(sql: Sql, fromSeq: number): Promise<void> {
  await sql.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  await sql.query('DELETE FROM audit_log WHERE seq >= $1', [fromSeq]);
  await sql.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
}

forEachBackend('access log head outside the database', (kind) => {
  let db: TestDb;
  let dir: string;
  let headFile: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-head-');
    headFile = join(dir, 'audit-head');
    attachAuditHead(db.store, headFile);
    for (let i = 1; i <= 6; i++) await appendAudit(db.store, entry(i));
  });
  after(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves the head file at every append', async () => {
    assert.deepEqual(
      { ...readAuditHead(headFile)!, at: '' },
      { seq: 6, hash: (await verifyAudit(db.store)).headHash, at: '' },
    );
    const r = await verifyAudit(db.store);
    assert.equal(r.ok, true, r.problems.join('\n'));
    assert.equal(r.outsideHead?.ok, true);
  });

  it('finds the last entries removed by the database owner', async () => {
    await cutTail(db.store, 5);
    // the chain alone still closes: this is what went unnoticed
    assert.equal((await verifyAudit(db.store, { headFile: null })).ok, true);
    const r = await verifyAudit(db.store);
    assert.equal(r.ok, false);
    assert.match(r.problems.join('\n'), /laatste 2 regel\(s\) ontbreken.*last 2 entries were removed/s);
  });

  it('is not reset when the application appends again after the cut, nor after emptying the log', async () => {
    await appendAudit(db.store, entry(7)); // seq 5 again, another hash
    assert.equal(readAuditHead(headFile)!.seq, 6);
    let r = await verifyAudit(db.store);
    assert.equal(r.ok, false);
    await cutTail(db.store, 1);
    for (let i = 0; i < 8; i++) await appendAudit(db.store, entry(i));
    r = await verifyAudit(db.store);
    assert.equal(r.ok, false);
    assert.match(r.problems.join('\n'), /regel 6 heeft een andere hash/);
  });

  it('reports an unreadable head file', async () => {
    writeFileSync(headFile, 'not a head');
    const r = await verifyAudit(db.store);
    assert.equal(r.ok, false);
    assert.match(r.problems.join('\n'), /onleesbaar/);
  });

  it('fails when the log has entries but the head file is gone; only a deliberate head init starts a new one', async () => {
    rmSync(headFile, { force: true });
    let r = await verifyAudit(db.store);
    assert.equal(r.ok, false, 'cut tail plus deleted head must not pass');
    assert.match(
      r.problems.join('\n'),
      new RegExp(`${headFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*audit head --init`),
    );
    await appendAudit(db.store, entry(9));
    assert.equal(existsSync(headFile), false, 'an ordinary append does not quietly start a new head');
    assert.equal((await verifyAudit(db.store)).ok, false);
    const started = await startAuditHead(db.store, { username: 'cli:test', origin: 'cli' });
    assert.equal(started.event, 'auditkop_gestart');
    assert.equal(readAuditHead(headFile)?.seq, started.seq);
    r = await verifyAudit(db.store);
    assert.equal(r.ok, true, r.problems.join('\n'));
    await assert.rejects(startAuditHead(db.store, { username: 'cli:test', origin: 'cli' }), /bestaat al/);
  });
});

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));

function zicht(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ZICHT_AUDIT_HEAD_FILE: '', ...env },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

// six CLI runs, each opening the embedded store (seconds each on a loaded 2-core machine)
describe('zicht audit verify on an embedded store whose tail was cut', { timeout: 300_000 }, () => {
  it('fails with a clear message, the head file lying beside the data directory', async () => {
    const dir = tempDir('zicht-head-cli-');
    const dataDir = join(dir, 'data');
    try {
      const store = await openStore({ dataDir });
      for (let i = 1; i <= 4; i++) await appendAudit(store, entry(i));
      await store.close();
      assert.equal(auditHeadFile(dataDir), join(dir, 'data.audit-head'));
      assert.ok(existsSync(join(dir, 'data.audit-head')), 'head file beside, not inside, the data directory');

      const ok = await zicht(['audit', 'verify', '--data-dir', dataDir], {});
      assert.equal(ok.code, 0, ok.out);

      const raw = await PgliteStore.open(join(dataDir, 'pgdata'));
      await cutTail(raw, 4);
      await raw.close();
      const cut = await zicht(['audit', 'verify', '--data-dir', dataDir], {});
      assert.equal(cut.code, 1, cut.out);
      assert.match(cut.out, /NIET IN ORDE[\s\S]*laatste 1 regel\(s\) ontbreken/);

      rmSync(join(dir, 'data.audit-head'));
      const gone = await zicht(['audit', 'verify', '--data-dir', dataDir], {});
      assert.equal(gone.code, 1, gone.out);
      assert.match(gone.out, /NIET IN ORDE[\s\S]*data\.audit-head[\s\S]*zicht audit head --init/);
      const init = await zicht(['audit', 'head', '--init', '--data-dir', dataDir], {});
      assert.equal(init.code, 0, init.out);
      const again = await zicht(['audit', 'verify', '--data-dir', dataDir], {});
      assert.equal(again.code, 0, again.out);
      const list = await zicht(['audit', 'list', '--json', '--data-dir', dataDir], {});
      assert.match(list.out, /auditkop_gestart/, 'starting a new head is itself in the log');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GET /api/v1/audit/verify after the tail was cut', { timeout: 120_000 }, () => {
  it('tells the beheerder the log is not in order', async () => {
    const db = await freshStore('pglite');
    const dir = tempDir('zicht-head-api-');
    const { serverFixture, login } = await import('../testing/server.js');
    // attached before the first entry: a head starts by itself only with an empty log
    attachAuditHead(db.store, join(dir, 'head'));
    const f = await serverFixture(db.store);
    try {
      for (let i = 1; i <= 3; i++) await appendAudit(db.store, entry(i));
      const cookie = await login(f, 'beheerder');
      const ok = await f.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
      assert.equal(ok.json().ok, true, ok.body);
      const [last] = await db.store.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM audit_log');
      await cutTail(db.store, last!.seq);
      const res = await f.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().ok, false);
      assert.match(JSON.stringify(res.json().problems), /ontbreken/);
    } finally {
      await f.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(f.dataDir, { recursive: true, force: true });
    }
  });
});
