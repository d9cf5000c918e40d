/**
 * Beheer: accounts and the access log. Only the beheerder (with a passed second factor) reaches
 * these; every change to an account is itself logged.
 */
import type { FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { readAudit, verifyAudit } from '../../audit/log.js';
import { auditCsv } from '../../app/auditCsv.js';
import { headerLang } from '../../domain/downloads.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { OK_SCHEMA, ok, problemAnswer } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { ROLES, ROLE_LABELS } from '../../app/access.js';
import { createUser, listUsers, setDisabled, type NewUser } from '../../app/auth/users.js';
import { notifyDataChange } from '../../store/notify.js';

export async function adminRoutes(api: FastifyInstance, ctx: AppContext, forgetPrincipals: () => void): Promise<void> {
  api.get(
    '/users',
    {
      config: { action: 'users' },
      schema: { response: { 200: ok(A.USERS) }, tags: ['beheer'], summary: 'Accounts met rol en scope' },
    },
    async () => ({ users: await listUsers(ctx.store), roles: ROLES.map((r) => ({ role: r, label: ROLE_LABELS[r] })) }),
  );

  api.post<{ Body: NewUser }>(
    '/users',
    {
      config: { action: 'users' },
      schema: {
        response: { 201: ok(A.USER_MADE, 'Aangemaakt'), 409: problemAnswer(409) },
        tags: ['beheer'],
        summary: 'Account aanmaken (geeft het TOTP-geheim terug voor rollen met persoonsgegevens)',
        body: {
          type: 'object',
          required: ['username', 'displayName', 'role', 'password', 'scopes'],
          additionalProperties: false,
          properties: {
            username: { type: 'string' },
            displayName: { type: 'string' },
            role: { type: 'string', enum: [...ROLES] },
            password: { type: 'string' },
            scopes: {
              type: 'array',
              items: {
                type: 'object',
                required: ['kind', 'key'],
                properties: { kind: { type: 'string' }, key: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      try {
        const made = await ctx.store.transaction((tx) => createUser(tx, req.body, ctx.key));
        await ctx.audit(req, {
          event: 'gebruiker_aangemaakt',
          outcome: 'ok',
          query: `${req.body.username} rol ${req.body.role} scope ${req.body.scopes.map((s) => `${s.kind}=${s.key}`).join(',')}`,
        });
        reply.status(201);
        return { username: req.body.username, totpSecret: made.totpSecret };
      } catch (err) {
        if (err instanceof ZodError)
          throw new UserError('ongeldig_account.velden', {
            issues: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          });
        throw err;
      }
    },
  );

  api.post<{ Params: { username: string }; Body: { disabled: boolean } }>(
    '/users/:username/disabled',
    {
      config: { action: 'users' },
      schema: {
        response: { 200: ok(OK_SCHEMA) },
        tags: ['beheer'],
        summary: 'Account uit- of inschakelen (uitschakelen beëindigt de sessies)',
        body: {
          type: 'object',
          required: ['disabled'],
          additionalProperties: false,
          properties: { disabled: { type: 'boolean' } },
        },
      },
    },
    async (req) => {
      if (req.params.username === req.principal!.username) throw new UserError('eigen_account');
      await setDisabled(ctx.store, req.params.username, req.body.disabled);
      forgetPrincipals();
      await notifyDataChange(ctx.store, { event: 'accounts', run: null }); // the other servers drop theirs
      await ctx.audit(req, {
        event: 'gebruiker_gewijzigd',
        outcome: 'ok',
        query: `${req.params.username} ${req.body.disabled ? 'uitgeschakeld' : 'ingeschakeld'}`,
      });
      return { ok: true };
    },
  );

  api.get<{
    Querystring: {
      username?: string;
      subject?: string;
      event?: string;
      limit?: number;
      format?: 'json' | 'csv';
      headers?: 'nl' | 'en';
    };
  }>(
    '/audit',
    {
      config: { action: 'audit' },
      schema: {
        response: {
          200: {
            ...ok(A.AUDIT_ENTRIES),
            content: { ...(ok(A.AUDIT_ENTRIES).content as object), [A.MEDIA_CSV]: { schema: { type: 'string' } } },
          },
        },
        tags: ['beheer'],
        summary: 'Toegangslog per gebruiker of pseudoniem; format=csv geeft de export voor de toegangsreview',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            username: { type: 'string', maxLength: 100 },
            subject: { type: 'string', maxLength: 100 },
            event: { type: 'string', maxLength: 40 },
            limit: { type: 'integer', minimum: 1, maximum: 10000 },
            format: { type: 'string', enum: ['json', 'csv'] },
            // the same columns in the same order; en: English snake_case headers, ',' and a decimal point
            headers: { type: 'string', enum: ['nl', 'en'] },
          },
        },
      },
    },
    async (req, reply) => {
      const { headers, ...query } = req.query;
      const entries = await readAudit(ctx.store, query);
      if (req.query.format === 'csv') {
        await ctx.audit(req, {
          event: 'auditlog_export',
          outcome: 'ok',
          query: `gebruiker=${req.query.username ?? '*'} pseudoniem=${req.query.subject ?? '*'}`,
        });
        const name = headers === 'en' ? 'toegangslog-en.csv' : 'toegangslog.csv';
        reply.header('content-disposition', `attachment; filename="${name}"`).type('text/csv; charset=utf-8');
        return auditCsv(entries, headerLang(headers));
      }
      return entries;
    },
  );

  api.get(
    '/audit/verify',
    {
      config: { action: 'audit' },
      schema: {
        response: { 200: ok(A.AUDIT_VERIFY) },
        tags: ['beheer'],
        summary: 'Controleer de hashketen van het toegangslog',
      },
    },
    async () => verifyAudit(ctx.store),
  );
}
