/**
 * Canonical CSV evaluaties (issue 21, light follow-up after referral): bad input first — an unknown trajectory, one
 * of another gemeente, held before the trajectory's start or in the future, impossible dates, an unknown outcome,
 * free text or a name where only a code belongs, a note column, a duplicate moment — each named by line, column and
 * value, the file refused whole and kept; then the round trip with lineage, re-reading updates, and row-level
 * security per gemeente and team.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, openTrajectRow, tempDir, testBsn, writeCsv } from '../../testing/fixtures.js';
import { withScope } from '../../store/sql.js';
import { recognise } from './recordTypes.js';
import { importCsvFile, type ImportContext } from './import.js';
import type { FileReport } from '../report.js';

export const EVALUATIES_HEADER = 'traject_id;gemeente;geplande_datum;gehouden_datum;uitkomst;uitgevoerd_door';
const codes = (r: FileReport): string[] => r.problems.map((p) => `${p.line}:${p.column}:${p.code}`);

it('an evaluaties file is recognised by name and by its header', () => {
  assert.equal(recognise('evaluaties-2025.csv', [])?.id, 'evaluaties');
  assert.equal(recognise('export.csv', EVALUATIES_HEADER.split(';'))?.id, 'evaluaties');
});

forEachBackend('canonical CSV evaluaties', (kind) => {
  let db: TestDb;
  let ctx: ImportContext;
  let dir: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir();
    ctx = { store: db.store, dataDir: dir, key: TEST_KEY };
    await db.store.exec(
      `INSERT INTO region VALUES ('DEMO','Demoregio',true);
       INSERT INTO gemeente VALUES ('9001','Demodorp','DEMO',true), ('9002','Demostad','DEMO',true);`,
    );
    const t = await importCsvFile(
      ctx,
      writeCsv(
        dir,
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          openTrajectRow({ traject_id: 'T1', client_id: testBsn(1), team: 'Noord', startdatum: '2025-01-15' }),
          openTrajectRow({ traject_id: 'T2', client_id: testBsn(2), team: 'Zuid', startdatum: '2025-02-01' }),
          openTrajectRow({ traject_id: 'T9', client_id: testBsn(3), gemeente: '9002', team: 'Oost' }),
        ].join('\n') + '\n',
      ),
    );
    assert.equal(t.status, 'committed', JSON.stringify(t.problems));
  });
  after(async () => db.drop());

  const count = async (table: string) =>
    Number((await db.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

  it('refuses unknown or foreign trajectories, early, future or impossible dates, unknown outcomes, names and notes', async () => {
    const f = writeCsv(
      dir,
      'evaluaties-fout.csv',
      [
        `${EVALUATIES_HEADER};opmerking`,
        'T404;9001;2025-04-15;2025-04-20;doorgaan;jeugdconsulent;',
        'T9;9001;2025-04-15;;;;',
        'T1;9001;2025-04-15;2025-01-10;doorgaan;jeugdconsulent;',
        'T1;9001;2025-02-30;;;;',
        'T1;9001;15 april;;;;',
        'T1;9001;2025-07-15;2025-07-20;prima gesprek, moeder tevreden;gezinscoach;',
        'T1;9001;2025-10-15;2025-10-16;doorgaan;Jan de Vries;',
        'T1;9001;2026-01-15;2026-01-16;afschalen;gezinscoach;vader werkloos',
        'T1;9001;2026-04-15;;opschalen;;',
        'T1;9001;2026-07-15;2099-01-01;doorgaan;gezinscoach;',
        'T2;9001;2025-05-01;2025-05-02;doorgaan;casusregisseur;',
        'T2;9001;2025-05-01;;;;',
        'T1;9999;2025-04-15;;;;',
        'T1;9001;2024-12-01;;;;',
        'T2;9001;2025-08-01;2025-08-03;;Zuid;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.recordType, 'evaluaties');
    assert.equal(r.status, 'rejected');
    assert.equal(r.rowsAccepted, 0);
    const [run] = await db.store.query<{ status: string; raw_sha256: string }>(
      'SELECT status, raw_sha256 FROM import_run WHERE id = $1',
      [r.runId],
    );
    assert.equal(run?.status, 'rejected', 'the refused file is recorded');
    assert.equal((await db.store.query('SELECT 1 FROM raw_input WHERE sha256 = $1', [run!.raw_sha256])).length, 1);
    const c = codes(r);
    for (const want of [
      '2:traject_id:unknown_trajectory',
      '3:gemeente:wrong_gemeente',
      '4:gehouden_datum:held_before_start',
      '5:geplande_datum:impossible_date',
      '6:geplande_datum:invalid_date',
      '7:uitkomst:unknown_outcome',
      '8:uitgevoerd_door:not_a_role_code',
      '9:opmerking:free_text_not_kept',
      '10:uitkomst:outcome_without_held',
      '11:gehouden_datum:date_in_future',
      '13:geplande_datum:duplicate_line',
      '14:gemeente:unknown_gemeente',
      '15:geplande_datum:planned_before_start',
      '16:uitkomst:required',
    ])
      assert.ok(c.includes(want), `${want} in ${c.join(', ')}`);
    assert.equal(c.filter((x) => x.startsWith('12:')).length, 0, 'line 12 is good: ' + c.join(', '));
    const foreign = r.problems.find((p) => p.code === 'wrong_gemeente')!;
    assert.match(foreign.nl, /T9 hoort bij gemeente 9002/);
    const outcome = r.problems.find((p) => p.code === 'unknown_outcome')!;
    assert.equal(outcome.value, 'prima gesprek, moeder tevreden');
    for (const w of ['doorgaan', 'afschalen', 'opschalen', 'beëindigen']) assert.ok(outcome.nl.includes(w), w);
    const dup = r.problems.find((p) => p.code === 'duplicate_line')!;
    assert.match(dup.nl, /regel 12/);
    const early = r.problems.find((p) => p.code === 'held_before_start')!;
    assert.match(early.nl, /10-01-2025.*15-01-2025/);
    assert.equal(await count('evaluation_moment'), 0, 'nothing of a refused file is written');
  });

  it('imports moments with lineage; beëindigen and a team code are read; re-reading updates the moment', async () => {
    const f = writeCsv(
      dir,
      'evaluaties.csv',
      [
        EVALUATIES_HEADER,
        'T1;9001;2025-04-15;2025-04-22;doorgaan;Jeugdconsulent',
        'T1;9001;2025-07-15;;;',
        'T2;9001;2025-05-01;2025-06-10;Beëindigen;Zuid',
        'T9;9002;2025-04-01;2025-04-01;afschalen;casusregisseur',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.rowsAccepted, 4);
    const rows = await db.store.query<Record<string, unknown>>(
      `SELECT trajectory_id, to_char(planned_date, 'YYYY-MM-DD') AS planned, to_char(held_date, 'YYYY-MM-DD') AS held,
              outcome, held_by, source_run_id::int AS run, source_ref
         FROM evaluation_moment ORDER BY trajectory_id, planned_date`,
    );
    assert.deepEqual(
      rows.map((x) => [x.trajectory_id, x.planned, x.held, x.outcome, x.held_by]),
      [
        ['T1', '2025-04-15', '2025-04-22', 'doorgaan', 'jeugdconsulent'],
        ['T1', '2025-07-15', null, null, null],
        ['T2', '2025-05-01', '2025-06-10', 'beeindigen', 'Zuid'],
        ['T9', '2025-04-01', '2025-04-01', 'afschalen', 'casusregisseur'],
      ],
    );
    assert.deepEqual(
      rows.map((x) => [Number(x.run), String(x.source_ref)]),
      [2, 3, 4, 5].map((line) => [Number(r.runId), `regel ${line}`]),
      'lineage: the import run and the line of each moment',
    );
    // the moment held later arrives in the next export: its row is updated, not doubled
    const again = await importCsvFile(
      ctx,
      writeCsv(dir, 'evaluaties-2.csv', `${EVALUATIES_HEADER}\nT1;9001;2025-07-15;2025-08-20;opschalen;gezinscoach\n`),
    );
    assert.equal(again.status, 'committed', JSON.stringify(again.problems));
    const [m] = await db.store.query<{ held: string; outcome: string }>(
      "SELECT to_char(held_date, 'YYYY-MM-DD') AS held, outcome FROM evaluation_moment WHERE trajectory_id = 'T1' AND planned_date = '2025-07-15'",
    );
    assert.deepEqual(m, { held: '2025-08-20', outcome: 'opschalen' });
    assert.equal(await count('evaluation_moment'), 4);
  });

  it('row-level security: a gemeente sees its own moments, a team only those of its own trajectories', async () => {
    const ids = (rows: { trajectory_id: string }[]) => [...new Set(rows.map((x) => x.trajectory_id))].sort();
    const q = 'SELECT trajectory_id FROM evaluation_moment';
    assert.deepEqual(ids(await withScope(db.store, { gemeenten: ['9001'] }, (tx) => tx.query(q))), ['T1', 'T2']);
    assert.deepEqual(ids(await withScope(db.store, { gemeenten: ['9002'] }, (tx) => tx.query(q))), ['T9']);
    assert.deepEqual(ids(await withScope(db.store, { gemeenten: ['9001'], team: 'Noord' }, (tx) => tx.query(q))), [
      'T1',
    ]);
    // a team cannot write a moment for another team's trajectory
    await assert.rejects(
      withScope(db.store, { gemeenten: ['9001'], team: 'Noord' }, (tx) =>
        tx.query(
          "INSERT INTO evaluation_moment (gemeente_code, trajectory_id, planned_date) VALUES ('9001', 'T2', '2025-09-01')",
        ),
      ),
      /row-level security|policy/i,
    );
    await assert.rejects(
      db.store.query(
        "INSERT INTO evaluation_moment (gemeente_code, trajectory_id, planned_date, outcome) VALUES ('9001', 'T1', '2025-09-01', 'doorgaan')",
      ),
      /check/i,
      'an outcome without a held date cannot get in another way either',
    );
  });
});
