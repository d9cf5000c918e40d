/**
 * `zicht tokens` (issue 17.4) as a user runs it: the real CLI in a second process on an embedded store.
 * Expiry required, the person-level decision refused without --person-level-data and a reason (one
 * Dutch/English line, exit 2), the secret printed once and stored only as its SHA-256, list and revoke
 * with --json, and issuing in the access log with the reason.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliOn } from '../testing/cli.js';
import { tempDir } from '../testing/fixtures.js';
import { PgliteStore } from '../store/pglite.js';
import { TOKEN_PATTERN } from '../app/auth/serviceTokens.js';

describe('zicht tokens', { timeout: 240_000 }, () => {
  it('create, list, revoke; refusals in the error vocabulary; hashed storage; the access log', async () => {
    const data = tempDir('zicht-tokens-cli-');
    const cli = await cliOn('pglite', data);
    const empty = await cli.run('tokens', 'list', '--json');
    assert.equal(empty.code, 0, empty.stderr);
    assert.deepEqual(JSON.parse(empty.stdout), []);
    const store = await PgliteStore.open(join(data, 'pgdata'));
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);`);
    await store.close();

    const noExpiry = await cli.run('tokens', 'create', 'dwh', '--role', 'bestuur', '--scope', 'gemeente=9001');
    assert.equal(noExpiry.code, 2);
    assert.match(noExpiry.stderr, /--expires is verplicht.*\/ --expires is required/);
    const tooLong = await cli.run(
      'tokens',
      'create',
      'dwh',
      '--role',
      'bestuur',
      '--scope',
      'gemeente=9001',
      '--expires',
      '400d',
    );
    assert.equal(tooLong.code, 2);
    assert.match(tooLong.stderr, /hoogstens 365 dagen/);
    const pl = ['tokens', 'create', 'import', '--role', 'analist', '--scope', 'regio=R', '--expires', '30d'];
    const refused = await cli.run(...pl);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    assert.match(refused.stderr, /persoonsgegevens.*--person-level-data.*person-level data/);
    assert.equal((await cli.run(...pl, '--person-level-data')).code, 2, 'a reason is required too');

    const made = await cli.run(
      'tokens',
      'create',
      'dwh',
      '--role',
      'bestuur',
      '--scope',
      'gemeente=9001',
      '--expires',
      '90d',
      '--json',
    );
    assert.equal(made.code, 0, made.stderr);
    const { token } = JSON.parse(made.stdout) as { token: string };
    assert.match(token, TOKEN_PATTERN);
    const reason = 'nachtelijke import uit het eigen systeem';
    const madePl = await cli.run(...pl, '--person-level-data', '--reason', reason);
    assert.equal(madePl.code, 0, madePl.stderr);
    assert.match(madePl.stdout, /één keer getoond/);

    const list = await cli.run('tokens', 'list', '--json');
    assert.equal(list.code, 0);
    assert.ok(!list.stdout.includes(token));
    const tokens = JSON.parse(list.stdout) as Array<{ name: string; status: string; personLevelReason: string | null }>;
    assert.deepEqual(tokens.map((t) => [t.name, t.status]).sort(), [
      ['dwh', 'actief'],
      ['import', 'actief'],
    ]);
    assert.equal(tokens.find((t) => t.name === 'import')?.personLevelReason, reason);

    assert.equal((await cli.run('tokens', 'revoke', 'dwh', '--json')).code, 0);
    const unknown = await cli.run('tokens', 'revoke', 'bestaat-niet');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Onbekend token/);
    const after = JSON.parse((await cli.run('tokens', 'list', '--json')).stdout) as Array<{
      name: string;
      status: string;
    }>;
    assert.equal(after.find((t) => t.name === 'dwh')?.status, 'ingetrokken');

    const log = JSON.parse((await cli.run('audit', 'list', '--json')).stdout) as Array<{
      event: string;
      query: string;
      purpose: string | null;
      username: string;
    }>;
    const issued = log.find((e) => e.event === 'token_aangemaakt' && e.query.startsWith('token import '));
    assert.ok(issued, 'issuing is logged');
    assert.equal(issued.purpose, reason);
    assert.match(issued.username, /^cli:/);
    assert.ok(log.some((e) => e.event === 'token_ingetrokken' && e.query === 'token dwh'));

    // the access-review export with English headers (docs/downloads.md): same columns, comma-separated
    const csv = join(data, 'toegangslog-en.csv');
    assert.equal((await cli.run('audit', 'export', '--out', csv, '--headers', 'en')).code, 0);
    const [head, ...lines] = readFileSync(csv, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    assert.match(head!, /^sequence_number,timestamp,event_code,event,username,role_code,role,/);
    assert.ok(
      lines.some((l) => l.includes('"token_ingetrokken","token ingetrokken"')),
      'code and label',
    );
    assert.equal((await cli.run('audit', 'export', '--out', csv, '--headers', 'fr')).code, 2, '--headers: nl or en');

    const check = await PgliteStore.open(join(data, 'pgdata'));
    const rows = await check.query<{ token_hash: string }>("SELECT token_hash FROM service_token WHERE name = 'dwh'");
    await check.close();
    assert.equal(rows[0]?.token_hash, createHash('sha256').update(token).digest('hex'));
    await cli.drop();
  });
});
