/**
 * Vertellen: explanations (duiding) and stories (from clients or professionals, with consent)
 * attached to an indicator + scope + period, or about a provider, a product or a theme (issue 20: the Vertelpunt,
 * stories beyond one figure; domain/storySubjects.ts). Stored with the value they were written about, so a
 * reader sees when the figure has since changed. Row-level security keeps other gemeenten's
 * stories out; roles outside the authorised circle (bestuur, aanbieder) see only stories marked
 * 'extern', which the author confirms contain no personal data.
 */
import { bsnLikeRuns } from '../../domain/bsn.js';
import type { FastifyInstance } from 'fastify';
import { findIndicator } from '../../indicators/catalogue.js';
import { withScope } from '../../store/sql.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { needsDisclosureControl, storeScope, type Principal } from '../../app/access.js';
import { indicatorAllowed, parsePeriods, scopedGemeenten } from './indicators.js';
import { formatPeriod, parsePeriod, periodLabelNl } from '../../domain/periods.js';
import type { Narrative } from '../apiTypes.js';
import { personalDataHint } from '../../domain/personalData.js';
import { checkSubjectKey, STORY_SUBJECTS, subjectWords, type StorySubject } from '../../domain/storySubjects.js';

interface NarrativeRow {
  id: number;
  gemeente_code: string;
  indicator_id: string | null;
  period: string | null;
  subject_kind: StorySubject;
  subject_key: string | null;
  provider_name: string | null;
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

const CACHE_MS = 15_000;

export async function narrativeRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  // Reads are cached briefly per user and query (the dashboard asks for the same stories on every
  // panel); a write on this server clears the cache, other servers see it within CACHE_MS. One cache
  // per app: two apps (two stores) in one process must never share answers.
  const cache = new Map<string, { at: number; rows: Promise<NarrativeRow[]> }>();
  api.get<{
    Querystring: {
      indicator?: string;
      gemeente?: string;
      period?: string;
      q?: string;
      source?: string;
      onderwerp?: StorySubject;
      sleutel?: string;
    };
  }>(
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
            onderwerp: { type: 'string', enum: [...STORY_SUBJECTS] },
            sleutel: { type: 'string', maxLength: 60 },
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
      if (req.query.onderwerp) where.push(`subject_kind = $${params.push(req.query.onderwerp)}`);
      if (req.query.sleutel) where.push(`lower(subject_key) = lower($${params.push(req.query.sleutel.trim())})`);
      // a team manager reads the published notes and its own team's, not another team's or the gemeente's internal
      // ones (red team 11)
      if (p.role === 'teammanager')
        where.push(
          `(visibility = 'extern' OR (scope_kind = 'team' AND scope_key = $${params.push(p.team?.code ?? '-')}))`,
        );
      // and never a team's story, even one released before that was refused
      else if (needsDisclosureControl(p)) where.push("visibility = 'extern' AND scope_kind <> 'team'");
      // a provider reads what is about itself, never what the gemeente wrote about another provider
      if (p.role === 'aanbieder') {
        const own = params.push(p.provider);
        where.push(`(scope_kind <> 'aanbieder' OR scope_key = $${own})`);
        where.push(`(subject_kind <> 'aanbieder' OR subject_key = $${own})`);
      }
      const key = `${p.userId}|${p.mfaPassed}|${JSON.stringify(params)}|${where.join(' AND ')}`;
      const hit = cache.get(key);
      let pending = hit && Date.now() - hit.at < CACHE_MS ? hit.rows : null;
      if (!pending) {
        pending = withScope(ctx.store, storeScope(p), (tx) =>
          tx.query<NarrativeRow>(
            // provider has no column named as narrative's (agb, name, size_class): the filters stay unqualified
            `SELECT narrative.id::int AS id, gemeente_code, indicator_id, period, subject_kind, subject_key,
               pr.name AS provider_name, scope_kind, scope_key, author, created_at, body, value_snapshot, visibility,
               source, consent
           FROM narrative LEFT JOIN provider pr ON subject_kind = 'aanbieder' AND pr.agb = subject_key
           WHERE ${where.join(' AND ')} ORDER BY created_at DESC, narrative.id DESC LIMIT 500`,
            params,
          ),
        );
        if (cache.size > 2000) cache.clear();
        cache.set(key, { at: Date.now(), rows: pending });
        pending.catch(() => cache.delete(key));
      }
      const rows = await shownSnapshots(p, await pending);
      return rows
        .filter((r) => {
          const d = r.indicator_id === null ? undefined : findIndicator(r.indicator_id)?.definition;
          return !d || indicatorAllowed(p, d);
        })
        .map((r): Narrative => ({
          id: r.id,
          gemeente: r.gemeente_code,
          indicator: r.indicator_id,
          period: r.period,
          periodLabel: r.period === null ? null : periodLabelNl(parsePeriod(r.period)),
          subjectKind: r.subject_kind,
          subjectKey: r.subject_key,
          subjectLabel:
            r.subject_kind === 'indicator' || r.subject_key === null
              ? null
              : subjectWords(r.subject_kind, r.subject_key, r.provider_name),
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

  /**
   * A stored snapshot is the figure as it was when the note was written, exact. For a reader under disclosure control
   * it is shown only when the figure's published version is not hidden now, for this reader: a team manager's
   * gemeente amounts are hidden where the rest of its gemeente holds 1–9 youths (indicators/reader.ts), which the
   * snapshot, stored once for every reader, does not know (red team 34: 29.300 − the team's own 20.000).
   */
  const shownSnapshots = async (p: Principal, rows: readonly NarrativeRow[]): Promise<NarrativeRow[]> => {
    if (!needsDisclosureControl(p)) return [...rows];
    const out: NarrativeRow[] = [];
    for (const r of rows) {
      if (r.value_snapshot === null || r.indicator_id === null || r.period === null || !findIndicator(r.indicator_id)) {
        out.push(r);
        continue;
      }
      const now = (await ctx.lens.rows(r.indicator_id, [parsePeriod(r.period)], [r.gemeente_code], undefined)).find(
        (x) => x.key === null,
      );
      out.push(now === undefined || now.hiddenWhenPublished ? { ...r, value_snapshot: null } : r);
    }
    return out;
  };

  api.post<{
    Body: {
      indicator?: string;
      gemeente: string;
      period?: string;
      subject?: Exclude<StorySubject, 'indicator'>;
      subjectKey?: string;
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
        summary:
          'Een duiding of verhaal toevoegen: bij een indicator en periode, of over een aanbieder, product of thema',
        body: {
          type: 'object',
          required: ['gemeente', 'body', 'visibility'],
          additionalProperties: false,
          properties: {
            indicator: { type: 'string', maxLength: 60 },
            gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
            period: { type: 'string', maxLength: 20 },
            subject: { type: 'string', enum: ['aanbieder', 'product', 'thema'] },
            subjectKey: { type: 'string', maxLength: 80 },
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
      // a figure in a period, or a provider, product or theme (with a period or without): one of the two, whole
      const subject: StorySubject = b.subject ?? 'indicator';
      if (
        subject === 'indicator' &&
        (b.indicator === undefined || b.period === undefined || b.subjectKey !== undefined)
      )
        throw new UserError('verhaal_onderwerp', {
          nl: 'een indicator met een periode, of een aanbieder, product of thema (onderwerp en sleutel)',
          en: 'an indicator with a period, or a provider, product or theme (subject and key)',
        });
      if (subject !== 'indicator' && (b.indicator !== undefined || b.subjectKey === undefined))
        throw new UserError('verhaal_onderwerp', {
          nl: `bij onderwerp ${subject} een sleutel en geen indicator`,
          en: `with subject ${subject} a key and no indicator`,
        });
      const ind = subject === 'indicator' ? findIndicator(b.indicator!) : undefined;
      if (subject === 'indicator' && !ind) throw new UserError('onbekende_indicator', { id: b.indicator! });
      if (ind && !indicatorAllowed(p, ind.definition)) throw new UserError('geen_toegang.duiding');
      const checked = subject === 'indicator' ? null : checkSubjectKey(subject, b.subjectKey!);
      if (checked && !checked.ok) throw new UserError('verhaal_onderwerp', { nl: checked.nl, en: checked.en });
      const subjectKey = checked?.ok ? checked.key : null;
      const [period] = b.period === undefined ? [undefined] : parsePeriods(b.period);
      const [gemeente] = await scopedGemeenten(req, ctx, b.gemeente);
      const source = b.source ?? 'duiding';
      if (source !== 'duiding' && !b.consent) {
        throw new UserError('toestemming_nodig');
      }
      // a theme is shown beside the story: on an external one it must not name a person either
      const hint =
        personalDataHint(b.body) ??
        (subject === 'thema' && b.subjectKey ? personalDataHint(b.subjectKey, { theme: true }) : null);
      if (hint && b.visibility === 'extern') {
        throw new UserError('persoonsgegevens', { hint });
      }
      // a number that may be a BSN is never stored, also not in an internal note (privacy.md rule 1; red team 34)
      if ([b.body, b.subjectKey ?? ''].some((t) => bsnLikeRuns(t).length > 0))
        throw new UserError('persoonsgegevens.bsn');
      // team content is for internal steering only: a team's story is never published (red team 34)
      if (b.scopeKind === 'team' && b.visibility === 'extern') throw new UserError('team_verhaal_intern');
      if (p.role === 'teammanager' && b.scopeKind !== 'team') throw new UserError('geen_toegang.eigen_team');
      // another team's name is refused, not replaced by the own one (red team 11 F7)
      if (p.role === 'teammanager' && b.scopeKey !== undefined && b.scopeKey !== p.team?.code)
        throw new UserError('geen_toegang.eigen_team');
      // a story scoped to one provider is about that provider, if about one at all (red team 32: scoped to C, about B)
      if (
        subject === 'aanbieder' &&
        b.scopeKind === 'aanbieder' &&
        b.scopeKey !== undefined &&
        b.scopeKey !== subjectKey
      )
        throw new UserError('verhaal_onderwerp', {
          nl: `een verhaal bij aanbieder ${b.scopeKey} gaat over die aanbieder, niet over ${subjectKey}`,
          en: `a story scoped to provider ${b.scopeKey} is about that provider, not about ${subjectKey}`,
        });
      const scopeKind = b.scopeKind ?? 'gemeente';
      // a story for the whole gemeente names no team or provider: a key there would look like a team's (red team 35)
      if (scopeKind === 'gemeente' && b.scopeKey !== undefined && p.role !== 'teammanager')
        throw new UserError('verhaal_onderwerp', {
          nl: 'een verhaal voor de hele gemeente zonder scopeKey (die hoort bij een team, aanbieder of regio)',
          en: 'a story for the whole gemeente without scopeKey (that belongs to a team, provider or regio)',
        });
      const scopeKey = p.role === 'teammanager' ? p.team!.code : (b.scopeKey ?? null);
      const [value] = ind
        ? (await ctx.lens.rows(ind.definition.id, [period!], [gemeente!], undefined)).filter((r) => r.key === null)
        : [];
      const snapshot = value
        ? { value: value.value, numerator: value.numerator, denominator: value.denominator, unit: value.unit }
        : null;
      const [row] = await withScope(ctx.store, storeScope(p), async (tx) => {
        // a team the gemeente does not have is a typing error: its story would never reach a team (red team 33)
        if (
          scopeKind === 'team' &&
          scopeKey !== null &&
          (await tx.query('SELECT 1 FROM team WHERE gemeente_code = $1 AND code = $2', [gemeente, scopeKey])).length ===
            0
        )
          throw new UserError('onbekend_team', { team: scopeKey, gemeente: gemeente! });
        // a provider the data do not know is a typing error, not a subject (its name would never show)
        if (
          subject === 'aanbieder' &&
          (await tx.query('SELECT 1 FROM provider WHERE agb = $1', [subjectKey])).length === 0
        )
          throw new UserError('verhaal_onderwerp', {
            nl: `een aanbieder uit de gegevens; ${subjectKey} komt er niet in voor`,
            en: `a provider in the data; ${subjectKey} is not in them`,
          });
        return tx.query<{ id: number; created_at: Date | string }>(
          `INSERT INTO narrative (gemeente_code, indicator_id, period, subject_kind, subject_key, scope_kind, scope_key,
             author, body, value_snapshot, visibility, source, consent)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id::int AS id, created_at`,
          [
            gemeente,
            ind?.definition.id ?? null,
            period === undefined ? null : formatPeriod(period),
            subject,
            subjectKey,
            scopeKind,
            scopeKey,
            p.displayName,
            b.body,
            snapshot === null ? null : JSON.stringify(snapshot),
            b.visibility,
            source,
            Boolean(b.consent),
          ],
        );
      });
      cache.clear();
      await ctx.audit(req, {
        event: 'duiding_toegevoegd',
        outcome: 'ok',
        query: `${ind?.definition.id ?? `${subject}:${subjectKey}`} ${gemeente} ${period ? formatPeriod(period) : '-'}`,
      });
      reply.status(201);
      // the figure as this writer may see it: hidden when its published version is (a team manager's gemeente cost gave
      // the other teams' back through its own note's snapshot, red team 34)
      const shown = needsDisclosureControl(p) && value?.hiddenWhenPublished ? null : snapshot;
      return { id: row!.id, createdAt: new Date(row!.created_at).toISOString(), valueSnapshot: shown };
    },
  );
}
