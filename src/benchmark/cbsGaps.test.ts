/**
 * issue 14 points 4 and 5: a CBS mirror with the holes real CBS data has, loaded through the real
 * importer on both truth stores. Yearly figures are not carried forward per gemeente: a ranking uses
 * one year for all (the requested year, or the latest published one, named in a flag); a gemeente that
 * did not exist in the year (0457 Weesp, merged into Amsterdam in 2022) is not ranked; a missing value
 * stays unknown. Pooled rows pool over the known members and say over how many; Nederland is CBS's
 * own national figure (NL01) where the table has one.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachBackend, freshStore } from '../testing/backends.js';
import { tempDir } from '../testing/fixtures.js';
import { DEMO_CBS_TABLES, writeDemoCbsMirror } from '../demo/cbsMirror.js';
import { findCbsTables, importCbsTable } from '../ingest/cbs/mirror.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { DEFAULT_MAPPING } from './mapping.js';
import { loadBenchmarkData } from './figures.js';
import { benchmark } from './benchmark.js';
import { parseReference } from './groups.js';
import { findIndicator } from '../indicators/catalogue.js';

type Row = Record<string, unknown>;
const NL_PCT = 9.87;
const NL_PCT_BASE = 8.76;

/** Edits one file of a mirror table ({ value: [...] }) in place. */
function edit(dir: string, table: string, file: string, f: (rows: Row[]) => Row[]): void {
  const path = join(dir, table, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { value: Row[] };
  writeFileSync(path, JSON.stringify({ ...json, value: f(json.value) }));
}

forEachBackend('CBS figures with real-world holes', (kind) => {
  let lens: Lens;
  let kern: Row[];
  let jh: Row[];
  before(async () => {
    const dir = tempDir('zicht-cbs-gaps-');
    const mirror = writeDemoCbsMirror(join(dir, 'cbs'), 2026, '2026-06-30', 40).dir;
    const { kern: K, jeugdhulp: J } = DEMO_CBS_TABLES;
    // 2026 key figures are not published yet; 9004 has no population count for 2024
    edit(mirror, K, 'TypedDataSet.json', (rows) => {
      const kept = rows
        .filter((r) => r.Perioden !== '2026JJ00')
        .map((r) => (r.RegioS === 'GM9004  ' && r.Perioden === '2024JJ00' ? { ...r, Bevolking_1: null } : r));
      // Weesp existed until March 2022: figures up to 2021, none after
      const weesp = kept
        .filter((r) => r.RegioS === 'GM9005  ' && Number(String(r.Perioden).slice(0, 4)) <= 2021)
        .map((r) => ({ ...r, RegioS: 'GM0457  ' }));
      return [...kept, ...weesp];
    });
    edit(mirror, K, 'RegioS.json', (rows) => [...rows, { Key: 'GM0457  ', Title: 'Weesp' }]);
    // 9003 has no % for 2026 H1; CBS's own national figure for the two half-years
    edit(mirror, J, 'TypedDataSet.json', (rows) => [
      // a mirror that still has a half-year row for Weesp after its merger (red team 17)
      ...rows
        .filter(
          (r) =>
            r.RegioS === 'GM9005  ' &&
            (r.Perioden === '2023HJ01' || r.Perioden === '2022HJ02' || r.Perioden === '2021HJ02'),
        )
        .map((r) => ({ ...r, RegioS: 'GM0457  ' })),
      ...rows.map((r) =>
        r.RegioS === 'GM9003  ' && r.Perioden === '2026HJ01' ? { ...r, JongerenMetJeugdhulpZonderVerblijf_1: null } : r,
      ),
      {
        RegioS: 'NL01  ',
        Perioden: '2026HJ01',
        JongerenMetJeugdhulpZonderVerblijf_1: NL_PCT,
        JongerenMetJeugdhulpMetVerblijf_2: 1.1,
        JongerenMetJeugdzorg_3: null,
      },
      {
        RegioS: 'NL01  ',
        Perioden: '2017HJ01',
        JongerenMetJeugdhulpZonderVerblijf_1: NL_PCT_BASE,
        JongerenMetJeugdhulpMetVerblijf_2: 1.2,
        JongerenMetJeugdzorg_3: null,
      },
    ]);
    edit(mirror, J, 'RegioS.json', (rows) => [
      ...rows,
      { Key: 'NL01  ', Title: 'Nederland' },
      { Key: 'GM0457  ', Title: 'Weesp' },
    ]);
    kern = (JSON.parse(readFileSync(join(mirror, K, 'TypedDataSet.json'), 'utf8')) as { value: Row[] }).value;
    jh = (JSON.parse(readFileSync(join(mirror, J, 'TypedDataSet.json'), 'utf8')) as { value: Row[] }).value;
    const db = await freshStore(kind);
    try {
      for (const t of findCbsTables([mirror])) {
        const r = await importCbsTable(db.store, dir, t);
        assert.equal(r.status, 'committed', JSON.stringify(r.problems));
      }
      await rebuildLens(db.store, dir);
    } finally {
      await db.drop();
    }
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());
  /** The benchmark of 9001 against a reference group, for a half-year and a year. */
  const bench = (reference: string, period: string, year: number) =>
    benchmark(lens, {
      gemeente: '9001',
      reference: parseReference(reference),
      mapping: DEFAULT_MAPPING,
      period: parsePeriod(period),
      year,
    });

  it('a gemeente that did not exist in the year is not ranked; it is in the years it existed', async () => {
    const y2024 = await loadBenchmarkData(lens, DEFAULT_MAPPING, { year: 2024 });
    assert.equal(
      y2024.gemeenten.find((g) => g.code === '0457'),
      undefined,
      'Weesp is not ranked in 2024',
    );
    assert.equal(y2024.gemeenten.length, 40);
    const y2021 = await loadBenchmarkData(lens, DEFAULT_MAPPING, { year: 2021 });
    const weesp = y2021.gemeenten.find((g) => g.code === '0457');
    assert.ok(weesp && weesp.sesDecile !== null && weesp.povertyDecile !== null, 'Weesp is ranked in 2021');
  });

  it('a half-year figure counts only for a gemeente that existed then, whatever the benchmark year (red team 17)', async () => {
    assert.ok(
      jh.some((r) => r.RegioS === 'GM0457  ' && r.Perioden === '2023HJ01'),
      'the mirror has a 2023 half-year row for Weesp',
    );
    // benchmark year 2021 (Weesp existed), half-year 2023H1 (it did not)
    const d = await loadBenchmarkData(lens, DEFAULT_MAPPING, { year: 2021, period: parsePeriod('2023H1') });
    const weesp = d.gemeenten.find((g) => g.code === '0457')!;
    assert.ok(weesp, 'Weesp is in the 2021 ranking');
    assert.deepEqual([weesp.pct, weesp.pctWithResidence, weesp.inPeriod], [null, null, false]);
    const r = await bench('lijst:0457,9002', '2023H1', 2021);
    const group = r.rows.find((x) => x.kind === 'groep')!;
    assert.deepEqual([group.coverage?.pct?.n, group.coverage?.pct?.of], [1, 1], 'Weesp is no member of 2023H1');
    const nl = r.rows.find((x) => x.kind === 'nederland')!;
    assert.equal(nl.coverage?.pct?.of, d.gemeenten.filter((g) => g.inPeriod).length);
    // red team 18: the half-year after its end in the year of its end (Weesp ended 23 March 2022)
    const h2 = await loadBenchmarkData(lens, DEFAULT_MAPPING, { year: 2022, period: parsePeriod('2022H2') });
    const w2 = h2.gemeenten.find((g) => g.code === '0457')!;
    assert.deepEqual([w2.pct, w2.inPeriod], [null, false]);
    const [ind] = await findIndicator('cbs_pct_without_residence')!.compute(lens, {
      period: parsePeriod('2022H2'),
      gemeenten: ['0457'],
    });
    assert.equal(ind?.value ?? null, null, 'the catalogue figure is empty too');
  });

  it('a bad year beside a historic gemeente is said as a bad year, not as the gemeente not existing then', async () => {
    for (const [gemeente, year] of [
      ['0457', 9999],
      ['1992', 0],
      ['0788', 1899],
    ] as const)
      await assert.rejects(
        benchmark(lens, { gemeente, reference: parseReference('regio'), mapping: DEFAULT_MAPPING, year }),
        (e: Error & { code?: string; nl?: string }) => {
          assert.equal(e.code, 'ongeldige_periode', `${gemeente} ${year}: ${e.message}`);
          assert.match(e.nl ?? '', new RegExp(`^year '${year}': geef een jaartal van 2000 tot en met 2100`));
          assert.doesNotMatch(e.nl ?? '', /gemeente|bestond/);
          return true;
        },
      );
  });

  it("a listed member without CBS data is in the pool's N, not in its n; a code twice is one member (red team 18)", async () => {
    const r = await bench('lijst:0363,9002,9002', '2025H1', 2024);
    assert.deepEqual(
      r.rows.filter((x) => x.kind === 'referentie').map((x) => [x.code, x.flags]),
      [
        ['0363', ['geen_cbs_gegevens']],
        ['9002', []],
      ],
    );
    const group = r.rows.find((x) => x.kind === 'groep')!;
    assert.equal(group.name, 'Referentiegroep (2 gekozen)');
    for (const key of ['pct', 'pctBase', 'index', 'burdenPerInhabitant', 'burdenPerUser', 'inhabitants'])
      assert.deepEqual([key, group.coverage?.[key]?.n, group.coverage?.[key]?.of], [key, 1, 2]);
    assert.equal(group.coverage?.pct?.populationShare, null, "Amsterdam's youths are unknown, so is the share");
    assert.ok(group.flags.includes('niet_alle_gemeenten'));
    const pct9002 = jh.find((k) => k.RegioS === 'GM9002  ' && k.Perioden === '2025HJ01')!
      .JongerenMetJeugdhulpZonderVerblijf_1 as number;
    assert.equal(group.pct, Math.round(pct9002 * 10) / 10, 'pooled over the one known member');
    await assert.rejects(
      benchmark(lens, {
        gemeente: '9001',
        reference: parseReference('lijst:9002,0999'),
        mapping: DEFAULT_MAPPING,
      }),
      /'0999' is geen gemeentecode/,
    );
    // a list of only the gemeente itself (twice, even) is said, not answered without a group row (red team 21)
    await assert.rejects(
      benchmark(lens, { gemeente: '9001', reference: parseReference('lijst:9001,9001'), mapping: DEFAULT_MAPPING }),
      /de lijst noemt alleen gemeente 9001 zelf/,
    );
  });

  it('Nederland counts a gemeente of the half-year that ended before the benchmark year in N (red team 18)', async () => {
    // Weesp existed on 1 July 2021, not in 2023: a member of 2021H2's pool, not of 2023's lasten
    const r = await bench('regio', '2021H2', 2023);
    const nl = r.rows.find((x) => x.kind === 'nederland')!;
    const withHalf = new Set(
      jh.filter((k) => k.Perioden === '2021HJ02' && String(k.RegioS).startsWith('GM')).map((k) => k.RegioS),
    );
    assert.ok(withHalf.has('GM0457  ') && withHalf.size === 41, 'the mirror has 40 gemeenten and Weesp for 2021H2');
    assert.equal(nl.coverage?.pct?.of, 41, 'Weesp is a member of 2021H2');
    // its pct is known, its 2023 youth count (the weight) is not: unknown in the pool, so n is 40
    assert.equal(nl.coverage?.pct?.n, 40);
    assert.equal(nl.coverage?.burdenPerInhabitant?.of, 40, 'Weesp is no member of 2023');
    assert.equal(nl.coverage?.inhabitants?.of, 40);
    assert.ok(!r.rows.some((x) => x.code === '0457'), 'Weesp is not ranked in 2023');
    // listed, Weesp shows its 2021H2 figure with its name (red team 19 F6), not "geen CBS-gegevens"
    const listed = await bench('lijst:0457,9002', '2021H2', 2023);
    const weesp = listed.rows.find((x) => x.code === '0457')!;
    const own = jh.find((k) => k.RegioS === 'GM0457  ' && k.Perioden === '2021HJ02')!
      .JongerenMetJeugdhulpZonderVerblijf_1 as number;
    assert.deepEqual([weesp.name, weesp.pct, weesp.flags.includes('geen_cbs_gegevens')], ['Weesp', own, false]);
    // asked about itself for a year after its end: said in words
    await assert.rejects(
      benchmark(lens, { gemeente: '0457', reference: parseReference('regio'), mapping: DEFAULT_MAPPING, year: 2023 }),
      /0457 \(Weesp\) bestond op 01-01-2023 niet meer: opgeheven na 23-03-2022.*kies een jaar waarin zij bestond/,
    );
  });

  it('a pooled percentage exactly on a half rounds up; a base after the period is refused (red team 21)', async () => {
    const r = await bench('lijst:9002,9003', '2024H1', 2024);
    const group = r.rows.find((x) => x.kind === 'groep')!;
    // by hand in exact integers: Σ pct (in thousandths) × youths ÷ Σ youths, to one decimal, half up
    const youth = (code: string) =>
      kern.find((k) => k.RegioS === `GM${code}  ` && k.Perioden === '2024JJ00')!.Jongeren0Tot18Jaar_2 as number;
    const pct = (code: string) =>
      Math.round(
        (jh.find((k) => k.RegioS === `GM${code}  ` && k.Perioden === '2024HJ01')!
          .JongerenMetJeugdhulpZonderVerblijf_1 as number) * 1000,
      );
    const num = BigInt(pct('9002') * youth('9002') + pct('9003') * youth('9003'));
    const den = BigInt(youth('9002') + youth('9003'));
    // tenths of a percentage point, half up: (num × 10 ÷ 1000 + ½) rounded down, over den
    const tenths = (num * 10n * 2n + den * 1000n) / (den * 1000n * 2n);
    assert.equal(group.pct, Number(tenths) / 10);
    await assert.rejects(
      benchmark(lens, {
        gemeente: '9001',
        reference: parseReference('regio'),
        mapping: DEFAULT_MAPPING,
        period: parsePeriod('2022H2'),
        basePeriod: parsePeriod('2023H1'),
        year: 2022,
      }),
      (e: { nl?: string }) => /basisperiode van de index \(2023H1\) ligt na de periode \(2022H2\)/.test(e.nl ?? ''),
    );
  });

  it("Nederland takes CBS's national % and its base only as a pair (red team 19 F9)", async () => {
    // NL01 has 2017H1 and 2026H1 only: for 2025H1 both columns are pooled, so the index follows from them
    const r = await bench('regio', '2025H1', 2024);
    const nl = r.rows.find((x) => x.kind === 'nederland')!;
    assert.deepEqual([nl.coverage?.pct?.source, nl.coverage?.pctBase?.source], ['gepoold', 'gepoold']);
    assert.notEqual(nl.pctBase, NL_PCT_BASE);
  });

  it('a missing population count stays unknown: no lasten per inwoner from an older count', async () => {
    const [row] = await findIndicator('burden_per_inhabitant')!.compute(lens, {
      period: parsePeriod('2024'),
      gemeenten: ['9004'],
    });
    assert.equal(row!.value, null);
    assert.equal(row!.denominator, null);
    assert.ok(row!.flags.includes('geen_noemer'), row!.flags.join(','));
  });

  it('when the year is not published yet, the latest published year is used for all gemeenten, named in a flag', async () => {
    const y2026 = await loadBenchmarkData(lens, DEFAULT_MAPPING, { year: 2026 });
    const y2025 = await loadBenchmarkData(lens, DEFAULT_MAPPING, { year: 2025 });
    assert.equal(y2026.figureYears.median_income, 2025);
    const deciles = (d: typeof y2025) => d.gemeenten.map((g) => [g.code, g.sesDecile, g.povertyDecile, g.inhabitants]);
    assert.deepEqual(deciles(y2026), deciles(y2025), 'the 2026 ranking is the 2025 ranking, for every gemeente');
    const [ses] = await findIndicator('ses_decile')!.compute(lens, {
      period: parsePeriod('2026'),
      gemeenten: ['9002'],
    });
    assert.ok(ses!.flags.includes('cbs_jaar_2025'), ses!.flags.join(','));
    const [now] = await findIndicator('ses_decile')!.compute(lens, {
      period: parsePeriod('2025'),
      gemeenten: ['9002'],
    });
    assert.ok(!now!.flags.some((f) => f.startsWith('cbs_jaar_')), 'the year asked for is published: no flag');
  });

  it('a pooled group row pools over its known members and shows the coverage', async () => {
    const r = await bench('regio', '2026H1', 2024);
    const group = r.rows.find((x) => x.kind === 'groep')!;
    const members = r.rows.filter((x) => x.kind === 'referentie').map((x) => x.code!);
    assert.ok(members.includes('9003'));
    const youth = (code: string) =>
      kern.find((k) => k.RegioS === `GM${code}  ` && k.Perioden === '2024JJ00')!.Jongeren0Tot18Jaar_2 as number;
    const pct = (code: string) =>
      jh.find((k) => k.RegioS === `GM${code}  ` && k.Perioden === '2026HJ01')!.JongerenMetJeugdhulpZonderVerblijf_1 as
        number | null;
    const known = members.filter((m) => pct(m) !== null);
    assert.equal(known.length, members.length - 1);
    const byHand = known.reduce((s, m) => s + pct(m)! * youth(m), 0) / known.reduce((s, m) => s + youth(m), 0);
    assert.equal(group.pct, Math.round(byHand * 10) / 10);
    const share = known.reduce((s, m) => s + youth(m), 0) / members.reduce((s, m) => s + youth(m), 0);
    assert.deepEqual(group.coverage!.pct, {
      n: members.length - 1,
      of: members.length,
      populationShare: Math.round(share * 1000) / 1000,
      source: 'gepoold',
    });
    assert.ok(group.flags.includes('niet_alle_gemeenten'));
    // the index on the unrounded pooled percentages of the members known in both (red team 19 F4)
    const base = (code: string) =>
      jh.find((k) => k.RegioS === `GM${code}  ` && k.Perioden === '2017HJ01')!
        .JongerenMetJeugdhulpZonderVerblijf_1 as number;
    const now = known.reduce((s, m) => s + pct(m)! * youth(m), 0);
    const then = known.reduce((s, m) => s + base(m) * youth(m), 0);
    assert.equal(group.index, Math.round((now / then) * 100), `index ${now / then}`);
    assert.equal(group.coverage!.index!.n, members.length - 1);
  });

  it("Nederland is CBS's own national figure where the table has one; lasten pooled over the known gemeenten", async () => {
    const r = await bench('regio', '2026H1', 2024);
    const nl = r.rows.find((x) => x.kind === 'nederland')!;
    assert.deepEqual([nl.pct, nl.pctBase, nl.index], [NL_PCT, NL_PCT_BASE, Math.round((NL_PCT / NL_PCT_BASE) * 100)]);
    assert.equal(nl.coverage!.pct!.source, 'NL01');
    assert.ok(nl.flags.includes('cbs_landelijk_cijfer'));
    assert.notEqual(nl.burdenPerInhabitant, null, 'one gemeente without a population count does not empty the row');
    assert.deepEqual([nl.coverage!.burdenPerInhabitant!.n, nl.coverage!.burdenPerInhabitant!.of], [39, 40]);
  });
});
