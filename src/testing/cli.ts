/**
 * Runs the real command line (`node bin/zicht.js`, which runs dist/) as a second process on a data
 * directory, against either truth store: embedded PGlite in the data directory, or a fresh
 * PostgreSQL database made for the test and dropped after it.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ADMIN_URL } from './backends.js';
import type { BackendKind } from '../store/sql.js';

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Cli {
  run(...args: string[]): Promise<CliResult>;
  drop(): Promise<void>;
}

export async function cliOn(kind: BackendKind, dataDir: string): Promise<Cli> {
  let url = '';
  let name: string | null = null;
  if (kind === 'postgres') {
    name = `zicht_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const env = { ...process.env, ZICHT_DATA_DIR: dataDir, ZICHT_PSEUDONYM_KEY: 'cd'.repeat(32), DATABASE_URL: url };
  return {
    run: (...args) =>
      new Promise((resolve) => {
        execFile(process.execPath, [BIN, ...args], { env, maxBuffer: 1 << 26 }, (err, stdout, stderr) =>
          resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
        );
      }),
    async drop() {
      if (name === null) return;
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
