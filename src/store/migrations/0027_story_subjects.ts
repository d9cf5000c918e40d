/**
 * Migration 27 (issue 20, stories beyond one figure): a narrative can be about a provider, a product or a theme, not
 * only about a figure in a period. `subject_kind` says which; `subject_key` holds the AGB code, the product category
 * or code, or the theme. A text about a figure keeps its indicator and period (both required for it, as before); the
 * others may name a period or not. Rows written before are about a figure. Row-level security (migration 1,
 * `zicht_scope_allows(gemeente_code)`) and the grants cover the new columns as they cover the old ones.
 */
export const name = 'story_subjects';

export const sql = `
ALTER TABLE narrative ADD COLUMN subject_kind text NOT NULL DEFAULT 'indicator'
  CHECK (subject_kind IN ('indicator','aanbieder','product','thema'));
ALTER TABLE narrative ADD COLUMN subject_key text;
ALTER TABLE narrative ALTER COLUMN indicator_id DROP NOT NULL;
ALTER TABLE narrative ALTER COLUMN period DROP NOT NULL;
ALTER TABLE narrative ADD CONSTRAINT narrative_subject_complete CHECK (
  (subject_kind = 'indicator' AND indicator_id IS NOT NULL AND period IS NOT NULL AND subject_key IS NULL)
  OR (subject_kind <> 'indicator' AND indicator_id IS NULL AND subject_key IS NOT NULL));
CREATE INDEX narrative_subject ON narrative (gemeente_code, subject_kind, subject_key);
`;
