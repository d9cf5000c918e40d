/**
 * The pilot and project register (issue 21): the fixed Dutch vocabulary of a pilot's budget source and of the outcome
 * of an evaluation moment. Pure lists and their words on screen: the migration's CHECKs (store/migrations/0031_pilots.ts),
 * the routes, the status rule (indicators/pilots.ts), the reference implementation, the web page and the demo all read
 * these, so a value cannot be accepted at the door and refused by the database.
 */

/** Where a pilot's money comes from. */
export const BUDGET_SOURCES = [
  'innovatie',
  'maatwerk',
  'subsidie',
  'transformatie',
  'regulier',
  'rijksmiddelen',
  'overig',
] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];

export const BUDGET_SOURCE_LABELS: Record<BudgetSource, string> = {
  innovatie: 'innovatiebudget',
  maatwerk: 'maatwerkbudget',
  subsidie: 'subsidie',
  transformatie: 'transformatiefonds',
  regulier: 'reguliere begroting',
  rijksmiddelen: 'rijksmiddelen (bijvoorbeeld Hervormingsagenda)',
  overig: 'overig',
};

/** What an evaluation moment decided: go on, make it structural, adjust, or stop. */
export const EVALUATION_OUTCOMES = ['doorgaan', 'structureel_maken', 'bijstellen', 'stoppen'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export const EVALUATION_OUTCOME_LABELS: Record<EvaluationOutcome, string> = {
  doorgaan: 'doorgaan',
  structureel_maken: 'structureel maken',
  bijstellen: 'bijstellen',
  stoppen: 'stoppen',
};

/** Length limits, the same at the door (routes), in the database (CHECKs) and on the form. */
export const PILOT_LIMITS = { name: 200, description: 2000, owner: 100, decision: 500 } as const;

/** The largest budget the register takes, in whole cents (a billion euros): a typing error beyond that. */
export const MAX_BUDGET_CENTS = 100_000_000_000;
