/**
 * Migration 22 (issue 19): what was agreed in a quarterly talk with a provider (kwartaalgesprek), per gemeente,
 * provider and quarter, with an owner, a date and a status, so the next talk opens with the last one's agreements.
 * Free text written by the gemeente's people about the provider: tenant-bound like every row, and a provider's session
 * reads only the agreements made with it.
 */
export const name = 'provider_agreements';

export const sql = `
CREATE TABLE provider_agreement (
  id            bigserial PRIMARY KEY,
  gemeente_code text NOT NULL REFERENCES gemeente(code),
  provider_agb  text NOT NULL REFERENCES provider(agb),
  quarter       text NOT NULL CHECK (quarter ~ '^[0-9]{4}Q[1-4]$'),
  body          text NOT NULL CHECK (length(body) BETWEEN 3 AND 2000),
  owner         text,
  due_date      date,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'afgerond', 'vervallen')),
  status_note   text,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  status_by     text,
  status_at     timestamptz
);
CREATE INDEX provider_agreement_talk ON provider_agreement (gemeente_code, provider_agb, quarter);
GRANT SELECT, INSERT, UPDATE ON provider_agreement TO zicht_app;
GRANT USAGE ON SEQUENCE provider_agreement_id_seq TO zicht_app;
ALTER TABLE provider_agreement ENABLE ROW LEVEL SECURITY;
CREATE POLICY provider_agreement_by_gemeente ON provider_agreement
  USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));
CREATE POLICY provider_agreement_by_provider ON provider_agreement AS RESTRICTIVE
  USING (coalesce(current_setting('zicht.provider', true), '') = ''
         OR current_setting('zicht.provider', true) = provider_agb);
`;
