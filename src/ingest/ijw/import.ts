/**
 * Import of iJw 3.2 messages: single files or directories of them. Each message is validated
 * against the compiled XSDs and mapped on its own; a message with any problem is refused whole
 * (nothing of it is written) and reported with element path, line, value (masked) and reason —
 * except a line that iJw itself refuses on its own (a repeated ReferentieNummer in a declaration),
 * which is reported while the rest of the message counts. Valid messages are written in
 * transactions of up to BATCH messages (or BATCH_ROWS records) together with their import runs; the
 * allocations they touch are folded into trajectories in the same transaction. Every message is
 * kept as a raw file (sealed); the same message imported twice changes nothing.
 * Over 400 lines: validation, mapping and batching share the per-run state of one import.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Sql, Store } from '../../store/sql.js';
import { insertRows, insertRowsReturning } from '../../store/sql.js';
import { findMunicipalityIncludingEnded } from '../../domain/municipalities.js';
import { keepRaw, keepRawBytes, sealRawBytes } from '../raw.js';
import { addProblem, problem, type FileReport } from '../report.js';
import type { ImportContext } from '../csv/import.js';
import { MessageValidator } from './validate.js';
import { mapMessage, type MappedMessage } from './map.js';
import { foldAllocations } from './fold.js';

// Each transaction costs a commit and a fold of the allocations it touched, so fewer, larger ones
// are faster (bench:ingest: 250 → 1,000 messages took 4.0 → 3.4 s); the record limit keeps a batch
// of large declarations (JW323 with hundreds of lines) from becoming one huge statement.
const BATCH = 1000;
const BATCH_ROWS = 25_000;
/** Messages read between two turns of the event loop. */
const YIELD_EVERY = 8;

export interface IjwImportOptions {
  readonly dryRun?: boolean;
  readonly onProgress?: (p: { done: number; total: number; file: string }) => void;
  /** How a file is named in reports (e.g. archive.zip:folder/JW301.xml); default its file name. */
  readonly displayName?: (path: string) => string;
}

/** Files of a directory tree that can be iJw messages. */
export function expandXml(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    if (statSync(p).isDirectory())
      return readdirSync(p)
        .sort()
        .flatMap((f) => expandXml([join(p, f)]));
    return /\.xml$/i.test(p) ? [p] : [];
  });
}

function report(file: string, sha: string | null): FileReport {
  return {
    file,
    sha256: sha,
    recordType: null,
    status: 'rejected',
    encoding: 'utf-8',
    separator: null,
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    problems: [],
    problemsTotal: 0,
    runId: null,
  };
}

interface Valid {
  bytes: Buffer;
  /**
   * as the raw store keeps it (sealRawBytes), made while the previous batch is written. Compressed here, not on libuv's
   * pool: an asynchronous gzip per message cost 9 times the CPU of gzipSync (20.000 messages of 1,6 KB: 3,5 s against
   * 0,4 s, of which 1,3 s on this thread itself), and the demo is bound by its two cores (docs/benchmarks.md, stop 45)
   */
  sealed: Buffer;
  report: FileReport;
  mapped: MappedMessage;
}

/** The largest message the importer reads (the size limit of iJw message traffic). */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/**
 * One message to import: its name in reports, its size, and how to read its bytes (a file is read only when it is not
 * over the size limit). `path`: the file it came from, kept as it is when the message is refused.
 */
export interface IjwMessageSource {
  readonly name: string;
  readonly size: number;
  readonly read: () => Buffer;
  readonly path?: string | undefined;
}

export async function importIjwFiles(
  ctx: ImportContext,
  paths: readonly string[],
  opts: IjwImportOptions = {},
): Promise<FileReport[]> {
  const files = expandXml(paths);
  const sources = files.map((path): IjwMessageSource => ({
    name: opts.displayName?.(path) ?? basename(path),
    size: statSync(path).size,
    read: () => readFileSync(path),
    path,
  }));
  return importIjwMessages(ctx, sources, files.length, opts);
}

/**
 * Imports messages from any source, in the order given: files (importIjwFiles) or messages made in memory (the demo
 * streams its year of traffic straight from its generator, without 62,570 files in between). `total` is for progress
 * only (null: unknown).
 */
export async function importIjwMessages(
  ctx: ImportContext,
  messages: Iterable<IjwMessageSource> | AsyncIterable<IjwMessageSource>,
  total: number | null,
  opts: IjwImportOptions = {},
): Promise<FileReport[]> {
  const configured = new Set((await ctx.store.query<{ code: string }>('SELECT code FROM gemeente')).map((r) => r.code));
  const isKnown = (code: string) => configured.has(code) || findMunicipalityIncludingEnded(code) !== undefined;
  // what an import that stopped before its end wrote but did not fold
  if (!opts.dryRun) await foldPending(ctx.store);
  const reports: FileReport[] = [];
  let batch: Valid[] = [];
  // One batch is written while the next is read and validated: the database works in its own
  // thread (PGlite worker or PostgreSQL), so the two overlap. At most one write is in flight.
  let writing: Promise<void> = Promise.resolve();
  let failed: { error: unknown } | null = null;
  let written = 0;
  let nextAnalyze = 0;
  let batchRows = 0;
  const flush = async () => {
    const full = batch;
    batch = [];
    batchRows = 0;
    await writing;
    if (failed) throw failed.error;
    if (full.length === 0 || opts.dryRun) return;
    // The embedded store has no autovacuum to keep planner statistics: refresh them after the first batch and then
    // as the tables grow (batches 1, 4, 16, 64, …), so the lookups are planned on real table sizes. Every 10th
    // batch cost 0.5 s each beside a demo's 700,000 claim lines (issue 18.4).
    const analyze = written === nextAnalyze;
    if (analyze) nextAnalyze = nextAnalyze * 4 + 3;
    written++;
    writing = writeBatch(ctx, full, configured, analyze).catch((error: unknown) => {
      failed = { error };
    });
  };
  let done = 0;
  for await (const m of messages) {
    done++;
    if (m.size > MAX_MESSAGE_BYTES) {
      // refused before reading: an oversized file never sits in memory
      const r = report(m.name, null);
      addProblem(
        r,
        problem(
          0,
          null,
          null,
          'message_too_large',
          `het bestand is ${(m.size / 1048576).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB; een iJw-bericht mag hoogstens 25 MB zijn: laat de afzender het bericht splitsen`,
          `the file is ${(m.size / 1048576).toFixed(1)} MB; an iJw message may be at most 25 MB: ask the sender to split it`,
        ),
      );
      r.rowsRejected = 1;
      reports.push(r);
      continue;
    }
    const bytes = m.read();
    const sha = createHash('sha256').update(bytes).digest('hex');
    const r = report(m.name, sha);
    reports.push(r);
    const v = new MessageValidator();
    const content = bytes.toString('utf8');
    v.write(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
    const parsed = v.end();
    r.recordType = parsed.messageType;
    const refuse = (issues: MappedMessage['issues']) => {
      for (const x of issues) addProblem(r, problem(x.line, x.path, x.value, x.code, x.nl, x.en));
      r.rowsRejected = 1;
    };
    if (parsed.issues.length > 0 || !parsed.root || !parsed.messageType) {
      refuse(parsed.issues);
    } else {
      const mapped = mapMessage(parsed.messageType, parsed.root, ctx.key, isKnown, sha);
      if (mapped.issues.length > 0) refuse(mapped.issues);
      else {
        r.rowsAccepted = mapped.events.length + mapped.claims.length + (mapped.answer ? 1 : 0);
        r.rowsRejected = mapped.refused.length;
        r.rowsRead = r.rowsAccepted + r.rowsRejected;
        for (const x of mapped.refused) addProblem(r, problem(x.line, x.path, x.value, x.code, x.nl, x.en));
        r.status = opts.dryRun ? 'dry-run' : 'committed';
        batch.push({
          bytes,
          sealed: opts.dryRun ? bytes : sealRawBytes(ctx.key, bytes),
          report: r,
          mapped,
        });
        batchRows += r.rowsRead;
        if (batch.length >= BATCH || batchRows >= BATCH_ROWS) await flush();
      }
    }
    if (r.status === 'rejected' && !opts.dryRun) await recordRejected(ctx, m, bytes, r);
    opts.onProgress?.({ done, total: total ?? done, file: r.file });
    // let the batch being written take its next step (and a server answer its requests): every few messages, a
    // millisecond or two of work, since a turn of the event loop for each of 62,000 messages cost a second of the demo
    if (done % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await flush();
  await writing;
  if (failed) throw (failed as { error: unknown }).error;
  if (!opts.dryRun) await foldPending(ctx.store);
  return reports;
}

async function writeBatch(
  ctx: ImportContext,
  batch: Valid[],
  configured: Set<string>,
  analyze: boolean,
): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    // one statement per kind of row for the whole batch: per-message round trips dominated the time
    await keepRawBytes(
      tx,
      ctx.dataDir,
      batch.map((v) => ({ name: v.report.file, sha256: v.report.sha256!, bytes: v.bytes, sealed: v.sealed })),
      ctx.key,
    );
    const done = new Map(
      (
        await tx.query<{ id: number; raw_sha256: string; record_type: string }>(
          "SELECT id, raw_sha256, record_type FROM import_run WHERE raw_sha256 = ANY($1::text[]) AND status = 'committed'",
          [batch.map((v) => v.report.sha256!)],
        )
      ).map((d) => [`${d.raw_sha256}|${d.record_type}`, d.id]),
    );
    const fresh: Valid[] = [];
    const seen = new Set<string>();
    for (const v of batch) {
      const k = `${v.report.sha256}|${v.mapped.messageType}`;
      const id = done.get(k);
      if (id !== undefined || seen.has(k)) {
        v.report.status = 'unchanged';
        v.report.runId = id ?? null;
        v.report.rowsAccepted = 0;
        continue;
      }
      seen.add(k);
      fresh.push(v);
    }
    if (fresh.length === 0) return;
    for (const g of new Set(fresh.map((v) => v.mapped.gemeente))) await registerGemeente(tx, g, configured);
    // by COPY (an array literal of a thousand JSON reports parsed slowly)
    const now = new Date().toISOString();
    const runs = await insertRowsReturning<{ id: number; raw_sha256: string }>(
      tx,
      'import_run',
      ['raw_sha256', 'record_type', 'status', 'finished_at', 'rows_read', 'rows_accepted', 'rows_rejected', 'report'],
      fresh.map((v) => [
        v.report.sha256,
        v.mapped.messageType,
        'committed',
        now,
        v.report.rowsRead,
        v.report.rowsAccepted,
        v.report.rowsRejected,
        // a line refused on its own stays on record with the run, as the report said it
        JSON.stringify({
          file: v.report.file,
          messageType: v.mapped.messageType,
          // the day it was sent: a report as of an earlier day does not name it among its sources
          ...(v.mapped.sentDate ? { dagtekening: v.mapped.sentDate } : {}),
          ...(v.report.problems.length > 0 ? { problems: v.report.problems } : {}),
        }),
      ]),
      'id, raw_sha256',
    );
    const runOf = new Map(runs.map((r) => [r.raw_sha256, r.id]));
    for (const v of fresh) v.report.runId = runOf.get(v.report.sha256!) ?? null;
    const lastRun = Math.max(...runs.map((r) => r.id));

    const touched = new Map<string, Set<string>>();
    const touch = (g: string, nr: string) => touched.set(g, (touched.get(g) ?? new Set()).add(nr));
    await insertRows(
      tx,
      'ijw_event',
      [
        'gemeente_code',
        'message_type',
        'event_type',
        'logical_key',
        'delivery_status',
        'event_date',
        'payload',
        'allocation_number',
        'source_run_id',
        'source_ref',
      ],
      fresh.flatMap(({ mapped: m, report: r }) =>
        m.events.map((e) => [
          m.gemeente,
          m.messageType,
          e.eventType,
          e.logicalKey,
          e.deliveryStatus,
          e.eventDate,
          JSON.stringify(e.payload),
          e.payload.toewijzingNummer ?? null,
          r.runId,
          e.ref,
        ]),
      ),
    );
    for (const { mapped: m } of fresh)
      for (const e of m.events) if (e.payload.toewijzingNummer) touch(m.gemeente, e.payload.toewijzingNummer);

    const requests = fresh.flatMap(({ mapped: m }) =>
      m.events
        .filter((e) => e.eventType === 'verzoek' && e.payload.referentie)
        .map((e) => [m.gemeente, `${e.payload.agb}:${e.payload.referentie}`] as const),
    );
    for (const g of new Set(requests.map(([g]) => g))) {
      // a request arriving after its allocation: fold that allocation again to pick up the referrer
      const matched = await tx.query<{ nr: string }>(
        `SELECT DISTINCT allocation_number AS nr FROM ijw_event WHERE gemeente_code = $1 AND event_type = 'toewijzing'
           AND ((payload->>'agb') || ':' || (payload->>'referentie')) = ANY($2::text[])`,
        [g, requests.filter(([x]) => x === g).map(([, k]) => k)],
      );
      for (const x of matched) touch(g, x.nr);
    }

    const answers = fresh.filter((v) => v.mapped.answer);
    await insertRows(
      tx,
      'ijw_event',
      ['gemeente_code', 'message_type', 'event_type', 'logical_key', 'payload', 'source_run_id', 'source_ref'],
      answers.map(({ mapped: m, report: r }) => [
        m.gemeente,
        m.messageType,
        'antwoord',
        `antw:${m.answer!.agb}:${m.answer!.declaration}`,
        // the day it was sent: the claim lines take their status from it (applyAnswers) and a report as of an
        // earlier day sees them as submitted (lens/scope.ts asOfViews)
        JSON.stringify({ rejected: m.answer!.rejectedClaimIds, dagtekening: m.sentDate }),
        r.runId,
        '/Bericht/DeclaratieAntwoord',
      ]),
    );
    const claims = fresh.flatMap(({ mapped: m, report: r }) => m.claims.map((c) => ({ m, r, c })));
    if (claims.length > 0) {
      // a ReferentieNummer is used once (iJw: a correction is a credit line plus a new line): the same reference again
      // with a later Dagtekening does not change the line, so a report as of an earlier day stays as it was (red team
      // 5b); sent the same day, or without a day, the one loaded later wins. Within a batch as one message at a time
      const last = new Map<string, (typeof claims)[number]>();
      for (const x of claims) {
        const k = `${x.m.gemeente}|${x.c.claimId}`;
        const seen = last.get(k);
        if (!seen || !seen.c.sentDate || !x.c.sentDate || x.c.sentDate <= seen.c.sentDate) last.set(k, x);
      }
      // a claim changes no allocation, so nothing is folded again: it only needs its trajectory if
      // that is already known (a claim that comes first is linked when its allocation is folded)
      // (each allocation once: a declaration has a line per month and client)
      const allocations = [...new Map(claims.map((x) => [`${x.m.gemeente}|${x.c.allocationNumber}`, x])).values()];
      const trajectoryOf = new Map(
        (
          await tx.query<{ g: string; nr: string; id: string }>(
            `SELECT t.gemeente_code AS g, t.allocation_number AS nr, t.trajectory_id AS id
         FROM unnest($1::text[], $2::text[]) AS k(gemeente_code, nr) JOIN trajectory t ON t.gemeente_code = k.gemeente_code AND t.allocation_number = k.nr`,
            [allocations.map((x) => x.m.gemeente), allocations.map((x) => x.c.allocationNumber)],
          )
        ).map((t) => [`${t.g}|${t.nr}`, t.id]),
      );
      // a line whose declaration is answered already (in this batch or before) goes in with its status, instead of
      // as submitted and updated a moment later (the update rewrote every claim line of the demo's iJw year)
      const answered = await answersFor(
        tx,
        [...new Map(claims.map((x) => [`${x.m.gemeente}|antw:${x.c.agb}:${x.c.declaration}`, x])).values()].map(
          (x) => ({ gemeente: x.m.gemeente, key: `antw:${x.c.agb}:${x.c.declaration}` }),
        ),
      );
      const statusOf = (g: string, c: MappedMessage['claims'][number]): [string, string | null] => {
        const a = answered.get(`${g}|antw:${c.agb}:${c.declaration}`);
        return a ? [a.rejected.includes(c.claimId) ? 'afgewezen' : 'toegekend', a.sent] : ['ingediend', null];
      };
      await insertRows(
        tx,
        'claim_line',
        [
          'gemeente_code',
          'claim_id',
          'trajectory_id',
          'allocation_number',
          'youth_pseudonym',
          'provider_agb',
          'product_category',
          'product_code',
          'period_start',
          'period_end',
          'volume',
          'unit',
          'amount_cents',
          'debit_credit',
          'status',
          'status_date',
          'declaration_number',
          'sent_date',
          'source_run_id',
          'source_ref',
        ],
        [...last.values()].map(({ m, r, c }) => [
          m.gemeente,
          c.claimId,
          trajectoryOf.get(`${m.gemeente}|${c.allocationNumber}`) ?? null,
          c.allocationNumber,
          c.youth,
          c.agb,
          c.category,
          c.code,
          c.periodStart,
          c.periodEnd,
          c.volume,
          c.unit,
          c.cents,
          c.debitCredit,
          ...statusOf(m.gemeente, c),
          c.declaration,
          c.sentDate,
          r.runId,
          c.ref,
        ]),
        `ON CONFLICT (gemeente_code, claim_id) DO UPDATE SET trajectory_id = coalesce(EXCLUDED.trajectory_id, claim_line.trajectory_id), period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, volume = EXCLUDED.volume,
           amount_cents = EXCLUDED.amount_cents, debit_credit = EXCLUDED.debit_credit, declaration_number = EXCLUDED.declaration_number, source_run_id = EXCLUDED.source_run_id,
           sent_date = least(claim_line.sent_date, EXCLUDED.sent_date)
         WHERE claim_line.sent_date IS NULL OR EXCLUDED.sent_date IS NULL OR EXCLUDED.sent_date <= claim_line.sent_date`,
      );
    }
    // settle claim status for every declaration this batch touched, whichever of claim or answer came first
    const decls = new Map<string, { g: string; agb: string; d: Set<string> }>();
    const add = (g: string, agb: string, d: string) => {
      const k = `${g}|${agb}`;
      const e = decls.get(k) ?? { g, agb, d: new Set<string>() };
      e.d.add(d);
      decls.set(k, e);
    };
    for (const { m, c } of claims) add(m.gemeente, c.agb, c.declaration);
    for (const { mapped: m } of answers) add(m.gemeente, m.answer!.agb, m.answer!.declaration);
    await applyAnswers(
      tx,
      [...decls.values()].flatMap((e) => [...e.d].map((d) => ({ gemeente: e.g, key: `antw:${e.agb}:${d}` }))),
    );

    // a sample of 3,000 rows instead of 30,000 is plenty for these lookups and ten times quicker on large tables
    if (analyze) await tx.exec('SET LOCAL default_statistics_target = 10; ANALYZE ijw_event, claim_line');
    // folded once when the import has written all its messages (foldPending), in the same transaction as the events
    // that touched them, so a stop in between leaves them on record
    const keys = [...touched].flatMap(([gemeente, nrs]) => [...nrs].map((nr) => [gemeente, nr, lastRun]));
    await insertRows(
      tx,
      'ijw_fold_pending',
      ['gemeente_code', 'allocation_number', 'run_id'],
      keys,
      'ON CONFLICT (gemeente_code, allocation_number) DO UPDATE SET run_id = greatest(ijw_fold_pending.run_id, EXCLUDED.run_id)',
    );
  });
}

/** Allocations folded per transaction by foldPending. */
const FOLD_BATCH = 5000;

/**
 * Folds every allocation whose messages were written but not yet folded (ijw_fold_pending): at the end of an import,
 * and at its start for what an import that stopped before its end left behind. Each set of keys is folded and
 * removed in one transaction. Returns the number of allocations folded.
 */
export async function foldPending(store: Store): Promise<number> {
  let folded = 0;
  let analyzed = false;
  for (;;) {
    const n = await store.transaction(async (tx) => {
      const keys = await tx.query<{ gemeente: string; nr: string; run: number }>(
        `SELECT gemeente_code AS gemeente, allocation_number AS nr, run_id AS run FROM ijw_fold_pending
         ORDER BY gemeente_code, allocation_number LIMIT ${FOLD_BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (keys.length === 0) return 0;
      // the embedded store has no autovacuum: plan the fold's joins on the real table sizes
      if (!analyzed)
        await tx.exec('SET LOCAL default_statistics_target = 10; ANALYZE ijw_event, claim_line, trajectory, youth');
      analyzed = true;
      await foldAllocations(tx, keys, Math.max(...keys.map((k) => k.run)));
      await tx.query(
        `DELETE FROM ijw_fold_pending p USING unnest($1::text[], $2::text[]) AS k(g, nr)
         WHERE p.gemeente_code = k.g AND p.allocation_number = k.nr`,
        [keys.map((k) => k.gemeente), keys.map((k) => k.nr)],
      );
      return keys.length;
    });
    if (n === 0) return folded;
    folded += n;
  }
}

/**
 * JW325 lists the rejected lines of a declaration; the others of that declaration are accepted.
 * The answers are looked up first and the claim lines updated by their declaration key (plain
 * column equalities, so the planner takes the index even before the tables have statistics).
 * A declaration answered more than once takes the answer sent last (Dagtekening, then the one
 * imported last); the line keeps that day as `status_date`, so a report as of an earlier day sees it
 * as submitted (lens/scope.ts asOfViews). Answers imported before send days were kept have none.
 */
interface Answer {
  readonly g: string;
  readonly key: string;
  readonly rejected: string[];
  readonly sent: string | null;
}

/** The answer (JW325) that counts for each declaration, by `<gemeente>|<logical key>`: the one sent last. */
async function answersFor(
  tx: Sql,
  declarations: ReadonlyArray<{ gemeente: string; key: string }>,
): Promise<Map<string, Answer>> {
  if (declarations.length === 0) return new Map();
  const answers = await tx.query<Answer>(
    `SELECT DISTINCT ON (a.gemeente_code, a.logical_key)
            a.gemeente_code AS g, a.logical_key AS key, a.payload->'rejected' AS rejected, a.payload->>'dagtekening' AS sent
     FROM unnest($1::text[], $2::text[]) AS d(gemeente_code, logical_key)
     JOIN ijw_event a ON a.gemeente_code = d.gemeente_code AND a.logical_key = d.logical_key AND a.event_type = 'antwoord'
     ORDER BY a.gemeente_code, a.logical_key, a.payload->>'dagtekening' DESC NULLS LAST, a.id DESC`,
    [declarations.map((d) => d.gemeente), declarations.map((d) => d.key)],
  );
  return new Map(answers.map((a) => [`${a.g}|${a.key}`, a]));
}

async function applyAnswers(tx: Sql, declarations: ReadonlyArray<{ gemeente: string; key: string }>): Promise<void> {
  const answers = [...(await answersFor(tx, declarations)).values()];
  if (answers.length === 0) return;
  // logical key antw:<agb>:<declaratienummer>
  const parts = answers.map((a) => a.key.split(':'));
  // only lines whose status changes are written (a line that went in with its answer's status is left alone)
  await tx.query(
    `UPDATE claim_line c SET status = CASE WHEN d.rejected ? c.claim_id THEN 'afgewezen' ELSE 'toegekend' END, status_date = d.sent
     FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::date[]) AS d(gemeente_code, agb, declaration, rejected, sent)
     WHERE c.gemeente_code = d.gemeente_code AND c.provider_agb = d.agb AND c.declaration_number = d.declaration
       AND (c.status IS DISTINCT FROM (CASE WHEN d.rejected ? c.claim_id THEN 'afgewezen' ELSE 'toegekend' END)
            OR c.status_date IS DISTINCT FROM d.sent)`,
    [
      answers.map((a) => a.g),
      parts.map((p) => p[1]!),
      parts.map((p) => p.slice(2).join(':')),
      answers.map((a) => JSON.stringify(a.rejected)),
      answers.map((a) => a.sent),
    ],
  );
}

async function registerGemeente(tx: Sql, code: string, configured: Set<string>): Promise<void> {
  if (configured.has(code)) return;
  const m = findMunicipalityIncludingEnded(code)!;
  const region = `JZR:${m.youthCareRegion}`;
  await tx.query('INSERT INTO region (code, name) VALUES ($1,$2) ON CONFLICT DO NOTHING', [region, m.youthCareRegion]);
  await tx.query('INSERT INTO gemeente (code, name, region_code) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING', [
    code,
    m.name,
    region,
  ]);
  configured.add(code);
}

async function recordRejected(ctx: ImportContext, m: IjwMessageSource, bytes: Buffer, r: FileReport): Promise<void> {
  // a file is kept as the file it was; a message made in memory goes into a pack like an accepted one
  const sha256 = m.path
    ? (await keepRaw(ctx.store, ctx.dataDir, m.path, ctx.key)).sha256
    : await ctx.store.transaction(async (tx) => {
        await keepRawBytes(tx, ctx.dataDir, [{ name: m.name, sha256: r.sha256!, bytes }], ctx.key);
        return r.sha256!;
      });
  const [run] = await ctx.store.query<{ id: number }>(
    `INSERT INTO import_run (raw_sha256, record_type, status, finished_at, rows_read, rows_rejected, report) VALUES ($1,$2,'rejected',now(),0,1,$3) RETURNING id`,
    [sha256, r.recordType ?? 'iJw', JSON.stringify(r)],
  );
  r.runId = run!.id;
}
