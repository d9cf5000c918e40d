/**
 * Contracts as gemeenten really make them (issue 19): six financing forms, the tranche rule of a result-based
 * contract, and a term with extension options ("3+2+2+2": three years, then three options of two). Pure rules:
 * the canonical CSV (ingest/csv/contractTypes.ts) uses them, and so will the indicators.
 */
import { addDays, addMonths, type IsoDate } from './dates.js';

export const FINANCING_FORMS = [
  'inspanningsgericht',
  'outputgericht',
  'taakgericht',
  'resultaat',
  'pgb',
  'subsidie',
] as const;
export type FinancingForm = (typeof FINANCING_FORMS)[number];

export function isFinancingForm(s: string): s is FinancingForm {
  return (FINANCING_FORMS as readonly string[]).includes(s);
}

/** The moments a tranche of a result-based contract is paid at. */
export const TRANCHE_MOMENTS = ['start', 'evaluatie', 'einde', 'doelrealisatie'] as const;
export type TrancheMoment = (typeof TRANCHE_MOMENTS)[number];

export const PAYMENT_KINDS = ['termijn', 'voorschot', 'tranche', 'pgb', 'subsidie'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export interface Tranche {
  readonly no: number;
  /** share in percent, at most two decimals */
  readonly sharePct: number;
  readonly moment: TrancheMoment;
}

/** A tranche rule: fixed shares at moments, or monthly tranches (woonzorg, pleegzorg). */
export type TrancheRule =
  { readonly kind: 'maandelijks' } | { readonly kind: 'momenten'; readonly tranches: Tranche[] };

export type RuleResult<T> = { ok: true; value: T } | { ok: false; code: string; nl: string; en: string };

const bad = (code: string, nl: string, en: string): RuleResult<never> => ({ ok: false, code, nl, en });

/**
 * "50 start | 50 doelrealisatie", "50% start | 50% doelrealisatie", "40 start | 30 evaluatie | 30 doelrealisatie"
 * or "maandelijks". Shares may carry a decimal comma or point (two decimals at most) and must add up to exactly 100.
 */
export function parseTrancheRule(raw: string): RuleResult<TrancheRule> {
  const s = raw.trim().toLowerCase();
  if (s === 'maandelijks' || s === 'maand') return { ok: true, value: { kind: 'maandelijks' } };
  const tranches: Tranche[] = [];
  let hundredths = 0;
  for (const part of s.split('|').map((p) => p.trim())) {
    const m = /^(\d{1,3}(?:[.,]\d{1,2})?)\s*%?\s+([a-z]+)$/.exec(part);
    if (!m)
      return bad(
        'invalid_tranche_rule',
        `tranche "${part}" is niet te lezen: schrijf aandeel en moment, zoals "50 start | 50 doelrealisatie", of "maandelijks"`,
        `tranche "${part}" cannot be read: write share and moment, like "50 start | 50 doelrealisatie", or "maandelijks"`,
      );
    const moment = m[2]!;
    if (!(TRANCHE_MOMENTS as readonly string[]).includes(moment))
      return bad(
        'unknown_tranche_moment',
        `onbekend moment "${moment}"; kies uit ${TRANCHE_MOMENTS.join(', ')}`,
        `unknown moment "${moment}"; choose from ${TRANCHE_MOMENTS.join(', ')}`,
      );
    const h = Math.round(Number(m[1]!.replace(',', '.')) * 100);
    if (h <= 0)
      return bad('invalid_tranche_rule', 'een tranche heeft een aandeel boven 0%', 'a tranche has a share above 0%');
    hundredths += h;
    tranches.push({ no: tranches.length + 1, sharePct: h / 100, moment: moment as TrancheMoment });
  }
  if (hundredths !== 10000) {
    const sum = (hundredths / 100).toLocaleString('nl-NL');
    return bad(
      'tranche_sum',
      `de tranches tellen op tot ${sum}%, niet tot 100%`,
      `the tranches add up to ${hundredths / 100}%, not to 100%`,
    );
  }
  return { ok: true, value: { kind: 'momenten', tranches } };
}

/** The normalised text of a rule, as stored: "50 start | 50 doelrealisatie" or "maandelijks". */
export function trancheRuleText(rule: TrancheRule): string {
  return rule.kind === 'maandelijks'
    ? 'maandelijks'
    : rule.tranches.map((t) => `${t.sharePct} ${t.moment}`).join(' | ');
}

/** Extension options in whole years, "2+2+2" (empty: none). */
export function parseExtensions(raw: string): RuleResult<number[]> {
  const s = raw.trim();
  if (s === '') return { ok: true, value: [] };
  const parts = s.split('+').map((p) => p.trim());
  if (!parts.every((p) => /^\d{1,2}$/.test(p) && Number(p) >= 1))
    return bad(
      'invalid_extensions',
      'verlengingen zijn hele jaren gescheiden door +, zoals 2+2+2',
      'extensions are whole years separated by +, like 2+2+2',
    );
  return { ok: true, value: parts.map(Number) };
}

/** The end of the term after `years` more years: 2026-12-31 + 2 = 2028-12-31. */
export function extendTerm(end: IsoDate, years: number): IsoDate {
  return years === 0 ? end : addDays(addMonths(addDays(end, 1), 12 * years), -1);
}

export interface Term {
  readonly start: IsoDate;
  /** end of the initial term */
  readonly end: IsoDate;
  /** end after the options already used */
  readonly currentEnd: IsoDate;
  /** end after every option */
  readonly maxEnd: IsoDate;
}

export function contractTerm(start: IsoDate, end: IsoDate, extensions: readonly number[], used: number): Term {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    start,
    end,
    currentEnd: extendTerm(end, sum(extensions.slice(0, used))),
    maxEnd: extendTerm(end, sum(extensions)),
  };
}

/** The financing forms in words for people (the register, downloads): never the stored code alone. */
export const FINANCING_FORM_WORDS: Record<FinancingForm, { readonly nl: string; readonly en: string }> = {
  inspanningsgericht: {
    nl: 'inspanningsgericht (prijs × aantal per tijdseenheid)',
    en: 'effort-based (price × units)',
  },
  outputgericht: { nl: 'outputgericht (vast bedrag per traject)', en: 'output-based (fixed price per trajectory)' },
  taakgericht: { nl: 'taakgericht (vast budget)', en: 'task-based (lump sum)' },
  resultaat: { nl: 'resultaatgericht (betaling in tranches)', en: 'result-based (paid in tranches)' },
  pgb: { nl: 'persoonsgebonden budget (pgb)', en: 'personal budget (pgb)' },
  subsidie: { nl: 'subsidie', en: 'subsidy' },
};

/** A tranche's moment in words: "bij de start". */
export const MOMENT_WORDS: Record<TrancheMoment, string> = {
  start: 'bij de start',
  evaluatie: 'bij de evaluatie',
  einde: 'bij het einde',
  doelrealisatie: 'bij doelrealisatie',
};

/** A stored tranche rule in Dutch words: "50% bij de start, 50% bij doelrealisatie"; null for none. */
export function trancheRuleWords(stored: string | null): string | null {
  if (!stored) return null;
  const r = parseTrancheRule(stored);
  if (!r.ok) return stored;
  if (r.value.kind === 'maandelijks') return 'maandelijkse tranches';
  return r.value.tranches.map((t) => `${t.sharePct.toLocaleString('nl-NL')}% ${MOMENT_WORDS[t.moment]}`).join(', ');
}

/**
 * The contract year holding `day`: years run from the start date's anniversary (a contract from 1 April has years
 * April–March), the last one cut at the current end. Before the start: the first year; after the current end: the
 * last year (the register still shows what the ended contract used).
 */
export function contractYear(start: IsoDate, currentEnd: IsoDate, day: IsoDate): { from: IsoDate; to: IsoDate } {
  const at = day < start ? start : day > currentEnd ? currentEnd : day;
  let years = Math.floor(
    (Number(at.slice(0, 4)) * 12 +
      Number(at.slice(5, 7)) -
      (Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)))) /
      12,
  );
  if (addMonths(start, 12 * years) > at) years -= 1;
  const from = addMonths(start, 12 * years);
  const next = addDays(addMonths(start, 12 * (years + 1)), -1);
  return { from, to: next < currentEnd ? next : currentEnd };
}

/** How far ahead a contract's end warns while youths still have running allocations with its provider. */
export const END_WARNING_MONTHS = 6;

export interface ContractDecision {
  /** the next moment to extend or end: the end of the current term; null once that has passed */
  readonly date: IsoDate | null;
  /** extension options not yet used */
  readonly extensionsLeft: number;
  /** the current term ends on or before `day` + six months (and not before `day`) */
  readonly endsSoon: boolean;
}

export function nextDecision(term: Term, extensions: readonly number[], used: number, day: IsoDate): ContractDecision {
  const open = term.currentEnd >= day;
  return {
    date: open ? term.currentEnd : null,
    extensionsLeft: Math.max(0, extensions.length - used),
    endsSoon: open && term.currentEnd <= addMonths(day, END_WARNING_MONTHS),
  };
}
