/**
 * Service tokens on the Beheer side (issue 17.4): list, issue, revoke. Only a beheerder with a session
 * reaches these (permission `users`, which a token never carries: access.ts NOT_BY_TOKEN). Paths are
 * relative: app.ts registers this file under the API prefix. The secret is in the answer to the POST once
 * and nowhere else; issuing and revoking are in the access log, with the reason for a token that sees
 * person-level data.
 */
import type { FastifyInstance } from 'fastify';
import { OK_SCHEMA, arrayOf, int, obj, ok, problemAnswer, str, strOrNull } from '../apiSchema.js';
import type { AppContext } from '../context.js';
import { ROLES, type Role } from '../../app/access.js';
import type { ScopeAssignment } from '../../app/auth/users.js';
import {
  MAX_DAYS,
  createServiceToken,
  listServiceTokens,
  needsPersonLevelDecision,
  revokeServiceToken,
  scopesText,
} from '../../app/auth/serviceTokens.js';

interface NewTokenBody {
  name: string;
  role: Role;
  scopes: ScopeAssignment[];
  expiresAt: string;
  personLevelData?: boolean;
  reason?: string;
}

/** How a token's scopes read in the access log and the CLI: `gemeente=9001,regio=R`. */

const SCOPE = obj({ kind: { type: 'string', enum: ['regio', 'gemeente', 'team', 'aanbieder'] }, key: str });

export async function tokenRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get(
    '/tokens',
    {
      config: { action: 'users' },
      schema: {
        tags: ['beheer'],
        summary: 'Servicetokens (zonder geheim): naam, rol, scope, vervaldatum, status',
        response: {
          200: ok(
            obj({
              tokens: arrayOf(
                obj({
                  name: str,
                  role: { type: 'string', enum: [...ROLES] },
                  scopes: arrayOf(SCOPE),
                  personLevelReason: strOrNull,
                  createdAt: str,
                  createdBy: str,
                  expiresAt: str,
                  revokedAt: strOrNull,
                  revokedBy: strOrNull,
                  lastUsedAt: strOrNull,
                  status: { type: 'string', enum: ['actief', 'verlopen', 'ingetrokken'] },
                }),
              ),
              maxDays: int,
            }),
          ),
        },
      },
    },
    async () => ({ tokens: await listServiceTokens(ctx.store, ctx.now()), maxDays: MAX_DAYS }),
  );

  api.post<{ Body: NewTokenBody }>(
    '/tokens',
    {
      config: { action: 'users' },
      schema: {
        tags: ['beheer'],
        summary: `Servicetoken uitgeven (het geheim staat één keer in het antwoord; hoogstens ${MAX_DAYS} dagen geldig)`,
        body: {
          type: 'object',
          required: ['name', 'role', 'scopes', 'expiresAt'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: 40 },
            role: { type: 'string', enum: [...ROLES] },
            scopes: {
              type: 'array',
              minItems: 1,
              maxItems: 20,
              items: {
                type: 'object',
                required: ['kind', 'key'],
                additionalProperties: false,
                properties: {
                  kind: { type: 'string', enum: ['regio', 'gemeente', 'team', 'aanbieder'] },
                  key: { type: 'string', minLength: 1, maxLength: 40 },
                },
              },
            },
            expiresAt: { type: 'string', maxLength: 40, description: 'JJJJ-MM-DD of ISO 8601-tijdstip' },
            personLevelData: { type: 'boolean', description: 'expliciet besluit: rol met persoonsgegevens' },
            reason: { type: 'string', maxLength: 500, description: 'reden van dat besluit (komt in het toegangslog)' },
          },
        },
        response: {
          201: ok(
            obj({ name: str, token: str, expiresAt: str }),
            'Uitgegeven: het geheim staat alleen in dit antwoord',
          ),
          409: problemAnswer(409),
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const now = ctx.now();
      const made = await ctx.store.transaction((tx) =>
        createServiceToken(
          tx,
          {
            name: b.name,
            role: b.role,
            scopes: b.scopes,
            expiresAt: expiryOf(b.expiresAt),
            personLevelData: b.personLevelData,
            reason: b.reason,
            createdBy: req.principal!.username,
          },
          now,
        ),
      );
      const personLevel = needsPersonLevelDecision(b.role);
      await ctx.audit(req, {
        event: 'token_aangemaakt',
        outcome: 'ok',
        query: `token ${b.name} rol ${b.role} scope ${scopesText(b.scopes)} verloopt ${expiryOf(b.expiresAt).toISOString()}${personLevel ? ' persoonsgegevens: ja (expliciet besluit)' : ''}`,
        purpose: personLevel ? (b.reason ?? '').trim() : null,
      });
      reply.status(201);
      return { name: b.name, token: made.token, expiresAt: expiryOf(b.expiresAt).toISOString() };
    },
  );

  api.delete<{ Params: { name: string } }>(
    '/tokens/:name',
    {
      config: { action: 'users' },
      schema: {
        tags: ['beheer'],
        summary: 'Servicetoken intrekken (werkt direct; de naam blijft bewaard en wordt niet hergebruikt)',
        params: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', maxLength: 40 } },
        },
        response: { 200: ok(OK_SCHEMA) },
      },
    },
    async (req) => {
      await revokeServiceToken(ctx.store, req.params.name, req.principal!.username, ctx.now());
      await ctx.audit(req, { event: 'token_ingetrokken', outcome: 'ok', query: `token ${req.params.name}` });
      return { ok: true };
    },
  );
}

/**
 * The expiry asked for, or an invalid date when its calendar day does not exist: \`new Date('2027-02-30')\` is 2 March,
 * and a token silently got another expiry than the one typed (red team 33). An invalid date is refused with the
 * expiry's own message (app/auth/serviceTokens.ts).
 */
function expiryOf(text: string): Date {
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
  const d = new Date(text);
  if (
    day !== undefined &&
    !Number.isNaN(d.getTime()) &&
    new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
  )
    return new Date(Number.NaN);
  return d;
}
