/**
 * Two `zicht serve` processes on one PostgreSQL database and one data directory (issue 18.6, docs/deployment.md),
 * as real processes on two loopback ports: a session made on one is valid on the other; an import through one
 * changes the figure on the other within seconds (NOTIFY zicht_data → the other reloads its lens); every
 * connection the servers hold (pool and LISTEN) terminated under load — what PostgreSQL restarting does to them —
 * gives at most 503s, both recover and a notification after it still arrives; `zicht import` run as a third
 * process reaches both; one server killed under load leaves
 * the other answering every request. Skipped when PostgreSQL is not reachable. No timing is asserted beyond
 * bounded polling.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ADMIN_URL, freshStore, postgresAvailable, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { createUser } from '../app/auth/users.js';
import { currentStep, totpAt } from '../app/auth/totp.js';
import { SESSION_COOKIE } from './auth/sessions.js';

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));
const PASSWORD = 'correct horse battery';
const FIGURE = '/api/v1/indicators/youth_in_care?period=2024&gemeente=9001';
const pgUp = await postgresAvailable();

interface Server {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly url: string;
  readonly stderr: () => string;
}

function trajectories(from: number, count: number): string {
  const lines = [TRAJECTEN_HEADER];
  for (let i = from; i < from + count; i++) {
    lines.push(
      trajectRow({
        traject_id: `T${i}`,
        client_id: testBsn(100 + i),
        team: 'Noord',
        aanbieder_agb: '11111111',
        startdatum: '2024-02-01',
        einddatum: '2024-10-31',
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function startServe(name: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s: ${err}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} stopped (${code}) before it listened: ${err}`));
    });
  });
  return { name, proc, url, stderr: () => err };
}

async function get(s: Server, path: string, cookie?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${s.url}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: await res.text() };
}

async function figure(s: Server, cookie: string): Promise<number> {
  const r = await get(s, FIGURE, cookie);
  assert.equal(r.status, 200, `${s.name} ${FIGURE}: ${r.body}`);
  const { rows } = JSON.parse(r.body) as { rows: Array<{ value: number | null; key?: unknown }> };
  const v = Number(rows[0]?.value);
  assert.ok(Number.isFinite(v), `${s.name}: no figure in ${r.body.slice(0, 300)}`);
  return v;
}

/** Polls until `done` holds, at most `ms`; the last value is returned either way. */
async function pollUntil<T>(ms: number, probe: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const end = Date.now() + ms;
  let v = await probe();
  while (!done(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    v = await probe().catch(() => v);
  }
  return v;
}

async function login(s: Server, username: string, code?: string): Promise<string> {
  const res = await fetch(`${s.url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, ...(code ? { code } : {}) }),
  });
  assert.equal(res.status, 200, `login ${username} on ${s.name}: ${await res.text()}`);
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  assert.ok(set, 'session cookie');
  return set.split(';')[0]!;
}

async function upload(s: Server, cookie: string, name: string, csv: string): Promise<void> {
  const form = new FormData();
  form.append('bestand', new Blob([csv], { type: 'text/csv' }), name);
  const res = await fetch(`${s.url}/api/v1/imports`, { method: 'POST', headers: { cookie }, body: form });
  const body = await res.text();
  assert.equal(res.status, 200, `upload on ${s.name}: ${body}`);
  assert.match(body, /"committed"/, body);
}

const alive = (s: Server) => s.proc.exitCode === null && s.proc.signalCode === null;

describe(
  'two zicht serve processes on one PostgreSQL',
  { skip: pgUp ? false : `PostgreSQL not reachable at ${ADMIN_URL}` },
  () => {
    let db: TestDb;
    let a: Server;
    let b: Server;
    let dbName = '';
    let controller = '';
    let beheerder = '';
    let env: NodeJS.ProcessEnv = {};
    let dataDir = '';

    before(async () => {
      db = await freshStore('postgres');
      dbName = new URL(db.url!).pathname.slice(1);
      const store = db.store;
      dataDir = tempDir('zicht-twee-');
      await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);
      INSERT INTO team VALUES ('9001','Noord','Noord');
      INSERT INTO provider VALUES ('11111111','Aanbieder Een','klein');`);
      const r = await importCsvFile(
        { store, dataDir, key: TEST_KEY },
        writeCsv(dataDir, 'trajecten.csv', trajectories(0, 20)),
      );
      assert.equal(r.status, 'committed', JSON.stringify(r.problems.slice(0, 3)));
      await rebuildLens(store, dataDir);
      await store.transaction((tx) =>
        createUser(tx, {
          username: 'controller',
          displayName: 'controller',
          role: 'controller',
          password: PASSWORD,
          scopes: [{ kind: 'gemeente', key: '9001' }],
        }),
      );
      const made = await store.transaction((tx) =>
        createUser(
          tx,
          {
            username: 'beheerder',
            displayName: 'beheerder',
            role: 'beheerder',
            password: PASSWORD,
            scopes: [{ kind: 'regio', key: 'R' }],
          },
          TEST_KEY,
        ),
      );
      // the test's own connections stay out of the way of pg_terminate_backend below
      await store.close();
      env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ZICHT_DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        ZICHT_PSEUDONYM_KEY: 'ab'.repeat(32),
        ZICHT_RETENTION: 'off',
        ZICHT_REQUEST_LOG: 'off',
        ZICHT_RATE_LIMIT: '1000000',
        ZICHT_LOGIN_RATE_LIMIT: '1000',
      };
      [a, b] = await Promise.all([startServe('A', env), startServe('B', env)]);
      assert.notEqual(a.url, b.url);
      controller = await login(a, 'controller');
      beheerder = await login(a, 'beheerder', totpAt(made.totpSecret!, currentStep(Date.now())));
    });

    after(async () => {
      for (const s of [a, b]) {
        if (s && alive(s)) {
          s.proc.kill('SIGTERM');
          await new Promise((r) => {
            const t = setTimeout(() => {
              s.proc.kill('SIGKILL');
              r(null);
            }, 10_000);
            s.proc.once('exit', () => {
              clearTimeout(t);
              r(null);
            });
          });
        }
      }
      await db?.drop();
    });

    it('a session made on A is valid on B (sessions live in the database)', async () => {
      const me = await get(b, '/api/v1/me', controller);
      assert.equal(me.status, 200, me.body);
      assert.equal((JSON.parse(me.body) as { username: string }).username, 'controller');
      assert.equal((await get(b, FIGURE, controller)).status, 200);
    });

    it('an import through A changes the figure on B within seconds (LISTEN/NOTIFY)', async () => {
      const before = await figure(b, controller);
      assert.ok(before > 0, `figure before: ${before}`);
      await upload(a, beheerder, 'trajecten-extra.csv', trajectories(20, 7));
      const seen = await pollUntil(
        20_000,
        () => figure(b, controller),
        (v) => v !== before,
      );
      assert.ok(seen > before, `B still shows ${seen} (was ${before}) 20 s after the import on A; B: ${b.stderr()}`);
      assert.equal(await figure(a, controller), seen, 'A and B show the same figure');
    });

    it('every connection terminated under load (PostgreSQL restarting): at most 503s, both recover, NOTIFY still arrives', async () => {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      const statuses = new Map<number, number>();
      // four requests in flight per server at a time, so some are inside a query when their connection goes
      const loop = async (s: Server) => {
        for (let i = 0; i < 60; i++) {
          const r = await get(s, i % 2 ? '/api/v1/me' : FIGURE, controller);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      };
      const load = Promise.all([a, b, a, b, a, b, a, b].map(loop));
      await new Promise((r) => setTimeout(r, 200));
      let terminated = 0;
      for (let round = 0; round < 6; round++) {
        const rows = await admin.query<{ t: boolean }>(
          'SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [dbName],
        );
        terminated += rows.rows.length;
        await new Promise((r) => setTimeout(r, 100));
      }
      await load;
      await admin.end();
      assert.ok(terminated >= 2, `terminated ${terminated} connections (pools and LISTEN)`);
      const other = [...statuses.keys()].filter((s) => s !== 200 && s !== 503);
      assert.deepEqual(other, [], `answers under termination: ${JSON.stringify([...statuses])}`);
      assert.ok(alive(a) && alive(b), 'both servers still run');
      for (const s of [a, b]) {
        const h = await pollUntil(
          20_000,
          () => get(s, '/api/v1/me', controller),
          (r) => r.status === 200,
        );
        assert.equal(h.status, 200, `${s.name} after termination: ${h.body}`);
      }
      // the LISTEN connections were terminated too: an import through B must still reach A
      const before = await figure(a, controller);
      await upload(b, beheerder, 'trajecten-na-herstart.csv', trajectories(27, 5));
      const seen = await pollUntil(
        20_000,
        () => figure(a, controller),
        (v) => v !== before,
      );
      assert.ok(seen > before, `A still shows ${seen} (was ${before}) after the import on B; A: ${a.stderr()}`);
    });

    it('zicht import as a third process beside the servers: both show the new figure', async () => {
      const before = await figure(b, controller);
      const file = writeCsv(dataDir, 'trajecten-cli.csv', trajectories(32, 4));
      const r = await new Promise<{ code: number; out: string }>((resolve) =>
        execFile(process.execPath, [BIN, 'import', file], { env }, (err, stdout, stderr) =>
          resolve({ code: err ? Number(err.code) : 0, out: `${stdout}${stderr}` }),
        ),
      );
      assert.equal(r.code, 0, r.out);
      for (const s of [a, b]) {
        const seen = await pollUntil(
          20_000,
          () => figure(s, controller),
          (v) => v !== before,
        );
        assert.ok(seen > before, `${s.name} still shows ${seen} (was ${before}) after zicht import`);
      }
    });

    it('A killed under load: B answers every request', async () => {
      const atB: number[] = [];
      // four clients at a time on each server; the proxy would send A's share to B, here they only count
      const onB = async () => {
        for (let i = 0; i < 40; i++) atB.push((await get(b, i % 2 ? '/api/v1/me' : FIGURE, controller)).status);
      };
      const onA = async () => {
        for (let i = 0; i < 40; i++) await get(a, i % 2 ? '/api/v1/me' : FIGURE, controller).catch(() => null);
      };
      const load = Promise.all([onB(), onB(), onB(), onB(), onA(), onA(), onA(), onA()]);
      await pollUntil(
        20_000,
        async () => atB.length,
        (n) => n >= 30,
      );
      a.proc.kill('SIGKILL');
      await load;
      if (alive(a)) await new Promise((r) => a.proc.once('exit', r));
      assert.equal(a.proc.signalCode, 'SIGKILL');
      assert.equal(atB.length, 160);
      assert.deepEqual(
        atB.filter((st) => st !== 200),
        [],
        `B's answers while A died: ${atB.join(',')}`,
      );
      assert.ok(alive(b));
    });
  },
);
