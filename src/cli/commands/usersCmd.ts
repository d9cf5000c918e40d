/**
 * zicht users: manage accounts from the command line (the first beheerder is made here).
 * Passwords are generated and printed once unless ZICHT_PASSWORD is set; they never appear in a log.
 */
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../audit/log.js';
import { currentStep, totpAt } from '../../app/auth/totp.js';
import { ROLES, type Role, type ScopeKind } from '../../app/access.js';
import { ZodError } from 'zod';
import {
  accountProblem,
  createUser,
  findUser,
  listUsers,
  resetTotp,
  setDisabled,
  setPassword,
} from '../../app/auth/users.js';
import type { Store } from '../../store/sql.js';
import { notifyDataChange } from '../../store/notify.js';
import { open, pseudonymKey, type Config } from '../config.js';
import { openTotp } from '../../app/auth/totpSeal.js';
import { table } from '../format.js';
import { callerEnv } from '../config.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

export interface UsersFlags {
  role?: string | undefined;
  scope?: string[] | undefined;
  name?: string | undefined;
  json?: boolean | undefined;
}

const USAGE = `Gebruik / usage:
  zicht users list [--json]
  zicht users add <gebruiker> --role <${ROLES.join('|')}> --scope <regio|gemeente|team|aanbieder>=<sleutel> [--scope …] [--name "Naam"]
  zicht users disable|enable <gebruiker>
  zicht users password <gebruiker>      nieuw wachtwoord (of ZICHT_PASSWORD)
  zicht users totp-reset <gebruiker>    nieuw TOTP-geheim
  zicht users code <gebruiker>          huidige TOTP-code (alleen demo-accounts)`;

const newPassword = () => callerEnv('ZICHT_PASSWORD') ?? randomBytes(15).toString('base64url');

async function logCli(
  store: Store,
  event: 'gebruiker_aangemaakt' | 'gebruiker_gewijzigd' | 'wachtwoord_gewijzigd' | 'mfa_hersteld',
  query: string,
): Promise<void> {
  await appendAudit(store, {
    event,
    username: `cli:${callerEnv('USER') ?? 'onbekend'}`,
    role: 'beheerder',
    scope: 'installatie',
    outcome: 'ok',
    origin: 'cli',
    query,
  });
  // servers on this PostgreSQL database drop the sessions and principals they cached (store/notify.ts)
  await notifyDataChange(store, { event: 'accounts', run: null });
}

export async function usersCommand(cfg: Config, args: string[], flags: UsersFlags): Promise<number> {
  const [sub, username] = args;
  if (!sub || (sub !== 'list' && !username)) throw new UserError('gebruik', { nl: USAGE });
  // a word too many is refused, not dropped: `--scope team=A team=B` made an account with team A only and said
  // nothing of B (red team 27); each scope takes its own --scope
  const extra = args.slice(sub === 'list' ? 1 : 2);
  if (extra.length > 0)
    throw new UserError('gebruik', {
      nl: `onverwacht argument '${extra[0]!.slice(0, 80)}' (geef elke scope met een eigen --scope) / unexpected argument (give each scope its own --scope)\n${USAGE}`,
    });
  const store = await open(cfg);
  try {
    switch (sub) {
      case 'list': {
        const users = await listUsers(store);
        if (flags.json) console.log(JSON.stringify(users, null, 2));
        else
          console.log(
            table(
              ['gebruiker', 'naam', 'rol', 'scope', 'TOTP', 'status'],
              users.map((u) => [
                u.username,
                u.displayName,
                u.role,
                u.scopes.map((s) => `${s.kind}=${s.key}`).join(', '),
                u.totp ? 'ja' : 'nee',
                u.disabled ? 'uitgeschakeld' : u.locked ? 'geblokkeerd' : 'actief',
              ]),
            ),
          );
        return 0;
      }
      case 'add': {
        if (!flags.role || !(ROLES as readonly string[]).includes(flags.role) || !flags.scope?.length)
          throw new UserError('gebruik', { nl: USAGE });
        const scopes = flags.scope.map((s) => {
          const [kind, ...key] = s.split('=');
          return { kind: kind as ScopeKind, key: key.join('=') };
        });
        const password = newPassword();
        const account = {
          username: username!,
          displayName: flags.name ?? username!,
          role: flags.role as Role,
          password,
          scopes,
        };
        const made = await store.transaction((tx) => createUser(tx, account, pseudonymKey(cfg)));
        await logCli(store, 'gebruiker_aangemaakt', `${username} rol ${flags.role} scope ${flags.scope.join(',')}`);
        const out = {
          username,
          password: callerEnv('ZICHT_PASSWORD') ? '(uit ZICHT_PASSWORD)' : password,
          totpSecret: made.totpSecret,
        };
        if (flags.json) console.log(JSON.stringify(out));
        else
          console.log(
            `Account ${username} aangemaakt.\nWachtwoord (één keer getoond): ${out.password}${made.totpSecret ? `\nTOTP-geheim (voeg toe aan een authenticator-app): ${made.totpSecret}` : ''}`,
          );
        return 0;
      }
      case 'disable':
      case 'enable':
        await setDisabled(store, username!, sub === 'disable');
        await logCli(
          store,
          'gebruiker_gewijzigd',
          `${username} ${sub === 'disable' ? 'uitgeschakeld' : 'ingeschakeld'}`,
        );
        console.log(`${username}: ${sub === 'disable' ? 'uitgeschakeld (sessies beëindigd)' : 'ingeschakeld'}`);
        return 0;
      case 'password': {
        const password = newPassword();
        await setPassword(store, username!, password);
        await logCli(store, 'wachtwoord_gewijzigd', username!);
        console.log(
          flags.json
            ? JSON.stringify({ username, password })
            : `Nieuw wachtwoord voor ${username} (één keer getoond): ${password}`,
        );
        return 0;
      }
      case 'totp-reset': {
        const secret = await resetTotp(store, username!, pseudonymKey(cfg));
        await logCli(store, 'mfa_hersteld', username!);
        console.log(
          flags.json
            ? JSON.stringify({ username, totpSecret: secret })
            : `Nieuw TOTP-geheim voor ${username}: ${secret}`,
        );
        return 0;
      }
      case 'code': {
        const u = await findUser(store, username!);
        const demo = await store.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM user_scope s WHERE s.user_id = $1 AND NOT (
             (s.scope_kind = 'regio' AND s.scope_key IN (SELECT code FROM region WHERE demo)) OR
             (s.scope_kind IN ('gemeente','team') AND split_part(s.scope_key, '/', 1) IN (SELECT code FROM gemeente WHERE demo)) OR
             s.scope_kind = 'aanbieder')`,
          [u?.id ?? 0],
        );
        if (!u || !u.totp_secret || (demo[0]?.n ?? 1) > 0) {
          throw new UserError('geen_toegang.demo_code');
        }
        const code = totpAt(openTotp(pseudonymKey(cfg), u.totp_secret, u.username), currentStep(Date.now()));
        console.log(flags.json ? JSON.stringify({ username, code }) : code);
        return 0;
      }
      default:
        throw new UserError('gebruik', { nl: USAGE });
    }
  } catch (err) {
    // an AccountError is a UserError already: main prints it (exit 2)
    if (err instanceof ZodError) throw new UserError('ongeldig_account', { nl: accountProblem(err) });
    throw err;
  } finally {
    await store.close();
  }
}

/** `zicht users`: its help, its options and what runs it (the registry is commands/index.ts). */
export const usersSpec = defineCommand({
  name: 'users',
  help: [
    'accounts beheren: list | add <naam> --role R --scope soort=sleutel | disable | enable |',
    'password | totp-reset | code (alleen demo)',
  ],
  options: {
    role: { type: 'string', value: 'R', nl: 'rol van het account', en: 'role of the account' },
    scope: {
      type: 'string',
      value: 'soort=sleutel',
      repeatable: true,
      nl: 'wat het account mag zien',
      en: 'what the account may see',
    },
    name: { type: 'string', value: '<naam>', nl: 'weergavenaam', en: 'display name' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, p, f) => usersCommand(cfg, p, f),
});
