/**
 * The help comes from the command declarations: `zicht <command> --help` shows that command's options, an option
 * nobody knows is refused in the command's own words with its help, and `zicht help` lists every command.
 * Real processes: bin/zicht.js runs dist/.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from './main.js';
import { REGISTRY } from './commands/index.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'zicht.js');
const dir = mkdtempSync(join(tmpdir(), 'zicht-help-'));
const zicht = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ZICHT_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

it('zicht help lists every declared command', () => {
  const r = zicht('help');
  assert.equal(r.code, 0);
  for (const name of Object.keys(COMMANDS)) assert.match(r.stdout, new RegExp(`^  ${name}\\s`, 'm'), name);
});

it('every command explains itself with --help and refuses an unknown option with that help', () => {
  try {
    for (const [name, spec] of Object.entries(COMMANDS)) {
      const help = zicht(name, '--help');
      assert.equal(help.code, 0, `${name} --help: ${help.stderr}`);
      for (const o of [...spec.options, 'data-dir'])
        assert.ok(help.stdout.includes(`--${o}`), `${name} --help names --${o}`);
      const bad = zicht(name, '--no-such-option');
      assert.equal(bad.code, 2, `${name}: ${bad.stderr}`);
      assert.match(bad.stderr, new RegExp(`zicht ${name} kent --no-such-option niet / zicht ${name} does not take`));
      assert.ok(bad.stderr.includes(help.stdout.trim()), `${name}: the refusal shows the command's help`);
      assert.equal(bad.stdout, '');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('zicht help <command> shows the help generated from that command declaration', () => {
  const dir2 = mkdtempSync(join(tmpdir(), 'zicht-help-'));
  try {
    const env = { ...process.env, ZICHT_DATA_DIR: join(dir2, 'data'), DATABASE_URL: '' };
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });
    const viaHelp = run('help', 'users');
    assert.equal(viaHelp.status, 0, viaHelp.stderr);
    assert.equal(viaHelp.stdout, run('users', '--help').stdout);
    // each option with its value, its Dutch and English description, and whether it repeats
    for (const [name, o] of Object.entries(REGISTRY.get('users')!.options)) {
      const line = viaHelp.stdout.split('\n').find((l) => l.trimStart().startsWith(`--${name}`)) ?? '';
      assert.ok(line.includes(`${o.nl} / ${o.en}`), `--${name}: ${line}`);
      if (o.repeatable) assert.match(line, /…/);
    }
    const unknown = run('help', 'nonsense');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Onbekende opdracht \/ unknown command: nonsense/);
  } finally {
    rmSync(dir2, { recursive: true, force: true });
  }
});
