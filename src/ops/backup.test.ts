/**
 * Backup and restore: a restored installation in a new directory gives the same figures (every
 * indicator of the catalogue, through a rebuilt lens), a verifying access log with its head outside
 * the new data directory, readable raw inputs, and the backup never holds the key.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { serverFixture, type ServerFixture } from '../testing/server.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';
import { attachAuditHead, readAuditHead } from '../audit/head.js';
import { appendAudit, verifyAudit } from '../audit/log.js';
import { backup, restore, type BackupManifest } from './backup.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { INDICATORS } from '../indicators/catalogue.js';
import { parsePeriod } from '../domain/periods.js';
import { PseudonymKey } from '../domain/pseudonym.js';
import { readRawBytes, type KeptRaw } from '../ingest/raw.js';

const ACTOR = { username: 'cli', role: null, scope: 'test', origin: 'cli' } as const;

async function figures(dataDir: string): Promise<unknown[]> {
  const lens = await Lens.open(dataDir);
  try {
    const out: unknown[] = [];
    for (const ind of INDICATORS) {
      for (const period of ['2024', '2024H2']) {
        try {
          out.push(...await ind.compute(lens, { period: parsePeriod(period), gemeenten: [] }));
        } catch (err) {
          out.push({ indicator: ind.definition.id, error: (err as Error).message });
        }
      }
    }
    return out;
  } finally {
    lens.close();
  }
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

forEachBackend('backup and restore', (kind) => {
  let source: TestDb;
  let target: TestDb;
  let f: ServerFixture;
  let dir: string;
  let manifest: BackupManifest;
  before(async () => {
    source = await freshStore(kind);
    target = await freshStore(kind);
    dir = tempDir('zicht-backup-');
    attachAuditHead(source.store, join(dir, 'source.audit-head'));
    f = await serverFixture(source.store);
    for (let i = 0; i < 5; i++) {
      await appendAudit(source.store, { event: 'lezen_persoonsgegevens', username: 'analist', role: 'analist', scope: 'R', subjects: [`P${i}`], outcome: 'ok', origin: '127.0.0.1' });
    }
    manifest = await backup(source.store, { dataDir: f.dataDir, outDir: join(dir, 'backup'), key: TEST_KEY, actor: ACTOR });
  });
  after(async () => {
    await f.close();
    await source.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(f.dataDir, { recursive: true, force: true });
  });

  it('holds the data and the raw store, never the key', () => {
    const files = allFiles(join(dir, 'backup'));
    assert.ok(files.some((p) => p.includes(`${join('backup', 'raw')}`)), 'raw store copied');
    assert.ok(manifest.tables.find((t) => t.name === 'trajectory')!.rows > 0);
    const keyHex = 'ab'.repeat(32);
    for (const p of files) assert.ok(!readFileSync(p).toString('latin1').includes(keyHex), `${p} holds the key`);
    assert.ok(!files.some((p) => p.includes('secrets')), 'no secrets directory');
    assert.match(manifest.key.note, /niet in deze back-up/);
    assert.equal(manifest.auditHead?.seq, (readAuditHead(join(dir, 'source.audit-head')))!.seq, 'backup ends where the log ended');
  });

  it('refuses a key that does not belong to the backup', async () => {
    const other = PseudonymKey.fromHex('cd'.repeat(32));
    await assert.rejects(restore(target.store, { fromDir: join(dir, 'backup'), dataDir: join(dir, 'x'), key: other, actor: ACTOR }), /hoort niet bij deze back-up/);
  });

  it('restores into a new directory with the same figures and a verifying access log', async () => {
    const newDir = join(dir, 'restored');
    const head = join(dir, 'restored.audit-head');
    attachAuditHead(target.store, head);
    const r = await restore(target.store, { fromDir: join(dir, 'backup'), dataDir: newDir, key: TEST_KEY, actor: ACTOR });
    assert.equal(r.keyMatches, true);
    await rebuildLens(target.store, newDir);
    const before = await figures(f.dataDir);
    const computed = before.filter((r) => !(r as { error?: string }).error && (r as { value: unknown }).value !== null);
    assert.ok(computed.length > 20, `the catalogue computes figures on the fixture (${computed.length})`);
    assert.deepEqual(await figures(newDir), before);

    const v = await verifyAudit(target.store);
    assert.equal(v.ok, true, v.problems.join('\n'));
    assert.equal(v.outsideHead?.ok, true);
    assert.equal(v.entries, manifest.auditHead!.seq + 1, 'the restore itself is logged');

    // raw inputs point into the new directory and open with the key
    const raws = await target.store.query<KeptRaw & { sha256: string }>('SELECT sha256, stored_path, pack_offset::int AS pack_offset, pack_length::int AS pack_length, sealed FROM raw_input');
    assert.ok(raws.length > 0);
    for (const raw of raws) {
      assert.ok(raw.stored_path.startsWith(newDir), raw.stored_path);
      assert.ok(statSync(raw.stored_path).size > 0);
      if (raw.sealed) assert.ok(readRawBytes(raw, TEST_KEY).length > 0);
    }
    // serial ids continue after the restored rows
    const [max] = await target.store.query<{ n: number }>('SELECT max(id)::int AS n FROM import_run');
    const [next] = await target.store.query<{ n: number }>("SELECT nextval(pg_get_serial_sequence('import_run', 'id'))::int AS n");
    assert.ok(next!.n > max!.n);
  });

  it('refuses to restore over a store that holds data', async () => {
    await assert.rejects(restore(target.store, { fromDir: join(dir, 'backup'), dataDir: join(dir, 'again'), key: TEST_KEY, actor: ACTOR }), /niet leeg/);
  });
});

forEachBackend('a damaged backup', (kind) => {
  it('is refused before anything is written', async () => {
    const db = await freshStore(kind);
    const dir = tempDir('zicht-backup-bad-');
    try {
      const m = await backup(db.store, { dataDir: join(dir, 'data'), outDir: join(dir, 'b'), key: TEST_KEY, actor: ACTOR });
      const chunk = m.tables.find((t) => t.name === 'audit_log')!.chunks[0]!;
      const path = join(dir, 'b', chunk.file);
      const text = readFileSync(path, 'utf8');
      rmSync(path);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path, text.replace('backup_gemaakt', 'backup_gemaakX'));
      const t = await freshStore(kind);
      try {
        await assert.rejects(restore(t.store, { fromDir: join(dir, 'b'), dataDir: join(dir, 'n'), key: TEST_KEY, actor: ACTOR }), /beschadigd/);
        const [n] = await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
        assert.equal(n!.n, 0);
      } finally {
        await t.drop();
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
