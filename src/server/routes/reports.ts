/**
 * Reports from the web application: the same models and writers as `zicht report`. Who gets what:
 * the internal version with the pseudonymised top-cost list only for the analist; bestuur and
 * aanbieder always get the external version (disclosure control); an aanbieder only its own
 * provider report. Every report with person-level content is logged as an export.
 * Over 400 lines: the report and saved-report routes share their access rules (exactScope, visible, beyondScope).
 */
import { joinSql, sql } from '../../lens/sql.js';
import { regionOf } from '../../app/selection.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildReport, type ReportKind } from '../../reports/model.js';
import { REPORT_KINDS, REPORT_KIND_IDS } from '../../reports/kinds/index.js';
import type { ReportKindInfo, SavedReport } from '../../reports/apiTypes.js';
import { reportData } from '../../reports/data.js';
import { writePdf } from '../../reports/pdf.js';
import { writeExcel } from '../../reports/excel.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { fileAnswer, ok, problemAnswer } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { can, needsDisclosureControl, type Principal } from '../../app/access.js';
import { protectNumber } from '../../app/disclosure.js';
import { readSchedules, writeSchedules, type Schedule } from '../../reports/schedule.js';
import { produceDue, produceSaved, reportFileName } from '../../reports/produce.js';
import { dataEnd } from '../../indicators/sql.js';
import { formatPeriod, lastCompletePeriod } from '../../domain/periods.js';
import { scopedGemeenten } from './indicators.js';
import { LensHolder } from '../../app/lensHolder.js';

/**
 * The permission the kind needs (kinds/: the money figures of maand and raad); the aanbieder role only its
 * provider's kind — which provider is checked where the request names one.
 */
function mayMake(p: Principal, kind: ReportKind): boolean {
  const spec = REPORT_KINDS[kind];
  return (spec.needs === null || can(p, spec.needs)) && (p.role !== 'aanbieder' || spec.forProvider);
}

export async function reportRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  /** The gemeenten of the regio of a gemeente (itself alone without one). */
  const regionMembers = async (gemeente: string): Promise<string[]> => {
    const rows = await ctx.store.query<{ code: string }>(
      'SELECT code FROM gemeente WHERE region_code = (SELECT region_code FROM gemeente WHERE code = $1)',
      [gemeente],
    );
    return rows.length > 0 ? rows.map((r) => r.code) : [gemeente];
  };
  /**
   * A regio-wide kind (the provider report sums over every gemeente of the gemeente's regio) asked by someone whose
   * scope does not hold all of them: the other gemeenten's figures only as published, so the external version (red
   * team 2: a gemeente-scoped controller got the exact regio totals, and the regio minus the own gemeente is the rest
   * of the regio exactly).
   */
  const beyondScope = async (p: Principal, kind: ReportKind, gemeente: string): Promise<boolean> => {
    if (!REPORT_KINDS[kind].regionWide || regionOf(gemeente) !== null) return false;
    return (await regionMembers(gemeente)).some((g) => !p.gemeenten.includes(g));
  };
  /**
   * What the caller may see exactly, for a report on this gemeente: nothing to say when its scope holds the whole
   * regio (or the report is a regio's, which needs that already); else its gemeenten, and the report publishes the
   * figures of the others and of the regio as a whole (reports/builder.ts).
   */
  const exactScope = async (p: Principal, gemeente: string): Promise<{ scope?: string[] }> => {
    if (regionOf(gemeente) !== null) return {};
    const members = await regionMembers(gemeente);
    return members.every((g) => p.gemeenten.includes(g)) ? {} : { scope: [...p.gemeenten] };
  };
  /**
   * A saved report this account may see: its gemeente in scope; a provider only its own; external-only roles only
   * external ones; an internal one only when the account sees exactly every gemeente of the regio whose figures it
   * holds exactly (its maker's scope within the regio; the whole regio for a file without a recorded scope), and
   * an internal regio-wide one only with the whole regio in scope.
   */
  const visible = async (p: Principal, sc: Schedule): Promise<boolean> => {
    if (p.team) return false; // a saved report is a gemeente's or regio's, never a team's (red team 9)
    if (!p.gemeenten.includes(sc.gemeente)) return false;
    if (p.role === 'aanbieder' && !(REPORT_KINDS[sc.kind].forProvider && sc.aanbieder === p.provider)) return false;
    if (needsDisclosureControl(p) && !sc.extern) return false;
    if (!mayMake(p, sc.kind)) return false;
    if (sc.extern) return true;
    if (await beyondScope(p, sc.kind, sc.gemeente)) return false;
    const exact = (await regionMembers(sc.gemeente)).filter((g) => sc.scope === undefined || sc.scope.includes(g));
    return exact.every((g) => p.gemeenten.includes(g));
  };

  api.get(
    '/report-kinds',
    {
      config: { action: 'aggregates' },
      schema: {
        response: { 200: ok(A.REPORT_KINDS) },
        tags: ['rapporten'],
        summary: 'De soorten rapporten die uw rol mag maken',
      },
    },
    async (req): Promise<ReportKindInfo[]> =>
      REPORT_KIND_IDS.filter((k) => mayMake(req.principal!, k)).map((k) => {
        const { id, nameNl, nameEn, period, forProvider } = REPORT_KINDS[k];
        return { id, nameNl, nameEn, period, forProvider };
      }),
  );

  api.get(
    '/report-schedules',
    {
      config: { action: 'aggregates' },
      schema: {
        response: { 200: ok(A.REPORT_SCHEDULES) },
        tags: ['rapporten'],
        summary: 'Vaste rapporten (elke nieuwe periode opnieuw gemaakt) met de gemaakte perioden',
      },
    },
    async (req): Promise<SavedReport[]> => {
      const shown: Schedule[] = [];
      for (const sc of readSchedules(ctx.dataDir)) if (await visible(req.principal!, sc)) shown.push(sc);
      return shown.map(({ outDir: _dir, scope: _scope, ...sc }) => ({
        ...sc,
        files: sc.produced.map((period) => ({ period, url: `/api/v1/report-schedules/${sc.name}/${period}` })),
      }));
    },
  );

  api.post<{
    Body: {
      name: string;
      kind: ReportKind;
      gemeente: string;
      aanbieder?: string;
      extern?: boolean;
      format?: 'pdf' | 'xlsx';
      team?: string;
    };
  }>(
    '/report-schedules',
    {
      config: { action: 'narrative_write', lens: true },
      schema: {
        response: { 201: ok(A.SCHEDULE_SAVED, 'Vastgelegd'), 409: problemAnswer(409) },
        tags: ['rapporten'],
        summary:
          'Een rapport vast maken: vanaf de laatste volledige periode elke nieuwe periode (zicht report due of "nu maken")',
        body: {
          type: 'object',
          required: ['name', 'kind', 'gemeente'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', pattern: '^[a-z0-9-]{2,40}$' },
            kind: { type: 'string', enum: REPORT_KIND_IDS },
            gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
            aanbieder: { type: 'string', pattern: '^[0-9]{8}$' },
            extern: { type: 'boolean' },
            format: { type: 'string', enum: ['pdf', 'xlsx'] },
            team: { type: 'string', maxLength: 100 }, // refused in words (red team 8)
          },
        },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const b = req.body;
      if (b.team !== undefined || p.team) throw new UserError('bewaard_geen_team');
      const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
      if (REPORT_KINDS[b.kind].forProvider && !b.aanbieder) throw new UserError('geen_aanbieder');
      if (!mayMake(p, b.kind)) throw new UserError('geen_toegang.geldcijfers');
      const list = readSchedules(ctx.dataDir);
      if (list.some((sc) => sc.name === b.name)) throw new UserError('bestaat_al', { name: b.name });
      const end = await ctx.lens.cached('dataEnd', (l) => dataEnd(l));
      const schedule: Schedule = {
        name: b.name,
        kind: b.kind,
        gemeente: gemeente!,
        ...(b.aanbieder ? { aanbieder: b.aanbieder } : {}),
        extern: Boolean(b.extern) || (await beyondScope(p, b.kind, gemeente!)),
        ...(await exactScope(p, gemeente!)),
        format: b.format ?? 'pdf',
        outDir: join(ctx.dataDir, 'rapporten', b.name),
        from: formatPeriod(lastCompletePeriod(REPORT_KINDS[b.kind].period, end)),
        produced: [],
      };
      writeSchedules(ctx.dataDir, [...list, schedule]);
      reply.status(201);
      return { name: schedule.name, from: schedule.from };
    },
  );

  api.post<{ Params: { name: string } }>(
    '/report-schedules/:name/run',
    {
      config: { action: 'narrative_write', lens: true },
      schema: {
        response: { 200: ok(A.SCHEDULE_RUN) },
        tags: ['rapporten'],
        summary: 'Een vast rapport nu maken voor elke periode die nog ontbreekt',
        params: {
          type: 'object',
          properties: { name: { type: 'string', pattern: '^[a-z0-9-]{2,40}$' } },
          required: ['name'],
        },
      },
    },
    async (req) => {
      const sc = readSchedules(ctx.dataDir).find((x) => x.name === req.params.name);
      if (!sc || !(await visible(req.principal!, sc)))
        throw new UserError('onbekend_rapport', { name: req.params.name });
      const made = await produceDue(ctx.store, ctx.lens, ctx.dataDir, sc.name);
      return { made: made.map((m) => m.period) };
    },
  );

  api.get<{ Params: { name: string; period: string } }>(
    '/report-schedules/:name/:period',
    {
      config: { action: 'aggregates' },
      schema: {
        response: { 200: fileAnswer([A.MEDIA_PDF, A.MEDIA_XLSX], 'Het gemaakte rapport') },
        tags: ['rapporten'],
        summary: 'Een gemaakt vast rapport downloaden',
        params: {
          type: 'object',
          required: ['name', 'period'],
          properties: {
            name: { type: 'string', pattern: '^[a-z0-9-]{2,40}$' },
            period: { type: 'string', pattern: '^[0-9]{4}(-[0-9]{2}|H[12]|Q[1-4])?$' },
          },
        },
      },
    },
    async (req, reply) => {
      const sc = readSchedules(ctx.dataDir).find((x) => x.name === req.params.name);
      if (!sc || !(await visible(req.principal!, sc)) || !sc.produced.includes(req.params.period))
        throw new UserError('onbekend_rapport.bestand');
      const file = join(sc.outDir, reportFileName(sc.name, req.params.period, sc.format));
      if (!existsSync(file))
        throw new UserError('bestand_weg', { name: sc.name, period: req.params.period, dir: sc.outDir });
      // a file made before saved reports left out the lists of persons may hold one: made again first (produce.ts)
      if (!(sc.withoutPersons ?? []).includes(req.params.period)) {
        await produceSaved(ctx.store, ctx.lens, sc, req.params.period);
        const list = readSchedules(ctx.dataDir).map((x) =>
          x.name === sc.name ? { ...x, withoutPersons: sc.withoutPersons } : x,
        );
        writeSchedules(ctx.dataDir, list);
      }
      reply.header('content-disposition', `attachment; filename="${basename(file)}"`);
      reply.type(
        sc.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      return readFileSync(file);
    },
  );

  api.get<{ Querystring: { gemeente?: string } }>(
    '/providers',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        response: { 200: ok(A.PROVIDERS) },
        tags: ['rapporten'],
        summary: 'Aanbieders met trajecten in de gemeenten binnen uw scope (een aanbieder ziet alleen zichzelf)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { gemeente: { type: 'string', maxLength: 400 } },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const rows = await ctx.lens.cached(`providers|${gemeenten.join(',')}`, (lens) =>
        lens.query<{ agb: string; name: string | null; trajectories: number }>(sql`
      SELECT t.provider_agb AS agb, any_value(p.name) AS name, count(*)::INTEGER AS trajectories
      FROM traj t LEFT JOIN provider p ON p.agb = t.provider_agb
      WHERE t.gemeente_code IN (${gemeenten.length ? joinSql(gemeenten.map((g) => sql`${g}`)) : sql`''`})
        AND t.provider_agb IS NOT NULL
      GROUP BY 1 ORDER BY trajectories DESC, agb`),
      );
      const mine = p.role === 'aanbieder' ? rows.filter((r) => r.agb === p.provider) : rows;
      if (!needsDisclosureControl(p)) return mine;
      // the published counts are rounded by the disclosure step; ordered by the exact ones, two providers shown with
      // 740 told which had more (red team 16 F2): ordered by what is shown, then by AGB
      const shown = (r: (typeof rows)[number]) => protectNumber(r.trajectories, 'aantal') ?? -1;
      return [...mine].sort((a, b) => shown(b) - shown(a) || a.agb.localeCompare(b.agb));
    },
  );

  api.get<{
    Params: { kind: ReportKind };
    Querystring: {
      gemeente: string;
      period: string;
      aanbieder?: string;
      extern?: boolean;
      team?: string;
      format: 'pdf' | 'xlsx' | 'json';
    };
  }>(
    '/reports/:kind',
    {
      config: { action: 'aggregates', lens: true, ownTeam: true }, // decides its own extern (below)
      schema: {
        response: {
          200: {
            ...fileAnswer([A.MEDIA_PDF, A.MEDIA_XLSX], 'Het rapport (PDF of Excel; format=json: het rapportmodel)'),
            content: {
              ...(fileAnswer([A.MEDIA_PDF, A.MEDIA_XLSX], '').content as object),
              'application/json': { schema: A.REPORT_MODEL },
            },
          },
        },
        tags: ['rapporten'],
        summary:
          'Maandrapportage, raadsrapportage of kwartaalrapportage aanbieder als PDF, Excel of JSON (het rapportmodel, voor de webpagina)',
        params: {
          type: 'object',
          required: ['kind'],
          properties: { kind: { type: 'string', enum: REPORT_KIND_IDS } },
        },
        querystring: {
          type: 'object',
          required: ['gemeente', 'period', 'format'],
          additionalProperties: false,
          properties: {
            gemeente: { type: 'string', pattern: '^([0-9]{4}|regio:(JZR:)?[A-Za-z0-9&() _-]{1,60})$' },
            period: { type: 'string', maxLength: 10 },
            aanbieder: { type: 'string', pattern: '^[0-9]{8}$' },
            extern: { type: 'boolean' },
            format: { type: 'string', enum: ['pdf', 'xlsx', 'json'] },
            team: { type: 'string', minLength: 1, maxLength: 60 },
          },
        },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const q = req.query;
      // a regio report needs every gemeente of the regio in scope
      const regio = regionOf(q.gemeente);
      if (regio !== null) {
        const members = (
          await ctx.store.query<{ code: string }>('SELECT code FROM gemeente WHERE region_code = $1', [regio])
        ).map((r) => r.code);
        if (members.length === 0 || members.some((m) => !p.gemeenten.includes(m))) {
          throw new UserError('buiten_scope.regio', { regio });
        }
      }
      const [gemeente] = regio !== null ? [q.gemeente] : await scopedGemeenten(req, ctx, q.gemeente);
      const spec = REPORT_KINDS[req.params.kind];
      let provider = q.aanbieder;
      if (p.role === 'aanbieder') {
        if (!spec.forProvider) throw new UserError('geen_toegang.eigen_aanbieder');
        // another provider's code is refused, not replaced by the own one (red team 11 F7)
        if (q.aanbieder !== undefined && q.aanbieder !== p.provider)
          throw new UserError('geen_toegang.eigen_aanbieder');
        provider = p.provider ?? undefined;
      }
      if (!mayMake(p, req.params.kind)) throw new UserError('geen_toegang.geldcijfers');
      // a team manager's monthly report is always the team's; others may ask for a team
      if (p.role === 'teammanager' && q.team !== undefined && q.team !== p.team?.code)
        throw new UserError('geen_toegang.ander_team');
      const team = p.role === 'teammanager' && p.team && spec.perTeam ? p.team.code : q.team;
      if (team && !spec.perTeam) throw new UserError('alleen_maand');
      const regionBeyond = await beyondScope(p, req.params.kind, gemeente!);
      // a team-scoped account sees its own team exactly; any other report (the council's) only as published (red team 10)
      const extern = needsDisclosureControl(p, true) || Boolean(q.extern) || regionBeyond || (p.team !== null && !team);
      // a team's amounts are decided on the team's own lens, not with the gemeente's linked tables (issue 14, red
      // team 6: the gemeente's published category cost minus five teams' gave the sixth team's hidden cost); refused
      // before the team is looked up, so the answer does not tell which team names exist
      if (team && extern) throw new UserError('team_alleen_intern');
      if (
        team &&
        (await ctx.store.query('SELECT 1 FROM team WHERE gemeente_code = $1 AND code = $2', [gemeente, team]))
          .length === 0
      ) {
        throw new UserError('onbekend_team', { team, gemeente });
      }
      const includePersons = !extern && can(p, 'person_level') && p.role === 'analist';
      const dir = mkdtempSync(join(ctx.dataDir, 'rapport-'));
      try {
        const lens = team ? new LensHolder(ctx.dataDir, { gemeente: gemeente!, team }) : ctx.lens;
        let model;
        try {
          model = await buildReport(reportData(ctx.store, lens), {
            kind: req.params.kind,
            gemeente: gemeente!,
            period: q.period,
            provider,
            extern,
            beyondScope: regionBeyond,
            scope: (await exactScope(p, gemeente!)).scope,
            includePersons,
            team,
            now: ctx.now(),
          });
        } finally {
          if (lens !== ctx.lens) lens.close();
        }
        if (includePersons)
          await ctx.audit(req, {
            event: 'export_persoonsgegevens',
            outcome: 'ok',
            query: `rapport ${req.params.kind} ${gemeente} ${q.period}`,
            purpose: 'sturing (Jeugdwet 7.4.4)',
          });
        if (q.format === 'json') return model;
        const file = join(dir, `rapport.${q.format}`);
        if (q.format === 'pdf') await writePdf(model, file);
        else await writeExcel(model, file);
        const name = `zicht-${req.params.kind}-${gemeente}${team ? `-${team.replace(/[^\w-]+/g, '_')}` : ''}-${q.period}${extern ? '-extern' : ''}.${q.format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        reply.type(
          q.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        return readFileSync(file);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
