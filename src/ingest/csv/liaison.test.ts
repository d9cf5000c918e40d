/**
 * Canonical CSV verbindingsfuncties and the basishulp vindplaats (issue 21, liaison positions): bad input first —
 * every problem names file, line, column and value, a file with one bad row is refused whole and kept — then
 * recognition, the round trip with lineage, row-level security per gemeente, and basishulp files with and without the
 * new optional column.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import { TEST_KEY, tempDir, testBsn, writeCsv } from '../../testing/fixtures.js';
import { withScope } from '../../store/sql.js';
import { recognise } from './recordTypes.js';
import { importCsvFile, type ImportContext } from './import.js';
import type { FileReport } from '../report.js';

export const VERBINDINGSFUNCTIES_HEADER =
  'functie_id;gemeente;soort;vindplaats_soort;vindplaats;vindplaats_naam;uren_per_week;startdatum;einddatum';
const BASISHULP_HEADER = 'episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden';

const codes = (r: FileReport): string[] => r.problems.map((p) => `${p.line}:${p.column}:${p.code}`);

describe('verbindingsfuncties files are recognised', () => {
  it('by name, or by the header alone', () => {
    assert.equal(recognise('verbindingsfuncties-2025.csv', [])?.id, 'verbindingsfuncties');
    assert.equal(recognise('poh-jeugd.csv', VERBINDINGSFUNCTIES_HEADER.split(';'))?.id, 'verbindingsfuncties');
    assert.equal(recognise('basishulp.csv', [...BASISHULP_HEADER.split(';'), 'vindplaats'])?.id, 'basishulp');
  });
});

forEachBackend('canonical CSV verbindingsfuncties and the basishulp vindplaats', (kind) => {
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
  });
  after(async () => db.drop());

  const count = async (table: string) =>
    Number((await db.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

  it('refuses a file with an unknown kind, a bad AGB or BRIN, hours out of range, a bad period, a duplicate id, …', async () => {
    const f = writeCsv(
      dir,
      'verbindingsfuncties-fout.csv',
      [
        VERBINDINGSFUNCTIES_HEADER,
        'F1;9001;psycholoog;huisartsenpraktijk;01234567;Praktijk De Linde;16;2024-01-01;',
        'F2;9001;POH-jeugd;huisartsenpraktijk;1234;Praktijk Oost;16;2024-01-01;',
        'F3;9001;jeugdconsulent;school;12 AB!;OBS De Wilg;8;2024-01-01;',
        'F4;9001;gezinscoach;kinderopvang;KDV1;Kinderopvang;8;2024-01-01;',
        'F5;9001;gezinscoach;school;12AB;OBS De Wilg;0;2024-01-01;',
        'F6;9001;gezinscoach;school;12AB;OBS De Wilg;80;2024-01-01;',
        'F7;9001;gezinscoach;school;12AB;OBS De Wilg;8,1255;2024-01-01;',
        'F8;9001;gezinscoach;school;12AB;OBS De Wilg;8;2024-03-01;2024-02-01',
        'F9;9001;gezinscoach;school;12AB;OBS De Wilg;8;2024-02-30;',
        'F10;9999;gezinscoach;school;12AB;OBS De Wilg;8;2024-01-01;',
        'F11;9001;gezinscoach;school;12AB;OBS De Wilg;acht;2024-01-01;',
        'F12;9001;;school;;OBS De Wilg;;;',
        'F1;9001;poh_jeugd;huisartsenpraktijk;01234567;Praktijk De Linde;16;2024-01-01;',
        'F15;9001;poh_jeugd;huisartsenpraktijk;01234567;Praktijk dr. Jansen 0612345678;16;2024-01-01;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'rejected');
    assert.equal(r.rowsAccepted, 0);
    assert.equal(r.recordType, 'verbindingsfuncties');
    const [run] = await db.store.query<{ status: string; raw_sha256: string }>(
      'SELECT status, raw_sha256 FROM import_run WHERE id = $1',
      [r.runId],
    );
    assert.equal(run?.status, 'rejected', 'the refused file is recorded');
    assert.equal((await db.store.query('SELECT 1 FROM raw_input WHERE sha256 = $1', [run!.raw_sha256])).length, 1);
    const kindProblem = r.problems.find((p) => p.code === 'unknown_kind')!;
    assert.equal(kindProblem.line, 2);
    assert.equal(kindProblem.column, 'soort');
    assert.equal(kindProblem.value, 'psycholoog');
    for (const w of ['poh_jeugd', 'jeugdconsulent', 'gezinscoach', 'schoolmaatschappelijk_werk'])
      assert.ok(kindProblem.nl.includes(w) && kindProblem.en.includes(w), `the allowed kinds are listed: ${w}`);
    const agb = r.problems.find((p) => p.line === 3 && p.column === 'vindplaats')!;
    assert.equal(agb.code, 'invalid_location');
    assert.equal(agb.value, '1234');
    assert.match(agb.nl, /AGB-code van 8 cijfers/);
    const c = codes(r);
    for (const want of [
      '2:soort:unknown_kind',
      '3:vindplaats:invalid_location',
      '4:vindplaats:invalid_location',
      '5:vindplaats_soort:unknown_location_kind',
      '6:uren_per_week:out_of_range',
      '7:uren_per_week:out_of_range',
      '8:uren_per_week:too_many_decimals',
      '9:einddatum:end_before_start',
      '10:startdatum:impossible_date',
      '11:gemeente:unknown_gemeente',
      '12:uren_per_week:not_number',
      '13:soort:required',
      '13:vindplaats:required',
      '13:uren_per_week:required',
      '13:startdatum:required',
      '14:functie_id:duplicate_line',
      '15:vindplaats_naam:personal_data',
    ])
      assert.ok(c.includes(want), `${want} in ${c.join(', ')}`);
    assert.match(r.problems.find((p) => p.code === 'duplicate_line')!.nl, /regel 2/, 'the earlier line is named');
    assert.equal(await count('liaison_position'), 0, 'nothing of a refused file is written');
  });

  it('refuses a basishulp file whose vindplaats is not a location id, naming line and column', async () => {
    const f = writeCsv(
      dir,
      'basishulp-vindplaats-fout.csv',
      `${BASISHULP_HEADER};vindplaats\nV1;${testBsn(11)};2015-02;9001;900101;Wijkteam 1;2024-02-01;;opvoeden_opgroeien;praktijk de linde\n`,
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'rejected');
    assert.deepEqual(codes(r), ['2:vindplaats:invalid_location']);
    assert.equal(r.problems[0]!.value, 'praktijk de linde');
    assert.equal(await count('basic_support_episode'), 0);
  });

  it('imports positions with lineage and words as written (POH-jeugd, huisarts, 16,5 hours); re-reading updates', async () => {
    const f = writeCsv(
      dir,
      'verbindingsfuncties.csv',
      [
        VERBINDINGSFUNCTIES_HEADER,
        'P1;9001;POH-jeugd;huisarts;01234567;Praktijk De Linde;16,5;2024-01-01;',
        'P2;9001;schoolmaatschappelijk werk;school;12AB;OBS De Wilg;8;2024-03-01;2025-02-28',
        'P3;9002;gezinscoach;huisartsenpraktijk;01999999;;24;2023-09-01;',
      ].join('\n') + '\n',
    );
    const r = await importCsvFile(ctx, f);
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    assert.equal(r.rowsAccepted, 3);
    const rows = await db.store.query<Record<string, unknown>>(
      `SELECT position_id, kind, location_kind, location_id, location_name, hours_per_week::float8 AS hours,
              start_date::text AS s, end_date::text AS e, source_run_id, source_ref
       FROM liaison_position ORDER BY position_id`,
    );
    assert.deepEqual(
      rows.map((x) => [x.position_id, x.kind, x.location_kind, x.location_id, x.location_name, x.hours, x.s, x.e]),
      [
        ['P1', 'poh_jeugd', 'huisartsenpraktijk', '01234567', 'Praktijk De Linde', 16.5, '2024-01-01', null],
        ['P2', 'schoolmaatschappelijk_werk', 'school', '12AB', 'OBS De Wilg', 8, '2024-03-01', '2025-02-28'],
        ['P3', 'gezinscoach', 'huisartsenpraktijk', '01999999', '', 24, '2023-09-01', null],
      ],
    );
    assert.ok(
      rows.every((x) => Number(x.source_run_id) === r.runId),
      'every row names its import run',
    );
    assert.deepEqual(
      rows.map((x) => x.source_ref),
      ['regel 2', 'regel 3', 'regel 4'],
      'and its line',
    );
    // a later export says the position ended: the same id updates its row
    const again = writeCsv(
      dir,
      'verbindingsfuncties-2.csv',
      `${VERBINDINGSFUNCTIES_HEADER}\nP1;9001;POH-jeugd;huisarts;01234567;Praktijk De Linde;12;2024-01-01;2025-06-30\n`,
    );
    assert.equal((await importCsvFile(ctx, again)).status, 'committed');
    const [p1] = await db.store.query<{ h: number; e: string }>(
      "SELECT hours_per_week::float8 AS h, end_date::text AS e FROM liaison_position WHERE position_id = 'P1'",
    );
    assert.deepEqual(p1, { h: 12, e: '2025-06-30' });
    assert.equal(await count('liaison_position'), 3);
  });

  it('a position is seen only within its gemeente (row-level security)', async () => {
    const seen = (g: string) =>
      withScope(db.store, { gemeenten: [g] }, async (tx) =>
        (await tx.query<{ id: string }>('SELECT position_id AS id FROM liaison_position ORDER BY 1')).map((x) => x.id),
      );
    assert.deepEqual(await seen('9001'), ['P1', 'P2']);
    assert.deepEqual(await seen('9002'), ['P3']);
    await assert.rejects(
      withScope(db.store, { gemeenten: ['9002'] }, (tx) =>
        tx.query(
          "INSERT INTO liaison_position (gemeente_code, position_id, kind, location_kind, location_id, hours_per_week, start_date) VALUES ('9001','X','poh_jeugd','school','12AB',4,'2024-01-01')",
        ),
      ),
      'a session of 9002 cannot write a position of 9001',
    );
  });

  it('basishulp with the vindplaats column stores it; a file without it (before issue 21) imports as before', async () => {
    const withColumn = writeCsv(
      dir,
      'basishulp-met-vindplaats.csv',
      `${BASISHULP_HEADER};vindplaats\nB1;${testBsn(12)};2015-02;9001;900101;Wijkteam 1;2024-02-01;;opvoeden_opgroeien;01234567\nB2;${testBsn(13)};2016-02;9001;900101;Wijkteam 1;2024-02-01;;opvoeden_opgroeien;\n`,
    );
    const a = await importCsvFile(ctx, withColumn);
    assert.equal(a.status, 'committed', JSON.stringify(a.problems));
    const old = writeCsv(
      dir,
      'basishulp-oud.csv',
      `${BASISHULP_HEADER}\nB3;${testBsn(14)};2014-02;9001;900101;Wijkteam 1;2024-03-01;;financien\n`,
    );
    const b = await importCsvFile(ctx, old);
    assert.equal(b.status, 'committed', JSON.stringify(b.problems));
    const rows = await db.store.query<{ episode_id: string; location_id: string | null }>(
      'SELECT episode_id, location_id FROM basic_support_episode ORDER BY 1',
    );
    assert.deepEqual(rows, [
      { episode_id: 'B1', location_id: '01234567' },
      { episode_id: 'B2', location_id: null },
      { episode_id: 'B3', location_id: null },
    ]);
  });
});
