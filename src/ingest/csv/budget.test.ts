/**
 * budget.csv with programme and reserve (issue 19, migration 25): bad input is refused whole, naming file, line and
 * column, and nothing is stored; a file of the old five columns stays valid; the new columns are stored under the
 * budget table's row-level security; the migration keeps rows loaded before it. On PGlite and PostgreSQL.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import { TEST_KEY, tempDir, writeCsv } from '../../testing/fixtures.js';
import { importCsvFile } from './import.js';
import { withScope } from '../../store/sql.js';
import { migrate } from '../../store/migrate.js';

const HEADER = 'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro;programma;reserve_euro;reserve_naam';

forEachBackend('budget.csv with programme and reserve', (kind) => {
  let db: TestDb;
  let dir: string;
  before(async () => {
    db = await freshStore(kind);
    dir = tempDir('zicht-budget-');
    await db.store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);",
    );
  });
  after(async () => {
    await db?.drop();
  });
  const load = (name: string, content: string) =>
    importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
  const stored = async () => (await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM budget'))[0]!.n;

  it('bad input: refused whole, each problem with its line, column and code; nothing stored', async () => {
    const r = await load(
      'budget.csv',
      [
        HEADER,
        '9001;2025;6.72a;1000000,00;250000,00;Jeugd — specialistisch;50000,00;Reserve sociaal domein', // good
        '9001;2025;6.72b;-5,00;0;Jeugd — specialistisch;;', // negative budget
        '9001;2025;Jeugd overig;;100,00;Jeugd — preventie;2500,00;Reserve sociaal domein', // reserve without budget
        '9001;2025;6.72A;20,00;0;;;', // the same taakveld as line 2 (case does not make it another)
        '9001;2025;6,72c;20,00;0;;;', // looks like a taakveld code, is none
        '9001;2025;672;20,00;0;;;', // idem
        '9001;2025;6.82a;20,00;0;;;Reserve jeugd', // a reserve's name without an amount
        '9001;2025;6.82b;20,00;0;;12,345;', // a reserve amount below the cent
      ].join('\n') + '\n',
    );
    assert.equal(r.status, 'rejected');
    assert.match(r.file, /budget\.csv$/);
    assert.deepEqual(
      r.problems.map((p) => `${p.line}:${p.column}:${p.code}`),
      [
        '3:begroot_euro:negative_amount',
        '4:reserve_euro:reserve_without_budget',
        '5:taakveld_of_post:duplicate_line',
        '6:taakveld_of_post:invalid_taakveld',
        '7:taakveld_of_post:invalid_taakveld',
        '8:reserve_naam:reserve_name_without_amount',
        '9:reserve_euro:too_many_decimals',
      ],
    );
    const dup = r.problems.find((p) => p.code === 'duplicate_line')!;
    assert.match(dup.nl, /staat ook op regel 2/);
    assert.equal(await stored(), 0);
  });

  it('an old file of five columns stays valid: no programme, no reserve', async () => {
    const r = await load(
      'budget-oud.csv',
      'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9002;2024;6.72;900000;880000,50\n',
    );
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const rows = await db.store.query(
      'SELECT budget_cents, realised_cents, programme, reserve_cents, reserve_name FROM budget',
    );
    assert.deepEqual(rows, [
      {
        budget_cents: 90_000_000,
        realised_cents: 88_000_050,
        programme: null,
        reserve_cents: null,
        reserve_name: null,
      },
    ]);
  });

  it('the new columns are stored, and row-level security keeps another gemeente out', async () => {
    const r = await load(
      'budget-2025.csv',
      `${HEADER}\n9001;2025;6.72a;1000000,00;250000,00;Jeugd — specialistisch;50000,00;Reserve sociaal domein\n9001;2025;6.82a;300000;0;Jeugd — veiligheid;-10000;\n`,
    );
    assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    const mine = await withScope(db.store, { gemeenten: ['9001'] }, (tx) =>
      tx.query('SELECT budget_line, programme, reserve_cents, reserve_name FROM budget ORDER BY budget_line'),
    );
    assert.deepEqual(mine, [
      {
        budget_line: '6.72a',
        programme: 'Jeugd — specialistisch',
        reserve_cents: 5_000_000,
        reserve_name: 'Reserve sociaal domein',
      },
      { budget_line: '6.82a', programme: 'Jeugd — veiligheid', reserve_cents: -1_000_000, reserve_name: null },
    ]);
    const other = await withScope(db.store, { gemeenten: ['9002'] }, (tx) =>
      tx.query("SELECT * FROM budget WHERE gemeente_code = '9001'"),
    );
    assert.deepEqual(other, []);
  });

  it('migration 25 on a store that already holds budget rows: they keep their values, the new columns empty', async () => {
    await db.store.exec(`DELETE FROM budget;
      ALTER TABLE budget DROP CONSTRAINT budget_reserve_needs_budget;
      ALTER TABLE budget DROP COLUMN programme; ALTER TABLE budget DROP COLUMN reserve_cents; ALTER TABLE budget DROP COLUMN reserve_name;
      DELETE FROM schema_migrations WHERE version = 25;
      INSERT INTO budget (gemeente_code, year, budget_line, budget_cents, realised_cents) VALUES ('9001', 2023, '6.72', 100, 90);`);
    assert.deepEqual(await migrate(db.store), [25]);
    assert.deepEqual(
      await db.store.query('SELECT budget_cents, realised_cents, programme, reserve_cents FROM budget'),
      [{ budget_cents: 100, realised_cents: 90, programme: null, reserve_cents: null }],
    );
    // the store refuses a reserve without a budget too, not only the importer
    await assert.rejects(() =>
      db.store.exec(
        "INSERT INTO budget (gemeente_code, year, budget_line, reserve_cents) VALUES ('9001', 2023, 'x', 5)",
      ),
    );
  });
});
