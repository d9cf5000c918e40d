/**
 * The demo's light follow-up after referral (issue 21): evaluation moments per trajectory as two gemeenten' own
 * administrations keep them (evaluaties.csv, imported through the real importer), and their rhythm. Written after the
 * iJw messages are in, from the trajectories in the store, so the trajectory ids are those the fold made. Every
 * choice comes from a hash of what it is about, never from the demo's seeded random stream, so adding this changes
 * no other demo figure.
 *
 * Pattern (seed 001, Peel en Maas and Zaltbommel): every three months from the start, held mostly on time by the
 * jeugdconsulent or gezinscoach; verblijf (43, 44) and jeugdbescherming (48) half-yearly in the casusregie. Wijkteam 2
 * is behind: more moments not held and more held late. Eikenrode (9004) keeps them for every trajectory and stored
 * its rhythm, so the few trajectories its administration missed show derived moments; Aldervaart (9001), the demo
 * team manager's gemeente, recorded them in the last year for two teams and stored no rhythm: only what it recorded
 * counts there. Small on purpose (a few thousand rows).
 */
import { join } from 'node:path';
import type { Store } from '../store/sql.js';
import type { PseudonymKey } from '../domain/pseudonym.js';
import { addDays, addMonths, type IsoDate } from '../domain/dates.js';
import { importCsvFile } from '../ingest/csv/import.js';
import type { FileReport } from '../ingest/report.js';
import { CsvWriter } from './csvWriter.js';
import { hash32 } from './random.js';

const unit = (...words: Array<string | number>): number => hash32(words.join('|')) / 2 ** 32;

/** The rhythm each gemeente stored (months; '' = every category). */
export const DEMO_RHYTHMS: ReadonlyArray<readonly [gemeente: string, category: string, months: number]> = [
  ['9004', '', 3],
  ['9004', '43', 6],
  ['9004', '44', 6],
  ['9004', '48', 6],
];

interface Keeps {
  readonly gemeente: string;
  /** teams recorded; null = every team */
  readonly teams: readonly string[] | null;
  /** only moments planned on or after this day */
  readonly from: (asOf: IsoDate) => IsoDate;
}
const KEEPS: readonly Keeps[] = [
  { gemeente: '9004', teams: null, from: () => '1900-01-01' },
  { gemeente: '9001', teams: ['Wijkteam 1', 'Wijkteam 2'], from: (asOf) => addMonths(asOf, -12) },
];
const BEHIND = 'Wijkteam 2';
const OUTCOMES = [
  'doorgaan',
  'doorgaan',
  'doorgaan',
  'doorgaan',
  'doorgaan',
  'doorgaan',
  'afschalen',
  'afschalen',
  'opschalen',
  'beeindigen',
];

/** Stores the rhythms, writes evaluaties.csv from the stored trajectories up to `asOf` and imports it. */
export async function loadDemoEvaluations(
  store: Store,
  dataDir: string,
  key: PseudonymKey,
  outDir: string,
  asOf: IsoDate,
): Promise<FileReport> {
  for (const [g, c, m] of DEMO_RHYTHMS)
    await store.query(
      `INSERT INTO evaluation_rhythm (gemeente_code, product_category, product_code, months, changed_by)
       VALUES ($1, $2, '', $3, 'demo') ON CONFLICT (gemeente_code, product_category, product_code) DO NOTHING`,
      [g, c, m],
    );
  const path = join(outDir, 'evaluaties.csv');
  const w = new CsvWriter(path, [
    'traject_id',
    'gemeente',
    'geplande_datum',
    'gehouden_datum',
    'uitkomst',
    'uitgevoerd_door',
  ]);
  for (const k of KEEPS) {
    const ts = await store.query<{ id: string; team: string | null; cat: string; start: string; end: string | null }>(
      `SELECT trajectory_id AS id, team_code AS team, product_category AS cat, to_char(start_date, 'YYYY-MM-DD') AS start,
              to_char(end_date, 'YYYY-MM-DD') AS "end"
         FROM trajectory WHERE gemeente_code = $1 AND NOT withdrawn AND start_date IS NOT NULL AND start_date <= $2
          AND (end_date IS NULL OR end_date >= $3) ORDER BY trajectory_id`,
      [k.gemeente, asOf, k.from(asOf)],
    );
    for (const t of ts) {
      if (k.teams !== null && !k.teams.includes(t.team ?? '')) continue;
      // the administration missed one in twenty trajectories altogether
      if (unit('evaluatie-gemist', k.gemeente, t.id) < 0.05) continue;
      const behind = t.team === BEHIND;
      const months = ['43', '44', '48'].includes(t.cat) ? 6 : 3;
      const limit = t.end !== null && t.end < asOf ? t.end : asOf;
      for (let n = 1; ; n++) {
        const planned = addMonths(t.start, n * months);
        if (planned > limit) break;
        if (planned < k.from(asOf)) continue;
        const u = unit('evaluatie', k.gemeente, t.id, n);
        const notHeld = u < (behind ? 0.2 : 0.05);
        const late = unit('evaluatie-laat', k.gemeente, t.id, n) < (behind ? 0.3 : 0.1);
        const delay = late
          ? 15 + Math.floor(unit('evaluatie-dagen', t.id, n) * 30)
          : Math.floor(unit('evaluatie-dagen', t.id, n) * 16) - 5;
        const held = notHeld ? null : addDays(planned, delay);
        const heldKnown = held !== null && held <= asOf ? held : null;
        const by =
          t.cat === '48' ? 'casusregisseur' : unit('evaluatie-wie', t.id) < 0.6 ? 'jeugdconsulent' : 'gezinscoach';
        await w.row([
          t.id,
          k.gemeente,
          planned,
          heldKnown ?? '',
          heldKnown ? OUTCOMES[Math.floor(unit('evaluatie-uitkomst', t.id, n) * OUTCOMES.length)]! : '',
          heldKnown ? by : '',
        ]);
      }
    }
  }
  await w.close();
  const report = await importCsvFile({ store, dataDir, key }, path);
  if (report.status === 'rejected')
    throw new Error(`demo file evaluaties was rejected: ${JSON.stringify(report.problems.slice(0, 3))}`);
  return report;
}
