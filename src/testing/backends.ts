/**
 * Runs a test suite against both truth-store back ends: embedded PGlite (in memory) and PostgreSQL
 * (a fresh database on the server named by ZICHT_TEST_PG, default the local server). In CI a
 * missing PostgreSQL is a failure; on a developer machine the PostgreSQL half is skipped with a
 * message that says so.
 */
import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgliteStore } from '../store/pglite.js';
import { PostgresStore } from '../store/postgres.js';
import { migrate } from '../store/migrate.js';
import type { BackendKind, Store } from '../store/sql.js';

export const ADMIN_URL = process.env.ZICHT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** True when the test PostgreSQL server answers (ZICHT_TEST_PG, default the local server). */
export async function postgresAvailable(): Promise<boolean> {
  // a loaded two-core machine can take seconds to accept a connection: try a few times before calling
  // PostgreSQL absent (in CI that fails the suite)
  for (let attempt = 0; attempt < 3; attempt++) {
    const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      await c.end().catch(() => undefined);
    }
  }
  return false;
}

const pgAvailable = await postgresAvailable();
if (!pgAvailable && process.env.CI) {
  throw new Error(`PostgreSQL is required in CI but not reachable at ${ADMIN_URL}`);
}

export interface TestDb {
  store: Store;
  /** PostgreSQL only: the throw-away database's connection string */
  url?: string;
  drop(): Promise<void>;
}

/**
 * One migrated embedded database per test process, copied for every fresh store: a new PGlite runs initdb (about
 * 5 s on this 2-core machine, most of a test file's set-up), a copy of a migrated one starts in under a second.
 */
let template: Promise<Uint8Array> | undefined;
function migratedTemplate(): Promise<Uint8Array> {
  template ??= (async () => {
    const store = await PgliteStore.open('memory://');
    try {
      await migrate(store);
      return await store.dumpDataDir();
    } finally {
      await store.close();
    }
  })();
  return template;
}

export async function freshStore(kind: BackendKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const store = await PgliteStore.open('memory://', undefined, await migratedTemplate());
    // the migrations are those of the template; run again they find nothing to do, and check that
    await migrate(store);
    return { store, drop: () => store.close() };
  }
  const name = `zicht_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await PostgresStore.open(url.toString());
  await migrate(store);
  return {
    store,
    url: url.toString(),
    async drop() {
      await store.close();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** describe() once per back end; the suite gets the back-end kind. */
export function forEachBackend(title: string, suite: (kind: BackendKind) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    if (kind === 'postgres' && !pgAvailable) {
      // counted as skipped, with the reason, instead of silently missing from the totals
      it(`${title} [postgres]`, { skip: `PostgreSQL not reachable at ${ADMIN_URL}` }, () => undefined);
      continue;
    }
    describe(`${title} [${kind}]`, () => suite(kind));
  }
}

/**
 * describe() on one back end: PostgreSQL when reachable (the faster of the two for a wide sweep), else PGlite. For
 * sweeps whose guarantee lives above the store — the access check of every route under every spelling, the
 * authorisation matrix, the OData feed and the disclosure sweep (they read the lens) — where the store only supplies sessions and users, which the tests on both back ends cover
 * (server/auth, tokens): the second back end doubled minutes of the suite and found nothing the first did not.
 */
export function onOneBackend(title: string, suite: (kind: BackendKind) => void): void {
  const kind: BackendKind = pgAvailable ? 'postgres' : 'pglite';
  describe(`${title} [${kind}]`, () => suite(kind));
}
