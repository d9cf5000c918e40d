/**
 * Saved report definitions (schedules): a report kind with its gemeente, provider, version and
 * output folder, produced for every new complete period by `zicht report due` (run it from cron).
 * Kept as a small JSON file in the data directory; which periods were produced is recorded there,
 * so running `due` twice makes nothing twice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatPeriod, lastCompletePeriod, parsePeriod, shiftPeriod, type PeriodKind } from '../domain/periods.js';
import type { ReportKind } from './apiTypes.js';
import { REPORT_KINDS, REPORT_KIND_IDS } from './kinds/index.js';

export const scheduleSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]{2,40}$/, 'naam: 2–40 tekens a-z, 0-9 en -'),
  kind: z.enum(REPORT_KIND_IDS),
  gemeente: z.string().regex(/^\d{4}$/),
  aanbieder: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
  extern: z.boolean(),
  /**
   * The gemeenten its maker could see exactly when saving it (absent in older files: every one): the internal
   * version shows other gemeenten's figures as published, and only someone who sees all of these may fetch it.
   */
  scope: z.array(z.string()).optional(),
  format: z.enum(['pdf', 'xlsx']),
  outDir: z.string().min(1),
  /** the first period to produce */
  from: z.string(),
  produced: z.array(z.string()),
  /**
   * The produced periods whose file holds no person-level list (every one made since red team 33; absent in older
   * files): a saved report is fetched by every role that may see it, so it never holds one, and a file made before
   * is made again before it is handed out (server/routes/reports.ts).
   */
  withoutPersons: z.array(z.string()).optional(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** The period each kind is made for (kinds/). */
export const PERIOD_OF = Object.fromEntries(REPORT_KIND_IDS.map((k) => [k, REPORT_KINDS[k].period])) as Record<
  ReportKind,
  PeriodKind
>;

export function schedulesPath(dataDir: string): string {
  return join(dataDir, 'report-schedules.json');
}

export function readSchedules(dataDir: string): Schedule[] {
  const path = schedulesPath(dataDir);
  if (!existsSync(path)) return [];
  return z.array(scheduleSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function writeSchedules(dataDir: string, list: readonly Schedule[]): void {
  writeFileSync(schedulesPath(dataDir), `${JSON.stringify(list, null, 2)}\n`);
}

/** Complete periods from `from` up to the data end that have not been produced yet, oldest first. */
export function duePeriods(s: Pick<Schedule, 'kind' | 'from' | 'produced'>, dataEnd: string): string[] {
  const last = lastCompletePeriod(PERIOD_OF[s.kind], dataEnd);
  const out: string[] = [];
  // period keys of one kind sort in time order ('2026-05' < '2026-06', '2026H1' < '2026H2')
  for (let p = parsePeriod(s.from); formatPeriod(p) <= formatPeriod(last) && out.length < 240; p = shiftPeriod(p, 1)) {
    if (!s.produced.includes(formatPeriod(p))) out.push(formatPeriod(p));
  }
  return out;
}
