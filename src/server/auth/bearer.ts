/**
 * Reading a service token from a request (issue 17.4). Only `Authorization: Bearer <token>` counts:
 * the scheme is case-insensitive (RFC 9110 §11.1: `bearer` works), one or more spaces may separate it
 * from the token, nothing may follow it. Anything else in an Authorization header (Basic, an empty value,
 * two Authorization headers) is a presented-but-invalid credential and gets 401, never a silent fall-back
 * to anonymous. A token in the query string (`?access_token=`) or a form body is never read: it would end
 * up in proxy logs and browser history (RFC 6750 §2.3 advises against it).
 *
 * Cookie and bearer together: refused (401, `token_ongeldig`), whatever either is worth. A browser cannot
 * add an Authorization header to a cross-site request without a CORS preflight Zicht never grants, so
 * bearer-only requests are not CSRF-prone; a request with both is either a mistake or an attempt to mix two
 * identities, and neither should be resolved by picking one.
 */
import type { FastifyRequest } from 'fastify';

export type Presented =
  | { readonly kind: 'none' }
  /** an Authorization header that is not exactly one well-formed `Bearer <value>` */
  | { readonly kind: 'malformed' }
  | { readonly kind: 'bearer'; readonly value: string };

const BEARER = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*) +([A-Za-z0-9._~+/=-]+)$/;

/** What the request presents in its Authorization header(s), read from the raw headers (Node keeps only the first of two). */
export function presentedToken(req: FastifyRequest): Presented {
  const raw = req.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'authorization') values.push(raw[i + 1]!);
  }
  if (values.length === 0) return { kind: 'none' };
  if (values.length > 1) return { kind: 'malformed' };
  const m = BEARER.exec(values[0]!);
  if (!m || m[1]!.toLowerCase() !== 'bearer') return { kind: 'malformed' };
  return { kind: 'bearer', value: m[2]! };
}
