/**
 * Issue 14 (red team 2, F1): amounts that are hidden when published, decided once for all splits and periods.
 *
 * Disclosure control hides an amount with fewer than 10 youths behind it and, within one answer, a complementary
 * cell beside it. That was not enough: the amounts of one gemeente are linked across answers — a care form is the
 * sum of its product categories (jeugdbescherming is category 48 alone), every split adds up to the same total,
 * and a quarter is the sum of its months — so a hidden cell came back as a published quarter minus two published
 * months, or a care form minus its other categories. Here the hiding is decided at month grain over all those tables
 * together (domain/linkedCells.ts), and an amount of any longer period (quarter, half-year, year, year to date) is
 * hidden when any of its months is: a published amount is then always a sum of published month cells, so nothing
 * it adds beyond them can be subtracted out (docs/indicators.md "Disclosure control").
 *
 * The month cells per gemeente: the total; by care form, each the parent of its product categories; by provider;
 * by the youth's wijk (cost per youth). Youths = distinct youths of the non-rejected lines, as `cost_total` counts
 * them; rejected lines (€ 0 in every sum) are no part of any cell, so a key of rejected lines alone is not hidden. A sum over several gemeenten (a regio) is hidden when one of its gemeenten is (indicators/region.ts).
 */
import { auditMonth, linkedSuppression } from '../domain/linkedCells.js';
import { monthsBetween, periodEnd, periodStart, type Period } from '../domain/periods.js';
import { addMonths } from '../domain/dates.js';
import type { Lens } from '../lens/lens.js';
import { joinSql, sql } from '../lens/sql.js';
import type { IndicatorRow } from './types.js';
import { decideOffThread } from './hiddenWorkers.js';
import { readerTeam } from './reader.js';

/**
 * The splits decided here, by the name indicators use for them (`--by`); '' is the gemeente as a whole;
 * `productcode` (key `category|code`) and `productcode_aanbieder` (`category|code|agb`) are the per-code tables of
 * app/productMonth.ts (/productcodes and its drill-down to providers).
 */
export type AmountSplit =
  '' | 'zorgvorm' | 'productcategorie' | 'productcode' | 'productcode_aanbieder' | 'aanbieder' | 'wijk';

/** Each split's grouping set, as GROUPING(form, cat, code, agb, wijk) gives it (a bit is 1 where rolled up). */
export const LEVELS: Readonly<Record<AmountSplit, number>> = {
  '': 0b11111,
  zorgvorm: 0b01111,
  productcategorie: 0b00111,
  productcode: 0b00011,
  productcode_aanbieder: 0b00001,
  aanbieder: 0b11101,
  wijk: 0b11110,
};
const SPLIT_OF = new Map(Object.entries(LEVELS).map(([k, v]) => [v, k as AmountSplit]));
const SPLITS: ReadonlySet<string> = new Set(Object.keys(LEVELS));
/** The splits a code × provider cell (a leaf) belongs to whole; the wijken cut across leaves. */
const LEAF_SPLITS: readonly AmountSplit[] = ['', 'zorgvorm', 'productcategorie', 'productcode', 'aanbieder'];

/** The cell each split's cell is a part of (the care form of a category, the category of a code, …). */
const PARENT: Readonly<Record<AmountSplit, AmountSplit | null>> = {
  '': null,
  zorgvorm: '',
  productcategorie: 'zorgvorm',
  productcode: 'productcategorie',
  productcode_aanbieder: 'productcode',
  aanbieder: '',
  wijk: '',
};

const MIN_YOUTHS = 10;

/** A month cell's id: month (yyyy-mm), split and key. */
export const cellId = (month: string, split: string, key: string | null): string => `${month}|${split}|${key ?? ''}`;

/** A month cell as the lens groups it: which grouping set (`level`) and its distinct youths. */
export interface MonthCell {
  g: string;
  m: string;
  form: string | null;
  cat: string | null;
  code: string | null;
  agb: string | null;
  wijk: string | null;
  level: number;
  youths: number;
  /** a code × provider cell: the wijken of the youths its claim lines are for (they cut across the leaves) */
  wijken?: readonly string[] | null;
}

/** The key of a cell (or an atom) in a split: the value a row of that split carries as `key`. */
export function keyIn(c: MonthCell, split: AmountSplit): string | null {
  switch (split) {
    case '':
      return null;
    case 'zorgvorm':
      return c.form;
    case 'productcategorie':
      return c.cat;
    case 'productcode':
      return `${c.cat}|${c.code}`;
    case 'productcode_aanbieder':
      return `${c.cat}|${c.code}|${c.agb}`;
    case 'aanbieder':
      return c.agb;
    case 'wijk':
      return c.wijk;
  }
}

/**
 * The hidden month cells per lens, gemeente and month (`g|m`; a lens is rebuilt, not changed, after an import). The
 * months are independent of each other — every linked table (a split summing to its parent) lies within one month —
 * so a month is decided only when a figure over it is asked: a figure of 2025 does not wait for six years of months,
 * and a national lens is not decided whole at once (all 342 gemeenten in one query ran out of memory, issue 18.3).
 */
const cache = new WeakMap<Lens, Map<string, Promise<Set<string>>>>();

/** Gemeenten per lens query: the cells of a chunk are held in memory at once (a gemeente-year is ~10⁵ cells). */
const CHUNK = 12;

/** The month cells of these gemeenten in the months `from`…`to` (YYYY-MM), in the order the decision takes them. */
export async function monthCells(
  lens: Lens,
  gemeenten: readonly string[],
  from: string,
  to: string,
  /** only the claim lines that are not this team's (a trajectory of another team, or none): the rest of a gemeente */
  exceptTeam?: string,
): Promise<MonthCell[]> {
  const after = addMonths(`${to}-01`, 1);
  // one grouping set per split; with each code × provider cell the wijken its lines touch, for the exact check
  return lens.query<MonthCell>(sql`
    WITH c AS (
      SELECT cl.gemeente_code AS g, strftime(cl.period_start, '%Y-%m') AS m, cl.care_form AS form,
        coalesce(cl.product_category, '') AS cat, coalesce(cl.product_code, '') AS code,
        coalesce(cl.provider_agb, '') AS agb, coalesce(nullif(y.wijk_code, ''), 'onbekend') AS wijk,
        cl.claim_youth AS youth
      FROM claim_line cl
      LEFT JOIN youth y ON y.gemeente_code = cl.gemeente_code AND y.pseudonym = cl.claim_youth
      WHERE cl.gemeente_code IN (${joinSql(gemeenten.map((x) => sql`${x}`))})
        -- a rejected line is € 0 in every sum, so it links nothing: a key of rejected lines alone was a cell of no
        -- youths, hidden, and hid a neighbour of 12 youths beside it (red team 27)
        AND cl.status <> 'afgewezen'
        AND cl.period_start >= CAST(${`${from}-01`} AS DATE) AND cl.period_start < CAST(${after} AS DATE)
        ${
          exceptTeam === undefined
            ? sql``
            : sql`AND NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.gemeente_code = cl.gemeente_code
                AND t.trajectory_id = cl.trajectory_id AND t.team_code = ${exceptTeam})`
        })
    SELECT g, m, form, cat, code, agb, wijk, GROUPING(form, cat, code, agb, wijk)::INTEGER AS level,
      count(DISTINCT youth)::INTEGER AS youths,
      CASE WHEN GROUPING(form, cat, code, agb, wijk) = ${LEVELS.productcode_aanbieder} THEN list(DISTINCT wijk) END AS wijken
    FROM c GROUP BY GROUPING SETS ((g, m), (g, m, form), (g, m, form, cat), (g, m, form, cat, code),
      (g, m, form, cat, code, agb), (g, m, agb), (g, m, wijk))
    -- in a fixed order: the choice of complementary cells follows the order they are met in, and a pattern that
    -- changed from one lens build (or thread schedule) to the next would let two versions be set side by side
    ORDER BY g, m, level DESC, form NULLS FIRST, cat NULLS FIRST, code NULLS FIRST, agb NULLS FIRST, wijk NULLS FIRST`);
}

/** The hidden cells of these gemeenten in the months `from`…`to` (YYYY-MM), per gemeente and month. */
async function computeHidden(
  lens: Lens,
  gemeenten: readonly string[],
  from: string,
  to: string,
  exceptTeam?: string,
): Promise<Map<string, Map<string, Set<string>>>> {
  const byGemeente = new Map<string, MonthCell[]>(gemeenten.map((x) => [x, []]));
  for (const r of await monthCells(lens, gemeenten, from, to, exceptTeam)) byGemeente.get(r.g)?.push(r);
  // decided on worker threads (hiddenWorkers.ts), a gemeente a job: the decision is seconds of computing for a large
  // gemeente, and on the server's own thread it held every other request that long (8,6 s while a new lens warmed at
  // national size, issue 18.3; before that, stepping a month at a time still held it for a month's exact check)
  const decided = await Promise.all(
    [...byGemeente].map(
      async ([g, cells]) => [g, cells.length === 0 ? new Set<string>() : await decideOffThread(cells)] as const,
    ),
  );
  const out = new Map<string, Map<string, Set<string>>>();
  for (const [g, ids] of decided) {
    const perMonth = new Map<string, Set<string>>();
    for (const id of ids) {
      const m = id.slice(0, id.indexOf('|'));
      const set = perMonth.get(m);
      if (set) set.add(id);
      else perMonth.set(m, new Set([id]));
    }
    out.set(g, perMonth);
  }
  return out;
}

const cmp = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
/** Month, then coarser grouping sets first, then the keys (NULL first): the query's ORDER BY. */
function canonicalOrder(a: MonthCell, b: MonthCell): number {
  return (
    cmp(a.m, b.m) ||
    b.level - a.level ||
    cmp(a.form, b.form) ||
    cmp(a.cat, b.cat) ||
    cmp(a.code, b.code) ||
    cmp(a.agb, b.agb) ||
    cmp(a.wijk, b.wijk)
  );
}

/** A cell's split. */
function splitOf(c: MonthCell): AmountSplit {
  const s = SPLIT_OF.get(c.level);
  if (s === undefined) throw new Error(`unknown grouping level ${c.level}`);
  return s;
}
const idOf = (c: MonthCell, split: AmountSplit): string => cellId(c.m, split, keyIn(c, split));

/**
 * One gemeente's month cells as linked tables: which are hidden (ids `month|split|key`, see `cellId`). Pure computing,
 * seconds for a large gemeente: the server runs it on a worker thread (hiddenWorkers.ts).
 */
export function hiddenOfGemeente(input: readonly MonthCell[]): Set<string> {
  // the complementary choices follow the order cells are met in: fixed here, whatever order the lens returned them in
  // (already sorted by the query, so this costs one pass)
  const cells = [...input].sort(canonicalOrder);
  const months = new Map<string, Array<{ cell: MonthCell; split: AmountSplit; id: string }>>();
  for (const c of cells) {
    const split = splitOf(c);
    const list = months.get(c.m);
    const x = { cell: c, split, id: idOf(c, split) };
    if (list) list.push(x);
    else months.set(c.m, [x]);
  }
  const hidden = new Set<string>();
  // a month at a time: every linked table lies within one month, so the months are decided apart with the same result,
  // and the rules' passes over all groups of three years at once took 38,6 s for one gemeente at national size where
  // its half-years took 0,2 s each (issue 18.3)
  for (const own of months.values()) {
    const persons = new Map<string, number>();
    const children = new Map<string, { parent: string; children: string[] }>();
    for (const { cell, split, id } of own) {
      persons.set(id, cell.youths);
      const up = PARENT[split];
      if (up === null) continue;
      const parent = idOf(cell, up);
      const k = `${parent}#${split}`;
      const group = children.get(k);
      if (group) group.children.push(id);
      else children.set(k, { parent, children: [id] });
    }
    const mine = linkedSuppression(persons, [...children.values()], MIN_YOUTHS);
    for (const id of mine) hidden.add(id);
    // the exact check (domain/linkedCells.ts auditMonth): the leaves are the code × provider cells, every other cell
    // but a wijk is a union of them, and a wijk shares claim lines with the leaves that name it
    if (mine.size === 0) continue;
    const leafIds: string[] = [];
    const leafIndex = new Map<string, number>();
    const leavesOf = new Map<string, number[]>(); // split#key → leaf indices
    const add = (k: string, i: number) => {
      const list = leavesOf.get(k);
      if (list) list.push(i);
      else leavesOf.set(k, [i]);
    };
    for (const { cell, split, id } of own) {
      if (split !== 'productcode_aanbieder') continue;
      // one leaf per code × provider (a category has one care form, so the id is unique; kept safe anyway)
      let i = leafIndex.get(id);
      if (i === undefined) leafIndex.set(id, (i = leafIds.push(id) - 1));
      for (const s of LEAF_SPLITS) add(`${s}#${keyIn(cell, s) ?? ''}`, i);
      for (const w of cell.wijken ?? []) add(`wijk#${w}`, i);
    }
    const sums: Array<{ id: string; leaves: number[] }> = [];
    const cross: Array<{ id: string; leaves: number[] }> = [];
    for (const { cell, split, id } of own) {
      if (split === 'productcode_aanbieder') continue;
      const leaves = leavesOf.get(`${split}#${keyIn(cell, split) ?? ''}`) ?? [];
      (split === 'wijk' ? cross : sums).push({ id, leaves });
    }
    auditMonth({ leaves: leafIds, sums, cross, persons }, mine);
    for (const id of mine) hidden.add(id);
  }
  return hidden;
}

/** Per gemeente and month the hidden cells' ids (`cellId`). */
export type HiddenCells = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;

/**
 * The hidden month cells of these gemeenten in these months on this lens (ids `month|split|key`, see `cellId`),
 * each gemeente-month decided once per lens. Ask with the months you will look up in `hiddenInAMonth`.
 */
export async function hiddenAmountCells(
  lens: Lens,
  gemeenten: readonly string[],
  months: readonly string[],
): Promise<HiddenCells> {
  let perLens = cache.get(lens);
  if (!perLens) cache.set(lens, (perLens = new Map()));
  const gs = [...new Set(gemeenten)].sort();
  const ms = [...new Set(months)].sort();
  decideMissing(lens, perLens, gs, ms, '');
  // a team's reader knows its own team's amounts: the rest of its gemeente is decided as a gemeente of its own, and
  // what is hidden there is hidden for this reader too (reader.ts)
  const reader = readerTeam();
  const rest = reader && gs.includes(reader.gemeente) ? reader : undefined;
  if (rest) decideMissing(lens, perLens, [rest.gemeente], ms, rest.team);
  // per gemeente and month the decided set itself: copying the ids of 342 gemeenten × 12 months into one set per
  // gemeente cost every amount figure half a second at national size
  const out = new Map<string, Map<string, ReadonlySet<string>>>();
  for (const g of gs) {
    const own = new Map<string, ReadonlySet<string>>();
    for (const m of ms) {
      const published = await perLens.get(`${g}|${m}|`)!;
      const other = rest?.gemeente === g ? await perLens.get(`${g}|${m}|${rest.team}`)! : null;
      own.set(m, other === null || other.size === 0 ? published : new Set([...published, ...other]));
    }
    out.set(g, own);
  }
  return out;
}

/** Starts the decision of every gemeente-month not decided yet (`team`: the rest of the gemeente beside it; '' none). */
function decideMissing(
  lens: Lens,
  perLens: Map<string, Promise<Set<string>>>,
  gs: readonly string[],
  ms: readonly string[],
  team: string,
): void {
  const id = (g: string, m: string) => `${g}|${m}|${team}`;
  const missing = gs.filter((g) => ms.some((m) => !perLens.has(id(g, m))));
  for (let i = 0; i < missing.length; i += CHUNK) {
    const chunk = missing.slice(i, i + CHUNK);
    const todo = ms.filter((m) => chunk.some((g) => !perLens.has(id(g, m))));
    const from = todo[0]!;
    const to = todo[todo.length - 1]!;
    const all = computeHidden(lens, chunk, from, to, team === '' ? undefined : team);
    // the months in between are decided by the same query: kept too
    const keys = chunk.flatMap((g) => monthsBetween(from, to).map((m) => [g, m] as const));
    const fresh = keys.filter(([g, m]) => !perLens.has(id(g, m)));
    // a failed computation is not kept: the next request tries again
    all.catch(() => fresh.forEach(([g, m]) => perLens.delete(id(g, m))));
    for (const [g, m] of fresh)
      perLens.set(
        id(g, m),
        all.then((r) => r.get(g)?.get(m) ?? new Set<string>()),
      );
  }
}

/** The months of a period, or of its year up to its end (`fromJanuary`: year-to-date figures). */
export function monthsOf(p: Period, fromJanuary = false): string[] {
  const start = fromJanuary ? `${p.year}-01` : periodStart(p).slice(0, 7);
  return monthsBetween(start, periodEnd(p).slice(0, 7));
}

/**
 * Marks the rows of an amount indicator whose amount is hidden when published (`hiddenWhenPublished`): those with a
 * month of `months` hidden for the row's gemeente, split and key. `split` maps a row to the split decided here; a split that
 * is not decided here is hidden as a whole (the safe side); null: the row is not an amount from claims (an Iv3 figure).
 */
export async function markHiddenAmounts(
  lens: Lens,
  rows: readonly IndicatorRow[],
  months: readonly string[],
  split: (r: IndicatorRow) => string | null = (r) => r.by ?? '',
): Promise<IndicatorRow[]> {
  if (rows.length === 0) return [...rows];
  const hidden = await hiddenAmountCells(
    lens,
    rows.map((r) => r.gemeente),
    months,
  );
  return rows.map((r) => {
    const s = split(r);
    if (s === null) return r;
    const hide = !SPLITS.has(s) || hiddenInAMonth(hidden, [r.gemeente], months, s, s === '' ? null : r.key);
    return hide ? { ...r, hiddenWhenPublished: true } : r;
  });
}

/** Is the amount (split, key) hidden in a month of `months` in one of `gemeenten`? (`hidden` from hiddenAmountCells) */
export function hiddenInAMonth(
  hidden: HiddenCells,
  gemeenten: readonly string[],
  months: readonly string[],
  split: string,
  key: string | null,
): boolean {
  return gemeenten.some((g) =>
    months.some(
      (m) =>
        hidden
          .get(g)
          ?.get(m)
          ?.has(cellId(m, split, key)) ?? false,
    ),
  );
}
