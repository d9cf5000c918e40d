/** zicht serve: the web application and API on the data directory's store and lens. */
import { ensureDemoUsers, type DemoLogin } from '../../demo/users.js';
import { startServer, stopOnSignals } from '../../server/serve.js';
import { ensureDemoBusinessCase, ensureDemoGoals } from '../../demo/goals.js';
import { keyPlacementWarning, open, pseudonymKey, type Config } from '../config.js';
import { table } from '../format.js';
import { join } from 'node:path';

export interface ServeFlags {
  port?: string | undefined;
  host?: string | undefined;
  json?: boolean | undefined;
}

export function printLogins(url: string, logins: readonly DemoLogin[], dataDir: string): void {
  const log = process.env.ZICHT_REQUEST_LOG === 'off' ? 'uit' : process.env.ZICHT_REQUEST_LOG === '-' ? 'standaarduitvoer' : (process.env.ZICHT_REQUEST_LOG ?? join(dataDir, 'logs', 'requests.log'));
  console.log(`\nZicht draait op ${url}  (stoppen: Ctrl+C)`);
  console.log(`API-documentatie: ${url}/api/docs · verzoekenlog: ${log} (zonder persoonsgegevens)`);
  if (logins.length === 0) return;
  console.log(`\nDemo-accounts (fictieve gegevens; ook in ${join(dataDir, 'secrets', 'demo-logins.json')}):`);
  console.log(table(['gebruiker', 'wachtwoord', 'rol', 'scope', 'TOTP-geheim (authenticator-app)'],
    logins.map((l) => [l.username, l.password, l.role, l.scope, l.totpSecret ?? '— (geen tweede factor nodig)'])));
  console.log('Rollen met persoonsgegevens vragen een zescijferige code: voeg het TOTP-geheim toe aan een authenticator-app,');
  console.log('of vraag de code van een demo-account op met: node bin/zicht.js users code <gebruiker>');
}

export async function serveCommand(cfg: Config, flags: ServeFlags, demo = false): Promise<number> {
  const port = Number(flags.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port moet een getal 0–65535 zijn / --port must be 0–65535 (kreeg ${flags.port})`);
    return 2;
  }
  const host = flags.host ?? process.env.HOST ?? '127.0.0.1';
  const store = await open(cfg);
  const logins = demo ? await ensureDemoUsers(store, cfg.dataDir) : [];
  if (demo) {
    await ensureDemoGoals(store);
    await ensureDemoBusinessCase(store);
  }
  // the daily retention job (privacy.md rule 6); not for the demo's fictional data, and
  // ZICHT_RETENTION=off leaves it to cron (`zicht retention run`)
  const retentionEveryMs = demo || process.env.ZICHT_RETENTION === 'off' ? null : 86_400_000;
  const server = await startServer({ store, dataDir: cfg.dataDir, key: pseudonymKey(cfg), port, host, retentionEveryMs });
  if (flags.json) console.log(JSON.stringify({ url: server.url, docs: `${server.url}/api/docs`, demoLogins: logins }));
  else printLogins(server.url, logins, cfg.dataDir);
  // the demo's data are fictional; with real data the key belongs outside the directory it protects
  const warning = demo ? null : keyPlacementWarning(cfg);
  if (warning) console.error(warning);
  await stopOnSignals(server);
  return 0;
}
