/**
 * The lens table of issue 21's liaison positions (migration 30): the verbindingsfuncties at GP practices and schools.
 * Part of LENS_TABLES (tables.ts), in the shape of voiceTables.ts. A small table (a few positions per gemeente), copied
 * whole. A basishulp episode's vindplaats is the column `location_id` of basic_support_episode (tables.ts).
 */
export const LIAISON_LENS_TABLES = [
  {
    name: 'liaison_position',
    from: 'liaison_position',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['position_id', 'VARCHAR'],
      ['kind', 'VARCHAR'],
      ['location_kind', 'VARCHAR'],
      ['location_id', 'VARCHAR'],
      ['location_name', 'VARCHAR'],
      ['hours_per_week', 'DECIMAL(5,2)'],
      ['start_date', 'DATE'],
      ['end_date', 'DATE'],
    ],
  },
] as const;
