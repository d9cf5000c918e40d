// Builds, then runs every compiled *.test.js with node's test runner, and ends with the plain
// "N passed, N failed" line CI reads. Pass file filters as arguments: npm test -- csv periods
import { spawnSync } from 'node:child_process';
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
// Two files at a time: the suite is CPU-bound on two cores (three at a time did not finish sooner, 2026-12-06). The
// runner takes the files in its own (sorted) order whatever order they are given in, so ordering them here is moot.
const concurrency = Number(process.env.ZICHT_TEST_CONCURRENCY ?? 2);
const tap = join(process.env.TMPDIR ?? '/tmp', `zicht-test-${process.pid}.tap`);
const run = spawnSync(
  process.execPath,
  [
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, ZICHT_TESTING: '1' } },
);
const text = readFileSync(tap, 'utf8');
rmSync(tap, { force: true });
const count = (k) => Number((new RegExp(`^# ${k} (\\d+)`, 'm').exec(text) ?? [])[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
console.log(`\n${count('skipped')} skipped, ${count('todo')} todo`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
