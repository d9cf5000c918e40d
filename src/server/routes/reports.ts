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
  api.get<{ Params: { kind: ReportKind }; Querystring: { gemeente: string; period: string; aanbieder?: string; extern?: boolean; format: 'pdf' | 'xlsx' } }>('/api/reports/:kind', {
    config: { action: 'aggregates' },
    schema: {
      tags: ['rapporten'], summary: 'Maandrapportage, raadsrapportage of kwartaalrapportage aanbieder als PDF of Excel',
      params: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['maand', 'raad', 'aanbieder'] } } },
      querystring: {
        type: 'object', required: ['gemeente', 'period', 'format'], additionalProperties: false,
        properties: {
          gemeente: { type: 'string', pattern: '^[0-9]{4}$' }, period: { type: 'string', maxLength: 10 }, aanbieder: { type: 'string', pattern: '^[0-9]{8}$' },
          extern: { type: 'boolean' }, format: { type: 'string', enum: ['pdf', 'xlsx'] },
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
      const file = join(dir, `rapport.${q.format}`);
      if (q.format === 'pdf') await writePdf(model, file);
      else await writeExcel(model, file);
      if (includePersons) await ctx.audit(req, { event: 'export_persoonsgegevens', outcome: 'ok', query: `rapport ${req.params.kind} ${gemeente} ${q.period}`, purpose: 'sturing (Jeugdwet 7.4.4)' });
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
