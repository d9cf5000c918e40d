/**
 * The reference for `tranche_ledger`, `lumpsum_volume` and `cost_per_youth_by_form` (issue 19), written from their
 * definitions in docs/indicators.md ("Trancheboek", "Lumpsum tegen gerealiseerd volume", "Kosten per jeugdige naar
 * financieringsvorm"), not from the SQL of lens/contractMoney.ts or lens/money.ts.
 * reference.ts registers this into REFERENCE, so it cannot import from there (the layer check refuses import cycles):
 * the records it reads (structural parts of RefContract, RefPayment and RefTrajectory), the effective end and the
 * exact rounding are restated here.
 */
import type { RefRow } from './row.js';

interface MoneyContract {
  readonly id: string;
  readonly providers: readonly string[];
  readonly categories: readonly string[];
  readonly productCodes?: readonly string[];
  readonly form: string;
  readonly parties: readonly string[];
  /** tranches by moment (contract_tranche rows); 0 or absent: none ('maandelijks' or another form) */
  readonly trancheCount?: number;
  /** the term: start and the end of the current term (absent: always in force) */
  readonly start?: string;
  readonly end?: string;
}
interface MoneyPayment {
  readonly gemeente: string;
  readonly id: string;
  readonly contract: string;
  readonly periodStart: string;
  readonly amountCents: number;
  readonly written?: {
    readonly kind: string;
    readonly tranche: number | null;
    readonly client: string | null;
    readonly trajectory?: string | null;
  };
}
interface MoneyTrajectory {
  readonly gemeente: string;
  readonly id: string;
  readonly youth: string;
  readonly provider: string;
  readonly category: string;
  readonly productCode: string | null;
  readonly allocationDate: string;
  readonly allocationStart: string | null;
  readonly allocationEnd: string | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly goal: string | null;
  readonly withdrawn: boolean;
}
interface MoneyClaim {
  readonly gemeente: string;
  readonly trajectoryId: string | null;
  readonly periodStart: string;
  readonly amountCents: number;
  readonly debitCredit: 'D' | 'C';
  readonly status: string;
}
interface MoneyData {
  readonly claims?: readonly MoneyClaim[];
  readonly contracts?: readonly MoneyContract[];
  readonly payments?: readonly MoneyPayment[];
  readonly trajectories: readonly MoneyTrajectory[];
}
interface MoneyPeriod {
  readonly start: string;
  readonly end: string;
}
type MoneyIndicator = (d: MoneyData, p: MoneyPeriod, by: string | null) => RefRow[];

/** Effective start and end (docs/indicators.md): actual dates, else the allocation's; an end never before the start. */
function effective(t: MoneyTrajectory): { s: string; e: string | null } {
  const s = t.start ?? t.allocationStart ?? t.allocationDate;
  const e = t.end ?? (t.allocationEnd === null ? null : t.allocationEnd < s ? s : t.allocationEnd);
  return { s, e };
}

/** Whole cents as euros, written as a decimal and read back. */
function euros(cents: number): number {
  const neg = cents < 0;
  const s = String(Math.abs(cents)).padStart(3, '0');
  return Number(`${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`);
}

/** cents ÷ n to whole cents, half away from zero, in BigInt. */
function centsPer(cents: number, n: number): number {
  const a = BigInt(Math.abs(cents));
  const d = BigInt(n);
  let q = a / d;
  if ((a % d) * 2n >= d) q += 1n;
  return euros(cents < 0 ? -Number(q) : Number(q));
}

const sortedKeys = <T>(m: Map<string, T>) => [...m.keys()].sort();
const onlyProvider = (c: MoneyContract) => (c.providers.length === 1 ? c.providers[0]! : 'onbekend');

const STATUSES = ['eerste_tranche', 'laatste_tranche', 'openstaand', 'afgesloten_na_eerste'] as const;
type Status = (typeof STATUSES)[number];

const trancheLedger: MoneyIndicator = (d, p, by) => {
  const contracts = new Map((d.contracts ?? []).map((c) => [c.id, c]));
  const trajectories = new Map(
    d.trajectories.filter((t) => !t.withdrawn).map((t) => [`${t.gemeente}|${t.id}`, { ...t, ...effective(t) }]),
  );
  interface Unit {
    readonly g: string;
    readonly contract: MoneyContract;
    readonly trajectory: string | null;
    inCents: Map<number, number>;
    endCents: Map<number, number>;
  }
  const units = new Map<string, Unit>();
  for (const x of d.payments ?? []) {
    const c = contracts.get(x.contract);
    const w = x.written;
    if (!c || !w || w.kind !== 'tranche' || w.tranche === null || !((c.trancheCount ?? 0) > 0)) continue;
    if (x.periodStart > p.end) continue;
    const trajectory = w.trajectory ?? null;
    const unitKey = trajectory ?? (w.client !== null ? `client:${w.client}` : `betaling:${x.id}`);
    const k = `${x.gemeente}|${c.id}|${unitKey}`;
    const u = units.get(k) ?? { g: x.gemeente, contract: c, trajectory, inCents: new Map(), endCents: new Map() };
    units.set(k, u);
    if (x.periodStart >= p.start) u.inCents.set(w.tranche, (u.inCents.get(w.tranche) ?? 0) + x.amountCents);
    u.endCents.set(w.tranche, (u.endCents.get(w.tranche) ?? 0) + x.amountCents);
  }
  const groups = new Map<string, Map<Status, { n: number; cents: number }>>();
  for (const u of units.values()) {
    const last = u.contract.trancheCount!;
    const t = u.trajectory === null ? undefined : trajectories.get(`${u.g}|${u.trajectory}`);
    const paid = (no: number) => (u.endCents.get(no) ?? 0) > 0;
    const laterPaid = [...u.endCents.keys()].some((no) => no > 1 && paid(no));
    const total = [...u.endCents.values()].reduce((s, c) => s + c, 0);
    const closedByEnd =
      last > 1 && paid(1) && !laterPaid && t !== undefined && t.e !== null && t.e <= p.end && t.goal !== 'ja';
    const counted: Array<[Status, boolean, number]> = [
      ['eerste_tranche', (u.inCents.get(1) ?? 0) > 0, u.inCents.get(1) ?? 0],
      ['laatste_tranche', (u.inCents.get(last) ?? 0) > 0, u.inCents.get(last) ?? 0],
      ['openstaand', last > 1 && paid(1) && !paid(last) && !closedByEnd, total],
      ['afgesloten_na_eerste', closedByEnd && t!.e! >= p.start, total],
    ];
    const key = by === 'aanbieder' ? (t?.provider ?? onlyProvider(u.contract)) : by === 'contract' ? u.contract.id : '';
    const gk = `${u.g}|${key}`;
    const group = groups.get(gk) ?? new Map();
    groups.set(gk, group);
    for (const [status, yes, cents] of counted) {
      if (!yes) continue;
      const s = group.get(status) ?? { n: 0, cents: 0 };
      group.set(status, { n: s.n + 1, cents: s.cents + cents });
    }
  }
  const split = by ?? 'status';
  return sortedKeys(groups).flatMap((gk) => {
    const g = gk.slice(0, 4);
    const k = by === 'aanbieder' || by === 'contract' ? gk.slice(5) : null;
    const name = (m: string) => (k === null ? m : `${m}|${k}`);
    const group = groups.get(gk)!;
    return STATUSES.flatMap((status) => {
      const s = group.get(status);
      if (!s) return [];
      return [
        { gemeente: g, by: split, key: name(status), value: s.n, numerator: s.n, denominator: null },
        {
          gemeente: g,
          by: split,
          key: name(`${status}_bedrag`),
          value: euros(s.cents),
          numerator: euros(s.cents),
          denominator: null,
        },
      ];
    });
  });
};

const lumpsumVolume: MoneyIndicator = (d, p, by) => {
  const split = by ?? 'contract';
  interface Group {
    cents: number;
    youths: Set<string>;
    trajectories: Set<string>;
  }
  const groups = new Map<string, Group>();
  const active = d.trajectories
    .filter((t) => !t.withdrawn)
    .map((t) => ({ ...t, ...effective(t) }))
    .filter((t) => t.s <= p.end && (t.e === null || t.e >= p.start));
  for (const c of d.contracts ?? []) {
    if (c.form !== 'taakgericht') continue;
    for (const g of c.parties) {
      const paid = (d.payments ?? []).filter(
        (x) => x.gemeente === g && x.contract === c.id && x.periodStart >= p.start && x.periodStart <= p.end,
      );
      const inForce = (c.start ?? '0000') <= p.end && (c.end ?? '9999') >= p.start;
      if (!inForce && paid.length === 0) continue;
      const key = by === 'aanbieder' ? onlyProvider(c) : c.id;
      const gk = `${g}|${key}`;
      const group = groups.get(gk) ?? { cents: 0, youths: new Set(), trajectories: new Set() };
      groups.set(gk, group);
      group.cents += paid.reduce((s, x) => s + x.amountCents, 0);
      const codes = c.productCodes ?? [];
      for (const t of active) {
        if (t.gemeente !== g || !c.providers.includes(t.provider)) continue;
        const covered =
          codes.length > 0
            ? t.productCode !== null && codes.includes(t.productCode)
            : c.categories.length === 0 || c.categories.includes(t.category);
        if (!covered) continue;
        group.youths.add(t.youth);
        group.trajectories.add(t.id);
      }
    }
  }
  return sortedKeys(groups).flatMap((gk) => {
    const g = gk.slice(0, 4);
    const k = gk.slice(5);
    const x = groups.get(gk)!;
    const n = x.youths.size;
    const m = x.trajectories.size;
    return [
      {
        gemeente: g,
        by: split,
        key: `bedrag|${k}`,
        value: euros(x.cents),
        numerator: euros(x.cents),
        denominator: null,
      },
      { gemeente: g, by: split, key: `jeugdigen|${k}`, value: n, numerator: n, denominator: null },
      { gemeente: g, by: split, key: `trajecten|${k}`, value: m, numerator: m, denominator: null },
      {
        gemeente: g,
        by: split,
        key: `bedrag_per_jeugdige|${k}`,
        value: n > 0 ? centsPer(x.cents, n) : null,
        numerator: euros(x.cents),
        denominator: n,
      },
    ];
  });
};

/** Does contract c cover trajectory t (its provider is one of c's, its product one c covers)? */
function covers(c: MoneyContract, t: MoneyTrajectory): boolean {
  if (!c.providers.includes(t.provider)) return false;
  const codes = c.productCodes ?? [];
  if (codes.length > 0) return t.productCode !== null && codes.includes(t.productCode);
  return c.categories.length === 0 || c.categories.includes(t.category);
}

/**
 * Per gemeente and financing form ('declaraties' for claim lines, else the payment's contract's form): the cost, the
 * distinct youths its money reached, the part that reached none, and the cost per youth — each line on its own: a
 * claim line reaches the youth of its trajectory (not when rejected); a payment its client, else its trajectory's
 * youth (a trajectory not in the data is one youth of its own); a payment naming no one on a contract with AGB codes
 * that is not a subsidy the youths that contract served in the period; anything else reaches no one.
 */
const costPerYouthByForm: MoneyIndicator = (d, p) => {
  const contracts = new Map((d.contracts ?? []).map((c) => [c.id, c]));
  const youthOf = new Map(d.trajectories.map((t) => [`${t.gemeente}|${t.id}`, t.youth]));
  const active = d.trajectories
    .filter((t) => !t.withdrawn)
    .map((t) => ({ ...t, ...effective(t) }))
    .filter((t) => t.s <= p.end && (t.e === null || t.e >= p.start));
  const inPeriod = (day: string) => day >= p.start && day <= p.end;
  interface Form {
    cents: number;
    loose: number;
    youths: Set<string>;
  }
  const forms = new Map<string, Form>();
  const add = (g: string, form: string, cents: number, youths: readonly string[]) => {
    const f = forms.get(`${g}|${form}`) ?? { cents: 0, loose: 0, youths: new Set<string>() };
    forms.set(`${g}|${form}`, f);
    f.cents += cents;
    if (youths.length === 0) f.loose += cents;
    for (const y of youths) f.youths.add(y);
  };
  for (const c of d.claims ?? []) {
    if (!inPeriod(c.periodStart)) continue;
    const rejected = c.status === 'afgewezen';
    const youth = !rejected && c.trajectoryId !== null ? youthOf.get(`${c.gemeente}|${c.trajectoryId}`) : undefined;
    add(c.gemeente, 'declaraties', rejected ? 0 : c.debitCredit === 'C' ? -c.amountCents : c.amountCents, [
      ...(youth === undefined ? [] : [youth]),
    ]);
  }
  for (const x of d.payments ?? []) {
    if (!inPeriod(x.periodStart)) continue;
    const c = contracts.get(x.contract);
    const client = x.written?.client ?? null;
    const trajectory = x.written?.trajectory ?? null;
    const named =
      client ?? (trajectory === null ? null : (youthOf.get(`${x.gemeente}|${trajectory}`) ?? `traject:${trajectory}`));
    const served =
      named === null && c !== undefined && c.providers.length > 0 && c.form !== 'subsidie'
        ? active.filter((t) => t.gemeente === x.gemeente && covers(c, t)).map((t) => t.youth)
        : [];
    add(x.gemeente, c?.form ?? 'onbekend', x.amountCents, named === null ? served : [named]);
  }
  const row = (g: string, key: string, value: number | null, numerator: number | null, denominator: number | null) => ({
    gemeente: g,
    by: 'financieringsvorm',
    key,
    value,
    numerator,
    denominator,
  });
  return sortedKeys(forms).flatMap((gk) => {
    const g = gk.slice(0, 4);
    const form = gk.slice(5);
    const f = forms.get(gk)!;
    const n = f.youths.size;
    const reached = f.cents - f.loose;
    return [
      row(g, `bedrag|${form}`, euros(f.cents), euros(f.cents), null),
      row(g, `jeugdigen|${form}`, n, n, null),
      row(g, `niet_toegerekend|${form}`, euros(f.loose), euros(f.loose), null),
      row(g, `per_jeugdige|${form}`, n > 0 ? centsPer(reached, n) : null, euros(reached), n),
    ];
  });
};

export const CONTRACT_MONEY_REFERENCE: Readonly<Record<string, MoneyIndicator>> = {
  tranche_ledger: trancheLedger,
  lumpsum_volume: lumpsumVolume,
  cost_per_youth_by_form: costPerYouthByForm,
};
