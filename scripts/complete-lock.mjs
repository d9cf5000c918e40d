// The npm registry reachable on our machines serves only the Linux builds of DuckDB's native
// bindings, so `npm install` leaves the other platforms' optional packages out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync with package.json.
// This adds those optional entries with their os/cpu, so npm ci skips them on Linux and a
// developer on macOS or Windows still gets the right binary. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const PLATFORMS = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm64': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'linux-x64': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'win32-arm64': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64': { os: ['win32'], cpu: ['x64'] },
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const m = /^@duckdb\/node-bindings-(.+)$/.exec(dep);
    if (!m || !PLATFORMS[m[1]]) continue;
    const key = `${path ? `${path}/` : ''}node_modules/${dep}`.replace(
      /^node_modules\/@duckdb\/node-bindings\/node_modules\//,
      'node_modules/',
    );
    if (lock.packages[key]) continue;
    lock.packages[key] = { version, license: 'MIT', optional: true, ...PLATFORMS[m[1]] };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.error(`complete-lock: added ${added} optional platform entries`);
