/**
 * A killed import leaves nothing behind, and a rerun finishes the job. Runs the real CLI in a child
 * process on the embedded store (a data directory), kills it while it is writing, then checks. An iJw import commits
 * batch by batch and folds at its end: killed in between, its allocations wait in ijw_fold_pending (issue 18.4).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteStore } from '../store/pglite.js';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { openStore } from '../app/openStore.js';
import { generateDemo } from '../demo/generate.js';
import { writeIjwMessages } from '../demo/ijw.js';
import { registerDemoMasterData } from '../demo/load.js';
import { builtFromRun } from '../lens/build.js';

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  killWhen?: (out: string) => boolean,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, DATABASE_URL: '' } });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (killWhen && killWhen(out)) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('import killed halfway', { timeout: 480_000 }, () => {
  it('holds the whole file or nothing, and a rerun completes it', async () => {
    const dir = tempDir('zicht-crash-');
    const rows = [TRAJECTEN_HEADER];
    const bsns = Array.from({ length: 200 }, (_, i) => testBsn(i));
    for (let i = 0; i < 120_000; i++)
      rows.push(trajectRow({ traject_id: `K${i}`, client_id: bsns[i % 200]!, gemeente: '0363' }));
    const file = writeCsv(dir, 'trajecten-groot.csv', rows.join('\n') + '\n');
    const env = { ZICHT_DATA_DIR: join(dir, 'data'), ZICHT_PSEUDONYM_KEY: 'cd'.repeat(32) };

    // progress lines report rows read while the transaction is open; kill after two batches were written
    const written = (out: string) =>
      [...out.matchAll(/inlezen \d+% \([^,]+, ([\d.]+) regels\)/g)].some(
        (m) => Number(m[1]!.replace(/\./g, '')) >= 45_000,
      );
    const killed = await run(['import', file], { ...env, ZICHT_PROGRESS_MS: '0' }, written);
    assert.equal(killed.signal, 'SIGKILL', `the import should have been killed while writing; output: ${killed.out}`);

    let store = await PgliteStore.open(join(dir, 'data', 'pgdata'));
    const count = async () =>
      Number((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM trajectory'))[0]!.n);
    assert.equal(await count(), 0, 'nothing of the killed import is visible');
    assert.equal((await store.query("SELECT 1 FROM import_run WHERE status = 'committed'")).length, 0);
    await store.close();

    const rerun = await run(['import', file, '--json'], env);
    assert.equal(rerun.code, 0, rerun.out);
    store = await PgliteStore.open(join(dir, 'data', 'pgdata'));
    assert.equal(await count(), 120_000);
    await store.close();
  });
});

describe('iJw import killed halfway', { timeout: 480_000 }, () => {
  it('leaves its unfolded allocations on record; the next open folds them, and a rerun gives what one clean import gives', async () => {
    const dir = tempDir('zicht-crash-ijw-');
    const m = await generateDemo({ seed: 5, size: 'region', until: '2026-06-30', outDir: join(dir, 'csv') });
    const out = await writeIjwMessages(
      { trajecten: m.files.trajecten!.path, declaraties: m.files.declaraties!.path },
      join(dir, 'ijw'),
      { limit: 1500, until: m.windowEnd },
    );
    const total = Object.values(out.counts).reduce((a, b) => a + b, 0);
    assert.ok(total > 5000, `messages: ${total}`);
    // the demo's gemeenten are fictional: registered first, as `zicht demo` does
    const prepared = async (name: string) => {
      const dataDir = join(dir, name);
      const store = await openStore({ dataDir });
      await registerDemoMasterData(store, m);
      await store.close();
      return { ZICHT_DATA_DIR: dataDir, ZICHT_PSEUDONYM_KEY: 'cd'.repeat(32) };
    };
    const env = await prepared('killed');
    // batches of 1,000 messages: kill once two were committed and their allocations wait to be folded
    const written = (text: string) =>
      [...text.matchAll(/iJw-berichten: \d+% \(([\d.]+) van/g)].some((x) => Number(x[1]!.replace(/\./g, '')) >= 2500);
    const killed = await run(['import', out.dir], { ...env, ZICHT_PROGRESS_MS: '0' }, written);
    assert.equal(killed.signal, 'SIGKILL', `the import should have been killed while writing; output: ${killed.out}`);

    const pgdata = join(env.ZICHT_DATA_DIR, 'pgdata');
    const raw = await PgliteStore.open(pgdata);
    const pending = Number((await raw.query<{ n: number }>('SELECT count(*)::int AS n FROM ijw_fold_pending'))[0]!.n);
    await raw.close();
    assert.ok(pending > 0, 'the killed import left allocations to fold');

    // any command that opens the store folds them first
    const opened = await openStore({ dataDir: env.ZICHT_DATA_DIR });
    const [state] = await opened.query<{ pending: number; allocations: number; folded: number }>(
      `SELECT (SELECT count(*)::int FROM ijw_fold_pending) AS pending,
              (SELECT count(DISTINCT (gemeente_code, allocation_number))::int FROM ijw_event WHERE event_type = 'toewijzing') AS allocations,
              (SELECT count(*)::int FROM trajectory WHERE allocation_number IS NOT NULL) AS folded`,
    );
    await opened.close();
    assert.deepEqual(state, { pending: 0, allocations: state!.allocations, folded: state!.allocations });

    const rerun = await run(['import', out.dir, '--json'], env);
    assert.equal(rerun.code, 0, rerun.out);
    const cleanEnv = await prepared('clean');
    const clean = await run(['import', out.dir, '--json'], cleanEnv);
    assert.equal(clean.code, 0, clean.out);

    const facts = async (dataDir: string) => {
      const store = await openStore({ dataDir });
      const t = await store.query(
        `SELECT gemeente_code, allocation_number, youth_pseudonym, allocation_start, allocation_end, start_date, end_date,
                end_reason, withdrawn, product_code FROM trajectory ORDER BY gemeente_code, allocation_number`,
      );
      const c = await store.query(
        `SELECT gemeente_code, claim_id, trajectory_id, status, status_date, amount_cents FROM claim_line ORDER BY gemeente_code, claim_id`,
      );
      await store.close();
      return { t, c };
    };
    const [a, b] = [await facts(env.ZICHT_DATA_DIR), await facts(cleanEnv.ZICHT_DATA_DIR)];
    assert.ok(
      b.t.length >= 1500 && b.c.length > 1000,
      `clean import: ${b.t.length} trajectories, ${b.c.length} claim lines`,
    );
    assert.deepEqual(a.t, b.t);
    assert.deepEqual(a.c, b.c);
  });
});

describe('import stopped between its commit and its lens', { timeout: 120_000 }, () => {
  it('a rerun finds the file unchanged and still brings the lens up to the store', async () => {
    const dir = tempDir('zicht-crash-lens-');
    const env = { ZICHT_DATA_DIR: join(dir, 'data'), ZICHT_PSEUDONYM_KEY: 'cd'.repeat(32) };
    const a = writeCsv(
      dir,
      'trajecten-a.csv',
      [TRAJECTEN_HEADER, trajectRow({ traject_id: 'LA1', gemeente: '0363' })].join('\n'),
    );
    const b = writeCsv(
      dir,
      'trajecten-b.csv',
      [TRAJECTEN_HEADER, trajectRow({ traject_id: 'LB1', client_id: testBsn(7), gemeente: '0363' })].join('\n'),
    );
    assert.equal((await run(['import', a], env)).code, 0);
    const lens = join(dir, 'data', 'lens.duckdb');
    const older = join(dir, 'lens-after-a.duckdb');
    copyFileSync(lens, older);
    assert.equal((await run(['import', b], env)).code, 0);
    // the state a kill right after b's commit leaves: b committed, the lens as it was before b
    copyFileSync(older, lens);
    const rerun = await run(['import', b, '--json'], env);
    assert.equal(rerun.code, 0, rerun.out);
    assert.match(rerun.out, /"status": "unchanged"/);
    const check = await run(['check', '--json'], env);
    assert.equal(check.code, 0, `zicht check after the rerun: ${check.out}`);
    assert.equal(await builtFromRun(lens), (await builtFromRun(older))! + 1, 'the lens holds b');
  });
});
