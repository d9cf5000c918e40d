/**
 * zicht import evaluaties.csv and zicht evaluaties (issue 21) on the real command line: a refused file names line and
 * column and writes nothing; the list of overdue evaluations in words and as JSON, with no youth in it, and the read
 * in the access log. Peel en Maas (1894) as in seed 001; without a stored rhythm only recorded moments count.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TRAJECTEN_HEADER, openTrajectRow, tempDir, testBsn, writeCsv } from '../testing/fixtures.js';
import { cliOn } from '../testing/cli.js';

it('imports evaluation moments and lists the overdue ones', { timeout: 240_000 }, async () => {
  const dir = tempDir('zicht-eval-cli-');
  const cli = await cliOn('pglite', join(dir, 'data'));
  try {
    const trajecten = writeCsv(
      dir,
      'trajecten.csv',
      [
        TRAJECTEN_HEADER,
        openTrajectRow({
          traject_id: 'PM1',
          client_id: testBsn(1),
          gemeente: '1894',
          team: 'Kern Panningen',
          startdatum: '2025-01-06',
        }),
        openTrajectRow({
          traject_id: 'PM2',
          client_id: testBsn(2),
          gemeente: '1894',
          team: 'Kern Baarlo',
          startdatum: '2025-02-03',
        }),
      ].join('\n') + '\n',
    );
    assert.equal((await cli.run('import', trajecten)).code, 0);
    const bad = writeCsv(
      dir,
      'evaluaties-fout.csv',
      'traject_id;gemeente;geplande_datum;gehouden_datum;uitkomst;uitgevoerd_door\nPM1;1894;2025-04-06;2025-04-10;goed gesprek;jeugdconsulent\n',
    );
    const refused = await cli.run('import', bad);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stdout + refused.stderr, /regel 2/);
    assert.match(refused.stdout + refused.stderr, /uitkomst/);
    const good = writeCsv(
      dir,
      'evaluaties.csv',
      [
        'traject_id;gemeente;geplande_datum;gehouden_datum;uitkomst;uitgevoerd_door',
        'PM1;1894;2025-04-06;2025-04-10;doorgaan;jeugdconsulent',
        'PM1;1894;2025-07-06;;;',
        'PM2;1894;2025-05-03;2025-05-30;afschalen;Kern Baarlo',
      ].join('\n') + '\n',
    );
    const imported = await cli.run('import', good);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    const json = await cli.run('evaluaties', '--json', '--per', '2025-12-01');
    assert.equal(json.code, 0, json.stderr);
    const out = JSON.parse(json.stdout) as { asOf: string; rows: Array<Record<string, unknown>> };
    assert.equal(out.asOf, '2025-12-01');
    assert.deepEqual(out.rows, [
      {
        gemeente: '1894',
        trajectory: 'PM1',
        team: 'Kern Panningen',
        productCategory: '45',
        productCode: '45A01',
        planned: '2025-07-06',
        daysOverdue: 148,
        overdue: 1,
        origin: 'vastgelegd',
      },
    ]);
    const words = await cli.run('evaluaties', '--per', '2025-12-01', '--team', 'Kern Panningen');
    assert.match(words.stdout, /op 01-12-2025: 1 traject\n/);
    assert.match(words.stdout, /06-07-2025/);
    assert.equal(
      (await cli.run('evaluaties', '--json', '--per', '2025-12-01', '--team', 'Kern Baarlo')).stdout.includes('PM'),
      false,
    );
    const log = await cli.run('audit', 'list', '--json');
    assert.match(log.stdout, /achterstallige evaluaties 1894/);
  } finally {
    await cli.drop();
  }
});
