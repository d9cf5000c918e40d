/**
 * Log-in attacked over real HTTP on both back ends: one TOTP code sent four times at once, and
 * the second-factor secrets in the database (sealed, also those stored before sealing existed).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { PASSWORD, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { currentStep, totpAt } from '../app/auth/totp.js';
import { resetTotp } from '../app/auth/users.js';
import { SESSION_COOKIE } from './auth/sessions.js';

forEachBackend('log-in over real HTTP', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base = '';
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    await f.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });
  const post = (path: string, body: object, cookie?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    });
  const secretsInStore = async () =>
    await db.store.query<{ username: string; totp_secret: string | null }>(
      'SELECT username, totp_secret FROM app_user WHERE totp_secret IS NOT NULL ORDER BY username',
    );

  it('one TOTP code sent in four parallel log-ins opens one session, not four', async () => {
    for (const username of ['analist', 'teammanager']) {
      f.clock.now = new Date(f.clock.now.getTime() + 90_000);
      const code = totpAt(f.accounts.get(username)!.totp!, currentStep(f.clock.now.getTime()));
      const attempt = () => post('/api/v1/login', { username, password: PASSWORD, code });
      const answers = await Promise.all([attempt(), attempt(), attempt(), attempt()]);
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 401, 401, 401], `${username}: ${statuses.join(',')}`);
      const cookie = (a: Response) => a.headers.get('set-cookie') ?? '';
      const sessions = answers.filter((a) => a.status === 200 && cookie(a).includes(`${SESSION_COOKIE}=`));
      assert.equal(sessions.length, 1);
    }
  });

  it('keeps TOTP secrets sealed in the database; an old plain one still works and is sealed on use', async () => {
    const stored = await secretsInStore();
    assert.ok(stored.length >= 5);
    for (const a of f.accounts.values()) {
      if (!a.totp) continue;
      const row = stored.find((r) => r.username === a.username)!;
      assert.ok(!row.totp_secret!.includes(a.totp), `${a.username}: the secret is not readable in the store`);
      assert.match(row.totp_secret!, /^sealed1:/);
    }
    // an account made through the API is stored sealed from the start
    const beheerder = await login(f, 'beheerder');
    const made = await post(
      '/api/v1/users',
      {
        username: 'nieuwe.analist',
        displayName: 'N',
        role: 'analist',
        password: PASSWORD,
        scopes: [{ kind: 'regio', key: 'R' }],
      },
      beheerder,
    );
    assert.equal(made.status, 201);
    const secret = ((await made.json()) as { totpSecret: string }).totpSecret;
    const row = (await secretsInStore()).find((r) => r.username === 'nieuwe.analist')!;
    assert.ok(!row.totp_secret!.includes(secret));
    // and its password at the production cost of password.ts (the fixture's own accounts are hashed cheaply)
    const [hashRow] = await db.store.query<{ password_hash: string }>(
      "SELECT password_hash FROM app_user WHERE username = 'nieuwe.analist'",
    );
    assert.match(hashRow!.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // a secret stored plain before sealing existed: log-in works, and afterwards it is sealed
    const plain = await resetTotp(db.store, 'controller');
    assert.equal((await secretsInStore()).find((r) => r.username === 'controller')!.totp_secret, plain);
    await db.store.query("UPDATE app_user SET role = 'analist' WHERE username = 'controller'");
    f.clock.now = new Date(f.clock.now.getTime() + 90_000);
    const code = totpAt(plain, currentStep(f.clock.now.getTime()));
    const res = await post('/api/v1/login', { username: 'controller', password: PASSWORD, code });
    await db.store.query("UPDATE app_user SET role = 'controller' WHERE username = 'controller'");
    assert.equal(res.status, 200, await res.text());
    const after = (await secretsInStore()).find((r) => r.username === 'controller')!.totp_secret!;
    assert.match(after, /^sealed1:/);
    assert.ok(!after.includes(plain));
  });
});
