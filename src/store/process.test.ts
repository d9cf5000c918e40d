/**
 * One process per embedded store (issue 13, points 2 and 8), tried with real processes: a running
 * `zicht serve`, CLI commands started beside it, a process that holds the store and is killed, a
 * stale lock from a process that is gone. Nothing may be lost, the directory must open afterwards,
 * and nothing in it may be readable for group or others.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv, TEST_KEY } from '../testing/fixtures.js';
import { LOCK_FILE, type LockOwner } from './dirLock.js';
import { openStore } from '../app/openStore.js';
import { importCsvFile } from '../ingest/csv/import.js';

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));
const OPEN_JS = fileURLToPath(new URL('../app/openStore.js', import.meta.url));
const ENV = { ZICHT_PSEUDONYM_KEY: 'ab'.repeat(32), DATABASE_URL: '', ZICHT_REQUEST_LOG: 'off' };
const EXIT_LOCKED = 75;

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...ENV, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

/** Starts a child and resolves once a line of its stdout matches `ready`. */
interface Child {
  child: ChildProcess;
  line: string;
  exited: Promise<number | null>;
}

function startChild(args: string[], ready: RegExp): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...ENV } });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => ready.test(l));
      if (line) resolve({ child, line, exited });
    });
    void exited.then((code) => reject(new Error(`child ended (${code}) before it was ready: ${out}\n${err}`)));
  });
}

/** Every path under `dir` whose permissions let group or others in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) found.push(`${p} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const n of readdirSync(p)) visit(join(p, n));
  };
  visit(dir);
  return found;
}

function trajecten(dir: string, name: string, prefix: string, n: number): string {
  const rows = [TRAJECTEN_HEADER];
  for (let i = 0; i < n; i++) {
    rows.push(trajectRow({ traject_id: `${prefix}${i}`, client_id: testBsn(i), gemeente: '0363' }));
  }
  return writeCsv(dir, name, rows.join('\n') + '\n');
}

/** A pid that belonged to a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('one process per embedded store', { timeout: 600_000 }, () => {
  let root: string;
  let data: string;
  before(() => {
    root = tempDir('zicht-process-');
    data = join(root, 'data');
  });

  it('a CLI import leaves a private directory and removes what a crashed upload left in tmp/', async () => {
    // a data directory from before: open to others, with a crashed upload's plain copy in tmp/
    mkdirSync(join(data, 'tmp', 'upload-999999-abc'), { recursive: true });
    writeFileSync(join(data, 'tmp', 'upload-999999-abc', 'trajecten.csv'), 'BSN;...');
    chmodSync(join(data, 'tmp', 'upload-999999-abc', 'trajecten.csv'), 0o644);
    chmodSync(data, 0o755);
    const r = await run(['import', trajecten(root, 'a.csv', 'A', 5), '--data-dir', data]);
    assert.equal(r.code, 0, r.err);
    assert.equal(existsSync(join(data, 'tmp', 'upload-999999-abc')), false, 'the leftover upload is removed at start');
    assert.deepEqual(openToOthers(data), []);
    assert.equal(existsSync(join(data, LOCK_FILE)), false, 'the lock is given back when the command ends');
  });

  describe('with zicht serve running', () => {
    let server: Child;
    let owner: LockOwner;
    before(async () => {
      mkdirSync(join(data, 'tmp', 'unzip-1-old'), { recursive: true });
      writeFileSync(join(data, 'tmp', 'unzip-1-old', 'JW301.xml'), '<Bericht/>');
      server = await startChild([BIN, 'serve', '--data-dir', data, '--port', '0', '--json'], /"url"/);
      owner = JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')) as LockOwner;
    });
    after(async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    });

    it('the lock names the server and its admin socket, and nothing in the directory is open to others', () => {
      assert.equal(owner.pid, server.child.pid);
      assert.match(owner.command, /serve/);
      assert.ok(owner.socket && existsSync(owner.socket));
      assert.deepEqual(openToOthers(data), []);
      assert.equal(
        existsSync(join(data, 'tmp', 'unzip-1-old')),
        false,
        'the server removed the leftover in tmp/ at start',
      );
    });

    it('a second server on the same directory is refused, naming the running one', async () => {
      const r = await run(['serve', '--data-dir', data, '--port', '0']);
      assert.equal(r.code, EXIT_LOCKED, r.out + r.err);
      assert.match(r.err, new RegExp(`pid ${owner.pid}`));
      assert.match(r.err, /in gebruik.*in use/s);
      assert.equal(r.err.trim().split('\n').length, 1, 'one line');
    });

    it('zicht users add and zicht import are handed to the server and run with its store', async () => {
      const add = await run(
        ['users', 'add', 'overgedragen', '--role', 'analist', '--scope', 'gemeente=0363', '--data-dir', data],
        { ZICHT_PASSWORD: 'een-lang-genoeg-wachtwoord-1' },
      );
      assert.equal(add.code, 0, add.err);
      assert.match(add.out, /Account overgedragen aangemaakt/);
      assert.match(add.out, /uit ZICHT_PASSWORD/, "the caller's ZICHT_PASSWORD was used, not a generated one");
      const imp = await run(['import', trajecten(root, 'b.csv', 'B', 7), '--data-dir', data]);
      assert.equal(imp.code, 0, imp.err);
      assert.match(imp.out, /geaccepteerd 7/);
      const check = await run(['check', '--json', '--data-dir', data]);
      assert.equal(check.code, 0, check.out + check.err);
      const agrees = (JSON.parse(check.out) as { agrees: boolean }).agrees;
      assert.equal(agrees, true, 'the server rebuilt the lens after the import');
      // audit export writes where the caller asked, relative to the caller's working directory
      const exported = await new Promise<Ran>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'audit', 'export', '--out', 'log.csv', '--data-dir', data], {
          cwd: root,
          env: { ...process.env, ...ENV, USER: 'beheerder-x' },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => resolve({ code, out, err }));
      });
      assert.equal(exported.code, 0, exported.err);
      assert.match(
        readFileSync(join(root, 'log.csv'), 'utf8'),
        /gebruiker_aangemaakt/,
        'the handed-over users add is logged',
      );
    });

    it("zicht users disable handed to the server ends that account's session at the very next request", async () => {
      const url = (JSON.parse(server.line) as { url: string }).url;
      const add = await run(
        ['users', 'add', 'uitgezet', '--role', 'bestuur', '--scope', 'gemeente=0363', '--data-dir', data],
        { ZICHT_PASSWORD: 'een-lang-genoeg-wachtwoord-2' },
      );
      assert.equal(add.code, 0, add.err);
      const login = await fetch(`${url}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'uitgezet', password: 'een-lang-genoeg-wachtwoord-2' }),
      });
      assert.equal(login.status, 200, await login.clone().text());
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const me = () => fetch(`${url}/api/v1/me`, { headers: { cookie } }).then((r) => r.status);
      assert.equal(await me(), 200, "the session works (and is now in the server's caches)");
      const disable = await run(['users', 'disable', 'uitgezet', '--data-dir', data]);
      assert.equal(disable.code, 0, disable.out + disable.err);
      assert.equal(await me(), 401, 'a disabled account has no grace period');
    });

    it('after the server stops, what was handed over is there and the directory opens again', async () => {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
      assert.equal(existsSync(join(data, LOCK_FILE)), false, 'the server gave its lock back');
      assert.equal(existsSync(owner.socket!), false, 'and removed its socket');
      const list = await run(['users', 'list', '--json', '--data-dir', data]);
      assert.equal(list.code, 0, list.err);
      assert.ok((JSON.parse(list.out) as Array<{ username: string }>).some((u) => u.username === 'overgedragen'));
      const store = await openStore({ dataDir: data });
      try {
        const sql = "SELECT count(*)::int AS n FROM trajectory WHERE trajectory_id LIKE 'B%'";
        const [n] = await store.query<{ n: number }>(sql);
        assert.equal(n!.n, 7);
      } finally {
        await store.close();
      }
      assert.deepEqual(openToOthers(data), []);
    });
  });

  it('a process holding the store without a server refuses others; once killed, its lock is taken over', async () => {
    const script = join(root, 'hold.mjs');
    writeFileSync(
      script,
      `const { openStore } = await import(${JSON.stringify(OPEN_JS)});
      await openStore({ dataDir: process.argv[2] }); console.log('open'); setInterval(() => {}, 1000);`,
    );
    const holder = await startChild([script, data], /^open$/);
    const refused = await run(['users', 'list', '--data-dir', data]);
    assert.equal(refused.code, EXIT_LOCKED, refused.out + refused.err);
    assert.match(refused.err, new RegExp(`pid ${holder.child.pid}`));
    // zicht demo --fresh would delete the store under its holder's feet
    const demo = await run(['demo', '--fresh', '--no-serve', '--data-dir', data]);
    assert.equal(demo.code, EXIT_LOCKED, demo.out + demo.err);
    assert.equal(existsSync(join(data, 'pgdata', 'PG_VERSION')), true);
    holder.child.kill('SIGKILL');
    await holder.exited;
    assert.equal(existsSync(join(data, LOCK_FILE)), true, 'a killed process leaves its lock behind');
    const after = await run(['users', 'list', '--json', '--data-dir', data]);
    assert.equal(after.code, 0, after.err);
    assert.ok((JSON.parse(after.out) as Array<{ username: string }>).some((u) => u.username === 'overgedragen'));
  });

  it('a command stopped with SIGTERM or SIGINT gives its lock back', async () => {
    const script = join(root, 'hold.mjs');
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      const holder = await startChild([script, data], /^open$/);
      assert.equal(existsSync(join(data, LOCK_FILE)), true);
      holder.child.kill(signal);
      assert.equal(await holder.exited, code);
      assert.equal(existsSync(join(data, LOCK_FILE)), false, `no lock left after ${signal}`);
    }
  });

  it('a stale lock (its pid is gone, or reused by another process) is taken over', async () => {
    const stale: LockOwner = {
      pid: await deadPid(),
      procStart: null,
      since: '2026-01-01T00:00:00.000Z',
      command: 'zicht import x',
      host: hostname(),
    };
    writeFileSync(join(data, LOCK_FILE), JSON.stringify(stale));
    let r = await run(['users', 'list', '--data-dir', data]);
    assert.equal(r.code, 0, r.err);
    // a live pid with another start time: the pid was reused after the owner died
    writeFileSync(join(data, LOCK_FILE), JSON.stringify({ ...stale, pid: process.pid, procStart: 'not-this-process' }));
    r = await run(['users', 'list', '--data-dir', data]);
    assert.equal(r.code, 0, r.err);
    assert.equal(existsSync(join(data, LOCK_FILE)), false);
  });

  it('zicht check finds an import the lens was not rebuilt for; after zicht lens it agrees', async () => {
    let r = await run(['check', '--data-dir', data]);
    assert.equal(r.code, 0, r.out + r.err);
    // committed without a rebuild (as a crash between commit and rebuild would leave it)
    const store = await openStore({ dataDir: data });
    try {
      const report = await importCsvFile({ store, dataDir: data, key: TEST_KEY }, trajecten(root, 'c.csv', 'C', 3), {});
      assert.equal(report.status, 'committed');
    } finally {
      await store.close();
    }
    r = await run(['check', '--json', '--data-dir', data]);
    assert.equal(r.code, 1, r.out + r.err);
    type Difference = { what: string; lens: number; store: number };
    const c = JSON.parse(r.out) as { agrees: boolean; differences: Difference[] };
    assert.equal(c.agrees, false);
    const found = c.differences.some((d) => /trajectory/.test(d.what) && d.store - d.lens === 3);
    assert.ok(found, JSON.stringify(c.differences));
    assert.ok(c.differences.some((d) => /newest import run/.test(d.what)));
    r = await run(['lens', '--data-dir', data]);
    assert.equal(r.code, 0, r.err);
    r = await run(['check', '--data-dir', data]);
    assert.equal(r.code, 0, r.out + r.err);
  });

  it('zicht serve rebuilds a lens that disagrees when it starts', async () => {
    const store = await openStore({ dataDir: data });
    try {
      await importCsvFile({ store, dataDir: data, key: TEST_KEY }, trajecten(root, 'd.csv', 'D', 2), {});
    } finally {
      await store.close();
    }
    const server = await startChild([BIN, 'serve', '--data-dir', data, '--port', '0', '--json'], /"url"/);
    const check = await run(['check', '--json', '--data-dir', data]);
    server.child.kill('SIGTERM');
    await server.exited;
    assert.equal(check.code, 0, check.out + check.err);
  });
});
