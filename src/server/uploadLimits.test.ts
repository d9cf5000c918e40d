/**
 * Upload limits over real HTTP (issue 13.3): a workbook zip bomb, a workbook whose entry lies about
 * its size, a CSV with 100,000 columns and a file over the upload limit are each refused with a 4xx
 * that names the file and the limit; nothing of the request is imported or kept; the server keeps
 * answering. A second test runs the server in a child process with a small heap and uploads the
 * bombs to it: the child reports its heap, so "memory stays bounded" is measured, not hoped.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/fixtures.js';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, listenLoopback, serverFixture, type ServerFixture } from '../testing/server.js';
import { bombWorkbook, lyingWorkbook } from '../testing/bombs.js';
import { ingestLimits } from '../ingest/limits.js';

function form(name: string, content: Buffer | string): FormData {
  const fd = new FormData();
  fd.append('bestand', new Blob([content]), name);
  return fd;
}

forEachBackend('upload limits over HTTP', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  let cookie: string;
  before(async () => {
    db = await freshStore(kind);
    // ZICHT_MAX_UPLOAD_MB=20 as cli/config.ts passes it: the multipart limit is set when the app is built
    f = await serverFixture(db.store, { limits: ingestLimits({}, { ZICHT_MAX_UPLOAD_MB: '20' }) });
    base = await listenLoopback(f);
    cookie = await login(f, 'analist');
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  const counts = async () =>
    (
      await f.ctx.store.query<{ runs: number; raws: number; t: number }>(
        'SELECT (SELECT count(*)::int FROM import_run) AS runs, (SELECT count(*)::int FROM raw_input) AS raws, (SELECT count(*)::int FROM trajectory) AS t',
      )
    )[0];
  const upload = async (name: string, content: Buffer | string) => {
    const res = await fetch(`${base}/api/v1/imports`, {
      method: 'POST',
      headers: { cookie },
      body: form(name, content),
    });
    return { status: res.status, body: (await res.json()) as { message?: string; messageEn?: string } };
  };

  it('refuses every hostile file with a 4xx naming file and limit, writes nothing, and keeps serving', async () => {
    const start = await counts();
    const cases: Array<[string, Buffer | string, number, RegExp]> = [
      [
        'bom.xlsx',
        bombWorkbook(),
        413,
        /bom\.xlsx: xl\/sharedStrings\.xml is uitgepakt .* MB; de grens is .* MB per onderdeel \(zip-bom\?\)/,
      ],
      [
        'leugen.xlsx',
        lyingWorkbook(),
        422,
        /leugen\.xlsx: xl\/sharedStrings\.xml is groter of kleiner dan het archief opgeeft/,
      ],
      [
        'trajecten.csv',
        `${Array.from({ length: 100_000 }, (_, i) => `k${i}`).join(';')}\n`,
        422,
        /trajecten\.csv heeft 100\.000 kolommen; de grens is 500/,
      ],
      ['groot.csv', Buffer.alloc(21 * 1048576, 'a'), 413, /groot\.csv is groter dan 20 MB, de grens voor uploaden/],
    ];
    for (const [name, content, status, message] of cases) {
      const res = await upload(name, content);
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body).slice(0, 300)}`);
      assert.match(res.body.message ?? '', message, name);
      assert.ok(res.body.messageEn?.includes(name), `${name}: English too`);
      const health = await fetch(`${base}/api/v1/health`);
      assert.equal(health.status, 200, `still serving after ${name}`);
      assert.deepEqual(await counts(), start, `${name}: nothing imported or kept`);
    }
  });
});

it('a server with a 256 MB heap refuses the bombs over HTTP and its heap stays bounded', () => {
  const url = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);
  const script = `
    const { freshStore } = await import(${url('../testing/backends.js')});
    const { serverFixture, login } = await import(${url('../testing/server.js')});
    const { bombWorkbook, lyingWorkbook } = await import(${url('../testing/bombs.js')});
    const db = await freshStore('pglite');
    const f = await serverFixture(db.store);
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    const base = 'http://127.0.0.1:' + f.app.server.address().port;
    const cookie = await login(f, 'analist');
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 2);
    const out = [];
    for (const [name, bytes] of [['bom.xlsx', bombWorkbook()], ['leugen.xlsx', lyingWorkbook()], ['bom2.xlsx', bombWorkbook()]]) {
      const fd = new FormData();
      fd.append('bestand', new Blob([bytes]), name);
      const res = await fetch(base + '/api/v1/imports', { method: 'POST', headers: { cookie }, body: fd });
      out.push([name, res.status, (await fetch(base + '/api/v1/health')).status]);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    clearInterval(timer);
    console.log(JSON.stringify({ out, before, peak }));
    await f.close();
    await db.drop();
    process.exit(0);`;
  const file = join(tempDir('zicht-bomb-server-'), 'server.mjs');
  writeFileSync(file, script);
  const env: NodeJS.ProcessEnv = { ...process.env, ZICHT_TESTING: '1' };
  delete env.NODE_TEST_CONTEXT; // the child is a server, not a test file
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--expose-gc', file], { encoding: 'utf8', env });
  assert.equal(r.status, 0, `the server process died: ${r.stderr.slice(-800)}`);
  const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    out: Array<[string, number, number]>;
    before: number;
    peak: number;
  };
  assert.deepEqual(res.out, [
    ['bom.xlsx', 413, 200],
    ['leugen.xlsx', 422, 200],
    ['bom2.xlsx', 413, 200],
  ]);
  const grew = (res.peak - res.before) / 1048576;
  assert.ok(grew < 64, `the heap grew ${grew.toFixed(0)} MB while refusing the bombs (limit 64 MB)`);
});
