/**
 * Log in, log out, who am I. Login answers the same for an unknown user and a wrong password
 * (and spends the same argon2 time on both), slows a name after repeated failures from one
 * address (backoff.ts, the same for unknown names), and asks for the TOTP code only after the
 * password is right; a code is used once, also when sent several times at once.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { OK_SCHEMA, ok, problemAnswer, redirectAnswer } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';
import { can, mfaRequired, needsDisclosureControl, ROLE_LABELS, type Action } from '../../app/access.js';
import { decoyHash, verifyPassword } from '../../app/auth/password.js';
import { matchTotp } from '../../app/auth/totp.js';
import { SESSION_COOKIE, createSession, endSession, IDLE_MINUTES, ABSOLUTE_HOURS } from '../auth/sessions.js';
import { claimTotpStep, findUser, loadPrincipal, recordSuccess } from '../../app/auth/users.js';
import { isSealedTotp, openTotp, sealTotp } from '../../app/auth/totpSeal.js';
import { LoginBackoff } from '../auth/backoff.js';
import { hadSecondFactor, newAttempt, OidcError, openAttempt, sealAttempt } from '../auth/oidc.js';
import { randomBytes } from 'node:crypto';
import type { Me } from '../apiTypes.js';
import { API_PREFIX } from '../apiSchema.js';
import { notifyDataChange } from '../../store/notify.js';

const OIDC_COOKIE = 'zicht_oidc';

const ACTIONS: readonly Action[] = [
  'aggregates',
  'money',
  'person_level',
  'narrative_write',
  'import',
  'users',
  'audit',
  'contracts',
  'register',
  'social_map_write',
  'evaluations',
];

// one answer for every failed log-in, whoever the name is (red team 26: "code needed" told a name with a second
// factor apart from an unknown one, and from a name without; no account list, no role list)
const WRONG = new UserError('onjuiste_inlog');
const tooMany = (s: number, first = '', firstEn = '') =>
  new UserError('te_veel_pogingen', { seconds: s, first, firstEn });

export async function authRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  const backoff = new LoginBackoff();
  api.post<{ Body: { username: string; password: string; code?: string } }>(
    '/login',
    {
      config: { action: 'public', rateLimit: { max: ctx.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        response: { 200: ok(A.LOGIN), 401: problemAnswer(401) },
        tags: ['inloggen'],
        summary: 'Inloggen met wachtwoord (en TOTP-code voor rollen met persoonsgegevens)',
        security: [],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', maxLength: 100 },
            password: { type: 'string', maxLength: 200 },
            code: { type: 'string', maxLength: 10 },
          },
        },
      },
    },
    async (req, reply) => {
      const { username, password, code } = req.body;
      const now = ctx.now();
      const typed = username.trim().toLowerCase();
      const wait = backoff.waitSeconds(typed, req.ip, now.getTime());
      const user = await findUser(ctx.store, typed);
      const who = user ? { username: user.username, role: user.role } : { username: null };
      if (wait > 0) {
        // the same answer for an unknown name: the back-off is per typed name and address, not per account
        const query = 'wacht na mislukte pogingen vanaf dit adres';
        await ctx.audit(req, { ...who, event: 'login_mislukt', outcome: 'geweigerd', query });
        throw tooMany(wait);
      }
      const failed = async (event: 'login_mislukt' | 'mfa_mislukt', why: string, error: UserError): Promise<never> => {
        const started = backoff.fail(typed, req.ip, now.getTime());
        const query = started > 0 ? `${why}; ${started} s wachten vanaf dit adres` : why;
        await ctx.audit(req, { ...who, event, outcome: 'mislukt', query });
        // the failure that starts a wait says so and for how long (it answered like every other wrong password,
        // and the wait only showed on the next try); the same for an unknown name
        if (started > 0) throw tooMany(started, `${error.nl} `, `${error.en} `);
        throw error;
      };
      if (!user) {
        await verifyPassword(password, await decoyHash());
        return failed('login_mislukt', 'onbekende gebruikersnaam', WRONG);
      }
      if (user.disabled) {
        await verifyPassword(password, await decoyHash());
        await ctx.audit(req, { ...who, event: 'login_mislukt', outcome: 'geweigerd', query: 'account uitgeschakeld' });
        throw WRONG;
      }
      const passwordOk = await verifyPassword(password, user.password_hash);
      let step: number | null = null;
      if (user.totp_secret && mfaRequired(user.role)) {
        // With a second factor the password is never judged on its own (red team 15: a right password answered
        // "code needed", a wrong one "wrong password", so passwords could be guessed without the phone). Without a
        // code every password fails alike and counts as a failure, as an unknown name's does, so neither the answer
        // nor the wait tells this name from another (red team 26); with one, a wrong password and a wrong code
        // get that same answer too.
        if (!code) return failed('login_mislukt', 'zonder code (wachtwoord niet beoordeeld)', WRONG);
        if (!passwordOk) return failed('login_mislukt', 'onjuist wachtwoord (met code)', WRONG);
        const secret = openTotp(ctx.key, user.totp_secret, user.username);
        step = matchTotp(secret, code.trim(), now.getTime(), user.totp_last_step);
        // the step is claimed atomically: of several log-ins racing with one code, one wins
        if (step === null || !(await claimTotpStep(ctx.store, user.id, step))) {
          return failed('mfa_mislukt', 'onjuiste of al gebruikte code', WRONG);
        }
        // a secret stored before sealing existed is sealed on its first use
        if (!isSealedTotp(user.totp_secret)) {
          await ctx.store.query('UPDATE app_user SET totp_secret = $2 WHERE id = $1 AND totp_secret = $3', [
            user.id,
            sealTotp(ctx.key, secret, user.username),
            user.totp_secret,
          ]);
        }
      }
      if (!passwordOk) return failed('login_mislukt', 'onjuist wachtwoord', WRONG);
      backoff.succeed(typed, req.ip);
      await recordSuccess(ctx.store, user.id, null);
      const token = await createSession(ctx.store, user.id, step !== null, req.ip, now);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies,
        maxAge: ABSOLUTE_HOURS * 3600,
      });
      await ctx.audit(req, {
        ...who,
        event: 'login',
        outcome: 'ok',
        query: step !== null ? 'met tweede factor' : 'zonder tweede factor',
      });
      return { ok: true, idleMinutes: IDLE_MINUTES };
    },
  );

  // OpenID Connect: only when configured (ZICHT_OIDC_*); the account must exist in Zicht
  api.get(
    '/oidc/config',
    {
      config: { action: 'public' },
      schema: {
        response: { 200: ok(A.OIDC_CONFIG) },
        tags: ['inloggen'],
        summary: 'Is inloggen via de eigen identiteitsprovider (OpenID Connect) ingesteld?',
        security: [],
      },
    },
    async () => ({ enabled: ctx.oidc !== null, label: ctx.oidc?.config.label ?? null }),
  );

  // the attempt itself travels sealed in its cookie (any server of the installation can finish it); each server
  // remembers the attempts it finished, so one cookie works once here (elsewhere the identity provider refuses a
  // second use of its code)
  const finished = new Map<string, number>();
  const ATTEMPT_MS = 10 * 60_000;
  api.get(
    '/oidc/login',
    {
      config: { action: 'public', rateLimit: { max: ctx.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        response: { 302: redirectAnswer('Door naar de identiteitsprovider'), 404: problemAnswer(404) },
        tags: ['inloggen'],
        summary: 'Inloggen via de eigen identiteitsprovider: doorsturen',
        security: [],
      },
    },
    async (_req, reply) => {
      if (!ctx.oidc) throw new UserError('geen_oidc');
      const now = ctx.now().getTime();
      const a = newAttempt();
      const id = randomBytes(18).toString('base64url');
      const sealed = sealAttempt(ctx.key, { id, state: a.state, nonce: a.nonce, verifier: a.verifier, at: now });
      // Lax, not Strict: the way back from the identity provider is a cross-site navigation
      reply.setCookie(OIDC_COOKIE, sealed, {
        path: `${API_PREFIX}/oidc`,
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.secureCookies,
        maxAge: ATTEMPT_MS / 1000,
      });
      return reply.redirect(await ctx.oidc.authorizationUrl(a));
    },
  );

  api.get<{ Querystring: { code?: string; state?: string; error?: string } }>(
    '/oidc/callback',
    {
      config: { action: 'public', rateLimit: { max: ctx.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        response: {
          302: redirectAnswer('Terug naar de web-app (ingelogd, of met de reden van weigering)'),
          404: problemAnswer(404),
        },
        tags: ['inloggen'],
        summary: 'Terugkeer van de identiteitsprovider',
        security: [],
        querystring: {
          type: 'object',
          properties: {
            code: { type: 'string', maxLength: 2000 },
            state: { type: 'string', maxLength: 200 },
            // OpenID Connect also sends error_description (not camelCase, NL API Design Rules): not read, not listed
            error: { type: 'string', maxLength: 200 },
          },
          // the provider adds parameters of its own (session_state, iss, …): not read, not refused
          additionalProperties: true,
        },
      },
    },
    async (req, reply) => {
      if (!ctx.oidc) throw new UserError('geen_oidc');
      // a person arrives here in the browser: a refusal goes back to the log-in page, which shows why
      const refuse = async (nl: string, username: string | null = null, role: string | null = null) => {
        await ctx.audit(req, {
          event: 'login_mislukt',
          outcome: 'geweigerd',
          username,
          role,
          query: `OpenID Connect: ${nl}`,
        });
        return reply.redirect(
          `/overzicht?inlogfout=${encodeURIComponent(`Inloggen via de identiteitsprovider is niet gelukt: ${nl}.`)}`,
        );
      };
      const value = req.cookies[OIDC_COOKIE];
      const opened = value ? openAttempt(ctx.key, value) : null;
      const nowMs = ctx.now().getTime();
      for (const [k, at] of finished) if (nowMs - at > ATTEMPT_MS) finished.delete(k);
      // one use only
      const attempt = opened && !finished.has(opened.id) ? opened : undefined;
      if (opened) finished.set(opened.id, opened.at);
      reply.clearCookie(OIDC_COOKIE, { path: `${API_PREFIX}/oidc` });
      if (req.query.error) return refuse(`de identiteitsprovider meldt ${req.query.error}`);
      if (
        !attempt ||
        !req.query.code ||
        req.query.state !== attempt.state ||
        ctx.now().getTime() - attempt.at > ATTEMPT_MS
      ) {
        return refuse('deze terugkeer hoort niet bij een inlogpoging van deze browser (of is verlopen)');
      }
      let claims;
      try {
        claims = await ctx.oidc.finish(req.query.code, attempt.verifier, attempt.nonce, ctx.now());
      } catch (err) {
        if (err instanceof OidcError) return refuse(err.nl);
        throw err;
      }
      const name = claims[ctx.oidc.config.usernameClaim];
      if (typeof name !== 'string' || !name.trim())
        return refuse(`het ID-token heeft geen ${ctx.oidc.config.usernameClaim}`);
      const user = await findUser(ctx.store, name.trim().toLowerCase());
      if (!user) return refuse(`er is in Zicht geen account '${name}'; vraag de beheerder`);
      if (user.disabled) return refuse('account uitgeschakeld', user.username, user.role);
      const mfa = hadSecondFactor(claims);
      if (mfaRequired(user.role) && !mfa) {
        return refuse(
          `de identiteitsprovider meldt geen tweede factor, en die is voor de rol ${user.role} verplicht`,
          user.username,
          user.role,
        );
      }
      await recordSuccess(ctx.store, user.id, null);
      const token = await createSession(ctx.store, user.id, mfa, req.ip, ctx.now());
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies,
        maxAge: ABSOLUTE_HOURS * 3600,
      });
      await ctx.audit(req, {
        username: user.username,
        role: user.role,
        event: 'login',
        outcome: 'ok',
        query: `via OpenID Connect${mfa ? ', met tweede factor' : ''}`,
      });
      return reply.redirect('/overzicht');
    },
  );

  api.post(
    '/logout',
    {
      config: { action: 'session' },
      schema: { response: { 200: ok(OK_SCHEMA) }, tags: ['inloggen'], summary: 'Uitloggen' },
    },
    async (req, reply) => {
      if (req.sessionHash) {
        await endSession(ctx.store, req.sessionHash);
        ctx.forgetSession(req.sessionHash);
        await notifyDataChange(ctx.store, { event: 'accounts', run: null }); // the other servers forget it too
      }
      await ctx.audit(req, { event: 'logout', outcome: 'ok' });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  api.get(
    '/me',
    {
      config: { action: 'session' },
      schema: { response: { 200: ok(A.ME) }, tags: ['inloggen'], summary: 'Wie ben ik, wat mag ik' },
    },
    async (req): Promise<Me> => {
      const p = req.principal!;
      const fresh = await loadPrincipal(ctx.store, p.userId, p.mfaPassed);
      const names = await ctx.store.query<{ code: string; name: string; demo: boolean }>(
        'SELECT code, name, demo FROM gemeente WHERE code = ANY($1) ORDER BY name',
        [[...p.gemeenten]],
      );
      return {
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        roleLabel: ROLE_LABELS[p.role],
        gemeenten: names,
        team: p.team,
        provider: p.provider,
        mfaPassed: p.mfaPassed,
        permissions: Object.fromEntries(ACTIONS.map((a) => [a, can(fresh ?? p, a)])) as Me['permissions'],
        demo: names.some((g) => g.demo),
        published: needsDisclosureControl(p),
      };
    },
  );
}
