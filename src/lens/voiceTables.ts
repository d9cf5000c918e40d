/**
 * The lens tables of issue 20, the voice of clients: experience results per provider, product and period, and
 * complaints with contacts of the vertrouwenspersoon (migration 26). Part of LENS_TABLES (tables.ts), in the shape
 * of contractTables.ts. Small tables (a few rows per provider and half-year, tens of complaints a year), copied whole.
 */
export const VOICE_LENS_TABLES = [
  {
    name: 'experience_result',
    from: 'experience_result',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['provider_agb', 'VARCHAR'],
      // '' = not given
      ['product_category', 'VARCHAR'],
      ['product_code', 'VARCHAR'],
      ['period', 'VARCHAR'],
      ['period_start', 'DATE'],
      ['period_end', 'DATE'],
      ['theme', 'VARCHAR'],
      ['question', 'VARCHAR'],
      ['score', 'DECIMAL(4,2)'],
      ['responses', 'INTEGER'],
      ['invitations', 'INTEGER'],
      ['positive', 'INTEGER'],
    ],
  },
  {
    name: 'complaint',
    from: 'complaint',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['complaint_id', 'VARCHAR'],
      ['kind', 'VARCHAR'],
      ['theme', 'VARCHAR'],
      ['provider_agb', 'VARCHAR'],
      ['complaint_date', 'DATE'],
      ['outcome', 'VARCHAR'],
      ['youth_pseudonym', 'VARCHAR'],
    ],
  },
] as const;
