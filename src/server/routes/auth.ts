/**
 * Log in, log out, who am I. Login answers the same for an unknown user and a wrong password
 * (and spends the same argon2 time on both), counts failures towards the lockout, and asks for
 * the TOTP code only after the password is right.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError, type AppContext } from '../context.js';
import { can, mfaRequired, ROLE_LABELS, type Action } from '../access.js';
import { decoyHash, verifyPassword } from '../auth/password.js';
import { matchTotp } from '../auth/totp.js';
import { SESSION_COOKIE, createSession, endSession, IDLE_MINUTES, ABSOLUTE_HOURS } from '../auth/sessions.js';
import { findUser, isLocked, loadPrincipal, recordFailure, recordSuccess } from '../auth/users.js';

const ACTIONS: readonly Action[] = ['aggregates', 'money', 'person_level', 'narrative_write', 'import', 'users', 'audit'];

const WRONG = new ApiError(401, 'onjuiste_inlog', 'Gebruikersnaam of wachtwoord klopt niet.', 'Wrong user name or password.');

export async function authRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.post<{ Body: { username: string; password: string; code?: string } }>('/api/login', {
    config: { action: 'public', rateLimit: { max: ctx.loginRateLimit, timeWindow: '1 minute' } },
    schema: {
      tags: ['inloggen'], summary: 'Inloggen met wachtwoord (en TOTP-code voor rollen met persoonsgegevens)', security: [],
      body: {
        type: 'object', required: ['username', 'password'], additionalProperties: false,
        properties: { username: { type: 'string', maxLength: 100 }, password: { type: 'string', maxLength: 200 }, code: { type: 'string', maxLength: 10 } },
      },
    },
  }, async (req, reply) => {
    const { username, password, code } = req.body;
    const now = ctx.now();
    const user = await findUser(ctx.store, username.trim().toLowerCase());
    if (!user) {
      await verifyPassword(password, await decoyHash());
      await ctx.audit(req, { event: 'login_mislukt', outcome: 'mislukt', username: null, query: 'onbekende gebruikersnaam' });
      throw WRONG;
    }
    const who = { username: user.username, role: user.role };
    if (user.disabled) {
      await ctx.audit(req, { ...who, event: 'login_mislukt', outcome: 'geweigerd', query: 'account uitgeschakeld' });
      throw WRONG;
    }
    if (isLocked(user, now)) {
      await ctx.audit(req, { ...who, event: 'login_mislukt', outcome: 'geweigerd', query: 'account geblokkeerd' });
      throw new ApiError(423, 'geblokkeerd', 'Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het later opnieuw of vraag de beheerder.', 'This account is temporarily locked after too many failed attempts.');
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const locked = await recordFailure(ctx.store, user.id, now);
      await ctx.audit(req, { ...who, event: locked ? 'account_geblokkeerd' : 'login_mislukt', outcome: 'mislukt', query: 'onjuist wachtwoord' });
      throw WRONG;
    }
    let step: number | null = null;
    if (user.totp_secret && mfaRequired(user.role)) {
      if (!code) throw new ApiError(401, 'code_nodig', 'Voer de zescijferige code uit uw authenticator-app in.', 'Enter the six-digit code from your authenticator app.');
      step = matchTotp(user.totp_secret, code.trim(), now.getTime(), user.totp_last_step);
      if (step === null) {
        const locked = await recordFailure(ctx.store, user.id, now);
        await ctx.audit(req, { ...who, event: locked ? 'account_geblokkeerd' : 'mfa_mislukt', outcome: 'mislukt' });
        throw new ApiError(401, 'onjuiste_code', 'De code klopt niet of is al gebruikt. Wacht op de volgende code.', 'The code is wrong or was already used.');
      }
    }
    await recordSuccess(ctx.store, user.id, step);
    const token = await createSession(ctx.store, user.id, step !== null, req.ip, now);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies, maxAge: ABSOLUTE_HOURS * 3600,
    });
    await ctx.audit(req, { ...who, event: 'login', outcome: 'ok', query: step !== null ? 'met tweede factor' : 'zonder tweede factor' });
    return { ok: true, idleMinutes: IDLE_MINUTES };
  });

  api.post('/api/logout', { config: { action: 'session' }, schema: { tags: ['inloggen'], summary: 'Uitloggen' } }, async (req, reply) => {
    if (req.sessionHash) {
      await endSession(ctx.store, req.sessionHash);
      ctx.forgetSession(req.sessionHash);
    }
    await ctx.audit(req, { event: 'logout', outcome: 'ok' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  api.get('/api/me', { config: { action: 'session' }, schema: { tags: ['inloggen'], summary: 'Wie ben ik, wat mag ik' } }, async (req) => {
    const p = req.principal!;
    const fresh = await loadPrincipal(ctx.store, p.userId, p.mfaPassed);
    const names = await ctx.store.query<{ code: string; name: string; demo: boolean }>('SELECT code, name, demo FROM gemeente WHERE code = ANY($1) ORDER BY name', [[...p.gemeenten]]);
    return {
      username: p.username, displayName: p.displayName, role: p.role, roleLabel: ROLE_LABELS[p.role],
      gemeenten: names, team: p.team, provider: p.provider, mfaPassed: p.mfaPassed,
      permissions: Object.fromEntries(ACTIONS.map((a) => [a, can(fresh ?? p, a)])),
      demo: names.some((g) => g.demo),
    };
  });
}
