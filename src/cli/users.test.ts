/**
 * `zicht users add` refuses bad input with one readable line and exit code 2, not a stack trace.
 * Runs the real CLI in a child process on an embedded store.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../testing/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, DATABASE_URL: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('zicht users add with bad input', { timeout: 240_000 }, () => {
  it('an invalid user name gives one Dutch/English line and exit code 2', async () => {
    const dir = tempDir('zicht-users-');
    const env = { ZICHT_DATA_DIR: join(dir, 'data'), ZICHT_PSEUDONYM_KEY: 'ef'.repeat(32) };
    for (const name of ['Bad Name!', 'ab', 'x'.repeat(60)]) {
      const r = await run(['users', 'add', name, '--role', 'analist', '--scope', 'regio=R'], env);
      assert.equal(r.code, 2, `${name}: ${r.err}`);
      const lines = r.err.trim().split('\n');
      assert.equal(lines.length, 1, `one line, got: ${r.err}`);
      assert.match(lines[0]!, /gebruikersnaam/);
      assert.match(lines[0]!, /user name/);
      assert.doesNotMatch(r.err, /ZodError|\bat \w|node_modules/);
    }
  });

  it('a second scope value without its own --scope is refused, not dropped (red team 27)', async () => {
    const dir = tempDir('zicht-users-');
    const env = { ZICHT_DATA_DIR: join(dir, 'data'), ZICHT_PSEUDONYM_KEY: 'ef'.repeat(32) };
    const r = await run(['users', 'add', 'tweeteams', '--role', 'teammanager', '--scope', 'team=A/B', 'team=C/D'], env);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /onverwacht argument 'team=C\/D' \(geef elke scope met een eigen --scope\)/);
    const list = await run(['users', 'list', '--json'], env);
    assert.ok(!list.out.includes('tweeteams'), 'no account was made');
  });
});
