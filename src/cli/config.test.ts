import { it } from 'node:test';
import assert from 'node:assert/strict';
import { keyPlacementWarning } from './config.js';

it('warns when the pseudonymisation key is the one in the data directory, not when it is kept elsewhere', () => {
  const saved = { key: process.env.ZICHT_PSEUDONYM_KEY, file: process.env.ZICHT_PSEUDONYM_KEY_FILE };
  try {
    delete process.env.ZICHT_PSEUDONYM_KEY;
    delete process.env.ZICHT_PSEUDONYM_KEY_FILE;
    assert.match(
      keyPlacementWarning({ dataDir: '/srv/zicht', databaseUrl: undefined }) ?? '',
      /datamap \(\/srv\/zicht\/secrets\/pseudonym\.key\).*ZICHT_PSEUDONYM_KEY_FILE/,
    );
    process.env.ZICHT_PSEUDONYM_KEY_FILE = '/etc/zicht/pseudonym.key';
    assert.equal(keyPlacementWarning({ dataDir: '/srv/zicht', databaseUrl: undefined }), null);
  } finally {
    for (const [k, v] of [
      ['ZICHT_PSEUDONYM_KEY', saved.key],
      ['ZICHT_PSEUDONYM_KEY_FILE', saved.file],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
