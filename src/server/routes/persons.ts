/**
 * Person-level (pseudonymised) trajectories: for the analist within the gemeente scope, the
 * teammanager within the team and the aanbieder for its own clients only. Read from the truth
 * store under row-level security (withScope sets gemeente, provider and team), so even a bug in
 * this route cannot return another provider's or team's clients. Every read is logged with the
 * pseudonyms it returned; youths with a secret address never appear (privacy.md rule 7).
 */
import type { FastifyInstance } from 'fastify';
import { withScope } from '../../store/sql.js';
import { storeScope } from '../../app/access.js';
import { scopedGemeenten } from './indicators.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { sourcesOfTrajectory } from '../../ingest/lineage.js';

interface TrajectoryRow {
  gemeente_code: string;
  trajectory_id: string;
  youth_pseudonym: string;
  provider_agb: string | null;
  product_category: string;
  team_code: string | null;
  start_date: string | null;
  end_date: string | null;
  end_reason: string | null;
}

export async function personRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get<{ Querystring: { gemeente?: string; pseudonym?: string; open?: boolean; limit?: number } }>(
    '/trajecten',
    {
      config: { action: 'person_level', ownTeam: true }, // row-level security keeps a team manager to its team
      schema: {
        response: { 200: ok(A.TRAJECTORIES) },
        tags: ['persoonsniveau'],
        summary: 'Trajecten op persoonsniveau (gepseudonimiseerd), binnen uw scope; elke opvraging wordt gelogd',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            gemeente: { type: 'string', maxLength: 400 },
            pseudonym: { type: 'string', maxLength: 80 },
            open: { type: 'boolean' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const where = ['t.gemeente_code = ANY($1)', 'NOT t.withdrawn', 'NOT coalesce(y.secret_address, false)'];
      const params: unknown[] = [gemeenten];
      if (req.query.pseudonym) where.push(`t.youth_pseudonym = $${params.push(req.query.pseudonym)}`);
      if (req.query.open) where.push('t.end_date IS NULL');
      const rows = await withScope(ctx.store, storeScope(p), (tx) =>
        tx.query<TrajectoryRow>(
          `SELECT t.gemeente_code, t.trajectory_id, t.youth_pseudonym, t.provider_agb, t.product_category, t.team_code,
              to_char(t.start_date, 'YYYY-MM-DD') AS start_date, to_char(t.end_date, 'YYYY-MM-DD') AS end_date, t.end_reason
         FROM trajectory t LEFT JOIN youth y ON y.gemeente_code = t.gemeente_code AND y.pseudonym = t.youth_pseudonym
        WHERE ${where.join(' AND ')}
        ORDER BY t.start_date DESC NULLS LAST, t.trajectory_id LIMIT ${req.query.limit ?? 100}`,
          params,
        ),
      );
      await ctx.audit(req, {
        event: req.query.pseudonym ? 'zoeken_persoonsgegevens' : 'lezen_persoonsgegevens',
        outcome: 'ok',
        subjects: [...new Set(rows.map((r) => r.youth_pseudonym))],
        purpose: 'sturing (Jeugdwet 7.4.4)',
        query: `trajecten ${gemeenten.join(',')}${req.query.pseudonym ? ` pseudoniem ${req.query.pseudonym}` : ''}${req.query.open ? ' lopend' : ''}`,
      });
      return rows.map((r) => ({
        gemeente: r.gemeente_code,
        trajectory: r.trajectory_id,
        youth: r.youth_pseudonym,
        provider: r.provider_agb,
        productCategory: r.product_category,
        team: r.team_code,
        start: r.start_date,
        end: r.end_date,
        endReason: r.end_reason,
      }));
    },
  );

  // Lineage of one trajectory: which import runs, files and iJw messages it was made of. Read under
  // the same row-level security, so a trajectory outside the user's provider or team is simply not there.
  api.get<{ Params: { gemeente: string; traject: string } }>(
    '/trajecten/:gemeente/:traject/bronnen',
    {
      config: { action: 'person_level', ownTeam: true },
      schema: {
        response: { 200: ok(A.TRAJECTORY_SOURCES) },
        tags: ['persoonsniveau'],
        summary:
          'Herkomst van één traject: de inleesruns, bestanden en iJw-berichten waaruit het komt; de opvraging wordt gelogd',
        params: {
          type: 'object',
          required: ['gemeente', 'traject'],
          properties: {
            gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
            traject: { type: 'string', minLength: 1, maxLength: 80 },
          },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const { gemeente, traject } = req.params;
      await scopedGemeenten(req, ctx, gemeente);
      const found = await withScope(ctx.store, storeScope(p), (tx) => sourcesOfTrajectory(tx, gemeente, traject));
      if (!found || found.secretAddress) {
        // Probing ids outside one's team or provider (or ids that do not exist) must leave a trace; the
        // answer stays the same 404 so it does not tell "exists elsewhere" from "does not exist".
        await ctx.audit(req, {
          event: 'toegang_geweigerd',
          outcome: 'geweigerd',
          purpose: 'herkomst van een traject',
          query: `bronnen traject ${gemeente}/${traject} niet gevonden`,
        });
        throw new UserError('onbekend_traject', { gemeente, traject });
      }
      await ctx.audit(req, {
        event: 'lezen_persoonsgegevens',
        outcome: 'ok',
        subjects: [found.youth],
        purpose: 'herkomst van een traject',
        query: `bronnen traject ${gemeente}/${traject}`,
      });
      return { gemeente, trajectory: traject, youth: found.youth, sources: found.sources };
    },
  );
}
