/**
 * Which CBS table and topic feeds which benchmark figure. CBS renumbers tables now and then and a
 * gemeente may mirror other tables than ours, so this is a file a user can read, copy and change
 * (`zicht cbs mapping`, `zicht benchmark --mapping <file>`, or `<dataDir>/cbs-mapping.json`).
 * Each figure lists candidate sources; the first one that has data for a period is used, so one
 * mapping serves real CBS StatLine tables, the demo mirror and the Verwey-Jonker fixture side by side
 * (real ones first). Iv3 lasten need no figure: they come from the Iv3 amounts, whichever source
 * imported them; `sync` names the tables `zicht cbs sync` fetches besides the figures' own
 * (docs/cbs.md says which keys are verified and how).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../domain/errors.js';

export const FIGURES = {
  inhabitants: { nl: 'inwoners op 1 januari', en: 'inhabitants on 1 January', periods: 'jaar' },
  youth_0_17: { nl: 'jeugdigen 0–17 jaar', en: 'youths aged 0–17', periods: 'jaar' },
  median_income: {
    nl: 'mediaan gestandaardiseerd huishoudinkomen (voor het SES-deciel)',
    en: 'median standardised household income (for the SES decile)',
    periods: 'jaar',
  },
  children_low_income_pct: {
    nl: '% kinderen ≥ 1 jaar in een huishouden met laag inkomen (voor het armoededeciel)',
    en: '% children ≥ 1 year in a low-income household (for the poverty decile)',
    periods: 'jaar',
  },
  pct_without_residence: {
    nl: '% jeugdigen met jeugdhulp zonder verblijf',
    en: '% youths with jeugdhulp without residence',
    periods: 'halfjaar',
  },
  pct_with_residence: {
    nl: '% jeugdigen met jeugdhulp met verblijf',
    en: '% youths with jeugdhulp with residence',
    periods: 'halfjaar',
  },
  youths_with_jeugdzorg: {
    nl: 'jeugdigen met jeugdzorg in het jaar (noemer van lasten per gebruiker)',
    en: 'youths with jeugdzorg in the year (denominator of burden per user)',
    periods: 'jaar',
  },
  jeugdzorgregio: { nl: 'jeugdzorgregio (tekst)', en: 'youth-care region (text)', periods: 'jaar' },
} as const;
export type Figure = keyof typeof FIGURES;

/** Where a table lives: StatLine (opendata), the Iv3 "dataderden" catalogue, or only in a local mirror. */
export const CATALOGS = {
  opendata: 'https://opendata.cbs.nl/ODataApi/odata',
  dataderden: 'https://dataderden.cbs.nl/ODataApi/odata',
} as const;
const Catalog = z.enum(['opendata', 'dataderden', 'lokaal']);
export type Catalog = z.infer<typeof Catalog>;

const Source = z.object({
  table: z.string().min(1),
  /** default opendata; 'lokaal' = a demo or fixture table that `zicht cbs sync` does not ask CBS for */
  catalog: Catalog.optional(),
  topic: z.string().min(1),
  /** other dimensions of the table, exactly as stored: "Leeftijd=T001|Geslacht=T001"; empty = none */
  dims: z.string().default(''),
  /** multiply the CBS value (e.g. 0.001 when a table counts in thousands) */
  factor: z.number().positive().default(1),
});
export type Source = z.infer<typeof Source>;

const TableRef = z
  .object({ table: z.string().min(1), catalog: Catalog.optional(), why: z.string().optional() })
  .strict();
/** One table per year (Iv3 per verslagjaar, Kerncijfers wijken en buurten per editie): year → table id. */
const PerYear = z
  .object({
    what: z.string().min(1),
    catalog: Catalog.optional(),
    /** also fetch the table of the base year (Iv3: the begroting the lasten index starts from) */
    withBaseYear: z.boolean().optional(),
    tables: z.record(z.string().regex(/^\d{4}$/, 'een jaartal / a year'), z.string().min(1)),
  })
  .strict();
const Sync = z
  .object({
    /** fetched besides the tables the figures name */
    tables: z.array(TableRef).optional(),
    perYear: z.array(PerYear).optional(),
    /** the base year of the lasten index: its Iv3 table is fetched too */
    baseYear: z.number().int().optional(),
  })
  .strict();
export type SyncSpec = z.infer<typeof Sync>;

export const CbsMapping = z
  .object({
    description: z.string().optional(),
    sync: Sync.optional(),
    figures: z
      .object({
        inhabitants: z.array(Source).default([]),
        youth_0_17: z.array(Source).default([]),
        median_income: z.array(Source).default([]),
        children_low_income_pct: z.array(Source).default([]),
        pct_without_residence: z.array(Source).default([]),
        pct_with_residence: z.array(Source).default([]),
        youths_with_jeugdzorg: z.array(Source).default([]),
        jeugdzorgregio: z.array(Source).default([]),
      })
      .strict(),
  })
  .strict();
export type CbsMapping = z.infer<typeof CbsMapping>;

const LOCAL = 'lokaal' as const;
/** Iv3 per verslagjaar on dataderden (the table holds the begroting and the jaarrekening of that year). */
const IV3_TABLES: Record<string, string> = {
  '2017': '45038NED',
  '2018': '45042NED',
  '2019': '45046NED',
  '2020': '45050NED',
  '2021': '45054NED',
  '2022': '45059NED',
  '2023': '45063NED',
  '2024': '45067NED',
  '2025': '45071NED',
  '2026': '45078NED',
};
/** Kerncijfers wijken en buurten, one table per edition (no period dimension: the year is in TableInfos). */
const KWB_TABLES: Record<string, string> = {
  '2019': '84583NED',
  '2020': '84799NED',
  '2021': '85039NED',
  '2022': '85318NED',
  '2023': '85618NED',
  '2024': '85984NED',
  '2025': '86165NED',
};

/**
 * Ships with Zicht: the real StatLine tables first (docs/cbs.md: what is verified and how), then the
 * demo mirror's tables and the Verwey-Jonker reproduction fixture. 85099NED "Kerncijfers over
 * jeugdzorg": VormenVanJeugdzorg A042503 = JH 121 jeugdhulp zonder verblijf, A027918 = JH 122 met
 * verblijf, A045561 = JZ totaal jeugdzorg; topic _1 = aantal, _2 = relatief (% of the age class).
 */
export const DEFAULT_MAPPING: CbsMapping = {
  description:
    'Standaardkoppeling van Zicht: eerst de echte CBS-tabellen (85099NED, 70072NED, 86161NED; Iv3 en wijken per jaar), dan de demotabellen (ZICHTDEMO…) en de Verwey-Jonker-tabel (VJ2021JH). Zie docs/cbs.md.',
  sync: {
    tables: [{ table: '83454NED', why: 'gemeentelijke kosten jeugdzorg (controle naast de Iv3-lasten)' }],
    perYear: [
      { what: 'Iv3 gemeenten (lasten per taakveld)', catalog: 'dataderden', withBaseYear: true, tables: IV3_TABLES },
      { what: 'Kerncijfers wijken en buurten (wijkniveau)', tables: KWB_TABLES },
    ],
    baseYear: 2017,
  },
  figures: {
    inhabitants: [
      { table: '70072NED', topic: 'TotaleBevolking_1', dims: '', factor: 1 },
      { table: 'ZICHTDEMOKERN', catalog: LOCAL, topic: 'Bevolking_1', dims: '', factor: 1 },
    ],
    youth_0_17: [{ table: 'ZICHTDEMOKERN', catalog: LOCAL, topic: 'Jongeren0Tot18Jaar_2', dims: '', factor: 1 }],
    median_income: [
      {
        table: '86161NED',
        topic: 'MediaanGestandaardiseerdInkomen_4',
        dims: 'Populatie=1050010|KenmerkenVanHuishoudens=1050010',
        factor: 1000,
      },
      { table: 'ZICHTDEMOKERN', catalog: LOCAL, topic: 'MediaanGestandaardiseerdInkomen_3', dims: '', factor: 1 },
    ],
    children_low_income_pct: [
      { table: 'ZICHTDEMOKERN', catalog: LOCAL, topic: 'KinderenInLaagInkomen_4', dims: '', factor: 1 },
    ],
    pct_without_residence: [
      { table: '85099NED', topic: 'JongerenMetJeugdzorgRelatief_2', dims: 'VormenVanJeugdzorg=A042503', factor: 1 },
      { table: 'ZICHTDEMOJH', catalog: LOCAL, topic: 'JongerenMetJeugdhulpZonderVerblijf_1', dims: '', factor: 1 },
      { table: 'VJ2021JH', catalog: LOCAL, topic: 'JongerenMetJeugdhulpZonderVerblijf_1', dims: '', factor: 1 },
    ],
    pct_with_residence: [
      { table: '85099NED', topic: 'JongerenMetJeugdzorgRelatief_2', dims: 'VormenVanJeugdzorg=A027918', factor: 1 },
      { table: 'ZICHTDEMOJH', catalog: LOCAL, topic: 'JongerenMetJeugdhulpMetVerblijf_2', dims: '', factor: 1 },
    ],
    youths_with_jeugdzorg: [
      { table: '85099NED', topic: 'JongerenMetJeugdzorg_1', dims: 'VormenVanJeugdzorg=A045561', factor: 1 },
      { table: 'ZICHTDEMOJH', catalog: LOCAL, topic: 'JongerenMetJeugdzorg_3', dims: '', factor: 1 },
    ],
    jeugdzorgregio: [{ table: 'ZICHTDEMOKERN', catalog: LOCAL, topic: 'Jeugdzorgregio_5', dims: '', factor: 1 }],
  },
};

/** A CBS mapping file that cannot be used (cbs_koppeling_fout). */
export class MappingError extends UserError<'cbs_koppeling_fout'> {
  constructor(message: string) {
    super('cbs_koppeling_fout', { nl: message });
  }
}

/** Reads and checks a mapping file; the error names the file and the field that is wrong. */
export function readMapping(path: string): CbsMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MappingError(`${path}: geen leesbare JSON (${(err as Error).message}) / not readable JSON`);
  }
  const parsed = CbsMapping.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new MappingError(
      `${path}: veld ${i.path.join('.') || '(bestand)'}: ${i.message} / field ${i.path.join('.')}: ${i.message}`,
    );
  }
  return parsed.data;
}

export function mappingPath(dataDir: string): string {
  return join(dataDir, 'cbs-mapping.json');
}

/** An explicit file wins, then the data directory's own mapping, then the default. */
export function activeMapping(dataDir: string | null, file?: string): { mapping: CbsMapping; from: string } {
  if (file) return { mapping: readMapping(file), from: file };
  if (dataDir && existsSync(mappingPath(dataDir)))
    return { mapping: readMapping(mappingPath(dataDir)), from: mappingPath(dataDir) };
  return { mapping: DEFAULT_MAPPING, from: 'standaard / default' };
}
