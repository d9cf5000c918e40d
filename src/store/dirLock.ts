/**
 * One process per embedded store. PGlite has no locking of its own: a second process that opens the
 * same directory writes beside the first, and what the first had reported as done is lost when it
 * stops (issue 13). So the data directory holds a lock file, created before PGlite opens anything.
 *
 * The lock is a pid file, not an OS lock: Node has no flock without a native package. It appears
 * atomically and complete (written to a private name, then hard-linked to `zicht.lock`, which fails
 * when the name exists), so a reader never sees a half-written lock. A lock whose process is gone
 * (crash, SIGKILL) is stale and taken over; pid reuse is caught by also comparing the process's
 * start time (Linux /proc). Taking over is serialised by a second, short-lived guard file, so two
 * processes that both find a stale lock cannot both win.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../domain/errors.js';

export const LOCK_FILE = 'zicht.lock';

export interface LockOwner {
  readonly pid: number;
  /** process start in clock ticks since boot (Linux), to tell a reused pid from the owner */
  readonly procStart: string | null;
  /** when the owner took the lock (ISO time), for people */
  readonly since: string;
  readonly command: string;
  readonly host: string;
  /** the owner's admin socket (zicht serve), where a second process can hand its command over */
  socket?: string | undefined;
}

/** The data directory is in use by another live process. */
export class StoreLockedError extends UserError<'datamap_in_gebruik'> {
  constructor(
    readonly owner: LockOwner,
    readonly dataDir: string,
  ) {
    super('datamap_in_gebruik', { nl: lockedMessage(owner, dataDir) });
  }
}

export function lockedMessage(owner: LockOwner, dataDir: string): string {
  const server = /\bserve\b|\bdemo\b/.test(owner.command);
  const what = server ? 'de server / the server' : 'een ander proces / another process';
  const where = owner.host !== hostname() ? ` op ${owner.host}` : '';
  return (
    `De datamap ${dataDir} is in gebruik door ${what} (pid ${owner.pid}${where}, '${owner.command}', ` +
    `sinds ${owner.since}): stop dat proces eerst, of gebruik de Data-pagina/API van de server / ` +
    `the data directory is in use (pid ${owner.pid} since ${owner.since}): stop that process first, ` +
    `or use the server's Data page/API.`
  );
}

/** Start time of a process in clock ticks since boot, or null where /proc is not there. */
function procStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `owner` still runs (on another host: assumed so, we cannot see it). */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.procStart === null) return true;
  const now = procStart(owner.pid);
  return now === null || now === owner.procStart;
}

export function readOwner(path: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof o.pid === 'number' ? o : null;
  } catch {
    return null;
  }
}

/** The live owner of the data directory's lock, or null when nobody holds it (or only a stale lock is left). */
export function lockOwner(dataDir: string): LockOwner | null {
  const o = readOwner(join(dataDir, LOCK_FILE));
  return o && ownerAlive(o) ? o : null;
}

/** Writes `content` under `path` only if `path` does not exist yet; the file appears complete or not at all. */
function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(temp);
  }
}

const held = new Map<string, DirLock>();

export class DirLock {
  private released = false;
  private constructor(
    readonly dataDir: string,
    readonly path: string,
    private owner: LockOwner,
  ) {}

  /**
   * Takes the data directory's lock or throws StoreLockedError naming the live owner. A lock held
   * by this same process is refused too: two PGlite instances in one process break the store as well.
   */
  static acquire(dataDir: string, command = commandLine()): DirLock {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, LOCK_FILE);
    const owner: LockOwner = {
      pid: process.pid,
      procStart: procStart(process.pid),
      since: new Date().toISOString(),
      command,
      host: hostname(),
    };
    for (let attempt = 0; attempt < 20; attempt++) {
      if (createExclusive(path, JSON.stringify(owner))) {
        const lock = new DirLock(dataDir, path, owner);
        held.set(path, lock);
        installExitHandlers();
        return lock;
      }
      const current = readOwner(path);
      if (current && ownerAlive(current)) throw new StoreLockedError(current, dataDir);
      takeOverStale(path, current);
    }
    throw new Error(`could not take the lock ${path}`);
  }

  /** Records the admin socket in the lock, so a second process finds where to hand its work over. */
  setSocket(socket: string | undefined): void {
    if (this.released) return;
    this.owner = { ...this.owner, socket };
    // the owner alone writes this file; a rename replaces it in one step, so a reader sees the old or the new
    const temp = `${this.path}.${process.pid}.socket`;
    writeFileSync(temp, JSON.stringify(this.owner), { mode: 0o600 });
    renameSync(temp, this.path);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this.path);
    const current = readOwner(this.path);
    // never remove a lock that is no longer ours (someone took it over after we were presumed dead)
    if (current && current.pid === this.owner.pid && current.since === this.owner.since) {
      try {
        unlinkSync(this.path);
      } catch {
        /* already gone */
      }
    }
  }
}

/**
 * Removes a stale lock under a guard file, checking again under the guard that it is still the
 * same stale lock (another process may have taken it over and made a fresh one meanwhile).
 */
function takeOverStale(path: string, stale: LockOwner | null): void {
  const guard = `${path}.takeover`;
  const me: LockOwner = {
    pid: process.pid,
    procStart: procStart(process.pid),
    since: new Date().toISOString(),
    command: 'takeover',
    host: hostname(),
  };
  if (!createExclusive(guard, JSON.stringify(me))) {
    const g = readOwner(guard);
    // a guard left by a process that died in the middle of a take-over: remove it and try again
    if (!g || !ownerAlive(g)) {
      try {
        unlinkSync(guard);
      } catch {
        /* someone else removed it */
      }
    }
    return;
  }
  try {
    const again = readOwner(path);
    const same =
      again === null ? stale === null : stale !== null && again.pid === stale.pid && again.since === stale.since;
    if (same && !(again && ownerAlive(again)) && existsSync(path)) unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
}

function commandLine(): string {
  return ['zicht', ...process.argv.slice(2)].join(' ').slice(0, 200);
}

let handlersInstalled = false;

/**
 * Removes held locks when the process ends. On SIGINT/SIGTERM a command without its own handler
 * would die without an 'exit' event, so the lock handler then ends the process itself; where
 * someone else handles the signal (zicht serve stops gracefully and closes the store), it only
 * cleans up at 'exit'.
 */
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const releaseAll = () => {
    for (const lock of [...held.values()]) lock.release();
  };
  process.on('exit', releaseAll);
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    const onSignal = () => {
      if (process.listenerCount(sig) > 1) return;
      releaseAll();
      process.exit(code);
    };
    process.on(sig, onSignal);
  }
}

/** Makes the data directory private to its owner again (a directory made before 0700 was the rule). */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}
