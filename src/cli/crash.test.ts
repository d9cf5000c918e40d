/**
 * A killed import leaves nothing behind, and a rerun finishes the job. Runs the real CLI in a child
 * process on the embedded store (a data directory), kills it while it is writing, then checks.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteStore } from '../store/pglite.js';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';

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
