/**
 * The lens tables of issue 19: contracts as they are really made, with their tranches and tariffs, and the payments
 * outside iJw. A regional contract has one row per party gemeente (migration 20); arrays travel '|'-joined (the
 * extension options '+'-joined, as written: 2+2+2). Part of LENS_TABLES (tables.ts); the same shape, declared
 * `as const` so this file needs nothing from there.
 */
export const CONTRACT_LENS_TABLES = [
  {
    name: 'contract',
    from: 'contract',
    perGemeente: true,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['contract_id', 'VARCHAR'],
      ['name', 'VARCHAR'],
      ['provider_agbs', 'VARCHAR', "array_to_string(provider_agbs, '|')"],
      ['consortium', 'VARCHAR'],
      ['perceel', 'VARCHAR'],
      ['financing_form', 'VARCHAR'],
      ['tranche_rule', 'VARCHAR'],
      ['product_categories', 'VARCHAR', "array_to_string(product_categories, '|')"],
      ['product_codes', 'VARCHAR', "array_to_string(product_codes, '|')"],
      ['ceiling_cents', 'BIGINT'],
      ['start_date', 'DATE'],
      ['end_date', 'DATE'],
      ['extension_years', 'VARCHAR', "array_to_string(extension_years, '+')"],
      ['extensions_used', 'INTEGER'],
      ['current_end_date', 'DATE'],
      ['max_end_date', 'DATE'],
      ['evaluation_dates', 'VARCHAR', "array_to_string(evaluation_dates, '|')"],
      ['parties', 'VARCHAR', "array_to_string(parties, '|')"],
    ],
  },
  {
    name: 'contract_tranche',
    from: 'contract_tranche',
    perGemeente: true,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['contract_id', 'VARCHAR'],
      ['tranche_no', 'INTEGER'],
      ['share_pct', 'DOUBLE'],
      ['moment', 'VARCHAR'],
    ],
  },
  {
    name: 'contract_tariff',
    from: 'contract_tariff',
    perGemeente: true,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['contract_id', 'VARCHAR'],
      ['product_category', 'VARCHAR'],
      // '' = the whole category
      ['product_code', 'VARCHAR'],
      ['unit', 'VARCHAR'],
      ['tariff_cents', 'BIGINT'],
      ['valid_from', 'DATE'],
      ['valid_to', 'DATE'],
    ],
  },
  {
    name: 'payment',
    from: 'payment',
    perGemeente: true,
    sliceKey: 'payment_id',
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['payment_id', 'VARCHAR'],
      ['contract_id', 'VARCHAR'],
      ['period_start', 'DATE'],
      ['period_end', 'DATE'],
      ['kind', 'VARCHAR'],
      ['tranche_no', 'INTEGER'],
      ['amount_cents', 'BIGINT'],
      ['youth_pseudonym', 'VARCHAR'],
      ['trajectory_id', 'VARCHAR'],
    ],
  },
] as const;
