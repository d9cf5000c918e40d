/**
 * Agreements of the quarterly talk with a provider (kwartaalgesprek, issue 19): what was agreed, by whom, before when,
 * and whether it was done. A talk for a quarter shows its own agreements and opens with those of earlier talks: every
 * one of the quarter before (done or not) and any older one still open. Reads and writes run in the caller's scope
 * (withScope: the database keeps other gemeenten and, for a provider, other providers out).
 */
import type { Sql } from '../store/sql.js';
import { formatPeriod, parsePeriod, shiftPeriod } from '../domain/periods.js';
import { UserError } from '../domain/errors.js';

export const AGREEMENT_STATUSES = ['open', 'afgerond', 'vervallen'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const STATUS_NL: Record<AgreementStatus, string> = {
  open: 'open',
  afgerond: 'afgerond',
  vervallen: 'vervallen',
};

export interface Agreement {
  readonly id: number;
  readonly gemeente: string;
  readonly provider: string;
  readonly quarter: string;
  readonly body: string;
  readonly owner: string | null;
  readonly dueDate: string | null;
  readonly status: AgreementStatus;
  readonly statusNote: string | null;
  /** who recorded it; null for a provider's reader (the gemeente's staff are not named to the provider) */
  readonly createdBy: string | null;
  readonly createdAt: string;
  /** every status change, oldest first */
  readonly history: readonly StatusChange[];
}

export interface StatusChange {
  readonly status: AgreementStatus;
  readonly note: string | null;
  /** null for a provider's reader, as createdBy */
  readonly by: string | null;
  readonly at: string;
}

/** Who reads: a provider sees what was agreed and its status, not which of the gemeente's staff wrote it. */
export type Reader = 'gemeente' | 'aanbieder';

export interface TalkAgreements {
  /** made in this quarter's talk */
  readonly current: Agreement[];
  /** to open the talk with: every agreement of the quarter before, and older ones still open */
  readonly earlier: Agreement[];
}

/** A quarter key (2026Q1), refused in words when it is not one. */
export function quarterKey(raw: string): string {
  const p = (() => {
    try {
      return parsePeriod(raw);
    } catch {
      return null;
    }
  })();
  if (!p || p.kind !== 'quarter') throw new UserError('ongeldige_periode.kwartaal', { period: raw.slice(0, 20) });
  return formatPeriod(p);
}

interface Row {
  id: number;
  gemeente_code: string;
  provider_agb: string;
  quarter: string;
  body: string;
  owner: string | null;
  due_date: string | null;
  status: AgreementStatus;
  status_note: string | null;
  created_by: string;
  created_at: Date | string;
}

const COLUMNS =
  'id::int AS id, gemeente_code, provider_agb, quarter, body, owner, due_date, status, status_note, created_by, created_at';

interface ChangeRow {
  agreement_id: number;
  status: AgreementStatus;
  note: string | null;
  changed_by: string;
  changed_at: Date | string;
}

async function withHistory(tx: Sql, rows: readonly Row[], reader: Reader): Promise<Agreement[]> {
  const changes =
    rows.length === 0
      ? []
      : await tx.query<ChangeRow>(
          `SELECT agreement_id::int AS agreement_id, status, note, changed_by, changed_at
             FROM provider_agreement_change WHERE agreement_id = ANY($1::bigint[]) ORDER BY id`,
          [rows.map((r) => r.id)],
        );
  const named = (who: string) => (reader === 'aanbieder' ? null : who);
  return rows.map((r) => ({
    ...toAgreement(r),
    createdBy: named(r.created_by),
    history: changes
      .filter((c) => c.agreement_id === r.id)
      .map((c) => ({
        status: c.status,
        note: c.note,
        by: named(c.changed_by),
        at: new Date(c.changed_at).toISOString(),
      })),
  }));
}

const toAgreement = (r: Row): Omit<Agreement, 'history'> => ({
  id: r.id,
  gemeente: r.gemeente_code,
  provider: r.provider_agb,
  quarter: r.quarter,
  body: r.body,
  owner: r.owner,
  dueDate: r.due_date,
  status: r.status,
  statusNote: r.status_note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The agreements of the talk with `provider` about `quarter`, over the given gemeenten. */
export async function talkAgreements(
  tx: Sql,
  gemeenten: readonly string[],
  provider: string,
  quarter: string,
  reader: Reader,
): Promise<TalkAgreements> {
  const before = formatPeriod(shiftPeriod(parsePeriod(quarter), -1));
  // quarter keys compare as text in time order (2025Q4 < 2026Q1)
  const rows = await withHistory(
    tx,
    await tx.query<Row>(
      `SELECT ${COLUMNS} FROM provider_agreement
        WHERE gemeente_code = ANY($1::text[]) AND provider_agb = $2
          AND (quarter = $3 OR quarter = $4 OR (quarter < $4 AND status = 'open'))
        ORDER BY quarter, id`,
      [gemeenten, provider, quarter, before],
    ),
    reader,
  );
  return { current: rows.filter((a) => a.quarter === quarter), earlier: rows.filter((a) => a.quarter < quarter) };
}

/** What the talk's writer gives: the agreement without what the store adds (id, status, who and when). */
export type NewAgreement = Pick<Agreement, 'gemeente' | 'provider' | 'quarter' | 'body' | 'owner' | 'dueDate'>;

export async function addAgreement(tx: Sql, a: NewAgreement, by: string): Promise<number> {
  const [known] = await tx.query('SELECT 1 FROM provider WHERE agb = $1', [a.provider]);
  if (!known) throw new UserError('onbekende_aanbieder', { agb: a.provider });
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO provider_agreement (gemeente_code, provider_agb, quarter, body, owner, due_date, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::int AS id`,
    [a.gemeente, a.provider, a.quarter, a.body.trim(), a.owner, a.dueDate, by],
  );
  return row!.id;
}

/**
 * Sets an agreement's status and keeps the change in its history; null when there is no such agreement in the caller's
 * scope. `note` undefined keeps the note as it is (a status change without a word must not wipe what was written),
 * null clears it.
 */
export async function setAgreementStatus(
  tx: Sql,
  id: number,
  status: AgreementStatus,
  note: string | null | undefined,
  by: string,
): Promise<Agreement | null> {
  const [row] = await tx.query<Row>(
    `UPDATE provider_agreement
        SET status = $2, status_note = CASE WHEN $5 THEN status_note ELSE $3 END, status_by = $4, status_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, status, note ?? null, by, note === undefined],
  );
  if (!row) return null;
  await tx.query(
    `INSERT INTO provider_agreement_change (agreement_id, gemeente_code, provider_agb, status, note, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.id, row.gemeente_code, row.provider_agb, status, row.status_note, by],
  );
  const [agreement] = await withHistory(tx, [row], 'gemeente');
  return agreement!;
}
