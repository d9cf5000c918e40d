/**
 * The server's admin socket: `zicht serve` on an embedded store owns that store alone (dirLock.ts),
 * so `zicht users`, `import`, `report`, `audit`, `lens`, `check` and `businesscase` started beside it hand their
 * command line over through a unix socket in the data directory (mode 0600, in a 0700 directory:
 * only the account that runs Zicht can connect). The server runs the command in-process with its
 * own store and sends back the output and the exit code.
 *
 * Protocol: one JSON line from the caller {argv, env}; then JSON lines {o: 'out'|'err', d: text}
 * and a last line {code}.
 */
import { createConnection, createServer, type Server } from 'node:net';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Store } from '../store/sql.js';
import { handoff, routeOutput } from './handoffContext.js';
import { FORWARDED_ENV, forwardedEnv } from './config.js';

/** Commands a second process hands over to the running server instead of opening the store itself. */
export const HANDOFF_COMMANDS = new Set([
  'users',
  'tokens',
  'import',
  'report',
  'audit',
  'lens',
  'check',
  'businesscase',
  'pilots',
  'backup',
  'retention',
  'sociale-kaart',
]);
/** Options whose value is a path: resolved by the caller, whose working directory the server does not share. */
const PATH_OPTIONS = new Set(['out', 'file', 'mapping', 'to']);
const KEYWORDS = new Set(['profiles', 'profile-add', 'quarantine', 'bron', 'cbs', 'traject']);
/** Of what the caller sent, only the values commands read (config.ts FORWARDED_ENV: ZICHT_PASSWORD, and USER). */
function pick(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    FORWARDED_ENV.flatMap((k) => {
      const v = env[k];
      return typeof v === 'string' ? [[k, v]] : [];
    }),
  );
}

export function socketPath(dataDir: string): string {
  const inDir = join(dataDir, 'admin.sock');
  // unix socket paths are limited to about 107 bytes; a long data directory gets one under the temp directory
  if (Buffer.byteLength(inDir) < 100) return inDir;
  return join(tmpdir(), `zicht-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`);
}

export interface AdminSocket {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Listens on the admin socket. `afterCommand` runs after each command (the server reloads its lens
 * when the command rebuilt it). Commands run one at a time.
 */
export async function startAdminSocket(
  store: Store,
  dataDir: string,
  afterCommand: () => Promise<void>,
): Promise<AdminSocket> {
  routeOutput();
  const path = socketPath(dataDir);
  // the caller holds the data directory's lock, so a socket file left here is a crashed server's
  rmSync(path, { force: true });
  let queue: Promise<unknown> = Promise.resolve();
  const server: Server = createServer((conn) => {
    let buffer = '';
    conn.setEncoding('utf8');
    conn.on('error', () => {});
    conn.on('data', (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      conn.removeAllListeners('data');
      let req: { argv: string[]; env: Record<string, string> };
      try {
        req = JSON.parse(buffer.slice(0, nl)) as typeof req;
        if (!Array.isArray(req.argv) || !req.argv.every((a) => typeof a === 'string')) throw new Error('argv');
      } catch {
        const lines = [{ o: 'err', d: 'ongeldig verzoek / invalid request\n' }, { code: 2 }];
        conn.end(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
        return;
      }
      const send = (o: 'out' | 'err') => (d: string) => {
        if (!conn.destroyed) conn.write(`${JSON.stringify({ o, d })}\n`);
      };
      queue = queue.then(async () => {
        const code = await runHandedOver(store, dataDir, req.argv, req.env ?? {}, send('out'), send('err'));
        await afterCommand().catch(() => {});
        if (!conn.destroyed) conn.end(`${JSON.stringify({ code })}\n`);
      });
    });
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(path, () => res());
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((res) => {
        server.close(() => res());
        rmSync(path, { force: true });
      }),
  };
}

/**
 * The command line's entry point, registered by cli/main.ts when it loads: a handed-over command runs
 * through the same main() as a typed one. Registered rather than imported, so this module (used by
 * the serve command, which main imports) does not import main back in a cycle.
 */
let runner: ((argv: string[]) => Promise<number>) | null = null;
export function registerCommandRunner(run: (argv: string[]) => Promise<number>): void {
  runner = run;
}

async function runHandedOver(
  store: Store,
  dataDir: string,
  argv: string[],
  env: Record<string, string>,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (!HANDOFF_COMMANDS.has(argv[0] ?? '')) {
    err(`'${argv[0]}' kan niet via de server / cannot be handed over to the server\n`);
    return 2;
  }
  const forwarded = pick(env);
  return handoff.run({ store, dataDir, env: forwarded, out, err }, async () => {
    try {
      if (!runner) throw new Error('no command runner registered (cli/main.ts registers it)');
      return await runner(argv);
    } catch (e) {
      err(`Fout / error: ${(e as Error).message}\n`);
      return 1;
    }
  });
}

/**
 * The caller's side: sends the command line to the server and relays its output. Paths are made
 * absolute here (the server has its own working directory) and --data-dir is left out (the server
 * serves one).
 */
export function handOver(path: string, argv: string[], tokens: readonly Token[]): Promise<number> {
  const rewritten: string[] = [argv[0]!];
  for (const t of tokens) {
    if (t.kind === 'option-terminator') rewritten.push('--');
    else if (t.kind === 'positional') {
      rewritten.push(!KEYWORDS.has(t.value) && existsSync(t.value) ? resolve(t.value) : t.value);
    } else if (t.name === 'data-dir') continue;
    else if (t.value === undefined) rewritten.push(`--${t.name}`);
    else rewritten.push(`--${t.name}=${PATH_OPTIONS.has(t.name) && !isAbsolute(t.value) ? resolve(t.value) : t.value}`);
  }
  const env = forwardedEnv();
  return new Promise((res) => {
    const conn = createConnection(path);
    let buffer = '';
    let code: number | null = null;
    conn.setEncoding('utf8');
    conn.on('connect', () => conn.write(`${JSON.stringify({ argv: rewritten, env })}\n`));
    conn.on('data', (chunk: string) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buffer.slice(0, nl)) as { o?: 'out' | 'err'; d?: string; code?: number };
        buffer = buffer.slice(nl + 1);
        if (msg.o === 'out') process.stdout.write(msg.d ?? '');
        else if (msg.o === 'err') process.stderr.write(msg.d ?? '');
        else if (typeof msg.code === 'number') code = msg.code;
      }
    });
    let failed = false;
    conn.on('error', (e) => {
      failed = true;
      console.error(`De server antwoordt niet op ${path} (${e.message}) / the server does not answer on its socket`);
      res(1);
    });
    conn.on('close', () => {
      if (code === null && !failed) console.error('De server brak de opdracht af / the server broke off the command');
      res(code ?? 1);
    });
  });
}

export type Token =
  | { kind: 'option'; name: string; value: string | undefined; index: number }
  | { kind: 'positional'; value: string; index: number }
  | { kind: 'option-terminator'; index: number };
