/** zicht import <files…>: canonical CSV files (one transaction per file), then the lens is rebuilt. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importCsvFile } from '../../ingest/csv/import.js';
import { formatReport, type FileReport } from '../../ingest/report.js';
import { rebuildLens } from '../../lens/build.js';
import { open, pseudonymKey, type Config } from '../config.js';
import { Progress, mb, percent } from '../progress.js';

export interface ImportFlags {
  type?: string | undefined;
  'accept-valid'?: boolean | undefined;
  'dry-run'?: boolean | undefined;
  json?: boolean | undefined;
}

function expand(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!existsSync(p)) return [p];
    if (statSync(p).isDirectory()) return readdirSync(p).filter((f) => /\.(csv|txt)$/i.test(f)).sort().map((f) => join(p, f));
    return [p];
  });
}

export async function importCommand(cfg: Config, paths: string[], flags: ImportFlags): Promise<number> {
  if (paths.length === 0) {
    console.error('Geef een of meer bestanden op / give one or more files: zicht import trajecten.csv');
    return 2;
  }
  const store = await open(cfg);
  const progress = new Progress();
  const reports: FileReport[] = [];
  try {
    for (const path of expand(paths)) {
      if (!existsSync(path)) {
        console.error(`Bestand niet gevonden / file not found: ${path}`);
        return 2;
      }
      const report = await importCsvFile({ store, dataDir: cfg.dataDir, key: pseudonymKey(cfg) }, path, {
        type: flags.type,
        acceptValid: Boolean(flags['accept-valid']),
        dryRun: Boolean(flags['dry-run']),
        onProgress: (p) => progress.update(`${p.file}: ${p.phase} ${percent(p.bytes, p.totalBytes)} (${mb(p.bytes)}, ${p.rows.toLocaleString('nl-NL')} regels)`),
      });
      progress.done(`${report.file}: ${report.status}`);
      reports.push(report);
      if (!flags.json) console.log(formatReport(report));
    }
    if (!flags['dry-run'] && reports.some((r) => r.status === 'committed')) {
      const lens = await rebuildLens(store, cfg.dataDir, (step, d, t) => progress.update(`lens: ${step} (${d + 1}/${t})`));
      progress.done(`lens bijgewerkt in ${(lens.millis / 1000).toLocaleString('nl-NL')} s`);
    }
  } finally {
    await store.close();
  }
  if (flags.json) console.log(JSON.stringify(reports, null, 2));
  return reports.some((r) => r.status === 'rejected') ? 1 : 0;
}
