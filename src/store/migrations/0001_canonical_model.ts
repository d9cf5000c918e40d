/**
 * Migration 1: the canonical model of youth-care data (docs/domain/README.md) with row-level
 * security by gemeente from the start. Codes are text (leading zeros), amounts are eurocent bigint,
 * dates are calendar dates. Every canonical record carries its lineage: the import run (and through
 * it the raw file's content hash) and the line or element it came from.
 */
export const name = 'canonical_model';

const tenantTables = [
  'wijk',
  'team',
  'youth',
  'trajectory',
  'ijw_event',
  'claim_line',
  'basic_support_episode',
  'population',
  'budget',
  'satisfaction',
  'narrative',
  'goal',
  'quarantine',
];

export const sql = `
-- The restricted role user-facing reads run as (SET LOCAL ROLE); RLS applies to it.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zicht_app') THEN CREATE ROLE zicht_app NOLOGIN; END IF;
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT zicht_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- superusers and the role itself need no grant
END $$;

-- Scope of the current transaction: '*' or a comma list of gemeente codes.
CREATE OR REPLACE FUNCTION zicht_scope_allows(code text) RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(current_setting('zicht.scope', true), '') = '*'
      OR code = ANY (string_to_array(coalesce(current_setting('zicht.scope', true), ''), ','))
$fn$;

-- Raw inputs, kept unchanged and content-addressed; import runs with their report.
CREATE TABLE raw_input (
  sha256        text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name     text NOT NULL,
  byte_size     bigint NOT NULL,
  stored_path   text NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE import_run (
  id            bigserial PRIMARY KEY,
  raw_sha256    text NOT NULL REFERENCES raw_input(sha256),
  record_type   text NOT NULL,
  status        text NOT NULL CHECK (status IN ('running','committed','rejected','failed')),
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  rows_read     integer NOT NULL DEFAULT 0,
  rows_accepted integer NOT NULL DEFAULT 0,
  rows_rejected integer NOT NULL DEFAULT 0,
  options       jsonb NOT NULL DEFAULT '{}'::jsonb,
  report        jsonb NOT NULL DEFAULT '{}'::jsonb
);
-- The same file of the same type is committed at most once: importing it again changes nothing.
CREATE UNIQUE INDEX import_run_once ON import_run (raw_sha256, record_type) WHERE status = 'committed';

-- Organisation scope: regio → gemeente → wijk / team.
CREATE TABLE region (
  code text PRIMARY KEY,
  name text NOT NULL,
  demo boolean NOT NULL DEFAULT false
);

CREATE TABLE gemeente (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
  name        text NOT NULL,
  region_code text REFERENCES region(code),
  demo        boolean NOT NULL DEFAULT false
);

CREATE TABLE wijk (
  gemeente_code text NOT NULL REFERENCES gemeente(code),
  code          text NOT NULL,
  name          text NOT NULL,
  PRIMARY KEY (gemeente_code, code)
);

CREATE TABLE team (
  gemeente_code text NOT NULL REFERENCES gemeente(code),
  code          text NOT NULL,
  name          text NOT NULL,
  PRIMARY KEY (gemeente_code, code)
);

CREATE TABLE provider (
  agb        text PRIMARY KEY CHECK (agb ~ '^[0-9]{8}$'),
  name       text,
  size_class text
);

-- Youth: pseudonym only, never the BSN.
CREATE TABLE youth (
  gemeente_code  text NOT NULL REFERENCES gemeente(code),
  pseudonym      text NOT NULL,
  birth_month    text CHECK (birth_month ~ '^[0-9]{4}-[0-9]{2}$'),
  gender         text CHECK (gender IN ('0','1','2')),
  wijk_code      text,
  team_code      text,
  secret_address boolean NOT NULL DEFAULT false,
  source_run_id  bigint REFERENCES import_run(id),
  source_ref     text,
  PRIMARY KEY (gemeente_code, pseudonym)
);

-- Trajectory: one allocated product for one youth, from start to end.
CREATE TABLE trajectory (
  gemeente_code      text NOT NULL REFERENCES gemeente(code),
  trajectory_id      text NOT NULL,
  youth_pseudonym    text NOT NULL,
  provider_agb       text,
  product_category   text NOT NULL,
  product_code       text,
  intensity          text CHECK (intensity IN ('A','B','C','D','E','F','G','H','I')),
  referrer_type      text,
  referrer_detail    text,
  team_code          text,
  decision_number    text,
  allocation_number  text,
  request_date       date,
  allocation_date    date,
  allocation_start   date,
  allocation_end     date,
  start_date         date,
  end_date           date,
  end_reason         text,
  goal_attainment    text CHECK (goal_attainment IN ('ja','deels','nee')),
  volume             numeric,
  unit               text,
  frequency          text,
  budget_cents       bigint,
  tariff_cents       bigint,
  -- true when start/end come from the allocation because actual start/stop messages are missing
  dates_from_allocation boolean NOT NULL DEFAULT false,
  -- JZ002 reason 13: withdrawn, never counts
  withdrawn          boolean NOT NULL DEFAULT false,
  source_run_id      bigint REFERENCES import_run(id),
  source_ref         text,
  PRIMARY KEY (gemeente_code, trajectory_id),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX trajectory_youth ON trajectory (gemeente_code, youth_pseudonym);
CREATE INDEX trajectory_allocation ON trajectory (allocation_number);

-- iJw events, kept as a log and folded into trajectories; arrival order carries no meaning.
CREATE TABLE ijw_event (
  id             bigserial PRIMARY KEY,
  gemeente_code  text NOT NULL REFERENCES gemeente(code),
  message_type   text NOT NULL,
  event_type     text NOT NULL,
  logical_key    text NOT NULL,
  delivery_status text,
  event_date     date,
  payload        jsonb NOT NULL DEFAULT '{}'::jsonb,
  source_run_id  bigint REFERENCES import_run(id),
  source_ref     text
);
CREATE INDEX ijw_event_key ON ijw_event (gemeente_code, logical_key);

-- Claim lines (declaratie), matched to a trajectory through the allocation number.
CREATE TABLE claim_line (
  gemeente_code     text NOT NULL REFERENCES gemeente(code),
  claim_id          text NOT NULL,
  trajectory_id     text,
  allocation_number text,
  youth_pseudonym   text,
  provider_agb      text,
  product_category  text,
  product_code      text,
  period_start      date NOT NULL,
  period_end        date NOT NULL,
  volume            numeric,
  unit              text,
  amount_cents      bigint NOT NULL,
  debit_credit      text NOT NULL DEFAULT 'D' CHECK (debit_credit IN ('D','C')),
  status            text NOT NULL DEFAULT 'ingediend' CHECK (status IN ('ingediend','toegekend','afgewezen')),
  source_run_id     bigint REFERENCES import_run(id),
  source_ref        text,
  PRIMARY KEY (gemeente_code, claim_id),
  CHECK (period_end >= period_start)
);

-- Basic support (basishulp) without a formal decision.
CREATE TABLE basic_support_episode (
  gemeente_code   text NOT NULL REFERENCES gemeente(code),
  episode_id      text NOT NULL,
  youth_pseudonym text NOT NULL,
  wijk_code       text,
  team_code       text,
  start_date      date NOT NULL,
  end_date        date,
  life_domains    text[] NOT NULL DEFAULT '{}',
  source_run_id   bigint REFERENCES import_run(id),
  source_ref      text,
  PRIMARY KEY (gemeente_code, episode_id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);

-- Population per gemeente (and wijk; '' = whole gemeente) per year and age band.
CREATE TABLE population (
  gemeente_code text NOT NULL REFERENCES gemeente(code),
  wijk_code     text NOT NULL DEFAULT '',
  year          integer NOT NULL,
  age_from      integer NOT NULL,
  age_to        integer NOT NULL,
  count         integer NOT NULL CHECK (count >= 0),
  source_run_id bigint REFERENCES import_run(id),
  source_ref    text,
  PRIMARY KEY (gemeente_code, wijk_code, year, age_from, age_to),
  CHECK (age_to >= age_from)
);

-- Context figures (SES, poverty, inhabitants, ...) per gemeente per year; public data.
CREATE TABLE context_figure (
  gemeente_code text NOT NULL,
  year          integer NOT NULL,
  key           text NOT NULL,
  value         numeric,
  status        text,
  source        text NOT NULL,
  PRIMARY KEY (gemeente_code, year, key)
);

-- Budget and realisation per gemeente per year per taakveld or budget post.
CREATE TABLE budget (
  gemeente_code  text NOT NULL REFERENCES gemeente(code),
  year           integer NOT NULL,
  budget_line    text NOT NULL,
  budget_cents   bigint,
  realised_cents bigint,
  source_run_id  bigint REFERENCES import_run(id),
  source_ref     text,
  PRIMARY KEY (gemeente_code, year, budget_line)
);

-- Satisfaction scores (1–10) per trajectory or per survey.
CREATE TABLE satisfaction (
  id            bigserial PRIMARY KEY,
  gemeente_code text NOT NULL REFERENCES gemeente(code),
  period        text NOT NULL,
  provider_agb  text,
  trajectory_id text,
  score         integer NOT NULL CHECK (score BETWEEN 1 AND 10),
  source_run_id bigint REFERENCES import_run(id),
  source_ref    text
);

-- Narratives (duiding): text beside an indicator, scope and period.
CREATE TABLE narrative (
  id             bigserial PRIMARY KEY,
  gemeente_code  text NOT NULL REFERENCES gemeente(code),
  indicator_id   text NOT NULL,
  period         text NOT NULL,
  scope_kind     text NOT NULL DEFAULT 'gemeente' CHECK (scope_kind IN ('gemeente','team','aanbieder','regio')),
  scope_key      text,
  author         text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  body           text NOT NULL,
  value_snapshot jsonb,
  visibility     text NOT NULL DEFAULT 'intern' CHECK (visibility IN ('intern','extern'))
);

-- Goals: indicator + scope + target + deadline + baseline; status is derived, never stored.
CREATE TABLE goal (
  id              bigserial PRIMARY KEY,
  gemeente_code   text NOT NULL REFERENCES gemeente(code),
  indicator_id    text NOT NULL,
  scope_kind      text NOT NULL DEFAULT 'gemeente',
  scope_key       text,
  title           text NOT NULL,
  target_value    numeric NOT NULL,
  baseline_value  numeric,
  baseline_period text,
  deadline        date NOT NULL,
  owner           text
);

-- Rejected records wait here with their reasons (personal fields masked).
CREATE TABLE quarantine (
  id            bigserial PRIMARY KEY,
  gemeente_code text,
  import_run_id bigint NOT NULL REFERENCES import_run(id),
  source_ref    text NOT NULL,
  record        jsonb NOT NULL,
  errors        jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved'))
);

-- Editable care-form mapping of product categories, per region ('*' = default).
CREATE TABLE care_form_mapping (
  region_code      text NOT NULL DEFAULT '*',
  product_category text NOT NULL,
  care_form        text NOT NULL CHECK (care_form IN ('zonder_verblijf','met_verblijf','jeugdbescherming','jeugdreclassering','lokaal')),
  care_level       text,
  PRIMARY KEY (region_code, product_category)
);

-- Users, roles and scopes.
CREATE TABLE app_user (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  totp_secret   text,
  role          text NOT NULL CHECK (role IN ('beheerder','analist','controller','teammanager','contractmanager','aanbieder','bestuur')),
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_scope (
  user_id    bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  scope_kind text NOT NULL CHECK (scope_kind IN ('regio','gemeente','team','aanbieder')),
  scope_key  text NOT NULL,
  PRIMARY KEY (user_id, scope_kind, scope_key)
);

-- Access log (NEN 7513 pattern): append-only, each entry carries the hash of the previous one.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  event       text NOT NULL,
  username    text,
  role        text,
  on_behalf_of text,
  scope       text,
  subjects    text[],
  query       text,
  purpose     text,
  outcome     text NOT NULL,
  origin      text,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE OR REPLACE FUNCTION zicht_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END
$fn$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION zicht_audit_append_only();

GRANT SELECT ON region, gemeente, provider, context_figure, care_form_mapping TO zicht_app;
${tenantTables
  .map(
    (t) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO zicht_app;
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${t}_by_gemeente ON ${t} USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));`,
  )
  .join('\n')}
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO zicht_app;
`;
