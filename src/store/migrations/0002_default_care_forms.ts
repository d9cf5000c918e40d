/**
 * Migration 2: the default care-form mapping of the indicator catalogue as rows of
 * care_form_mapping (region '*'), so the mapping is data a region can see and change.
 */
import { DEFAULT_CARE_FORM_MAPPING } from '../../domain/careForms.js';

export const name = 'default_care_forms';

const rows = Object.entries(DEFAULT_CARE_FORM_MAPPING.careForm).map(
  ([cat, form]) =>
    `('*', '${cat}', '${form}', ${DEFAULT_CARE_FORM_MAPPING.careLevel[cat] ? `'${DEFAULT_CARE_FORM_MAPPING.careLevel[cat]}'` : 'NULL'})`,
);

export const sql = `INSERT INTO care_form_mapping (region_code, product_category, care_form, care_level) VALUES
${rows.join(',\n')}
ON CONFLICT DO NOTHING;`;
