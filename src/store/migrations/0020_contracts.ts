/**
 * Migration 20 (issue 19): money as it is really contracted. Contracts with their financing form (p×q is one of six),
 * result tranches, tariffs per product and period, and the payments made outside iJw (lump-sum instalments,
 * tranches, PGB through the SVB, subsidies). A regional contract is stored once per gemeente that is party to it,
 * so every table here is an ordinary tenant table: `gemeente_code` and the policy `zicht_scope_allows(gemeente_code)`.
 * Tariffs and tranches belong to their gemeente's copy of the contract (deleted with it); a payment keeps its
 * contract (a contract copy with payments cannot disappear). Amounts are eurocent bigint, like claim lines.
 */
export const name = 'contracts';

const tables = ['contract', 'contract_tranche', 'contract_tariff', 'payment'];

export const sql = `
CREATE TABLE contract (
  gemeente_code      text NOT NULL REFERENCES gemeente(code),
  contract_id        text NOT NULL,
  name               text,
  provider_agbs      text[] NOT NULL DEFAULT '{}',
  consortium         text,
  perceel            text,
  financing_form     text NOT NULL CHECK (financing_form IN
                       ('inspanningsgericht','outputgericht','taakgericht','resultaat','pgb','subsidie')),
  -- normalised text of the tranche rule of a resultaat contract: '50 start | 50 doelrealisatie' or 'maandelijks'
  tranche_rule       text,
  product_categories text[] NOT NULL DEFAULT '{}',
  product_codes      text[] NOT NULL DEFAULT '{}',
  ceiling_cents      bigint CHECK (ceiling_cents >= 0),
  start_date         date NOT NULL,
  -- end of the initial term; each extension option adds whole years, max_end_date is the end of the last one
  end_date           date NOT NULL,
  extension_years    integer[] NOT NULL DEFAULT '{}',
  extensions_used    integer NOT NULL DEFAULT 0 CHECK (extensions_used >= 0),
  current_end_date   date NOT NULL,
  max_end_date       date NOT NULL,
  evaluation_dates   date[] NOT NULL DEFAULT '{}',
  -- every gemeente that is party (the same list on each gemeente's copy)
  parties            text[] NOT NULL,
  source_run_id      bigint REFERENCES import_run(id),
  source_ref         text,
  PRIMARY KEY (gemeente_code, contract_id),
  CHECK (end_date >= start_date),
  CHECK (current_end_date >= end_date AND max_end_date >= current_end_date),
  CHECK ((financing_form = 'resultaat') = (tranche_rule IS NOT NULL)),
  CHECK (cardinality(provider_agbs) > 0 OR consortium IS NOT NULL),
  CHECK (gemeente_code = ANY (parties))
);
CREATE INDEX contract_id ON contract (contract_id);

CREATE TABLE contract_tranche (
  gemeente_code text NOT NULL,
  contract_id   text NOT NULL,
  tranche_no    integer NOT NULL CHECK (tranche_no >= 1),
  share_pct     numeric(5,2) NOT NULL CHECK (share_pct > 0 AND share_pct <= 100),
  moment        text NOT NULL CHECK (moment IN ('start','evaluatie','einde','doelrealisatie')),
  source_run_id bigint REFERENCES import_run(id),
  source_ref    text,
  PRIMARY KEY (gemeente_code, contract_id, tranche_no),
  FOREIGN KEY (gemeente_code, contract_id) REFERENCES contract (gemeente_code, contract_id) ON DELETE CASCADE
);

CREATE TABLE contract_tariff (
  gemeente_code    text NOT NULL,
  contract_id      text NOT NULL,
  product_category text NOT NULL,
  -- '' = the tariff holds for the whole category
  product_code     text NOT NULL DEFAULT '',
  unit             text,
  tariff_cents     bigint NOT NULL CHECK (tariff_cents >= 0),
  valid_from       date NOT NULL,
  valid_to         date,
  source_run_id    bigint REFERENCES import_run(id),
  source_ref       text,
  PRIMARY KEY (gemeente_code, contract_id, product_category, product_code, valid_from),
  FOREIGN KEY (gemeente_code, contract_id) REFERENCES contract (gemeente_code, contract_id) ON DELETE CASCADE,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE payment (
  gemeente_code   text NOT NULL,
  payment_id      text NOT NULL,
  contract_id     text NOT NULL,
  period_start    date NOT NULL,
  period_end      date NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('termijn','voorschot','tranche','pgb','subsidie')),
  tranche_no      integer CHECK (tranche_no >= 1),
  amount_cents    bigint NOT NULL,
  youth_pseudonym text,
  trajectory_id   text,
  source_run_id   bigint REFERENCES import_run(id),
  source_ref      text,
  PRIMARY KEY (gemeente_code, payment_id),
  FOREIGN KEY (gemeente_code, contract_id) REFERENCES contract (gemeente_code, contract_id),
  CHECK (period_end >= period_start),
  CHECK ((kind = 'tranche') = (tranche_no IS NOT NULL))
);
CREATE INDEX payment_contract ON payment (gemeente_code, contract_id);

${tables
  .map(
    (t) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO zicht_app;
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_by_gemeente ON ${t} USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));`,
  )
  .join('\n')}

-- Narrowing below the gemeente (like migration 6): a provider's session sees only the contracts it is party to, their
-- tariffs, tranches and payments; a team's session sees no payment tied to one youth (those are not team-bound).
CREATE POLICY contract_by_provider ON contract AS RESTRICTIVE
  USING (coalesce(current_setting('zicht.provider', true), '') = ''
         OR current_setting('zicht.provider', true) = ANY (provider_agbs));
CREATE POLICY contract_tranche_by_provider ON contract_tranche AS RESTRICTIVE
  USING (EXISTS (SELECT 1 FROM contract c
                  WHERE c.gemeente_code = contract_tranche.gemeente_code AND c.contract_id = contract_tranche.contract_id));
CREATE POLICY contract_tariff_by_provider ON contract_tariff AS RESTRICTIVE
  USING (EXISTS (SELECT 1 FROM contract c
                  WHERE c.gemeente_code = contract_tariff.gemeente_code AND c.contract_id = contract_tariff.contract_id));
CREATE POLICY payment_by_provider ON payment AS RESTRICTIVE
  USING (EXISTS (SELECT 1 FROM contract c WHERE c.gemeente_code = payment.gemeente_code AND c.contract_id = payment.contract_id)
         AND (coalesce(current_setting('zicht.team', true), '') = '' OR youth_pseudonym IS NULL));
`;
