/**
 * issue 14 points 3 and 12, through the real command line (a second process on a data directory):
 * - `zicht indicators` uses the CBS mapping of the data directory or of --mapping, like `zicht benchmark`;
 * - an option a command does not take is refused (exit 2), not ignored;
 * - a split an indicator does not have is refused as the API refuses it, naming the splits it has.
 * The CBS tables are the demo mirror's under other table numbers, as a real CBS mirror would be: only
 * a mapping that names those tables finds the figures.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachBackend } from '../testing/backends.js';
import { cliOn, type Cli } from '../testing/cli.js';
import { tempDir } from '../testing/fixtures.js';
import { DEMO_CBS_TABLES, writeDemoCbsMirror } from '../demo/cbsMirror.js';
import { DEFAULT_MAPPING, type CbsMapping } from '../benchmark/mapping.js';
import { INDICATORS, checkSplit } from '../indicators/catalogue.js';
import { COMMAND_OPTIONS } from './main.js';

const RENAMED: Record<string, string> = { [DEMO_CBS_TABLES.kern]: '99901NED', [DEMO_CBS_TABLES.jeugdhulp]: '99902NED' };

/** The default mapping with the renamed tables: what a user writes for a real mirror. */
function renamedMapping(): CbsMapping {
  const figures = Object.fromEntries(
    Object.entries(DEFAULT_MAPPING.figures).map(([k, sources]) => [
      k,
      sources.map((s) => ({ ...s, table: RENAMED[s.table] ?? s.table })),
    ]),
  );
  return { description: 'test', figures: figures as CbsMapping['figures'] };
}

interface Row {
  indicator: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flags: string[];
}

forEachBackend('zicht indicators reads the active CBS mapping', (kind) => {
  let cli: Cli;
  let dir: string;
  before(async () => {
    dir = tempDir('zicht-cli-cbs-');
    const data = join(dir, 'data');
    const mirror = writeDemoCbsMirror(join(dir, 'cbs'), 2026, '2026-06-30', 40).dir;
    for (const [from, to] of Object.entries(RENAMED)) renameSync(join(mirror, from), join(mirror, to));
    cli = await cliOn(kind, data);
    const imported = await cli.run('import', 'cbs', mirror);
    assert.equal(imported.code, 0, imported.stderr + imported.stdout);
    writeFileSync(join(data, 'cbs-mapping.json'), JSON.stringify(renamedMapping()));
    writeFileSync(join(dir, 'builtin.json'), JSON.stringify(DEFAULT_MAPPING));
  });
  after(() => cli?.drop());

  const ask = async (...extra: string[]): Promise<Map<string, Row>> => {
    const r = await cli.run(
      'indicators',
      '--indicator',
      'ses_decile,poverty_decile,burden_per_inhabitant,burden_per_user',
      '--period',
      '2024',
      '--gemeente',
      '9001',
      '--json',
      ...extra,
    );
    assert.equal(r.code, 0, r.stderr);
    return new Map((JSON.parse(r.stdout) as Row[]).map((x) => [x.indicator, x]));
  };

  it('with <dataDir>/cbs-mapping.json: the same figures as zicht benchmark, none flagged geen_noemer', async () => {
    const rows = await ask();
    const bench = await cli.run('benchmark', '--gemeente', '9001', '--reference', 'regio', '--year', '2024', '--json');
    assert.equal(bench.code, 0, bench.stderr);
    const focus = (JSON.parse(bench.stdout) as { rows: Array<Record<string, number | null>>; mappingFrom: string })
      .rows[0]!;
    assert.equal(rows.get('ses_decile')!.value, focus.sesDecile);
    assert.equal(rows.get('poverty_decile')!.value, focus.povertyDecile);
    assert.equal(rows.get('burden_per_inhabitant')!.value, focus.burdenPerInhabitant);
    assert.equal(rows.get('burden_per_user')!.value, focus.burdenPerUser);
    for (const r of rows.values()) {
      assert.notEqual(r.value, null, `${r.indicator} is computed from the mapped tables`);
      assert.ok(!r.flags.includes('geen_noemer'), `${r.indicator}: ${r.flags.join(',')}`);
    }
  });

  it("--mapping <file> wins over the data directory's mapping", async () => {
    const rows = await ask('--mapping', join(dir, 'builtin.json'));
    assert.equal(
      rows.get('burden_per_inhabitant')!.value,
      null,
      'the built-in mapping names tables this mirror does not have',
    );
    assert.ok(rows.get('burden_per_inhabitant')!.flags.includes('geen_noemer'));
    const bad = await cli.run(
      'indicators',
      '--indicator',
      'ses_decile',
      '--period',
      '2024',
      '--mapping',
      join(dir, 'nothing.json'),
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /nothing\.json/);
  });

  it('a gemeente code that is neither in the data nor a CBS gemeente is refused, naming it (red team 25)', async () => {
    const r = await cli.run(
      'indicators',
      '--indicator',
      'youth_in_care',
      '--period',
      '2024',
      '--gemeente',
      '9001,9999',
      '--json',
    );
    assert.equal(r.code, 2, r.stdout);
    assert.match(
      r.stderr,
      /^Gemeente 9999 staat niet in de gegevens en niet in de gemeentelijst van CBS \/ unknown gemeente 9999/,
    );
    assert.equal((JSON.parse(r.stdout) as { error: { code: string } }).error.code, 'geen_gemeenten');
    // a real gemeente without care data may be asked for (its CBS figures), and an ended one (Weesp) too
    const real = await cli.run(
      'indicators',
      '--indicator',
      'youth_in_care',
      '--period',
      '2024',
      '--gemeente',
      '0363,0457',
      '--json',
    );
    assert.equal(real.code, 0, real.stderr);
  });

  it('an option the command does not take is refused, not ignored', async () => {
    const r = await cli.run('indicators', '--indicator', 'ses_decile', '--period', '2024', '--reference', 'regio');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--reference/);
    assert.equal(r.stdout, '', 'nothing computed');
  });

  it('a split the indicator has is accepted', async () => {
    const r = await cli.run(
      'indicators',
      '--indicator',
      'youth_in_care',
      '--by',
      'zorgvorm',
      '--period',
      '2024',
      '--gemeente',
      '9001',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
  });
});

describe('the command line refuses what it would otherwise ignore', () => {
  const cli = cliOn('pglite', tempDir('zicht-cli-refuse-'));
  after(async () => (await cli).drop());

  it('every command refuses an option that only other commands take', async () => {
    const all = [...new Set(Object.values(COMMAND_OPTIONS).flat())];
    for (const [command, own] of Object.entries(COMMAND_OPTIONS) as Array<[string, readonly string[]]>) {
      const foreign = all.find((o) => !own.includes(o))!;
      const r = await (
        await cli
      ).run(
        command,
        `--${foreign}`,
        ...(foreign === 'json' || /^(no-|fresh|list|write|extern|accept|dry)/.test(foreign) ? [] : ['x']),
      );
      assert.equal(r.code, 2, `${command} --${foreign}: ${r.stderr}`);
      assert.ok(r.stderr.includes(`--${foreign}`), `${command}: the refusal names --${foreign}: ${r.stderr}`);
    }
  });

  it('a split another indicator has is refused as the API refuses it, naming the splits it has', async () => {
    // derived from the catalogue: a real split name (one some indicator has) that inflow_youth lacks
    const inflow = INDICATORS.find((i) => i.definition.id === 'inflow_youth')!.definition;
    const split = INDICATORS.flatMap((i) => i.definition.dimensions).find((d) => !inflow.dimensions.includes(d))!;
    assert.ok(split, 'the catalogue has a split inflow_youth lacks');
    const r = await (await cli).run('indicators', '--indicator', 'inflow_youth', '--by', split, '--period', '2024');
    assert.equal(r.code, 2);
    const refusal = checkSplit(inflow, split)!;
    assert.ok(r.stderr.includes(refusal.nl), r.stderr);
    assert.equal(r.stdout, '');
  });

  it('every indicator refuses a split it does not have (from the catalogue)', async () => {
    const ids = INDICATORS.map((i) => i.definition.id);
    const r = await (
      await cli
    ).run('indicators', '--indicator', ids.join(','), '--by', 'schoenmaat', '--period', '2024');
    assert.equal(r.code, 2);
    for (const i of INDICATORS) {
      const has = i.definition.dimensions.join(', ') || '(geen)';
      assert.ok(
        r.stderr.includes(`'${i.definition.id}' kan niet gesplitst worden naar 'schoenmaat'; wel naar: ${has}.`),
        `${i.definition.id}: ${r.stderr}`,
      );
    }
  });
});
