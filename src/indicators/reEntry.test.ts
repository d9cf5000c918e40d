/**
 * re_entry (docs/indicators.md, "Herinstroom"): the denominator is decided by what was running at the end of the
 * period; trajectories that arrive later (starting after the period) move a youth into the numerator, never in or
 * out of the denominator, so a past period's denominator does not change when later data arrives (red team F6a).
 */
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { reEntry } from './flow.js';

const dbs: TestDb[] = [];
after(async () => {
  for (const db of dbs) await db.drop();
});

const traj = (id: string, youth: number, start: string, end: string, reason: string) =>
  trajectRow({
    traject_id: id,
    client_id: testBsn(youth),
    toewijzingsdatum: start,
    aanvraagdatum: start,
    startdatum: start,
    einddatum: end,
    reden_einde: end ? reason : '',
  });

async function reEntryOf(rows: readonly string[]) {
  const db = await freshStore('pglite');
  dbs.push(db);
  const dir = tempDir('zicht-reentry-');
  await db.store.exec(
    "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9001','Een','R',true);",
  );
  const r = await importCsvFile(
    { store: db.store, dataDir: dir, key: TEST_KEY },
    writeCsv(dir, 'trajecten.csv', [TRAJECTEN_HEADER, ...rows].join('\n')),
  );
  assert.equal(r.status, 'committed', JSON.stringify(r.problems));
  await rebuildLens(db.store, dir);
  const lens = await Lens.open(dir);
  try {
    const [row] = await reEntry.compute(lens, { period: parsePeriod('2025H1'), gemeenten: ['9001'] });
    return [row?.numerator ?? null, row?.denominator ?? null];
  } finally {
    lens.close();
  }
}

it('re_entry: a youth with care still running at the period end is left out; later trajectories move only the numerator', async () => {
  const known = [
    // youth 1: ended as planned, but another trajectory runs on past the period: not done, left out
    traj('A1', 1, '2025-01-10', '2025-03-31', '31'),
    traj('A2', 1, '2025-02-01', '', ''),
    // youth 2 and 3: ended as planned in the period, nothing running after
    traj('B1', 2, '2025-01-05', '2025-04-30', '31'),
    traj('C1', 3, '2025-01-06', '2025-05-31', '31'),
    // youth 4: an unplanned end in the period: left out
    traj('D1', 4, '2025-01-07', '2025-02-28', '35'),
  ];
  assert.deepEqual(await reEntryOf(known), [0, 2]);
  // later data: youth 2 comes back after the period (within 365 days), youth 1's running trajectory ends
  const later = [
    ...known.filter((r) => !r.startsWith('A2;')),
    traj('A2', 1, '2025-02-01', '2025-10-31', '31'),
    traj('B2', 2, '2025-09-01', '', ''),
  ];
  assert.deepEqual(await reEntryOf(later), [1, 2]);
});
