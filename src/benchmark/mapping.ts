/**
 * Which CBS table and topic feeds which benchmark figure. CBS renumbers tables now and then and a
 * gemeente may mirror other tables than ours, so this is a file a user can read, copy and change
 * (`zicht cbs mapping`, `zicht benchmark --mapping <file>`, or `<dataDir>/cbs-mapping.json`).
 * Each figure lists candidate sources; the first one that has data for a period is used, so one
 * mapping serves the demo mirror, the Verwey-Jonker fixture and real CBS tables side by side.
 * Iv3 lasten need no entry: they come from the Iv3 amounts, whichever source imported them.
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

const Source = z.object({
  table: z.string().min(1),
  topic: z.string().min(1),
  /** other dimensions of the table, exactly as stored: "Leeftijd=T001|Geslacht=T001"; empty = none */
  dims: z.string().default(''),
  /** multiply the CBS value (e.g. 0.001 when a table counts in thousands) */
  factor: z.number().positive().default(1),
});
export type Source = z.infer<typeof Source>;

export const CbsMapping = z
  .object({
    description: z.string().optional(),
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

/** Ships with Zicht: the demo mirror's tables first, then the Verwey-Jonker reproduction fixture. */
export const DEFAULT_MAPPING: CbsMapping = {
  description:
    'Standaardkoppeling van Zicht: demotabellen (ZICHTDEMO…) en de Verwey-Jonker-tabel (VJ2021JH). Voeg voor echte CBS-tabellen een bron vooraan toe.',
  figures: {
    inhabitants: [{ table: 'ZICHTDEMOKERN', topic: 'Bevolking_1', dims: '', factor: 1 }],
    youth_0_17: [{ table: 'ZICHTDEMOKERN', topic: 'Jongeren0Tot18Jaar_2', dims: '', factor: 1 }],
    median_income: [{ table: 'ZICHTDEMOKERN', topic: 'MediaanGestandaardiseerdInkomen_3', dims: '', factor: 1 }],
    children_low_income_pct: [{ table: 'ZICHTDEMOKERN', topic: 'KinderenInLaagInkomen_4', dims: '', factor: 1 }],
    pct_without_residence: [
      { table: 'ZICHTDEMOJH', topic: 'JongerenMetJeugdhulpZonderVerblijf_1', dims: '', factor: 1 },
      { table: 'VJ2021JH', topic: 'JongerenMetJeugdhulpZonderVerblijf_1', dims: '', factor: 1 },
    ],
    pct_with_residence: [{ table: 'ZICHTDEMOJH', topic: 'JongerenMetJeugdhulpMetVerblijf_2', dims: '', factor: 1 }],
    youths_with_jeugdzorg: [{ table: 'ZICHTDEMOJH', topic: 'JongerenMetJeugdzorg_3', dims: '', factor: 1 }],
    jeugdzorgregio: [{ table: 'ZICHTDEMOKERN', topic: 'Jeugdzorgregio_5', dims: '', factor: 1 }],
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
