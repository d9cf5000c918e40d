// The layer order of src/ (docs/architecture.md, "Layers"): a module imports only from its own layer and the ones
// below it, and no modules import each other in a cycle. Test files (*.test.ts) are left out: a test stands above
// everything it tests. Run by scripts/lint.mjs; exits 1 on a finding not in ALLOWED.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Lowest first. Directories in one entry are peers: they may import each other, but not in a cycle. */
export const LAYERS = [
  ['domain'],
  ['store', 'lens'],
  ['audit'],
  ['ingest', 'indicators', 'benchmark', 'ops'],
  ['app', 'demo'],
  ['reports'],
  ['server', 'cli', 'web'],
  ['testing', 'perf', 'e2e'],
];

/**
 * Violations that existed when the check was introduced (issue 15). Each is a debt with its way out; the list may only
 * shrink: a new violation fails lint, and an entry that no longer occurs must be removed.
 */
export const ALLOWED = new Map([]);

function walk(d) {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
}

/** file -> files it imports (relative specifiers only), with .js specifiers mapped back to their .ts/.tsx source. */
export function importGraph(root = 'src') {
  const files = walk(root).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
  const graph = new Map();
  const rel = String.raw`['"](\.{1,2}/[^'"]+)['"]`;
  const statement = String.raw`(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s*)?`;
  const spec = new RegExp(String.raw`${statement}${rel}|import\(\s*${rel}`, 'g');
  for (const f of files) {
    const targets = new Set();
    for (const m of readFileSync(f, 'utf8').matchAll(spec)) {
      const base = resolve(dirname(f), m[1] ?? m[2]).replace(/\.js$/, '');
      const hit = [base + '.ts', base + '.tsx', join(base, 'index.ts')].find((c) => existsSync(c));
      if (hit) targets.add(relative('.', hit));
    }
    graph.set(relative('.', f), targets);
  }
  return graph;
}

const rank = new Map(LAYERS.flatMap((dirs, i) => dirs.map((d) => [d, i])));
const dirOf = (f) => f.split('/')[1];

/** Strongly connected components with more than one module (Tarjan). */
function cycles(graph) {
  let index = 0;
  const idx = new Map(),
    low = new Map(),
    stack = [],
    on = new Set(),
    out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Every finding as a key (the form ALLOWED uses) with its message. */
export function layerFindings(graph = importGraph()) {
  const found = new Map();
  for (const [f, targets] of graph) {
    const a = dirOf(f);
    if (!rank.has(a)) found.set(`unplaced ${a}`, `src/${a}/ is in no layer: add it to LAYERS and docs/architecture.md`);
    for (const t of targets) {
      const b = dirOf(t);
      if (rank.has(a) && rank.has(b) && rank.get(b) > rank.get(a)) {
        found.set(`${f} -> ${t}`, `upward import: ${a} (layer ${rank.get(a)}) imports ${b} (layer ${rank.get(b)})`);
      }
    }
  }
  // peers may use each other in one direction only
  const dirEdges = new Set();
  for (const [f, targets] of graph) {
    for (const t of targets) if (dirOf(f) !== dirOf(t)) dirEdges.add(`${dirOf(f)}>${dirOf(t)}`);
  }
  for (const e of dirEdges) {
    const [a, b] = e.split('>');
    if (a < b && rank.get(a) === rank.get(b) && dirEdges.has(`${b}>${a}`)) {
      found.set(`peers ${a} <-> ${b}`, `peer directories import each other: ${a} and ${b}`);
    }
  }
  for (const c of cycles(graph)) found.set(`cycle ${c.join(' <-> ')}`, 'import cycle');
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = layerFindings();
  let bad = 0;
  for (const [k, why] of found)
    if (!ALLOWED.has(k)) {
      bad++;
      console.error(`layers: ${k}\n    ${why}`);
    }
  for (const k of ALLOWED.keys()) {
    if (found.has(k)) continue;
    bad++;
    console.error(`layers: ${k} no longer occurs: remove it from ALLOWED in scripts/layers.mjs`);
  }
  console.error(`layers: ${found.size} known violation(s) allowed, ${bad} finding(s)`);
  if (bad > 0) process.exit(1);
}
