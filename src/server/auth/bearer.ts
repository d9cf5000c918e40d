/**
 * Reading a service token from a request (issue 17.4). `Authorization: Bearer <token>` counts everywhere:
 * the scheme is case-insensitive (RFC 9110 §11.1: `bearer` works), one or more spaces may separate it
 * from the token, nothing may follow it. `Authorization: Basic base64(<name>:<token>)` (RFC 7617) is read too,
 * with the token as the password and any user name (the token's name, say), because Power BI's and Excel's
 * OData connector and the Power BI service's scheduled refresh cannot send a bearer header; the server accepts it
 * on the OData feed only (app.ts: a browser keeps Basic credentials and sends them by itself, so they are kept
 * to the read-only feed). A person's password in Basic is never looked up as one: only the token check runs.
 * Anything else in an Authorization header (another scheme, Basic that is not well-formed base64 of
 * `name:secret`, an empty value, two Authorization headers) is a presented-but-invalid credential and gets
 * 401, never a silent fall-back to anonymous. A token in the query string (`?access_token=`) or a form body is
 * never read: it would end up in proxy logs and browser history (RFC 6750 §2.3 advises against it).
 *
 * Cookie and token together: refused (401, `token_ongeldig`), whatever either is worth. A browser cannot
 * add an Authorization header to a cross-site request without a CORS preflight Zicht never grants, so
 * bearer-only requests are not CSRF-prone; a request with both is either a mistake or an attempt to mix two
 * identities, and neither should be resolved by picking one.
 */
import type { FastifyRequest } from 'fastify';

export type Presented =
  | { readonly kind: 'none' }
  /** an Authorization header that is not exactly one well-formed `Bearer <value>` or `Basic <base64 of name:value>` */
  | { readonly kind: 'malformed' }
  | { readonly kind: 'bearer'; readonly value: string }
  /** the password of Basic; the user name is not kept (it may be anything, and is never logged) */
  | { readonly kind: 'basic'; readonly value: string };

const CREDENTIALS = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*) +([A-Za-z0-9._~+/=-]+)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The password of `Basic <base64>`: canonical base64 of valid UTF-8 holding a colon; null for anything else. */
export function basicPassword(encoded: string): string | null {
  if (encoded.length === 0 || encoded.length > 4096 || !BASE64.test(encoded)) return null;
  let text: string;
  try {
    text = utf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    return null;
  }
  const colon = text.indexOf(':');
  return colon < 0 ? null : text.slice(colon + 1);
}

/** What the request presents in its Authorization header(s), read from the raw headers (Node keeps only the first of two). */
export function presentedToken(req: FastifyRequest): Presented {
  const raw = req.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'authorization') values.push(raw[i + 1]!);
  }
  if (values.length === 0) return { kind: 'none' };
  if (values.length > 1) return { kind: 'malformed' };
  const m = CREDENTIALS.exec(values[0]!);
  const scheme = m?.[1]!.toLowerCase();
  if (m && scheme === 'bearer') return { kind: 'bearer', value: m[2]! };
  if (m && scheme === 'basic') {
    const value = basicPassword(m[2]!);
    return value === null ? { kind: 'malformed' } : { kind: 'basic', value };
  }
  return { kind: 'malformed' };
}
