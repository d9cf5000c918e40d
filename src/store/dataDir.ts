/**
 * The data directory holds personal data (the embedded store, sealed raw files, the lens, uploads
 * while they are read): it is private to the account that runs Zicht (directory 0700, files 0600),
 * and what a crashed process left in it is removed when the next one starts.
 */
import { chmodSync, existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ownerAlive, privateDir } from './dirLock.js';
import { hostname } from 'node:os';

/** Where uploads and unpacked archives live while one process reads them. */
export function tmpDir(dataDir: string): string {
  return join(dataDir, 'tmp');
}

/**
 * A name for one process's work in tmp/ or beside the lens: it carries the pid, so a later process
 * can tell a crashed process's leftovers from work that is still going on (PostgreSQL: several
 * processes may share one data directory).
 */
export function workName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * True when `name` was made by workName for a process that no longer runs; a name without a pid
 * counts as a leftover once it is a day old.
 */
function leftover(path: string, name: string): boolean {
  const m = /(?:^|-)(\d+)-/.exec(name);
  if (!m) return Date.now() - (gone(() => lstatSync(path))?.mtimeMs ?? Date.now()) > 86_400_000;
  const pid = Number(m[1]);
  return pid !== process.pid && !ownerAlive({ pid, procStart: null, since: '', command: '', host: hostname() });
}

export interface Prepared {
  /** leftovers removed (paths relative to the data directory) */
  readonly removed: string[];
  /** files and directories whose group/other permissions were taken away */
  readonly madePrivate: number;
}

/**
 * Makes the data directory private and removes leftovers. `exclusive`: this process holds the
 * directory's lock (embedded store), so everything in tmp/ is a leftover; without it (PostgreSQL)
 * only what belongs to processes that are gone.
 */
export function prepareDataDir(dataDir: string, exclusive: boolean): Prepared {
  privateDir(dataDir);
  const madePrivate = tightenModes(dataDir);
  const removed: string[] = [];
  privateDir(tmpDir(dataDir));
  // tmp/: uploads, unpacked archives and Excel sheets as plain text; raw/tmp/: raw files being sealed
  for (const sub of ['tmp', join('raw', 'tmp')]) {
    const dir = join(dataDir, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (exclusive || leftover(join(dir, name), name)) {
        rmSync(join(dir, name), { recursive: true, force: true });
        removed.push(join(sub, name));
      }
    }
  }
  for (const name of readdirSync(dataDir)) {
    if (!/^(lens-build|lens\.duckdb\.building)(-|$|\.wal$)/.test(name)) continue;
    if (exclusive || leftover(join(dataDir, name), name.replace(/\.wal$/, ''))) {
      rmSync(join(dataDir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return { removed, madePrivate };
}

/**
 * Takes group/other permissions off everything under `dir` (not following symbolic links). PGlite
 * writes a few files (pg_internal.init) readable for all whatever the umask, so the store runs this
 * on its directory again when it closes.
 */
export function tightenModes(dir: string): number {
  let changed = 0;
  const visit = (path: string) => {
    // another process may remove a file of its own while we walk (a lock attempt's temporary file, a
    // lens build, an upload): a name that is gone by the time we reach it is simply skipped
    const st = gone(() => lstatSync(path));
    if (!st || st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) {
      const done = gone(() => {
        chmodSync(path, st.mode & 0o700);
        return true;
      });
      if (done) changed++;
    }
    if (st.isDirectory()) for (const name of gone(() => readdirSync(path)) ?? []) visit(join(path, name));
  };
  visit(dir);
  return changed;
}

/** The result of `f`, or undefined when the file it touches has vanished (ENOENT); other errors are thrown. */
function gone<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
