/**
 * Mapping profiles: a gemeente's own export columns → the canonical columns (docs/csv-formaat.md),
 * saved once and used for every next export of the same system. A profile is a small JSON file in
 * `<dataDir>/profielen/<naam>.json`, so it can be read, copied and kept under version control:
 *   { "naam": "suite-jeugd", "soort": "trajecten", "blad": "Export", "kolommen": { "Cliëntnr": "client_id", … } }
 * Columns not named in the profile keep their own header (so a profile only lists what differs).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RECORD_TYPES } from '../csv/recordTypes.js';
import { UserError } from '../../domain/errors.js';

const NAME = /^[a-z0-9][a-z0-9_-]{0,59}$/;

export const MappingProfile = z
  .object({
    naam: z.string().regex(NAME, 'kleine letters, cijfers, - en _ (max. 60)'),
    omschrijving: z.string().max(500).optional(),
    /** record type (trajecten, declaraties, …); recognised from the header when absent */
    soort: z.string().optional(),
    /** sheet of an Excel file; the first sheet when absent */
    blad: z.string().max(31).optional(),
    kolommen: z.record(z.string().min(1), z.string().min(1)),
    /**
     * The gemeenten of the account that saved it through the web (absent: saved by the operator with the CLI or a
     * file). Only an account that sees no more than these may use it, and only one that sees all of them may replace
     * it: else someone with a narrower scope could change which column becomes the pseudonymised client_id of a
     * broader account's uploads (red teams 33 and 34).
     */
    gemeenten: z.array(z.string().regex(/^\d{4}$/)).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const type = p.soort === undefined ? null : RECORD_TYPES.find((t) => t.id === p.soort);
    if (p.soort !== undefined && !type)
      ctx.addIssue({
        code: 'custom',
        path: ['soort'],
        message: `onbekende soort '${p.soort}'; kies ${RECORD_TYPES.map((t) => t.id).join(', ')}`,
      });
    const known = new Set((type ? [type] : RECORD_TYPES).flatMap((t) => t.columns.map((c) => c.name)));
    for (const [from, to] of Object.entries(p.kolommen)) {
      if (!known.has(to))
        ctx.addIssue({
          code: 'custom',
          path: ['kolommen', from],
          message: `'${to}' is geen canonieke kolom${type ? ` van ${type.id}` : ''}`,
        });
    }
  });
export type MappingProfile = z.infer<typeof MappingProfile>;

/** A mapping profile that is not well-formed (ongeldig_profiel) or not there (onbekend_profiel). */
export class ProfileError extends UserError<'ongeldig_profiel' | 'onbekend_profiel'> {
  constructor(message: string, key: 'ongeldig_profiel' | 'onbekend_profiel' = 'ongeldig_profiel') {
    super(key, { nl: message });
  }
}

export function profileDir(dataDir: string): string {
  return join(dataDir, 'profielen');
}

export function parseProfile(raw: unknown, where: string): MappingProfile {
  const parsed = MappingProfile.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ProfileError(`${where}: veld ${i.path.join('.') || '(profiel)'}: ${i.message}`);
  }
  return parsed.data;
}

export function readProfile(dataDir: string, name: string): MappingProfile {
  if (!NAME.test(name))
    throw new ProfileError(`ongeldige profielnaam '${name}' / invalid profile name`, 'onbekend_profiel');
  const file = join(profileDir(dataDir), `${name}.json`);
  if (!existsSync(file)) {
    const known = listProfiles(dataDir).map((p) => p.naam);
    // the name only: the data directory's place on disk is nobody's business but the operator's
    const others = known.length ? `; wel: ${known.join(', ')}` : '';
    throw new ProfileError(`profiel '${name}' bestaat niet${others} / profile '${name}' not found`, 'onbekend_profiel');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ProfileError(`profiel '${name}': geen leesbare JSON / not readable JSON (${(err as Error).message})`);
  }
  return parseProfile(raw, file);
}

export function listProfiles(dataDir: string): MappingProfile[] {
  const dir = profileDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      try {
        return [parseProfile(JSON.parse(readFileSync(join(dir, f), 'utf8')), f)];
      } catch {
        return []; // a broken profile is reported when it is used, by name
      }
    });
}

export function saveProfile(dataDir: string, profile: MappingProfile): string {
  const checked = parseProfile(profile, 'profiel');
  mkdirSync(profileDir(dataDir), { recursive: true });
  const file = join(profileDir(dataDir), `${checked.naam}.json`);
  writeFileSync(file, `${JSON.stringify(checked, null, 2)}\n`);
  return file;
}

/** The header with the profile's renames applied (trimmed, case-insensitive match on the source name). */
export function renameHeader(header: readonly string[], profile: MappingProfile | null): string[] {
  if (!profile) return [...header];
  const map = new Map(Object.entries(profile.kolommen).map(([from, to]) => [from.trim().toLowerCase(), to]));
  return header.map((h) => map.get(h.trim().toLowerCase()) ?? h);
}
