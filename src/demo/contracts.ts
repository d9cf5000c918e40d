/**
 * The demo region's contracts (issue 19): the Contracten page was empty on `npm start`. Three fictional percelen of a
 * regional procurement, each with the demo providers that offer its care, the tariffs the demo's claims are made at,
 * and a yearly ceiling a little above what the region claimed in the last complete year — so the register shows use
 * against a ceiling, a next decision and, for the ambulant perceel whose first term ends within six months of the day
 * the demo is looked at, the warning that youths still have running allocations with its providers.
 * Written as the canonical contracten.csv and contracttarieven.csv (docs/csv-formaat.md) and loaded like a
 * gemeente's own files.
 */
import { join } from 'node:path';
import { CsvWriter } from './csvWriter.js';
import { TARIFF, type DemoCategory } from './calibration.js';
import type { DemoProvider } from './providers.js';
import { hash32 } from './random.js';

interface Perceel {
  readonly id: string;
  readonly name: string;
  readonly perceel: string;
  readonly form: 'inspanningsgericht' | 'outputgericht';
  readonly categories: readonly DemoCategory[];
  /** years relative to the last data year: the start is 1 January of (last + startYear) */
  readonly startYear: number;
  /**
   * the first term in whole years; 'halfYearAfterData': to the end of the half-year after the data — the demo is
   * looked at in that half-year (its data reach the last complete one), so the term ends within six months of the day
   */
  readonly years: number | 'halfYearAfterData';
  readonly extensions: string;
  /** evaluation moments as month-day in the years of the first term after the first */
  readonly evaluation: string;
}

const PERCELEN: readonly Perceel[] = [
  {
    id: 'MW-AMB',
    name: 'Jeugdhulp zonder verblijf',
    perceel: 'perceel 1 ambulant',
    form: 'inspanningsgericht',
    categories: ['45', '54', '40', '41', '42'],
    startYear: -2,
    years: 'halfYearAfterData',
    extensions: '2+2',
    evaluation: '06-30',
  },
  {
    id: 'MW-VBL',
    name: 'Jeugdhulp met verblijf',
    perceel: 'perceel 2 verblijf',
    form: 'outputgericht',
    categories: ['43', '44', '46'],
    startYear: -3,
    years: 5,
    extensions: '1+1',
    evaluation: '12-31',
  },
  {
    id: 'MW-JBJR',
    name: 'Jeugdbescherming en jeugdreclassering',
    perceel: 'perceel 3 gecertificeerde instellingen',
    form: 'outputgericht',
    categories: ['47', '48'],
    startYear: -1,
    years: 4,
    extensions: '',
    evaluation: '12-31',
  },
];

const euro = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',');

/**
 * Money outside p×q (issue 19, seed 001): the region pays its wijkteams a taakgericht lump sum by the month (no
 * JW323 at all), the SVB pays pgb holders and sends the gemeente a monthly total, and the gecertificeerde instelling
 * gets a quarterly subsidy for jeugdbescherming beside its per-trajectory tariffs. Amounts per youth 0–17 of the
 * gemeente, so each gemeente pays its share; written as betalingen.csv and counted in the budget (the gemeente
 * budgets what it pays).
 */
interface PaymentContract {
  readonly id: string;
  readonly name: string;
  readonly consortium: string;
  readonly form: 'taakgericht' | 'pgb' | 'subsidie';
  readonly kind: 'termijn' | 'pgb' | 'subsidie';
  readonly categories: readonly DemoCategory[];
  /** months between payments: 1 monthly, 3 quarterly */
  readonly every: 1 | 3;
  /** cents per youth 0–17 per payment */
  readonly perYouth: number;
  /** the care form whose budget line holds it */
  readonly budgetForm: 'zonder_verblijf' | 'jeugdbescherming';
  /** a ceiling: the contract's yearly lump sum (taakgericht), else none */
  readonly ceiling: boolean;
}

export const PAYMENT_CONTRACTS: readonly PaymentContract[] = [
  {
    id: 'MW-WIJK',
    name: 'Wijkteams jeugd en gezin',
    consortium: 'Samen Middenwaard (consortium wijkteams)',
    form: 'taakgericht',
    kind: 'termijn',
    categories: ['45'],
    every: 1,
    perYouth: 450,
    budgetForm: 'zonder_verblijf',
    ceiling: true,
  },
  {
    id: 'MW-PGB',
    name: 'Persoonsgebonden budgetten jeugd (SVB)',
    consortium: 'Sociale Verzekeringsbank (trekkingsrecht)',
    form: 'pgb',
    kind: 'pgb',
    categories: [],
    every: 1,
    // unused: the pgb is paid per budget holder (pgbPayments)
    perYouth: 0,
    budgetForm: 'zonder_verblijf',
    ceiling: false,
  },
  {
    id: 'MW-GI-SUB',
    name: 'Subsidie gecertificeerde instelling',
    consortium: 'Jeugdbescherming Middenwaard (GI)',
    form: 'subsidie',
    kind: 'subsidie',
    categories: ['48'],
    every: 3,
    perYouth: 600,
    budgetForm: 'jeugdbescherming',
    ceiling: false,
  },
];

/**
 * Providers paid outside p×q (issue 19, seeds 001 and West-Brabant-West): two medium providers work on a taakgericht
 * lump sum — their allocations still arrive (JW301, start and stop), but they send no claims at all — and one on a
 * result-based contract, paid half at the start of a trajectory and half when its goals are reached. The middle-sized
 * providers 8–10 of the demo's list: large enough to have youths in every gemeente, small enough to leave p×q the
 * bulk of the money.
 */
export const OUTSIDE_CLAIMS: ReadonlyMap<number, 'taakgericht' | 'resultaat'> = new Map([
  [7, 'taakgericht'],
  [8, 'taakgericht'],
  [9, 'resultaat'],
]);
export const RESULT_TRANCHES = '50 start | 50 doelrealisatie';

/** The financing form of a demo provider's work when it is not p×q (the region only; the national set is CBS). */
export function outsideClaimsForm(
  providers: readonly DemoProvider[],
): ReadonlyMap<string, 'taakgericht' | 'resultaat'> {
  return new Map([...OUTSIDE_CLAIMS].flatMap(([i, form]) => (providers[i] ? [[providers[i].agb, form] as const] : [])));
}

const lumpSumContractId = (n: number): string => `MW-TAAK-${n}`;
export const RESULT_CONTRACT_ID = 'MW-RES';

/**
 * A trajectory's arrangement price on the result-based contract: the expected months of its product (median duration,
 * longer for the heaviest intensities) at the product's monthly price, to whole tens of euros. One price per product,
 * as a result contract sets it, not per youth.
 */
export function arrangementCents(monthlyEur: number, medianDays: number, intensityCost: number, long: boolean): number {
  const months = (medianDays * (long ? 2.2 : 1)) / 30.44;
  return Math.round((monthlyEur * intensityCost * months) / 10) * 1000;
}

/** A tranche paid on the result contract: tranche 1 in the trajectory's start month, 2 in its end month. */
export interface DemoTranche {
  readonly trajectory: string;
  readonly client: string;
  readonly no: 1 | 2;
  readonly day: string;
  readonly cents: number;
}

/**
 * The lump sums of one gemeente: per taakgericht provider and month, a twelfth of what its work in that year would
 * have cost as p×q (`wouldBe`: cents per provider and year, the months of the year in the data as divisor), in whole
 * euros — the region set each year's lump sum from the volume it expected.
 */
export function demoLumpSums(
  gemeente: string,
  lumpSumProviders: readonly string[],
  wouldBe: ReadonlyMap<string, ReadonlyMap<number, number>>,
  from: string,
  until: string,
): DemoPayment[] {
  const out: DemoPayment[] = [];
  const first = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1;
  const last = Number(until.slice(0, 4)) * 12 + Number(until.slice(5, 7)) - 1;
  lumpSumProviders.forEach((agb, i) => {
    for (let m = first; m <= last; m++) {
      const year = Math.floor(m / 12);
      const months = Math.min(last, year * 12 + 11) - Math.max(first, year * 12) + 1;
      const cents = Math.round((wouldBe.get(agb)?.get(year) ?? 0) / months / 100) * 100;
      if (cents <= 0) continue;
      const month = `${year}-${String((m % 12) + 1).padStart(2, '0')}`;
      out.push({
        id: `${lumpSumContractId(i + 1)}-${gemeente}-${month}`,
        contract: lumpSumContractId(i + 1),
        month,
        kind: 'termijn',
        cents,
        budgetForm: 'zonder_verblijf',
      });
    }
  });
  return out;
}

export interface DemoPayment {
  readonly id: string;
  readonly contract: string;
  /** the month paid for, YYYY-MM */
  readonly month: string;
  readonly kind: string;
  readonly cents: number;
  /** the youth it names (pgb: the budget holder's own client number) */
  readonly client?: string;
  readonly budgetForm: PaymentContract['budgetForm'];
}

/** The share of the gemeente's youths 0–17 holding a pgb at any time: about 5% of the youths in care (~12%). */
const PGB_HOLDER_SHARE = 0.006;

/**
 * A gemeente's payments on the payment contracts, month by month from the data's first month to its last. The pgb is
 * the SVB's export per budget holder: a slot is one youth's pgb after another (6–30 months each, a budget of €250–1.500
 * a month paid with a little variation), so that at any time about 5% of the youths in care have one; each payment names
 * its client (an own client number, pseudonymised at the door like every client). Drawn from a hash, not the demo's
 * random stream, so every other demo figure stays as it was.
 */
export function demoPayments(gemeente: string, youths: number, from: string, until: string): DemoPayment[] {
  const out: DemoPayment[] = [];
  const first = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1;
  const last = Number(until.slice(0, 4)) * 12 + Number(until.slice(5, 7)) - 1;
  const monthOf = (m: number): string => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  for (const c of PAYMENT_CONTRACTS) {
    if (c.form === 'pgb') {
      out.push(...pgbPayments(c, gemeente, youths, first, last, monthOf));
      continue;
    }
    for (let m = first; m <= last; m++) {
      if ((m % 12) % c.every !== 0) continue;
      const month = monthOf(m);
      out.push({
        id: `${c.id}-${gemeente}-${month}`,
        contract: c.id,
        month,
        kind: c.kind,
        cents: youths * c.perYouth,
        budgetForm: c.budgetForm,
      });
    }
  }
  return out;
}

function pgbPayments(
  c: PaymentContract,
  gemeente: string,
  youths: number,
  first: number,
  last: number,
  monthOf: (m: number) => string,
): DemoPayment[] {
  const out: DemoPayment[] = [];
  const slots = Math.max(1, Math.round(youths * PGB_HOLDER_SHARE));
  for (let slot = 0; slot < slots; slot++) {
    // the first holder started up to 30 months before the data, so the slots do not all begin together
    let m = first - (hash32(`${gemeente}-pgb-${slot}`) % 30);
    for (let k = 1; m <= last; k++) {
      const h = hash32(`${gemeente}-pgb-${slot}-${k}`);
      const months = 6 + (h % 25);
      const monthly = (250 + ((h >>> 8) % 251) * 5) * 100;
      const client = `PGB${gemeente}${String(slot).padStart(3, '0')}${String(k).padStart(2, '0')}`;
      for (let i = 0; i < months && m <= last; i++, m++) {
        if (m < first) continue;
        const month = monthOf(m);
        const cents = Math.round((monthly * (95 + (hash32(`${client}-${m}`) % 11))) / 100);
        out.push({
          id: `${c.id}-${client}-${month}`,
          contract: c.id,
          month,
          kind: c.kind,
          cents,
          client,
          budgetForm: c.budgetForm,
        });
      }
    }
  }
  return out;
}

/** The betalingen.csv writer and its columns (docs/csv-formaat.md). */
export function paymentsWriter(outDir: string): CsvWriter {
  return new CsvWriter(join(outDir, 'betalingen.csv'), [
    'betaling_id',
    'contract_id',
    'gemeente',
    'periode',
    'soort',
    'tranche_nummer',
    'bedrag_euro',
    'client_id',
    'traject_id',
  ]);
}

export async function writeDemoPayments(
  w: CsvWriter,
  gemeente: string,
  payments: readonly DemoPayment[],
): Promise<void> {
  for (const p of payments)
    await w.row([p.id, p.contract, gemeente, p.month, p.kind, null, euro(p.cents), p.client ?? null, null]);
}

/** The tranches of one gemeente on the result contract, each naming its trajectory and client. */
export async function writeDemoTranches(
  w: CsvWriter,
  gemeente: string,
  tranches: readonly DemoTranche[],
): Promise<void> {
  for (const t of tranches)
    await w.row([
      `${RESULT_CONTRACT_ID}-${t.trajectory}-${t.no}`,
      RESULT_CONTRACT_ID,
      gemeente,
      t.day,
      'tranche',
      t.no,
      euro(t.cents),
      t.client,
      t.trajectory,
    ]);
}

export interface DemoContractFiles {
  readonly contracten: { path: string; rows: number };
  readonly contracttarieven: { path: string; rows: number };
}

/**
 * `claimedByYear`: the region's claimed cents per year and category (rejected lines left out), for the ceilings.
 * `from`, `until`: the first and last day of the data; `youthsTotal`: the region's youths 0–17 (the wijkteams' lump
 * sum's ceiling); `outsideByYear`: per provider paid outside p×q the region's cents paid per year (lump sums, tranches).
 */
export async function writeDemoContracts(
  outDir: string,
  gemeenten: readonly string[],
  providers: readonly DemoProvider[],
  claimedByYear: ReadonlyMap<number, ReadonlyMap<string, number>>,
  from: string,
  until: string,
  youthsTotal: number,
  outsideByYear: ReadonlyMap<string, ReadonlyMap<number, number>>,
): Promise<DemoContractFiles> {
  const last = Number(until.slice(0, 4));
  // the last year the data cover whole
  const fullYear = until.endsWith('-12-31') ? last : last - 1;
  const contracts = new CsvWriter(join(outDir, 'contracten.csv'), [
    'contract_id',
    'naam',
    'aanbieder_agb',
    'consortium',
    'perceel',
    'financieringsvorm',
    'tranches',
    'productcategorieen',
    'productcodes',
    'plafond_euro',
    'startdatum',
    'einddatum',
    'verlengingen',
    'verlengingen_benut',
    'evaluatiemomenten',
    'gemeenten',
  ]);
  const tariffs = new CsvWriter(join(outDir, 'contracttarieven.csv'), [
    'contract_id',
    'productcategorie',
    'productcode',
    'eenheid',
    'tarief_euro',
    'geldig_van',
    'geldig_tot',
  ]);
  const outside = outsideClaimsForm(providers);
  for (const p of PERCELEN) {
    const agbs = providers
      .filter((x) => !outside.has(x.agb) && p.categories.some((c) => x.categories.has(c)))
      .map((x) => x.agb);
    if (agbs.length === 0) continue;
    const start = `${last + p.startYear}-01-01`;
    const end =
      p.years !== 'halfYearAfterData'
        ? `${last + p.startYear + p.years - 1}-12-31`
        : until.endsWith('-06-30')
          ? `${last}-12-31`
          : `${last + 1}-06-30`;
    const claimed = p.categories.reduce((s, c) => s + (claimedByYear.get(fullYear)?.get(c) ?? 0), 0);
    // 5% above the last whole year, in tens of thousands of euros; none when nothing was claimed (open end)
    const ceiling = claimed > 0 ? Math.ceil((claimed * 1.05) / 1_000_000) * 1_000_000 : null;
    // one a year after the first, within the term
    const evaluations = Array.from({ length: 6 }, (_, i) => `${last + p.startYear + i + 1}-${p.evaluation}`)
      .filter((d) => d < end)
      .join('|');
    await contracts.row([
      p.id,
      p.name,
      agbs.join('|'),
      null,
      p.perceel,
      p.form,
      null,
      p.categories.join('|'),
      null,
      ceiling === null ? null : euro(ceiling),
      start,
      end,
      p.extensions || null,
      p.extensions ? '0' : null,
      evaluations || null,
      gemeenten.join('|'),
    ]);
    for (const c of p.categories) {
      const t = TARIFF[c];
      await tariffs.row([p.id, c, null, t.unit, euro(Math.round(t.eur * 100)), start, null]);
    }
  }
  // the contracts paid outside iJw, for the whole data window and two years on; the lump sum's ceiling is its year
  const firstYear = Number(from.slice(0, 4));
  let lumpSums = 0;
  for (const [agb, form] of outside) {
    const provider = providers.find((x) => x.agb === agb)!;
    const taak = form === 'taakgericht';
    const id = taak ? lumpSumContractId(++lumpSums) : RESULT_CONTRACT_ID;
    // a lump sum's ceiling is the last whole year's sum; the result contract's 5% above the tranches paid in it
    const year = outsideByYear.get(agb)?.get(fullYear) ?? 0;
    const ceiling = year <= 0 ? null : taak ? year : Math.ceil((year * 1.05) / 1_000_000) * 1_000_000;
    await contracts.row([
      id,
      taak ? `Taakgericht: ${provider.name}` : `Resultaatgericht ambulant: ${provider.name}`,
      agb,
      null,
      taak ? 'perceel 4 taakgericht' : 'perceel 5 resultaat',
      form,
      taak ? null : RESULT_TRANCHES,
      null,
      null,
      ceiling === null ? null : euro(ceiling),
      `${firstYear}-01-01`,
      `${last + 2}-12-31`,
      '2+2',
      '0',
      null,
      gemeenten.join('|'),
    ]);
  }
  for (const c of PAYMENT_CONTRACTS) {
    const yearly = c.ceiling ? youthsTotal * c.perYouth * (12 / c.every) : null;
    await contracts.row([
      c.id,
      c.name,
      null,
      c.consortium,
      'buiten p×q',
      c.form,
      null,
      c.categories.join('|') || null,
      null,
      yearly === null ? null : euro(yearly),
      `${firstYear}-01-01`,
      `${last + 2}-12-31`,
      null,
      null,
      null,
      gemeenten.join('|'),
    ]);
  }
  await contracts.close();
  await tariffs.close();
  return {
    contracten: { path: join(outDir, 'contracten.csv'), rows: contracts.rows },
    contracttarieven: { path: join(outDir, 'contracttarieven.csv'), rows: tariffs.rows },
  };
}
