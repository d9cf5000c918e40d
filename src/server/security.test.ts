/**
 * Log-in, sessions, the access log and the HTTP hardening, through the real app (inject) on PGlite.
 * Bad input first: wrong passwords, replayed and wrong codes, locked accounts, expired sessions,
 * a tampered access log.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { verifyAudit } from '../audit/log.js';
import { PASSWORD, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { currentStep, totpAt } from '../app/auth/totp.js';
import { FREE_FAILURES } from './auth/backoff.js';
import { IDLE_MINUTES } from './auth/sessions.js';
import { buildApp } from './app.js';
import { TEST_KEY } from '../testing/fixtures.js';

describe('log-in, sessions and access log', { timeout: 300_000 }, () => {
  let store: PgliteStore;
  let f: ServerFixture;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    f = await serverFixture(store);
  });
  after(async () => {
    await f?.close();
    await store?.close();
  });
  const post = (url: string, payload: object, cookie?: string) =>
    f.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
  const get = (url: string, cookie?: string) => f.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  /** problem details without `instance` (each answer has its own) */
  const sameBut = (problem: Record<string, unknown>) => ({ ...problem, instance: undefined });
  const tick = (seconds: number) => {
    f.clock.now = new Date(f.clock.now.getTime() + seconds * 1000);
  };

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const a = await post('/api/v1/login', { username: 'controller', password: 'wrong password!' });
    const b = await post('/api/v1/login', { username: 'nobody', password: 'wrong password!' });
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    // the same problem details, but for `instance`, which names each answer on its own
    assert.deepEqual(sameBut(a.json()), sameBut(b.json()));
    assert.notEqual(a.json().instance, b.json().instance);
  });

  it('asks a person-level role for the TOTP code, refuses a wrong one and a replayed one', async () => {
    const noCode = await post('/api/v1/login', { username: 'analist', password: PASSWORD });
    assert.equal(noCode.statusCode, 401);
    assert.equal(noCode.json().code, 'onjuiste_inlog');
    assert.match(noCode.json().message, /Vraagt uw account een code uit de authenticator-app, vul dan ook die in/);
    const wrong = await post('/api/v1/login', { username: 'analist', password: PASSWORD, code: '000000' });
    assert.equal(wrong.json().code, 'onjuiste_inlog');
    tick(60);
    const secret = f.accounts.get('analist')!.totp!;
    const code = totpAt(secret, currentStep(f.clock.now.getTime()));
    assert.equal((await post('/api/v1/login', { username: 'analist', password: PASSWORD, code })).statusCode, 200);
    const replay = await post('/api/v1/login', { username: 'analist', password: PASSWORD, code });
    assert.equal(replay.statusCode, 401, 'the same code cannot be used twice');
  });

  it('every failed log-in gets one answer and one wait, whoever the name is (red teams 15 and 26)', async () => {
    // red team 15: without a code a right password answered "code needed" and a wrong one "wrong password";
    // red team 26: "code needed" then told a name with a second factor from an unknown one and from one without
    const tries: Record<string, { username: string; password: string; code?: string }> = {
      'unknown name': { username: 'niemand', password: 'wrong password!' },
      'no second factor, wrong password': { username: 'bestuur', password: 'wrong password!' },
      'second factor, no code, wrong password': { username: 'teammanager', password: 'wrong password!' },
      'second factor, no code, right password': { username: 'teammanager', password: PASSWORD },
      'second factor, wrong password with a code': { username: 'teammanager', password: 'wrong!', code: '000000' },
      'second factor, right password, wrong code': { username: 'teammanager', password: PASSWORD, code: '000000' },
    };
    const answers = new Map<string, unknown[]>();
    let address = 20;
    for (const [what, payload] of Object.entries(tries)) {
      const remoteAddress = `10.0.1.${address++}`;
      const seen: unknown[] = [];
      for (let i = 0; i < FREE_FAILURES + 1; i++) {
        const r = await f.app.inject({ method: 'POST', url: '/api/v1/login', payload, remoteAddress });
        seen.push([r.statusCode, r.headers['content-length'], sameBut(r.json())]);
      }
      answers.set(what, seen);
    }
    const [first, ...rest] = [...answers.entries()];
    for (const [what, seen] of rest) assert.deepEqual(seen, first![1], `${what} answers as the ${first![0]}`);
    // and the sequence is the usual one: wrong, wrong, …, the wait
    assert.deepEqual(
      (first![1] as Array<[number]>).map((x) => x[0]),
      [...Array(FREE_FAILURES - 1).fill(401), 429, 429],
    );
    tick(3600);
  });

  it('slows a name after repeated failures from one address, the same for an unknown name, and logs it', async () => {
    const attempt = (username: string, password: string, remoteAddress: string) =>
      f.app.inject({ method: 'POST', url: '/api/v1/login', payload: { username, password }, remoteAddress });
    const answers: number[] = [];
    for (let i = 0; i < FREE_FAILURES; i++) {
      const last = await attempt('bestuur', `wrong-${i}-password`, '10.0.0.7');
      answers.push(last.statusCode);
      await attempt('niemand', `wrong-${i}-password`, '10.0.0.7');
      // the failure that starts the wait says so, with the wait, at once (not only on the next try)
      if (i === FREE_FAILURES - 1)
        assert.match(last.json().message, /klopt niet\..*\. Te veel mislukte pogingen .*probeer het over 30 s opnieuw/);
    }
    assert.deepEqual(answers, [...Array(FREE_FAILURES - 1).fill(401), 429]);
    const known = await attempt('bestuur', PASSWORD, '10.0.0.7');
    const unknown = await attempt('niemand', PASSWORD, '10.0.0.7');
    assert.equal(known.statusCode, 429, 'the right password waits too, from this address');
    assert.deepEqual(
      sameBut(known.json()),
      sameBut(unknown.json()),
      'an unknown name gets the same answer: no account list',
    );
    assert.match(known.json().message, /probeer het over \d+ s opnieuw/);
    assert.equal(
      (await attempt('bestuur', PASSWORD, '10.0.0.8')).statusCode,
      200,
      'the owner elsewhere is not locked out',
    );
    tick(31);
    assert.equal((await attempt('bestuur', PASSWORD, '10.0.0.7')).statusCode, 200, 'after the wait');
    const beheerder = await login(f, 'beheerder');
    const log = (await get('/api/v1/audit?username=bestuur', beheerder)).json() as Array<{
      event: string;
      query: string;
    }>;
    assert.ok(
      log.some((e) => e.event === 'login_mislukt' && /wachten vanaf dit adres/.test(e.query)),
      JSON.stringify(log.slice(0, 4)),
    );
    assert.ok(log.some((e) => e.event === 'login'));
  });

  it('sets a http-only, same-site session cookie and ends it after the idle timeout and on logout', async () => {
    const res = await post('/api/v1/login', { username: 'controller', password: PASSWORD });
    const raw = String(res.headers['set-cookie']);
    assert.match(raw, /HttpOnly/);
    assert.match(raw, /SameSite=Strict/);
    const cookie = raw.split(';')[0]!;
    assert.equal((await get('/api/v1/me', cookie)).statusCode, 200);
    tick((IDLE_MINUTES + 1) * 60);
    assert.equal((await get('/api/v1/me', cookie)).statusCode, 401, 'idle session ended');
    const again = await login(f, 'controller');
    assert.equal((await post('/api/v1/logout', {}, again)).statusCode, 200);
    assert.equal((await get('/api/v1/me', again)).statusCode, 401, 'logged out');
  });

  it('logs person-level reads with the pseudonyms shown, and never a password', async () => {
    tick(60);
    const analist = await login(f, 'analist');
    const rows = (await get('/api/v1/trajecten?limit=5', analist)).json() as Array<{ youth: string }>;
    assert.equal(rows.length, 5);
    const beheerder = await login(f, 'beheerder');
    const entry = (
      (await get('/api/v1/audit?username=analist&event=lezen_persoonsgegevens', beheerder)).json() as Array<{
        subjects: string[];
        purpose: string;
      }>
    )[0]!;
    assert.deepEqual([...entry.subjects].sort(), [...new Set(rows.map((r) => r.youth))].sort());
    assert.ok(entry.purpose);
    const all = await store.query<{ t: string }>('SELECT row_to_json(a)::text AS t FROM audit_log a');
    assert.ok(
      all.every((r) => !r.t.includes(PASSWORD)),
      'no password in the log',
    );
    const csv = await get('/api/v1/audit?format=csv&username=analist', beheerder);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /lezen_persoonsgegevens/);
  });

  it('shows bestuur disclosure-controlled figures: multiples of 5, small cells suppressed', async () => {
    tick(60);
    const bestuur = await login(f, 'bestuur');
    const body = (await get('/api/v1/indicators/youth_in_care?period=2024&by=zorgvorm', bestuur)).json() as {
      disclosureControl: boolean;
      rows: Array<{ value: number | null; flags: string[] }>;
    };
    assert.equal(body.disclosureControl, true);
    for (const r of body.rows) {
      if (r.flags.includes('onderdrukt')) assert.equal(r.value, null);
      else assert.equal((r.value ?? 0) % 5, 0);
    }
    const controller = await login(f, 'controller');
    const exact = (await get('/api/v1/indicators/youth_in_care?period=2024', controller)).json() as {
      disclosureControl: boolean;
      rows: Array<{ value: number }>;
    };
    assert.equal(exact.disclosureControl, false);
    assert.equal(exact.rows[0]!.value, 16, '15 trajectories + the secret-address youth, exact for the controller');
  });

  it('hides internal explanations from bestuur and refuses personal data in an external one', async () => {
    const controller = await login(f, 'controller');
    const intern = await post(
      '/api/v1/narratives',
      {
        indicator: 'youth_in_care',
        gemeente: '9001',
        period: '2024',
        body: 'Interne toelichting over wachtlijst.',
        visibility: 'intern',
      },
      controller,
    );
    assert.equal(intern.statusCode, 201);
    const leak = await post(
      '/api/v1/narratives',
      {
        indicator: 'youth_in_care',
        gemeente: '9001',
        period: '2024',
        body: 'Jongen op 1234 AB Dorpsstraat',
        visibility: 'extern',
      },
      controller,
    );
    assert.equal(leak.statusCode, 400);
    assert.match(leak.json().message, /postcode/);
    const story = await post(
      '/api/v1/narratives',
      {
        indicator: 'youth_in_care',
        gemeente: '9001',
        period: '2024',
        body: 'Mijn verhaal.',
        visibility: 'extern',
        source: 'client',
      },
      controller,
    );
    assert.equal(story.statusCode, 400, 'a client story needs consent');
    const extern = await post(
      '/api/v1/narratives',
      {
        indicator: 'youth_in_care',
        gemeente: '9001',
        period: '2024',
        body: 'Meer jeugdigen door instroom uit de wijk.',
        visibility: 'extern',
      },
      controller,
    );
    assert.equal(extern.statusCode, 201);
    tick(60);
    const bestuur = await login(f, 'bestuur');
    const seen = (await get('/api/v1/narratives?indicator=youth_in_care', bestuur)).json() as Array<{
      visibility: string;
    }>;
    assert.ok(seen.length >= 1 && seen.every((n) => n.visibility === 'extern'));
  });

  it('answers with security headers, JSON errors and an OpenAPI description', async () => {
    const res = await get('/api/v1/health');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const missing = await get('/api/v1/nope');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'niet_gevonden');
    const controller = await login(f, 'controller');
    const bad = await get('/api/v1/indicators/youth_in_care?period=2024X9', controller);
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().message.length > 5);
    const spec = (await get('/api/v1/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    assert.match(spec.openapi, /^3\./);
    // paths are relative to the document's server, /api/v1
    for (const p of ['/login', '/indicators/{id}', '/narratives', '/trajecten', '/audit'])
      assert.ok(spec.paths[p], `${p} documented`);
  });

  it('verifies the access-log chain and detects a changed and a removed entry', async () => {
    const ok = await verifyAudit(store);
    assert.equal(ok.ok, true, ok.problems.join('; '));
    assert.ok(ok.entries > 10);
    // an attacker with database rights switches the append-only trigger off and edits the log
    await store.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET username = 'iemand_anders' WHERE seq = 3;
      DELETE FROM audit_log WHERE seq = 5;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    const bad = await verifyAudit(store);
    assert.equal(bad.ok, false);
    assert.ok(
      bad.problems.some((p) => p.startsWith('regel 3: inhoud gewijzigd')),
      bad.problems.join('; '),
    );
    assert.ok(
      bad.problems.some((p) => p.includes('regels 5–5 ontbreken')),
      bad.problems.join('; '),
    );
  });

  it('rate-limits log-in attempts per address with a readable answer', async () => {
    const { app } = await buildApp({ store, dataDir: f.dataDir, key: TEST_KEY, loginRateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (await app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'x', password: 'y' } }))
            .statusCode,
        );
      assert.deepEqual(codes, [401, 401, 401, 429]);
      const res = await app.inject({ method: 'POST', url: '/api/v1/login', payload: { username: 'x', password: 'y' } });
      assert.match(res.json().message, /Te veel verzoeken/);
    } finally {
      await app.close();
    }
  });

  it('logs requests by route pattern: no concrete paths, query strings, bodies or cookies', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const { app } = await buildApp({
      store,
      dataDir: f.dataDir,
      key: TEST_KEY,
      requestLog: sink,
      loginRateLimitPerMinute: 100,
    });
    try {
      await app.inject({
        method: 'POST',
        url: '/api/v1/login',
        payload: { username: 'controller', password: PASSWORD },
      });
      await app.inject({ method: 'GET', url: '/api/v1/trajecten?pseudonym=geheim-pseudoniem-123' });
      await app.inject({ method: 'GET', url: '/api/v1/trajecten/9001/TRAJECT-GEHEIM-77/bronnen' });
      await app.inject({ method: 'GET', url: '/api/v1/trajecten/9001/TRAJECT-GEHEIM-78/onbekend' });
      const text = lines.join('');
      assert.match(text, /"route":"\/api\/v1\/trajecten"/);
      assert.match(text, /"route":"\/api\/v1\/trajecten\/:gemeente\/:traject\/bronnen"/);
      assert.ok(!text.includes('TRAJECT-GEHEIM'), 'no trajectory id from a path, matched or not');
      assert.ok(!text.includes('geheim-pseudoniem-123'), 'no query string');
      assert.ok(!text.includes(PASSWORD), 'no body');
      assert.ok(!/zicht_sessie=/.test(text), 'no cookie');
    } finally {
      await app.close();
    }
  });

  it('refuses to change or delete log entries through SQL while the trigger is on', async () => {
    await assert.rejects(store.exec("UPDATE audit_log SET outcome = 'ok' WHERE seq = 1"), /append-only/);
    await assert.rejects(store.exec('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
  });
});
