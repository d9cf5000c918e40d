/**
 * Making report files: one report, or every saved report (schedule.ts) for each complete period
 * not made yet. `zicht report due` (cron) and the web's "nu maken" run the same code.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/sql.js';
import type { LensHolder } from '../app/lensHolder.js';
import { dataEnd } from '../indicators/sql.js';
import { buildReport, type ReportModel, type ReportRequest } from './model.js';
import { reportData } from './data.js';
import { writePdf } from './pdf.js';
import { writeExcel } from './excel.js';
import { duePeriods, readSchedules, writeSchedules, type Schedule } from './schedule.js';

export async function produceReport(
  store: Store,
  lens: LensHolder,
  req: ReportRequest,
  format: 'pdf' | 'xlsx',
  out: string,
): Promise<ReportModel> {
  const model = await buildReport(reportData(store, lens), req);
  if (format === 'pdf') await writePdf(model, out);
  else await writeExcel(model, out);
  return model;
}

export interface Made {
  readonly name: string;
  readonly period: string;
  readonly file: string;
}

/** Produces what is due for the saved reports (all, or the named one); records each period as it is made. */
export async function produceDue(
  store: Store,
  lens: LensHolder,
  dataDir: string,
  only?: string,
  onMade?: (m: Made) => void,
): Promise<Made[]> {
  const list = readSchedules(dataDir);
  const end = await lens.cached('dataEnd', (l) => dataEnd(l));
  const made: Made[] = [];
  for (const s of list.filter((x) => only === undefined || x.name === only)) {
    for (const period of duePeriods(s, end)) {
      const file = await produceSaved(store, lens, s, period);
      s.produced.push(period);
      // written after every report, so a crash halfway never makes a report twice or loses one
      writeSchedules(dataDir, list);
      made.push({ name: s.name, period, file });
      onMade?.({ name: s.name, period, file });
    }
  }
  return made;
}

/**
 * Makes one period of a saved report. Never with the internal lists of persons (the longest-running and costliest
 * trajectories): every role that may see the saved report fetches the same file, and the controller, contract
 * manager and beheerder may not see those lists (red team 33: a controller's saved monthly report held them, and
 * its download was not logged as an export of person-level data). The analist gets them in a report made on request.
 */
export async function produceSaved(store: Store, lens: LensHolder, s: Schedule, period: string): Promise<string> {
  mkdirSync(s.outDir, { recursive: true });
  const file = join(s.outDir, reportFileName(s.name, period, s.format));
  await produceReport(
    store,
    lens,
    {
      kind: s.kind,
      gemeente: s.gemeente,
      period,
      provider: s.aanbieder,
      extern: s.extern,
      scope: s.scope,
      includePersons: false,
    },
    s.format,
    file,
  );
  s.withoutPersons = [...new Set([...(s.withoutPersons ?? []), period])];
  return file;
}

export function reportFileName(name: string, period: string, format: 'pdf' | 'xlsx'): string {
  return `${name}-${period}.${format}`;
}
