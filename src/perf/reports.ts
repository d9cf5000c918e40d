/**
 * npm run bench:reports [-- <dataDir> <gemeente>] — time and peak memory of each report (maand,
 * raad, aanbieder; PDF and Excel), each in its own process as cron would run it. Results go to
 * docs/benchmarks.md and bench-out/reports.json.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { appendBenchmark, benchDate, benchMachine } from './record.js';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dataDir = resolve(process.argv[2] ?? '.zicht');
const gemeente = process.argv[3] ?? '9001';
const manifest = JSON.parse(readFileSync(join(dataDir, 'demo', 'manifest.json'), 'utf8')) as {
  windowEnd: string;
  size: string;
  providers: Array<{ agb: string }>;
};
const end = manifest.windowEnd;
const month = end.slice(0, 7);
const half = `${end.slice(0, 4)}H${Number(end.slice(5, 7)) <= 6 ? 1 : 2}`;
const quarter = `${end.slice(0, 4)}Q${Math.ceil(Number(end.slice(5, 7)) / 3)}`;
const jobs: Array<[string, string[]]> = [
  ['maand', ['maand', '--period', month]],
  ['raad', ['raad', '--period', half]],
  ['raad --extern', ['raad', '--period', half, '--extern']],
  ['aanbieder', ['aanbieder', '--period', quarter, '--aanbieder', manifest.providers[0]!.agb]],
];
const out: Array<Record<string, unknown>> = [];
for (const [name, args] of jobs) {
  for (const ext of ['pdf', 'xlsx']) {
    const file = join(tmpdir(), `zicht-bench-${name.replace(/\W/g, '')}.${ext}`);
    const r = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%e %M',
        process.execPath,
        'bin/zicht.js',
        'report',
        ...args,
        '--gemeente',
        gemeente,
        '--out',
        file,
        '--data-dir',
        dataDir,
      ],
      { encoding: 'utf8' },
    );
    const [secs, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    out.push({
      report: name,
      format: ext,
      seconds: secs,
      peakRssMb: Math.round((kb ?? 0) / 1024),
      bytes: existsSync(file) ? statSync(file).size : null,
      ok: r.status === 0,
    });
    process.stderr.write(`${name} ${ext}: ${secs} s, ${Math.round((kb ?? 0) / 1024)} MB\n`);
  }
}
const date = benchDate();
const machine = benchMachine();
mkdirSync('bench-out', { recursive: true });
writeFileSync(
  'bench-out/reports.json',
  JSON.stringify({ date, machine, dataDir, gemeente, size: manifest.size, out }, null, 2),
);
const block = [
  `<!-- bench-reports:${date} -->`,
  `### Reports — ${date} UTC — ${machine}`,
  '',
  `${manifest.size} demo, gemeente ${gemeente}; each report in its own process (\`zicht report\`, including start-up, opening the store and the lens).`,
  '',
  '| report | format | seconds | peak RSS MB | file KB | ok |',
  '|---|---|---|---|---|---|',
  ...out.map(
    (r) =>
      `| ${r.report} | ${r.format} | ${String(r.seconds).replace('.', ',')} | ${r.peakRssMb} | ${r.bytes === null ? '–' : Math.round(Number(r.bytes) / 1024)} | ${r.ok ? 'ja' : 'NEE'} |`,
  ),
  '',
].join('\n');
appendBenchmark(block);
console.log(block);
