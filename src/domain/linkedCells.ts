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

/** Row-echelon basis: each row reduced against the rows before it, so one pass in order reduces a vector. */
class Basis {
  private readonly rows: Array<{ v: Float64Array; pivot: number }> = [];
  constructor(private readonly width: number) {}
  private reduce(cols: readonly number[]): Float64Array {
    const v = new Float64Array(this.width);
    for (const a of cols) v[a] = 1;
    for (const { v: b, pivot } of this.rows) {
      const f = v[pivot]!;
      if (Math.abs(f) < 1e-9) continue;
      const scale = f / b[pivot]!;
      for (let i = 0; i < v.length; i++) if (b[i] !== 0) v[i]! -= scale * b[i]!;
    }
    return v;
  }
  add(cols: readonly number[]): void {
    this.unit = null;
    if (cols.length === 0) return;
    const v = this.reduce(cols);
    const pivot = v.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot >= 0) this.rows.push({ v, pivot });
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
        for (let k = 0; k < i; k++) {
          const u = rows[k]!.v;
          const f = u[pivot]!;
          if (Math.abs(f) < 1e-9) continue;
          const scale = f / v[pivot]!;
          for (let x = 0; x < u.length; x++) if (v[x] !== 0) u[x]! -= scale * v[x]!;
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
  // groups of leaves and wijken linked by shared claim lines (union-find; wijk j is node leaves.length + j)
  const parent = Array.from({ length: m.leaves.length + m.cross.length }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  m.cross.forEach((w, j) => w.leaves.forEach((l) => (parent[find(l)] = find(m.leaves.length + j))));
  const hiddenCross = new Map<number, number>();
  m.cross.forEach((w, j) => {
    if (!hidden.has(w.id)) return;
    const g = find(m.leaves.length + j);
    hiddenCross.set(g, (hiddenCross.get(g) ?? 0) + 1);
  });
  const leavesOfGroup = new Map<number, number[]>();
  m.leaves.forEach((_, i) => {
    const g = find(i);
    const list = leavesOfGroup.get(g);
    if (list) list.push(i);
    else leavesOfGroup.set(g, [i]);
  });
  const basis = new Basis(width);
  for (const c of m.sums) if (!hidden.has(c.id)) basis.add(hiddenCols(c.leaves));
  for (const [g, leaves] of leavesOfGroup) if (!hiddenCross.has(g)) basis.add(hiddenCols(leaves));
  const out: string[] = [];
  m.leaves.forEach((id, i) => {
    if (col[i]! >= 0 && basis.spans([col[i]!])) out.push(id);
  });
  for (const c of m.sums) if (hidden.has(c.id) && basis.spans(hiddenCols(c.leaves))) out.push(c.id);
  m.cross.forEach((w, j) => {
    if (!hidden.has(w.id)) return;
    const g = find(m.leaves.length + j);
    if (hiddenCross.get(g)! >= 2) return;
    if (basis.spans(hiddenCols(leavesOfGroup.get(g) ?? []))) out.push(w.id);
  });
  return out;
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
  for (;;) {
    const exposed = exposedCells(m, hidden);
    if (exposed.length === 0) return;
    const target = exposed[0]!;
    const shown = all.filter((id) => !hidden.has(id)).sort((a, b) => size(a) - size(b) || (a < b ? -1 : a > b ? 1 : 0));
    if (shown.length === 0) return;
    const fixes = shown.find((id) => !exposedCells(m, { has: (x) => x === id || hidden.has(x) }).includes(target));
    hidden.add(fixes ?? shown[0]!);
  }
}
