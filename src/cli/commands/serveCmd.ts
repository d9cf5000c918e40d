/** zicht serve: the web application and API on the data directory's store and lens. */
import { ensureDemoUsers, type DemoLogin } from '../../demo/users.js';
// the server (fastify and its plugins) is loaded only when this command runs: every other command starts faster
import type { RunningServer } from '../../server/serve.js';
import { statSync } from 'node:fs';
import { openStore } from '../../app/openStore.js';
import type { DirLock } from '../../store/dirLock.js';
import type { Store } from '../../store/sql.js';
import { checkLens, formatCheck } from '../../lens/check.js';
import { lensPath, rebuildLens } from '../../lens/build.js';
import { startAdminSocket, type AdminSocket } from '../adminSocket.js';
import { ensureDemoBusinessCase, ensureDemoGoals } from '../../demo/goals.js';
import { ensureDemoPilots } from '../../demo/pilots.js';
import { keyPlacementWarning, pseudonymKey, readSettings, storeOptions, type Config } from '../config.js';
import { table } from '../format.js';
import { join } from 'node:path';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

export interface ServeFlags {
  port?: string | undefined;
  host?: string | undefined;
  json?: boolean | undefined;
}

export function printLogins(url: string, logins: readonly DemoLogin[], dataDir: string): void {
  const { requestLog } = readSettings();
  const log =
    requestLog === 'off'
      ? 'uit'
      : requestLog === '-'
        ? 'standaarduitvoer'
        : (requestLog ?? join(dataDir, 'logs', 'requests.log'));
  console.log(`\nZicht draait op ${url}  (stoppen: Ctrl+C)`);
  console.log(`API-documentatie: ${url}/api/v1/docs · verzoekenlog: ${log} (zonder persoonsgegevens)`);
  if (logins.length === 0) return;
  console.log(`\nDemo-accounts (fictieve gegevens; ook in ${join(dataDir, 'secrets', 'demo-logins.json')}):`);
  console.log(
    table(
      ['gebruiker', 'wachtwoord', 'rol', 'scope', 'TOTP-geheim (authenticator-app)'],
      logins.map((l) => [l.username, l.password, l.role, l.scope, l.totpSecret ?? '— (geen tweede factor nodig)']),
    ),
  );
  console.log(
    'Rollen met persoonsgegevens vragen een zescijferige code: voeg het TOTP-geheim toe aan een authenticator-app,',
  );
  console.log('of vraag de code van een demo-account op met: node bin/zicht.js users code <gebruiker>');
}

export async function serveCommand(cfg: Config, flags: ServeFlags, demo = false): Promise<number> {
  const settings = readSettings();
  const port = flags.port !== undefined ? Number(flags.port) : (settings.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError('ongeldige_optie.poort', { value: flags.port });
  }
  const host = flags.host ?? settings.host ?? '127.0.0.1';
  let lock: DirLock | null = null;
  const store = await openStore({ ...storeOptions(cfg), onLock: (l) => (lock = l) });
  try {
    return await serveOn(store, lock, cfg, flags, port, host, demo);
  } catch (err) {
    await store.close();
    throw err;
  }
}

async function serveOn(
  store: Store,
  lock: DirLock | null,
  cfg: Config,
  flags: ServeFlags,
  port: number,
  host: string,
  demo: boolean,
): Promise<number> {
  // the lens must show what the store holds (a crash between an import's commit and its rebuild,
  // or an import elsewhere on PostgreSQL, leaves it behind): check, and rebuild when it disagrees
  const check = await checkLens(store, cfg.dataDir);
  if (!check.agrees) {
    console.error(`${formatCheck(check)}\nLens wordt opnieuw gebouwd / rebuilding the lens …`);
    const r = await rebuildLens(store, cfg.dataDir);
    console.error(`Lens opnieuw gebouwd in ${(r.millis / 1000).toLocaleString('nl-NL')} s / lens rebuilt.`);
  }
  const logins = demo ? await ensureDemoUsers(store, cfg.dataDir) : [];
  if (demo) {
    await ensureDemoGoals(store);
    await ensureDemoBusinessCase(store);
    await ensureDemoPilots(store);
  }
  // the daily retention job (privacy.md rule 6); not for the demo's fictional data, and
  // ZICHT_RETENTION=off leaves it to cron (`zicht retention run`)
  const settings = readSettings();
  const retentionEveryMs = demo || !settings.retentionJob ? null : 86_400_000;
  const { startServer, stopOnSignals } = await import('../../server/serve.js');
  const started = await startServer({
    store,
    dataDir: cfg.dataDir,
    key: pseudonymKey(cfg),
    port,
    host,
    retentionEveryMs,
    requestLog: settings.requestLog,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    loginRateLimitPerMinute: settings.loginRateLimitPerMinute,
    secureCookies: settings.secureCookies,
    oidcEnv: settings.oidc,
    retentionFile: settings.retentionFile,
    limits: settings.limits,
    apiContact: settings.apiContact,
  });
  // an embedded store is this server's alone: other zicht commands hand their work over here
  let admin: AdminSocket | null = null;
  if (lock) {
    const lensStat = () => {
      try {
        const st = statSync(lensPath(cfg.dataDir));
        return `${st.ino}:${st.mtimeMs}`;
      } catch {
        return '';
      }
    };
    let seen = lensStat();
    admin = await startAdminSocket(store, cfg.dataDir, async () => {
      // a handed-over command may have disabled an account or changed a role: no cached session may outlive that
      started.forgetSessions();
      const now = lensStat();
      if (now !== seen) await started.reloadLens();
      seen = now;
    });
    (lock as DirLock).setSocket(admin.path);
  }
  const server: RunningServer = {
    ...started,
    stop: async () => {
      await admin?.close();
      await started.stop();
    },
  };
  if (flags.json)
    console.log(JSON.stringify({ url: server.url, docs: `${server.url}/api/v1/docs`, demoLogins: logins }));
  else printLogins(server.url, logins, cfg.dataDir);
  // the demo's data are fictional; with real data the key belongs outside the directory it protects
  const warning = demo ? null : keyPlacementWarning(cfg);
  if (warning) console.error(warning);
  await stopOnSignals(server);
  return 0;
}

/** `zicht serve`: its help, its options and what runs it (the registry is commands/index.ts). */
export const serveSpec = defineCommand({
  name: 'serve',
  help: ['start de webapplicatie en API (standaard http://127.0.0.1:8080)  --port N  --host H  --json'],
  options: {
    port: { type: 'number', nl: 'poort (of PORT; standaard 8080)', en: 'port (or PORT; default 8080)' },
    host: {
      type: 'string',
      value: 'H',
      nl: 'adres (of HOST; standaard 127.0.0.1)',
      en: 'address (or HOST; default 127.0.0.1)',
    },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => serveCommand(cfg, f),
});
