/**
 * OpenID Connect log-in (authorization code flow with PKCE) for municipalities with their own
 * identity provider. The IdP says who someone is; Zicht still decides what they may see: the
 * account (role and scopes) must exist in Zicht under the name the IdP reports. A second factor
 * counts when the IdP reports one in `amr`; roles that see person-level data need it.
 * Configured by environment: ZICHT_OIDC_ISSUER, ZICHT_OIDC_CLIENT_ID, ZICHT_OIDC_CLIENT_SECRET,
 * optional ZICHT_OIDC_REDIRECT_URI, ZICHT_OIDC_USERNAME_CLAIM (default preferred_username),
 * ZICHT_OIDC_LABEL (the button text).
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  randomBytes,
  verify as verifySignature,
  type JsonWebKey,
} from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../../domain/errors.js';
import type { PseudonymKey } from '../../domain/pseudonym.js';

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly usernameClaim: string;
  readonly label: string;
}

export function oidcFromEnv(env: NodeJS.ProcessEnv, defaultRedirect: string): OidcConfig | null {
  if (!env.ZICHT_OIDC_ISSUER) return null;
  if (!env.ZICHT_OIDC_CLIENT_ID || !env.ZICHT_OIDC_CLIENT_SECRET)
    throw new Error('ZICHT_OIDC_ISSUER is set: set ZICHT_OIDC_CLIENT_ID and ZICHT_OIDC_CLIENT_SECRET too');
  return {
    issuer: env.ZICHT_OIDC_ISSUER.replace(/\/$/, ''),
    clientId: env.ZICHT_OIDC_CLIENT_ID,
    clientSecret: env.ZICHT_OIDC_CLIENT_SECRET,
    redirectUri: env.ZICHT_OIDC_REDIRECT_URI ?? defaultRedirect,
    usernameClaim: env.ZICHT_OIDC_USERNAME_CLAIM ?? 'preferred_username',
    label: env.ZICHT_OIDC_LABEL ?? 'Inloggen met uw organisatie-account',
  };
}

export class OidcError extends UserError<'oidc_fout'> {
  constructor(nl: string, en: string) {
    super('oidc_fout', { nl, en });
  }
}

const Discovery = z
  .object({
    issuer: z.string(),
    authorization_endpoint: z.string().url(),
    token_endpoint: z.string().url(),
    jwks_uri: z.string().url(),
  })
  .passthrough();
type Discovery = z.infer<typeof Discovery>;
const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
const TokenResponse = z.object({ id_token: z.string() }).passthrough();
const Claims = z
  .object({
    iss: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    exp: z.number(),
    iat: z.number(),
    nonce: z.string().optional(),
    amr: z.array(z.string()).optional(),
  })
  .passthrough();
export type IdClaims = z.infer<typeof Claims>;

const b64url = (buf: Buffer): string => buf.toString('base64url');

/** Random values for one log-in attempt; the verifier leaves the server only sealed (sealAttempt). */
export function newAttempt(): { state: string; nonce: string; verifier: string; challenge: string } {
  const verifier = b64url(randomBytes(32));
  return {
    state: b64url(randomBytes(24)),
    nonce: b64url(randomBytes(24)),
    verifier,
    challenge: b64url(createHash('sha256').update(verifier).digest()),
  };
}

export class OidcClient {
  private discovery: Discovery | null = null;
  private keys: Array<Record<string, unknown>> = [];

  constructor(
    readonly config: OidcConfig,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  private async json<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new OidcError(
        `de identiteitsprovider is niet bereikbaar (${(err as Error).message})`,
        `the identity provider cannot be reached (${(err as Error).message})`,
      );
    }
    if (!res.ok)
      throw new OidcError(
        `de identiteitsprovider antwoordde ${res.status} op ${new URL(url).pathname}`,
        `the identity provider answered ${res.status}`,
      );
    const parsed = schema.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      throw new OidcError(
        `onverwacht antwoord van de identiteitsprovider (${new URL(url).pathname})`,
        'unexpected answer from the identity provider',
      );
    return parsed.data;
  }

  async discover(): Promise<Discovery> {
    if (!this.discovery) {
      const d = await this.json(`${this.config.issuer}/.well-known/openid-configuration`, Discovery);
      if (d.issuer.replace(/\/$/, '') !== this.config.issuer)
        throw new OidcError(
          'de issuer in de configuratie van de identiteitsprovider wijkt af',
          'issuer mismatch in discovery',
        );
      this.discovery = d;
    }
    return this.discovery;
  }

  async authorizationUrl(a: { state: string; nonce: string; challenge: string }): Promise<string> {
    const d = await this.discover();
    const url = new URL(d.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.config.redirectUri,
      scope: 'openid profile email',
      state: a.state,
      nonce: a.nonce,
      code_challenge: a.challenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** Exchanges the code and returns the verified claims of the ID token. */
  async finish(code: string, verifier: string, nonce: string, now: Date): Promise<IdClaims> {
    const d = await this.discover();
    const tokens = await this.json(d.token_endpoint, TokenResponse, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.config.redirectUri,
        code_verifier: verifier,
      }).toString(),
    });
    return this.verifyIdToken(tokens.id_token, nonce, now);
  }

  async verifyIdToken(token: string, nonce: string, now: Date): Promise<IdClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new OidcError('het ID-token is geen JWT', 'the ID token is not a JWT');
    const [h, p, sig] = parts as [string, string, string];
    let header: { alg?: string; kid?: string };
    let payload: unknown;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      throw new OidcError('het ID-token is niet te lezen', 'the ID token cannot be read');
    }
    const algs: Record<string, string> = { RS256: 'sha256', ES256: 'sha256', PS256: 'sha256' };
    if (!header.alg || !(header.alg in algs))
      throw new OidcError(
        `ondertekening ${header.alg ?? '(geen)'} wordt niet aanvaard`,
        `signature algorithm ${header.alg} not accepted`,
      );
    const key = await this.key(header.kid);
    const ok = verifySignature(
      algs[header.alg]!,
      Buffer.from(`${h}.${p}`),
      header.alg === 'ES256'
        ? { key, dsaEncoding: 'ieee-p1363' }
        : header.alg === 'PS256'
          ? { key, padding: constants.RSA_PKCS1_PSS_PADDING }
          : key,
      Buffer.from(sig, 'base64url'),
    );
    if (!ok) throw new OidcError('de handtekening van het ID-token klopt niet', 'the ID token signature is invalid');
    const c = Claims.safeParse(payload);
    if (!c.success) throw new OidcError('het ID-token mist verplichte velden', 'the ID token lacks required claims');
    const claims = c.data;
    const t = Math.floor(now.getTime() / 1000);
    if (claims.iss.replace(/\/$/, '') !== this.config.issuer)
      throw new OidcError('het ID-token komt van een andere uitgever', 'wrong issuer');
    if (!(Array.isArray(claims.aud) ? claims.aud : [claims.aud]).includes(this.config.clientId))
      throw new OidcError('het ID-token is niet voor Zicht bedoeld', 'wrong audience');
    if (claims.exp < t - 60) throw new OidcError('het ID-token is verlopen', 'the ID token has expired');
    if (claims.iat > t + 60)
      throw new OidcError('het ID-token komt uit de toekomst (klok?)', 'the ID token is issued in the future');
    if (claims.nonce !== nonce) throw new OidcError('het ID-token hoort niet bij deze inlogpoging', 'nonce mismatch');
    return claims;
  }

  private async key(kid: string | undefined): Promise<ReturnType<typeof createPublicKey>> {
    const pick = () => this.keys.find((k) => (kid === undefined || k.kid === kid) && k.use !== 'enc');
    if (!pick()) {
      // keys rotate: fetch the set again when the token names a key we do not know
      this.keys = (await this.json((await this.discover()).jwks_uri, Jwks)).keys;
    }
    const jwk = pick();
    if (!jwk)
      throw new OidcError('de sleutel van het ID-token is onbekend bij de identiteitsprovider', 'unknown signing key');
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  }
}

/** A second factor as reported by the IdP (RFC 8176 method values). */
export function hadSecondFactor(c: IdClaims): boolean {
  return (c.amr ?? []).some((m) => ['mfa', 'otp', 'hwk', 'swk', 'sms', 'fido', 'face', 'fpt'].includes(m));
}

/** One log-in attempt as the browser carries it between `/oidc/login` and `/oidc/callback`. */
export interface SealedAttempt {
  readonly id: string;
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly at: number;
}

const ATTEMPT_AAD = Buffer.from('zicht_oidc attempt v1', 'utf8');
const attemptKey = (key: PseudonymKey): Buffer => key.derive('zicht oidc-attempt v1');

/**
 * The attempt sealed into its cookie (AES-256-GCM, key derived from the pseudonymisation secret), so whichever
 * server the identity provider sends the browser back to can finish the log-in (docs/deployment.md: no sticky
 * sessions) and nobody, the browser included, can read the PKCE verifier and nonce or forge an attempt.
 */
export function sealAttempt(key: PseudonymKey, a: SealedAttempt): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', attemptKey(key), iv);
  c.setAAD(ATTEMPT_AAD);
  const body = Buffer.concat([c.update(JSON.stringify(a), 'utf8'), c.final()]);
  return b64url(Buffer.concat([iv, body, c.getAuthTag()]));
}

/** The attempt in a cookie value, or null when it was not sealed by this installation or is damaged. */
export function openAttempt(key: PseudonymKey, value: string): SealedAttempt | null {
  const raw = Buffer.from(value, 'base64url');
  if (raw.length < 12 + 16 + 2) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', attemptKey(key), raw.subarray(0, 12));
    d.setAAD(ATTEMPT_AAD);
    d.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
    const v = JSON.parse(text) as Partial<SealedAttempt>;
    if (
      typeof v.id !== 'string' ||
      typeof v.state !== 'string' ||
      typeof v.nonce !== 'string' ||
      typeof v.verifier !== 'string' ||
      typeof v.at !== 'number'
    )
      return null;
    return { id: v.id, state: v.state, nonce: v.nonce, verifier: v.verifier, at: v.at };
  } catch {
    return null;
  }
}
