/**
 * The lens tables of issue 21's light follow-up after referral: evaluation moments per trajectory and the evaluation
 * rhythm per gemeente, product category or product code (migration 29). Part of LENS_TABLES (tables.ts), in the
 * shape of voiceTables.ts. Small tables (a few moments per trajectory a year), copied whole.
 */
export const EVALUATION_LENS_TABLES = [
  {
    name: 'evaluation_moment',
    from: 'evaluation_moment',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['trajectory_id', 'VARCHAR'],
      ['planned_date', 'DATE'],
      ['held_date', 'DATE'],
      ['outcome', 'VARCHAR'],
      ['held_by', 'VARCHAR'],
    ],
  },
  {
    name: 'evaluation_rhythm',
    from: 'evaluation_rhythm',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      // '' = every category / every code of the category
      ['product_category', 'VARCHAR'],
      ['product_code', 'VARCHAR'],
      ['months', 'INTEGER'],
    ],
  },
] as const;
