/**
 * The contract register (issue 19, contractmanager; docs/indicators.md "Contractregister"): per contract the caller
 * can see — a copy in one of its gemeenten — its providers, financing form in words, term with extension options,
 * the next decision date (the end of the current term: extend or end), the yearly ceiling against what the
 * contract year used so far (claims + payments), and a warning when the term ends within six months while youths
 * still have running allocations with its providers. A regional contract has a copy per party gemeente: the
 * register shows it once, with use and youths summed over the party gemeenten the caller sees only (`complete`
 * says whether those are all parties), so nothing of a gemeente outside the scope is shown.
 */
import {
  FINANCING_FORM_WORDS,
  contractYear,
  isFinancingForm,
  nextDecision,
  trancheRuleWords,
  type Term,
} from '../domain/contracts.js';
import { UserError } from '../domain/errors.js';
import type { Lens } from '../lens/lens.js';
import { contractRows, contractUse, providerNames, type ContractRow } from '../lens/contracts.js';
import { ratioHalfUp } from '../domain/decimal.js';

export interface RegisterProvider {
  agb: string;
  name: string | null;
}

export interface RegisterContract {
  id: string;
  name: string | null;
  providers: RegisterProvider[];
  consortium: string | null;
  perceel: string | null;
  financingForm: string;
  financingFormNl: string;
  financingFormEn: string;
  trancheRuleNl: string | null;
  productCategories: string[];
  productCodes: string[];
  /** every gemeente that is party, and those of them the figures cover (the caller's) */
  parties: string[];
  gemeenten: string[];
  complete: boolean;
  term: {
    start: string;
    initialEnd: string;
    currentEnd: string;
    maxEnd: string;
    /** the options as written, "2+2+2" ("" for none) */
    extensions: string;
    extensionsUsed: number;
    extensionsLeft: number;
  };
  /** the next moment to extend or end (end of the current term); null when it has ended */
  nextDecisionDate: string | null;
  nextEvaluationDate: string | null;
  contractYear: { from: string; to: string };
  ceilingCents: number | null;
  use: {
    claimsCents: number;
    paymentsCents: number;
    totalCents: number;
    /** total as % of the ceiling, one decimal; null without a ceiling */
    pct: number | null;
  };
  /** youths with a running allocation with its providers for its products on the reference day */
  youthsRunning: number | null;
  /** the term ends within six months of the reference day */
  endsSoon: boolean;
  /** endsSoon while youths still have running allocations: they need another place */
  warning: boolean;
}

export interface ContractRegister {
  /** the reference day: term, contract year and running allocations are taken on it */
  referenceDate: string;
  gemeenten: string[];
  contracts: RegisterContract[];
}

const split = (s: string, sep = '|'): string[] =>
  s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * A register entry with what the provider report (app/contractTalk.ts) needs beside it and the register's answer does
 * not show: the copies it was made from and the last months of its contract year with a claim line and with a payment.
 */
export interface RegisterEntry {
  contract: RegisterContract;
  copies: ContractRow[];
  lastUse: { claims: string | null; payments: string | null };
}

/** The register for these gemeenten (already checked against the caller's scope) on `day`. */
export async function contractRegister(
  lens: Lens,
  q: { gemeenten: readonly string[]; day: string; contractId?: string },
): Promise<ContractRegister> {
  const entries = await registerEntries(lens, q);
  return { referenceDate: q.day, gemeenten: [...q.gemeenten], contracts: entries.map((e) => e.contract) };
}

/** The register's contracts with their copies and last month of use, in the register's order. */
export async function registerEntries(
  lens: Lens,
  q: { gemeenten: readonly string[]; day: string; contractId?: string },
): Promise<RegisterEntry[]> {
  const rows = await contractRows(lens, q.gemeenten, q.contractId);
  const byId = new Map<string, ContractRow[]>();
  for (const r of rows) byId.set(r.contract_id, [...(byId.get(r.contract_id) ?? []), r]);
  const names = await providerNames(lens, [...new Set(rows.flatMap((r) => split(r.provider_agbs)))]);
  const contracts: RegisterEntry[] = [];
  for (const [id, copies] of byId) {
    const c = copies[0]!;
    const extensions = split(c.extension_years, '+').map(Number);
    // the copies carry one term (contractTypes.ts writes one row per party from one line, its ends from contractTerm)
    const current: Term = {
      start: c.start_date,
      end: c.end_date,
      currentEnd: c.current_end_date,
      maxEnd: c.max_end_date,
    };
    const year = contractYear(current.start, current.currentEnd, q.day);
    const decision = nextDecision(current, extensions, c.extensions_used, q.day);
    const use = await contractUse(
      lens,
      copies.map((k) => ({
        gemeente: k.gemeente_code,
        contractId: id,
        agbs: split(k.provider_agbs),
        productCategories: split(k.product_categories),
        productCodes: split(k.product_codes),
        from: year.from,
        to: year.to,
        day: q.day,
      })),
    );
    const claims = use.reduce((a, u) => a + u.claimsCents, 0);
    const payments = use.reduce((a, u) => a + u.paymentsCents, 0);
    const youths = use.reduce((a, u) => a + u.youthsRunning, 0);
    const ceiling = c.ceiling_cents === null ? null : Number(c.ceiling_cents);
    const form = isFinancingForm(c.financing_form) ? FINANCING_FORM_WORDS[c.financing_form] : null;
    const parties = split(c.parties);
    const gemeenten = copies.map((k) => k.gemeente_code);
    const latest = (pick: (u: (typeof use)[number]) => string | null) =>
      use.reduce<string | null>((a, u) => {
        const m = pick(u);
        return m !== null && (a === null || m > a) ? m : a;
      }, null);
    const lastUse = { claims: latest((u) => u.lastClaimMonth), payments: latest((u) => u.lastPaymentMonth) };
    const contract: RegisterContract = {
      id,
      name: c.name,
      providers: split(c.provider_agbs).map((agb) => ({ agb, name: names.get(agb) ?? null })),
      consortium: c.consortium,
      perceel: c.perceel,
      financingForm: c.financing_form,
      financingFormNl: form?.nl ?? c.financing_form,
      financingFormEn: form?.en ?? c.financing_form,
      trancheRuleNl: trancheRuleWords(c.tranche_rule),
      productCategories: split(c.product_categories),
      productCodes: split(c.product_codes),
      parties,
      gemeenten,
      complete: parties.every((g) => gemeenten.includes(g)),
      term: {
        start: current.start,
        initialEnd: current.end,
        currentEnd: current.currentEnd,
        maxEnd: current.maxEnd,
        extensions: extensions.join('+'),
        extensionsUsed: c.extensions_used,
        extensionsLeft: decision.extensionsLeft,
      },
      nextDecisionDate: decision.date,
      nextEvaluationDate: split(c.evaluation_dates).find((d) => d >= q.day) ?? null,
      contractYear: year,
      ceilingCents: ceiling,
      use: {
        claimsCents: claims,
        paymentsCents: payments,
        totalCents: claims + payments,
        // exact on the whole cents, half up (issue 14.7), as every published percentage
        pct: ceiling ? ratioHalfUp(claims + payments, ceiling, 100, 1) : null,
      },
      youthsRunning: youths,
      endsSoon: decision.endsSoon,
      warning: decision.endsSoon && youths > 0,
    };
    contracts.push({ contract, copies, lastUse });
  }
  // the next decision first: what needs attention soonest; ended contracts last
  contracts.sort(
    ({ contract: a }, { contract: b }) =>
      (a.nextDecisionDate ?? '9999').localeCompare(b.nextDecisionDate ?? '9999') || a.id.localeCompare(b.id, 'nl'),
  );
  return contracts;
}

/** One contract of the register; 404 in the error vocabulary when it is not there or not in the caller's gemeenten. */
export async function registerContract(
  lens: Lens,
  q: { gemeenten: readonly string[]; day: string; contractId: string },
): Promise<RegisterContract & { referenceDate: string }> {
  const r = await contractRegister(lens, q);
  const c = r.contracts[0];
  if (!c) throw new UserError('onbekend_contract', { id: q.contractId });
  return { ...c, referenceDate: r.referenceDate };
}
