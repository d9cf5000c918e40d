/**
 * Backup and restore: a restored installation in a new directory gives the same figures (every
 * indicator of the catalogue, through a rebuilt lens), a verifying access log with its head outside
 * the new data directory, readable raw inputs, and the backup never holds the key.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachBackend, freshStore, postgresAvailable, type TestDb } from '../testing/backends.js';
import { serverFixture, type ServerFixture } from '../testing/server.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { openStore } from '../app/openStore.js';
import { importCsvFile } from '../ingest/csv/import.js';
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
const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));

function zicht(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ZICHT_AUDIT_HEAD_FILE: '', ...env },
    });
    let out = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out, stdout }));
  });
}

async function figures(dataDir: string): Promise<unknown[]> {
  const lens = await Lens.open(dataDir);
  try {
    const out: unknown[] = [];
    for (const ind of INDICATORS) {
      for (const period of ['2024', '2024H2']) {
        try {
          out.push(...(await ind.compute(lens, { period: parsePeriod(period), gemeenten: [] })));
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
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
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
      await appendAudit(source.store, {
        event: 'lezen_persoonsgegevens',
        username: 'analist',
        role: 'analist',
        scope: 'R',
        subjects: [`P${i}`],
        outcome: 'ok',
        origin: '127.0.0.1',
      });
    }
    manifest = await backup(source.store, {
      dataDir: f.dataDir,
      outDir: join(dir, 'backup'),
      key: TEST_KEY,
      actor: ACTOR,
      databaseUrl: source.url,
    });
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
    assert.ok(
      files.some((p) => p.includes(`${join('backup', 'raw')}`)),
      'raw store copied',
    );
    assert.ok(manifest.tables.find((t) => t.name === 'trajectory')!.rows > 0);
    const keyHex = 'ab'.repeat(32);
    for (const p of files) assert.ok(!readFileSync(p).toString('latin1').includes(keyHex), `${p} holds the key`);
    assert.ok(!files.some((p) => p.includes('secrets')), 'no secrets directory');
    assert.match(manifest.key.note, /niet in deze back-up/);
    assert.equal(
      manifest.auditHead?.seq,
      readAuditHead(join(dir, 'source.audit-head'))!.seq,
      'backup ends where the log ended',
    );
  });

  it(
    'adds a pg_dump of the same snapshot on PostgreSQL (when pg_dump is on PATH)',
    { skip: kind !== 'postgres' || spawnSync('pg_dump', ['--version']).status !== 0 },
    () => {
      assert.equal(manifest.pgDump?.file, 'postgres.dump');
      const list = spawnSync('pg_restore', ['--list', join(dir, 'backup', 'postgres.dump')], { encoding: 'utf8' });
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /TABLE DATA public audit_log/);
    },
  );

  it('refuses a key that does not belong to the backup', async () => {
    const other = PseudonymKey.fromHex('cd'.repeat(32));
    await assert.rejects(
      restore(target.store, { fromDir: join(dir, 'backup'), dataDir: join(dir, 'x'), key: other, actor: ACTOR }),
      /hoort niet bij deze back-up/,
    );
  });

  it('restores into a new directory with the same figures and a verifying access log', async () => {
    const newDir = join(dir, 'restored');
    const head = join(dir, 'restored.audit-head');
    attachAuditHead(target.store, head);
    const r = await restore(target.store, {
      fromDir: join(dir, 'backup'),
      dataDir: newDir,
      key: TEST_KEY,
      actor: ACTOR,
    });
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
    const raws = await target.store.query<KeptRaw & { sha256: string }>(
      'SELECT sha256, stored_path, pack_offset::int AS pack_offset, pack_length::int AS pack_length, sealed, compression FROM raw_input',
    );
    assert.ok(raws.length > 0);
    for (const raw of raws) {
      assert.ok(raw.stored_path.startsWith(newDir), raw.stored_path);
      assert.ok(statSync(raw.stored_path).size > 0);
      if (raw.sealed) assert.ok(readRawBytes(raw, TEST_KEY).length > 0);
    }
    // serial ids continue after the restored rows
    const [max] = await target.store.query<{ n: number }>('SELECT max(id)::int AS n FROM import_run');
    const [next] = await target.store.query<{ n: number }>(
      "SELECT nextval(pg_get_serial_sequence('import_run', 'id'))::int AS n",
    );
    assert.ok(next!.n > max!.n);
  });

  it('refuses to restore over a store that holds data', async () => {
    await assert.rejects(
      restore(target.store, { fromDir: join(dir, 'backup'), dataDir: join(dir, 'again'), key: TEST_KEY, actor: ACTOR }),
      /niet leeg/,
    );
  });
});

forEachBackend('a damaged backup', (kind) => {
  it('is refused before anything is written', async () => {
    const db = await freshStore(kind);
    const dir = tempDir('zicht-backup-bad-');
    try {
      const m = await backup(db.store, {
        dataDir: join(dir, 'data'),
        outDir: join(dir, 'b'),
        key: TEST_KEY,
        actor: ACTOR,
      });
      const chunk = m.tables.find((t) => t.name === 'audit_log')!.chunks[0]!;
      const path = join(dir, 'b', chunk.file);
      const text = readFileSync(path, 'utf8');
      rmSync(path);
      writeFileSync(path, text.replace('backup_gemaakt', 'backup_gemaakX'));
      const t = await freshStore(kind);
      try {
        await assert.rejects(
          restore(t.store, { fromDir: join(dir, 'b'), dataDir: join(dir, 'n'), key: TEST_KEY, actor: ACTOR }),
          /beschadigd/,
        );
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

describe('zicht backup and zicht restore as separate processes (embedded store)', { timeout: 300_000 }, () => {
  it('restore into a new directory gives the same figures and a verifying access log; the key stays out', async () => {
    const dir = tempDir('zicht-backup-cli-');
    const dataDir = join(dir, 'data');
    const keyFile = join(dir, 'elders', 'pseudonym.key');
    mkdirSync(join(dir, 'elders'));
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const env = { ZICHT_PSEUDONYM_KEY_FILE: keyFile, ZICHT_PSEUDONYM_KEY: '' };
    try {
      const store = await openStore({ dataDir });
      await store.exec(`INSERT INTO region VALUES ('R','Regio',false);
        INSERT INTO gemeente VALUES ('9001','Testdorp','R',false), ('9002','Proefstad','R',false);`);
      const rows = [TRAJECTEN_HEADER];
      for (let i = 0; i < 40; i++) {
        rows.push(
          trajectRow({
            traject_id: `T${i}`,
            client_id: testBsn(200 + i),
            gemeente: i % 3 ? '9001' : '9002',
            einddatum: i % 4 ? '2024-09-30' : '',
            reden_einde: i % 4 ? '31' : '',
            doelrealisatie: i % 4 ? (i % 2 ? 'ja' : 'nee') : '',
          }),
        );
      }
      const r = await importCsvFile({ store, dataDir, key: TEST_KEY }, writeCsv(dir, 'trajecten.csv', rows.join('\n')));
      assert.equal(r.status, 'committed');
      await appendAudit(store, {
        event: 'lezen_persoonsgegevens',
        username: 'analist',
        role: 'analist',
        scope: 'R',
        subjects: ['P1'],
        outcome: 'ok',
        origin: '127.0.0.1',
      });
      await rebuildLens(store, dataDir);
      await store.close();

      const b = await zicht(['backup', '--out', join(dir, 'backup'), '--data-dir', dataDir, '--json'], env);
      assert.equal(b.code, 0, b.out);
      assert.match(JSON.parse(b.stdout).key.source, /ZICHT_PSEUDONYM_KEY_FILE=/);
      for (const p of allFiles(join(dir, 'backup')))
        assert.ok(!readFileSync(p).toString('latin1').includes('ab'.repeat(32)), `${p} holds the key`);

      const newDir = join(dir, 'hersteld');
      const wrong = await zicht(['restore', '--from', join(dir, 'backup'), '--data-dir', newDir], {
        ...env,
        ZICHT_PSEUDONYM_KEY: 'cd'.repeat(32),
      });
      assert.equal(wrong.code, 1, wrong.out);
      assert.match(wrong.out, /hoort niet bij deze back-up/);
      assert.equal(existsSync(newDir), false, 'a refused restore creates nothing');
      const rs = await zicht(['restore', '--from', join(dir, 'backup'), '--data-dir', newDir, '--json'], env);
      assert.equal(rs.code, 0, rs.out);
      assert.equal(JSON.parse(rs.stdout).keyMatches, true);

      const ids = INDICATORS.map((i) => i.definition.id).join(',');
      const figuresOf = async (d: string) => {
        const x = await zicht(['indicators', '--indicator', ids, '--period', '2024', '--json', '--data-dir', d], env);
        assert.equal(x.code, 0, x.out);
        return JSON.parse(x.stdout) as unknown[];
      };
      const before = await figuresOf(dataDir);
      assert.ok(before.length > 20);
      assert.deepEqual(await figuresOf(newDir), before);

      const v = await zicht(['audit', 'verify', '--data-dir', newDir], env);
      assert.equal(v.code, 0, v.out);
      assert.match(v.out, /Kop buiten de database .*hersteld\.audit-head.*klopt/);

      const again = await zicht(['restore', '--from', join(dir, 'backup'), '--data-dir', newDir], env);
      assert.equal(again.code, 1);
      assert.match(again.out, /heeft al een database/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const pgUp = await postgresAvailable();
describe('a backup of the embedded store restored into PostgreSQL', { timeout: 180_000 }, () => {
  it('holds the same rows and a verifying access log', { skip: !pgUp && 'PostgreSQL not reachable' }, async () => {
    const from = await freshStore('pglite');
    const to = await freshStore('postgres');
    const dir = tempDir('zicht-backup-cross-');
    try {
      await from.store.exec(
        `INSERT INTO region VALUES ('R','Regio',false); INSERT INTO gemeente VALUES ('9001','Testdorp','R',false);`,
      );
      const rows = [
        TRAJECTEN_HEADER,
        ...Array.from({ length: 12 }, (_, i) => trajectRow({ traject_id: `X${i}`, client_id: testBsn(300 + i) })),
      ];
      assert.equal(
        (
          await importCsvFile(
            { store: from.store, dataDir: join(dir, 'a'), key: TEST_KEY },
            writeCsv(dir, 't.csv', rows.join('\n')),
          )
        ).status,
        'committed',
      );
      await backup(from.store, { dataDir: join(dir, 'a'), outDir: join(dir, 'b'), key: TEST_KEY, actor: ACTOR });
      await restore(to.store, { fromDir: join(dir, 'b'), dataDir: join(dir, 'c'), key: TEST_KEY, actor: ACTOR });
      const q =
        'SELECT trajectory_id, youth_pseudonym, start_date, end_date, budget_cents, tariff_cents, volume FROM trajectory ORDER BY 1';
      assert.deepEqual(await to.store.query(q), await from.store.query(q));
      const v = await verifyAudit(to.store, { headFile: null });
      assert.equal(v.ok, true, v.problems.join('\n'));
    } finally {
      await from.drop();
      await to.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
