/**
 * Reports from the web application: the same models and writers as `zicht report`. Who gets what:
 * the internal version with the pseudonymised top-cost list only for the analist; bestuur and
 * aanbieder always get the external version (disclosure control); an aanbieder only its own
 * provider report. Every report with person-level content is logged as an export.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildReport, ReportError, type ReportKind } from '../../reports/model.js';
import { reportData } from '../../reports/data.js';
import { writePdf } from '../../reports/pdf.js';
import { writeExcel } from '../../reports/excel.js';
import { ApiError, type AppContext } from '../context.js';
import { can, needsDisclosureControl } from '../access.js';
import { scopedGemeenten } from './indicators.js';

export async function reportRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { gemeente?: string } }>('/api/providers', {
    config: { action: 'aggregates' },
    schema: {
      tags: ['rapporten'], summary: 'Aanbieders met trajecten in de gemeenten binnen uw scope (een aanbieder ziet alleen zichzelf)',
      querystring: { type: 'object', additionalProperties: false, properties: { gemeente: { type: 'string', maxLength: 400 } } },
    },
  }, async (req) => {
    const p = req.principal!;
    const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
    const rows = await ctx.lens.cached(`providers|${gemeenten.join(',')}`, (lens) => lens.query<{ agb: string; name: string | null; trajectories: number }>(`
      SELECT t.provider_agb AS agb, any_value(p.name) AS name, count(*)::INTEGER AS trajectories
      FROM traj t LEFT JOIN provider p ON p.agb = t.provider_agb
      WHERE t.gemeente_code IN (${gemeenten.map((g) => `'${g}'`).join(',') || "''"}) AND t.provider_agb IS NOT NULL
      GROUP BY 1 ORDER BY trajectories DESC, agb`));
    return p.role === 'aanbieder' ? rows.filter((r) => r.agb === p.provider) : rows;
  });

  api.get<{ Params: { kind: ReportKind }; Querystring: { gemeente: string; period: string; aanbieder?: string; extern?: boolean; format: 'pdf' | 'xlsx' | 'json' } }>('/api/reports/:kind', {
    config: { action: 'aggregates' },
    schema: {
      tags: ['rapporten'], summary: 'Maandrapportage, raadsrapportage of kwartaalrapportage aanbieder als PDF, Excel of JSON (het rapportmodel, voor de webpagina)',
      params: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['maand', 'raad', 'aanbieder'] } } },
      querystring: {
        type: 'object', required: ['gemeente', 'period', 'format'], additionalProperties: false,
        properties: {
          gemeente: { type: 'string', pattern: '^[0-9]{4}$' }, period: { type: 'string', maxLength: 10 }, aanbieder: { type: 'string', pattern: '^[0-9]{8}$' },
          extern: { type: 'boolean' }, format: { type: 'string', enum: ['pdf', 'xlsx', 'json'] },
        },
      },
    },
  }, async (req, reply) => {
    const p = req.principal!;
    const q = req.query;
    const [gemeente] = await scopedGemeenten(req, ctx, q.gemeente);
    let provider = q.aanbieder;
    if (p.role === 'aanbieder') {
      if (req.params.kind !== 'aanbieder') throw new ApiError(403, 'geen_toegang', 'Een aanbieder kan alleen het eigen kwartaalrapport maken.', 'A provider can only make its own quarterly report.');
      provider = p.provider ?? undefined;
    }
    if ((req.params.kind === 'maand' || req.params.kind === 'raad') && !can(p, 'money')) throw new ApiError(403, 'geen_toegang', 'Dit rapport bevat geldcijfers die uw rol niet mag zien.', 'This report holds money figures your role may not see.');
    const extern = needsDisclosureControl(p) || Boolean(q.extern);
    const includePersons = !extern && can(p, 'person_level') && p.role === 'analist';
    const dir = mkdtempSync(join(ctx.dataDir, 'rapport-'));
    try {
      const model = await buildReport(reportData(ctx.store, ctx.lens), { kind: req.params.kind, gemeente: gemeente!, period: q.period, provider, extern, includePersons, now: ctx.now() });
      if (includePersons) await ctx.audit(req, { event: 'export_persoonsgegevens', outcome: 'ok', query: `rapport ${req.params.kind} ${gemeente} ${q.period}`, purpose: 'sturing (Jeugdwet 7.4.4)' });
      if (q.format === 'json') return model;
      const file = join(dir, `rapport.${q.format}`);
      if (q.format === 'pdf') await writePdf(model, file);
      else await writeExcel(model, file);
      const name = `zicht-${req.params.kind}-${gemeente}-${q.period}${extern ? '-extern' : ''}.${q.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      reply.type(q.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return readFileSync(file);
    } catch (err) {
      if (err instanceof ReportError) throw new ApiError(400, 'ongeldig_rapport', err.message, err.message);
      throw err;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
