/**
 * Following another process's changes on PostgreSQL (server/follow.ts), in one process with two stores on one
 * database: a server whose data directory is its own rebuilds its lens when another process imported and notified
 * (the shared-directory case, a reload, is covered with real processes in twoServers.test.ts); a notification sent
 * while its LISTEN connection was down is made up for when it reconnects; a replaced lens stays usable for a request
 * that still holds it. Skipped when PostgreSQL is not reachable.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { ADMIN_URL, freshStore, postgresAvailable, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { builtFromRun, committedRuns, lensPath, rebuildLens } from '../lens/build.js';
import { LensHolder } from '../app/lensHolder.js';
import { PostgresStore } from '../store/postgres.js';
import { followDataChanges, type Following } from './follow.js';
import { isUnavailableError } from '../store/errors.js';
import { notifyDataChange } from '../store/notify.js';

const pgUp = await postgresAvailable();

function trajectories(from: number, count: number): string {
  const rows = [TRAJECTEN_HEADER];
  for (let i = from; i < from + count; i++) {
    rows.push(
      trajectRow({ traject_id: `T${i}`, client_id: testBsn(200 + i), team: 'Noord', aanbieder_agb: '11111111' }),
    );
  }
  return `${rows.join('\n')}\n`;
}

async function until(ms: number, done: () => Promise<boolean>): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return done();
}

describe('isUnavailableError', () => {
  it('connection loss and restart states are unavailable; other errors are not', () => {
    for (const e of [
      { code: '57P01', message: 'terminating connection due to administrator command' },
      { code: '08006', message: 'connection failure' },
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' },
      { message: 'Connection terminated unexpectedly' },
      { code: '57P03', message: 'the database system is starting up' },
    ])
      assert.ok(isUnavailableError(e), JSON.stringify(e));
    for (const e of [
      { code: '23505', message: 'duplicate key' },
      { code: '42501', message: 'permission denied' },
      null,
    ])
      assert.ok(!isUnavailableError(e), JSON.stringify(e));
  });
});

describe(
  'following another process on PostgreSQL',
  { skip: pgUp ? false : `PostgreSQL not reachable at ${ADMIN_URL}` },
  () => {
    let db: TestDb;
    let other: PostgresStore;
    let following: Following;
    const dirA = tempDir('zicht-volg-a-');
    const dirB = tempDir('zicht-volg-b-');
    const holder = new LensHolder(dirB);
    let forgotten = 0;
    const rowsIn = async () =>
      (await (await holder.get()).query<{ n: number }>('SELECT count(*) AS n FROM trajectory'))[0]!.n;

    before(async () => {
      db = await freshStore('postgres');
      await db.store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);
      INSERT INTO team VALUES ('9001','Noord','Noord');
      INSERT INTO provider VALUES ('11111111','Aanbieder Een','klein');`);
      const r = await importCsvFile(
        { store: db.store, dataDir: dirA, key: TEST_KEY },
        writeCsv(dirA, 't1.csv', trajectories(0, 4)),
      );
      assert.equal(r.status, 'committed');
      await rebuildLens(db.store, dirA);
      await rebuildLens(db.store, dirB);
      other = await PostgresStore.open(db.url!);
      following = followDataChanges({
        store: other,
        dataDir: dirB,
        lens: holder,
        log: () => undefined,
        // both stores are in this process: take every notice as another's
        self: 'another process',
        forgetSessions: () => forgotten++,
      })!;
      assert.ok(following, 'a follower on PostgreSQL');
    });

    after(async () => {
      await following?.close();
      holder.close();
      await other?.close();
      await db?.drop();
    });

    it('an import elsewhere: a data directory of its own gets its lens rebuilt, and the holder shows it', async () => {
      assert.equal(await rowsIn(), 4);
      const r = await importCsvFile(
        { store: db.store, dataDir: dirA, key: TEST_KEY },
        writeCsv(dirA, 't2.csv', trajectories(4, 3)),
      );
      assert.equal(r.status, 'committed');
      await rebuildLens(db.store, dirA); // notifies
      assert.ok(await until(20_000, async () => (await rowsIn()) === 7), `B's lens has ${await rowsIn()} rows`);
      assert.equal(await builtFromRun(lensPath(dirB)), (await committedRuns(db.store)).max);
    });

    it('a notification missed while LISTEN was down is made up for on reconnecting', async () => {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        // cut the follower's LISTEN connection (and the rest of `other`), then import while it reconnects
        const cut = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%'`,
          [new URL(db.url!).pathname.slice(1)],
        );
        assert.equal(cut.rows.length, 1, 'the one LISTEN connection');
      } finally {
        await admin.end();
      }
      const r = await importCsvFile(
        { store: db.store, dataDir: dirA, key: TEST_KEY },
        writeCsv(dirA, 't3.csv', trajectories(7, 2)),
      );
      assert.equal(r.status, 'committed');
      // no rebuild and no NOTIFY here: only the check on reconnecting can find it
      assert.ok(await until(20_000, async () => (await rowsIn()) === 9), `B's lens has ${await rowsIn()} rows`);
    });

    it('rows removed while LISTEN was down (no new import run): found on reconnecting by comparing table by table', async () => {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        const cut = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%'`,
          [new URL(db.url!).pathname.slice(1)],
        );
        assert.equal(cut.rows.length, 1, 'the one LISTEN connection');
      } finally {
        await admin.end();
      }
      // what retention does: rows go, the newest import run stays
      await db.store.query("DELETE FROM trajectory WHERE trajectory_id IN ('T7', 'T8')");
      assert.ok(await until(20_000, async () => (await rowsIn()) === 7), `B's lens has ${await rowsIn()} rows`);
    });

    it('a log-out or account change elsewhere: the cached sessions and principals are dropped', async () => {
      const before = forgotten;
      await notifyDataChange(db.store, { event: 'accounts', run: null });
      assert.ok(await until(20_000, async () => forgotten > before), 'forgetSessions called');
    });

    it('a request holding the replaced lens finishes on it', async () => {
      const old = await holder.get();
      await holder.reload();
      const [row] = await old.query<{ n: number }>('SELECT count(*) AS n FROM trajectory');
      assert.equal(row!.n, 7);
    });
  },
);
