/**
 * Migration 23 (issue 19, red team on the agreements): every change of an agreement's status is kept, with its note,
 * who and when, so the next talk can see that something was first reopened and then done, and a note is never lost
 * by a later change. Rows are only added; the same tenant and provider rules as the agreement itself.
 */
export const name = 'agreement_history';

export const sql = `
CREATE TABLE provider_agreement_change (
  id            bigserial PRIMARY KEY,
  agreement_id  bigint NOT NULL REFERENCES provider_agreement(id),
  gemeente_code text NOT NULL REFERENCES gemeente(code),
  provider_agb  text NOT NULL REFERENCES provider(agb),
  status        text NOT NULL CHECK (status IN ('open', 'afgerond', 'vervallen')),
  note          text,
  changed_by    text NOT NULL,
  changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_agreement_change_of ON provider_agreement_change (agreement_id, id);
GRANT SELECT, INSERT ON provider_agreement_change TO zicht_app;
GRANT USAGE ON SEQUENCE provider_agreement_change_id_seq TO zicht_app;
ALTER TABLE provider_agreement_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY provider_agreement_change_by_gemeente ON provider_agreement_change
  USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));
CREATE POLICY provider_agreement_change_by_provider ON provider_agreement_change AS RESTRICTIVE
  USING (coalesce(current_setting('zicht.provider', true), '') = ''
         OR current_setting('zicht.provider', true) = provider_agb);
`;
