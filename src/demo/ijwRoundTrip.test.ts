/**
 * Round trip: the demo's facts written as iJw messages and read back by the iJw importer give the
 * same trajectories (allocation, start, end, reason, referrer, product) and the same claims as
 * the demo's canonical CSV says. Needs no ../shared: the importer ships its own compiled schema.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, type DemoManifest } from './generate.js';
import { registerDemoMasterData } from './load.js';
import { writeIjwMessages, allocationNumber, messageDelay } from './ijw.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { addDays } from '../domain/dates.js';
import { workingDaysBetween } from '../domain/workdays.js';
import { messageTimeliness } from '../indicators/waiting.js';
import { importIjwFiles } from '../ingest/ijw/import.js';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import type { Store } from '../store/sql.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';

const LIMIT = 250;

function csvRows(path: string): Array<Record<string, string>> {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const cols = head!.split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i]!, v])));
}

describe('demo → iJw XML → iJw importer', { timeout: 600_000 }, () => {
  let manifest: DemoManifest;
  let store: Store;
  let reportsMs = 0;
  let dir = '';
  let messages = 0;
  before(async () => {
    dir = tempDir('zicht-rt-');
    manifest = await generateDemo({ seed: 5, size: 'region', until: '2026-06-30', outDir: join(dir, 'csv') });
    const out = await writeIjwMessages(
      { trajecten: manifest.files.trajecten!.path, declaraties: manifest.files.declaraties!.path },
      join(dir, 'ijw'),
      { limit: LIMIT },
    );
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await registerDemoMasterData(store, manifest);
    const t = performance.now();
    const reports = await importIjwFiles({ store, dataDir: dir, key: TEST_KEY }, [out.dir]);
    reportsMs = performance.now() - t;
    messages = reports.length;
    const rejected = reports.filter((r) => r.status !== 'committed');
    assert.deepEqual(
      rejected.map((r) => [r.file, r.problems[0]]),
      [],
    );
  });

  // the PGlite worker thread keeps the process alive until the store is closed
  after(async () => store?.close());

  it('every iJw-covered fact of the first trajectories comes back', async () => {
    const csv = csvRows(manifest.files.trajecten!.path)
      .filter((r) => /^\d{9}$/.test(r.client_id!))
      .slice(0, LIMIT);
    assert.equal(csv.length, LIMIT);
    const db = new Map(
      (await store.query<Record<string, string | null>>('SELECT * FROM trajectory')).map((t) => [
        t.allocation_number,
        t,
      ]),
    );
    for (const r of csv) {
      const t = db.get(String(allocationNumber(r.traject_id!)));
      assert.ok(t, `trajectory for ${r.traject_id}`);
      assert.equal(t.gemeente_code, r.gemeente);
      assert.equal(t.provider_agb, r.aanbieder_agb);
      assert.equal(t.product_category, r.productcategorie);
      assert.equal(t.product_code, r.productcode);
      assert.equal(t.allocation_date, r.toewijzingsdatum);
      assert.equal(t.start_date, r.startdatum || null, r.traject_id);
      assert.equal(t.end_date, r.reden_einde ? r.einddatum : null, r.traject_id);
      assert.equal(t.end_reason, r.reden_einde || null);
      // the referrer travels in the request (JW315), which only exists when the gemeente did not refer itself
      assert.equal(t.referrer_type, r.verwijzer && r.verwijzer !== '01' ? r.verwijzer : null, r.traject_id);
      if (r.verwijzer && r.verwijzer !== '01') assert.equal(t.request_date, r.aanvraagdatum);
    }
  });

  it('claims come back with the same amounts and statuses', async () => {
    const ids = new Set(
      csvRows(manifest.files.trajecten!.path)
        .filter((r) => /^\d{9}$/.test(r.client_id!))
        .slice(0, LIMIT)
        .map((r) => r.traject_id),
    );
    const csv = csvRows(manifest.files.declaraties!.path).filter((r) => ids.has(r.traject_id));
    const cents = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
    const [db] = await store.query<{ n: number; total: number; rejected: number }>(
      "SELECT count(*)::int AS n, sum(amount_cents)::bigint AS total, count(*) FILTER (WHERE status = 'afgewezen')::int AS rejected FROM claim_line",
    );
    assert.equal(db!.n, csv.length);
    assert.equal(
      db!.total,
      csv.reduce((s, r) => s + cents(r.bedrag_euro!), 0),
    );
    assert.equal(db!.rejected, csv.filter((r) => r.status === 'afgewezen').length);
    const unmatched = await store.query('SELECT 1 FROM claim_line WHERE trajectory_id IS NULL');
    assert.equal(unmatched.length, 0, 'every claim line found its trajectory');
  });

  it('message timeliness matches the dates the messages were sent with', async () => {
    await rebuildLens(store, dir);
    const lens = await Lens.open(dir);
    try {
      const csv = csvRows(manifest.files.trajecten!.path)
        .filter((r) => /^\d{9}$/.test(r.client_id!))
        .slice(0, LIMIT);
      for (const period of ['2018', '2021']) {
        let n = 0;
        let ok = 0;
        const p = parsePeriod(period);
        for (const r of csv) {
          for (const [kind, date] of [
            ['start', r.startdatum],
            ['stop', r.reden_einde ? r.einddatum : ''],
          ] as const) {
            if (!date || date.slice(0, 4) !== period) continue;
            n++;
            if (workingDaysBetween(date, addDays(date, messageDelay(r.traject_id!, kind))) <= 5) ok++;
          }
        }
        const rows = await messageTimeliness.compute(lens, { period: p, gemeenten: [] });
        const got = rows.reduce((a, x) => [a[0]! + x.numerator!, a[1]! + x.denominator!], [0, 0]);
        assert.deepEqual(got, [ok, n], period);
        assert.ok(n > 0 && ok < n, 'some messages late');
      }
    } finally {
      lens.close();
    }
  });

  it('reports its speed (for the benchmark note, not asserted)', () => {
    console.log(
      `# iJw import: ${messages} messages in ${Math.round(reportsMs)} ms (${Math.round((reportsMs / messages) * 10) / 10} ms per message)`,
    );
  });
});
