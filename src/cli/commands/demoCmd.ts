/**
 * zicht demo: generate the fictional demo region as real-format files, load them through the
 * importers, build the lens and print the summary per gemeente. A second run with the same
 * settings reuses what is loaded (importing the same files again changes nothing anyway).
 */
import { auditHeadFile, resetAuditHead } from '../../audit/head.js';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastCompleteHalfYear, periodEnd } from '../../domain/periods.js';
import { addDays, addMonths, formatDateNl } from '../../domain/dates.js';
import { generateDemo, type DemoManifest, type DemoSize } from '../../demo/generate.js';
import { loadDemo, type DemoIjw } from '../../demo/load.js';
import { prepareIjwTraffic } from '../../demo/ijw.js';
import { summarise } from '../../demo/summary.js';
import { lensPath, rebuildLens } from '../../lens/build.js';
import { Lens } from '../../lens/lens.js';
import { open, pseudonymKey, readSettings, type Config } from '../config.js';
import { Progress, mb, percent } from '../progress.js';
import { fmtEur, fmtInt, fmtPct, table } from '../format.js';
import { serveCommand } from './serveCmd.js';
import { lockOwner, StoreLockedError } from '../../store/dirLock.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

/** A duration in Dutch: `12,3 s`. */
const secondsNl = (ms: number) => `${(ms / 1000).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} s`;

export interface DemoFlags {
  size?: string | undefined;
  seed?: string | undefined;
  until?: string | undefined;
  fresh?: boolean | undefined;
  json?: boolean | undefined;
  'no-serve'?: boolean | undefined;
  port?: string | undefined;
  host?: string | undefined;
  'no-ijw'?: boolean | undefined;
}

export const DEFAULT_SEED = 2026;

export async function demoCommand(cfg: Config, flags: DemoFlags): Promise<number> {
  const size = (flags.size ?? 'region') as DemoSize;
  if (size !== 'region' && size !== 'national') throw new UserError('ongeldige_optie.size');
  const seed = Number(flags.seed ?? DEFAULT_SEED);
  const until = flags.until ?? periodEnd(lastCompleteHalfYear(new Date().toISOString().slice(0, 10)));
  const progress = new Progress(false);
  const started = performance.now();
  const demoDir = join(cfg.dataDir, 'demo');
  const manifestPath = join(demoDir, 'manifest.json');
  const wanted = { seed, size, until };
  const previous = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as DemoManifest) : null;
  const reuse =
    !flags.fresh &&
    previous &&
    previous.seed === seed &&
    previous.size === size &&
    previous.windowEnd === until &&
    existsSync(lensPath(cfg.dataDir));

  // a running server owns the embedded store: a demo must not delete or load it under the server's feet
  if (!cfg.databaseUrl && (!reuse || !flags['no-serve'])) {
    const owner = lockOwner(cfg.dataDir);
    if (owner) throw new StoreLockedError(owner, cfg.dataDir);
  }
  if (!reuse) {
    if (flags.fresh || (previous && !cfg.databaseUrl)) {
      // a different demo in the same embedded store would mix two demos: start clean
      rmSync(join(cfg.dataDir, 'pgdata'), { recursive: true, force: true });
      rmSync(lensPath(cfg.dataDir), { force: true });
      // the embedded access log starts again with the store: its head outside the data directory too
      // (a PostgreSQL database is not emptied here, so its log and head stay)
      if (!cfg.databaseUrl) resetAuditHead(auditHeadFile(cfg.dataDir, readSettings().auditHeadFile));
    }
    // the store starts (PGlite in its worker: migrations) while the demo's files are made on this thread
    const opening = open(cfg);
    opening.catch(() => undefined);
    let manifest: DemoManifest;
    try {
      manifest = await generateDemo({
        ...wanted,
        outDir: join(demoDir, 'files'),
        onProgress: (d, t, name) => progress.update(`demodata maken: ${percent(d, t)} (${name})`, size === 'region'),
      });
    } catch (err) {
      await opening.then((s) => s.close()).catch(() => undefined);
      throw err;
    }
    const made = performance.now();
    progress.done(
      `demodata gemaakt in ${secondsNl(made - started)}: ${Object.entries(manifest.files)
        .map(([k, f]) => `${k} ${fmtInt(f.rows)}`)
        .join(', ')}`,
    );
    // the last year arrives as iJw messages through the iJw importer, as a gemeente's own traffic
    // would; the years before come from its own administration (CSV)
    // (the national set would be millions of message files: it stays CSV)
    let ijw: DemoIjw | undefined;
    if (!flags['no-ijw'] && size === 'region') {
      const from = addDays(addMonths(until, -12), 1);
      // read when loadDemo asks (while the trajectories are written); the messages are made as they are imported
      ijw = () => {
        const traffic = prepareIjwTraffic(
          { trajecten: manifest.files.trajecten!.path, declaraties: manifest.files.declaraties!.path },
          { from, until, historicClaims: join(demoDir, 'files', 'declaraties-voor-ijw.csv') },
        );
        traffic.then(
          (t) =>
            progress.done(
              `iJw 3.2-berichten vanaf ${formatDateNl(from)}: ${Object.entries(t.counts)
                .map(([k, n]) => `${k} ${fmtInt(n)}`)
                .join(', ')}`,
            ),
          () => undefined,
        );
        return traffic;
      };
    }
    const store = await opening;
    try {
      await loadDemo(
        store,
        cfg.dataDir,
        pseudonymKey(cfg),
        manifest,
        (p) =>
          progress.update(
            p.file === 'iJw-berichten'
              ? `inlezen iJw-berichten: ${percent(p.bytes, p.totalBytes)} (${fmtInt(p.bytes)} van ${fmtInt(p.totalBytes)})`
              : `inlezen ${p.file}: ${p.phase} ${percent(p.bytes, p.totalBytes)} (${mb(p.bytes)})`,
          ),
        ijw,
        readSettings().limits,
      );
      progress.done(`demodata ingelezen via de importeurs in ${secondsNl(performance.now() - made)}`);
      const lens = await rebuildLens(store, cfg.dataDir, (step, d, t) =>
        progress.update(`lens bouwen: ${step} (${d + 1}/${t})`, true),
      );
      progress.done(`lens gebouwd in ${secondsNl(lens.millis)}`);
    } finally {
      await store.close();
    }
    writeFileSync(
      manifestPath,
      JSON.stringify(
        { ...manifest, providers: manifest.providers.map((p) => ({ ...p, categories: [...p.categories] })) },
        null,
        2,
      ),
    );
  }
  // the generated inputs hold (fictional) BSNs, names and birth dates in plain text, and the raw store
  // keeps every one of them sealed: like a gemeente's own export they do not stay in the data directory
  // (also on reuse, for a data directory loaded by an older version)
  rmSync(join(demoDir, 'files'), { recursive: true, force: true });
  // (a data directory of an older version kept the demo's messages as files here)
  rmSync(join(demoDir, 'ijw'), { recursive: true, force: true });

  const lens = await Lens.open(cfg.dataDir);
  const year = Number(until.slice(0, 4)) - (until.endsWith('-12-31') ? 0 : 1);
  const summary = await summarise(lens, year);
  lens.close();
  const seconds = (performance.now() - started) / 1000;
  if (flags.json) {
    console.log(
      JSON.stringify(
        { demo: true, seed, size, until, year, seconds: Math.round(seconds * 10) / 10, gemeenten: summary },
        null,
        2,
      ),
    );
    return 0;
  }
  console.log(
    `\nZicht — DEMOGEGEVENS (fictieve gemeenten, geen echte cijfers) · ${size === 'region' ? 'Jeugdregio Middenwaard' : 'landelijke demoset'} · ${year}`,
  );
  console.log(
    table(
      ['code', 'gemeente', 'inwoners', 'jeugd 0–17', 'met jeugdhulp', '%', 'gestart', 'kosten, alle vormen'],
      summary
        .slice(0, 40)
        .map((s) => [
          s.gemeente,
          s.naam,
          fmtInt(s.inwoners),
          fmtInt(s.jeugdigen_0_17),
          fmtInt(s.jeugdigen_met_jeugdhulp),
          fmtPct(s.pct_jeugdhulp),
          fmtInt(s.gestarte_trajecten),
          fmtEur(s.kosten_euro),
        ]),
      [false, false, true, true, true, true, true, true],
    ),
  );
  if (summary.length > 40) console.log(`… en nog ${summary.length - 40} gemeenten (--json voor alles)`);
  console.log(
    `\nKlaar in ${seconds.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} s. Gegevensmap: ${cfg.dataDir}`,
  );
  console.log(
    'Verder: zicht indicators --list · zicht indicators --indicator pct_youth_in_care --period 2025H2 --by zorgvorm',
  );
  if (!flags['no-serve']) return serveCommand(cfg, { port: flags.port, host: flags.host }, true);
  return 0;
}

/** `zicht demo`: its help, its options and what runs it (the registry is commands/index.ts). */
export const demoSpec = defineCommand({
  name: 'demo',
  help: [
    'maak en laad de demoregio (fictieve gemeenten) en toon de kerncijfers',
    '--size region|national  --seed N  --until JJJJ-MM-DD  --fresh  --no-serve  --json',
    'het laatste jaar komt als iJw 3.2-berichten (JW315/301/305/307/323/325) binnen via de',
    'iJw-importeur, de jaren ervoor als CSV uit de eigen administratie; --no-ijw (en --size national): alles als CSV',
  ],
  options: {
    size: { type: 'string', value: 'region|national', nl: 'omvang van de demo', en: 'size of the demo' },
    seed: { type: 'number', nl: 'startgetal van de simulatie', en: 'simulation seed' },
    until: { type: 'string', value: 'JJJJ-MM-DD', nl: 'laatste dag van de gegevens', en: 'last day of the data' },
    fresh: {
      type: 'boolean',
      nl: 'begin opnieuw met een lege datamap',
      en: 'start again from an empty data directory',
    },
    'no-serve': { type: 'boolean', nl: 'start de webapplicatie niet', en: 'do not start the web application' },
    'no-ijw': { type: 'boolean', nl: 'alles als CSV, geen iJw-berichten', en: 'everything as CSV, no iJw messages' },
    port: { type: 'number', nl: 'poort van de webapplicatie', en: 'port of the web application' },
    host: { type: 'string', value: 'H', nl: 'adres van de webapplicatie', en: 'address of the web application' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => demoCommand(cfg, f),
});
