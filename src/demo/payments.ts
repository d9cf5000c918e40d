/**
 * The demo region's money outside p×q (issue 19, seed 001, West-Brabant-West): the contracts paid outside iJw (the
 * wijkteams' lump sum, pgb through the SVB, the GI's subsidy), the providers paid by lump sum or in tranches instead of
 * claims, and the payments on them, written as betalingen.csv. The contracts themselves are in contracts.ts.
 */
import { join } from 'node:path';
import { CsvWriter } from './csvWriter.js';
import type { DemoCategory } from './calibration.js';
import type { DemoProvider } from './providers.js';
import { hash32 } from './random.js';

const euro = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',');

/**
 * Money outside p×q (issue 19, seed 001): the region pays its wijkteams a taakgericht lump sum by the month (no
 * JW323 at all), the SVB pays pgb holders and sends the gemeente a monthly total, and the gecertificeerde instelling
 * gets a quarterly subsidy for jeugdbescherming beside its per-trajectory tariffs. Amounts per youth 0–17 of the
 * gemeente, so each gemeente pays its share; written as betalingen.csv and counted in the budget (the gemeente
 * budgets what it pays).
 */
export interface PaymentContract {
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

export const lumpSumContractId = (n: number): string => `MW-TAAK-${n}`;
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
        provider: agb,
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
  /** the provider paid, when the contract names one (a lump sum to a provider) */
  readonly provider?: string;
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
