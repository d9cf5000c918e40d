/**
 * Vertellen: explanations (duiding) and stories (from clients or professionals, with consent)
 * attached to an indicator + scope + period. Stored with the value they were written about, so a
 * reader sees when the figure has since changed. Row-level security keeps other gemeenten's
 * stories out; roles outside the authorised circle (bestuur, aanbieder) see only stories marked
 * 'extern', which the author confirms contain no personal data.
 */
import type { FastifyInstance } from 'fastify';
import { findIndicator } from '../../indicators/catalogue.js';
import { withScope } from '../../store/sql.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { needsDisclosureControl, storeScope } from '../../app/access.js';
import { indicatorAllowed, parsePeriods, scopedGemeenten } from './indicators.js';
import { formatPeriod } from '../../domain/periods.js';
import type { Narrative } from '../apiTypes.js';

interface NarrativeRow {
  id: number;
  gemeente_code: string;
  indicator_id: string;
  period: string;
  scope_kind: string;
  scope_key: string | null;
  author: string;
  created_at: string | Date;
  body: string;
  // written by POST /api/v1/narratives: the figure and unit shown when the text was written, or null
  value_snapshot: Narrative['valueSnapshot'];
  visibility: Narrative['visibility']; // CHECK in migration 1
  source: Narrative['source']; // CHECK in migration 6
  consent: boolean;
}

// A story shown outside the circle must not name people: refuse the obvious identifiers outright.
const PERSONAL = [/\b\d{9}\b/, /\b\d{4}\s?[A-Z]{2}\b/, /@[a-z0-9.-]+\.[a-z]{2,}/i, /\b(0|\+31)[1-9][0-9 -]{8,}\b/];

export function personalDataHint(text: string): string | null {
  if (PERSONAL[0]!.test(text)) return 'een nummer van 9 cijfers (BSN?)';
  if (PERSONAL[1]!.test(text)) return 'een postcode';
  if (PERSONAL[2]!.test(text)) return 'een e-mailadres';
  if (PERSONAL[3]!.test(text)) return 'een telefoonnummer';
  return null;
}

const CACHE_MS = 15_000;

export async function narrativeRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  // Reads are cached briefly per user and query (the dashboard asks for the same stories on every
  // panel); a write on this server clears the cache, other servers see it within CACHE_MS. One cache
  // per app: two apps (two stores) in one process must never share answers.
  const cache = new Map<string, { at: number; rows: Promise<NarrativeRow[]> }>();
  api.get<{ Querystring: { indicator?: string; gemeente?: string; period?: string; q?: string; source?: string } }>(
    '/narratives',
    {
      config: { action: 'aggregates' },
      schema: {
        response: { 200: ok(A.NARRATIVES) },
        tags: ['vertellen'],
        summary: 'Duidingen en verhalen bij de cijfers (zoeken en filteren)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            indicator: { type: 'string', maxLength: 60 },
            gemeente: { type: 'string', maxLength: 400 },
            period: { type: 'string', maxLength: 120 },
            q: { type: 'string', maxLength: 100 },
            source: { type: 'string', enum: ['duiding', 'client', 'professional'] },
          },
        },
      },
    },
    async (req) => {
      const p = req.principal!;
      const gemeenten = await scopedGemeenten(req, ctx, req.query.gemeente);
      const where = ['gemeente_code = ANY($1)'];
      const params: unknown[] = [gemeenten];
      if (req.query.indicator) where.push(`indicator_id = $${params.push(req.query.indicator)}`);
      if (req.query.period)
        where.push(`period = ANY($${params.push(parsePeriods(req.query.period).map(formatPeriod))})`);
      if (req.query.q) where.push(`body ILIKE $${params.push(`%${req.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
      if (req.query.source) where.push(`source = $${params.push(req.query.source)}`);
      // a team manager reads the published notes and its own team's, not another team's or the gemeente's internal
      // ones (red team 11)
      if (p.role === 'teammanager')
        where.push(
          `(visibility = 'extern' OR (scope_kind = 'team' AND scope_key = $${params.push(p.team?.code ?? '-')}))`,
        );
      else if (needsDisclosureControl(p)) where.push("visibility = 'extern'");
      if (p.role === 'aanbieder') where.push(`(scope_kind <> 'aanbieder' OR scope_key = $${params.push(p.provider)})`);
      const key = `${p.userId}|${p.mfaPassed}|${JSON.stringify(params)}|${where.join(' AND ')}`;
      const hit = cache.get(key);
      let pending = hit && Date.now() - hit.at < CACHE_MS ? hit.rows : null;
      if (!pending) {
        pending = withScope(ctx.store, storeScope(p), (tx) =>
          tx.query<NarrativeRow>(
            `SELECT id::int AS id, gemeente_code, indicator_id, period, scope_kind, scope_key, author, created_at, body, value_snapshot, visibility, source, consent
           FROM narrative WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT 500`,
            params,
          ),
        );
        if (cache.size > 2000) cache.clear();
        cache.set(key, { at: Date.now(), rows: pending });
        pending.catch(() => cache.delete(key));
      }
      const rows = await pending;
      return rows
        .filter((r) => {
          const d = findIndicator(r.indicator_id)?.definition;
          return !d || indicatorAllowed(p, d);
        })
        .map((r): Narrative => ({
          id: r.id,
          gemeente: r.gemeente_code,
          indicator: r.indicator_id,
          period: r.period,
          scopeKind: r.scope_kind,
          scopeKey: r.scope_key,
          author: r.author,
          createdAt: new Date(r.created_at).toISOString(),
          body: r.body,
          valueSnapshot: r.value_snapshot,
          visibility: r.visibility,
          source: r.source,
          consent: r.consent,
        }));
    },
  );

  api.post<{
    Body: {
      indicator: string;
      gemeente: string;
      period: string;
      body: string;
      visibility: 'intern' | 'extern';
      source?: 'duiding' | 'client' | 'professional';
      consent?: boolean;
      scopeKind?: 'gemeente' | 'team' | 'aanbieder';
      scopeKey?: string;
    };
  }>(
    '/narratives',
    {
      config: { action: 'narrative_write', lens: true },
      schema: {
        response: { 201: ok(A.NARRATIVE_MADE, 'Vastgelegd') },
        tags: ['vertellen'],
        summary: 'Een duiding of verhaal toevoegen bij een indicator, gemeente en periode',
        body: {
          type: 'object',
          required: ['indicator', 'gemeente', 'period', 'body', 'visibility'],
          additionalProperties: false,
          properties: {
            indicator: { type: 'string', maxLength: 60 },
            gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
            period: { type: 'string', maxLength: 20 },
            body: { type: 'string', minLength: 3, maxLength: 5000 },
            visibility: { type: 'string', enum: ['intern', 'extern'] },
            source: { type: 'string', enum: ['duiding', 'client', 'professional'] },
            consent: { type: 'boolean' },
            scopeKind: { type: 'string', enum: ['gemeente', 'team', 'aanbieder'] },
            scopeKey: { type: 'string', maxLength: 40 },
          },
        },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const b = req.body;
      const ind = findIndicator(b.indicator);
      if (!ind) throw new UserError('onbekende_indicator', { id: b.indicator });
      if (!indicatorAllowed(p, ind.definition)) throw new UserError('geen_toegang.duiding');
      const [period] = parsePeriods(b.period);
      const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
      const source = b.source ?? 'duiding';
      if (source !== 'duiding' && !b.consent) {
        throw new UserError('toestemming_nodig');
      }
      const hint = personalDataHint(b.body);
      if (hint && b.visibility === 'extern') {
        throw new UserError('persoonsgegevens', { hint });
      }
      if (p.role === 'teammanager' && b.scopeKind !== 'team') throw new UserError('geen_toegang.eigen_team');
      // another team's name is refused, not replaced by the own one (red team 11 F7)
      if (p.role === 'teammanager' && b.scopeKey !== undefined && b.scopeKey !== p.team?.code)
        throw new UserError('geen_toegang.eigen_team');
      const scopeKind = b.scopeKind ?? 'gemeente';
      const scopeKey = p.role === 'teammanager' ? p.team!.code : (b.scopeKey ?? null);
      const [value] = (await ctx.lens.rows(ind.definition.id, [period!], [gemeente!], undefined)).filter(
        (r) => r.key === null,
      );
      const snapshot = value
        ? { value: value.value, numerator: value.numerator, denominator: value.denominator, unit: value.unit }
        : null;
      const [row] = await withScope(ctx.store, storeScope(p), (tx) =>
        tx.query<{ id: number; created_at: Date | string }>(
          `INSERT INTO narrative (gemeente_code, indicator_id, period, scope_kind, scope_key, author, body, value_snapshot, visibility, source, consent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::int AS id, created_at`,
          [
            gemeente,
            ind.definition.id,
            formatPeriod(period!),
            scopeKind,
            scopeKey,
            p.displayName,
            b.body,
            snapshot === null ? null : JSON.stringify(snapshot),
            b.visibility,
            source,
            Boolean(b.consent),
          ],
        ),
      );
      cache.clear();
      await ctx.audit(req, {
        event: 'duiding_toegevoegd',
        outcome: 'ok',
        query: `${ind.definition.id} ${gemeente} ${formatPeriod(period!)}`,
      });
      reply.status(201);
      return { id: row!.id, createdAt: new Date(row!.created_at).toISOString(), valueSnapshot: snapshot };
    },
  );
}
