/**
 * Vergelijken: one gemeente next to a reference group (Verwey-Jonker-style table) and expected
 * versus actual for every gemeente. CBS and Iv3 figures are public, so no disclosure control; the
 * gemeente asked about must still be in the account's scope.
 */
import type { FastifyInstance } from 'fastify';
import { parsePeriod, PeriodError } from '../../domain/periods.js';
import { benchmark, BenchmarkError } from '../../benchmark/benchmark.js';
import { parseReference, ReferenceError } from '../../benchmark/groups.js';
import { MappingError } from '../../benchmark/mapping.js';
import { ApiError, type AppContext } from '../context.js';
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
  throw new ApiError(
    400,
    'ongeldige_periode',
    `${field}: geef een halfjaar, bijvoorbeeld 2024H1.`,
    `${field}: give a half-year, e.g. 2024H1.`,
  );
}

export async function benchmarkRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: Query }>(
    '/api/benchmark',
    {
      config: { action: 'aggregates' },
      schema: {
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
      if (!gemeente) throw new ApiError(400, 'geen_gemeente', 'Kies een gemeente.', 'Choose a gemeente.');
      let reference;
      try {
        reference = parseReference(req.query.reference ?? 'vergelijkbaar');
      } catch (err) {
        if (err instanceof ReferenceError)
          throw new ApiError(400, 'ongeldige_referentiegroep', err.message, err.message);
        throw err;
      }
      const period = halfYear(req.query.period, 'period');
      const basePeriod = halfYear(req.query.base, 'base');
      const year = req.query.year ? Number(req.query.year) : undefined;
      try {
        const { mapping, from } = ctx.lens.cbsMapping();
        const key = `benchmark|${gemeente}|${JSON.stringify(reference)}|${req.query.period ?? ''}|${req.query.base ?? ''}|${year ?? ''}`;
        return await ctx.lens.cached(key, (lens) =>
          benchmark(lens, { gemeente, reference, mapping, mappingFrom: from, period, basePeriod, year }),
        );
      } catch (err) {
        if (err instanceof BenchmarkError) throw new ApiError(404, 'geen_cbs_gegevens', err.message, err.message);
        if (err instanceof MappingError) throw new ApiError(500, 'cbs_koppeling_fout', err.message, err.message);
        throw err;
      }
    },
  );
}
