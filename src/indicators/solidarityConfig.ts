/**
 * The regional solidarity settings of a data directory (issue 19, seed 001: Noord-Limburg's verdeelsleutel by the
 * number of youths and the share using care; West-Brabant-West's mutual support above a 10% overrun): which
 * components make up the verdeelsleutel and with which weights, which cost is shared, and the trigger.
 *
 * A JSON file beside the CBS mapping (`<dataDir>/solidariteit.json`, resolved as benchmark/mapping.ts
 * `activeMapping` resolves `cbs-mapping.json`), not a canonical CSV: it is a setting of the region, a handful of
 * values with a list inside, not records of a gemeente with lineage, pseudonyms and row-level security. Checked at
 * the edge with zod; every error names the file and the field, in Dutch and in English.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../domain/errors.js';
import { findDuplicateKey } from '../domain/jsonKeys.js';

/** The components a verdeelsleutel can be made of, with their words (docs/indicators.md "Solidariteit"). */
export const SOLIDARITY_COMPONENTS = {
  jeugdigen: { nl: 'jeugdigen van 0–17 jaar', en: 'youths aged 0–17' },
  jeugdigen_met_jeugdhulp: { nl: 'jeugdigen met jeugdhulp', en: 'youths in care' },
  kosten: { nl: 'gerealiseerde kosten', en: 'realised cost' },
} as const;
export type SolidarityComponent = keyof typeof SOLIDARITY_COMPONENTS;
const COMPONENT_NAMES = Object.keys(SOLIDARITY_COMPONENTS) as [SolidarityComponent, ...SolidarityComponent[]];

/** Which cost is shared (and counts as realised): an existing cost indicator, reused as it is. */
export const SOLIDARITY_COSTS = {
  alle_financieringsvormen: {
    indicator: 'cost_all_forms',
    nl: 'kosten alle financieringsvormen (declaraties en betalingen buiten iJw)',
    en: 'cost, all financing forms (claims and payments outside iJw)',
  },
  declaraties: { indicator: 'cost_total', nl: 'kosten uit declaraties', en: 'cost from claims' },
} as const;
export type SolidarityCost = keyof typeof SOLIDARITY_COSTS;
const COST_NAMES = Object.keys(SOLIDARITY_COSTS) as [SolidarityCost, ...SolidarityCost[]];

export interface SolidarityConfig {
  readonly description: string | null;
  /** weights in hundredths of a per cent (a weight of 33,33% is 3333); they sum to 10000 */
  readonly key: ReadonlyArray<{ readonly component: SolidarityComponent; readonly weight: number }>;
  readonly cost: SolidarityCost;
  /** the key's components measured over this calendar year; null: over the period itself */
  readonly baseYear: number | null;
  /** the trigger in hundredths of a per cent (10% is 1000): realised above the key's cost by more than this */
  readonly trigger: number;
}

export const SOLIDARITY_FILE = 'solidariteit.json';

/**
 * Without a file: the key by youths aged 0–17 alone (the simplest key the seeds name, public CBS figures), all
 * financing forms, over the period itself, trigger 10% (West-Brabant-West).
 */
export const DEFAULT_SOLIDARITY: SolidarityConfig = {
  description: null,
  key: [{ component: 'jeugdigen', weight: 10000 }],
  cost: 'alle_financieringsvormen',
  baseYear: null,
  trigger: 1000,
};

export class SolidarityConfigError extends UserError<'solidariteit_instelling_fout'> {
  constructor(nl: string, en: string) {
    super('solidariteit_instelling_fout', { nl, en });
  }
}

/** A percentage with at most two decimals, as whole hundredths; null when it has more. */
function hundredths(x: number): number | null {
  const h = Math.round(x * 100);
  return Math.abs(x * 100 - h) < 1e-6 ? h : null;
}

const Percentage = (max: number) =>
  z
    .number()
    .min(0)
    .max(max)
    .refine((x) => hundredths(x) !== null, { params: { twoDecimals: true } });

const FileSchema = z
  .object({
    omschrijving: z.string().optional(),
    sleutel: z.array(z.object({ component: z.enum(COMPONENT_NAMES), gewicht: Percentage(100) }).strict()).min(1),
    kosten: z.enum(COST_NAMES).default('alle_financieringsvormen'),
    basisjaar: z.number().int().min(2000).max(2100).nullable().default(null),
    drempel_procent: Percentage(1000).default(10),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.sleutel.forEach((s, i) => {
      if (seen.has(s.component))
        ctx.addIssue({ code: 'custom', path: ['sleutel', i, 'component'], params: { duplicate: s.component } });
      seen.add(s.component);
    });
    const sum = f.sleutel.reduce((t, s) => t + (hundredths(s.gewicht) ?? 0), 0);
    if (sum !== 10000) ctx.addIssue({ code: 'custom', path: ['sleutel'], params: { sum: sum / 100 } });
  });

/** One zod issue in words, Dutch and English. */
function issueText(i: z.ZodIssue): { nl: string; en: string } {
  const p = (i as { params?: Record<string, unknown> }).params ?? {};
  switch (i.code) {
    case 'invalid_enum_value':
      return {
        nl: `onbekende waarde '${String(i.received)}'; kies uit ${i.options.join(', ')}`,
        en: `unknown value '${String(i.received)}'; choose from ${i.options.join(', ')}`,
      };
    case 'unrecognized_keys':
      return {
        nl: `onbekend veld ${i.keys.map((k) => `'${k}'`).join(', ')}`,
        en: `unknown field ${i.keys.map((k) => `'${k}'`).join(', ')}`,
      };
    case 'invalid_type':
      return i.received === 'undefined'
        ? { nl: 'ontbreekt', en: 'missing' }
        : { nl: `moet een ${typeNl(i.expected)} zijn`, en: `must be a ${i.expected}` };
    case 'too_small':
      return i.type === 'array'
        ? { nl: 'noem minstens één component', en: 'name at least one component' }
        : { nl: `mag niet kleiner zijn dan ${String(i.minimum)}`, en: `must not be below ${String(i.minimum)}` };
    case 'too_big':
      return { nl: `mag niet groter zijn dan ${String(i.maximum)}`, en: `must not be above ${String(i.maximum)}` };
    case 'custom':
      if (p.twoDecimals) return { nl: 'hoogstens twee decimalen', en: 'at most two decimals' };
      if (p.duplicate)
        return { nl: `component '${String(p.duplicate)}' staat er twee keer in`, en: 'component named twice' };
      if (p.sum !== undefined)
        return {
          nl: `de gewichten tellen op tot ${String(p.sum).replace('.', ',')}% in plaats van 100%`,
          en: `the weights add up to ${String(p.sum)}% instead of 100%`,
        };
      return { nl: i.message, en: i.message };
    default:
      return { nl: i.message, en: i.message };
  }
}

const typeNl = (t: string) => ({ number: 'getal', string: 'tekst', array: 'lijst', object: 'object' })[t] ?? t;

/** Checks the file's content; the error names the file and the field that is wrong (the first one). */
export function parseSolidarityConfig(raw: unknown, file: string): SolidarityConfig {
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const field = i.path.join('.') || '(bestand)';
    const t = issueText(i);
    throw new SolidarityConfigError(`${file}: veld ${field}: ${t.nl}`, `${file}: field ${field}: ${t.en}`);
  }
  const f = parsed.data;
  return {
    description: f.omschrijving ?? null,
    key: f.sleutel.map((s) => ({ component: s.component, weight: hundredths(s.gewicht)! })),
    cost: f.kosten,
    baseYear: f.basisjaar,
    trigger: hundredths(f.drempel_procent)!,
  };
}

export function readSolidarityConfig(file: string): SolidarityConfig {
  let raw: unknown;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    raw = JSON.parse(text);
  } catch (err) {
    const why = (err as Error).message;
    throw new SolidarityConfigError(`${file}: geen leesbare JSON (${why})`, `${file}: not readable JSON (${why})`);
  }
  // JSON.parse keeps the last of two equal keys in silence: a second `sleutel` would replace the first unseen
  const dup = findDuplicateKey(text);
  if (dup) {
    const field = dup.path === '' ? dup.key : `${dup.path}.${dup.key}`;
    throw new SolidarityConfigError(
      `${file}: veld ${field}: staat er twee keer (regel ${dup.line}); JSON houdt alleen de laatste, laat er één staan`,
      `${file}: field ${field}: given twice (line ${dup.line}); JSON keeps only the last, keep one`,
    );
  }
  return parseSolidarityConfig(raw, file);
}

export function solidarityPath(dataDir: string): string {
  return join(dataDir, SOLIDARITY_FILE);
}

/** The data directory's own settings, else the default (as benchmark/mapping.ts activeMapping). */
export function activeSolidarity(dataDir: string | null): { config: SolidarityConfig; from: string } {
  if (dataDir && existsSync(solidarityPath(dataDir)))
    return { config: readSolidarityConfig(solidarityPath(dataDir)), from: solidarityPath(dataDir) };
  return { config: DEFAULT_SOLIDARITY, from: 'standaard / default' };
}

/** A percentage in hundredths in Dutch words: 3333 → "33,33%", 5000 → "50%". */
export const pctNl = (h: number): string => `${String(h / 100).replace('.', ',')}%`;

/** The key in words, as the council report and the definition state it. */
export function keyInWords(c: SolidarityConfig): { nl: string; en: string } {
  const parts = c.key.filter((k) => k.weight > 0);
  const over = c.baseYear === null ? 'de periode zelf' : `het jaar ${c.baseYear}`;
  const overEn = c.baseYear === null ? 'the period itself' : `the year ${c.baseYear}`;
  return {
    nl:
      `Verdeelsleutel: ${parts.map((k) => `${pctNl(k.weight)} naar het aandeel in de ${SOLIDARITY_COMPONENTS[k.component].nl}`).join(' en ')}` +
      ` (gemeten over ${over}); gedeelde kosten: ${SOLIDARITY_COSTS[c.cost].nl}; signaal bij gerealiseerde kosten` +
      ` meer dan ${pctNl(c.trigger)} boven het deel volgens de sleutel.`,
    en:
      `Key: ${parts.map((k) => `${k.weight / 100}% by the share of ${SOLIDARITY_COMPONENTS[k.component].en}`).join(' and ')}` +
      ` (measured over ${overEn}); cost shared: ${SOLIDARITY_COSTS[c.cost].en}; signal when realised cost exceeds the` +
      ` key's share by more than ${c.trigger / 100}%.`,
  };
}
