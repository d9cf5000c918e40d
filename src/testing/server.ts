/**
 * A small two-gemeente region behind a real server (Fastify inject, no network) with one account
 * per role, for the authorisation matrix and the server tests.
 *   9001: teams "Noord" and "Zuid"; providers 11111111 (12 trajectories) and 22222222 (3)
 *   9002: provider 22222222 (14 trajectories); one youth with a secret address in 9001 (team Noord)
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { findCbsTables, importCbsTable } from '../ingest/cbs/mirror.js';
import { writeDemoCbsMirror } from '../demo/cbsMirror.js';
import type { Store } from '../store/sql.js';
import { buildApp, type AppOptions, type RouteEntry } from '../server/app.js';
import type { AppContext } from '../server/context.js';
import type { Role, ScopeKind } from '../app/access.js';
import { createUser } from '../app/auth/users.js';
import { currentStep, totpAt } from '../app/auth/totp.js';
import { SESSION_COOKIE } from '../server/auth/sessions.js';
import { ResponseCheck } from './responseCheck.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from './fixtures.js';

export const PASSWORD = 'correct horse battery';

/**
 * The fixture's accounts get an argon2id hash at the lowest cost hash-wasm allows, made once per password and process:
 * at the production cost (password.ts) the nine accounts took 0,7 s of every fixture and each log-in 80 ms, about a
 * minute of the CI run over its ~50 files. Log-in verifies it through the same code (the PHC string carries the
 * cost); the production cost is held by auth.test.ts and by login.test.ts for an account made through the API.
 */
const cheapHashes = new Map<string, Promise<string>>();
function cheapHash(password: string): Promise<string> {
  let h = cheapHashes.get(password);
  if (!h) {
    h = argon2id({
      password,
      salt: randomBytes(16),
      iterations: 1,
      parallelism: 1,
      memorySize: 8,
      hashLength: 32,
      outputType: 'encoded',
    });
    cheapHashes.set(password, h);
  }
  return h;
}

export interface Account {
  username: string;
  role: Role;
  kind: ScopeKind;
  key: string;
  totp: string | null;
}

export const ACCOUNT_SPECS: ReadonlyArray<Omit<Account, 'totp'>> = [
  { username: 'beheerder', role: 'beheerder', kind: 'regio', key: 'R' },
  { username: 'analist', role: 'analist', kind: 'regio', key: 'R' },
  { username: 'analist9001', role: 'analist', kind: 'gemeente', key: '9001' },
  { username: 'controller', role: 'controller', kind: 'gemeente', key: '9001' },
  { username: 'teammanager', role: 'teammanager', kind: 'team', key: '9001/Noord' },
  { username: 'contractmanager', role: 'contractmanager', kind: 'regio', key: 'R' },
  { username: 'aanbieder1', role: 'aanbieder', kind: 'aanbieder', key: '11111111' },
  { username: 'aanbieder2', role: 'aanbieder', kind: 'aanbieder', key: '22222222' },
  { username: 'bestuur', role: 'bestuur', kind: 'gemeente', key: '9001' },
];

function trajectories(): string {
  const lines = [`${TRAJECTEN_HEADER};geheim_adres`];
  let n = 0;
  const add = (gemeente: string, team: string, agb: string, count: number, secret = false) => {
    for (let i = 0; i < count; i++, n++) {
      lines.push(
        `${trajectRow({
          traject_id: `T${n}`,
          client_id: testBsn(100 + n),
          gemeente,
          team,
          wijk: `${gemeente}01`,
          aanbieder_agb: agb,
          startdatum: '2024-02-01',
          einddatum: i % 3 === 0 ? '' : '2024-10-31',
          reden_einde: i % 3 === 0 ? '' : '31',
          doelrealisatie: i % 3 === 0 ? '' : 'ja',
        })};${secret ? 'ja' : ''}`,
      );
    }
  };
  add('9001', 'Noord', '11111111', 8);
  add('9001', 'Zuid', '11111111', 4);
  add('9001', 'Zuid', '22222222', 3);
  add('9002', 'Centrum', '22222222', 14);
  add('9001', 'Noord', '11111111', 1, true);
  return lines.join('\n');
}

function claims(): string {
  const lines = [
    'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status;ontvangstdatum',
  ];
  // received on the last day of their month: a report for the first quarter (as of 31 March) holds them; without
  // the day they would be taken to arrive by 30 April (docs/indicators.md "Claims arrive later")
  for (let i = 0; i < 30; i++) {
    const g = i < 15 || i === 29 ? '9001' : '9002';
    const agb = i < 12 || i === 29 ? '11111111' : '22222222';
    lines.push(
      `K${i};${g};T${i};;${agb};45;45A01;2024-03-01;2024-03-31;4;04;${400 + i * 10},00;D;toegekend;2024-03-31`,
    );
  }
  return lines.join('\n');
}

export interface ServerFixture {
  app: FastifyInstance;
  ctx: AppContext;
  dataDir: string;
  accounts: Map<string, Account>;
  clock: { now: Date };
  routes: string[];
  routeTable: RouteEntry[];
  /** every answer checked against its route's declared schema (responseCheck.ts); close() fails on a mismatch */
  responses: ResponseCheck;
  close(): Promise<void>;
}

/**
 * A hand-made data set instead of (part of) the one above: `sql` runs after the region, gemeenten, teams and
 * providers are inserted (more teams, say); `files` replaces a CSV of the same name or adds one (budget.csv).
 */
export interface FixtureData {
  readonly sql?: string;
  readonly files?: Readonly<Record<string, string>>;
}

/** Loads the fixture into `store` (migrated, empty), builds the lens and the app, creates the accounts. */
export async function serverFixture(
  store: Store,
  extra: Pick<AppOptions, 'oidc' | 'onHandler' | 'webDir' | 'limits'> = {},
  data: FixtureData = {},
): Promise<ServerFixture> {
  const dataDir = tempDir('zicht-server-');
  await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
    INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);
    INSERT INTO team VALUES ('9001','Noord','Noord'), ('9001','Zuid','Zuid'), ('9002','Centrum','Centrum');
    INSERT INTO provider VALUES ('11111111','Aanbieder Een','klein'), ('22222222','Aanbieder Twee','groot');`);
  if (data.sql) await store.exec(data.sql);
  const base: Array<[string, string]> = [
    [
      'bevolking.csv',
      'gemeente;wijk;jaar;leeftijd_van;leeftijd_tot;aantal\n9001;;2024;0;17;400\n9001;;2024;0;120;2000\n9002;;2024;0;17;300\n9002;;2024;0;120;1500\n',
    ],
    ['trajecten.csv', trajectories()],
    ['declaraties.csv', claims()],
  ];
  const own = data.files ?? {};
  const files: Array<[string, string]> = [
    ...base.map(([name, content]): [string, string] => [name, own[name] ?? content]),
    ...Object.entries(own).filter(([name]) => !base.some(([b]) => b === name)),
  ];
  for (const [name, content] of files) {
    const r = await importCsvFile({ store, dataDir, key: TEST_KEY }, writeCsv(dataDir, name, content));
    assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems.slice(0, 3))}`);
  }
  // a small fictional comparison set (its first two gemeenten are 9001 and 9002) for the benchmark
  for (const table of findCbsTables([writeDemoCbsMirror(join(dataDir, 'cbs'), 1, '2024-12-31', 30).dir])) {
    assert.equal((await importCbsTable(store, dataDir, table)).status, 'committed');
  }
  await rebuildLens(store, dataDir);
  const accounts = new Map<string, Account>();
  for (const s of ACCOUNT_SPECS) {
    const made = await store.transaction((tx) =>
      createUser(
        tx,
        {
          username: s.username,
          displayName: s.username,
          role: s.role,
          password: PASSWORD,
          scopes: [{ kind: s.kind, key: s.key }],
        },
        undefined,
        cheapHash,
      ),
    );
    accounts.set(s.username, { ...s, totp: made.totpSecret });
  }
  const clock = { now: new Date() };
  const responses = new ResponseCheck();
  const { app, ctx, routes, routeTable } = await buildApp({
    store,
    dataDir,
    key: TEST_KEY,
    now: () => clock.now,
    rateLimitPerMinute: 100_000,
    loginRateLimitPerMinute: 1000,
    onAnswer: responses.observe,
    ...extra,
  });
  await app.ready();
  const close = async () => {
    await app.close();
    const differ = responses.report();
    if (differ) throw new Error(differ);
  };
  return { app, ctx, dataDir, accounts, clock, routes, routeTable, responses, close };
}

/** Logs in (with a fresh TOTP code when the account has one) and returns the session cookie header. */
export async function login(f: ServerFixture, username: string, stepOffset = 0): Promise<string> {
  const a = f.accounts.get(username)!;
  const code = a.totp ? totpAt(a.totp, currentStep(f.clock.now.getTime()) + stepOffset) : undefined;
  const res = await f.app.inject({
    method: 'POST',
    url: '/api/v1/login',
    payload: { username, password: PASSWORD, ...(code ? { code } : {}) },
  });
  assert.equal(res.statusCode, 200, `login ${username}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  assert.ok(cookie, 'session cookie set');
  return `${SESSION_COOKIE}=${cookie.value}`;
}

/** Starts the fixture's server on a free loopback port, for tests that go over real HTTP; returns its base URL. */
export async function listenLoopback(f: ServerFixture): Promise<string> {
  await f.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = f.app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('the fixture server has no TCP address');
  return `http://127.0.0.1:${addr.port}`;
}
