/**
 * Calibration: the demo region must look like a real region to the people who use it. Each test
 * checks a published figure of docs/domain/calibration.md within a stated tolerance, computed with
 * the product's own indicators on the lens, after the demo went through the real importers.
 * The same generated files loaded into PostgreSQL give the same figures as on PGlite (one schema, one set of
 * migrations, one importer, one lens): checked here on this demo instead of generating and loading a second one.
 * Over 400 lines: every check that needs the loaded demo lives here, so the suite generates and loads it once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, type DemoManifest } from './generate.js';
import { DEMO_IMPORT_ORDER, loadDemo } from './load.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { TEST_KEY, tempDir } from '../testing/fixtures.js';
import { ADMIN_URL, freshStore, postgresAvailable } from '../testing/backends.js';
import { summarise } from './summary.js';
import { parsePeriod, periodEnd } from '../domain/periods.js';
import { findMunicipality } from '../domain/municipalities.js';
import { pctYouthInCare, stacking } from '../indicators/use.js';
import { referrerMix } from '../indicators/referrers.js';
import { youth1822InCare } from '../indicators/adulthood.js';
import { dropout, satisfaction } from '../indicators/outcomes.js';
import { costAllForms, costPerClient } from '../indicators/money.js';
import { forecastYearEnd, type ForecastRow } from '../indicators/forecast.js';
import { waitAllocationToStart, waitRequestToAllocation } from '../indicators/waiting.js';
import type { IndicatorRow } from '../indicators/types.js';
import { findIndicator } from '../indicators/catalogue.js';
import { headlineByHand } from '../indicators/independent.js';
import { contractRegister } from '../app/contractRegister.js';
import { lumpsumVolume, trancheLedgerIndicator } from '../indicators/contractMoney.js';

const UNTIL = '2026-06-30';
const SEED = 2026;
/** What calibration computes is read, never published (indicators/amountCells.ts decides that for a published one). */
const NOT_PUBLISHED = { hiddenAmounts: false } as const;
const all = (period: string) => ({ period: parsePeriod(period), gemeenten: [] as string[] });

/** Region-wide share from per-gemeente rows: sum of numerators ÷ sum of denominators. */
function regionShare(rows: IndicatorRow[], key: string | null = null): number {
  const sel = rows.filter((r) => r.key === key);
  const num = sel.reduce((s, r) => s + (r.numerator ?? 0), 0);
  const den = sel.reduce((s, r) => s + (r.denominator ?? 0), 0);
  return (num / den) * 100;
}

function spearman(xs: number[], ys: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(rx);
  const my = mean(ry);
  let num = 0,
    dx = 0,
    dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i]! - mx) * (ry[i]! - my);
    dx += (rx[i]! - mx) ** 2;
    dy += (ry[i]! - my) ** 2;
  }
  return num / Math.sqrt(dx * dy);
}

const pgSkip = (await postgresAvailable()) ? false : `PostgreSQL not reachable at ${ADMIN_URL}`;

describe('demo region calibration (calibration.md)', { timeout: 900_000 }, () => {
  let lens: Lens;
  let manifest: DemoManifest;
  let dir: string;

  before(async () => {
    dir = tempDir('zicht-calib-');
    manifest = await generateDemo({ seed: SEED, size: 'region', until: UNTIL, outDir: join(dir, 'files') });
    const store = await PgliteStore.open(join(dir, 'pgdata'));
    await migrate(store);
    await loadDemo(store, dir, TEST_KEY, manifest);
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  it('is labelled demo: fictional names and codes outside the CBS list', async () => {
    assert.equal(manifest.gemeenten.length, 9);
    for (const g of manifest.gemeenten) {
      assert.ok(Number(g.code) >= 9001 && Number(g.code) <= 9009);
      assert.equal(findMunicipality(g.code), undefined);
      assert.ok(g.inhabitants >= 15_000 && g.inhabitants <= 220_000);
    }
    const rows = await lens.query<{ name: string; demo: boolean }>('SELECT name, demo FROM gemeente');
    assert.ok(rows.every((r) => r.demo && r.name.endsWith('(demo)')));
  });

  it('covers six years up to the last complete half-year', () => {
    assert.equal(manifest.windowStart, '2020-07-01');
    assert.equal(manifest.windowEnd, UNTIL);
  });

  it('% youths with any jeugdhulp per gemeente per year lies in 7.6%–13.6% (tolerance ±0.4)', async () => {
    const rows = await pctYouthInCare.compute(lens, all('2025'));
    assert.equal(rows.length, 9);
    for (const r of rows) assert.ok(r.value! >= 7.2 && r.value! <= 14.0, `${r.gemeente}: ${r.value}%`);
  });

  it('% youths with jeugdhulp zonder verblijf per half-year lies in 5.0%–10.6%', async () => {
    for (const p of ['2024H2', '2025H1', '2025H2']) {
      const rows = await pctYouthInCare.compute(lens, { ...all(p), by: 'zorgvorm' });
      for (const r of rows.filter((x) => x.key === 'zonder_verblijf'))
        assert.ok(r.value! >= 5.0 && r.value! <= 10.6, `${r.gemeente} ${p}: ${r.value}%`);
    }
  });

  it('jeugdhulp met verblijf is about 0.4%–1% of youths (tolerance 0.3%–1.2%), JB about 1% (0.5%–1.6%)', async () => {
    const rows = await pctYouthInCare.compute(lens, { ...all('2025H1'), by: 'zorgvorm' });
    for (const r of rows.filter((x) => x.key === 'met_verblijf'))
      assert.ok(r.value! >= 0.3 && r.value! <= 1.2, `verblijf ${r.gemeente}: ${r.value}%`);
    const jb = regionShare(rows, 'jeugdbescherming');
    assert.ok(jb >= 0.5 && jb <= 1.6, `JB region ${jb}%`);
  });

  it('verlengde jeugdhulp: youths 18–22 in care are 1%–2% of that age group region-wide (0.5%–3% per gemeente)', async () => {
    for (const p of ['2024', '2025']) {
      const rows = await pctYouthInCare.compute(lens, { ...all(p), by: 'leeftijd' });
      const share = regionShare(rows, '18–22');
      assert.ok(share >= 1.0 && share <= 2.0, `18–22 region ${p}: ${share}%`);
      for (const r of rows.filter((x) => x.key === '18–22'))
        assert.ok(r.value! >= 0.5 && r.value! <= 3.0, `18–22 ${r.gemeente} ${p}: ${r.value}%`);
      // the indicator of its own counts the same youths as the age split
      const own = await youth1822InCare.compute(lens, all(p));
      assert.deepEqual(
        own.map((r) => [r.gemeente, r.value]),
        rows.filter((x) => x.key === '18–22').map((r) => [r.gemeente, r.numerator]),
      );
    }
  });

  it('referrer mix: gemeente 30%–65%, huisarts 15%–50%, GI below 10%, every COD327 type present', async () => {
    const rows = await referrerMix.compute(lens, all('2025'));
    for (const g of manifest.gemeenten) {
      const share = (k: string) => rows.find((r) => r.gemeente === g.code && r.key === k)?.value ?? 0;
      assert.ok(share('01') >= 30 && share('01') <= 65, `${g.code} gemeente ${share('01')}`);
      assert.ok(share('02') >= 15 && share('02') <= 50, `${g.code} huisarts ${share('02')}`);
      assert.ok(share('04') < 10, `${g.code} GI ${share('04')}`);
    }
    assert.deepEqual([...new Set(rows.map((r) => r.key))].sort(), ['01', '02', '03', '04', '05', '06', '08']);
  });

  it('stacking matches Peel en Maas 2019: 71.6 / 14.1 / 8.2 / 4.8 / 1.3% (tolerance ±6 / ±4 / ±3 / ±2.5 / ±1.2)', async () => {
    const rows = await stacking.compute(lens, all('2025'));
    const want: Array<[string, number, number]> = [
      ['1', 71.6, 6],
      ['2', 14.1, 4],
      ['3', 8.2, 3],
      ['4', 4.8, 2.5],
      ['5+', 1.3, 1.2],
    ];
    for (const [k, target, tol] of want) {
      const v = regionShare(rows, k);
      assert.ok(Math.abs(v - target) <= tol, `${k}: ${v.toFixed(1)}% vs ${target}%`);
    }
  });

  it('cost per client per year lies in the published lasten-per-gebruiker range €6,336–€19,105', async () => {
    // calibration reads values and never publishes: without deciding which amounts a published version hides
    for (const r of await costPerClient.compute(lens, all('2025'), NOT_PUBLISHED))
      assert.ok(r.value! >= 6_336 && r.value! <= 19_105, `${r.gemeente}: €${r.value}`);
  });

  it('uitval is 10%–15% of ended trajectories region-wide (tolerance 9%–16%) and differs between providers', async () => {
    const rows = await dropout.compute(lens, all('2025'));
    const v = regionShare(rows);
    assert.ok(v >= 9 && v <= 16, `uitval ${v}%`);
    const byProvider = (await dropout.compute(lens, { ...all('2025'), by: 'aanbieder' })).filter(
      (r) => (r.denominator ?? 0) >= 50,
    );
    const values = byProvider.map((r) => r.value!);
    assert.ok(Math.max(...values) - Math.min(...values) >= 5, 'providers differ');
  });

  it('waiting: most allocations within 5 working days (OP274); start of care about two weeks after allocation', async () => {
    const req = await waitRequestToAllocation.compute(lens, all('2025'));
    for (const r of req.filter((x) => x.key === 'binnen_norm'))
      assert.ok(r.value! >= 75, `${r.gemeente} within norm ${r.value}%`);
    const start = await waitAllocationToStart.compute(lens, all('2025'));
    for (const r of start.filter((x) => x.key === 'mediaan'))
      assert.ok(r.value! >= 7 && r.value! <= 21, `${r.gemeente} median ${r.value}`);
  });

  it('satisfaction: region mean between 7.3 and 8.4 (Utrecht 8.2, Heusden target 8)', async () => {
    const rows = await satisfaction.compute(lens, all('2025'));
    const n = rows.reduce((s, r) => s + r.denominator!, 0);
    const mean = rows.reduce((s, r) => s + (r.value ?? 0) * r.denominator!, 0) / n;
    assert.ok(mean >= 7.3 && mean <= 8.4, `mean ${mean}`);
  });

  it('lower SES goes with more youth care (Spearman ρ ≤ −0.6 over the nine gemeenten)', async () => {
    const rows = await pctYouthInCare.compute(lens, all('2025'));
    const ses = manifest.gemeenten.map((g) => g.sesDecile);
    const use = manifest.gemeenten.map((g) => rows.find((r) => r.gemeente === g.code)!.value!);
    const rho = spearman(ses, use);
    assert.ok(rho <= -0.6, `rho ${rho}`);
  });

  it('the headline figure agrees with an independent hand-written query', async () => {
    for (const period of ['2025', '2025H1', '2024Q3', '2023-05']) {
      const viaZicht = await pctYouthInCare.compute(lens, all(period));
      const byHand = await headlineByHand(lens, parsePeriod(period));
      assert.deepEqual(
        viaZicht.map((r) => [r.gemeente, r.value]),
        byHand.map((r) => [r.gemeente, r.pct]),
        period,
      );
    }
  });

  it('backtest: the year-end forecast made at the end of June is within 10% of the actual year', async () => {
    const forecast = (await forecastYearEnd.compute(lens, all('2025-06'), NOT_PUBLISHED)) as ForecastRow[];
    // the forecast counts claims and payments outside iJw (the demo's lump sums, tranches, pgb and subsidy), so the
    // actual year is every form's cost
    const actual = new Map(
      (await costAllForms.compute(lens, all('2025'), NOT_PUBLISHED))
        .filter((r) => r.key === null)
        .map((r) => [r.gemeente, r.value!]),
    );
    let inRange = 0;
    for (const f of forecast) {
      const a = actual.get(f.gemeente)!;
      assert.ok(Math.abs(f.value! - a) / a <= 0.1, `${f.gemeente}: forecast ${f.value} vs actual ${a}`);
      if (a >= f.low && a <= f.high) inRange++;
      assert.ok(f.low <= f.value! && f.value! <= f.high);
    }
    assert.ok(inRange >= 7, `actual inside the range for ${inRange} of 9`);
  });

  it('backtest in a report: the forecast as of the end of April, June and September is within 10% of the actual year', async () => {
    // a report is made as of its month's end, when that month's claims are not in yet (domain/claimLag.ts); the
    // former inflow term (first three months × M ÷ 2) left the forecast of the demo as iJw about 11% low from February
    // to June (red team 7 F4); on this CSV-only demo it was hidden by open-ended care taken on to December
    // (docs/indicators.md, forecast_year_end)
    const actual = new Map(
      (await costAllForms.compute(lens, all('2025'), NOT_PUBLISHED))
        .filter((r) => r.key === null)
        .map((r) => [r.gemeente, r.value!]),
    );
    const off: string[] = [];
    for (const month of ['2025-04', '2025-06', '2025-09']) {
      const end = periodEnd(parsePeriod(month));
      const asOf = await Lens.open(dir, undefined, end);
      try {
        for (const f of (await forecastYearEnd.compute(asOf, all(month), NOT_PUBLISHED)) as ForecastRow[]) {
          const a = actual.get(f.gemeente)!;
          const gap = (f.value! - a) / a;
          if (Math.abs(gap) > 0.1) off.push(`${month} ${f.gemeente}: ${f.value} vs ${a} (${(gap * 100).toFixed(1)}%)`);
        }
      } finally {
        asOf.close();
      }
    }
    assert.deepEqual(off, []);
  });

  it('has its contracts: three percelen with their providers, tariffs, ceiling and use; the ambulant one warns in the half-year after the data', async () => {
    // a day in the half-year in which the demo is looked at (its data reach the last complete one)
    const r = await contractRegister(lens, { gemeenten: manifest.gemeenten.map((g) => g.code), day: '2026-07-31' });
    assert.deepEqual(r.contracts.map((c) => c.id).sort(), [
      'MW-AMB',
      'MW-GI-SUB',
      'MW-JBJR',
      'MW-PGB',
      'MW-RES',
      'MW-TAAK-1',
      'MW-TAAK-2',
      'MW-VBL',
      'MW-WIJK',
    ]);
    // paid outside iJw to a consortium: no claims, only payments; the lump sum's ceiling is its year, half of it used
    const outside = r.contracts.filter((c) => ['MW-WIJK', 'MW-PGB', 'MW-GI-SUB'].includes(c.id));
    for (const c of outside) {
      assert.ok(c.consortium && c.providers.length === 0, c.id);
      assert.ok(c.use.claimsCents === 0 && c.use.paymentsCents > 0, `${c.id}: ${JSON.stringify(c.use)}`);
    }
    assert.deepEqual(Object.fromEntries(outside.map((c) => [c.id, c.financingForm])), {
      'MW-GI-SUB': 'subsidie',
      'MW-PGB': 'pgb',
      'MW-WIJK': 'taakgericht',
    });
    assert.equal(outside.find((c) => c.id === 'MW-WIJK')!.use.pct, 50, 'six of twelve monthly instalments');
    // two providers on a lump sum and one paid in tranches (issue 19): named by AGB, paid, and sending no claims
    const byProvider = r.contracts.filter((c) => ['MW-TAAK-1', 'MW-TAAK-2', 'MW-RES'].includes(c.id));
    const outsideAgbs = new Set(byProvider.flatMap((c) => c.providers.map((p) => p.agb)));
    assert.equal(outsideAgbs.size, 3, JSON.stringify(byProvider.map((c) => c.providers)));
    for (const c of byProvider) {
      assert.ok(c.use.claimsCents === 0 && c.use.paymentsCents > 0, `${c.id}: ${JSON.stringify(c.use)}`);
      assert.ok(
        c.ceilingCents !== null && c.use.pct !== null && c.use.pct > 25 && c.use.pct < 75,
        `${c.id}: ${c.use.pct}%`,
      );
    }
    assert.deepEqual(byProvider.map((c) => c.financingForm).sort(), ['resultaat', 'taakgericht', 'taakgericht']);
    const claimsOf = await lens.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM claim_line WHERE provider_agb IN (${[...outsideAgbs].map((a) => `'${a}'`).join(',')})`,
    );
    assert.equal(claimsOf[0]!.n, 0, 'no JW323 or CSV claim from a provider paid outside p×q');
    const allocations = await lens.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM trajectory WHERE provider_agb IN (${[...outsideAgbs].map((a) => `'${a}'`).join(',')})`,
    );
    assert.ok(allocations[0]!.n > 1000, 'their allocations still arrive');
    // the pgb names its budget holders: about 5% of the youths in care hold one in a month
    const pgb = await lens.query<{ holders: number; months: number }>(
      `SELECT count(DISTINCT youth_pseudonym)::INTEGER AS holders, count(DISTINCT period_start)::INTEGER AS months
       FROM payment WHERE contract_id = 'MW-PGB' AND gemeente_code = '9001' AND period_start = DATE '2025-06-01'`,
    );
    assert.ok(pgb[0]!.holders >= 200 && pgb[0]!.holders <= 320, `pgb holders in 9001: ${pgb[0]!.holders}`);
    // the tranche ledger and the lump sums against volume have data (the Geld page showed them empty)
    const ledger = await trancheLedgerIndicator.compute(lens, { period: parsePeriod('2025'), gemeenten: ['9001'] });
    for (const status of ['eerste_tranche', 'laatste_tranche', 'openstaand', 'afgesloten_na_eerste'])
      assert.ok((ledger.find((x) => x.key === status)?.value ?? 0) > 10, `${status}: ${JSON.stringify(ledger)}`);
    const lump = await lumpsumVolume.compute(lens, { period: parsePeriod('2025'), gemeenten: ['9001'] });
    for (const id of ['MW-TAAK-1', 'MW-TAAK-2'])
      assert.ok((lump.find((x) => x.key === `jeugdigen|${id}`)?.value ?? 0) > 50, `${id}: ${JSON.stringify(lump)}`);
    const amb = r.contracts.find((c) => c.id === 'MW-AMB')!;
    assert.equal(amb.term.currentEnd, '2026-12-31');
    assert.ok(
      amb.warning && (amb.youthsRunning ?? 0) > 0,
      'ends within six months while youths have running allocations',
    );
    assert.ok(!r.contracts.find((c) => c.id === 'MW-VBL')!.warning);
    const tariffs = await lens.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM contract_tariff');
    assert.ok(tariffs[0]!.n >= 10 * 9, 'a tariff per category, for every party gemeente');
  });

  it('PGlite and PostgreSQL give the same summary per gemeente', { skip: pgSkip }, async () => {
    const db = await freshStore('postgres');
    const pgDir = join(dir, 'postgres');
    try {
      await loadDemo(db.store, pgDir, TEST_KEY, manifest);
      await rebuildLens(db.store, pgDir);
    } finally {
      await db.drop();
    }
    const pgLens = await Lens.open(pgDir);
    try {
      const onPglite = await summarise(lens, 2025);
      assert.equal(onPglite.length, 9);
      assert.deepEqual(await summarise(pgLens, 2025), onPglite);
    } finally {
      pgLens.close();
    }
  });

  // issue 21, on this demo instead of generating and loading another one: the liaison positions (demo/liaison.ts)
  // with their effect built in, and the sociale kaart's offers (demo/socialMap.ts) in the demo's own wijken
  describe('liaison positions and the sociale kaart', () => {
    const rows = (id: string, period: string, by?: string) =>
      findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: [], by });

    it('writes three liaison positions per gemeente, small, in the demo manifest', () => {
      const file = manifest.files.verbindingsfuncties!;
      assert.equal(file.rows, 3 * manifest.gemeenten.length);
      const lines = readFileSync(file.path, 'utf8').trim().split('\n');
      assert.equal(lines.length, file.rows + 1);
      assert.ok(lines.some((l) => l.includes(';poh_jeugd;huisartsenpraktijk;')));
      assert.ok(lines.some((l) => l.includes(';schoolmaatschappelijk_werk;school;')));
    });

    it('every practice position reaches ten youths or more in a year; the region reaches hundreds', async () => {
      const per = await rows('liaison_reach', '2025', 'functie');
      assert.ok(per.length >= 2 * manifest.gemeenten.length);
      for (const r of per.filter((x) => x.key!.endsWith('-1') || x.key!.endsWith('-2')))
        assert.ok((r.value ?? 0) >= 10, `${r.gemeente} ${r.key}: ${r.value}`);
      const total = (await rows('liaison_reach', '2025')).reduce((a, r) => a + (r.value ?? 0), 0);
      assert.ok(total >= 200, `reach ${total}`);
    });

    it('after a position starts, its practice refers a smaller share to specialist care (15 points or more)', async () => {
      // the POH-jeugd started on 1 July 2024: twelve months each side by 30 June 2025 (a period ending then)
      const shift = await rows('liaison_referral_shift', '2025H1');
      for (const g of new Set(shift.map((r) => r.gemeente))) {
        const v = (k: string) => shift.find((r) => r.gemeente === g && r.key === k)!.value!;
        assert.ok(v('na') < v('voor'), `${g}: before ${v('voor')}, after ${v('na')}`);
        assert.ok(v('verschil') <= -15, `${g}: a drop of at least 15 points (${v('verschil')})`);
      }
    });

    it('writes aanbod.csv with offers in its own wijken, and the demo load imports it', () => {
      assert.ok(DEMO_IMPORT_ORDER.includes('aanbod'));
      const file = manifest.files.aanbod!;
      assert.equal(file.rows, 62);
      const lines = readFileSync(file.path, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(';'));
      const wijken = new Map(manifest.gemeenten.map((g) => [g.code, new Set(g.wijken.map((w) => w.name))]));
      for (const l of lines)
        assert.ok(l[9] === '' || wijken.get(l[1]!)!.has(l[9]!), `${l[0]}: wijk ${l[9]} of ${l[1]}`);
    });
  });

  it('is reproducible: the same seed gives the same files', async () => {
    const again = await generateDemo({ seed: SEED, size: 'region', until: UNTIL, outDir: join(dir, 'again') });
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    for (const k of ['trajecten', 'bevolking', 'budget'])
      assert.equal(sha(again.files[k]!.path), sha(manifest.files[k]!.path), k);
  });
});
