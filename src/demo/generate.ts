/**
 * Generates the demo region as real-format files (canonical CSV v1), streaming to disk: memory
 * holds one client at a time plus small per-gemeente totals, whatever the size. The same seed
 * and end date give the same files.
 * Over 400 lines: one generator whose steps share the seeded random stream; split would pass that stream around.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, addMonths, daysBetween, daysInMonth, isoDate, type IsoDate } from '../domain/dates.js';
import { addWorkingDays } from '../domain/workdays.js';
import { careFormOf } from '../domain/careForms.js';
import { passesElfproef } from '../domain/bsn.js';
import { Rng, hash32 } from './random.js';
import { allocationNumber } from './ijw.js';
import { writeDemoVoice } from './experience.js';
import { writeDemoSocialMap } from './socialMap.js';
import { CsvWriter } from './csvWriter.js';
import {
  arrangementCents,
  demoLumpSums,
  demoPayments,
  outsideClaimsForm,
  paymentsWriter,
  writeDemoPayments,
  writeDemoTranches,
  type DemoTranche,
} from './payments.js';
import { writeDemoContracts } from './contracts.js';
import {
  LIAISON_EFFECT,
  VERBINDINGSFUNCTIES_COLUMNS,
  demoPositions,
  writeDemoPositions,
  type DemoPosition,
} from './liaison.js';
import { demoRegionNames, writeDemoCbsMirror } from './cbsMirror.js';
import { DEMO_REGION, inhabitantsIn, nationalGemeenten, youthPopulation, type DemoGemeente } from './region.js';
import { demoProviders, providerPicker, type DemoProvider } from './providers.js';
import {
  BASIC_SUPPORT,
  END_REASONS_EXCL_DROPOUT,
  FIRST_CATEGORY,
  INTENSITY_CATEGORIES,
  INTENSITY_COST,
  INTENSITY_WEIGHTS,
  MEDIAN_DAYS,
  MONTHLY_EUR,
  SATISFACTION,
  STACKED_CATEGORY,
  STACK_SIZE,
  TARIFF,
  WAIT,
  VERLENGD,
  referrerWeights,
  targetAnyCareShare,
  type DemoCategory,
} from './calibration.js';

export type DemoSize = 'region' | 'national';

export interface DemoOptions {
  readonly seed: number;
  readonly size: DemoSize;
  /** Last day of data: the end of the last complete half-year. */
  readonly until: IsoDate;
  readonly outDir: string;
  /** Scales the number of gemeenten of the national set (benchmarks: 1×, 4×, 16× growth). */
  readonly gemeenteCount?: number;
  readonly onProgress?: (done: number, total: number, gemeente: string) => void;
}

export interface DemoManifest {
  readonly seed: number;
  readonly size: DemoSize;
  readonly regionCode: string;
  readonly regionName: string;
  readonly windowStart: IsoDate;
  readonly windowEnd: IsoDate;
  readonly gemeenten: readonly (DemoGemeente & {
    wijken: Array<{ code: string; name: string; team: string }>;
    /** its jeugdregio: the demo region's, or (national) one of the fictional regions of the CBS mirror */
    region: { code: string; name: string };
  })[];
  readonly providers: readonly DemoProvider[];
  readonly files: Record<string, { path: string; rows: number }>;
  /** the fictional national comparison set as an offline CBS mirror (cbsMirror.ts) */
  readonly cbsMirror: string;
}

const YEARS_OF_DATA = 6;
const BURN_IN_MONTHS = 36;
/** active-in-year ≈ monthly inflow × (12 + mean care span in months, re-entries included); measured ≈ 30 */
const ANNUAL_ACTIVE_FACTOR = 30;

const TRAJECT_COLUMNS = [
  'traject_id',
  'client_id',
  'geboortedatum',
  'geslacht',
  'gemeente',
  'wijk',
  'team',
  'aanbieder_agb',
  'productcategorie',
  'productcode',
  'intensiteit',
  'verwijzer',
  'verwijzer_detail',
  'aanvraagdatum',
  'toewijzingsdatum',
  'startdatum',
  'einddatum',
  'reden_einde',
  'doelrealisatie',
  'bedrag_toegekend',
  'geheim_adres',
  'toewijzingnummer',
];
const CLAIM_COLUMNS = [
  'declaratie_id',
  'gemeente',
  'traject_id',
  'toewijzingnummer',
  'aanbieder_agb',
  'productcategorie',
  'productcode',
  'periode_start',
  'periode_eind',
  'volume',
  'eenheid',
  'bedrag_euro',
  'debet_credit',
  'status',
];

/** Test BSNs in the 999 range that pass the elfproef (never a real person); afterwards local client numbers. */
class Identities {
  private body = 0;
  private local = 0;
  next(): string {
    while (this.body < 100_000) {
      const prefix = `999${String(this.body++).padStart(5, '0')}`;
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += Number(prefix[i]) * (9 - i);
      const check = sum % 11;
      const bsn = `${prefix}${check}`;
      if (check <= 9 && bsn !== '999999999' && passesElfproef(bsn)) return bsn;
    }
    return `K${String(++this.local).padStart(8, '0')}`;
  }
}

const euro = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',');

export async function generateDemo(opts: DemoOptions): Promise<DemoManifest> {
  mkdirSync(opts.outDir, { recursive: true });
  const windowEnd = opts.until;
  const windowStart = addDays(addMonths(addDays(windowEnd, 1), -12 * YEARS_OF_DATA), 0);
  const gemeenten =
    opts.size === 'region' ? [...DEMO_REGION.gemeenten] : nationalGemeenten(opts.seed, opts.gemeenteCount ?? 342);
  const providers = demoProviders(opts.seed, opts.size === 'region' ? 40 : 40 + Math.floor(gemeenten.length / 4));
  const pickProvider = providerPicker(providers);
  const ids = new Identities();

  const files = {
    bevolking: new CsvWriter(join(opts.outDir, 'bevolking.csv'), [
      'gemeente',
      'wijk',
      'jaar',
      'leeftijd_van',
      'leeftijd_tot',
      'aantal',
    ]),
    trajecten: new CsvWriter(join(opts.outDir, 'trajecten.csv'), TRAJECT_COLUMNS),
    declaraties: new CsvWriter(join(opts.outDir, 'declaraties.csv'), CLAIM_COLUMNS),
    basishulp: new CsvWriter(join(opts.outDir, 'basishulp.csv'), [
      'episode_id',
      'client_id',
      'geboortedatum',
      'gemeente',
      'wijk',
      'team',
      'startdatum',
      'einddatum',
      'leefgebieden',
      // where the youth was found or helped (issue 21): a liaison position's practice or school; demo/liaison.ts
      'vindplaats',
    ]),
    budget: new CsvWriter(join(opts.outDir, 'budget.csv'), [
      'gemeente',
      'jaar',
      'taakveld_of_post',
      'begroot_euro',
      'gerealiseerd_euro',
      'programma',
      'reserve_euro',
      'reserve_naam',
    ]),
    tevredenheid: new CsvWriter(join(opts.outDir, 'tevredenheid.csv'), [
      'gemeente',
      'periode',
      'aanbieder_agb',
      'traject_id',
      'score',
    ]),
  };

  const outGemeenten: DemoManifest['gemeenten'][number][] = [];
  const regions = demoRegions(opts);
  const claimed = new Map<number, Map<string, number>>();
  // the region's payments outside iJw (the national comparison set is CBS figures only)
  const payments = opts.size === 'region' ? paymentsWriter(opts.outDir) : null;
  // liaison positions at GP practices and schools (issue 21; the region only)
  const positions =
    opts.size === 'region'
      ? new CsvWriter(join(opts.outDir, 'verbindingsfuncties.csv'), VERBINDINGSFUNCTIES_COLUMNS)
      : null;
  // providers paid by lump sum or tranches instead of claims (the region only)
  const outside = opts.size === 'region' ? outsideClaimsForm(providers) : new Map<string, never>();
  const lumpSumAgbs = [...outside].filter(([, f]) => f === 'taakgericht').map(([agb]) => agb);
  const outsideByYear = new Map<string, Map<number, number>>();
  const addOutside = (agb: string, year: number, cents: number): void => {
    const byYear = outsideByYear.get(agb) ?? new Map<number, number>();
    byYear.set(year, (byYear.get(year) ?? 0) + cents);
    outsideByYear.set(agb, byYear);
  };
  let youthsTotal = 0;
  let done = 0;
  for (const g of gemeenten) {
    const rng = new Rng(opts.seed ^ hash32(g.code));
    const wijken = makeWijken(rng, g);
    outGemeenten.push({
      ...g,
      wijken: wijken.map(({ code, name, team }) => ({ code, name, team })),
      region: regions.get(g.code) ?? { code: DEMO_REGION.code, name: DEMO_REGION.name },
    });
    await writePopulation(files.bevolking, g, wijken, windowStart, windowEnd);
    // verlengde jeugdhulp draws from its own stream: every other trajectory stays as it was
    const rng18 = new Rng(opts.seed ^ hash32(`${g.code}:18+`));
    // liaison positions and their effect draw from their own stream too
    const liaison = positions ? demoPositions(g.code, wijken, windowEnd) : [];
    if (positions) await writeDemoPositions(positions, g.code, liaison);
    const sim = new GemeenteSimulation(
      rng,
      g,
      wijken,
      windowStart,
      windowEnd,
      pickProvider,
      ids,
      files,
      outside,
      rng18,
      { positions: liaison, rng: new Rng(opts.seed ^ hash32(`${g.code}:verbinding`)) },
    );
    await sim.run();
    if (payments) {
      // lump sums, pgb and subsidies: paid outside iJw and budgeted like the claims
      // the contract's amounts per youth, on the youths of the data's last year
      const youths = youthPopulation(g, Number(windowEnd.slice(0, 4)));
      youthsTotal += youths;
      const paid = demoPayments(g.code, youths, windowStart, windowEnd);
      await writeDemoPayments(payments, g.code, paid);
      // lump sums and tranches: the would-be claims are in the budget already (claims, below)
      const lumpSums = demoLumpSums(g.code, lumpSumAgbs, sim.wouldBeClaims, windowStart, windowEnd);
      await writeDemoPayments(payments, g.code, lumpSums);
      for (const p of lumpSums) addOutside(p.provider!, Number(p.month.slice(0, 4)), p.cents);
      await writeDemoTranches(payments, g.code, sim.tranches);
      const resultAgb = [...outside].find(([, f]) => f === 'resultaat')?.[0];
      for (const t of sim.tranches) if (resultAgb) addOutside(resultAgb, Number(t.day.slice(0, 4)), t.cents);
      for (const p of paid) {
        const y = Number(p.month.slice(0, 4));
        const byForm = sim.costByYear.get(y) ?? new Map<string, number>();
        byForm.set(p.budgetForm, (byForm.get(p.budgetForm) ?? 0) + p.cents);
        sim.costByYear.set(y, byForm);
      }
    }
    await writeBudget(files.budget, rng, g, sim.costByYear, windowStart, windowEnd);
    for (const [year, byCat] of sim.costByCategory) {
      const into = claimed.get(year) ?? new Map<string, number>();
      for (const [cat, cents] of byCat) into.set(cat, (into.get(cat) ?? 0) + cents);
      claimed.set(year, into);
    }
    opts.onProgress?.(++done, gemeenten.length, g.name);
  }
  for (const w of Object.values(files)) await w.close();
  await payments?.close();
  await positions?.close();
  // the voice of clients (issue 20), read from the trajectories written above; hashed, not from the seeded stream
  const voice =
    opts.size === 'region' ? await writeDemoVoice(opts.outDir, gemeenten, providers, windowStart, windowEnd) : null;
  // the sociale kaart (issue 21): offers that need no decision, per gemeente and wijk
  const socialMap =
    opts.size === 'region' ? await writeDemoSocialMap(opts.outDir, outGemeenten, windowStart, windowEnd) : null;
  // the region's contracts (the national comparison set is CBS figures only)
  const contracts =
    opts.size === 'region'
      ? {
          ...(await writeDemoContracts(
            opts.outDir,
            gemeenten.map((g) => g.code),
            providers,
            claimed,
            windowStart,
            windowEnd,
            youthsTotal,
            outsideByYear,
          )),
          betalingen: { path: join(opts.outDir, 'betalingen.csv'), rows: payments!.rows },
        }
      : null;
  const mirror = writeDemoCbsMirror(join(opts.outDir, 'cbs'), opts.seed, windowEnd);
  return {
    cbsMirror: mirror.dir,
    seed: opts.seed,
    size: opts.size,
    regionCode: DEMO_REGION.code,
    regionName: DEMO_REGION.name,
    windowStart,
    windowEnd,
    gemeenten: outGemeenten,
    providers,
    files: Object.fromEntries([
      ...Object.entries(files).map(([k, w]) => [k, { path: join(opts.outDir, `${k}.csv`), rows: w.rows }]),
      ...Object.entries(contracts ?? {}),
      ...Object.entries(voice ?? {}),
      ...Object.entries(socialMap ?? {}),
      ...(positions
        ? [['verbindingsfuncties', { path: join(opts.outDir, 'verbindingsfuncties.csv'), rows: positions.rows }]]
        : []),
    ]),
  };
}

/**
 * The jeugdregio per gemeente: the region demo is one region; the national demo keeps the demo region's nine together
 * and puts the others in the fictional regions of eight the CBS mirror names (a real jeugdregio has 5–30 gemeenten).
 * Before, all 342 were one region, and a council report compared a gemeente with 341 others.
 */
export function demoRegions(opts: {
  size: DemoSize;
  seed: number;
  gemeenteCount?: number;
}): Map<string, { code: string; name: string }> {
  if (opts.size === 'region') return new Map();
  const out = new Map<string, { code: string; name: string }>();
  for (const [code, name] of demoRegionNames(opts.seed, opts.gemeenteCount ?? 342)) {
    const nr = /^Jeugdregio (\d+) \(demo\)$/.exec(name)?.[1];
    out.set(code, nr ? { code: `DEMO-JR${nr}`, name } : { code: DEMO_REGION.code, name: DEMO_REGION.name });
  }
  return out;
}

interface Wijk {
  code: string;
  name: string;
  team: string;
  share: number;
  gps: string[];
  schools: string[];
}

const WIJK_NAMES = [
  'Centrum',
  'Noord',
  'Oost',
  'Zuid',
  'West',
  'De Hoven',
  'Molenkwartier',
  'Buitenveld',
  'Het Hof',
  'Waterrijk',
  'Park',
  'Dorp',
  'Haven',
  'Kerkbuurt',
  'Veldzicht',
  'De Akkers',
  'Bloemenwijk',
  'Stationskwartier',
  'Bosrand',
  'Nieuwland',
];

function makeWijken(rng: Rng, g: DemoGemeente): Wijk[] {
  const n = Math.max(3, Math.min(20, Math.round(g.inhabitants / 12_000)));
  const raw = Array.from({ length: n }, () => rng.uniform(0.5, 1.5));
  const total = raw.reduce((a, b) => a + b, 0);
  const teams = Math.max(1, Math.ceil(n / 3));
  return raw.map((w, i) => ({
    code: `${g.code}${String(i + 1).padStart(2, '0')}`,
    name: WIJK_NAMES[i % WIJK_NAMES.length]!,
    team: `Wijkteam ${(i % teams) + 1}`,
    share: w / total,
    gps: Array.from(
      { length: Math.max(1, Math.round((g.inhabitants * (w / total)) / 7_000)) },
      () => `01${String(rng.int(0, 999_999)).padStart(6, '0')}`,
    ),
    schools: Array.from(
      { length: 2 },
      () => `${rng.int(10, 99)}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`,
    ),
  }));
}

async function writePopulation(
  w: CsvWriter,
  g: DemoGemeente,
  wijken: Wijk[],
  from: IsoDate,
  to: IsoDate,
): Promise<void> {
  const bands: Array<[number, number, number]> = [
    [0, 3, 0.22],
    [4, 11, 0.45],
    [12, 17, 0.33],
  ];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const youth = youthPopulation(g, year);
    const young = Math.round(youth * 0.3);
    const inhabitants = inhabitantsIn(g, year);
    await w.row([g.code, '', year, 0, 120, inhabitants]);
    await w.row([g.code, '', year, 0, 17, youth]);
    await w.row([g.code, '', year, 18, 22, young]);
    for (const wk of wijken) {
      for (const [a, b, s] of bands) await w.row([g.code, wk.code, year, a, b, Math.round(youth * wk.share * s)]);
      await w.row([g.code, wk.code, year, 18, 22, Math.round(young * wk.share)]);
    }
  }
}

const AGE_WEIGHTS = [1, 1.2, 1.8, 2.6, 3.4, 4.2, 5, 5.8, 6.3, 6.5, 6.6, 6.6, 6.8, 7, 7, 6.6, 6, 5.2];
const LIFE_DOMAINS = [
  'Opvoeden en opgroeien',
  'Psychische gezondheid',
  'Beperkingen',
  'Veranderend ouderschap',
  'Veiligheid',
  'Wonen',
  'Financiën',
  'Gezondheid',
  'Taal- en digitale vaardigheid',
  'Participatie',
  'Onderwijs',
];

interface Identity {
  clientId: string;
  birth: IsoDate;
  gender: string;
  wijk: Wijk;
}

class GemeenteSimulation {
  readonly costByYear = new Map<number, Map<string, number>>();
  /** claimed cents per year and product category (rejected lines left out), for the demo contracts' ceilings */
  readonly costByCategory = new Map<number, Map<string, number>>();
  /** per taakgericht provider and year, the cents its work would have claimed as p×q: the base of its lump sum */
  readonly wouldBeClaims = new Map<string, Map<number, number>>();
  /** the tranches paid on the result contract */
  readonly tranches: DemoTranche[] = [];
  private trajCounter = 0;
  /** verlengde jeugdhulp trajectories are numbered apart (…-V0000001), so the others keep their ids */
  private extendedCounter = 0;
  private episodeCounter = 0;
  private liaisonCounter = 0;
  /**
   * The claim lines of verlengde jeugdhulp, written after the gemeente's other lines: interleaved (…-V0000006-…
   * between …-T0000135-… and …-T0000136-…) every T line went into the middle of the primary key's B-tree, whose
   * pages then split in halves: the index of the region's 580,000 lines was 51 MB instead of 30 (issue 18.2)
   */
  private readonly laterClaims: Array<ReadonlyArray<string | number | null>> = [];
  private readonly referrers: Record<string, number>;

  constructor(
    /** the stream every draw reads; verlengde jeugdhulp swaps in its own (`extended`) while it writes */
    private rng: Rng,
    private readonly g: DemoGemeente,
    private readonly wijken: Wijk[],
    private readonly windowStart: IsoDate,
    private readonly windowEnd: IsoDate,
    private readonly pickProvider: (rng: Rng, c: DemoCategory) => DemoProvider,
    private readonly ids: Identities,
    private readonly files: Record<'trajecten' | 'declaraties' | 'basishulp' | 'tevredenheid', CsvWriter>,
    /** providers paid outside p×q: they send no claims (contracts.ts OUTSIDE_CLAIMS) */
    private readonly outside: ReadonlyMap<string, 'taakgericht' | 'resultaat'>,
    private readonly rng18: Rng,
    /** liaison positions (demo/liaison.ts) with their own stream: the effect on referrals and basishulp found there */
    private readonly liaison: { positions: readonly DemoPosition[]; rng: Rng } = { positions: [], rng: new Rng(0) },
  ) {
    this.referrers = referrerWeights(Math.min(0.55, Math.max(0.3, rng.normal(0.42, 0.07))));
  }

  async run(): Promise<void> {
    const share = targetAnyCareShare(this.g.sesDecile, this.g.povertyDecile, this.rng.normal(0, 0.005));
    const first = addMonths(this.windowStart, -BURN_IN_MONTHS);
    for (let month = first; month <= this.windowEnd; month = addMonths(month, 1)) {
      const year = Number(month.slice(0, 4));
      const youth = youthPopulation(this.g, Math.max(2020, year));
      const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
      const careClients = this.rng.poisson((share * youth) / ANNUAL_ACTIVE_FACTOR);
      for (let i = 0; i < careClients; i++) {
        const day = isoDate(y, m, this.rng.int(1, daysInMonth(y, m)));
        await this.careEpisode(this.newIdentity(day, this.ids.next()), day, 0);
      }
      const basicOnly = this.rng.poisson((BASIC_SUPPORT.onlyShare * youth) / 16);
      for (let i = 0; i < basicOnly; i++) {
        const day = isoDate(y, m, this.rng.int(1, daysInMonth(y, m)));
        const local = `WT${this.g.code}${String(++this.episodeCounter).padStart(7, '0')}`;
        await this.basicSupport(this.newIdentity(day, local), day);
      }
      await this.liaisonEpisodes(y, m);
    }
    for (const line of this.laterClaims.splice(0)) await this.files.declaraties.row(line);
  }

  /** Basishulp found at the liaison positions' practices and schools in a month: more while a position is there. */
  private async liaisonEpisodes(y: number, m: number): Promise<void> {
    const month = isoDate(y, m, 1);
    if (month < this.windowStart) return;
    const rng = this.liaison.rng;
    for (const p of this.liaison.positions) {
      const on = p.start <= month && (p.end === null || p.end >= month);
      const n = rng.poisson(on ? LIAISON_EFFECT.basishulpPerMonthAfter : LIAISON_EFFECT.basishulpPerMonthBefore);
      for (let i = 0; i < n; i++) {
        const day = isoDate(y, m, rng.int(1, daysInMonth(y, m)));
        if (day > this.windowEnd) continue;
        const age = p.locationKind === 'school' ? rng.int(5, 12) : rng.int(4, 17);
        const birth = addDays(day, -Math.round(age * 365.25 + rng.int(0, 364)));
        const end = addDays(day, rng.int(30, 160));
        const wijk = this.wijken.find((w) => w.code === p.wijk) ?? this.wijken[0]!;
        const n2 = ++this.liaisonCounter;
        await this.files.basishulp.row([
          `${this.g.code}-V${String(n2).padStart(6, '0')}`,
          `VF${this.g.code}${String(n2).padStart(6, '0')}`,
          birth.slice(0, 7),
          this.g.code,
          wijk.code,
          wijk.team,
          day,
          end > this.windowEnd ? null : end,
          rng.pick(LIFE_DOMAINS),
          p.locationId,
        ]);
      }
    }
  }

  private newIdentity(day: IsoDate, clientId: string): Identity {
    const age = Number(this.rng.weighted(Object.fromEntries(AGE_WEIGHTS.map((w, i) => [String(i), w]))));
    const birth = addDays(day, -Math.round(age * 365.25 + this.rng.int(0, 364)));
    const r = this.rng.next();
    let acc = 0;
    const wijk = this.wijken.find((w) => (acc += w.share) > r) ?? this.wijken[this.wijken.length - 1]!;
    return { clientId, birth, gender: this.rng.chance(0.56) ? 'M' : 'V', wijk };
  }

  private async basicSupport(id: Identity, start: IsoDate, endBefore?: IsoDate): Promise<void> {
    if (start > this.windowEnd || start < addDays(this.windowStart, -365)) return;
    let end: IsoDate | null = endBefore ?? addDays(start, Math.round(this.rng.logNormal(100, 0.6)));
    if (end > this.windowEnd) end = null;
    const n = this.rng.int(1, 3);
    const domains = new Set<string>();
    while (domains.size < n) domains.add(this.rng.pick(LIFE_DOMAINS));
    await this.files.basishulp.row([
      `${this.g.code}-B${String(++this.episodeCounter).padStart(7, '0')}`,
      id.clientId,
      id.birth.slice(0, 7),
      this.g.code,
      id.wijk.code,
      id.wijk.team,
      start,
      end,
      [...domains].join('|'),
      null,
    ]);
  }

  private async careEpisode(id: Identity, request: IsoDate, depth: number): Promise<void> {
    const rng = this.rng;
    if (rng.chance(BASIC_SUPPORT.alsoWithCareShare)) {
      await this.basicSupport(id, addDays(request, -rng.int(20, 150)), addDays(request, rng.int(0, 60)));
    }
    const stack = Number(rng.weighted(STACK_SIZE));
    const cats: DemoCategory[] = [rng.weighted(FIRST_CATEGORY)];
    while (cats.length < stack) {
      const weights = Object.fromEntries(
        Object.entries(STACKED_CATEGORY).filter(([c]) => !cats.includes(c as DemoCategory)),
      ) as Record<DemoCategory, number>;
      cats.push(rng.weighted(weights));
    }
    let lastEnd: IsoDate | null = request;
    for (let i = 0; i < cats.length; i++) {
      const reqDate = i === 0 ? request : addDays(request, rng.int(0, 75));
      const end = await this.trajectory(id, cats[i]!, reqDate, i === 0);
      if (end === null) lastEnd = null;
      else if (lastEnd !== null && end > lastEnd) lastEnd = end;
    }
    const ageAtEnd = lastEnd ? daysBetween(id.birth, lastEnd) / 365.25 : 99;
    if (lastEnd && depth < 2 && ageAtEnd < 17 && rng.chance(0.11)) {
      await this.careEpisode(id, addDays(lastEnd, rng.int(60, 720)), depth + 1);
    }
    if (lastEnd && ageAtEnd >= VERLENGD.endAgeFrom && ageAtEnd < VERLENGD.endAgeTo) await this.extended(id, lastEnd);
  }

  /**
   * Verlengde jeugdhulp (Jeugdwet art. 1.1): care that ran at 17 goes on after 18, or resumes within half a year,
   * up to 23. Care that simply runs past the 18th birthday is there already; this adds the follow-on trajectory a
   * gemeente allocates when the first one ends around 18 (verlengde pleegzorg, ambulant, ggz), and a share of those
   * after a short gap (a new trajectory after 18). Its own random stream and trajectory numbers, so every other
   * trajectory stays exactly as it was (one that starts a little before 18 counts at 17, as a continuation does).
   */
  private async extended(id: Identity, lastEnd: IsoDate): Promise<void> {
    const main = this.rng;
    this.rng = this.rng18;
    try {
      if (!this.rng.chance(VERLENGD.share)) return;
      const gap = this.rng.chance(VERLENGD.afterGapShare) ? this.rng.int(30, 180) : this.rng.int(0, 7);
      const cat = this.rng.weighted(VERLENGD.category);
      // requested some days before it starts, so the allocation is there when the earlier care ends
      await this.trajectory(id, cat, addDays(lastEnd, gap - 10), false, 'V');
    } finally {
      this.rng = main;
    }
  }

  /** Writes one trajectory with its claims; returns its end (null = still running or never started). */
  private async trajectory(
    id: Identity,
    cat: DemoCategory,
    request: IsoDate,
    first: boolean,
    series: 'T' | 'V' = 'T',
  ): Promise<IsoDate | null> {
    const rng = this.rng;
    if (request > this.windowEnd) return null;
    const allocation = addWorkingDays(
      request,
      Math.max(0, Math.round(rng.logNormal(WAIT.requestMedianWorkdays, 0.75) - 0.5)),
    );
    if (allocation > this.windowEnd) return null;
    const neverStarts = rng.chance(0.015);
    const delay = Math.round(
      rng.logNormal(cat === '54' ? WAIT.ggzAllocationToStartMedianDays : WAIT.allocationToStartMedianDays, 0.7),
    );
    const start = addDays(allocation, delay);
    const intensity = INTENSITY_CATEGORIES.has(cat) ? this.intensity(cat) : null;
    const longFactor = intensity === 'H' || intensity === 'I' ? 2.2 : 1;
    const duration = Math.max(14, Math.round(rng.logNormal(MEDIAN_DAYS[cat] * longFactor, 0.65)));
    let end: IsoDate | null = addDays(start, duration);
    if (end < addDays(this.windowStart, -365)) return end; // ended long before the data window
    const hasStart = !neverStarts && start <= this.windowEnd;
    if (!hasStart || end > this.windowEnd) end = null;
    const provider = this.pickProvider(rng, cat);
    const { referrer, detail } = this.liaisonReferrer(this.referrer(cat, first, id.wijk), request);
    let reason: string | null = null;
    let goal: string | null = null;
    if (end) {
      reason = rng.chance(provider.dropoutRate)
        ? rng.chance(0.6)
          ? '32'
          : '33'
        : rng.weighted(END_REASONS_EXCL_DROPOUT);
      if (!rng.chance(0.2)) {
        goal =
          reason === '31'
            ? rng.weighted({ ja: 72, deels: 23, nee: 5 })
            : reason === '32' || reason === '33'
              ? rng.weighted({ deels: 30, nee: 70 })
              : rng.weighted({ ja: 20, deels: 45, nee: 35 });
      }
    }
    const monthlyCents = Math.round(
      MONTHLY_EUR[cat] *
        (intensity ? INTENSITY_COST[intensity as keyof typeof INTENSITY_COST] : 1) *
        rng.uniform(0.85, 1.15) *
        100,
    );
    const n = series === 'T' ? ++this.trajCounter : ++this.extendedCounter;
    const trajId = `${this.g.code}-${series}${String(n).padStart(7, '0')}`;
    const productCode = `${cat}${intensity ?? 'X'}${String(rng.int(1, 3)).padStart(2, '0')}`;
    await this.files.trajecten.row([
      trajId,
      id.clientId,
      id.birth,
      id.gender,
      this.g.code,
      id.wijk.code,
      id.wijk.team,
      provider.agb,
      cat,
      productCode,
      intensity,
      referrer,
      detail,
      request,
      allocation,
      hasStart ? start : null,
      end,
      reason,
      goal,
      euro(monthlyCents * 12),
      rng.chance(0.003) ? 'ja' : '',
      allocationNumber(trajId),
    ]);
    if (hasStart) await this.claims(trajId, provider, cat, productCode, start, end, monthlyCents);
    if (this.outside.get(provider.agb) === 'resultaat') {
      // half the arrangement at the start, half when its goals are reached; within the data only
      const price = arrangementCents(
        MONTHLY_EUR[cat],
        MEDIAN_DAYS[cat],
        intensity ? INTENSITY_COST[intensity as keyof typeof INTENSITY_COST] : 1,
        longFactor > 1,
      );
      const half = Math.round(price / 2);
      if (hasStart && start >= this.windowStart)
        this.tranches.push({ trajectory: trajId, client: id.clientId, no: 1, day: start, cents: half });
      if (end && goal === 'ja' && end >= this.windowStart)
        this.tranches.push({ trajectory: trajId, client: id.clientId, no: 2, day: end, cents: price - half });
    }
    if (end && end >= this.windowStart && rng.chance(SATISFACTION.responseRate)) {
      const score = Math.min(
        10,
        Math.max(
          1,
          Math.round(
            rng.normal(provider.satisfactionMean - (reason === '32' || reason === '33' ? 1.5 : 0), SATISFACTION.sd),
          ),
        ),
      );
      const half = Number(end.slice(5, 7)) <= 6 ? 'H1' : 'H2';
      await this.files.tevredenheid.row([this.g.code, `${end.slice(0, 4)}${half}`, provider.agb, trajId, score]);
    }
    return hasStart ? (end ?? null) : request;
  }

  private intensity(cat: DemoCategory): string {
    if (cat === '43' || cat === '44') return this.rng.weighted({ E: 25, F: 30, G: 25, H: 12, I: 8 });
    return this.rng.weighted(INTENSITY_WEIGHTS);
  }

  /**
   * After a liaison position started at the referring practice, part of its referrals go through the toegang (the
   * consultant works from the team): referrer 01, no practice. From the liaison stream, so no other draw moves.
   */
  private liaisonReferrer(r: { referrer: string; detail: string | null }, request: IsoDate) {
    if (r.referrer !== '02' || r.detail === null) return r;
    const p = this.liaison.positions.find((x) => x.locationKind === 'huisartsenpraktijk' && x.locationId === r.detail);
    if (!p || request < p.start || !this.liaison.rng.chance(LIAISON_EFFECT.redirected)) return r;
    return { referrer: '01', detail: null };
  }

  private referrer(cat: DemoCategory, first: boolean, wijk: Wijk): { referrer: string; detail: string | null } {
    const rng = this.rng;
    if (cat === '48') return { referrer: rng.chance(0.55) ? '04' : '08', detail: null };
    if (cat === '47') return { referrer: rng.chance(0.65) ? '08' : '04', detail: null };
    const referrer = !first && rng.chance(0.5) ? '01' : rng.weighted(this.referrers);
    if (referrer === '02') return { referrer, detail: rng.pick(wijk.gps) };
    if (referrer === '01' && rng.chance(0.2)) return { referrer, detail: rng.pick(wijk.schools) };
    return { referrer, detail: null };
  }

  private async claims(
    trajId: string,
    provider: DemoProvider,
    cat: DemoCategory,
    productCode: string,
    start: IsoDate,
    end: IsoDate | null,
    monthlyCents: number,
  ): Promise<void> {
    const rng = this.rng;
    const last = end ?? this.windowEnd;
    const tariff = TARIFF[cat];
    let month = isoDate(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 1);
    if (month < this.windowStart) month = this.windowStart;
    for (; month <= last; month = addMonths(month, 1)) {
      const y = Number(month.slice(0, 4));
      const m = Number(month.slice(5, 7));
      const monthEnd = isoDate(y, m, daysInMonth(y, m));
      const from = start > month ? start : month;
      const to = last < monthEnd ? last : monthEnd;
      const days = daysBetween(from, to) + 1;
      const cents = Math.round(((monthlyCents * days) / daysInMonth(y, m)) * rng.uniform(0.9, 1.1));
      const rejected = rng.chance(0.025);
      const volume = Math.max(1, Math.round((cents / 100 / tariff.eur) * 10) / 10);
      const outside = this.outside.get(provider.agb);
      if (outside) {
        // paid by lump sum or tranches: no claim is sent, but the random stream is drawn as for one, so every other
        // demo figure stays as it was; the budget still plans for the work (costByYear)
        if (!rejected) {
          if (outside === 'taakgericht') {
            const byYear = this.wouldBeClaims.get(provider.agb) ?? new Map<number, number>();
            byYear.set(y, (byYear.get(y) ?? 0) + cents);
            this.wouldBeClaims.set(provider.agb, byYear);
          }
          const form = careFormOf(cat) ?? 'zonder_verblijf';
          const byForm = this.costByYear.get(y) ?? new Map<string, number>();
          byForm.set(form, (byForm.get(form) ?? 0) + cents);
          this.costByYear.set(y, byForm);
        }
        continue;
      }
      const line = [
        `${trajId}-${y}${String(m).padStart(2, '0')}`,
        this.g.code,
        trajId,
        null,
        provider.agb,
        cat,
        productCode,
        from,
        to,
        String(volume).replace('.', ','),
        tariff.unit,
        euro(cents),
        'D',
        rejected ? 'afgewezen' : 'toegekend',
      ];
      if (trajId.startsWith(`${this.g.code}-V`)) this.laterClaims.push(line);
      else await this.files.declaraties.row(line);
      if (!rejected) {
        const form = careFormOf(cat) ?? 'zonder_verblijf';
        const byForm = this.costByYear.get(y) ?? new Map<string, number>();
        byForm.set(form, (byForm.get(form) ?? 0) + cents);
        this.costByYear.set(y, byForm);
        const byCat = this.costByCategory.get(y) ?? new Map<string, number>();
        byCat.set(cat, (byCat.get(cat) ?? 0) + cents);
        this.costByCategory.set(y, byCat);
      }
    }
  }
}

/**
 * Budget per taakveld: before 2023 the lines 6.72 and 6.82, from 2023 the split lines (folded back
 * for time series by the benchmark). Realised = claims plus the costs outside claims (PGB, toegang).
 */
async function writeBudget(
  w: CsvWriter,
  rng: Rng,
  g: DemoGemeente,
  costByYear: Map<number, Map<string, number>>,
  from: IsoDate,
  until: IsoDate,
): Promise<void> {
  const lastYear = Number(until.slice(0, 4));
  const overhead = rng.uniform(0.08, 0.16);
  let previous = 0;
  for (const year of [...costByYear.keys()].sort()) {
    if (`${year}-01-01` < from) continue; // a year the data covers only partly would look like a cheap year
    const f = costByYear.get(year)!;
    const get = (k: string) => (f.get(k) ?? 0) * (1 + overhead);
    const complete = year < lastYear || until.endsWith('-12-31');
    const lines: Array<[string, number]> =
      year < 2023
        ? [
            ['6.72', get('zonder_verblijf') + get('met_verblijf') + get('lokaal')],
            ['6.82', get('jeugdbescherming') + get('jeugdreclassering')],
          ]
        : [
            ['6.72a', get('zonder_verblijf') + get('lokaal')],
            ['6.72b', get('met_verblijf')],
            ['6.82a', get('jeugdbescherming')],
            ['6.82b', get('jeugdreclassering')],
          ];
    const total = lines.reduce((s, [, v]) => s + v, 0);
    for (const [line, realised] of lines) {
      const budget = complete
        ? realised * rng.uniform(0.92, 1.04)
        : previous > 0
          ? previous * (realised / Math.max(1, total)) * 1.04
          : realised * 2;
      const budgetCents = Math.round(budget / 100_000) * 100_000;
      // the gemeente's own programmes, and in the year still running a planned draw-down from the reserve sociaal
      // domein for residential care (5%) and an addition to it from jeugdreclassering (2%): derived, not drawn, so
      // the random stream (and every other demo figure) stays as it was
      const programme = line.startsWith('6.82') ? 'Jeugdbescherming en jeugdreclassering' : 'Jeugdhulp';
      const share = complete ? 0 : line === '6.72b' ? 0.05 : line === '6.82b' ? -0.02 : 0;
      const reserve = Math.round((budgetCents * share) / 100_000) * 100_000;
      await w.row([
        g.code,
        year,
        line,
        euro(budgetCents),
        euro(Math.round(realised)),
        programme,
        reserve === 0 ? '' : euro(reserve),
        reserve === 0 ? '' : 'Reserve sociaal domein',
      ]);
    }
    previous = total;
  }
}
