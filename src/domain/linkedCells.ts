/**
 * Disclosure control of linked tables (issue 14, red team 2 F1): which cells of a set of tables that add up to one
 * another must be hidden so that no hidden cell can be recovered by adding and subtracting published ones.
 *
 * The tables are given as groups "parent = sum of children" (a gemeente's month cost = the sum of its care forms; a
 * care form = the sum of its product categories; the same month cost = the sum of its providers). A cell with fewer
 * than `min` persons behind it is hidden (primary suppression). Then, until nothing changes:
 * - a published parent with exactly one hidden child gives that child back (parent minus the others): the smallest
 *   other child is hidden with it; a parent with a single child (jeugdreclassering is one product category) is hidden
 *   with it instead;
 * - a hidden parent whose children are all published is their sum: its smallest child is hidden with it.
 * At the end every published parent has no hidden child or at least two, and every hidden parent has a hidden child
 * in each of its groups, so the published cells leave every hidden cell at least one unknown beside it. Only hides,
 * so the loop ends. Pure: cells in, hidden ids out; the choice is deterministic (smallest count, then id).
 */

export interface LinkedGroup {
  readonly parent: string;
  readonly children: readonly string[];
}

export function linkedSuppression(
  persons: ReadonlyMap<string, number>,
  groups: readonly LinkedGroup[],
  min: number,
): Set<string> {
  const hidden = new Set<string>();
  for (const [id, n] of persons) if (Math.abs(n) < min) hidden.add(id);
  const size = (id: string) => persons.get(id) ?? 0;
  const smallest = (ids: readonly string[]): string | undefined =>
    [...ids].sort((a, b) => size(a) - size(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
  let changed = true;
  while (changed) {
    changed = false;
    const hide = (id: string) => {
      if (hidden.has(id)) return;
      hidden.add(id);
      changed = true;
    };
    for (const g of groups) {
      const shown = g.children.filter((c) => !hidden.has(c));
      const nHidden = g.children.length - shown.length;
      if (!hidden.has(g.parent) && nHidden === 1) {
        const other = smallest(shown);
        hide(other ?? g.parent);
      } else if (hidden.has(g.parent) && nHidden === 0 && shown.length > 0) {
        hide(smallest(shown)!);
      }
    }
  }
  return hidden;
}

/**
 * One month of a gemeente's amount tables for the exact check: `leaves` are the finest cells of the tree (care form →
 * category → code → code × provider), `sums` the cells that are unions of leaves (total, care form, category, code,
 * provider), `cross` the cells of a partition that cuts across the leaves (the youths' wijken): for each, the leaves
 * it shares claim lines with.
 */
export interface CrossMonth {
  readonly leaves: readonly string[];
  readonly sums: ReadonlyArray<{ readonly id: string; readonly leaves: readonly number[] }>;
  readonly cross: ReadonlyArray<{ readonly id: string; readonly leaves: readonly number[] }>;
  readonly persons: ReadonlyMap<string, number>;
}

/** The columns where a row is not 0, in order. */
function nonZero(v: Float64Array): Int32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) n++;
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < v.length; i++) if (v[i] !== 0) out[k++] = i;
  return out;
}

/** Row-echelon basis: each row reduced against the rows before it, so one pass in order reduces a vector. */
class Basis {
  // each row with the columns where it is not 0: the reductions visit only those, the same operations in the same
  // order as a pass over every column that skipped the zeros (a month of a large gemeente has a thousand hidden leaves
  // and rows of a few dozen entries; issue 18.3)
  private readonly rows: Array<{ v: Float64Array; pivot: number; nz: Int32Array }> = [];
  constructor(private readonly width: number) {}
  private reduce(cols: readonly number[]): Float64Array {
    const v = new Float64Array(this.width);
    for (const a of cols) v[a] = 1;
    for (const { v: b, pivot, nz } of this.rows) {
      const f = v[pivot]!;
      if (Math.abs(f) < 1e-9) continue;
      const scale = f / b[pivot]!;
      for (let k = 0; k < nz.length; k++) {
        const i = nz[k]!;
        v[i]! -= scale * b[i]!;
      }
    }
    return v;
  }
  /** How many rows it has. */
  get size(): number {
    return this.rows.length;
  }
  /** A basis of this one's first n rows (shared: a row is never changed once added). */
  prefix(n: number): Basis {
    const b = new Basis(this.width);
    for (let i = 0; i < n; i++) b.rows.push(this.rows[i]!);
    return b;
  }
  /** Adds the row of these columns when it is not in the span already; says whether it was added. */
  add(cols: readonly number[]): boolean {
    this.unit = null;
    if (cols.length === 0) return false;
    const v = this.reduce(cols);
    const pivot = v.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) return false;
    this.rows.push({ v, pivot, nz: nonZero(v) });
    return true;
  }
  spans(cols: readonly number[]): boolean {
    if (cols.length === 1) return this.spansUnit(cols[0]!);
    return this.reduce(cols).every((x) => Math.abs(x) < 1e-6);
  }
  private unit: Map<number, boolean> | null = null;
  /**
   * Is the unit vector of one column in the span? Only when the column is a pivot and, with the rows fully reduced
   * against each other, its row has no other entry: checked for every column at once (the many hidden leaves).
   */
  private spansUnit(col: number): boolean {
    if (!this.unit) {
      const rows = this.rows.map((r) => ({ v: Float64Array.from(r.v), pivot: r.pivot }));
      for (let i = rows.length - 1; i >= 0; i--) {
        const { v, pivot } = rows[i]!;
        // row i is final here (only rows after it changed it): its non-zero columns once
        const nz = nonZero(v);
        for (let k = 0; k < i; k++) {
          const u = rows[k]!.v;
          const f = u[pivot]!;
          if (Math.abs(f) < 1e-9) continue;
          const scale = f / v[pivot]!;
          for (let j = 0; j < nz.length; j++) {
            const x = nz[j]!;
            u[x]! -= scale * v[x]!;
          }
        }
      }
      this.unit = new Map(rows.map((r) => [r.pivot, r.v.every((x, i) => i === r.pivot || Math.abs(x) < 1e-6)]));
    }
    return this.unit.get(col) ?? false;
  }
}

/**
 * The hidden cells of one month that the published ones give back, exactly. The unknowns are the amounts of
 * (leaf, wijk) pairs. A published leaf is known; a published sum is then an equation over hidden leaves. A wijk
 * cell's claim lines cut across leaves: in a connected group of leaves and wijken (linked by shared claim lines) with
 * no hidden wijk, the published wijken add up to the group's leaves, one more equation over its hidden leaves; where
 * the group holds a hidden wijk, that wijk takes up any change, so no equation. A hidden cell is given back when its
 * hidden leaves are a linear combination of the equations; a hidden wijk when it is the only hidden wijk of its group
 * and the group's hidden leaves are (with none, the wijk is its published leaves minus its published wijken).
 */
export function exposedCells(m: CrossMonth, hidden: { has(id: string): boolean }): string[] {
  const b = equations(m, hidden);
  const out: string[] = [];
  m.leaves.forEach((id, i) => {
    if (b.col[i]! >= 0 && b.basis.spans([b.col[i]!])) out.push(id);
  });
  for (const c of m.sums) if (hidden.has(c.id) && b.basis.spans(b.hiddenCols(c.leaves))) out.push(c.id);
  m.cross.forEach((w, j) => {
    if (hidden.has(w.id) && b.crossExposedIn(b.basis, j)) out.push(w.id);
  });
  return out;
}

/**
 * The groups of leaves and wijken linked by shared claim lines (union-find; wijk j is node leaves.length + j): they do
 * not depend on what is hidden, so a month's are found once, not for every candidate auditMonth tries.
 */
const groups = new WeakMap<CrossMonth, { find: (i: number) => number; leavesOfGroup: Map<number, number[]> }>();
function groupsOf(m: CrossMonth): { find: (i: number) => number; leavesOfGroup: Map<number, number[]> } {
  const known = groups.get(m);
  if (known) return known;
  const parent = Array.from({ length: m.leaves.length + m.cross.length }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  m.cross.forEach((w, j) => w.leaves.forEach((l) => (parent[find(l)] = find(m.leaves.length + j))));
  const leavesOfGroup = new Map<number, number[]>();
  m.leaves.forEach((_, i) => {
    const g = find(i);
    const list = leavesOfGroup.get(g);
    if (list) list.push(i);
    else leavesOfGroup.set(g, [i]);
  });
  const out = { find, leavesOfGroup };
  groups.set(m, out);
  return out;
}

/**
 * The equations the published cells give over the hidden leaves (see exposedCells), in a basis, with which of them
 * added a row to it: an equation that added none (no hidden leaf, or a combination of those before it) can be taken
 * away without changing the basis at all.
 */
function equations(m: CrossMonth, hidden: { has(id: string): boolean }) {
  // the column of each hidden leaf (−1: published); a typed array, as this runs for every candidate of auditMonth
  const col = new Int32Array(m.leaves.length).fill(-1);
  let width = 0;
  m.leaves.forEach((id, i) => {
    if (hidden.has(id)) col[i] = width++;
  });
  const hiddenCols = (leaves: readonly number[]): number[] => {
    const out: number[] = [];
    for (const l of leaves) if (col[l]! >= 0) out.push(col[l]!);
    return out;
  };
  const { find, leavesOfGroup } = groupsOf(m);
  const hiddenCross = new Map<number, number>();
  m.cross.forEach((w, j) => {
    if (!hidden.has(w.id)) return;
    const g = find(m.leaves.length + j);
    hiddenCross.set(g, (hiddenCross.get(g) ?? 0) + 1);
  });
  // the equations in the order they enter the basis: the published sums, then the groups without a hidden wijk
  const eqs: Array<{ sum: string | null; group: number | null; cols: number[] }> = [];
  for (const c of m.sums) if (!hidden.has(c.id)) eqs.push({ sum: c.id, group: null, cols: hiddenCols(c.leaves) });
  for (const [g, leaves] of leavesOfGroup)
    if (!hiddenCross.has(g)) eqs.push({ sum: null, group: g, cols: hiddenCols(leaves) });
  const basis = new Basis(width);
  /** the published sums (by id) and the groups (by root) whose equation added a row */
  const sumRow = new Set<string>();
  const groupRow = new Set<number>();
  /** per published sum: its place among the equations and how many rows the basis had before it */
  const sumAt = new Map<string, { k: number; rows: number }>();
  eqs.forEach((e, k) => {
    const rows = basis.size;
    if (e.sum !== null) sumAt.set(e.sum, { k, rows });
    if (!basis.add(e.cols)) return;
    if (e.sum !== null) sumRow.add(e.sum);
    else groupRow.add(e.group!);
  });
  /** a hidden wijk is given back when it is the only hidden wijk of its group and the group's hidden leaves are */
  const crossExposedIn = (b: Basis, j: number): boolean => {
    const g = find(m.leaves.length + j);
    if (hiddenCross.get(g)! >= 2) return false;
    return b.spans(hiddenCols(leavesOfGroup.get(g) ?? []));
  };
  /**
   * The basis with one more published sum hidden: its columns are the same (a sum is no leaf), and the rows of the
   * equations before it are too, so only the equations after it are added again — the same operations as a build
   * without it from the start.
   */
  const withoutSum = (id: string): Basis => {
    const at = sumAt.get(id)!;
    const b = basis.prefix(at.rows);
    for (let k = at.k + 1; k < eqs.length; k++) b.add(eqs[k]!.cols);
    return b;
  };
  return { basis, col, hiddenCols, find, sumRow, groupRow, hiddenCross, crossExposedIn, withoutSum };
}

/**
 * The rules above are about parents and children; cells of different splits can still add up to the same claim lines
 * (two hidden providers that together are one hidden care form: the total minus the published providers gives the
 * form). While a hidden cell of the month is given back (`exposedCells`), the smallest published cell whose hiding
 * protects it is hidden too (or, when no single one does, the smallest). Adds to `hidden`; only hides.
 */
export function auditMonth(m: CrossMonth, hidden: Set<string>): void {
  const all = [...m.leaves, ...m.sums.map((c) => c.id), ...m.cross.map((c) => c.id)];
  const size = (id: string) => m.persons.get(id) ?? 0;
  const leafAt = new Map(m.leaves.map((id, i) => [id, i]));
  const sumAt = new Map(m.sums.map((c, i) => [c.id, i]));
  const crossAt = new Map(m.cross.map((c, j) => [c.id, j]));
  // is the target given back by this basis? Only the target's own test of exposedCells (its leaf, sum or wijk)
  const spanned = (eq: ReturnType<typeof equations>, basis: Basis, target: string): boolean => {
    const i = leafAt.get(target);
    if (i !== undefined) return eq.col[i]! >= 0 && basis.spans([eq.col[i]!]);
    const c = sumAt.get(target);
    if (c !== undefined) return basis.spans(eq.hiddenCols(m.sums[c]!.leaves));
    return eq.crossExposedIn(basis, crossAt.get(target)!);
  };
  const exposedWith = (h: { has(id: string): boolean }, target: string): boolean => {
    const eq = equations(m, h);
    return spanned(eq, eq.basis, target);
  };
  for (;;) {
    const exposed = exposedCells(m, hidden);
    if (exposed.length === 0) return;
    const target = exposed[0]!;
    const shown = all.filter((id) => !hidden.has(id)).sort((a, b) => size(a) - size(b) || (a < b ? -1 : a > b ? 1 : 0));
    if (shown.length === 0) return;
    // A candidate that can change nothing is passed over without building the basis again (a month of a large
    // gemeente tried every published cell this way, 120 bases an iteration, 15 s: issue 18.3): a published sum or a
    // wijk's group whose equation added no row leaves the basis exactly as it is — unless the target is a wijk of that
    // group, whose test counts the group's hidden wijken.
    const base = equations(m, hidden);
    const targetGroup = crossAt.has(target) ? base.find(m.leaves.length + crossAt.get(target)!) : null;
    const idle = (id: string): boolean => {
      if (sumAt.has(id)) return !base.sumRow.has(id);
      const j = crossAt.get(id);
      if (j === undefined) return false;
      const g = base.find(m.leaves.length + j);
      return g !== targetGroup && (base.hiddenCross.has(g) || !base.groupRow.has(g));
    };
    // a published sum taken away: the base's rows before it stand, only the equations after it are added again
    const exposedWithoutSum = (id: string): boolean => spanned(base, base.withoutSum(id), target);
    const fixes = shown.find(
      (id) =>
        !idle(id) &&
        !(sumAt.has(id) ? exposedWithoutSum(id) : exposedWith({ has: (x) => x === id || hidden.has(x) }, target)),
    );
    hidden.add(fixes ?? shown[0]!);
  }
}
