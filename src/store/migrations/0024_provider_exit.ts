/**
 * Migration 24 (issue 19, the provider-exit view): a provider that stops in a gemeente — bankrupt, its contract ended,
 * it stops of itself — marked with its last day, the reason in a code of a closed list, a note, who marked it and
 * when. One row per gemeente and provider: marking again changes it, withdrawing keeps the row (status 'ingetrokken')
 * and marking after that makes it active again. Every mark, change and withdrawal is kept in `provider_exit_change`
 * (as migration 23 keeps an agreement's), rows only added. Tenant-bound like every row; a provider's session reads
 * only its own exit (the same restrictive policy as the agreements): another provider's bankruptcy is not its
 * business. The trajectories it touches are read from the lens (app/providerExit.ts), not stored here.
 */
export const name = 'provider_exit';

export const sql = `
CREATE TABLE provider_exit (
  id            bigserial PRIMARY KEY,
  gemeente_code text NOT NULL REFERENCES gemeente(code),
  provider_agb  text NOT NULL REFERENCES provider(agb),
  end_date      date NOT NULL CHECK (end_date BETWEEN DATE '2000-01-01' AND DATE '2199-12-31'),
  reason        text NOT NULL
                CHECK (reason IN ('faillissement', 'contract_beeindigd', 'aanbieder_stopt', 'anders')),
  note          text CHECK (note IS NULL OR length(note) <= 2000),
  status        text NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'ingetrokken')),
  marked_on     date NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  changed_by    text,
  changed_at    timestamptz,
  UNIQUE (gemeente_code, provider_agb)
);
GRANT SELECT, INSERT, UPDATE ON provider_exit TO zicht_app;
GRANT USAGE ON SEQUENCE provider_exit_id_seq TO zicht_app;
ALTER TABLE provider_exit ENABLE ROW LEVEL SECURITY;
CREATE POLICY provider_exit_by_gemeente ON provider_exit
  USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));
CREATE POLICY provider_exit_by_provider ON provider_exit AS RESTRICTIVE
  USING (coalesce(current_setting('zicht.provider', true), '') = ''
         OR current_setting('zicht.provider', true) = provider_agb);

CREATE TABLE provider_exit_change (
  id            bigserial PRIMARY KEY,
  exit_id       bigint NOT NULL REFERENCES provider_exit(id),
  gemeente_code text NOT NULL REFERENCES gemeente(code),
  provider_agb  text NOT NULL REFERENCES provider(agb),
  action        text NOT NULL CHECK (action IN ('gemeld', 'gewijzigd', 'ingetrokken')),
  end_date      date NOT NULL,
  reason        text NOT NULL,
  note          text,
  changed_by    text NOT NULL,
  changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_exit_change_of ON provider_exit_change (exit_id, id);
GRANT SELECT, INSERT ON provider_exit_change TO zicht_app;
GRANT USAGE ON SEQUENCE provider_exit_change_id_seq TO zicht_app;
ALTER TABLE provider_exit_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY provider_exit_change_by_gemeente ON provider_exit_change
  USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));
CREATE POLICY provider_exit_change_by_provider ON provider_exit_change AS RESTRICTIVE
  USING (coalesce(current_setting('zicht.provider', true), '') = ''
         OR current_setting('zicht.provider', true) = provider_agb);
`;
