/**
 * Migration 6: what the web application needs for access control and the access log.
 * - sessions live in the database (hashed token only), so a restart or a second server process
 *   keeps them and a logout or disable ends them everywhere;
 * - login lockout counters on app_user;
 * - audit_log gets a gap-free sequence number next to the hash chain, so `zicht audit verify`
 *   can tell a removed entry from a changed one;
 * - a second, restrictive row-level policy narrows trajectories and claim lines to one provider
 *   (role aanbieder) or one team (role teammanager) on top of the gemeente scope. Empty setting =
 *   no narrowing, so importers and aggregate jobs are unaffected.
 */
export const name = 'web_access';

export const sql = `
ALTER TABLE app_user ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN locked_until timestamptz;
ALTER TABLE app_user ADD COLUMN totp_required boolean NOT NULL DEFAULT false;
ALTER TABLE app_user ADD COLUMN totp_last_step bigint;

CREATE TABLE app_session (
  token_hash  text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  last_seen   timestamptz NOT NULL DEFAULT now(),
  mfa_passed  boolean NOT NULL DEFAULT false,
  origin      text
);
CREATE INDEX app_session_user ON app_session (user_id);

ALTER TABLE audit_log ADD COLUMN seq bigint;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);

CREATE OR REPLACE FUNCTION zicht_narrow_allows(setting text, value text) RETURNS boolean
  LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(current_setting(setting, true), '') = '' OR value = current_setting(setting, true)
$fn$;

CREATE POLICY trajectory_by_provider ON trajectory AS RESTRICTIVE
  USING (zicht_narrow_allows('zicht.provider', provider_agb) AND zicht_narrow_allows('zicht.team', team_code));
CREATE POLICY claim_line_by_provider ON claim_line AS RESTRICTIVE
  USING (zicht_narrow_allows('zicht.provider', provider_agb));
CREATE POLICY youth_by_team ON youth AS RESTRICTIVE
  USING (zicht_narrow_allows('zicht.team', team_code));

-- Stories (vertellen): an explanation by the gemeente, or a story from a client or professional
-- (Vertelpunt-style), which may only be kept with their consent.
ALTER TABLE narrative ADD COLUMN source text NOT NULL DEFAULT 'duiding' CHECK (source IN ('duiding','client','professional'));
ALTER TABLE narrative ADD COLUMN consent boolean NOT NULL DEFAULT false;
ALTER TABLE narrative ADD CONSTRAINT narrative_story_consent CHECK (source = 'duiding' OR consent);
CREATE INDEX narrative_lookup ON narrative (gemeente_code, indicator_id, period);
`;
