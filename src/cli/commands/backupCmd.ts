/**
 * zicht backup --out <map> and zicht restore --from <map> --data-dir <nieuwe map>: see src/ops/backup.ts.
 * Both go through the normal open/close of the store, so they run in the one process that may hold
 * an embedded store (with the server stopped, or handed to it).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PseudonymKey } from '../../domain/pseudonym.js';
import { backup, BackupError, checkBackup, restore } from '../../ops/backup.js';
import { rebuildLens } from '../../lens/build.js';
import { CLI_ACTOR, open, pseudonymKey, readSettings, type Config } from '../config.js';
import { mb, percent, Progress } from '../progress.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

export interface BackupFlags {
  out?: string | undefined;
  from?: string | undefined;
  json?: boolean | undefined;
}

export async function backupCommand(cfg: Config, flags: BackupFlags): Promise<number> {
  if (!flags.out) {
    throw new UserError('gebruik', { nl: 'Gebruik / usage: zicht backup --out <map> [--json]' });
  }
  const settings = readSettings();
  const progress = new Progress();
  const store = await open(cfg);
  try {
    const m = await backup(store, {
      dataDir: cfg.dataDir,
      outDir: flags.out,
      key: pseudonymKey(cfg),
      actor: CLI_ACTOR,
      databaseUrl: cfg.databaseUrl,
      keyOrigin: { hex: settings.pseudonymKey !== undefined, file: settings.pseudonymKeyFile },
      childEnv: settings.childEnv,
      onProgress: (what, d, t) => progress.update(`back-up: ${what} ${percent(d, t)}`),
    });
    const rows = m.tables.reduce((s, t) => s + t.rows, 0);
    progress.done(
      `back-up klaar: ${m.tables.length} tabellen, ${rows.toLocaleString('nl-NL')} rijen, ${m.raw.files} bronbestanden (${mb(m.raw.bytes)})`,
    );
    if (flags.json)
      console.log(
        JSON.stringify(
          { out: flags.out, tables: m.tables.length, rows, raw: m.raw, auditHead: m.auditHead, key: m.key },
          null,
          2,
        ),
      );
    else {
      console.log(`Back-up in ${flags.out}; toegangslog t/m regel ${m.auditHead?.seq ?? 0}.`);
      console.log(
        `De sleutel zit er NIET in. Herkomst: ${m.key.source}\nVingerafdruk ${m.key.fingerprint}: bewaar de sleutel apart en zet hem terug bij herstel.`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`Back-up mislukt / backup failed: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}

/** The key for the restored installation if one is in place; never made up (PseudonymKey.load would create one). */
function keyInPlace(cfg: Config): PseudonymKey | null {
  const settings = readSettings();
  if (settings.pseudonymKey) return PseudonymKey.fromHex(settings.pseudonymKey);
  const file = settings.pseudonymKeyFile ?? join(cfg.dataDir, 'secrets', 'pseudonym.key');
  return existsSync(file) ? PseudonymKey.load(file, settings.pseudonymKey) : null;
}

export async function restoreCommand(cfg: Config, flags: BackupFlags): Promise<number> {
  if (!flags.from) {
    throw new UserError('gebruik', {
      nl: 'Gebruik / usage: zicht restore --from <back-upmap> --data-dir <nieuwe map> [--json]',
    });
  }
  const pgdata = join(cfg.dataDir, 'pgdata');
  if (!cfg.databaseUrl && existsSync(pgdata) && readdirSync(pgdata).length > 0) {
    console.error(
      `Herstel mislukt / restore failed: ${cfg.dataDir} heeft al een database; kies een nieuwe map met --data-dir / already holds a database`,
    );
    return 1;
  }
  const key = keyInPlace(cfg);
  try {
    // before anything is created in the new directory: a refused restore leaves it as it was
    checkBackup(flags.from, key);
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`Herstel mislukt / restore failed: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const progress = new Progress();
  const store = await open(cfg);
  try {
    const r = await restore(store, {
      fromDir: flags.from,
      dataDir: cfg.dataDir,
      key,
      actor: CLI_ACTOR,
      onProgress: (what, d, t) => progress.update(`herstel: ${what} ${percent(d, t)}`),
    });
    progress.done(
      `herstel klaar: ${r.tables} tabellen, ${r.rows.toLocaleString('nl-NL')} rijen, ${r.rawFiles} bronbestanden; toegangslog sluitend (${r.auditEntries} regels)`,
    );
    const lens = await rebuildLens(store, cfg.dataDir, (step, d, t) =>
      progress.update(`lens: ${step} (${d + 1}/${t})`, true),
    );
    progress.done(`lens opnieuw gebouwd: ${lens.path}`);
    for (const w of r.warnings) console.error(`Let op / note: ${w}`);
    if (flags.json) console.log(JSON.stringify({ ...r, dataDir: cfg.dataDir, lens: lens.path }, null, 2));
    else console.log(`Hersteld in ${cfg.dataDir}.`);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`Herstel mislukt / restore failed: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}

/** `zicht backup`: its help, its options and what runs it (the registry is commands/index.ts). */
export const backupSpec = defineCommand({
  name: 'backup',
  help: ['--out <map> [--json]: consistente kopie van de database en de bronbestanden, zonder sleutel'],
  options: {
    out: { type: 'string', value: '<map>', nl: 'map voor de back-up', en: 'directory for the backup' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => backupCommand(cfg, f),
});

/** `zicht restore`: its help, its options and what runs it. */
export const restoreSpec = defineCommand({
  name: 'restore',
  help: ['--from <back-upmap> --data-dir <nieuwe map> [--json]: zet een back-up terug en bouwt de lens'],
  options: {
    from: { type: 'string', value: '<back-upmap>', nl: 'de back-up', en: 'the backup' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => restoreCommand(cfg, f),
});
