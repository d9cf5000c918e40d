/**
 * The CLI tells a user error once, in cli/main.ts: the text on stderr, exit 2, and with --json also the error
 * object in the API's shape on stdout. Real processes: bin/zicht.js runs dist/.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'zicht.js');
const dir = mkdtempSync(join(tmpdir(), 'zicht-errors-'));
const zicht = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ZICHT_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

it('a wrong period is told on stderr with exit 2, and --json adds the error object on stdout', () => {
  const plain = zicht('quality', '--period', '2024Q9');
  assert.equal(plain.code, 2, plain.stderr);
  assert.match(plain.stderr, /2024Q9/);
  assert.equal(plain.stdout, '');
  const json = zicht('quality', '--period', '2024Q9', '--json');
  assert.equal(json.code, 2, json.stderr);
  assert.equal(json.stderr, plain.stderr);
  const { error } = JSON.parse(json.stdout) as { error: { code: string; message: string; messageEn: string } };
  assert.equal(error.code, 'ongeldige_periode');
  assert.match(error.message, /2024Q9/);
  assert.equal(typeof error.messageEn, 'string');
});

it('a catalogue error with two texts prints Dutch / English', () => {
  const r = zicht('demo', '--size', 'huge', '--no-serve');
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), '--size moet region of national zijn / --size must be region or national');
});
