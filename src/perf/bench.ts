/**
 * npm run bench [-- <scenario…>]: runs benchmark scenarios in child processes and writes the results,
 * with the machine and the data size, to docs/benchmarks.md (between markers) and bench-out/results.json.
 * Scenarios: region (1×), x4, x16 (first 9 / 36 / 144 gemeenten of the national set), national (342),
 * bigfile-<MB> (validation of one large CSV), claims-<lines> (JW323 declarations end to end). Default: region x4 bigfile-500.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { appendBenchmark, benchDate, benchMachine } from './record.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIO = fileURLToPath(new URL('./scenario.js', import.meta.url));
const INDICATORS = fileURLToPath(new URL('./indicators.js', import.meta.url));
const SIZES: Record<string, number> = { region: 9, x4: 36, x16: 144, national: 342 };

function run(args: string[]): Record<string, unknown> {
  process.stderr.write(`bench: ${args.join(' ')} …\n`);
  const out = execFileSync(process.execPath, [SCENARIO, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.trim().split('\n').pop()!;
  process.stderr.write(`bench: ${line}\n`);
  return JSON.parse(line) as Record<string, unknown>;
}

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['region', 'x4', 'bigfile-500'];
const work = join(tmpdir(), 'zicht-bench');
const results: Record<string, unknown>[] = [];
for (const name of wanted) {
  if (name.startsWith('bigfile-')) results.push({ name, ...run(['bigfile', name.slice(8), join(work, 'big')]) });
  else if (name.startsWith('claims-')) results.push({ name, ...run(['claims', name.slice(7), join(work, 'claims')]) });
  else if (SIZES[name]) {
    const r = run(['demo', String(SIZES[name]), join(work, name)]);
    // then every catalogue indicator on the lens that scenario built
    const ind = execFileSync(process.execPath, [INDICATORS, join(work, name), '2025'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    results.push({ name, ...r, indicators: JSON.parse(ind) as Record<string, unknown> });
  } else throw new Error(`unknown scenario ${name}`);
}

const machine = benchMachine();
const date = benchDate();
mkdirSync('bench-out', { recursive: true });
const previous = existsSync('bench-out/results.json')
  ? (JSON.parse(readFileSync('bench-out/results.json', 'utf8')) as unknown[])
  : [];
writeFileSync('bench-out/results.json', JSON.stringify([...previous, { date, machine, results }], null, 2));

const nf = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('nl-NL') : String(n ?? ''));
const rows = results.map((r) => {
  if (r.scenario === 'claims') {
    return `| ${r.name} | iJw JW323 end to end, ${r.backend} | ${nf(r.messages)} berichten, ${nf(r.lines)} declaratieregels, ${nf(r.megabytes)} MB | ${nf(r.writeMs)} | ${nf(r.importMs)} (${nf(r.linesPerS)} regels/s; parse only ${nf(r.parseOnlyMs)} ms, ratio ${nf(r.ratio)}) | ${nf(r.lensMs)} | ${nf((r.importMs as number) + (r.lensMs as number))} | ${nf(r.peakRssMb)} | ${nf(r.eventLoopMaxStallMs)} |`;
  }
  if (r.scenario === 'bigfile') {
    return `| ${r.name} | validation only (dry run), PGlite | ${nf(Math.round((r.bytes as number) / 1_048_576))} MB, ${nf(r.rows)} rows | – | ${nf(r.validateMs)} | – | ${nf(r.validateMs)} | ${nf(r.peakRssMb)} | ${nf(r.eventLoopMaxStallMs)} |`;
  }
  const rowsOf = r.rows as Record<string, number>;
  return `| ${r.name} | ${r.backend}, ${r.gemeenten} gemeenten, ${nf(r.inhabitants)} inwoners | ${nf(rowsOf.trajecten)} trajecten, ${nf(rowsOf.declaraties)} declaratieregels | ${nf(r.generateMs)} | ${nf(r.importMs)} | ${nf(r.lensMs)} (${nf(r.lensMsPerMillionTrajectories)} per M trajecten) | ${nf(r.totalMs)} | ${nf(r.peakRssMb)} | ${nf(r.eventLoopMaxStallMs)} |`;
});
const indicatorRows = results
  .filter((r) => r.indicators)
  .map((r) => {
    const i = r.indicators as Record<string, unknown>;
    return `| ${r.name} | ${nf(i.trajectories)} | ${nf(i.indicators)} | ${nf(i.fullRecomputeMs)} | ${nf(i.headlineViaZichtMs)} | ${nf(i.headlineByHandMs)} | ${nf(i.ratio)} |`;
  });
const block = [
  `<!-- bench:${date} -->`,
  `### ${date} UTC — ${machine}`,
  '',
  '| scenario | set-up | data | generate ms | import ms | lens ms | total ms | peak RSS MB | max event-loop stall ms |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  ...(indicatorRows.length > 0
    ? [
        '| scenario | trajectories | indicators | full recompute ms | headline via Zicht ms | same by hand ms | ratio |',
        '|---|---|---|---|---|---|---|',
        ...indicatorRows,
        '',
      ]
    : []),
].join('\n');
appendBenchmark(block);
console.log(block);
