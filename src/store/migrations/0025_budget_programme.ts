/**
 * Migration 25 (issue 19, budget against realisation per programme): budget.csv gains the gemeente's own programme
 * of a line (`programma`), a planned draw-down from a reserve for that line in that year (`reserve_euro`, negative =
 * an addition to the reserve) and the reserve's name (`reserve_naam`). Columns on the existing table, all nullable so
 * rows loaded before keep their meaning (no programme, no reserve); the table's row-level security (migration 1,
 * `zicht_scope_allows(gemeente_code)`) and grants cover new columns as they cover the old ones.
 */
export const name = 'budget_programme';

export const sql = `
ALTER TABLE budget ADD COLUMN programme text;
ALTER TABLE budget ADD COLUMN reserve_cents bigint;
ALTER TABLE budget ADD COLUMN reserve_name text;
ALTER TABLE budget ADD CONSTRAINT budget_reserve_needs_budget CHECK (reserve_cents IS NULL OR budget_cents IS NOT NULL);
`;
