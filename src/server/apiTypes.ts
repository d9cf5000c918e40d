/**
 * What the server answers the web application on its main routes (GET /api/v1/me, /api/v1/periods, /api/v1/indicators,
 * /api/v1/indicators/:id, /api/v1/narratives). No imports: the web imports these types (`import type`, erased by the
 * build) from here instead of declaring them again, and must not pull server code into its bundle. The routes
 * declare their answers with these types, so a change on either side fails the type check.
 */

export interface Definition {
  id: string;
  nameNl: string;
  nameEn: string;
  definitionNl: string;
  definitionEn: string;
  unit: 'aantal' | 'procent' | 'euro' | 'dagen' | 'score' | 'per_1000';
  direction: string;
  dimensions: readonly string[];
  sources: readonly string[];
  cbsNote: string | null;
  personLevel?: boolean;
  allowed?: boolean;
  /** cost figures: claims or Iv3, and over which period — part of the label */
  costBasis?: { nl: string; en: string };
  /** splits `<line>:<column>` protected both ways when published */
  twoWaySplits?: readonly string[];
}

export interface Row {
  indicator: string;
  gemeente: string;
  period: string;
  by: string | null;
  key: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: Definition['unit'];
  flags: readonly string[];
  label?: string;
  outlier?: boolean;
  youth?: string;
  productCategory?: string;
  days?: number;
  trend?: number | null;
  low?: number;
  high?: number;
  method?: string;
  /** waiting times: the norm in the row's days, drawn as a line */
  norm?: number;
  /** budget_by_programme, in euros: budget, reserve mutation (draw-down positive), both, realised, what is left */
  budget?: number | null;
  reserve?: number | null;
  budgetWithReserve?: number | null;
  realised?: number | null;
  remaining?: number | null;
}

export interface Me {
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  gemeenten: { code: string; name: string; demo: boolean }[];
  team: { gemeente: string; code: string } | null;
  provider: string | null;
  mfaPassed: boolean;
  demo: boolean;
  /** the gemeente's figures reach this account as published (disclosure control); it records no business case */
  published: boolean;
  permissions: Record<
    'aggregates' | 'money' | 'person_level' | 'narrative_write' | 'import' | 'users' | 'audit' | 'contracts',
    boolean
  >;
}

export interface Periods {
  dataStart: string | null;
  dataEnd: string;
  defaultPeriod: string;
  halfYears: { key: string; label: string }[];
  years: { key: string; label: string }[];
  quarters: { key: string; label: string }[];
  months: { key: string; label: string }[];
}

export interface Narrative {
  id: number;
  gemeente: string;
  /** the figure it is about; null for a story about a provider, product or theme */
  indicator: string | null;
  period: string | null;
  /** the period in Dutch words ("1e halfjaar 2024") */
  periodLabel: string | null;
  subjectKind: 'indicator' | 'aanbieder' | 'product' | 'thema';
  subjectKey: string | null;
  /** the subject in words ("Jeugdhulp ambulant (45)"); null for a figure (its name comes from the catalogue) */
  subjectLabel: string | null;
  scopeKind: string;
  scopeKey: string | null;
  author: string;
  createdAt: string;
  body: string;
  valueSnapshot: { value: number | null; unit: string } | null;
  visibility: 'intern' | 'extern';
  source: 'duiding' | 'client' | 'professional';
  consent: boolean;
}
