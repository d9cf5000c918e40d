// Builds, then runs every compiled *.test.js with node's test runner, and ends with the plain
// "N passed, N failed" line CI reads. Pass file filters as arguments: npm test -- csv periods
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

// the server code, then the web application (the browser tests serve it)
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
const web = build.status === 0 ? spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit' }) : build;
if (build.status !== 0 || web.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.js') ? [p] : [];
  });
}
const filters = process.argv.slice(2);
// tsc does not remove what it compiled before: a test whose source was moved or deleted is left in dist, not run
const hasSource = (f) => ['.ts', '.tsx'].some((ext) => existsSync(f.replace(/^dist/, 'src').replace(/\.js$/, ext)));
const files = walk('dist')
  .filter((f) => hasSource(f) && (filters.length === 0 || filters.some((x) => f.includes(x))))
  .sort();
// Two workers, one test process each at a time, take the next job from one queue, the longest first: the suite is
// CPU-bound on two cores, and node's runner sorts the files it is given, so with one runner at concurrency 2 the
// 2-minute differential started last and ran alone past the CI's 30 minutes; with two fixed lanes balanced by a
// hand-kept weight list, one lane ended 7 minutes after the other (2026-12-06). A queue balances itself: the weights
// only order the long files first. Files not named here weigh a few seconds each and run in small batches, one
// process per batch, so the ~170 short files do not each pay a test runner's start.
const WEIGHT = [
  ['e2e/browser.test', 610],
  ['testing/reference/differential.test', 270],
  ['demo/calibration.test', 146],
  ['server/authorisation.test', 80],
  ['cli/crash.test', 75],
  ['server/tokens.test', 74],
  ['server/odata.test', 72],
  ['testing/reference/benchmarkDifferential.test', 64],
  ['indicators/bridge.test', 60],
  ['server/attack.test', 53],
  ['ops/backup.test', 48],
  ['reports/asOfVersions.test', 46],
  ['cli/indicatorsCli.test', 45],
  ['store/process.test', 44],
  ['server/disclosure.test', 39],
  ['reports/externalCells.test', 39],
  ['cli/tokens.test', 37],
  ['cli/help.test', 35],
  ['.browser.test', 22],
];
const weight = (f) => WEIGHT.find(([k]) => f.includes(k))?.[1] ?? 3;
const BATCH = 8;
const jobs = [];
for (const f of files.filter((f) => weight(f) > 3)) jobs.push({ files: [f], load: weight(f) });
const light = files.filter((f) => weight(f) <= 3);
for (let i = 0; i < light.length; i += BATCH) jobs.push({ files: light.slice(i, i + BATCH), load: 3 * BATCH });
jobs.sort((a, b) => b.load - a.load);
const tmp = process.env.TMPDIR ?? '/tmp';
const runJob = (job, i) =>
  new Promise((resolve) => {
    const started = Date.now();
    const tap = join(tmp, `zicht-test-${process.pid}-${i}.tap`);
    const child = spawn(
      process.execPath,
      [
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...job.files,
      ],
      { stdio: 'inherit', env: { ...process.env, ZICHT_TESTING: '1' } },
    );
    child.on('close', (status) => {
      const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
      if (!process.env.ZICHT_TEST_KEEP_TAP) rmSync(tap, { force: true });
      resolve({ status, text, files: job.files, seconds: (Date.now() - started) / 1000 });
    });
  });
const results = [];
let next = 0;
const worker = async () => {
  while (next < jobs.length) {
    const i = next++;
    results.push(await runJob(jobs[i], i));
  }
};
// two workers for two cores; ZICHT_TEST_WORKERS to try another number
const workers = Math.max(1, Number(process.env.ZICHT_TEST_WORKERS) || 2);
await Promise.all(Array.from({ length: workers }, worker));
const count = (k) =>
  results.reduce((sum, r) => sum + Number((new RegExp(`^# ${k} (\\d+)`, 'm').exec(r.text) ?? [])[1] ?? 0), 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled') + results.filter((r) => r.status !== 0 && !r.text).length;
// where the run's time went, for whoever has to keep it under CI's 30 minutes: the total and the longest jobs
const short = (f) => f.replace(/^dist\//, '').replace(/\.test\.js$/, '');
const byTime = [...results].sort((a, b) => b.seconds - a.seconds);
console.log(
  `\ntest processes: ${Math.round(results.reduce((s, r) => s + r.seconds, 0))} s in ${results.length} jobs; longest:`,
);
for (const r of byTime.slice(0, 12))
  console.log(`  ${r.seconds.toFixed(0).padStart(5)} s  ${r.files.map(short).join(' ')}`);
// why each test failed, repeated at the end: CI keeps only the tail of the output, and the spec reporter's
// own account of a failure sits somewhere in the middle of 30 minutes of interleaved jobs
const failures = results.flatMap((r) => tapFailures(r.text));
if (failures.length > 0) console.log(`\nfailures (${failures.length}):`);
for (const f of failures) console.log(`\n✖ ${f.name}\n${f.detail.map((l) => `    ${l}`).join('\n')}`);
console.log(`\n${count('skipped')} skipped, ${count('todo')} todo`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.status === 0) && failed === 0 ? 0 : 1);

/**
 * The failed tests of a TAP text with their YAML block (error, location, first lines of the stack), leaving out
 * suites that failed only because a test inside them did.
 */
function tapFailures(text) {
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)not ok \d+ - (.*)$/.exec(lines[i]);
    if (!m) continue;
    const block = [];
    let j = i + 1;
    if (lines[j]?.trim() === '---') for (j++; j < lines.length && lines[j].trim() !== '...'; j++) block.push(lines[j]);
    if (block.some((l) => /failureType: 'subtestsFailed'/.test(l))) continue;
    const indent = m[1].length + 2;
    const detail = [];
    let stack = 0;
    for (const l of block.map((l) => l.slice(indent))) {
      if (/^(duration_ms|type):/.test(l)) continue;
      if (/^stack:/.test(l)) stack = 1;
      else if (stack > 0 && !/^\s/.test(l)) stack = 0;
      if (stack > 0 && stack++ > 6) continue; // the first lines of a stack say where; the rest is the runner's
      detail.push(l);
    }
    out.push({ name: m[2], detail: detail.slice(0, 60) });
  }
  return out;
}
