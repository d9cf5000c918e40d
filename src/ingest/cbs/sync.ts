/**
 * `zicht cbs sync [--year]`: every CBS table the active mapping needs, fetched in one go into the
 * offline mirror, and a list of what is missing. The tables are those the figures name (except
 * 'lokaal' demo and fixture tables), the mapping's extra tables (83454NED) and, per year, the Iv3
 * table of the year and of the base year and the Kerncijfers wijken en buurten of the year. After
 * fetching, each figure's topic and dimension values are looked up in the fetched files, so a key
 * CBS renamed shows up here instead of as an empty benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGS, FIGURES, type CbsMapping, type Figure } from '../../benchmark/mapping.js';
import { CbsFetchError, fetchCbsTable, type FetchOptions } from './fetch.js';

export type RemoteCatalog = keyof typeof CATALOGS;

export interface SyncTable {
  readonly table: string;
  readonly catalog: RemoteCatalog;
  /** what the table is for, in Dutch */
  readonly why: string;
}

export interface SyncGap {
  readonly table: string;
  /** the figure or table list that needs it */
  readonly for: string;
  readonly nl: string;
  readonly en: string;
}

export interface SyncOutcome extends SyncTable {
  readonly status: 'opgehaald' | 'ontbreekt' | 'mislukt';
  readonly rows: number | null;
  readonly message: string | null;
}

export interface SyncResult {
  readonly year: number;
  readonly dir: string;
  readonly tables: readonly SyncOutcome[];
  readonly gaps: readonly SyncGap[];
}

/** The tables the mapping needs for a year, each once; a year without a listed table is a gap. */
export function tablesToSync(mapping: CbsMapping, year: number): { tables: SyncTable[]; gaps: SyncGap[] } {
  const out = new Map<string, SyncTable>();
  const gaps: SyncGap[] = [];
  const add = (t: SyncTable) => {
    if (!out.has(t.table)) out.set(t.table, t);
  };
  for (const [figure, sources] of Object.entries(mapping.figures) as Array<[Figure, CbsMapping['figures'][Figure]]>)
    for (const s of sources)
      if (s.catalog !== 'lokaal') add({ table: s.table, catalog: s.catalog ?? 'opendata', why: FIGURES[figure].nl });
  for (const t of mapping.sync?.tables ?? [])
    if (t.catalog !== 'lokaal') add({ table: t.table, catalog: t.catalog ?? 'opendata', why: t.why ?? '' });
  const base = mapping.sync?.baseYear;
  for (const p of mapping.sync?.perYear ?? []) {
    if (p.catalog === 'lokaal') continue;
    const years = [year, ...(p.withBaseYear && base !== undefined && base !== year ? [base] : [])];
    for (const y of years) {
      const table = p.tables[String(y)];
      if (table) add({ table, catalog: p.catalog ?? 'opendata', why: `${p.what} ${y}` });
      else
        gaps.push({
          table: '',
          for: p.what,
          nl: `geen tabel bekend voor ${p.what} ${y}: voeg hem toe aan de koppeling (sync.perYear)`,
          en: `no table known for ${p.what} ${y}: add it to the mapping (sync.perYear)`,
        });
    }
  }
  return { tables: [...out.values()], gaps };
}

interface Props {
  value: Array<{ Key: string; Type: string }>;
}
const readValues = (file: string): Array<{ Key: string }> | null =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { value: Array<{ Key: string }> }).value : null;

/**
 * What the mapping's figures ask of the mirror and it does not have: the table, the topic, or a
 * dimension value (keys compared trimmed, as the importer stores them).
 */
export function checkMirror(mapping: CbsMapping, mirrorDir: string): SyncGap[] {
  const gaps: SyncGap[] = [];
  for (const [figure, sources] of Object.entries(mapping.figures) as Array<[Figure, CbsMapping['figures'][Figure]]>) {
    for (const s of sources) {
      if (s.catalog === 'lokaal') continue;
      const dir = join(mirrorDir, s.table);
      const props = readValues(join(dir, 'DataProperties.json')) as Props['value'] | null;
      const at = `${figure} (${FIGURES[figure].nl})`;
      if (!props) {
        gaps.push({
          table: s.table,
          for: at,
          nl: `tabel ${s.table} staat niet in de spiegel`,
          en: `table ${s.table} is not in the mirror`,
        });
        continue;
      }
      if (!props.some((p) => p.Type === 'Topic' && p.Key === s.topic))
        gaps.push({
          table: s.table,
          for: at,
          nl: `onderwerp ${s.topic} bestaat niet in ${s.table}`,
          en: `topic ${s.topic} does not exist in ${s.table}`,
        });
      for (const part of s.dims.split('|').filter((x) => x.trim() !== '')) {
        const [dim = '', value = ''] = part.split('=').map((x) => x.trim());
        const values = props.some((p) => p.Key === dim) ? readValues(join(dir, `${dim}.json`)) : null;
        if (!values || !values.some((v) => v.Key.trim() === value))
          gaps.push({
            table: s.table,
            for: at,
            nl: values
              ? `dimensie ${dim} van ${s.table} heeft geen waarde ${value}`
              : `${s.table} heeft geen dimensie ${dim}`,
            en: values ? `dimension ${dim} of ${s.table} has no value ${value}` : `${s.table} has no dimension ${dim}`,
          });
      }
    }
  }
  return gaps;
}

export interface SyncOptions extends Omit<FetchOptions, 'baseUrl' | 'onProgress'> {
  readonly year: number;
  readonly toDir: string;
  /** per catalogue, another OData root (tests, a proxy) */
  readonly baseUrls?: Partial<Record<RemoteCatalog, string>>;
  readonly onProgress?: (table: string, entitySet: string, rows: number) => void;
}

/** Fetches every table; one that fails does not stop the others. */
export async function syncCbs(mapping: CbsMapping, opts: SyncOptions): Promise<SyncResult> {
  const { tables, gaps } = tablesToSync(mapping, opts.year);
  const outcomes: SyncOutcome[] = [];
  for (const t of tables) {
    try {
      const r = await fetchCbsTable(t.table, opts.toDir, {
        ...opts,
        baseUrl: opts.baseUrls?.[t.catalog] ?? CATALOGS[t.catalog],
        onProgress: (p) => opts.onProgress?.(t.table, p.entitySet, p.rows),
      });
      outcomes.push({ ...t, status: 'opgehaald', rows: r.rows, message: null });
    } catch (err) {
      if (!(err instanceof CbsFetchError)) throw err;
      outcomes.push({ ...t, status: err.notFound ? 'ontbreekt' : 'mislukt', rows: null, message: err.nl });
    }
  }
  return { year: opts.year, dir: opts.toDir, tables: outcomes, gaps: [...gaps, ...checkMirror(mapping, opts.toDir)] };
}
