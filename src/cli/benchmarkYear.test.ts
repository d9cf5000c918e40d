/**
 * zicht benchmark with a year no figure can have beside a gemeente that ended or began (0457 Weesp, 1992 Voorne aan
 * Zee): the year is refused naming the option, before the data are opened or the gemeente is judged against it.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../testing/fixtures.js';
import { benchmarkCommand } from './commands/benchmarkCmd.js';
import { UserError } from '../domain/errors.js';

it('--year 0000 and --base-year 9999 are said as bad years, naming the option', async () => {
  const dataDir = tempDir('zicht-bench-year-');
  for (const [flag, gemeente, value] of [
    ['year', '1992', '0000'],
    ['base-year', '0457', '9999'],
  ] as const)
    await assert.rejects(
      benchmarkCommand({ dataDir, databaseUrl: undefined }, { gemeente, [flag]: value }),
      (e: unknown) => {
        assert.ok(e instanceof UserError, String(e));
        assert.equal(e.key, 'ongeldige_periode.jaar');
        assert.equal(e.nl, `--${flag} '${value}': geef een jaartal van 2000 tot en met 2100, bijvoorbeeld 2023.`);
        return true;
      },
    );
});
