/**
 * OpenID Connect log-in against a small identity provider run by the test (discovery, JWKS, token
 * endpoint with PKCE check, RS256-signed ID tokens). The bad cases first: a forged signature, a
 * replayed or foreign state, a wrong nonce, an expired token, an unknown account, and a person-level
 * role without a second factor; then the good one, which ends in a working session.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import { serverFixture, type ServerFixture } from '../../testing/server.js';
import { OidcClient } from './oidc.js';
import { buildApp } from '../app.js';
import { TEST_KEY } from '../../testing/fixtures.js';
import { PseudonymKey } from '../../domain/pseudonym.js';

interface Grant {
  username: string;
  amr: string[];
  nonce: string;
  challenge: string;
  exp?: number;
  forge?: boolean;
  nonceOverride?: string;
}

class MockIdp {
  server: Server;
  issuer = '';
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly grants = new Map<string, Grant>();
  private n = 0;

  constructor(private readonly clientId: string) {
    this.server = createServer((req, res) => {
      const url = new URL(req.url!, this.issuer);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/.well-known/openid-configuration') {
        return send(200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
        });
      }
      if (url.pathname === '/jwks')
        return send(200, {
          keys: [{ ...this.key.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }],
        });
      if (url.pathname === '/token' && req.method === 'POST') {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          const form = new URLSearchParams(body);
          const g = this.grants.get(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          if (!g || createHash('sha256').update(verifier).digest('base64url') !== g.challenge)
            return send(400, { error: 'invalid_grant' });
          this.grants.delete(form.get('code')!);
          const now = Math.floor(Date.now() / 1000);
          const claims = {
            iss: this.issuer,
            aud: this.clientId,
            iat: now,
            exp: g.exp ?? now + 300,
            nonce: g.nonceOverride ?? g.nonce,
            preferred_username: g.username,
            amr: g.amr,
          };
          send(200, {
            id_token: this.sign(claims, g.forge ? this.other.privateKey : this.key.privateKey),
            token_type: 'Bearer',
          });
        });
        return;
      }
      send(404, { error: 'not_found' });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What the IdP does after the user logs in there: remember the request, hand out a code. */
  authorize(authUrl: string, g: Omit<Grant, 'nonce' | 'challenge'>): { code: string; state: string } {
    const u = new URL(authUrl);
    assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
    const code = `code-${++this.n}`;
    this.grants.set(code, {
      ...g,
      nonce: u.searchParams.get('nonce')!,
      challenge: u.searchParams.get('code_challenge')!,
    });
    return { code, state: u.searchParams.get('state')! };
  }

  private sign(claims: object, key: KeyObject): string {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${enc({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${enc(claims)}`;
    return `${input}.${createSign('sha256').update(input).sign(key).toString('base64url')}`;
  }
}

describe('OpenID Connect log-in', () => {
  let store: PgliteStore;
  let f: ServerFixture;
  const idp = new MockIdp('zicht');
  let client: OidcClient;
  before(async () => {
    await idp.start();
    store = await PgliteStore.open('memory://');
    await migrate(store);
    client = new OidcClient({
      issuer: idp.issuer,
      clientId: 'zicht',
      clientSecret: 'geheim',
      redirectUri: 'http://zicht.test/api/v1/oidc/callback',
      usernameClaim: 'preferred_username',
      label: 'Inloggen met Gemeente-ID',
    });
    f = await serverFixture(store, { oidc: client });
  });
  after(async () => {
    await f?.close();
    await store?.close();
    idp.server.close();
  });

  /** Starts a log-in at Zicht, lets the IdP answer for `g`, and returns Zicht's answer to the callback. */
  async function attempt(
    g: Omit<Grant, 'nonce' | 'challenge'>,
    tamper: (p: { code: string; state: string; cookie: string }) => { code: string; state: string; cookie: string } = (
      p,
    ) => p,
  ) {
    const start = await f.app.inject({ method: 'GET', url: '/api/v1/oidc/login' });
    assert.equal(start.statusCode, 302);
    const cookie = String(start.headers['set-cookie']).split(';')[0]!;
    assert.match(String(start.headers['set-cookie']), /SameSite=Lax/i);
    const p = tamper({ ...idp.authorize(String(start.headers.location), g), cookie });
    return f.app.inject({
      method: 'GET',
      url: `/api/v1/oidc/callback?code=${encodeURIComponent(p.code)}&state=${encodeURIComponent(p.state)}`,
      headers: { cookie: p.cookie },
    });
  }
  /** A refusal sends the browser back to the log-in page with the reason in the address. */
  const reason = (res: { statusCode: number; headers: Record<string, unknown> }) =>
    `${res.statusCode} ${new URL(String(res.headers.location), 'http://x').searchParams.get('inlogfout')}`;

  it('tells the log-in page it is on, with its label', async () => {
    assert.deepEqual((await f.app.inject({ method: 'GET', url: '/api/v1/oidc/config' })).json(), {
      enabled: true,
      label: 'Inloggen met Gemeente-ID',
    });
  });

  it('refuses a token signed with another key', async () => {
    assert.match(
      reason(await attempt({ username: 'controller', amr: ['pwd'], forge: true })),
      /^302 .*handtekening van het ID-token klopt niet/,
    );
  });

  it("refuses a return that does not belong to this browser's attempt, and a replayed one", async () => {
    assert.match(
      reason(await attempt({ username: 'controller', amr: ['pwd'] }, (p) => ({ ...p, state: 'vreemd' }))),
      /hoort niet bij een inlogpoging/,
    );
    assert.match(
      reason(await attempt({ username: 'controller', amr: ['pwd'] }, (p) => ({ ...p, cookie: 'zicht_oidc=onbekend' }))),
      /hoort niet bij een inlogpoging/,
    );
  });

  it('refuses a wrong nonce and an expired token', async () => {
    assert.match(
      reason(await attempt({ username: 'controller', amr: ['pwd'], nonceOverride: 'ander' })),
      /hoort niet bij deze inlogpoging/,
    );
    assert.match(
      reason(await attempt({ username: 'controller', amr: ['pwd'], exp: Math.floor(Date.now() / 1000) - 3600 })),
      /verlopen/,
    );
  });

  it('refuses someone the IdP knows but Zicht does not, and a person-level role without a second factor', async () => {
    assert.match(reason(await attempt({ username: 'onbekend', amr: ['pwd', 'mfa'] })), /geen account 'onbekend'/);
    assert.match(reason(await attempt({ username: 'analist', amr: ['pwd'] })), /geen tweede factor.*analist/);
    const log = await store.query<{ query: string }>(
      "SELECT query FROM audit_log WHERE event = 'login_mislukt' AND query LIKE 'OpenID Connect%'",
    );
    assert.ok(log.length >= 6, 'every refusal is in the access log');
  });

  it('logs in with a second factor reported by the IdP and gives a working session', async () => {
    const res = await attempt({ username: 'analist', amr: ['pwd', 'otp'] });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/overzicht');
    const session = String(res.headers['set-cookie']).match(/zicht_sessie=[^;]+/)![0];
    const me = (await f.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } })).json() as {
      username: string;
      mfaPassed: boolean;
      permissions: { person_level: boolean };
    };
    assert.deepEqual([me.username, me.mfaPassed, me.permissions.person_level], ['analist', true, true]);
    const [entry] = await store.query<{ query: string }>(
      "SELECT query FROM audit_log WHERE event = 'login' ORDER BY id DESC LIMIT 1",
    );
    assert.equal(entry!.query, 'via OpenID Connect, met tweede factor');
    const again = await f.app.inject({
      method: 'GET',
      url: String(res.raw.req.url),
      headers: { cookie: String(res.raw.req.headers.cookie) },
    });
    assert.match(reason(again), /hoort niet bij een inlogpoging/, 'the same return cannot be used twice');
  });

  it('finishes on another server of the installation (the attempt travels sealed in its cookie: no sticky sessions)', async () => {
    const other = await buildApp({
      store,
      dataDir: f.dataDir,
      key: TEST_KEY,
      oidc: client,
      rateLimitPerMinute: 100_000,
    });
    try {
      const start = await f.app.inject({ method: 'GET', url: '/api/v1/oidc/login' });
      const cookie = String(start.headers['set-cookie']).split(';')[0]!;
      assert.doesNotMatch(cookie, /verifier|nonce|state/, 'the cookie does not show what it holds');
      const p = idp.authorize(String(start.headers.location), { username: 'controller', amr: ['pwd'] });
      const url = `/api/v1/oidc/callback?code=${encodeURIComponent(p.code)}&state=${encodeURIComponent(p.state)}`;
      const res = await other.app.inject({ method: 'GET', url, headers: { cookie } });
      assert.equal(res.statusCode, 302, reason(res));
      assert.equal(res.headers.location, '/overzicht');
      assert.match(String(res.headers['set-cookie']), /zicht_sessie=/);
      const again = await other.app.inject({ method: 'GET', url, headers: { cookie } });
      assert.match(reason(again), /hoort niet bij een inlogpoging/, 'and only once');
      // sealed with another installation's key: not an attempt of this one
      const foreign = await buildApp({
        store,
        dataDir: f.dataDir,
        key: PseudonymKey.fromHex('ef'.repeat(32)),
        oidc: client,
        rateLimitPerMinute: 100_000,
      });
      try {
        const start2 = await f.app.inject({ method: 'GET', url: '/api/v1/oidc/login' });
        const cookie2 = String(start2.headers['set-cookie']).split(';')[0]!;
        const p2 = idp.authorize(String(start2.headers.location), { username: 'controller', amr: ['pwd'] });
        const url2 = `/api/v1/oidc/callback?code=${encodeURIComponent(p2.code)}&state=${encodeURIComponent(p2.state)}`;
        const res2 = await foreign.app.inject({ method: 'GET', url: url2, headers: { cookie: cookie2 } });
        assert.match(reason(res2), /hoort niet bij een inlogpoging/);
      } finally {
        await foreign.app.close();
      }
    } finally {
      await other.app.close();
    }
  });
});
