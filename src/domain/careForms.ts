/**
 * Care forms (zorgvormen) by product category (JZ020). The mapping is data, shown to the user and
 * editable per region (stored in the truth store table care_form_mapping); this file holds the default
 * of the indicator catalogue.
 */
import defaults from './data/care-forms.json' with { type: 'json' };

export const CARE_FORMS = [
  'zonder_verblijf',
  'met_verblijf',
  'jeugdbescherming',
  'jeugdreclassering',
  'lokaal',
] as const;
export type CareForm = (typeof CARE_FORMS)[number];

export const CARE_FORM_LABELS: Record<CareForm, { nl: string; en: string }> = {
  zonder_verblijf: { nl: 'jeugdhulp zonder verblijf', en: 'youth care without residence' },
  met_verblijf: { nl: 'jeugdhulp met verblijf', en: 'youth care with residence' },
  jeugdbescherming: { nl: 'jeugdbescherming', en: 'child protection' },
  jeugdreclassering: { nl: 'jeugdreclassering', en: 'youth probation' },
  lokaal: { nl: 'volgens lokale indeling', en: 'by local mapping' },
};

/**
 * Care levels order trajectories for step-up/step-down (op- en afschaling):
 * basishulp < ambulant < dagbehandeling < verblijf; JB and JR stand apart (rank null).
 */
export const CARE_LEVELS = [
  'basishulp',
  'ambulant',
  'dagbehandeling',
  'verblijf',
  'jeugdbescherming',
  'jeugdreclassering',
] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];
export const CARE_LEVEL_RANK: Record<CareLevel, number | null> = {
  basishulp: 0,
  ambulant: 1,
  dagbehandeling: 2,
  verblijf: 3,
  jeugdbescherming: null,
  jeugdreclassering: null,
};

export interface CareFormMapping {
  readonly source: string;
  readonly careForm: Readonly<Record<string, CareForm>>;
  readonly careLevel: Readonly<Record<string, CareLevel>>;
}

export const DEFAULT_CARE_FORM_MAPPING: CareFormMapping = defaults as CareFormMapping;

export function careFormOf(category: string, mapping: CareFormMapping = DEFAULT_CARE_FORM_MAPPING): CareForm | null {
  return mapping.careForm[category] ?? null;
}

export function careLevelOf(category: string, mapping: CareFormMapping = DEFAULT_CARE_FORM_MAPPING): CareLevel | null {
  return mapping.careLevel[category] ?? null;
}
