/**
 * Liaison positions (issue 21, verbindingsfuncties; migration 30): read the positions of the caller's gemeenten, and
 * enter, change or remove one — the beheerder and the analist, through the API, beside the canonical CSV import. The
 * vocabulary and the location-id rule are domain/liaison.ts, shared with the importer, so a position refused in a
 * file is refused here in the same words. Reads and writes run in the caller's scope (withScope: the database keeps
 * other gemeenten out).
 */
import { z } from 'zod';
import type { Sql } from '../store/sql.js';
import { UserError } from '../domain/errors.js';
import { isIsoDate } from '../domain/dates.js';
import {
  LIAISON_KINDS,
  LIAISON_KIND_NL,
  LOCATION_KINDS,
  MAX_HOURS_PER_WEEK,
  locationIdProblem,
  locationNameProblem,
  type LiaisonKind,
  type LocationKind,
} from '../domain/liaison.js';

export interface LiaisonPosition {
  readonly gemeente: string;
  readonly id: string;
  readonly kind: LiaisonKind;
  readonly kindNl: string;
  readonly locationKind: LocationKind;
  readonly locationId: string;
  readonly locationName: string;
  readonly hoursPerWeek: number;
  readonly start: string;
  readonly end: string | null;
  /** 'import' when the last change came from a file, 'api' when entered on the page or through the API */
  readonly source: 'import' | 'api';
}

/** What a caller sends to enter or change a position (PUT …/{gemeente}/{functie}), checked at the edge. */
export const POSITION_INPUT = z
  .object({
    soort: z.enum(LIAISON_KINDS),
    vindplaatsSoort: z.enum(LOCATION_KINDS),
    vindplaats: z.string().trim().min(1).max(40),
    vindplaatsNaam: z.string().trim().max(200).optional(),
    urenPerWeek: z.number().gt(0).max(MAX_HOURS_PER_WEEK),
    startdatum: z.string().refine(isIsoDate, 'geen bestaande datum (JJJJ-MM-DD)'),
    einddatum: z.string().refine(isIsoDate, 'geen bestaande datum (JJJJ-MM-DD)').nullable().optional(),
  })
  .strict();
export type PositionInput = z.infer<typeof POSITION_INPUT>;

/** A position id as the file and the path carry it: letters, digits and . _ - (1–60). */
export const POSITION_ID = /^[0-9A-Za-z][0-9A-Za-z._-]{0,59}$/;

const bad = (nl: string, en: string) => new UserError('ongeldige_functie', { nl, en });

/** The input checked as the importer checks a row; the first problem is said in words. */
export function checkPosition(raw: unknown): PositionInput {
  const r = POSITION_INPUT.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const field = i.path.join('.') || 'invoer';
    if (field === 'soort')
      throw bad(
        `onbekende soort functie; kies uit ${LIAISON_KINDS.join(', ')}`,
        `unknown position kind; choose from ${LIAISON_KINDS.join(', ')}`,
      );
    if (field === 'urenPerWeek')
      throw bad(
        `uren per week ligt tussen 0 en ${MAX_HOURS_PER_WEEK} (meer dan 0)`,
        `hours per week lie between 0 and ${MAX_HOURS_PER_WEEK} (more than 0)`,
      );
    throw bad(`${field}: ${i.message}`, `${field}: ${i.message}`);
  }
  const v = r.data;
  const problem = locationIdProblem(v.vindplaatsSoort, v.vindplaats);
  if (problem) throw bad(`vindplaats: ${problem.nl}`, `vindplaats: ${problem.en}`);
  const nameProblem = v.vindplaatsNaam === undefined ? null : locationNameProblem(v.vindplaatsNaam);
  if (nameProblem) throw bad(`vindplaatsNaam: ${nameProblem.nl}`, `vindplaatsNaam: ${nameProblem.en}`);
  if (Math.round(v.urenPerWeek * 100) !== v.urenPerWeek * 100)
    throw bad('uren per week heeft hoogstens twee decimalen', 'hours per week have at most two decimals');
  if (v.einddatum && v.einddatum < v.startdatum)
    throw bad('einddatum ligt vóór startdatum', 'end date is before start date');
  return v;
}

interface Row {
  gemeente_code: string;
  position_id: string;
  kind: LiaisonKind;
  location_kind: LocationKind;
  location_id: string;
  location_name: string;
  hours_per_week: string | number;
  start_date: string;
  end_date: string | null;
  source_run_id: number | null;
}

const COLUMNS = `gemeente_code, position_id, kind, location_kind, location_id, location_name, hours_per_week::text AS hours_per_week,
  to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date, source_run_id`;

const toPosition = (r: Row): LiaisonPosition => ({
  gemeente: r.gemeente_code,
  id: r.position_id,
  kind: r.kind,
  kindNl: LIAISON_KIND_NL[r.kind] ?? r.kind,
  locationKind: r.location_kind,
  locationId: r.location_id,
  locationName: r.location_name,
  hoursPerWeek: Number(r.hours_per_week),
  start: r.start_date,
  end: r.end_date,
  source: r.source_run_id === null ? 'api' : 'import',
});

/** The positions of the gemeenten, by gemeente, location and start. */
export async function listPositions(tx: Sql, gemeenten: readonly string[]): Promise<LiaisonPosition[]> {
  const rows = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM liaison_position WHERE gemeente_code = ANY($1::text[])
     ORDER BY gemeente_code, location_kind, location_id, start_date, position_id`,
    [[...gemeenten]],
  );
  return rows.map(toPosition);
}

/** Enter or change one position; `created` says which. Lineage: no import run (the audit log holds who and when). */
export async function savePosition(
  tx: Sql,
  gemeente: string,
  id: string,
  v: PositionInput,
): Promise<{ position: LiaisonPosition; created: boolean }> {
  if (!POSITION_ID.test(id))
    throw bad(
      'functie_id: letters, cijfers en . _ -, hoogstens 60 tekens',
      'functie_id: letters, digits and . _ -, at most 60 characters',
    );
  const had = await tx.query('SELECT 1 FROM liaison_position WHERE gemeente_code = $1 AND position_id = $2', [
    gemeente,
    id,
  ]);
  const [row] = await tx.query<Row>(
    `INSERT INTO liaison_position (gemeente_code, position_id, kind, location_kind, location_id, location_name,
       hours_per_week, start_date, end_date, source_run_id, source_ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9::date, NULL, 'api')
     ON CONFLICT (gemeente_code, position_id) DO UPDATE SET kind = EXCLUDED.kind, location_kind = EXCLUDED.location_kind,
       location_id = EXCLUDED.location_id, location_name = EXCLUDED.location_name, hours_per_week = EXCLUDED.hours_per_week,
       start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, source_run_id = NULL, source_ref = 'api'
     RETURNING ${COLUMNS}`,
    [
      gemeente,
      id,
      v.soort,
      v.vindplaatsSoort,
      v.vindplaats,
      v.vindplaatsNaam ?? '',
      v.urenPerWeek,
      v.startdatum,
      v.einddatum ?? null,
    ],
  );
  return { position: toPosition(row!), created: had.length === 0 };
}

/** Remove one position (its reach and referral figures go with it at the next lens build). */
export async function deletePosition(tx: Sql, gemeente: string, id: string): Promise<LiaisonPosition> {
  const [row] = await tx.query<Row>(
    `DELETE FROM liaison_position WHERE gemeente_code = $1 AND position_id = $2 RETURNING ${COLUMNS}`,
    [gemeente, id],
  );
  if (!row) throw new UserError('onbekende_functie');
  return toPosition(row);
}
