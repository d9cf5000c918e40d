// Project rules tsc does not check. Exits 1 with file:line for every finding.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED, layerFindings } from './layers.mjs';

const rules = [
  { re: /:\s*any\b|as any\b/, why: 'no `any`: type the boundary (zod or an explicit interface)' },
  {
    re: /console\.log\(/,
    why: 'console.log only in src/cli, src/perf and tests',
    allow: /src\/(cli|perf)\/|\.test\.ts$/,
  },
  {
    // configuration is read once (docs/architecture.md, "Configuration"); tests and test support set their own
    re: /\bprocess\.env\b/,
    why: 'process.env only in src/cli/config.ts: add the variable to Settings there and pass its value down',
    allow: /src\/cli\/config\.ts$|\.test\.ts$|src\/testing\//,
  },
  {
    test: (line) => (line.match(/\b\d{9}\b/g) ?? []).some(isRealLookingBsn),
    why: 'a 9-digit number that passes the elfproef outside the 999 test range may be a real BSN',
  },
];
function isRealLookingBsn(n) {
  let s = 0;
  for (let i = 0; i < 8; i++) s += Number(n[i]) * (9 - i);
  s -= Number(n[8]);
  return s % 11 === 0 && !n.startsWith('999') && n !== '000000000';
}
function walk(d) {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
}
let findings = 0;
for (const file of walk('src').filter((f) => f.endsWith('.ts'))) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      for (const r of rules) {
        if (r.allow?.test(file)) continue;
        if (r.re ? r.re.test(line) : r.test(line)) {
          findings++;
          console.error(`${file}:${i + 1}: ${r.why}\n    ${line.trim()}`);
        }
      }
    });
}
// the layer order (docs/architecture.md, "Layers"); known violations are listed with a reason in scripts/layers.mjs
const layers = layerFindings();
for (const [key, why] of layers) {
  if (ALLOWED.has(key)) continue;
  findings++;
  console.error(`layers: ${key}\n    ${why}`);
}
for (const key of ALLOWED.keys()) {
  if (layers.has(key)) continue;
  findings++;
  console.error(`layers: ${key} no longer occurs: remove it from ALLOWED in scripts/layers.mjs`);
}
// a source file (tests aside) stays under 400 lines or says why in its header (docs/architecture.md, "Files over 400 lines")
for (const file of walk('src').filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.length <= 400 || lines.slice(0, 30).some((l) => l.includes('Over 400 lines:'))) continue;
  findings++;
  console.error(
    `${file}: ${lines.length} lines; split it along a seam or give the reason in its header ("Over 400 lines: …")`,
  );
}
if (findings > 0) process.exit(1);
console.error('lint: no findings');
