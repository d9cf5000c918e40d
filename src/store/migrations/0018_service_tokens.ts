/**
 * Migration 18 (issue 17.4): service tokens. A nightly import or a data-warehouse pull authenticates with
 * `Authorization: Bearer <token>` instead of a person's log-in. A token belongs to a named service
 * account with one role, its scopes (the same kinds as user_scope) and an expiry of at most a year.
 * Only the SHA-256 of the secret is stored (like app_session.token_hash): a copy of the database cannot be
 * used to call the API. Revoking keeps the row (revoked_at), so the access log's `token:<name>` always names
 * one token: a name is never reused.
 * A role that sees person-level data (analist, teammanager, aanbieder, beheerder) needs a recorded reason
 * (the explicit decision, also in the access log).
 * Like app_user and app_session this is a system table: the owner reads it, zicht_app (the role user-facing
 * reads run as) gets no grant, and row-level security without a policy keeps it closed to every other role.
 */
export const name = 'service_tokens';

export const sql = `
CREATE TABLE service_token (
  id                  bigserial PRIMARY KEY,
  name                text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9._-]{3,40}$'),
  token_hash          text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  role                text NOT NULL CHECK (role IN ('beheerder','analist','controller','teammanager','contractmanager','aanbieder','bestuur')),
  scopes              jsonb NOT NULL CHECK (jsonb_typeof(scopes) = 'array' AND jsonb_array_length(scopes) > 0),
  person_level_reason text,
  created_at          timestamptz NOT NULL,
  created_by          text NOT NULL,
  expires_at          timestamptz NOT NULL,
  revoked_at          timestamptz,
  revoked_by          text,
  last_used_at        timestamptz,
  CONSTRAINT service_token_expiry CHECK (expires_at > created_at AND expires_at <= created_at + interval '366 days'),
  CONSTRAINT service_token_person_level CHECK (
    role NOT IN ('analist','teammanager','aanbieder','beheerder')
    OR length(btrim(coalesce(person_level_reason, ''))) > 0)
);
REVOKE ALL ON service_token FROM zicht_app;
ALTER TABLE service_token ENABLE ROW LEVEL SECURITY;
`;
