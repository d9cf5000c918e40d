/**
 * Benchmark: the pure rules (deciles, size classes, reference groups, robust fit) on hand-made
 * inputs, then the whole path on the demo's fictional national set: mirror → CBS importer → lens →
 * benchmark(), with the lasten recomputed by hand from the mirror files (independent of the importer).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { roundHalfUp } from '../domain/decimal.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { findCbsTables, importCbsTable } from '../ingest/cbs/mirror.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { tempDir } from '../testing/fixtures.js';
import { writeDemoCbsMirror, DEMO_CBS_TABLES } from '../demo/cbsMirror.js';
import { REGION_GEMEENTEN } from '../demo/region.js';
import { Rng } from '../demo/random.js';
import { deciles, parseReference, referenceGroup, ReferenceGroupError, sizeClass, type Candidate } from './groups.js';
import { fitRobust, predict } from './robust.js';
import { benchmark, BenchmarkError, fitModel } from './benchmark.js';
import { withoutFigures, type GemeenteFigures } from './figures.js';
import { DEFAULT_MAPPING, MappingError, readMapping } from './mapping.js';
import { BENCHMARK_INDICATORS } from '../indicators/benchmark.js';
import type { IndicatorRow } from '../indicators/types.js';
import { parsePeriod } from '../domain/periods.js';

describe('deciles', () => {
  const twenty = new Map(
    Array.from({ length: 20 }, (_, i) => [`g${String(i).padStart(2, '0')}`, i + 1] as [string, number | null]),
  );
  it('puts the lowest tenth in decile 1 and the highest in 10', () => {
    const d = deciles(twenty);
    assert.deepEqual([d.get('g00'), d.get('g01'), d.get('g02'), d.get('g19')], [1, 1, 2, 10]);
  });
  it('descending: the highest share is decile 1 (poverty)', () => {
    const d = deciles(twenty, true);
    assert.deepEqual([d.get('g19'), d.get('g00')], [1, 10]);
  });
  it('ties share one decile and unknown values get none', () => {
    const d = deciles(
      new Map<string, number | null>([
        ['a', 5],
        ['b', 5],
        ['c', 5],
        ['d', 9],
        ['e', null],
      ]),
    );
    assert.deepEqual([d.get('a'), d.get('b'), d.get('c'), d.get('d'), d.has('e')], [1, 1, 1, 8, false]);
  });
});

describe('size classes and reference groups', () => {
  it('uses the CBS size-class boundaries', () => {
    assert.deepEqual(
      [4_999, 5_000, 19_999, 20_000, 99_999, 249_999, 250_000].map((n) => sizeClass(n).code),
      [1, 2, 3, 4, 5, 7, 8],
    );
  });
  const all: Candidate[] = [
    { code: '0001', inhabitants: 30_000, sesDecile: 3, povertyDecile: 3, youthCareRegion: 'A' },
    { code: '0002', inhabitants: 32_000, sesDecile: 3, povertyDecile: 4, youthCareRegion: 'B' },
    { code: '0003', inhabitants: 31_000, sesDecile: 9, povertyDecile: 9, youthCareRegion: 'A' },
    { code: '0004', inhabitants: 300_000, sesDecile: 3, povertyDecile: 3, youthCareRegion: 'A' },
    { code: '0005', inhabitants: 45_000, sesDecile: 4, povertyDecile: 3, youthCareRegion: 'B' },
  ];
  it('vergelijkbaar: nearest on deciles and size, itself excluded', () => {
    assert.deepEqual(
      referenceGroup(parseReference('vergelijkbaar:2'), '0001', all).map((m) => m.code),
      ['0002', '0005'],
    );
  });
  it('regio, grootteklasse, lijst and nederland', () => {
    assert.deepEqual(
      referenceGroup(parseReference('regio'), '0001', all).map((m) => m.code),
      ['0003', '0004'],
    );
    assert.deepEqual(
      referenceGroup(parseReference('grootteklasse'), '0001', all).map((m) => m.code),
      ['0002', '0003', '0005'],
    );
    assert.deepEqual(
      referenceGroup(parseReference('lijst:0004,0001,0999'), '0001', all).map((m) => m.code),
      ['0004', '0999'],
    );
    assert.equal(referenceGroup(parseReference('nl'), '0001', all).length, 4);
  });
  it('refuses an unknown group, a bad k and codes that are not codes, saying what is allowed', () => {
    assert.throws(
      () => parseReference('buren'),
      (e: Error) => e instanceof ReferenceGroupError && /grootteklasse, regio, vergelijkbaar/.test(e.message),
    );
    assert.throws(() => parseReference('knn:0'), /1 tot 100/);
    assert.throws(() => parseReference('lijst:150'), /viercijferige/);
    assert.throws(() => referenceGroup(parseReference('nl'), '0999', all), /0999 staat niet/);
  });
});

describe('robust fit', () => {
  const rng = new Rng(11);
  const x = Array.from({ length: 300 }, () => [rng.uniform(1, 10), rng.uniform(1, 10)]);
  const clean = x.map(([a, b]) => 2 + 0.5 * a! - 0.3 * b! + rng.normal(0, 0.2));
  // 8% gross errors, all in one direction: the kind of thing that tilts least squares
  const y = clean.map((v, i) => (i % 12 === 0 ? v + 6 : v));
  it('recovers the line despite outliers, where least squares does not', () => {
    const robust = fitRobust(x, y);
    const ols = fitRobust(x, y, 0);
    assert.ok(
      Math.abs(robust.coefficients[0]! - 2) < 0.15 &&
        Math.abs(robust.coefficients[1]! - 0.5) < 0.02 &&
        Math.abs(robust.coefficients[2]! + 0.3) < 0.02,
      String(robust.coefficients),
    );
    assert.ok(
      Math.abs(ols.coefficients[0]! - 2) > 0.3,
      `least squares intercept ${ols.coefficients[0]} is pulled up by the outliers`,
    );
    assert.ok(robust.weights.filter((w, i) => i % 12 === 0 && w < 0.2).length >= 24, 'the outliers are down-weighted');
  });
  it('the 95% band holds about 95% of the clean points', () => {
    const fit = fitRobust(x, y);
    const inside = x.filter(
      (f, i) =>
        i % 12 !== 0 &&
        (() => {
          const p = predict(fit, f);
          return clean[i]! >= p.lower && clean[i]! <= p.upper;
        })(),
    ).length;
    const share = inside / x.filter((_, i) => i % 12 !== 0).length;
    assert.ok(share > 0.9 && share < 0.995, `share inside the band: ${share}`);
  });
  it('refuses to fit on too few points or features that do not vary', () => {
    assert.throws(() => fitRobust([[1], [2], [3]], [1, 2, 3]), /too few/);
    assert.throws(() => fitRobust([[1], [1], [1], [1], [1]], [1, 2, 3, 4, 5]), /do not vary/);
  });
});

/** A gemeente's figures as far as the model reads them (docs/indicators.md, expected versus actual). */
const figuresOf = (i: number, ses: number, poverty: number, inhabitants: number, pct: number): GemeenteFigures => ({
  // a demo code, no period and no year: a member of everything
  ...withoutFigures(String(9000 + i), `G${i}`, null, null),
  inhabitants,
  sesDecile: ses,
  povertyDecile: poverty,
  pct,
});

describe('robust fit: the written rules for degenerate inputs (docs/indicators.md, expected versus actual)', () => {
  const rng = new Rng(7);
  const base = Array.from({ length: 40 }, (_, i) => ({
    i,
    ses: 1 + (i % 10),
    poverty: 1 + ((i * 7) % 10),
    inhabitants: Math.round(rng.uniform(2_000, 200_000)),
  }));
  it('says whether it converged; a fit stopped by the iteration limit is not a model', () => {
    const x = base.map((b) => [b.ses, b.poverty, Math.log(b.inhabitants)]);
    const y = base.map((b, i) => 3 + 0.2 * b.ses - 0.1 * b.poverty + rng.normal(0, 0.5) + (i % 9 === 0 ? 4 : 0));
    assert.equal(fitRobust(x, y).converged, true);
    assert.equal(fitRobust(x, y, 1).converged, false);
  });
  it('a slowly converging fit (more than 100 reweightings) is still a model', () => {
    // found among 2,000 random populations: linear convergence, 3e-10 change per step at step 100
    let seed = 79859340;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const n = 20 + Math.floor(next() * 330);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const f = [1 + Math.floor(next() * 10), 1 + Math.floor(next() * 10), Math.log(900 + next() * 400_000)];
      x.push(f);
      const v = 3 + 0.2 * f[0]! - 0.3 * f[1]! + 0.4 * f[2]! + (next() - 0.5) * 3 + (next() < 0.08 ? 8 : 0);
      y.push(Math.round(v * 10) / 10);
    }
    const fit = fitRobust(x, y);
    assert.ok(fit.iterations > 100, `${fit.iterations} reweightings`);
    assert.equal(fit.converged, true);
  });
  it('a scale below 1e-9 (more than half on the plane) is 0: stop, a band of width 0', () => {
    // an exact line in floating point: OLS leaves residuals of ~1e-15, not 0
    const x = base.map((b) => [b.ses, b.poverty, Math.log(b.inhabitants)]);
    const y = x.map(([a, b, c]) => 0.1 + 0.7 * a! - 0.3 * b! + 0.45 * c!);
    const fit = fitRobust(x, y);
    assert.equal(fit.scale, 0);
    assert.equal(fit.converged, true);
    assert.ok(
      fit.weights.every((w) => w === 1),
      'stopped at the first iteration: the OLS weights',
    );
    const p = predict(fit, x[3]!);
    assert.equal(p.lower, p.expected);
    assert.equal(p.upper, p.expected);
  });
  it('collinear features give no model (null), not an exception', () => {
    const same = base.map((b) => figuresOf(b.i, 4, b.poverty, b.inhabitants, 5 + (b.i % 3)));
    assert.equal(
      fitModel('pct_without_residence', same, (g) => g.pct),
      null,
      'SES decile does not vary',
    );
    const affine = base.map((b) => figuresOf(b.i, b.ses, 11 - b.ses, b.inhabitants, 5 + (b.i % 3)));
    assert.equal(
      fitModel('pct_without_residence', affine, (g) => g.pct),
      null,
      'poverty = 11 − SES decile',
    );
    const sizes = base.map((b) => figuresOf(b.i, b.ses, b.poverty, 12_345, 5 + (b.i % 3)));
    assert.equal(
      fitModel('pct_without_residence', sizes, (g) => g.pct),
      null,
      'all the same size',
    );
    const fine = base.map((b) => figuresOf(b.i, b.ses, b.poverty, b.inhabitants, 5 + (b.i % 3)));
    assert.notEqual(
      fitModel('pct_without_residence', fine, (g) => g.pct),
      null,
    );
  });
});

describe('benchmark on the demo national comparison set', () => {
  let lens: Lens;
  let dir: string;
  let mirror: string;
  before(async () => {
    dir = tempDir('zicht-bench-');
    mirror = writeDemoCbsMirror(join(dir, 'cbs'), 2026, '2026-06-30').dir;
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    for (const t of findCbsTables([mirror])) {
      const r = await importCbsTable(store, dir, t);
      assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    }
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  it('computes SES and poverty deciles over all 342 gemeenten: the region gets the deciles its demo data was made with', async () => {
    const r = await benchmark(lens, { gemeente: '9001', reference: parseReference('regio'), mapping: DEFAULT_MAPPING });
    const got = r.rows.filter((x) => x.code !== null).map((x) => [x.code, x.sesDecile, x.povertyDecile]);
    assert.deepEqual(
      got,
      REGION_GEMEENTEN.map((g) => [g.code, g.sesDecile, g.povertyDecile]),
    );
    assert.equal(r.reference.members, 8, 'regio = the other eight gemeenten of Middenwaard');
    assert.deepEqual([r.period, r.basePeriod, r.year], ['2026H1', '2017H1', 2024]);
  });

  it('gives a Verwey-Jonker-style table: the gemeente, its group, the pooled group and all gemeenten', async () => {
    const r = await benchmark(lens, {
      gemeente: '9001',
      reference: parseReference('vergelijkbaar:5'),
      mapping: DEFAULT_MAPPING,
    });
    assert.deepEqual(
      r.rows.map((x) => x.kind),
      ['gemeente', 'referentie', 'referentie', 'referentie', 'referentie', 'referentie', 'groep', 'nederland'],
    );
    const [focus] = r.rows;
    assert.equal(focus!.index, Math.round((focus!.pct! / focus!.pctBase!) * 100));
    assert.ok(focus!.flags.includes('cbs_voorlopig'), 'the latest half-year is preliminary in the mirror');
    const members = r.rows.filter((x) => x.kind === 'referentie');
    assert.ok(
      members.every((m, i) => i === 0 || m.distance! >= members[i - 1]!.distance!),
      'nearest first',
    );
    // pooled %: weighted by youths 0–17, from the mirror's own population figures
    const kern = JSON.parse(readFileSync(join(mirror, DEMO_CBS_TABLES.kern, 'TypedDataSet.json'), 'utf8'))
      .value as Array<Record<string, unknown>>;
    const youth = (code: string) =>
      kern.find((k) => k.RegioS === `GM${code}  ` && k.Perioden === '2024JJ00')!.Jongeren0Tot18Jaar_2 as number;
    const pooled =
      members.reduce((s, m) => s + m.pct! * youth(m.code!), 0) / members.reduce((s, m) => s + youth(m.code!), 0);
    assert.equal(r.rows.at(-2)!.pct, Math.round(pooled * 10) / 10);
  });

  it('lasten per inwoner and per gebruiker equal a hand computation from the mirror files (2023 split folded)', async () => {
    const r = await benchmark(lens, { gemeente: '9004', reference: parseReference('regio'), mapping: DEFAULT_MAPPING });
    const read = (t: string) =>
      JSON.parse(readFileSync(join(mirror, t, 'TypedDataSet.json'), 'utf8')).value as Array<Record<string, unknown>>;
    const lasten = read(DEMO_CBS_TABLES.iv3)
      .filter((x) => x.Gemeenten === 'GM9004  ' && x.Verslagsoort === '2024X005')
      .reduce((s, x) => s + (x.Bedrag_1 as number) * 1000, 0);
    const inhabitants = read(DEMO_CBS_TABLES.kern).find((x) => x.RegioS === 'GM9004  ' && x.Perioden === '2024JJ00')!
      .Bevolking_1 as number;
    const users = read(DEMO_CBS_TABLES.jeugdhulp).find((x) => x.RegioS === 'GM9004  ' && x.Perioden === '2024JJ00')!
      .JongerenMetJeugdzorg_3 as number;
    const focus = r.rows[0]!;
    // euros per person to the cent (issue 14.7), recomputed here from the mirror files
    assert.equal(
      focus.burdenPerInhabitant,
      roundHalfUp(lasten / inhabitants, 2),
      `${focus.burdenPerInhabitant} vs ${lasten / inhabitants}`,
    );
    assert.equal(focus.burdenPerUser, roundHalfUp(lasten / users, 2));
    assert.ok(focus.burdenPerInhabitant! > 150 && focus.burdenPerInhabitant! < 600, 'in the range of calibration.md');
  });

  it('expected versus actual finds the relation with SES and poverty, and the demo region stories', async () => {
    const r = await benchmark(lens, { gemeente: '9002', reference: parseReference('nl'), mapping: DEFAULT_MAPPING });
    const pct = r.models.find((m) => m.outcome === 'pct_without_residence')!;
    assert.ok(
      pct.coefficients.ses_decile! < -0.15 && pct.coefficients.poverty_decile! < -0.08,
      JSON.stringify(pct.coefficients),
    );
    assert.ok(pct.r2 > 0.3 && pct.n === 342);
    assert.match(pct.methodNl, /Huber/);
    assert.equal(r.scatter.length, 342);
    const verdictOf = (code: string) => r.scatter.find((p) => p.code === code)!.verdict;
    assert.equal(
      verdictOf('9002'),
      'hoger_dan_verwacht',
      'Brakelhoven uses more youth care than its population predicts',
    );
    assert.equal(verdictOf('9003'), 'lager_dan_verwacht', 'Dommelveld uses less');
    assert.equal(r.rows[0]!.verdict, 'hoger_dan_verwacht');
  });

  it('says clearly when a gemeente is not in the CBS data or a mapping file is wrong', async () => {
    await assert.rejects(
      benchmark(lens, { gemeente: '0363', reference: parseReference('nl'), mapping: DEFAULT_MAPPING }),
      (e: Error) => e instanceof BenchmarkError && /0363 staat niet/.test(e.message),
    );
    const bad = join(dir, 'mapping.json');
    writeFileSync(bad, JSON.stringify({ figures: { inhabitants: [{ table: 'X' }] } }));
    assert.throws(
      () => readMapping(bad),
      (e: Error) =>
        e instanceof MappingError &&
        e.message.includes('mapping.json') &&
        e.message.includes('figures.inhabitants.0.topic'),
    );
    writeFileSync(bad, '{ not json');
    assert.throws(() => readMapping(bad), /geen leesbare JSON/);
  });

  it('the catalogue indicators give the same figures per gemeente, with flags where the period does not fit', async () => {
    const period = parsePeriod('2026H1');
    const table = await benchmark(lens, {
      gemeente: '9002',
      reference: parseReference('regio'),
      mapping: DEFAULT_MAPPING,
      period,
      year: 2026,
    });
    const rows = new Map<string, IndicatorRow>();
    for (const i of BENCHMARK_INDICATORS)
      for (const r of await i.compute(lens, { period, gemeenten: ['9002'] })) rows.set(r.indicator, r);
    const focus = table.rows[0]!;
    assert.equal(rows.get('ses_decile')!.value, 2);
    assert.equal(rows.get('poverty_decile')!.value, 3);
    assert.equal(rows.get('cbs_pct_without_residence')!.value, focus.pct);
    assert.deepEqual(rows.get('cbs_pct_without_residence')!.flags, ['cbs_voorlopig']);
    assert.deepEqual(
      [rows.get('index_pct')!.value, rows.get('index_pct')!.numerator, rows.get('index_pct')!.denominator],
      [focus.index, focus.pct, focus.pctBase],
    );
    assert.equal(
      rows.get('burden_per_inhabitant')!.value,
      roundHalfUp(focus.burdenPerInhabitant!, 2),
      'the indicator gives euros to the cent (issue 14.7)',
    );
    assert.ok(
      rows.get('burden_per_inhabitant')!.flags.includes('lasten_uit_begroting'),
      '2026 has a budget, no accounts yet',
    );
    assert.equal(rows.get('burden_per_user')!.value, null, 'CBS has no 2026 user count yet');
    assert.ok(rows.get('burden_per_user')!.flags.includes('geen_noemer'));
    // the difference is rounded once, from the unrounded figures; the table's verwacht is itself rounded
    assert.ok(Math.abs(rows.get('expected_vs_actual')!.value! - (focus.pct! - focus.expected!)) <= 0.005 + 1e-9);
    const measures = await BENCHMARK_INDICATORS.at(-1)!.compute(lens, { period, gemeenten: ['9002'], by: 'maat' });
    assert.deepEqual(
      measures.map((m) => m.key),
      ['feitelijk', 'verwacht', 'ondergrens', 'bovengrens'],
    );
    // F4: the table publishes the model figures as the indicator does, in hundredths (was 8.66467566748092)
    assert.deepEqual(
      measures.slice(1).map((m) => m.value),
      [focus.expected, focus.lower, focus.upper],
    );
    const near = await benchmark(lens, {
      gemeente: '9002',
      reference: parseReference('vergelijkbaar:10'),
      mapping: DEFAULT_MAPPING,
      period,
      year: 2026,
    });
    const unrounded: string[] = [];
    for (const r of [...table.rows, ...table.scatter, ...near.rows])
      for (const k of ['expected', 'lower', 'upper', 'distance'] as const) {
        const v = (r as unknown as Record<string, number | null | undefined>)[k];
        if (typeof v === 'number' && roundHalfUp(v, 2) !== v) unrounded.push(`${r.code} ${k} ${v}`);
      }
    assert.deepEqual(unrounded, []);
    assert.ok(
      near.rows.some((r) => r.distance !== null),
      'the check saw distances',
    );
    const yearly = await BENCHMARK_INDICATORS[2]!.compute(lens, { period: parsePeriod('2024'), gemeenten: ['9002'] });
    assert.deepEqual([yearly[0]!.value, yearly[0]!.flags], [null, ['alleen_per_halfjaar']]);
  });

  it('the year used is in the answer, flagged when it is not the half-year\u2019s year (F6b)', async () => {
    const base = { gemeente: '9002', reference: parseReference('regio'), mapping: DEFAULT_MAPPING };
    const period = parsePeriod('2026H1');
    // 2026 has population and begroting but no accounts or user counts yet: the latest year with both, named
    const byDefault = await benchmark(lens, { ...base, period });
    assert.equal(byDefault.year, 2024);
    assert.deepEqual(byDefault.flags, ['jaar_niet_van_periode']);
    const asked = await benchmark(lens, { ...base, period, year: 2026 });
    assert.equal(asked.year, 2026);
    assert.deepEqual(asked.flags, []);
  });

  it('a mapping to other tables changes the figures (the file is what decides)', async () => {
    const mapping = {
      ...DEFAULT_MAPPING,
      figures: {
        ...DEFAULT_MAPPING.figures,
        pct_without_residence: [
          { table: DEMO_CBS_TABLES.jeugdhulp, topic: 'JongerenMetJeugdhulpMetVerblijf_2', dims: '', factor: 1 },
        ],
      },
    };
    const r = await benchmark(lens, { gemeente: '9001', reference: parseReference('regio'), mapping });
    assert.ok(r.rows[0]!.pct! < 1.5, 'now the with-residence share, below 1.5%');
  });
});
