/**
 * `zicht pilots` (issue 21) through the real command line on a data directory: wrong use is refused in words (exit 2)
 * before anything is read; an empty register says how to fill it; a pilot is listed and shown with its budget in
 * Dutch notation, its evaluation moment overdue on the peildatum, and pilots_on_track per gemeente (also as JSON).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cliOn, type Cli } from '../testing/cli.js';
import { openStore } from '../app/openStore.js';
import { insertPilot } from '../app/pilots.js';
import { insertGoal } from '../app/goals.js';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import type { PilotRegister } from '../app/pilots.js';

let cli: Cli;
let data: string;
before(async () => {
  data = join(tempDir('zicht-cli-pilots-'), 'data');
  cli = await cliOn('pglite', data);
});
after(() => cli?.drop());

it('refuses wrong use in words, exit 2', async () => {
  for (const [args, words] of [
    [['pilots', 'frob'], /zicht pilots \[list\]/],
    [['pilots', 'show'], /show <nummer>/],
    [['pilots', 'show', 'x1'], /show <nummer>/],
    [['pilots', '--peildatum', '2025-02-30'], /peildatum: 2025-02-30/],
  ] as const) {
    const r = await cli.run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, words);
  }
});

it('an empty register says how to fill it; a pilot is listed, shown and counted', async () => {
  const empty = await cli.run('pilots');
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /Geen pilots of projecten vastgelegd/);
  const store = await openStore({ dataDir: data, auditHeadFile: null });
  let id: number;
  try {
    await store.query("INSERT INTO gemeente (code, name) VALUES ('0150', 'Deventer')");
    id = await insertPilot(
      store,
      {
        gemeente: '0150',
        name: 'POH-jeugd bij huisartsen',
        description: null,
        budgetSource: 'innovatie',
        budgetCents: 123_456_78,
        start: '2024-01-01',
        end: '2026-12-31',
        owner: 'team Jeugd',
        goalIds: [],
        storyIds: [],
        businessCaseIds: [],
        evaluations: [{ planned: '2025-06-30', outcome: null, decidedOn: null, decision: null }],
      },
      'test',
    );
  } finally {
    await store.close();
  }
  const list = await cli.run('pilots', '--peildatum', '2025-09-01');
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /Pilots en projecten op 01-09-2025/);
  assert.match(
    list.stdout,
    /POH-jeugd bij huisartsen.*innovatiebudget.*€\s?123\.456,78.*01-01-2024 – 31-12-2026.*niet op koers/,
  );
  assert.match(list.stdout, /Gemeente 0150: 0 van 1 lopende pilots op koers \(0%\)/);
  const show = await cli.run('pilots', 'show', String(id), '--peildatum', '2025-09-01');
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /geen gekoppeld doel/);
  assert.match(show.stdout, /Budget €\s123\.456,78 \(innovatiebudget\)/);
  assert.match(show.stdout, /30-06-2025 \(te laat\)/);
  const json = JSON.parse((await cli.run('pilots', '--json', '--peildatum', '2025-09-01')).stdout) as PilotRegister;
  assert.deepEqual(json.summary, [{ gemeente: '0150', runningPilots: 1, pilotsOnTrack: 0, sharePilotsOnTrack: 0 }]);
  assert.equal(json.pilots[0]!.budget, 123_456.78);
  const missing = await cli.run('pilots', 'show', '999');
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /Deze pilot bestaat niet/);
});

it("a pilot's goal as it stood on the peildatum, not as the data stand today", async () => {
  // trajectories of 0150 from February to October 2024: on 31 March 2024 the first half of 2024 was not over yet
  const dir = tempDir('zicht-cli-pilots-goal-');
  const rows = [TRAJECTEN_HEADER];
  for (let i = 0; i < 12; i++)
    rows.push(
      trajectRow({
        traject_id: `G${i}`,
        client_id: testBsn(300 + i),
        gemeente: '0150',
        wijk: '015001',
        aanvraagdatum: '2024-01-20',
        toewijzingsdatum: '2024-01-25',
        startdatum: '2024-02-01',
        einddatum: '2024-10-31',
      }),
    );
  const imported = await cli.run('import', writeCsv(dir, 'trajecten.csv', rows.join('\n') + '\n'));
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal((await cli.run('lens')).code, 0);
  const store = await openStore({ dataDir: data, auditHeadFile: null });
  try {
    const goal = await insertGoal(store, {
      gemeente: '0150',
      indicator: 'youth_in_care',
      title: 'Minder jeugdigen in zorg',
      target: 5,
      baseline: null,
      baselinePeriod: null,
      deadline: '2026-12-31',
      owner: null,
      splitBy: null,
      splitKey: null,
    });
    await insertPilot(
      store,
      {
        gemeente: '0150',
        name: 'Pilot met doel',
        description: null,
        budgetSource: 'innovatie',
        budgetCents: 100,
        start: '2024-01-01',
        end: '2026-12-31',
        owner: 'team Jeugd',
        goalIds: [goal],
        storyIds: [],
        businessCaseIds: [],
        evaluations: [],
      },
      'test',
    );
  } finally {
    await store.close();
  }
  const lastPeriod = async (...args: string[]) => {
    const r = await cli.run('pilots', '--json', ...args);
    assert.equal(r.code, 0, r.stderr);
    const reg = JSON.parse(r.stdout) as PilotRegister;
    return reg.pilots.find((x) => x.name === 'Pilot met doel')!.goals[0]!.series.at(-1)?.period;
  };
  assert.equal(await lastPeriod('--peildatum', '2024-03-31'), '2023H2');
  assert.equal(await lastPeriod(), '2024H1');
});
