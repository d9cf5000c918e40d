/**
 * Indicator timings on an existing lens (`npm run bench:indicators -- <dataDir> [year] [--record]`), issue 18.3:
 * - the hidden amount cells of every gemeente (what the first cost figure of a gemeente pays once per lens);
 * - every catalogue indicator for every gemeente, for the year and its second half-year, best of two — each case
 *   beside the time its own lens queries take when replayed straight on DuckDB (no row conversion, no kernel, no
 *   JavaScript after): the ratio is what Zicht's path adds to "one hand-written query for the same figure";
 * - a full recompute of the catalogue for the year (hidden cells already known);
 * - the headline figure through Zicht next to the independent hand-written query (indicators/independent.ts).
 * Prints one JSON line; with --record also appends a table to docs/benchmarks.md; `--record-from <file>` appends
 * the table of a JSON line saved from an earlier run (a national run takes many minutes).
 */
import { Lens } from '../lens/lens.js';
import { parsePeriod, formatPeriod } from '../domain/periods.js';
import { INDICATORS } from '../indicators/catalogue.js';
import { pctYouthInCare } from '../indicators/use.js';
import { headlineByHand } from '../indicators/independent.js';
import { hiddenAmountCells, monthsOf } from '../indicators/amountCells.js';
import type { Sql } from '../lens/sql.js';
import { appendBenchmark, benchDate, benchMachine } from './record.js';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const fromFile = args.indexOf('--record-from');
if (fromFile >= 0) {
  recordTable(JSON.parse(readFileSync(args[fromFile + 1]!, 'utf8')) as Result, args[fromFile + 2] ?? '');
  process.exit(0);
}
const record = args.includes('--record');
const [dataDir, yearText] = args.filter((a) => !a.startsWith('--'));
if (!dataDir) throw new Error('usage: indicators.js <dataDir> [year] [--record]');
const year = yearText ?? '2025';
const lens = await Lens.open(dataDir);

/** every query the lens runs while `captured` is set, to be replayed raw */
let captured: Array<{ text: string; params: unknown[] }> | null = null;
const original = lens.query.bind(lens);
lens.query = (async (query: Sql | string) => {
  if (captured) captured.push(typeof query === 'string' ? { text: query, params: [] } : query.compile());
  return original(query);
}) as Lens['query'];
// the lens's own connection, for replaying a query without the row conversion Lens.query does
const con = (lens as unknown as { con: { runAndReadAll(t: string, p: unknown[]): Promise<unknown> } }).con;

const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;
const [size] = await lens.query<{ n: number; g: number; lines: number }>(
  `SELECT (SELECT count(*) FROM trajectory)::BIGINT AS n, (SELECT count(DISTINCT gemeente_code) FROM trajectory)::BIGINT AS g,
     (SELECT count(*) FROM claim_line)::BIGINT AS lines`,
);
const { n, g, lines } = size!;

// the hidden amount cells of every gemeente, once (cached per lens afterwards, as on a server)
const gemeenten = (
  await lens.query<{ c: string }>('SELECT DISTINCT gemeente_code AS c FROM claim_line ORDER BY 1')
).map((r) => r.c);
let t = performance.now();
await hiddenAmountCells(lens, gemeenten, monthsOf(parsePeriod(year), true));
const hiddenCellsMs = ms(t);

interface Case {
  indicator: string;
  period: string;
  firstMs: number;
  bestMs: number;
  queries: number;
  rawMs: number;
  ratio: number;
}
const cases: Case[] = [];
for (const periodText of [year, `${year}H2`]) {
  const q = { period: parsePeriod(periodText), gemeenten: [] as string[] };
  for (const i of INDICATORS) {
    const times: number[] = [];
    let queries: Array<{ text: string; params: unknown[] }> = [];
    for (let k = 0; k < 2; k++) {
      captured = [];
      t = performance.now();
      await i.compute(lens, q);
      times.push(ms(t));
      queries = captured;
      captured = null;
    }
    // the second run's queries: what a computation costs once the per-lens memos (data end, hidden cells) are made
    let rawBest = Infinity;
    for (let k = 0; k < 2; k++) {
      t = performance.now();
      for (const c of queries) await con.runAndReadAll(c.text, c.params);
      rawBest = Math.min(rawBest, ms(t));
    }
    const best = Math.min(...times);
    cases.push({
      indicator: i.definition.id,
      period: formatPeriod(q.period),
      firstMs: times[0]!,
      bestMs: best,
      queries: queries.length,
      rawMs: rawBest,
      ratio: rawBest > 0 ? Math.round((best / rawBest) * 100) / 100 : 0,
    });
    process.stderr.write(
      `${i.definition.id} ${periodText}: ${best} ms (raw ${rawBest} ms, ${queries.length} queries)\n`,
    );
  }
}

const q = { period: parsePeriod(year), gemeenten: [] as string[] };
t = performance.now();
for (const i of INDICATORS) await i.compute(lens, q);
const fullRecomputeMs = ms(t);
const best = async (fn: () => Promise<unknown>) => {
  let b = Infinity;
  for (let k = 0; k < 5; k++) {
    const s = performance.now();
    await fn();
    b = Math.min(b, ms(s));
  }
  return b;
};
const headlineViaZichtMs = await best(() => pctYouthInCare.compute(lens, q));
const headlineByHandMs = await best(() => headlineByHand(lens, q.period));
lens.close();

const slow = cases.filter((c) => c.bestMs >= 200).sort((a, b) => b.bestMs - a.bestMs);
const result = {
  trajectories: n,
  gemeenten: g,
  claimLines: lines,
  indicators: INDICATORS.length,
  cases: cases.length,
  over200: slow.length,
  hiddenCellsMs,
  fullRecomputeMs,
  headlineViaZichtMs,
  headlineByHandMs,
  ratio: Math.round((headlineViaZichtMs / headlineByHandMs) * 100) / 100,
  slow,
  all: cases,
};
console.log(JSON.stringify(result));

if (record) recordTable(result, year);

type Result = typeof result;

function recordTable(result: Result, year: string): void {
  const { cases, slow, n, g, lines, fullRecomputeMs, headlineViaZichtMs, headlineByHandMs, hiddenCellsMs } = {
    ...result,
    n: result.trajectories,
    g: result.gemeenten,
    lines: result.claimLines,
    cases: result.all,
  };
  const indicators = result.indicators;
  year ||= cases[0]?.period ?? '';

  const nf = (x: number) => x.toLocaleString('nl-NL');
  const date = benchDate();
  const worst = [...cases].sort((a, b) => b.ratio - a.ratio).slice(0, 5);
  appendBenchmark(
    [
      `<!-- bench-indicators:${date} -->`,
      `### Indicators on the lens — ${date} UTC — ${benchMachine()}`,
      '',
      `\`npm run bench:indicators -- <dataDir> ${year}\`: ${nf(g)} gemeenten, ${nf(n)} trajectories, ${nf(lines)} claim lines; ` +
        `${indicators} catalogue indicators × 2 periods (${year}, ${year}H2) for every gemeente, best of two.`,
      '',
      '| measure | measured | aim |',
      '|---|---|---|',
      `| cases of 200 ms or more | ${slow.length} of ${cases.length} | 0 |`,
      `| full recompute of the catalogue (${year}) | ${nf(fullRecomputeMs)} ms | < 3.000 ms |`,
      `| headline via Zicht / by hand | ${nf(headlineViaZichtMs)} / ${nf(headlineByHandMs)} ms = ${nf(result.ratio)} | ≤ 1,5 |`,
      `| hidden amount cells of every gemeente for the months of ${year} (once per lens) | ${nf(hiddenCellsMs)} ms | |`,
      '',
      'Each case of 200 ms or more, and the five with the largest overhead, beside its own queries replayed straight on DuckDB:',
      '',
      '| indicator | period | first ms | best ms | queries | raw queries ms | ratio |',
      '|---|---|---|---|---|---|---|',
      ...[...slow, ...worst.filter((w) => !slow.some((x) => x.indicator === w.indicator && x.period === w.period))].map(
        (c) =>
          `| ${c.indicator} | ${c.period} | ${nf(c.firstMs)} | ${nf(c.bestMs)} | ${c.queries} | ${nf(c.rawMs)} | ${nf(c.ratio)} |`,
      ),
      '',
    ].join('\n'),
  );
}
