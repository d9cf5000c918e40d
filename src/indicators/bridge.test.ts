/**
 * Issue 14.8: stock and flow add up. For every gemeente and period: stock at the start (the stock
 * on the last day of the period before) + new inflow + re-entry − outflow = stock at the end,
 * exactly, and the bridge's figures are the catalogue's own (stock_youth, inflow_youth,
 * reentry_youth, outflow_youth). Checked on demo trajectories (several per youth, missing stop
 * messages) and on randomised trajectories (fast-check, fixed seed), both written as iJw messages
 * and loaded through the real iJw importer, on both back ends. A plain-TypeScript reading of the
 * convention in docs/indicators.md recomputes the bridge from the lens's effective dates.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { generateDemo } from '../demo/generate.js';
import { writeIjwMessages } from '../demo/ijw.js';
import { importIjwFiles } from '../ingest/ijw/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import {
  formatPeriod,
  parsePeriod,
  periodEnd,
  periodRange,
  periodStart,
  shiftPeriod,
  type Period,
} from '../domain/periods.js';
import { addDays } from '../domain/dates.js';
import { findIndicator } from './catalogue.js';

const CLAIMS_HEADER =
  'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status';

interface Loaded {
  db: TestDb;
  lens: Lens;
  gemeenten: string[];
}

/** Trajectory CSV lines (demo format) → iJw messages (the demo's writer) → the real iJw importer → lens. */
async function loadAsIjw(kind: 'pglite' | 'postgres', trajectLines: string[], gemeenten: string[]): Promise<Loaded> {
  const db = await freshStore(kind);
  const dir = tempDir('zicht-bridge-');
  await db.store.exec(
    `INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ${gemeenten.map((g) => `('${g}','G${g}','R',true)`).join(', ')};`,
  );
  const out = await writeIjwMessages(
    {
      trajecten: writeCsv(dir, 'trajecten.csv', [TRAJECTEN_HEADER, ...trajectLines].join('\n')),
      declaraties: writeCsv(dir, 'declaraties.csv', CLAIMS_HEADER),
    },
    join(dir, 'ijw'),
  );
  const reports = await importIjwFiles({ store: db.store, dataDir: dir, key: TEST_KEY }, [out.dir]);
  assert.deepEqual(
    reports.filter((r) => r.status !== 'committed').map((r) => [r.file, r.problems[0]]),
    [],
  );
  await rebuildLens(db.store, dir);
  return { db, lens: await Lens.open(dir), gemeenten };
}

type Bridge = Record<'begin' | 'instroom' | 'herinstroom' | 'uitstroom' | 'eind', number>;
const ZERO: Bridge = { begin: 0, instroom: 0, herinstroom: 0, uitstroom: 0, eind: 0 };

/** The convention of docs/indicators.md ("Stand en stroom"), read directly on the effective dates of the lens. */
function referenceBridge(trajs: ReadonlyArray<{ s: string; e: string | null }>, p: Period): Bridge {
  const s = periodStart(p);
  const e = periodEnd(p);
  const dayBefore = addDays(s, -1);
  const activeOn = (d: string) => trajs.some((t) => t.s <= d && (t.e === null || t.e >= d));
  const atStart = activeOn(dayBefore);
  const atEnd = activeOn(e);
  const inPeriod = trajs.some((t) => t.s <= e && (t.e === null || t.e >= s));
  if (!atStart && !inPeriod) return ZERO;
  const entered = inPeriod && !atStart;
  let fresh = false;
  if (entered) {
    const first = trajs
      .filter((t) => t.s >= s)
      .map((t) => t.s)
      .sort()[0]!;
    const from = addDays(first, -365);
    fresh = !trajs.some((t) => t.s < first && (t.e === null || t.e >= from));
  }
  return {
    begin: atStart ? 1 : 0,
    instroom: fresh ? 1 : 0,
    herinstroom: entered && !fresh ? 1 : 0,
    uitstroom: atEnd ? 0 : 1,
    eind: atEnd ? 1 : 0,
  };
}

/** Checks the identity, the agreement with the catalogue's own figures and the reference for every gemeente and period. */
async function checkBridge(l: Loaded, periods: Period[]): Promise<number> {
  const trajs = await l.lens.query<{ g: string; y: string; s: string; e: string | null }>(
    'SELECT gemeente_code AS g, youth_pseudonym AS y, CAST(eff_start AS VARCHAR) AS s, CAST(eff_end AS VARCHAR) AS e FROM traj',
  );
  const byYouth = new Map<string, Array<{ s: string; e: string | null }>>();
  for (const t of trajs) byYouth.set(`${t.g}|${t.y}`, [...(byYouth.get(`${t.g}|${t.y}`) ?? []), t]);
  const value = async (id: string, p: Period): Promise<Map<string, number>> => {
    const ind = findIndicator(id);
    if (!ind) return new Map(); // an indicator the catalogue does not have counts nothing (the old catalogue had no re-entry count)
    return new Map(
      (await ind.compute(l.lens, { period: p, gemeenten: [] }))
        .filter((r) => r.key === null)
        .map((r) => [r.gemeente, r.value ?? 0]),
    );
  };
  let checked = 0;
  for (const p of periods) {
    const bridgeRows = findIndicator('stock_bridge')
      ? await findIndicator('stock_bridge')!.compute(l.lens, { period: p, gemeenten: [] })
      : [];
    const [stockBefore, stock, inflow, reentry, outflow] = await Promise.all([
      value('stock_youth', shiftPeriod(p, -1)),
      value('stock_youth', p),
      value('inflow_youth', p),
      value('reentry_youth', p),
      value('outflow_youth', p),
    ]);
    for (const g of l.gemeenten) {
      const where = `${g} ${formatPeriod(p)}`;
      const [b0, n, r, o, b1] = [
        stockBefore.get(g) ?? 0,
        inflow.get(g) ?? 0,
        reentry.get(g) ?? 0,
        outflow.get(g) ?? 0,
        stock.get(g) ?? 0,
      ];
      assert.equal(
        b0 + n + r - o,
        b1,
        `${where}: stock ${b0} + inflow ${n} + re-entry ${r} − outflow ${o} = stock ${b1}`,
      );
      const bridge: Bridge = { ...ZERO };
      for (const x of bridgeRows.filter((x) => x.gemeente === g)) bridge[x.key as keyof Bridge] = x.value ?? 0;
      assert.deepEqual(
        bridge,
        { begin: b0, instroom: n, herinstroom: r, uitstroom: o, eind: b1 },
        `${where}: the bridge shows the catalogue's figures`,
      );
      const expected: Bridge = { ...ZERO };
      for (const [k, list] of byYouth) {
        if (!k.startsWith(`${g}|`)) continue;
        const one = referenceBridge(list, p);
        for (const f of Object.keys(expected) as Array<keyof Bridge>) expected[f] += one[f];
      }
      assert.deepEqual(bridge, expected, `${where}: the bridge follows the documented convention`);
      checked++;
    }
  }
  return checked;
}

const ALL_PERIODS = (from: number, to: number): Period[] =>
  (['month', 'quarter', 'half', 'year'] as const).flatMap((kind) => {
    const first = parsePeriod(
      kind === 'month' ? `${from}-01` : kind === 'quarter' ? `${from}Q1` : kind === 'half' ? `${from}H1` : String(from),
    );
    const last = parsePeriod(
      kind === 'month' ? `${to}-12` : kind === 'quarter' ? `${to}Q4` : kind === 'half' ? `${to}H2` : String(to),
    );
    return periodRange(first, last);
  });

/** The demo's trajectories of the first 60 youths (all their trajectories) of three gemeenten, for the demo-like fixture. */
let demoLines: Promise<string[]> | null = null;
function demoTrajectories(): Promise<string[]> {
  demoLines ??= (async () => {
    const dir = tempDir('zicht-bridge-demo-');
    const m = await generateDemo({ seed: 11, size: 'region', until: '2026-06-30', outDir: join(dir, 'csv') });
    const [head, ...lines] = readFileSync(m.files.trajecten!.path, 'utf8').trimEnd().split('\n');
    const cols = head!.split(';');
    const rows = lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i]!, v])));
    const keep = new Set<string>();
    for (const g of ['9001', '9002', '9003']) {
      for (const c of [
        ...new Set(rows.filter((r) => r.gemeente === g && /^\d{9}$/.test(r.client_id!)).map((r) => r.client_id!)),
      ].slice(0, 60))
        keep.add(`${g}|${c}`);
    }
    const header = TRAJECTEN_HEADER.split(';');
    return rows
      .filter((r) => keep.has(`${r.gemeente}|${r.client_id}`))
      .map((r) => header.map((h) => r[h] ?? '').join(';'));
  })();
  return demoLines;
}

forEachBackend('the stock bridge adds up on demo trajectories loaded as iJw', (kind) => {
  let l: Loaded | undefined;
  before(async () => {
    l = await loadAsIjw(kind, await demoTrajectories(), ['9001', '9002', '9003']);
  });
  after(async () => {
    l?.lens.close();
    await l?.db.drop();
  });

  it('for every gemeente and every month, quarter, half-year and year', async () => {
    const n = await checkBridge(l!, ALL_PERIODS(2021, 2026));
    assert.equal(n, 3 * (72 + 24 + 12 + 6));
    let reentries = 0;
    for (const p of ALL_PERIODS(2021, 2026).filter((x) => x.kind === 'half')) {
      for (const r of await findIndicator('reentry_youth')!.compute(l!.lens, { period: p, gemeenten: [] }))
        reentries += r.value ?? 0;
    }
    assert.ok(reentries > 0, 'some demo youths come back after a break: re-entry is not empty');
  });
});

/** One random trajectory: day offsets from 2024-01-01; no start = never started; no stop = the JW307 is missing. */
const trajectory = fc.record({
  youth: fc.integer({ min: 0, max: 7 }),
  allocation: fc.integer({ min: 0, max: 1000 }),
  startDelay: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 5 }),
  length: fc.option(fc.integer({ min: 0, max: 500 }), { freq: 4 }),
  stop: fc.boolean(),
  category: fc.constantFrom('45', '43', '48'),
});

forEachBackend('the stock bridge adds up on random trajectories loaded as iJw', (kind) => {
  it('fast-check, fixed seed: missing stops, never-started allocations, several trajectories per youth, gaps and overlaps', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(trajectory, { minLength: 1, maxLength: 30 }), async (list) => {
        const lines = list.map((t, i) => {
          const g = t.youth < 4 ? '9001' : '9002';
          const allocation = addDays('2024-01-01', t.allocation);
          const start = t.startDelay === null ? '' : addDays(allocation, t.startDelay);
          const end = t.length === null ? '' : addDays(start || allocation, t.length);
          return trajectRow({
            traject_id: `${g}-T${i + 1}`,
            client_id: testBsn(200 + t.youth),
            gemeente: g,
            productcategorie: t.category,
            productcode: `${t.category}A01`,
            verwijzer: '01',
            verwijzer_detail: '',
            aanvraagdatum: allocation,
            toewijzingsdatum: allocation,
            startdatum: start,
            einddatum: end,
            reden_einde: start && end && t.stop ? '31' : '',
            doelrealisatie: '',
          });
        });
        const l = await loadAsIjw(kind, lines, ['9001', '9002']);
        try {
          await checkBridge(l, [
            ...periodRange(parsePeriod('2024Q1'), parsePeriod('2027Q4')),
            ...periodRange(parsePeriod('2024H1'), parsePeriod('2027H2')),
            ...periodRange(parsePeriod('2024'), parsePeriod('2027')),
            ...periodRange(parsePeriod('2025-01'), parsePeriod('2025-12')),
          ]);
          runs++;
        } finally {
          l.lens.close();
          await l.db.drop();
        }
      }),
      { numRuns: 6, seed: 14_08, endOnFailure: true },
    );
    assert.equal(runs, 6);
  });
});
