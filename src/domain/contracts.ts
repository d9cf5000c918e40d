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
