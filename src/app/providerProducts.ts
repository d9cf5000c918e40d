/**
 * One provider's own picture per product code (issue 19, the Kwartaalgesprek and the provider report): how many
 * children and trajectories, how long, what it cost and the cost per child, beside the cost per child of every
 * provider of that code in the same gemeenten.
 *
 * Each row is the provider's row of the drill-down by provider of that code (app/productMonth.ts), made for every
 * provider of the code and only then narrowed to this one: published, a cell is hidden exactly when the page Per
 * productcode hides it, complementary cells among the code's providers included (red team 32: a provider's cell
 * protected alone left a small provider as the only unknown of its split). The regio column is the code's row of the
 * table without drill-down, under the same rules.
 */
import type { Lens } from '../lens/lens.js';
import { productFigures, type ProductFigures } from '../lens/productMonth.js';
import { productCodeTable, type Cell, type DataTable, type TableColumn } from './productMonth.js';

export interface ProviderProductOptions {
  readonly gemeenten: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly agb: string;
  readonly published: boolean;
}

const OWN = ['productCategoryName', 'productCode', 'children', 'trajectories', 'meanDays', 'cost', 'costPerChild'];

export async function providerProductTable(lens: Lens, o: ProviderProductOptions): Promise<DataTable> {
  const base = { gemeenten: o.gemeenten, from: o.from, to: o.to, money: true, published: o.published };
  const all = (await productCodeTable(lens, { ...base, ownProvider: null })).table;
  const colOf = (t: DataTable, key: string) => t.columns.findIndex((c) => c.key === key);
  const regionPerChild = new Map(all.rows.map((r) => [r[colOf(all, 'productCode')], r[colOf(all, 'costPerChild')]]));
  // every code's drill-down in one pair of queries, then each code's table from its own figures (a query pair per
  // code took minutes for a provider with a hundred codes on the demo: the page sweep timed out); the provider's
  // codes are those where it has a row
  const every = await productFigures(lens, { ...base, everyDrill: true });
  const perCode = new Map<string, ProductFigures[]>();
  for (const f of every) perCode.set(f.productCode, [...(perCode.get(f.productCode) ?? []), f]);
  const codes = [...new Set(every.filter((f) => f.agb === o.agb).map((f) => f.productCode))].sort();
  const rows: Cell[][] = [];
  for (const code of codes) {
    const drill = (
      await productCodeTable(lens, { ...base, productCode: code, ownProvider: null }, perCode.get(code) ?? [])
    ).table;
    const own = drill.rows.find((r) => r[colOf(drill, 'agb')] === o.agb);
    if (!own) continue;
    rows.push([...OWN.map((k) => own[colOf(drill, k)] ?? null), regionPerChild.get(code) ?? null]);
  }
  // the same columns with and without drill-down
  const columns = OWN.map((k) => all.columns[colOf(all, k)]!);
  const regio: TableColumn = {
    key: 'costPerChildAll',
    label: 'kosten per kind, alle aanbieders',
    labelEn: 'cost per child, all providers',
    unit: 'euro',
  };
  return { columns: [...columns, regio], rows };
}
