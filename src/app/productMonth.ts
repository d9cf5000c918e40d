/**
 * Use cases behind GET /api/v1/productcodes and GET /api/v1/maandoverzicht (issue 16 points 4 and 5, seed 003):
 * the lens figures (lens/productMonth.ts) as tables of labelled columns with a unit each, the shape
 * the disclosure walker (app/disclosure.ts protectTable), the web pages and the monthly report share.
 * For roles outside the authorised circle (`published`) the cells are protected here already, by the
 * rules of docs/indicators.md "Disclosure control" that a cell-by-cell walk cannot apply: an average
 * is hidden below 10 trajectories, an amount per child is the total ÷ round5(children), a share comes
 * from the rounded counts. The walker passes those cells unchanged (idempotent).
 */
import { PRODUCT_CATEGORY, label } from '../domain/codelists.js';
import { ratioHalfUp } from '../domain/decimal.js';
import type { Lens } from '../lens/lens.js';
import {
  REFERRER_GROUP_KEYS,
  clientMonth,
  claimsStart,
  monthFigures,
  productFigures,
  yearBudgets,
  type ProductFigures,
  type ReferrerGroup,
} from '../lens/productMonth.js';
import {
  HIDDEN_CELL,
  complementaryCell,
  publishedCount,
  publishedEuro,
  publishedMean,
  publishedPercentOfAmounts,
  publishedPerPerson,
  publishedShare,
} from './disclosure.js';
import { hideAmountsWithCounts, hideCostWithCounts, hideLinkedCosts, type RowKey } from './productMonthAmounts.js';
import { hiddenAmountCells, hiddenInAMonth } from '../indicators/amountCells.js';
import { monthsBetween } from '../domain/periods.js';

export type CellUnit = 'tekst' | 'aantal' | 'euro' | 'procent' | 'dagen';
export type Cell = string | number | null;
export interface TableColumn {
  readonly key: string;
  readonly label: string;
  readonly labelEn: string;
  readonly unit: CellUnit;
}
export interface DataTable {
  readonly columns: readonly TableColumn[];
  readonly rows: Cell[][];
}

// published: every cell through the rules of app/disclosure.ts ("Table cells"); otherwise exact, cents to euros
const euro = (cents: number, published: boolean): number =>
  published ? publishedEuro(cents) : Math.round(cents) / 100;
const count = (n: number, published: boolean): Cell => (published ? publishedCount(n) : n);

export const REFERRER_LABELS: Record<ReferrerGroup, [string, string]> = {
  gemeente: ['via gemeente %', 'municipality %'],
  huisarts: ['huisarts %', 'GP %'],
  medisch: ['jeugdarts/medisch specialist %', 'youth doctor/specialist %'],
  jeugdbescherming: ['GI/rechter %', 'child protection/court %'],
  zelf_onbekend: ['zelf/onbekend %', 'self/unknown %'],
};

/** The label of a product category from the iJw code list JZ020 (the code itself when unknown). */
export function categoryLabel(code: string): string {
  return code ? label(PRODUCT_CATEGORY, code) : 'onbekend';
}

export interface ProductOptions {
  readonly gemeenten: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly productCode?: string | undefined;
  /** cost columns only with the money permission */
  readonly money: boolean;
  readonly published: boolean;
  /** an aanbieder: drill-down rows only of its own provider */
  readonly ownProvider: string | null;
}

/** Mean days, one decimal half up (as `duration`); published: hidden below 10 trajectories. */
function meanDays(f: ProductFigures, published: boolean): Cell {
  if (f.durationN === 0) return null;
  const mean = ratioHalfUp(f.durationDays, f.durationN, 1, 1)!;
  return published ? publishedMean(mean, f.durationN) : mean;
}

function perChild(f: ProductFigures, published: boolean): Cell {
  if (f.costClients === 0) return null;
  if (published) return publishedPerPerson(f.costCents / 100, f.costClients);
  return ratioHalfUp(f.costCents, f.costClients, 1, 0)! / 100;
}

function share(n: number, d: number, published: boolean): Cell {
  if (d === 0) return null;
  return published ? publishedShare(n, d) : ratioHalfUp(n, d, 100, 3);
}

/**
 * A code's referrer shares add up to 100%: one hidden share is 100 minus the others (red team: 40X03, 68.3 /
 * 21.7 / 6.7 / "<10" / 3.3), so the share with the smallest count is hidden with it (complementary suppression).
 */
export function referrerShares(f: ProductFigures, published: boolean): Cell[] {
  const cells = REFERRER_GROUP_KEYS.map((k) => share(f.referrers[k], f.started, published));
  if (!published) return cells;
  const pick = complementaryCell(
    cells.map((c) => c === HIDDEN_CELL),
    REFERRER_GROUP_KEYS.map((k) => f.referrers[k]),
  );
  if (pick !== null) cells[pick] = HIDDEN_CELL;
  return cells;
}

export interface ProductAnswer {
  readonly from: string;
  readonly to: string;
  readonly gemeenten: readonly string[];
  readonly productCode: string | null;
  readonly disclosureControl: boolean;
  readonly table: DataTable;
}

/** `prefetched`: the figures of this query already at hand (one code's drill-down out of every code's at once). */
export async function productCodeTable(
  lens: Lens,
  o: ProductOptions,
  prefetched?: ProductFigures[],
): Promise<ProductAnswer> {
  const drill = o.productCode !== undefined;
  let figures = prefetched ?? (await productFigures(lens, o));
  if (drill && o.ownProvider !== null) figures = figures.filter((f) => f.agb === o.ownProvider);
  const columns: TableColumn[] = [
    { key: 'productCategory', label: 'productcategorie (code)', labelEn: 'product category (code)', unit: 'tekst' },
    { key: 'productCategoryName', label: 'productcategorie', labelEn: 'product category', unit: 'tekst' },
    { key: 'productCode', label: 'productcode', labelEn: 'product code', unit: 'tekst' },
    ...(drill
      ? ([
          { key: 'providerName', label: 'aanbieder', labelEn: 'provider', unit: 'tekst' },
          { key: 'agb', label: 'AGB', labelEn: 'AGB', unit: 'tekst' },
        ] as const)
      : []),
    { key: 'children', label: 'kinderen', labelEn: 'children', unit: 'aantal' },
    { key: 'trajectories', label: 'trajecten', labelEn: 'trajectories', unit: 'aantal' },
    { key: 'meanDays', label: 'gemiddelde duur (dagen)', labelEn: 'mean duration (days)', unit: 'dagen' },
    ...(o.money
      ? ([
          { key: 'cost', label: 'kosten', labelEn: 'cost', unit: 'euro' },
          { key: 'costPerChild', label: 'kosten per kind', labelEn: 'cost per child', unit: 'euro' },
        ] as const)
      : []),
    ...REFERRER_GROUP_KEYS.map((k): TableColumn => ({
      key: `ref_${k}`,
      label: REFERRER_LABELS[k][0],
      labelEn: REFERRER_LABELS[k][1],
      unit: 'procent',
    })),
    ...(drill ? [] : [{ key: 'providers', label: 'aanbieders', labelEn: 'providers', unit: 'aantal' } as const]),
  ];
  const p = o.published;
  const rows: Cell[][] = figures.map((f) => [
    f.productCategory,
    categoryLabel(f.productCategory),
    f.productCode,
    ...(drill ? [f.providerName, f.agb] : []),
    count(f.children, p),
    count(f.trajectories, p),
    meanDays(f, p),
    ...(o.money ? [euro(f.costCents, p), perChild(f, p)] : []),
    ...referrerShares(f, p),
    ...(drill ? [] : [count(f.providers, p)]),
  ]);
  // the providers of one code add up to the code's total, published in the table without drill-down: one
  // hidden provider would be that total minus the others (red team: 46X01, 50 = 4 x 10 + "<10")
  if (p && drill) {
    const at = (key: string) => columns.findIndex((c) => c.key === key);
    const refCols = columns.flatMap((c, i) => (c.key.startsWith('ref_') ? [i] : []));
    for (const [key, exact] of [
      ['children', (f: ProductFigures) => f.children],
      ['trajectories', (f: ProductFigures) => f.trajectories],
    ] as const) {
      const i = at(key);
      const pick = complementaryCell(
        rows.map((r) => r[i] === HIDDEN_CELL),
        figures.map((f) => exact(f)),
      );
      if (pick === null) continue;
      const row = rows[pick]!;
      row[i] = HIDDEN_CELL;
      // and what would give the hidden count back: the amount per child (total ÷ round5(children)), the shares
      // from the rounded counts
      if (o.money && key === 'children' && row[at('costPerChild')] !== null) row[at('costPerChild')] = HIDDEN_CELL;
      for (const c of refCols) if (row[c] !== null) row[c] = HIDDEN_CELL;
    }
  }
  if (p && o.money) {
    // the code amounts are part of the linked month tables of every cost figure (indicators/amountCells.ts): a
    // code's cost, or a code's provider's, is hidden when it is hidden in a month of the window in one of the
    // gemeenten (red team 5: the codes of category 46 added up to the category's hidden cost of 2025)
    const months = monthsBetween(o.from.slice(0, 7), o.to.slice(0, 7));
    const hiddenCells = await hiddenAmountCells(lens, o.gemeenten, months);
    hideLinkedCosts(columns, rows, figures, drill, (split, key) =>
      hiddenInAMonth(hiddenCells, o.gemeenten, months, split, key),
    );
    hideCostWithCounts(columns, rows, figures);
  }
  // a window of several years, published: a row's cost only when it is published in every year of the window, or the
  // window minus the other years gives a hidden year back (red team: 43F02, 2023–2025 minus 2023 and 2025 = 2024)
  const [y0, y1] = [Number(o.from.slice(0, 4)), Number(o.to.slice(0, 4))];
  if (p && o.money && y1 > y0) {
    const at = (key: string) => columns.findIndex((c) => c.key === key);
    // a row is its category and code, and in the drill-down its provider (the same columns in every year's table)
    const keyCols = ['productCategory', 'productCode', ...(drill ? ['agb'] : [])].map(at);
    const id = (r: Cell[]) => keyCols.map((i) => r[i]).join('|');
    const [costAt, perChildAt] = [at('cost'), at('costPerChild')];
    const hiddenSomeYear = new Set<string>();
    for (let y = y0; y <= y1; y++) {
      const year = await productCodeTable(lens, { ...o, from: `${y}-01-01`, to: `${y}-12-31` });
      for (const r of year.table.rows) if (r[costAt] === HIDDEN_CELL) hiddenSomeYear.add(id(r));
    }
    for (const r of rows) {
      if (!hiddenSomeYear.has(id(r))) continue;
      r[costAt] = HIDDEN_CELL;
      if (r[perChildAt] !== null) r[perChildAt] = HIDDEN_CELL;
    }
    hideCostWithCounts(columns, rows, figures); // the complementary cell again, now that more may be hidden
  }
  return {
    from: o.from,
    to: o.to,
    gemeenten: o.gemeenten,
    productCode: o.productCode ?? null,
    disclosureControl: p,
    table: { columns, rows },
  };
}

export interface MonthOptions {
  readonly gemeenten: readonly string[];
  readonly year: number;
  /** the month (1–12) of the client list */
  readonly month: number;
  readonly team: { readonly gemeente: string; readonly code: string } | null;
  /** client level (pseudonymised) */
  readonly clients: boolean;
  readonly published: boolean;
  /** the last month with data in the year (12 for a past year) */
  readonly lastMonth: number;
  readonly gemeenteNames: ReadonlyMap<string, string>;
}

export interface MonthAnswer {
  readonly year: number;
  readonly month: number;
  readonly lastMonth: number;
  readonly disclosureControl: boolean;
  readonly table: DataTable;
  /** person level: only for roles that may see it, else null */
  readonly clients: DataTable | null;
}

const monthKey = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;

export async function monthOverview(lens: Lens, o: MonthOptions): Promise<{ answer: MonthAnswer; subjects: string[] }> {
  const figures = await monthFigures(lens, { gemeenten: o.gemeenten, year: o.year, team: o.team });
  const budgets = await yearBudgets(lens, o.gemeenten, o.year);
  // before the first claim line in the data a month's cost is not known, nor the year's so far (red team 8: the
  // months of 2020 before the demo's claims start showed € 0)
  const from = (await claimsStart(lens))?.slice(0, 7) ?? null;
  const yearKnown = from !== null && from <= monthKey(o.year, 1);
  const p = o.published;
  const columns: TableColumn[] = [
    { key: 'gemeente', label: 'gemeente', labelEn: 'municipality', unit: 'tekst' },
    { key: 'team', label: 'team', labelEn: 'team', unit: 'tekst' },
    { key: 'month', label: 'maand', labelEn: 'month', unit: 'tekst' },
    { key: 'youths', label: 'jeugdigen in zorg', labelEn: 'youths in care', unit: 'aantal' },
    { key: 'costMonth', label: 'kosten maand', labelEn: 'cost this month', unit: 'euro' },
    { key: 'costYear', label: 'kosten t/m maand', labelEn: 'cost so far this year', unit: 'euro' },
    { key: 'budget', label: 'budget', labelEn: 'budget', unit: 'euro' },
    { key: 'budgetUsed', label: 'budget gebruikt %', labelEn: 'budget used %', unit: 'procent' },
    { key: 'budgetLeft', label: 'budget over', labelEn: 'budget left', unit: 'euro' },
    // the code beside the name for the CSV (web downloads.ts); last, so the screen's columns keep their places
    { key: 'gemeenteCode', label: 'gemeentecode', labelEn: 'municipality code', unit: 'tekst' },
  ];
  // one line per (gemeente, team) with figures, the gemeente first ('' = the gemeente as a whole)
  const groups = new Map<string, Map<number, { youths: number; costCents: number }>>();
  for (const f of figures) {
    // a teammanager sees the own team only, never the gemeente as a whole
    if (o.team && f.team !== o.team.code) continue;
    // the published version has the gemeente as a whole only: a team's claims cut across the linked amount tables
    // (indicators/amountCells.ts) as a wijk does, and team figures are for internal steering (team reports are
    // refused in the external version for the same reason, red team 6)
    if (p && f.team !== '') continue;
    const k = `${f.gemeente}|${f.team}`;
    if (!groups.has(k)) groups.set(k, new Map());
    groups.get(k)!.set(f.month, { youths: f.youths, costCents: f.costCents });
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const [ga, ta] = a.split('|') as [string, string];
    const [gb, tb] = b.split('|') as [string, string];
    return ga.localeCompare(gb) || (ta === '' ? -1 : tb === '' ? 1 : ta.localeCompare(tb));
  });
  const rows: Cell[][] = [];
  const rowKeys: RowKey[] = [];
  for (const k of keys) {
    const [g, team] = k.split('|') as [string, string];
    const byMonth = groups.get(k)!;
    const budget = team === '' ? (budgets.get(g) ?? null) : null;
    let ytd = 0;
    for (let m = 1; m <= o.lastMonth; m++) {
      const f = byMonth.get(m) ?? { youths: 0, costCents: 0 };
      ytd += f.costCents;
      rowKeys.push({ group: `${g}|${m}`, whole: team === '', youths: f.youths, costCents: f.costCents, ytdCents: ytd });
      rows.push([
        o.gemeenteNames.get(g) ?? g,
        team === '' ? 'hele gemeente' : team === '-' ? 'zonder team' : team,
        monthKey(o.year, m),
        count(f.youths, p),
        from !== null && from <= monthKey(o.year, m) ? euro(f.costCents, p) : null,
        yearKnown ? euro(ytd, p) : null,
        budget === null ? null : euro(budget, p),
        budget === null || !yearKnown
          ? null
          : p
            ? publishedPercentOfAmounts(ytd, budget)
            : ratioHalfUp(ytd, budget, 100, 3),
        budget === null || !yearKnown ? null : euro(budget - ytd, p),
        g,
      ]);
    }
  }
  // a gemeente's teams beside the gemeente's published number of youths in the same month: one hidden team
  // would be the gemeente minus the other teams (complementary suppression, as for a product code's providers)
  if (p) {
    const byMonth = new Map<string, { whole: number | null; teams: number[] }>();
    rowKeys.forEach((k, i) => {
      const g = byMonth.get(k.group) ?? { whole: null, teams: [] };
      if (k.whole) g.whole = i;
      else g.teams.push(i);
      byMonth.set(k.group, g);
    });
    const youthsAt = columns.findIndex((c) => c.key === 'youths');
    for (const g of byMonth.values()) {
      if (g.whole === null || rows[g.whole]![youthsAt] === HIDDEN_CELL) continue;
      const pick = complementaryCell(
        g.teams.map((i) => rows[i]![youthsAt] === HIDDEN_CELL),
        g.teams.map((i) => rowKeys[i]!.youths),
      );
      if (pick !== null) rows[g.teams[pick]!]![youthsAt] = HIDDEN_CELL;
    }
    // the gemeente's cost of a month hidden in the linked month tables is hidden here too (and with it the year to
    // date from that month on: hideAmountsWithCounts carries it forward)
    const yearMonths = Array.from({ length: 12 }, (_, i) => monthKey(o.year, i + 1));
    const linked = await hiddenAmountCells(lens, o.gemeenten, yearMonths);
    const monthAt = columns.findIndex((c) => c.key === 'costMonth');
    rowKeys.forEach((k, i) => {
      const [g, m] = k.group.split('|') as [string, string];
      if (k.whole && hiddenInAMonth(linked, [g], [monthKey(o.year, Number(m))], '', null))
        rows[i]![monthAt] = HIDDEN_CELL;
    });
    hideAmountsWithCounts(columns, rows, rowKeys, byMonth);
  }
  let clients: DataTable | null = null;
  const subjects: string[] = [];
  if (o.clients) {
    const list = await clientMonth(lens, { gemeenten: o.gemeenten, year: o.year, team: o.team, month: o.month });
    for (const c of list) subjects.push(c.pseudonym);
    clients = {
      columns: [
        { key: 'gemeente', label: 'gemeente', labelEn: 'municipality', unit: 'tekst' },
        { key: 'pseudonym', label: 'cliënt (pseudoniem)', labelEn: 'client (pseudonym)', unit: 'tekst' },
        { key: 'teams', label: 'team', labelEn: 'team', unit: 'tekst' },
        { key: 'inCare', label: 'in zorg', labelEn: 'in care', unit: 'tekst' },
        { key: 'costMonth', label: 'kosten maand', labelEn: 'cost this month', unit: 'euro' },
        { key: 'costYear', label: 'kosten t/m maand', labelEn: 'cost so far this year', unit: 'euro' },
        { key: 'gemeenteCode', label: 'gemeentecode', labelEn: 'municipality code', unit: 'tekst' },
      ],
      rows: list.map((c) => [
        o.gemeenteNames.get(c.gemeente) ?? c.gemeente,
        c.pseudonym,
        c.teams,
        c.inCare ? 'ja' : 'nee',
        euro(c.costMonthCents, false),
        euro(c.costYearCents, false),
        c.gemeente,
      ]),
    };
  }
  return {
    answer: {
      year: o.year,
      month: o.month,
      lastMonth: o.lastMonth,
      disclosureControl: p,
      table: { columns, rows },
      clients,
    },
    subjects,
  };
}
