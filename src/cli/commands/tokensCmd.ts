/**
 * zicht tokens: service tokens for a nightly import or a data-warehouse pull (issue 17.4). The secret is
 * printed once at `create` and stored only as its SHA-256; `revoke` ends a token at once. Issuing and
 * revoking are in the access log as `cli:<user>`; a role that sees person-level data needs
 * --person-level-data and a --reason, which the log records.
 */
import { appendAudit } from '../../audit/log.js';
import { ROLES, type Role, type ScopeKind } from '../../app/access.js';
import {
  MAX_DAYS,
  createServiceToken,
  listServiceTokens,
  needsPersonLevelDecision,
  revokeServiceToken,
  scopesText,
} from '../../app/auth/serviceTokens.js';
import type { Store } from '../../store/sql.js';
import { callerEnv, open, type Config } from '../config.js';
import { table } from '../format.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

export interface TokensFlags {
  role?: string | undefined;
  scope?: string[] | undefined;
  expires?: string | undefined;
  'person-level-data'?: boolean | undefined;
  reason?: string | undefined;
  json?: boolean | undefined;
}

const USAGE = `Gebruik / usage:
  zicht tokens list [--json]
  zicht tokens create <naam> --role <${ROLES.join('|')}> --scope <regio|gemeente|team|aanbieder>=<sleutel> [--scope …]
                      --expires <JJJJ-MM-DD|N>d  [--person-level-data --reason "…"]  [--json]
  zicht tokens revoke <naam> [--json]`;

const DAY_MS = 86_400_000;

/** `2027-06-01` (that day, 00:00 UTC) or `90d` (90 days from now); anything else is refused. */
export function parseExpiry(text: string | undefined, now: Date): Date {
  const days = /^(\d{1,4})d$/.exec(text ?? '');
  if (days) return new Date(now.getTime() + Number(days[1]) * DAY_MS);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  const d = date ? new Date(`${text}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text)
    throw new UserError('ongeldig_token', {
      nl: `--expires is verplicht: een datum JJJJ-MM-DD of een aantal dagen (90d), hoogstens ${MAX_DAYS} dagen vooruit`,
      en: `--expires is required: a date YYYY-MM-DD or a number of days (90d), at most ${MAX_DAYS} days ahead`,
    });
  return d;
}

async function logCli(
  store: Store,
  event: 'token_aangemaakt' | 'token_ingetrokken',
  query: string,
  purpose: string | null,
): Promise<void> {
  await appendAudit(store, {
    event,
    username: `cli:${callerEnv('USER') ?? 'onbekend'}`,
    role: 'beheerder',
    scope: 'installatie',
    outcome: 'ok',
    origin: 'cli',
    query,
    purpose,
  });
}

export async function tokensCommand(cfg: Config, args: string[], flags: TokensFlags): Promise<number> {
  const [sub, name] = args;
  if (!sub || (sub !== 'list' && !name) || !['list', 'create', 'revoke'].includes(sub))
    throw new UserError('gebruik', { nl: USAGE });
  const store = await open(cfg);
  const now = new Date();
  const by = `cli:${callerEnv('USER') ?? 'onbekend'}`;
  try {
    if (sub === 'list') {
      const tokens = await listServiceTokens(store, now);
      if (flags.json) console.log(JSON.stringify(tokens, null, 2));
      else
        console.log(
          table(
            ['naam', 'rol', 'scope', 'verloopt', 'status', 'laatst gebruikt', 'reden persoonsgegevens'],
            tokens.map((t) => [
              t.name,
              t.role,
              scopesText(t.scopes),
              t.expiresAt.slice(0, 10),
              t.status,
              t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString('nl-NL') : '-',
              t.personLevelReason ?? '',
            ]),
          ),
        );
      return 0;
    }
    if (sub === 'revoke') {
      await revokeServiceToken(store, name!, by, now);
      await logCli(store, 'token_ingetrokken', `token ${name}`, null);
      console.log(flags.json ? JSON.stringify({ name, revoked: true }) : `Token ${name} ingetrokken / revoked.`);
      return 0;
    }
    if (!flags.role || !(ROLES as readonly string[]).includes(flags.role) || !flags.scope?.length)
      throw new UserError('gebruik', { nl: USAGE });
    const role = flags.role as Role;
    const scopes = flags.scope.map((s) => {
      const [kind, ...key] = s.split('=');
      return { kind: kind as ScopeKind, key: key.join('=') };
    });
    const expiresAt = parseExpiry(flags.expires, now);
    const made = await store.transaction((tx) =>
      createServiceToken(
        tx,
        {
          name: name!,
          role,
          scopes,
          expiresAt,
          personLevelData: flags['person-level-data'],
          reason: flags.reason,
          createdBy: by,
        },
        now,
      ),
    );
    const personLevel = needsPersonLevelDecision(role);
    await logCli(
      store,
      'token_aangemaakt',
      `token ${name} rol ${role} scope ${scopesText(scopes)} verloopt ${expiresAt.toISOString()}${personLevel ? ' persoonsgegevens: ja (expliciet besluit)' : ''}`,
      personLevel ? (flags.reason ?? '').trim() : null,
    );
    if (flags.json) console.log(JSON.stringify({ name, token: made.token, expiresAt: expiresAt.toISOString() }));
    else
      console.log(
        `Token ${name} aangemaakt (rol ${role}, ${scopesText(scopes)}, verloopt ${expiresAt.toISOString()}).\n` +
          `Token (één keer getoond; bewaar het als geheim): ${made.token}\n` +
          `Gebruik: Authorization: Bearer <token>`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

/** `zicht tokens`: its help, its options and what runs it (the registry is commands/index.ts). */
export const tokensSpec = defineCommand({
  name: 'tokens',
  help: [
    'servicetokens voor koppelingen (nachtelijke import, datawarehouse): list | create <naam> --role R',
    `--scope soort=sleutel --expires JJJJ-MM-DD|Nd (hoogstens ${MAX_DAYS} dagen) [--person-level-data --reason "…"] | revoke <naam>`,
  ],
  options: {
    role: { type: 'string', value: 'R', nl: 'rol van het token', en: 'role of the token' },
    scope: {
      type: 'string',
      value: 'soort=sleutel',
      repeatable: true,
      nl: 'wat het token mag zien',
      en: 'what the token may see',
    },
    expires: {
      type: 'string',
      value: 'JJJJ-MM-DD|Nd',
      nl: `vervaldatum (verplicht, hoogstens ${MAX_DAYS} dagen)`,
      en: `expiry (required, at most ${MAX_DAYS} days)`,
    },
    'person-level-data': {
      type: 'boolean',
      nl: 'expliciet besluit: token voor een rol met persoonsgegevens (analist, teammanager, aanbieder, beheerder)',
      en: 'explicit decision: token for a role with person-level data',
    },
    reason: {
      type: 'string',
      value: '"…"',
      nl: 'reden van dat besluit (komt in het toegangslog)',
      en: 'reason for that decision (goes into the access log)',
    },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, p, f) => tokensCommand(cfg, p, f),
});
