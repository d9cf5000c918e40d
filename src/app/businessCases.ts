/** Business case definitions in the truth store (migration 8), under the caller's row-level scope. */
import type { Sql } from '../store/sql.js';
import type { BusinessCaseSpec } from '../indicators/businessCase.js';

interface Row {
  id: number;
  gemeente_code: string;
  title: string;
  description: string | null;
  intensities: string[];
  product_categories: string[];
  baseline_year: number;
  start_year: number;
  baseline_method: 'vast' | 'trend';
  investment_cents: Record<string, number>;
  target_savings_cents: Record<string, number>;
  owner: string | null;
}

export async function loadBusinessCases(sql: Sql, gemeenten: readonly string[]): Promise<BusinessCaseSpec[]> {
  const rows = await sql.query<Row>(
    `SELECT id::int AS id, gemeente_code, title, description, intensities, product_categories, baseline_year, start_year, baseline_method,
            investment_cents, target_savings_cents, owner
       FROM business_case WHERE gemeente_code = ANY($1) ORDER BY gemeente_code, start_year, id`,
    [[...gemeenten]],
  );
  return rows.map((r) => ({
    id: r.id,
    gemeente: r.gemeente_code,
    title: r.title,
    description: r.description,
    intensities: r.intensities,
    productCategories: r.product_categories,
    baselineYear: r.baseline_year,
    startYear: r.start_year,
    baselineMethod: r.baseline_method,
    investmentCents: r.investment_cents,
    targetSavingsCents: r.target_savings_cents,
    owner: r.owner,
  }));
}

export async function insertBusinessCase(sql: Sql, spec: BusinessCaseSpec, createdBy: string): Promise<number> {
  const [r] = await sql.query<{ id: number }>(
    `INSERT INTO business_case (gemeente_code, title, description, intensities, product_categories, baseline_year, start_year, baseline_method,
       investment_cents, target_savings_cents, owner, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id::int AS id`,
    [
      spec.gemeente,
      spec.title,
      spec.description ?? null,
      [...spec.intensities],
      [...spec.productCategories],
      spec.baselineYear,
      spec.startYear,
      spec.baselineMethod,
      JSON.stringify(spec.investmentCents),
      JSON.stringify(spec.targetSavingsCents),
      spec.owner ?? null,
      createdBy,
    ],
  );
  return r!.id;
}
