/**
 * Light follow-up after referral (issue 21): the overdue evaluations of a team or gemeente, an evaluation moment
 * entered on the page, and the evaluation rhythm per gemeente, product category or product code. Reads and writes
 * run in the caller's scope (withScope): the database keeps other gemeenten out and narrows a team manager to the
 * trajectories of its own team (migration 29's policy on evaluation_moment follows the trajectory's).
 *
 * The overdue list applies domain/evaluations.ts to the running trajectories: recorded moments, and — where the
 * gemeente stored a rhythm — the moments derived from it. Per trajectory one row: its earliest overdue moment, the
 * days since that planned date and how many moments are overdue. No name and no note: trajectory id, team, product.
 */
import { z } from 'zod/v4';
import type { Sql } from '../store/sql.js';
import { UserError } from '../domain/errors.js';
import { formatDateNl, isIsoDate, type IsoDate } from '../domain/dates.js';
import {
  DEFAULT_RHYTHM_MONTHS,
  EVALUATION_OUTCOMES,
  EVALUATION_ROLES,
  RHYTHM_MAX_MONTHS,
  daysOverdue,
  momentsOf,
  rhythmFor,
  statusOf,
  type RhythmSetting,
} from '../domain/evaluations.js';

const DATE = z.iso.date();

/** An evaluation moment as entered on the page (POST /api/v1/evaluaties). */
export const EVALUATION_INPUT = z
  .object({
    gemeente: z.string().regex(/^\d{4}$/),
    traject: z.string().min(1).max(80),
    geplandeDatum: DATE,
    gehoudenDatum: DATE.nullable().optional(),
    uitkomst: z.enum(EVALUATION_OUTCOMES).nullable().optional(),
    uitgevoerdDoor: z.string().min(1).max(40).nullable().optional(),
  })
  .strict();
export type EvaluationInput = z.infer<typeof EVALUATION_INPUT>;

/** A rhythm setting (PUT /api/v1/evaluaties/ritme): '' for every category or code; 0 months = none. */
export const RHYTHM_INPUT = z
  .object({
    gemeente: z.string().regex(/^\d{4}$/),
    productcategorie: z
      .string()
      .regex(/^(\d{2})?$/)
      .optional(),
    productcode: z
      .string()
      .max(20)
      .regex(/^[A-Za-z0-9]*$/)
      .optional(),
    maanden: z.number().int().min(0).max(RHYTHM_MAX_MONTHS).nullable(),
  })
  .strict();
export type RhythmInput = z.infer<typeof RHYTHM_INPUT>;

/** The JSON Schema of a zod schema for a route's body (and so the OpenAPI document). */
export function bodySchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  // a nullable field as one schema with type [x, 'null'] (zod writes anyOf), so its format stays on the property
  // where the NL API Design Rules look for it
  const props = (rest['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [k, v] of Object.entries(props)) {
    const any = v['anyOf'] as Array<Record<string, unknown>> | undefined;
    const one = any?.filter((x) => x['type'] !== 'null');
    if (any?.length === 2 && one?.length === 1 && typeof one[0]!['type'] === 'string') {
      const { type, enum: values, ...more } = one[0]!;
      props[k] = { ...more, type: [type, 'null'], ...(values ? { enum: [...(values as unknown[]), null] } : {}) };
    }
  }
  return rest;
}

const bad = (field: string, nl: string, en: string): UserError =>
  new UserError('ongeldige_evaluatie', { nl: `${field}: ${nl}`, en: `${field}: ${en}` });

export interface OverdueRow {
  readonly gemeente: string;
  readonly trajectory: string;
  readonly team: string | null;
  readonly productCategory: string;
  readonly productCode: string | null;
  /** the earliest overdue moment */
  readonly planned: IsoDate;
  readonly daysOverdue: number;
  /** overdue moments of the trajectory */
  readonly overdue: number;
  /** whether that moment was recorded or derived from the rhythm */
  readonly origin: 'vastgelegd' | 'afgeleid';
  /** for the access log only (never shown) */
  readonly youth: string;
}

interface TrajectoryRow {
  gemeente_code: string;
  trajectory_id: string;
  youth_pseudonym: string;
  team_code: string | null;
  product_category: string;
  product_code: string | null;
  start: string | null;
  end: string | null;
}

async function rhythms(tx: Sql, gemeenten: readonly string[]): Promise<Map<string, RhythmSetting[]>> {
  const rows = await tx.query<{ g: string; c: string; p: string; m: number }>(
    'SELECT gemeente_code AS g, product_category AS c, product_code AS p, months AS m FROM evaluation_rhythm WHERE gemeente_code = ANY($1)',
    [[...gemeenten]],
  );
  const out = new Map<string, RhythmSetting[]>();
  for (const r of rows)
    out.set(r.g, [...(out.get(r.g) ?? []), { productCategory: r.c, productCode: r.p, months: Number(r.m) }]);
  return out;
}

/** The running trajectories' overdue evaluations on `asOf`, most overdue first. */
export async function overdueEvaluations(tx: Sql, gemeenten: readonly string[], asOf: IsoDate): Promise<OverdueRow[]> {
  const ts = await tx.query<TrajectoryRow>(
    `SELECT t.gemeente_code, t.trajectory_id, t.youth_pseudonym, t.team_code, t.product_category, t.product_code,
            to_char(t.start_date, 'YYYY-MM-DD') AS start, to_char(t.end_date, 'YYYY-MM-DD') AS "end"
       FROM trajectory t LEFT JOIN youth y ON y.gemeente_code = t.gemeente_code AND y.pseudonym = t.youth_pseudonym
      WHERE t.gemeente_code = ANY($1) AND NOT t.withdrawn AND t.start_date IS NOT NULL AND t.start_date <= $2
        AND (t.end_date IS NULL OR t.end_date >= $2) AND NOT coalesce(y.secret_address, false)`,
    [[...gemeenten], asOf],
  );
  const ms = await tx.query<{ g: string; id: string; planned: string; held: string | null; outcome: string | null }>(
    `SELECT gemeente_code AS g, trajectory_id AS id, to_char(planned_date, 'YYYY-MM-DD') AS planned,
            to_char(held_date, 'YYYY-MM-DD') AS held, outcome
       FROM evaluation_moment WHERE gemeente_code = ANY($1)`,
    [[...gemeenten]],
  );
  const byTrajectory = new Map<string, { planned: string; held: string | null; outcome: string | null }[]>();
  for (const m of ms) {
    const k = `${m.g}|${m.id}`;
    byTrajectory.set(k, [...(byTrajectory.get(k) ?? []), { planned: m.planned, held: m.held, outcome: m.outcome }]);
  }
  const settings = await rhythms(tx, gemeenten);
  const out: OverdueRow[] = [];
  for (const t of ts) {
    const rhythm = rhythmFor(settings.get(t.gemeente_code) ?? [], t.product_category, t.product_code);
    const moments = momentsOf(
      { start: t.start, end: t.end },
      byTrajectory.get(`${t.gemeente_code}|${t.trajectory_id}`) ?? [],
      rhythm,
      asOf,
    ).filter((m) => statusOf(m.planned, m.held, asOf) === 'achterstallig');
    const first = moments[0];
    if (!first) continue;
    out.push({
      gemeente: t.gemeente_code,
      trajectory: t.trajectory_id,
      team: t.team_code,
      productCategory: t.product_category,
      productCode: t.product_code,
      planned: first.planned,
      daysOverdue: daysOverdue(first.planned, asOf),
      overdue: moments.length,
      origin: first.origin,
      youth: t.youth_pseudonym,
    });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || a.trajectory.localeCompare(b.trajectory));
}

/**
 * Record one evaluation moment entered on the page, in the caller's scope: the trajectory must be visible to it (a
 * team manager's own team), the held date on or after its start and not after today, an outcome exactly when held,
 * who held it a role or a team code of the gemeente. A moment with the same planned date is updated.
 */
export async function recordEvaluation(tx: Sql, input: EvaluationInput, today: IsoDate): Promise<void> {
  const [t] = await tx.query<{ start: string | null; withdrawn: boolean }>(
    "SELECT to_char(start_date, 'YYYY-MM-DD') AS start, withdrawn FROM trajectory WHERE gemeente_code = $1 AND trajectory_id = $2",
    [input.gemeente, input.traject],
  );
  if (!t || t.withdrawn) throw new UserError('onbekend_traject', { gemeente: input.gemeente, traject: input.traject });
  const planned = input.geplandeDatum;
  const held = input.gehoudenDatum ?? null;
  const outcome = input.uitkomst ?? null;
  const by = input.uitgevoerdDoor?.trim() || null;
  for (const [field, d] of [
    ['geplande datum', planned],
    ['gehouden datum', held],
  ] as const)
    if (d !== null && !isIsoDate(d)) throw bad(field, 'deze datum bestaat niet', 'this date does not exist');
  if (t.start === null) throw bad('traject', 'het traject is nog niet gestart', 'the trajectory has not started');
  if (planned < t.start)
    throw bad(
      'geplande datum',
      `ligt vóór de start van het traject (${formatDateNl(t.start)})`,
      `before the trajectory's start (${t.start})`,
    );
  if (held !== null) {
    if (held < t.start)
      throw bad(
        'gehouden datum',
        `ligt vóór de start van het traject (${formatDateNl(t.start)})`,
        `before the trajectory's start (${t.start})`,
      );
    if (held > today) throw bad('gehouden datum', 'ligt na vandaag', 'after today');
    if (outcome === null)
      throw bad('uitkomst', 'een gehouden evaluatie heeft een uitkomst', 'a held evaluation has an outcome');
  } else if (outcome !== null || by !== null)
    throw bad(
      'gehouden datum',
      'een uitkomst of uitvoerder zonder gehouden datum',
      'an outcome or holder without a held date',
    );
  if (by !== null) {
    const role = by.toLowerCase().replace(/[\s-]+/g, '_');
    const known = (EVALUATION_ROLES as readonly string[]).includes(role)
      ? role
      : (
          await tx.query<{ code: string }>(
            `SELECT code FROM team WHERE gemeente_code = $1 AND lower(code) = lower($2)
             UNION SELECT DISTINCT team_code FROM trajectory WHERE gemeente_code = $1 AND lower(team_code) = lower($2)`,
            [input.gemeente, by],
          )
        )[0]?.code;
    if (!known)
      throw bad(
        'uitgevoerd door',
        `geen rol- of teamcode (geen naam); kies ${EVALUATION_ROLES.join(', ')} of een teamcode`,
        `not a role or team code (no name); choose ${EVALUATION_ROLES.join(', ')} or a team code`,
      );
    await upsertMoment(tx, input, planned, held, outcome, known);
  } else await upsertMoment(tx, input, planned, held, outcome, null);
}

async function upsertMoment(
  tx: Sql,
  input: EvaluationInput,
  planned: string,
  held: string | null,
  outcome: string | null,
  by: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO evaluation_moment (gemeente_code, trajectory_id, planned_date, held_date, outcome, held_by, source_ref)
     VALUES ($1, $2, $3, $4, $5, $6, 'invoer')
     ON CONFLICT (gemeente_code, trajectory_id, planned_date) DO UPDATE SET held_date = EXCLUDED.held_date,
       outcome = EXCLUDED.outcome, held_by = EXCLUDED.held_by, source_run_id = NULL, source_ref = 'invoer'`,
    [input.gemeente, input.traject, planned, held, outcome, by],
  );
}

export interface RhythmView {
  readonly gemeente: string;
  readonly defaultRhythmMonths: number;
  /** the gemeente's stored settings; none: Zicht derives no moments, it counts only those recorded */
  readonly settings: readonly { productCategory: string; productCode: string; rhythmMonths: number }[];
}

export async function rhythmView(tx: Sql, gemeente: string): Promise<RhythmView> {
  const s = (await rhythms(tx, [gemeente])).get(gemeente) ?? [];
  return {
    gemeente,
    defaultRhythmMonths: DEFAULT_RHYTHM_MONTHS,
    settings: [...s]
      .sort((a, b) => a.productCategory.localeCompare(b.productCategory) || a.productCode.localeCompare(b.productCode))
      .map((r) => ({ productCategory: r.productCategory, productCode: r.productCode, rhythmMonths: r.months })),
  };
}

/** Store a rhythm (months null: remove the setting, so the next broader one applies). */
export async function setRhythm(tx: Sql, given: RhythmInput, by: string): Promise<void> {
  const input = { ...given, productcategorie: given.productcategorie ?? '', productcode: given.productcode ?? '' };
  if (input.productcategorie !== '' && input.productcode !== '')
    throw bad(
      'productcode',
      'kies een productcategorie óf een productcode, niet beide',
      'choose a product category or a product code, not both',
    );
  if (input.maanden === null)
    await tx.query(
      'DELETE FROM evaluation_rhythm WHERE gemeente_code = $1 AND product_category = $2 AND product_code = $3',
      [input.gemeente, input.productcategorie, input.productcode],
    );
  else
    await tx.query(
      `INSERT INTO evaluation_rhythm (gemeente_code, product_category, product_code, months, changed_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (gemeente_code, product_category, product_code)
       DO UPDATE SET months = EXCLUDED.months, changed_by = EXCLUDED.changed_by, changed_at = now()`,
      [input.gemeente, input.productcategorie, input.productcode, input.maanden, by],
    );
}
