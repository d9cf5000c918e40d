/**
 * Runs a test suite against both truth-store back ends: embedded PGlite (in memory) and PostgreSQL
 * (a fresh database on the server named by ZICHT_TEST_PG, default the local server). In CI a
 * missing PostgreSQL is a failure; on a developer machine the PostgreSQL half is skipped with a
 * message that says so.
 */
import { describe, it } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgliteStore } from '../store/pglite.js';
import { PostgresStore } from '../store/postgres.js';
import { MIGRATIONS, migrate } from '../store/migrate.js';
import type { BackendKind, Store } from '../store/sql.js';

// the package's exports do not include its package.json: read from node_modules beside dist/ (and src/)
const PGLITE_VERSION: string = JSON.parse(
  readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
).version;

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
 * One migrated embedded database for the whole test run, copied for every fresh store: a new PGlite runs initdb
 * (3–5 s on this 2-core machine, most of a test file's set-up), a copy of a migrated one starts in about a second.
 * The copy is kept as a file in the temporary directory, named by the migrations and the PGlite version, so the
 * hundred test processes of a run make it once instead of once each; a changed migration names a new file.
 */
const templateFile = join(
  tmpdir(),
  `zicht-pglite-template-${createHash('sha256')
    .update(JSON.stringify([PGLITE_VERSION, MIGRATIONS]))
    .digest('hex')
    .slice(0, 16)}.tar`,
);
let template: Promise<Uint8Array> | undefined;
function migratedTemplate(): Promise<Uint8Array> {
  template ??= (async () => {
    if (existsSync(templateFile)) return new Uint8Array(readFileSync(templateFile));
    const store = await PgliteStore.open('memory://');
    try {
      await migrate(store);
      const tar = await store.dumpDataDir();
      // written whole under a private name, then renamed: a process reading never sees half a file
      const part = `${templateFile}.${process.pid}.part`;
      writeFileSync(part, tar);
      renameSync(part, templateFile);
      return tar;
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
