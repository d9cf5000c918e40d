/**
 * The data directory is walked to take group/other permissions away while other processes work in it
 * (a second command's lock attempt leaves and removes a temporary file; lens builds and uploads come and
 * go). Found from outside: three `zicht users add` at once, and the one that won the lock crashed with
 * ENOENT on the loser's vanished temporary lock file. Here a real second process creates and removes
 * files as fast as it can while this one walks the directory.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/fixtures.js';
import { tightenModes } from './dataDir.js';

describe('data directory walk while another process creates and removes files', () => {
  it('skips what vanished, still makes the rest private', async () => {
    const dir = tempDir('zicht-datadir-race-');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'kept.txt'), 'x', { mode: 0o644 });
    // the churner: files appear (world-readable) and vanish again, in a loop bounded by count and time
    const churn = spawn(
      process.execPath,
      [
        '-e',
        `
      const fs = require('node:fs'); const path = require('node:path');
      const dir = ${JSON.stringify(dir)}; const until = Date.now() + 4000;
      process.stdout.write('ready\\n');
      for (let i = 0; i < 2e6 && Date.now() < until; i++) {
        const p = path.join(dir, 'zicht.lock.' + process.pid + '.' + (i % 50));
        try { fs.writeFileSync(p, 'x', { mode: 0o644 }); fs.unlinkSync(p); } catch {}
      }`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => churn.stdout!.once('data', () => resolve()));
    const exited = new Promise<void>((resolve) => churn.once('exit', () => resolve()));
    let walks = 0;
    let running = true;
    void exited.then(() => {
      running = false;
    });
    try {
      // walk until the churner is done (at most 4 s of its own), yielding so its exit is noticed
      while (running && walks < 100_000) {
        tightenModes(dir);
        walks++;
        if (walks % 50 === 0) await new Promise((r) => setImmediate(r));
      }
    } finally {
      churn.kill();
      await exited;
    }
    assert.ok(walks > 0);
    tightenModes(dir);
    assert.equal(statSync(join(dir, 'sub', 'kept.txt')).mode & 0o077, 0, 'what stayed is private');
  });
});
