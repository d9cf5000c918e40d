/**
 * Demo log-ins: one account per role on the demo region, so a new user can see what each role
 * sees. Passwords are random per installation (never a known default that could end up on a real
 * server) and kept with the TOTP secrets in <dataDir>/secrets/demo-logins.json (mode 600).
 * Accounts are only created when their scope is demo data.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Store } from '../store/sql.js';
import type { Role, ScopeKind } from '../app/access.js';
import { createUser, findUser } from '../app/auth/users.js';

export interface DemoLogin {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly scope: string;
  readonly totpSecret: string | null;
}

export function demoLoginsPath(dataDir: string): string {
  return join(dataDir, 'secrets', 'demo-logins.json');
}

interface Spec {
  username: string;
  displayName: string;
  role: Role;
  kind: ScopeKind;
  key: string;
}

async function specs(store: Store): Promise<Spec[]> {
  const [region] = await store.query<{ code: string }>('SELECT code FROM region WHERE demo ORDER BY code LIMIT 1');
  if (!region) return [];
  const [g] = await store.query<{ code: string }>(
    'SELECT code FROM gemeente WHERE region_code = $1 AND demo ORDER BY code LIMIT 1',
    [region.code],
  );
  const [team] = await store.query<{ code: string }>(
    'SELECT code FROM team WHERE gemeente_code = $1 ORDER BY code LIMIT 1',
    [g?.code ?? ''],
  );
  const [provider] = await store.query<{ agb: string }>(
    'SELECT provider_agb AS agb FROM trajectory WHERE gemeente_code = $1 AND provider_agb IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
    [g?.code ?? ''],
  );
  if (!g || !team || !provider) return [];
  return [
    { username: 'beheerder', displayName: 'Beheerder (demo)', role: 'beheerder', kind: 'regio', key: region.code },
    { username: 'analist', displayName: 'Analist (demo)', role: 'analist', kind: 'regio', key: region.code },
    { username: 'controller', displayName: 'Controller (demo)', role: 'controller', kind: 'gemeente', key: g.code },
    {
      username: 'teammanager',
      displayName: 'Teammanager (demo)',
      role: 'teammanager',
      kind: 'team',
      key: `${g.code}/${team.code}`,
    },
    {
      username: 'contractmanager',
      displayName: 'Contractmanager (demo)',
      role: 'contractmanager',
      kind: 'regio',
      key: region.code,
    },
    { username: 'aanbieder', displayName: 'Aanbieder (demo)', role: 'aanbieder', kind: 'aanbieder', key: provider.agb },
    { username: 'bestuur', displayName: 'Wethouder (demo)', role: 'bestuur', kind: 'gemeente', key: g.code },
  ];
}

/** Creates the demo accounts that do not exist yet; returns every demo log-in known. */
export async function ensureDemoUsers(store: Store, dataDir: string): Promise<DemoLogin[]> {
  const path = demoLoginsPath(dataDir);
  const known: DemoLogin[] = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DemoLogin[]) : [];
  const out: DemoLogin[] = [];
  for (const s of await specs(store)) {
    const existing = await findUser(store, s.username);
    const prior = known.find((k) => k.username === s.username);
    if (existing) {
      if (prior) out.push(prior);
      continue;
    }
    const password = `demo-${randomBytes(9).toString('base64url')}`;
    const made = await store.transaction((tx) =>
      createUser(tx, {
        username: s.username,
        displayName: s.displayName,
        role: s.role,
        password,
        scopes: [{ kind: s.kind, key: s.key }],
      }),
    );
    out.push({
      username: s.username,
      password,
      role: s.role,
      scope: `${s.kind} ${s.key}`,
      totpSecret: made.totpSecret,
    });
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(out, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
  return out;
}
