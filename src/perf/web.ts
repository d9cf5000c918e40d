/**
 * npm run bench:web [-- <dataDir>] — the web server under load, on the region demo: 50 concurrent
 * simulated users (autocannon, loopback) mixing the API calls the dashboard pages make, for 60 s
 * (ZICHT_BENCH_SECONDS to change). The server runs in this process; autocannon in a child process,
 * so the event-loop delay measured here is the server's alone. Also the first-load size of the
 * dashboard (compressed HTML + JS + CSS). Results go to docs/benchmarks.md and bench-out/web.json.
 */
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { appendBenchmark, benchDate, benchMachine } from './record.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { ensureDemoUsers } from '../demo/users.js';
import { openStore } from '../app/openStore.js';
import { PseudonymKey } from '../domain/pseudonym.js';
import { startServer } from '../server/serve.js';
import { benchSettings, readSettings } from '../cli/config.js';
import { currentStep, totpAt } from '../app/auth/totp.js';

const settings = readSettings();
const dataDir = resolve(process.argv[2] ?? settings.dataDir ?? '.zicht');
const { seconds } = benchSettings();
if (!existsSync(join(dataDir, 'lens.duckdb'))) {
  console.error(`Geen demo in ${dataDir}: voer eerst 'node bin/zicht.js demo --no-serve' uit.`);
  process.exit(2);
}

/** Bytes on the wire for a GET with compression accepted (fetch would decompress and hide them). */
function wireBytes(url: string): Promise<number> {
  return new Promise((ok, fail) => {
    request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => {
        n += c.length;
      });
      res.on('end', () => ok(n));
    })
      .on('error', fail)
      .end();
  });
}

const store = await openStore({ dataDir, databaseUrl: settings.databaseUrl });
const logins = await ensureDemoUsers(store, dataDir);
const server = await startServer({
  store,
  dataDir,
  key: PseudonymKey.load(join(dataDir, 'secrets', 'pseudonym.key'), settings.pseudonymKey),
  port: 0,
  host: '127.0.0.1',
  // 50 simulated users share one loopback address; the per-address limit would otherwise answer 429
  rateLimitPerMinute: 1_000_000,
});

async function cookieFor(username: string): Promise<string> {
  const l = logins.find((x) => x.username === username);
  if (!l) throw new Error(`demo account ${username} missing in ${dataDir}/secrets/demo-logins.json`);
  const code = l.totpSecret ? totpAt(l.totpSecret, currentStep(Date.now())) : undefined;
  const res = await fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: l.password, code }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const [analist, controller] = [await cookieFor('analist'), await cookieFor('controller')];
// the first nine gemeenten the analist may see: the region demo's nine; at national size those of the analist's regio
// (its regio's of eight since stop 36: the first nine of the lens were outside it and answered 403)
const region = /^regio (.+)$/.exec(logins.find((x) => x.username === 'analist')?.scope ?? '')?.[1] ?? null;
const gemeenten = (
  await store.query<{ code: string }>(
    'SELECT code FROM gemeente WHERE demo AND ($1::text IS NULL OR region_code = $1) ORDER BY code LIMIT 9',
    [region],
  )
).map((r) => r.code);
const [{ n: allGemeenten }] = (await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM gemeente')) as [
  { n: number },
];
const periods = ['2023H2,2024H1,2024H2,2025H1,2025H2,2026H1', '2025H2', '2025', '2024'];
// what the Overzicht, Gebruik, Geld and Wachttijden pages ask for, over every gemeente and several periods
const paths: Array<{ path: string; cookie: string }> = [];
for (const g of gemeenten) {
  for (const p of periods) {
    for (const id of [
      'pct_youth_in_care',
      'trajectories_started',
      'cost_per_youth',
      'budget_burn',
      'inflow_youth',
      'wait_request_to_allocation',
    ])
      paths.push({ path: `/api/v1/indicators/${id}?period=${p}&gemeente=${g}`, cookie: analist });
    paths.push({
      path: `/api/v1/indicators/youth_in_care?period=${p.split(',').pop()}&gemeente=${g}&by=zorgvorm`,
      cookie: analist,
    });
    paths.push({
      path: `/api/v1/narratives?indicator=pct_youth_in_care&gemeente=${g}&period=${p.split(',').pop()}`,
      cookie: analist,
    });
  }
}
paths.push(
  { path: '/api/v1/me', cookie: controller },
  { path: '/api/v1/periods', cookie: controller },
  { path: '/api/v1/indicators', cookie: controller },
);

// every distinct call once, before the load: what the first asker of each figure waits on a lens nobody asked yet
// (after an import a server computes the recently asked ones before it swaps the new lens in: below)
const coldStart = performance.now();
let coldMax = 0;
let coldSlowest = '';
for (const p of paths) {
  const t = performance.now();
  const res = await fetch(`${server.url}${p.path}`, { headers: { cookie: p.cookie } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${p.path}: ${res.status}`);
  const took = performance.now() - t;
  if (took > coldMax) [coldMax, coldSlowest] = [took, p.path];
}
const cold = { totalMs: Math.round(performance.now() - coldStart), maxMs: Math.round(coldMax), slowest: coldSlowest };

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 250);
const rssStart = process.memoryUsage().rss;

// autocannon in its own process: its CPU use must not show up as the server's event-loop delay
const loadCode = `
const d = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const autocannon = require(d.autocannon);
autocannon({
  url: d.url, connections: 50, duration: d.seconds,
  requests: d.paths.map((p) => ({ method: 'GET', path: p.path, headers: { cookie: p.cookie } })),
}, (err, result) => { process.stdout.write(JSON.stringify(err ? { error: String(err) } : result)); });
`;
interface Result {
  error?: string;
  latency: { p50: number; p97_5: number; p99: number; max: number; average: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
// a third into the run the lens is opened again, as after an import: the server warms the figures asked recently
// on the new lens before it swaps, so the requests meanwhile are answered from the old one without waiting
let reload: { ms: number } | null = null;
const reloadTimer = setTimeout(
  () => {
    const t = performance.now();
    void server.reloadLens().then(() => {
      reload = { ms: Math.round(performance.now() - t) };
    });
  },
  (seconds * 1000) / 3,
);
const result = await new Promise<Result>((ok, fail) => {
  const child = spawn(process.execPath, ['-e', loadCode], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.on('error', fail);
  child.on('close', (code) =>
    code === 0 ? ok(JSON.parse(out) as Result) : fail(new Error(`autocannon exited with ${code}`)),
  );
  child.stdin.end(
    JSON.stringify({ url: server.url, seconds, paths, autocannon: join(process.cwd(), 'node_modules/autocannon') }),
  );
});
clearInterval(rssTimer);
clearTimeout(reloadTimer);
loop.disable();
const rssEnd = process.memoryUsage().rss;
if (result.error) throw new Error(result.error);

// first load: the HTML and every asset it links, as a browser gets them (compressed)
const html = await (await fetch(`${server.url}/`)).text();
const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
let firstLoad = await wireBytes(`${server.url}/`);
for (const a of assets) firstLoad += await wireBytes(`${server.url}${a}`);
await server.stop();

const r = {
  date: benchDate(),
  machine: benchMachine(),
  backend: store.kind,
  seconds,
  connections: 50,
  distinctRequests: paths.length,
  requestsTotal: result.requests.total,
  requestsPerSecond: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  eventLoopMaxMs: Math.round(loop.max / 1e6),
  eventLoopP99Ms: Math.round(loop.percentile(99) / 1e6),
  rssStartMb: Math.round(rssStart / 2 ** 20),
  rssEndMb: Math.round(rssEnd / 2 ** 20),
  rssPeakMb: Math.round(peakRss / 2 ** 20),
  firstLoadKb: Math.round(firstLoad / 1024),
  gemeentenInLens: allGemeenten,
  coldFirstCalls: cold,
  reloadDuringLoadMs: (reload as { ms: number } | null)?.ms ?? null,
};
mkdirSync('bench-out', { recursive: true });
writeFileSync('bench-out/web.json', JSON.stringify(r, null, 2));
const nf = (n: number) => n.toLocaleString('nl-NL');
const block = [
  `<!-- bench-web:${r.date} -->`,
  `### Web server under load — ${r.date} UTC — ${r.machine}`,
  '',
  `Demo with ${r.gemeentenInLens} gemeenten on ${r.backend}; ${r.connections} concurrent connections (autocannon in a separate process, loopback) for ${r.seconds} s over ${r.distinctRequests} distinct page API calls (${gemeenten.length} gemeenten × 4 period choices × 8 calls + session calls). Each call was made once before the load (cold, on a lens nobody had asked: ${nf(r.coldFirstCalls.totalMs)} ms in all, the slowest ${nf(r.coldFirstCalls.maxMs)} ms: \`${r.coldFirstCalls.slowest}\`); a third into the run the lens was opened again as after an import (warm and swap took ${r.reloadDuringLoadMs === null ? 'longer than the run' : `${nf(r.reloadDuringLoadMs)} ms`}), so the maximum below includes that swap.`,
  '',
  '| requests | req/s | p50 ms | p97.5 ms | p99 ms | max ms | non-2xx | errors | event loop max / p99 ms | RSS start → end (peak) MB | first load (compressed) |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  `| ${nf(r.requestsTotal)} | ${nf(r.requestsPerSecond)} | ${r.latencyMs.p50} | ${r.latencyMs.p97_5} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.non2xx} | ${r.errors + r.timeouts} | ${r.eventLoopMaxMs} / ${r.eventLoopP99Ms} | ${r.rssStartMb} → ${r.rssEndMb} (${r.rssPeakMb}) | ${nf(r.firstLoadKb)} KB |`,
  '',
].join('\n');
appendBenchmark(block);
console.log(block);
