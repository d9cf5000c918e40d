/**
 * One set of migrations for both back ends. Each migration runs in its own transaction and is
 * recorded in schema_migrations; an advisory lock keeps two processes from migrating at once.
 */
import type { Store } from './sql.js';
import * as m0001 from './migrations/0001_canonical_model.js';
import * as m0002 from './migrations/0002_default_care_forms.js';
import * as m0003 from './migrations/0003_ijw_claims.js';
import * as m0004 from './migrations/0004_cbs.js';
import * as m0005 from './migrations/0005_iv3.js';
import * as m0006 from './migrations/0006_web_access.js';
import * as m0007 from './migrations/0007_cbs_text_regions.js';
import * as m0008 from './migrations/0008_business_case.js';
import * as m0009 from './migrations/0009_quarantine_resolution.js';
import * as m0010 from './migrations/0010_norms.js';
import * as m0011 from './migrations/0011_raw_packs.js';
import * as m0012 from './migrations/0012_raw_sealed.js';
import * as m0013 from './migrations/0013_lineage_read.js';
import * as m0014 from './migrations/0014_cbs_goal_split.js';
import * as m0015 from './migrations/0015_disclosure_quarantine_scope.js';
import * as m0016 from './migrations/0016_audit_no_truncate.js';
import * as m0017 from './migrations/0017_claim_sent_date.js';
import * as m0018 from './migrations/0018_service_tokens.js';
import * as m0019 from './migrations/0019_raw_compression.js';
import * as m0020 from './migrations/0020_contracts.js';
import * as m0021 from './migrations/0021_ijw_fold_pending.js';
import * as m0022 from './migrations/0022_provider_agreements.js';
import * as m0023 from './migrations/0023_agreement_history.js';
import * as m0024 from './migrations/0024_provider_exit.js';
import * as m0025 from './migrations/0025_budget_programme.js';
import * as m0026 from './migrations/0026_client_voice.js';
import * as m0027 from './migrations/0027_story_subjects.js';
import * as m0028 from './migrations/0028_social_map.js';
import * as m0029 from './migrations/0029_evaluations.js';
import * as m0030 from './migrations/0030_liaison_positions.js';
import * as m0031 from './migrations/0031_pilots.js';
import * as m0032 from './migrations/0032_teams_from_records.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: m0001.name, sql: m0001.sql },
  { version: 2, name: m0002.name, sql: m0002.sql },
  { version: 3, name: m0003.name, sql: m0003.sql },
  { version: 4, name: m0004.name, sql: m0004.sql },
  { version: 5, name: m0005.name, sql: m0005.sql },
  { version: 6, name: m0006.name, sql: m0006.sql },
  { version: 7, name: m0007.name, sql: m0007.sql },
  { version: 8, name: m0008.name, sql: m0008.sql },
  { version: 9, name: m0009.name, sql: m0009.sql },
  { version: 10, name: m0010.name, sql: m0010.sql },
  { version: 11, name: m0011.name, sql: m0011.sql },
  { version: 12, name: m0012.name, sql: m0012.sql },
  { version: 13, name: m0013.name, sql: m0013.sql },
  { version: 14, name: m0014.name, sql: m0014.sql },
  { version: 15, name: m0015.name, sql: m0015.sql },
  { version: 16, name: m0016.name, sql: m0016.sql },
  { version: 17, name: m0017.name, sql: m0017.sql },
  { version: 18, name: m0018.name, sql: m0018.sql },
  { version: 19, name: m0019.name, sql: m0019.sql },
  { version: 20, name: m0020.name, sql: m0020.sql },
  { version: 21, name: m0021.name, sql: m0021.sql },
  { version: 22, name: m0022.name, sql: m0022.sql },
  { version: 23, name: m0023.name, sql: m0023.sql },
  { version: 24, name: m0024.name, sql: m0024.sql },
  { version: 25, name: m0025.name, sql: m0025.sql },
  { version: 26, name: m0026.name, sql: m0026.sql },
  { version: 27, name: m0027.name, sql: m0027.sql },
  { version: 28, name: m0028.name, sql: m0028.sql },
  { version: 29, name: m0029.name, sql: m0029.sql },
  { version: 30, name: m0030.name, sql: m0030.sql },
  { version: 31, name: m0031.name, sql: m0031.sql },
  { version: 32, name: m0032.name, sql: m0032.sql },
];

const LOCK_KEY = 7_420_001;

export async function migrate(store: Store): Promise<number[]> {
  await store.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (seen.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
