/**
 * Data: the import runs with their reports, the quarantine, and uploading files through the same
 * importer as `zicht import` (one transaction per file; a file with errors is refused whole and
 * its report says file, line, column and reason). After a committed import the lens is rebuilt and
 * the server switches to it.
 */
import { codePointOf, firstNotText, notTextKind } from '../../domain/text.js';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { tmpDir, workName } from '../../store/dataDir.js';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { RECORD_TYPES } from '../../ingest/csv/recordTypes.js';
import { extensionsOf, fileKind, importTabularFile, inImportOrder, TABULAR_KINDS } from '../../app/imports.js';
import {
  listProfiles,
  parseProfile,
  readProfile,
  saveProfile,
  type MappingProfile,
} from '../../ingest/xlsx/profiles.js';
import type { FileReport } from '../../ingest/report.js';
import { committedRuns, rebuildLens } from '../../lens/build.js';
import { notifyDataChange } from '../../store/notify.js';
import { withScope, type Scope } from '../../store/sql.js';
import { storeScope, type Principal } from '../../app/access.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { PROBLEM_MEDIA, arrayOf, ok, problem, problemAnswer } from '../apiSchema.js';
import { randomUUID } from 'node:crypto';
import { UserError } from '../../domain/errors.js';
import { checkZip, LimitError } from '../../ingest/limits.js';

/** The fields of an upload (multipart/form-data): the files, and the options beside them. */
const UPLOAD_FIELDS = ['bestand', 'acceptValid', 'profiel', 'blad'] as const;
export async function dataRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  let importing = false;
  api.get(
    '/imports',
    {
      config: { action: 'import' },
      schema: {
        response: { 200: ok(A.IMPORT_RUNS) },
        tags: ['data'],
        summary:
          'Inleesrondes met hun rapport (laatste 200); iJw-berichten die zonder opmerking zijn ingelezen staan samen per berichtsoort per dag (messages = aantal)',
      },
    },
    async (req) => {
      // An iJw message is a run of its own (tens of thousands per import): listed one by one they would
      // push every file out of sight. Those read without remark are summed per message type and day;
      // a refused or partly refused message stays on its own line, with its reason in the report.
      // read as the restricted role: the quarantine counts are row-level secured, so a gemeente-scoped
      // account counts only its own gemeente's refused rows (issue 13.4)
      const scope = await listScope(ctx, req.principal!);
      // regio-wide: the account holds every gemeente of the region(s) its gemeenten belong to
      const mine = req.principal!.gemeenten;
      const [gap] = await ctx.store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM gemeente WHERE region_code IN (SELECT region_code FROM gemeente WHERE code = ANY($1))
          AND NOT code = ANY($1)`,
        [[...mine]],
      );
      const regioWide = scope.gemeenten === '*' || (mine.length > 0 && (gap?.n ?? 0) === 0);
      // A gemeente-scoped account sees only runs that touched its gemeenten: a row (read under row-level
      // security, so only its own gemeenten count) or a refused row in its scope. CBS runs are national open
      // statistics and stay listed; Iv3 amounts carry no row-level security, so their gemeente is checked here.
      const touched = regioWide
        ? ''
        : `WHERE r.record_type LIKE 'cbs:%'
         OR EXISTS (SELECT 1 FROM quarantine q WHERE q.import_run_id = r.id)
         OR EXISTS (SELECT 1 FROM iv3_amount a WHERE a.source_run_id = r.id AND a.gemeente_code = ANY($1))
         ${[
           'youth',
           'trajectory',
           'ijw_event',
           'claim_line',
           'basic_support_episode',
           'population',
           'budget',
           'satisfaction',
           'contract',
           'contract_tariff',
           'payment',
           'experience_result',
           'complaint',
           'social_offer',
           'evaluation_moment',
           'liaison_position',
         ]
           .map((t) => `OR EXISTS (SELECT 1 FROM ${t} x WHERE x.source_run_id = r.id)`)
           .join('\n         ')}`;
      const params = regioWide ? [] : [[...mine]];
      const rows = await withScope(ctx.store, scope, (tx) =>
        tx.query<{
          id: number;
          file_name: string | null;
          record_type: string;
          status: string;
          started_at: Date | string;
          rows_read: number;
          rows_accepted: number;
          rows_rejected: number;
          quarantined: number;
          messages: number;
        }>(
          `WITH runs AS (
         -- only the columns listed: the CTE is read twice, so it is materialised, and a run's report is large
         -- a CBS run imported before the counts were fixed holds the number of values as rows good (one per topic)
         SELECT r.id, r.raw_sha256, r.record_type, r.status, r.started_at, r.rows_read, r.rows_rejected,
                CASE WHEN r.record_type LIKE 'cbs:%' THEN least(r.rows_accepted, r.rows_read - r.rows_rejected)
                     ELSE r.rows_accepted END AS rows_accepted,
                (r.record_type ~ '^JW[0-9]{3}$' AND r.status = 'committed' AND r.rows_rejected = 0) AS plain_message
           FROM import_run r ${touched}
       )
       SELECT r.id::int AS id, i.file_name, r.record_type, r.status, r.started_at, r.rows_read, r.rows_accepted, r.rows_rejected, 1 AS messages,
              (SELECT count(*)::int FROM quarantine q WHERE q.import_run_id = r.id AND q.status = 'open') AS quarantined
         FROM runs r JOIN raw_input i ON i.sha256 = r.raw_sha256 WHERE NOT r.plain_message
       UNION ALL
       SELECT max(id)::int, NULL, record_type, status, max(started_at), sum(rows_read)::int, sum(rows_accepted)::int, 0, count(*)::int, 0
         FROM runs WHERE plain_message GROUP BY record_type, status, date_trunc('day', started_at)
       ORDER BY started_at DESC, id DESC LIMIT 200`,
          params,
        ),
      );
      await ctx.audit(req, {
        event: 'lezen_persoonsgegevens',
        outcome: 'ok',
        purpose: 'gegevensbeheer',
        query: `inleesrondes (${rows.length})`,
      });
      return rows.map((r) => ({
        ...r,
        messages: Number(r.messages),
        started_at: new Date(r.started_at).toISOString(),
      }));
    },
  );

  /** The importer writes for any gemeente in a file, so only a regio-wide account may upload (or map an upload). */
  const requireWholeRegion = async (
    p: Principal,
    code: 'geen_toegang.upload' | 'geen_toegang.profiel' = 'geen_toegang.upload',
  ): Promise<void> => {
    const all = await ctx.store.query<{ code: string }>(
      'SELECT code FROM gemeente WHERE code IN (SELECT gemeente_code FROM population UNION SELECT gemeente_code FROM trajectory)',
    );
    if (all.some((g) => !p.gemeenten.includes(g.code))) throw new UserError(code);
  };

  api.post(
    '/imports',
    {
      config: { action: 'import' },
      schema: {
        response: {
          200: ok(A.IMPORT_REPORTS),
          409: problemAnswer(409),
          413: problemAnswer(413),
          422: problemAnswer(422, { reports: arrayOf(A.FILE_REPORT) }),
        },
        tags: ['data'],
        summary:
          'Bestanden uploaden en inlezen (canonieke CSV of Excel; multipart/form-data, veld "bestand"; optioneel "acceptValid", "profiel", "blad")',
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const limits = ctx.limits;
      await requireWholeRegion(p);
      if (importing) throw new UserError('bezig');
      if (!req.isMultipart()) throw new UserError('geen_bestand');
      importing = true;
      // the pid in the name lets the next start tell a crashed upload from one still being read (dataDir.ts)
      const dir = join(tmpDir(ctx.dataDir), workName('upload'));
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const reports: FileReport[] = [];
      try {
        let acceptValid = false;
        let profileName = '';
        let sheet = '';
        const files: string[] = [];
        // a field the upload does not have is refused, not ignored: a misspelt `Profiel` imported without the
        // profile, `acceptValid=ja` read as false (red team 11 F4); so is a file under another name than `bestand`
        const unknownField = (name: string) =>
          new UserError('ongeldige_invoer.onbekend', {
            nl: 'het veld',
            en: 'field',
            name: name.slice(0, 80),
            known: [...UPLOAD_FIELDS],
          });
        const seen = new Set<string>();
        for await (const part of req.parts()) {
          if (part.type === 'field') {
            const value = String(part.value);
            // the multipart fields miss the input hook that checks every JSON and query value (red team 26)
            const c = firstNotText(part.fieldname) ?? firstNotText(value);
            if (c !== null)
              throw new UserError('ongeldige_invoer.teken', {
                nl: 'het uploadformulier',
                en: 'upload form',
                code: codePointOf(c),
                kind: notTextKind(c),
              });
            // twice (acceptValid=true and =false) or empty (profiel=) says two things or nothing: refused, not guessed
            if (seen.has(part.fieldname))
              throw new UserError('ongeldige_invoer.dubbel', { name: part.fieldname.slice(0, 40) });
            seen.add(part.fieldname);
            if (value.trim() === '' && UPLOAD_FIELDS.includes(part.fieldname as (typeof UPLOAD_FIELDS)[number]))
              throw new UserError('ongeldige_invoer.leeg_veld', { name: part.fieldname.slice(0, 40) });
            if (part.fieldname === 'acceptValid') {
              if (value !== 'true' && value !== 'false') throw new UserError('ongeldige_invoer.acceptvalid', { value });
              acceptValid = value === 'true';
            } else if (part.fieldname === 'profiel') profileName = value.trim();
            else if (part.fieldname === 'blad') sheet = value.trim().slice(0, 31);
            else throw unknownField(part.fieldname);
            continue;
          }
          if (part.fieldname !== 'bestand') throw unknownField(part.fieldname);
          const name = basename(part.filename || 'upload.csv').replace(/[^\w.-]/g, '_');
          const path = join(dir, name);
          const tooLarge = () => new UserError('te_groot.upload', { name, mb: limits.uploadBytes / 1048576 });
          try {
            await pipeline(part.file, createWriteStream(path));
          } catch (err) {
            if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
            throw err;
          }
          if (part.file.truncated) throw tooLarge();
          files.push(path);
        }
        if (files.length === 0) throw new UserError('geen_bestand.leeg');
        // every workbook's zip directory is judged before any file of the request is imported: a zip
        // bomb is refused whole (413) and nothing of the request is written
        for (const path of files.filter((f) => fileKind(f) === 'xlsx')) {
          try {
            await checkZip(path, limits, basename(path));
          } catch (err) {
            if (err instanceof LimitError) throw err; // a UserError: 413 te_groot
            // not a zip at all: the importer says so in the file's report
          }
        }
        // a ProfileError is a UserError: onbekend_profiel, or ongeldig_profiel for a stored profile that is not well-formed
        const profile: MappingProfile | null = profileName ? readProfile(ctx.dataDir, profileName) : null;
        // a profile saved by an account that sees fewer gemeenten is not used for a broader account's upload
        if (profile?.gemeenten && p.gemeenten.some((g) => !profile.gemeenten!.includes(g)))
          throw new UserError('geen_toegang.profiel_gebruik', { name: profile.naam });
        const ictx = { store: ctx.store, dataDir: ctx.dataDir, key: ctx.key };
        // contracts before the tariffs and payments that are checked against them
        for (const path of inImportOrder(files)) {
          const kind = fileKind(path);
          if (kind === null || !TABULAR_KINDS.has(kind)) {
            throw new UserError('verkeerd_soort_bestand', {
              name: basename(path),
              extensions: extensionsOf(TABULAR_KINDS),
            });
          }
          reports.push(
            await importTabularFile(ictx, path, kind, { acceptValid, profile, sheet: sheet || undefined, limits }),
          );
        }
        await ctx.audit(req, {
          event: 'import',
          outcome: reports.every((r) => r.status !== 'rejected') ? 'ok' : 'mislukt',
          query: reports.map((r) => `${r.file}: ${r.status}`).join('; '),
        });
        if (reports.some((r) => r.status === 'committed')) {
          await notifyDataChange(ctx.store, { event: 'import', run: (await committedRuns(ctx.store)).max });
          await rebuildLens(ctx.store, ctx.dataDir);
          await ctx.lens.reload();
        }
        // a file over a row, column or size limit found while reading: refused (nothing of it written)
        const limited = reports.flatMap((r) => r.problems.filter((x) => x.code === 'limiet'));
        if (limited.length > 0) {
          // problem details like every other error, with the file reports as an extension member
          reply.status(422).type(PROBLEM_MEDIA);
          const nl = limited.map((x) => x.nl).join('; ');
          const en = limited.map((x) => x.en).join('; ');
          return problem(422, 'grens', nl, en, `urn:uuid:${randomUUID()}`, { reports });
        }
        return { reports };
      } finally {
        importing = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  api.get(
    '/profiles',
    {
      config: { action: 'import' },
      schema: {
        response: { 200: ok(A.PROFILES) },
        tags: ['data'],
        summary: 'Opgeslagen koppelprofielen (eigen kolomnamen → canonieke kolommen)',
      },
    },
    async () => ({
      profiles: listProfiles(ctx.dataDir),
      recordTypes: RECORD_TYPES.map((t) => ({
        id: t.id,
        columns: t.columns.map((c) => ({ name: c.name, required: c.required })),
      })),
    }),
  );

  api.post<{ Body: unknown }>(
    '/profiles',
    {
      config: { action: 'import' },
      schema: {
        response: { 201: ok(A.PROFILE_SAVED, 'Opgeslagen') },
        tags: ['data'],
        summary: 'Een koppelprofiel opslaan (of vervangen)',
        body: { type: 'object' },
      },
    },
    async (req, reply) => {
      // a profile decides which column of every later upload becomes the pseudonymised client_id: only those who may
      // upload (the whole regio) may make or change one (red team 33: a gemeente's analist replaced the regio's
      // profile with BSN and dossier number swapped, and the beheerder's next upload stored a BSN as trajectory id)
      const p = req.principal!;
      await requireWholeRegion(p, 'geen_toegang.profiel');
      const asked = parseProfile(req.body, 'profiel'); // a ProfileError is a UserError (ongeldig_profiel)
      // the scope is the saver's, never what the body says; one saved for gemeenten this account does not see stays
      const existing = listProfiles(ctx.dataDir).find((x) => x.naam === asked.naam);
      if (existing?.gemeenten?.some((g) => !p.gemeenten.includes(g))) throw new UserError('geen_toegang.profiel');
      const profile = { ...asked, gemeenten: [...p.gemeenten].sort() };
      saveProfile(ctx.dataDir, profile);
      await ctx.audit(req, { event: 'import', outcome: 'ok', query: `koppelprofiel ${profile.naam} opgeslagen` });
      reply.status(201);
      return { naam: profile.naam };
    },
  );

  api.get<{ Querystring: { run?: number } }>(
    '/quarantine',
    {
      config: { action: 'import' },
      schema: {
        response: { 200: ok(A.QUARANTINE) },
        tags: ['data'],
        summary: 'Geweigerde regels in quarantaine (persoonsvelden gemaskeerd)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { run: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
        },
      },
    },
    async (req) => {
      const params: unknown[] = [];
      const where = req.query.run ? `WHERE import_run_id = $${params.push(req.query.run)}` : '';
      // row-level security keeps other gemeenten's refused rows out; every read is logged (issue 13.4)
      const rows = await withScope(ctx.store, await listScope(ctx, req.principal!), (tx) =>
        tx.query<{ id: number; record: Record<string, string> }>(
          `SELECT id::int AS id, gemeente_code, import_run_id::int AS run, source_ref, record, errors, status, resolved_by_run::int AS resolved_by_run
         FROM quarantine ${where} ORDER BY id DESC LIMIT 500`,
          params,
        ),
      );
      const ids = [
        ...new Set(
          rows
            .map((r) => r.record.traject_id ?? r.record.episode_id ?? r.record.id)
            .filter((x): x is string => Boolean(x)),
        ),
      ];
      await ctx.audit(req, {
        event: 'lezen_persoonsgegevens',
        outcome: 'ok',
        purpose: 'gegevensbeheer (correctie van geweigerde regels)',
        subjects: ids.slice(0, 500),
        query: `quarantaine${req.query.run ? ` run ${req.query.run}` : ''} (${rows.length} regels)`,
      });
      return rows;
    },
  );
}

/**
 * The row-level scope for the Data page's lists. A row whose gemeente could not be read (a refused
 * line without a valid gemeente code) belongs to no gemeente: only an account whose scope holds
 * every gemeente in the store may see it, so that account reads with scope '*'.
 */
async function listScope(ctx: AppContext, p: Principal): Promise<Scope> {
  const scope = storeScope(p);
  const all = await ctx.store.query<{ code: string }>('SELECT code FROM gemeente');
  return all.every((g) => p.gemeenten.includes(g.code)) ? { ...scope, gemeenten: '*' } : scope;
}
