/**
 * Marking a provider as stopping in a gemeente (issue 19, the provider-exit view; migration 24): mark it (or change
 * the mark), withdraw it, and read the marks with their history. The words and the transfer rule live in
 * domain/providerExit.ts; what the marks mean for the trajectories is app/providerExitView.ts. Reads and writes run
 * in the caller's scope (withScope: the database keeps other gemeenten and, for a provider, other providers out).
 */
import type { Sql } from '../store/sql.js';
import { UserError } from '../domain/errors.js';
import type { ExitReason } from '../domain/providerExit.js';

export const EXIT_ACTIONS = ['gemeld', 'gewijzigd', 'ingetrokken'] as const;
export type ExitAction = (typeof EXIT_ACTIONS)[number];
export type ExitState = 'actief' | 'ingetrokken';

export interface ExitChange {
  readonly action: ExitAction;
  readonly endDate: string;
  readonly reason: ExitReason;
  readonly note: string | null;
  /** null for a provider's reader: the gemeente's staff are not named to the provider (as the agreements) */
  readonly by: string | null;
  readonly at: string;
}

export interface ExitRecord {
  readonly gemeente: string;
  readonly provider: string;
  readonly endDate: string;
  readonly reason: ExitReason;
  readonly note: string | null;
  readonly status: ExitState;
  /** the day it was (last) marked: the start of the window in which a move elsewhere counts as a transfer */
  readonly markedOn: string;
  readonly createdBy: string | null;
  readonly createdAt: string;
  /** every mark, change and withdrawal, oldest first */
  readonly history: readonly ExitChange[];
}

export type Reader = 'gemeente' | 'aanbieder';

interface Row {
  id: number;
  gemeente_code: string;
  provider_agb: string;
  end_date: string;
  reason: ExitReason;
  note: string | null;
  status: ExitState;
  marked_on: string;
  created_by: string;
  created_at: Date | string;
}
interface ChangeRow {
  exit_id: number;
  action: ExitAction;
  end_date: string;
  reason: ExitReason;
  note: string | null;
  changed_by: string;
  changed_at: Date | string;
}

const COLUMNS = `id::int AS id, gemeente_code, provider_agb, to_char(end_date, 'YYYY-MM-DD') AS end_date, reason, note,
  status, to_char(marked_on, 'YYYY-MM-DD') AS marked_on, created_by, created_at`;

async function withHistory(tx: Sql, rows: readonly Row[], reader: Reader): Promise<ExitRecord[]> {
  const changes =
    rows.length === 0
      ? []
      : await tx.query<ChangeRow>(
          `SELECT exit_id::int AS exit_id, action, to_char(end_date, 'YYYY-MM-DD') AS end_date, reason, note,
                  changed_by, changed_at
             FROM provider_exit_change WHERE exit_id = ANY($1::bigint[]) ORDER BY id`,
          [rows.map((r) => r.id)],
        );
  const named = (who: string) => (reader === 'aanbieder' ? null : who);
  return rows.map((r) => ({
    gemeente: r.gemeente_code,
    provider: r.provider_agb,
    endDate: r.end_date,
    reason: r.reason,
    note: r.note,
    status: r.status,
    markedOn: r.marked_on,
    createdBy: named(r.created_by),
    createdAt: new Date(r.created_at).toISOString(),
    history: changes
      .filter((c) => c.exit_id === r.id)
      .map((c) => ({
        action: c.action,
        endDate: c.end_date,
        reason: c.reason,
        note: c.note,
        by: named(c.changed_by),
        at: new Date(c.changed_at).toISOString(),
      })),
  }));
}

/** The marks of these gemeenten (withdrawn ones too), the soonest end date first. */
export async function readExits(tx: Sql, gemeenten: readonly string[], reader: Reader): Promise<ExitRecord[]> {
  const rows = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM provider_exit WHERE gemeente_code = ANY($1::text[])
      ORDER BY status, end_date, gemeente_code, provider_agb`,
    [gemeenten],
  );
  return withHistory(tx, rows, reader);
}

/** One mark (either status); null when there is none in the caller's scope. */
export async function readExit(tx: Sql, gemeente: string, agb: string, reader: Reader): Promise<ExitRecord | null> {
  const rows = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM provider_exit WHERE gemeente_code = $1 AND provider_agb = $2`,
    [gemeente, agb],
  );
  return (await withHistory(tx, rows, reader))[0] ?? null;
}

export interface ExitMark {
  readonly gemeente: string;
  readonly provider: string;
  readonly endDate: string;
  readonly reason: ExitReason;
  readonly note: string | null;
}

async function addChange(tx: Sql, r: Row, action: ExitAction, by: string): Promise<void> {
  await tx.query(
    `INSERT INTO provider_exit_change (exit_id, gemeente_code, provider_agb, action, end_date, reason, note, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [r.id, r.gemeente_code, r.provider_agb, action, r.end_date, r.reason, r.note, by],
  );
}

/**
 * Marks `m.provider` as stopping in `m.gemeente`, or changes the mark (end date, reason, note: the whole mark, as
 * the form sends it). A withdrawn mark is marked again: active, with `today` as its marking day. `created` says
 * whether this was a (new) marking rather than a change.
 */
export async function markExit(
  tx: Sql,
  m: ExitMark,
  by: string,
  today: string,
): Promise<{ exit: ExitRecord; created: boolean }> {
  const [known] = await tx.query('SELECT 1 FROM provider WHERE agb = $1', [m.provider]);
  if (!known) throw new UserError('onbekende_aanbieder.stop', { agb: m.provider });
  // a concurrent first mark of the same provider: one insert wins, the other becomes a change of it
  const [inserted] = await tx.query<Row>(
    `INSERT INTO provider_exit (gemeente_code, provider_agb, end_date, reason, note, marked_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (gemeente_code, provider_agb) DO NOTHING RETURNING ${COLUMNS}`,
    [m.gemeente, m.provider, m.endDate, m.reason, m.note, today, by],
  );
  let row = inserted;
  let action: ExitAction = 'gemeld';
  if (!row) {
    const [before] = await tx.query<{ status: ExitState }>(
      'SELECT status FROM provider_exit WHERE gemeente_code = $1 AND provider_agb = $2 FOR UPDATE',
      [m.gemeente, m.provider],
    );
    action = before?.status === 'ingetrokken' ? 'gemeld' : 'gewijzigd';
    [row] = await tx.query<Row>(
      `UPDATE provider_exit
          SET end_date = $3, reason = $4, note = $5, status = 'actief', changed_by = $6, changed_at = now(),
              marked_on = CASE WHEN $7 THEN $8::date ELSE marked_on END
        WHERE gemeente_code = $1 AND provider_agb = $2 RETURNING ${COLUMNS}`,
      [m.gemeente, m.provider, m.endDate, m.reason, m.note, by, action === 'gemeld', today],
    );
  }
  await addChange(tx, row!, action, by);
  const exit = await readExit(tx, m.gemeente, m.provider, 'gemeente');
  return { exit: exit!, created: action === 'gemeld' };
}

/** Withdraws an active mark (kept, with its history); null when there is no active one in the caller's scope. */
export async function withdrawExit(tx: Sql, gemeente: string, agb: string, by: string): Promise<ExitRecord | null> {
  const [row] = await tx.query<Row>(
    `UPDATE provider_exit SET status = 'ingetrokken', changed_by = $3, changed_at = now()
      WHERE gemeente_code = $1 AND provider_agb = $2 AND status = 'actief' RETURNING ${COLUMNS}`,
    [gemeente, agb, by],
  );
  if (!row) return null;
  await addChange(tx, row, 'ingetrokken', by);
  return readExit(tx, gemeente, agb, 'gemeente');
}
