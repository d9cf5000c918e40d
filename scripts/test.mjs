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
// Two lanes, one file at a time each, balanced by what the files took on a fresh clone (2026-12-06, two at a time):
// the suite is CPU-bound on two cores, and node's runner sorts the files it is given, so with one runner at
// concurrency 2 the 2-minute differential started last and ran alone at the end, past the CI's 30 minutes. Files not
// named here weigh a few seconds each; the weights only balance the lanes, nothing else depends on them.
const WEIGHT = [
  ['e2e/browser.test', 723],
  ['demo/calibration.test', 131],
  ['testing/reference/differential.test', 125],
  ['cli/crash.test', 78],
  ['server/attack.test', 64],
  ['server/odata.test', 64],
  ['server/tokens.test', 63],
  ['store/process.test', 55],
  ['server/authorisation.test', 42],
  ['server/disclosure.test', 39],
  ['testing/reference/benchmarkDifferential.test', 38],
  ['cli/tokens.test', 35],
  ['cli/help.test', 33],
  ['.browser.test', 20],
];
const weight = (f) => WEIGHT.find(([k]) => f.includes(k))?.[1] ?? 3;
const lanes = [
  { files: [], load: 0 },
  { files: [], load: 0 },
];
for (const f of [...files].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
  const lane = lanes[0].load <= lanes[1].load ? lanes[0] : lanes[1];
  lane.files.push(f);
  lane.load += weight(f);
}
const tmp = process.env.TMPDIR ?? '/tmp';
const runLane = (lane, i) =>
  new Promise((resolve) => {
    const tap = join(tmp, `zicht-test-${process.pid}-${i}.tap`);
    if (lane.files.length === 0) return resolve({ status: 0, text: '' });
    const child = spawn(
      process.execPath,
      [
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...lane.files,
      ],
      { stdio: 'inherit', env: { ...process.env, ZICHT_TESTING: '1' } },
    );
    child.on('close', (status) => {
      const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
      rmSync(tap, { force: true });
      resolve({ status, text });
    });
  });
const results = await Promise.all(lanes.map(runLane));
const count = (k) =>
  results.reduce((sum, r) => sum + Number((new RegExp(`^# ${k} (\\d+)`, 'm').exec(r.text) ?? [])[1] ?? 0), 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled') + results.filter((r) => r.status !== 0 && !r.text).length;
console.log(`\n${count('skipped')} skipped, ${count('todo')} todo`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.status === 0) && failed === 0 ? 0 : 1);
