/**
 * A fictional national comparison set as an offline CBS mirror (formats.md §2), so the demo's
 * benchmark has something real to show: 342 fictional gemeenten (the demo region's nine among
 * them, codes 9001 and up), with population, income and child-poverty figures, % youths with
 * jeugdhulp per half-year and Iv3 lasten. Everything goes through the same importer a gemeente
 * uses for real CBS tables. Table ids start with ZICHTDEMO so they can never pass for CBS tables.
 *
 * The figures follow calibration.md: % jeugdhulp zonder verblijf ~7% (range 5–10.6%), met verblijf
 * 0.4–1%, lasten per gebruiker ~€11,400 and per inwoner ~€290 around 2019; lower SES and more child
 * poverty go with more youth care, plus a size effect, gemeente-specific policy effects and a few
 * outliers, so that "expected versus actual" has something to find and something to resist.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoDate } from '../domain/dates.js';
import { targetAnyCareShare } from './calibration.js';
import { DEMO_REGION, inhabitantsIn, nationalGemeenten, youthPopulation, type DemoGemeente } from './region.js';
import { Rng, hash32 } from './random.js';

export const DEMO_CBS_TABLES = { kern: 'ZICHTDEMOKERN', jeugdhulp: 'ZICHTDEMOJH', iv3: 'ZICHTDEMOIV3' } as const;
const FIRST_YEAR = 2016;
const REGION_NAME = 'Middenwaard (demo)';
const STORY_OUTLIERS: Readonly<Record<string, number>> = { '9002': 2.6, '9003': -2.3 };

interface Profile {
  readonly g: DemoGemeente;
  readonly region: string;
  readonly income: number;
  readonly lowIncomePct: number;
  /** % zonder verblijf in 2017 H1, and its drift per half-year */
  readonly pct2017: number;
  readonly drift: number;
  readonly withResidence: number;
  readonly costPerUser2019: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

function profiles(seed: number, count: number): Profile[] {
  const rng = new Rng(seed ^ hash32('cbs-mirror'));
  const all = nationalGemeenten(seed, count);
  const regionCodes = new Set(DEMO_REGION.gemeenten.map((g) => g.code));
  const others = all.filter((g) => !regionCodes.has(g.code));
  // latent income and child poverty follow the assigned deciles, with overlap between deciles
  const income = new Map(others.map((g) => [g.code, 31 + (g.sesDecile - 5.5) * 1.1 + rng.normal(0, 0.5)]));
  const poverty = new Map(
    others.map((g) => [g.code, Math.max(1.5, 6.5 + (g.povertyDecile - 5.5) * -0.85 + rng.normal(0, 0.35))]),
  );
  const incomes = [...income.values()].sort((a, b) => a - b);
  const poverties = [...poverty.values()].sort((a, b) => a - b);
  // the region's gemeenten sit in the middle of their decile, so CBS-style deciles computed over
  // all 342 give them exactly the deciles their own demo data was calibrated on
  for (const g of DEMO_REGION.gemeenten.filter((r) => all.some((a) => a.code === r.code))) {
    income.set(g.code, quantile(incomes, (g.sesDecile - 0.5) / 10));
    poverty.set(g.code, quantile(poverties, 1 - (g.povertyDecile - 0.5) / 10));
  }
  const regionNames = shuffle(
    rng,
    others.map((g) => g.code),
  );
  const regionOf = new Map(
    regionNames.map((code, i) => [code, `Jeugdregio ${String(Math.floor(i / 8) + 1).padStart(2, '0')} (demo)`]),
  );
  return all.map((g) => {
    // a few gemeenten far from what their population predicts; in the demo region Brakelhoven
    // (more care than expected) and Dommelveld (less), so the benchmark page has a story to tell
    const drawn = rng.chance(0.04) ? rng.pick([2.6, -2.1]) : 0;
    const outlier = STORY_OUTLIERS[g.code] ?? (regionCodes.has(g.code) ? 0 : drawn);
    const size = 0.3 * Math.log(g.inhabitants / 40_000);
    const pct = 100 * 0.67 * targetAnyCareShare(g.sesDecile, g.povertyDecile, 0) + size + rng.normal(0, 0.45) + outlier;
    return {
      g,
      region: regionCodes.has(g.code) ? REGION_NAME : regionOf.get(g.code)!,
      income: Math.round(income.get(g.code)! * 10) / 10,
      lowIncomePct: Math.round(poverty.get(g.code)! * 10) / 10,
      pct2017: Math.min(11.5, Math.max(5, pct)),
      drift: rng.normal(0.01, 0.03),
      withResidence: Math.min(1.1, Math.max(0.35, 0.7 + 0.04 * (5.5 - g.sesDecile) + rng.normal(0, 0.12))),
      costPerUser2019: rng.logNormal(11_400, 0.22),
    };
  });
}

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const one = (v: number): number => Math.round(v * 10) / 10;
const regionKey = (code: string): string => `GM${code}  `; // CBS pads its keys

function writeTable(dir: string, properties: unknown[], dimensions: Record<string, unknown[]>, data: unknown[]): void {
  mkdirSync(dir, { recursive: true });
  const w = (name: string, value: unknown[]): void =>
    writeFileSync(join(dir, name), JSON.stringify({ 'odata.metadata': 'demo', value }));
  w('DataProperties.json', properties);
  for (const [k, v] of Object.entries(dimensions)) w(`${k}.json`, v);
  w('TypedDataSet.json', data);
}

export interface MirrorResult {
  readonly dir: string;
  readonly tables: readonly string[];
  readonly gemeenten: number;
}

/**
 * The jeugdregio of every gemeente of the national set, as the CBS mirror names it: the demo region's own, the
 * others in fictional regions of eight. The national demo registers the same, so a council or provider report
 * compares a gemeente with its own region of eight to ten, as in the Netherlands, not with all 342.
 */
export function demoRegionNames(seed: number, count = 342): Map<string, string> {
  return new Map(profiles(seed, count).map((p) => [p.g.code, p.region]));
}

/** Writes the three tables under `dir`; `until` is the last day of the demo's data; `count` gemeenten (tests use fewer). */
export function writeDemoCbsMirror(dir: string, seed: number, until: IsoDate, count = 342): MirrorResult {
  const ps = profiles(seed, count);
  const lastYear = Number(until.slice(0, 4));
  const lastHalf = until.slice(5) === '12-31' ? 2 : until.slice(5) >= '06-30' ? 1 : 0;
  const lastFullYear = lastHalf === 2 ? lastYear : lastYear - 1;
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const halves: Array<{ year: number; h: 1 | 2; step: number }> = [];
  for (let y = 2017; y <= lastYear; y++)
    for (const h of [1, 2] as const)
      if (y < lastYear || h <= lastHalf) halves.push({ year: y, h, step: halves.length });
  const regions = ps.map((p) => ({
    Key: regionKey(p.g.code),
    Title: p.g.name,
    Description: 'fictieve gemeente (demo)',
  }));
  const rng = new Rng(seed ^ hash32('cbs-mirror-noise'));

  // key figures per year
  writeTable(
    join(dir, DEMO_CBS_TABLES.kern),
    [
      { ID: 0, Type: 'GeoDimension', Key: 'RegioS', Title: "Regio's" },
      { ID: 1, Type: 'TimeDimension', Key: 'Perioden', Title: 'Perioden' },
      { ID: 2, Type: 'Topic', Key: 'Bevolking_1', Title: 'Bevolking op 1 januari', Unit: 'aantal', Datatype: 'Long' },
      {
        ID: 3,
        Type: 'Topic',
        Key: 'Jongeren0Tot18Jaar_2',
        Title: 'Jongeren 0 tot 18 jaar',
        Unit: 'aantal',
        Datatype: 'Long',
      },
      {
        ID: 4,
        Type: 'Topic',
        Key: 'MediaanGestandaardiseerdInkomen_3',
        Title: 'Mediaan gestandaardiseerd inkomen van huishoudens',
        Unit: 'x 1 000 euro',
        Datatype: 'Double',
      },
      {
        ID: 5,
        Type: 'Topic',
        Key: 'KinderenInLaagInkomen_4',
        Title: 'Kinderen ≥ 1 jaar in huishouden met laag inkomen',
        Unit: '%',
        Datatype: 'Double',
      },
      { ID: 6, Type: 'Topic', Key: 'Jeugdzorgregio_5', Title: 'Jeugdzorgregio', Unit: '', Datatype: 'String' },
    ],
    {
      RegioS: regions,
      Perioden: years.map((y) => ({ Key: `${y}JJ00`, Title: y === lastYear ? `${y}*` : String(y) })),
    },
    ps.flatMap((p) =>
      years.map((y) => ({
        RegioS: regionKey(p.g.code),
        Perioden: `${y}JJ00`,
        Bevolking_1: inhabitantsIn(p.g, y),
        Jongeren0Tot18Jaar_2: youthPopulation(p.g, y),
        MediaanGestandaardiseerdInkomen_3: one(p.income * 1.02 ** (y - 2019)),
        KinderenInLaagInkomen_4: one(Math.max(0.5, p.lowIncomePct + 0.15 * Math.sin(y + hash32(p.g.code)))),
        Jeugdzorgregio_5: p.region,
      })),
    ),
  );

  // % with jeugdhulp per half-year, users per year
  const pctAt = new Map<string, number>();
  const jhRows: unknown[] = [];
  for (const p of ps) {
    for (const { year, h, step } of halves) {
      const v = Math.min(11, Math.max(4.5, p.pct2017 + p.drift * step - (h === 2 ? 0.1 : 0) + rng.normal(0, 0.1)));
      pctAt.set(`${p.g.code}:${year}H${h}`, v);
      jhRows.push({
        RegioS: regionKey(p.g.code),
        Perioden: `${year}HJ0${h}`,
        JongerenMetJeugdhulpZonderVerblijf_1: one(v),
        JongerenMetJeugdhulpMetVerblijf_2: one(p.withResidence + rng.normal(0, 0.04)),
        JongerenMetJeugdzorg_3: null,
      });
    }
    for (let y = 2017; y <= lastFullYear; y++) {
      // a year counts everyone with care at any moment: about 1.4 × a half-year's share, plus residential care
      const share = ((pctAt.get(`${p.g.code}:${y}H1`)! + pctAt.get(`${p.g.code}:${y}H2`)!) / 2) * 1.4 + p.withResidence;
      jhRows.push({
        RegioS: regionKey(p.g.code),
        Perioden: `${y}JJ00`,
        JongerenMetJeugdhulpZonderVerblijf_1: null,
        JongerenMetJeugdhulpMetVerblijf_2: null,
        JongerenMetJeugdzorg_3: Math.round((youthPopulation(p.g, y) * share) / 100 / 5) * 5,
      });
    }
  }
  const halfKeys = halves.map(({ year, h }, i) => ({
    Key: `${year}HJ0${h}`,
    Title: `${year} ${h}e halfjaar${i === halves.length - 1 ? '*' : ''}`,
  }));
  writeTable(
    join(dir, DEMO_CBS_TABLES.jeugdhulp),
    [
      { ID: 0, Type: 'GeoDimension', Key: 'RegioS', Title: "Regio's" },
      { ID: 1, Type: 'TimeDimension', Key: 'Perioden', Title: 'Perioden' },
      {
        ID: 2,
        Type: 'Topic',
        Key: 'JongerenMetJeugdhulpZonderVerblijf_1',
        Title: 'Jongeren met jeugdhulp zonder verblijf',
        Unit: '% van alle jongeren',
        Datatype: 'Double',
      },
      {
        ID: 3,
        Type: 'Topic',
        Key: 'JongerenMetJeugdhulpMetVerblijf_2',
        Title: 'Jongeren met jeugdhulp met verblijf',
        Unit: '% van alle jongeren',
        Datatype: 'Double',
      },
      {
        ID: 4,
        Type: 'Topic',
        Key: 'JongerenMetJeugdzorg_3',
        Title: 'Jongeren met jeugdzorg (jaar)',
        Unit: 'aantal',
        Datatype: 'Long',
      },
    ],
    {
      RegioS: regions,
      Perioden: [
        ...halfKeys,
        ...Array.from({ length: Math.max(0, lastFullYear - 2016) }, (_, i) => ({
          Key: `${2017 + i}JJ00`,
          Title: String(2017 + i),
        })),
      ],
    },
    jhRows,
  );

  // Iv3 lasten of the youth lines, in thousands of euros; the 2023 split of taakvelden from 2023
  const iv3Rows: unknown[] = [];
  const reports: Array<{ Key: string; Title: string }> = [];
  for (let y = 2017; y <= lastYear; y++) {
    reports.push({ Key: `${y}X000`, Title: `Begroting ${y}` });
    if (y <= lastFullYear - 1) reports.push({ Key: `${y}X005`, Title: `Jaarrekening ${y}` });
  }
  const lines = (y: number): Array<[string, number]> =>
    y < 2023
      ? [
          ['6.72', 0.84],
          ['6.82', 0.16],
        ]
      : [
          ['6.72a', 0.08],
          ['6.72b', 0.06],
          ['6.72c', 0.18],
          ['6.72d', 0.02],
          ['6.73a', 0.2],
          ['6.73b', 0.12],
          ['6.73c', 0.04],
          ['6.74a', 0.1],
          ['6.74b', 0.03],
          ['6.74c', 0.01],
          ['6.82a', 0.12],
          ['6.82b', 0.04],
        ];
  for (const p of ps) {
    for (const r of reports) {
      const y = Number(r.Key.slice(0, 4));
      const users = (youthPopulation(p.g, y) * (p.pct2017 * 1.4 + p.withResidence)) / 100;
      const spent = users * p.costPerUser2019 * 1.045 ** (y - 2019);
      // budgets are set before the year and usually turn out too low
      const amount = r.Key.endsWith('X000') ? spent * (0.93 + rng.normal(0, 0.03)) : spent;
      for (const [tv, share] of lines(y)) {
        iv3Rows.push({
          Gemeenten: regionKey(p.g.code),
          TaakveldBalanspost: `${tv.padEnd(6)}`,
          Categorie: 'L  ',
          Verslagsoort: r.Key,
          Bedrag_1: Math.round((amount * share) / 1000),
        });
      }
    }
  }
  const taakvelden = [...new Set([...lines(2022), ...lines(2023)].map(([tv]) => tv))];
  writeTable(
    join(dir, DEMO_CBS_TABLES.iv3),
    [
      { ID: 0, Type: 'GeoDimension', Key: 'Gemeenten', Title: 'Gemeenten' },
      { ID: 1, Type: 'Dimension', Key: 'TaakveldBalanspost', Title: 'Taakveld/balanspost' },
      { ID: 2, Type: 'Dimension', Key: 'Categorie', Title: 'Categorie' },
      { ID: 3, Type: 'Dimension', Key: 'Verslagsoort', Title: 'Verslagsoort' },
      { ID: 4, Type: 'Topic', Key: 'Bedrag_1', Title: 'Bedrag', Unit: 'x 1 000 euro', Datatype: 'Long' },
    ],
    {
      Gemeenten: ps.map((p) => ({ Key: regionKey(p.g.code), Title: p.g.name })),
      TaakveldBalanspost: taakvelden.map((tv) => ({ Key: tv.padEnd(6), Title: `Taakveld ${tv}` })),
      Categorie: [{ Key: 'L  ', Title: 'Lasten' }],
      Verslagsoort: reports,
    },
    iv3Rows,
  );

  return { dir, tables: Object.values(DEMO_CBS_TABLES), gemeenten: ps.length };
}
