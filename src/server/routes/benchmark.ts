/**
 * Vergelijken: one gemeente next to a reference group (Verwey-Jonker-style table) and expected
 * versus actual for every gemeente. CBS and Iv3 figures are public, so no disclosure control; the
 * gemeente asked about must still be in the account's scope.
 */
import type { FastifyInstance } from 'fastify';
import { parsePeriod, PeriodError } from '../../domain/periods.js';
import { benchmark, checkBenchmarkYear } from '../../benchmark/benchmark.js';
import { parseReference } from '../../benchmark/groups.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok, problemAnswer } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { scopedGemeenten } from './indicators.js';

interface Query {
  gemeente?: string;
  reference?: string;
  period?: string;
  base?: string;
  year?: string;
}

function halfYear(text: string | undefined, field: string) {
  if (!text) return undefined;
  try {
    const p = parsePeriod(text);
    if (p.kind === 'half') return p;
  } catch (err) {
    if (!(err instanceof PeriodError)) throw err;
  }
  throw new UserError('ongeldige_periode.halfjaar', { field });
}

export async function benchmarkRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: Query }>(
    '/benchmark',
    {
      config: { action: 'aggregates', lens: true },
      schema: {
        response: { 200: ok(A.BENCHMARK), 404: problemAnswer(404) },
        tags: ['vergelijken'],
        summary: 'Vergelijking met een referentiegroep (CBS en Iv3) en verwacht versus feitelijk',
        description:
          'reference: grootteklasse | regio | vergelijkbaar[:k] | lijst:<codes> | nederland. period/base: halfjaar (2024H1); year: jaar van inwoners, decielen en lasten.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
            reference: { type: 'string', maxLength: 400 },
            period: { type: 'string', maxLength: 10 },
            base: { type: 'string', maxLength: 10 },
            year: { type: 'string', pattern: '^[0-9]{4}$' },
          },
        },
      },
    },
    async (req) => {
      const [gemeente] = await scopedGemeenten(req, ctx, req.query.gemeente);
      if (!gemeente) throw new UserError('geen_gemeente');
      const reference = parseReference(req.query.reference ?? 'vergelijkbaar');
      const period = halfYear(req.query.period, 'period');
      const basePeriod = halfYear(req.query.base, 'base');
      const year = checkBenchmarkYear(req.query.year ? Number(req.query.year) : undefined, 'year', req.query.year);
      // no CBS figures (BenchmarkError, 404) or an unusable mapping (MappingError, 500) answer as UserErrors
      const { mapping, from } = ctx.lens.cbsMapping();
      const key = `benchmark|${gemeente}|${JSON.stringify(reference)}|${req.query.period ?? ''}|${req.query.base ?? ''}|${year ?? ''}`;
      return await ctx.lens.cached(key, (lens) =>
        benchmark(lens, { gemeente, reference, mapping, mappingFrom: from, period, basePeriod, year }),
      );
    },
  );
}
