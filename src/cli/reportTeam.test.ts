/**
 * A team report exists only in the internal version, on every way in (issue 14, red team 6: the gemeente's published
 * category cost minus five teams' gave the sixth team's hidden cost). The API refused it; the command line made it
 * (`zicht report maand --team … --extern`), and `zicht report save … --team` saved a gemeente report without a word.
 * Real processes on an empty data directory: the refusal comes before any team is looked up.
 */
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliOn, type Cli } from '../testing/cli.js';
import { tempDir } from '../testing/fixtures.js';
import { buildReport } from '../reports/model.js';
import type { ReportData } from '../reports/types.js';
import { UserError } from '../domain/errors.js';

const dir = tempDir('zicht-reportteam-');
let cli: Cli | undefined;
after(async () => cli?.drop());

it('zicht report maand --team --extern is refused, naming why, and writes nothing', async () => {
  cli = await cliOn('pglite', dir);
  const out = join(dir, 'team-extern.pdf');
  const r = await cli.run(
    'report',
    'maand',
    '--gemeente',
    '0363',
    '--period',
    '2025-12',
    '--team',
    'Noord',
    '--extern',
    '--out',
    out,
  );
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /alleen in de interne versie/);
  assert.doesNotMatch(r.stderr, /Noord/, 'no answer about the team name');
});

it('zicht report save … --team is refused instead of saving a gemeente report', async () => {
  cli ??= await cliOn('pglite', dir);
  const r = await cli.run(
    'report',
    'save',
    'wijk-noord',
    'maand',
    '--gemeente',
    '0363',
    '--team',
    'Noord',
    '--out',
    join(dir, 'out'),
  );
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /Een bewaard rapport is per gemeente of regio/);
  const list = await cli.run('report', 'list');
  assert.doesNotMatch(list.stdout, /wijk-noord/, 'nothing saved');
});

it('the report model itself refuses a team in the external version (API, CLI and saved reports share it)', async () => {
  await assert.rejects(
    buildReport({} as ReportData, { kind: 'maand', gemeente: '0363', period: '2025-12', team: 'Noord', extern: true }),
    (e) => e instanceof UserError && e.key === 'team_alleen_intern',
  );
});
