/**
 * The reference for the voice of clients (issue 20), written from the definitions in docs/indicators.md ("Stem van
 * de cliënt"), not from the SQL: response_rate, experience_score, experience_positive_share, complaints_per_1000.
 * Plain loops over the records as the files give them. reference.ts registers this into REFERENCE, so it cannot
 * import from there (an import cycle): the youths in care (its own count, as youth_in_care) come in as a function,
 * and the period and the exact rounding are restated here.
 */
import type { RefRow } from './row.js';

/** One row of ervaringen.csv as written (score in hundredths of a mark; '' where a column is empty). */
export interface RefExperience {
  readonly gemeente: string;
  readonly period: string;
  readonly provider: string;
  readonly category: string;
  readonly code: string;
  readonly theme: string;
  readonly question: string;
  /** hundredths of a mark (7,85 is 785); null without responses */
  readonly scoreHundredths: number | null;
  readonly responses: number;
  readonly invitations: number | null;
  readonly positive: number | null;
}

/** The complaint themes of the canonical file (docs/csv-formaat.md), restated by hand. */
const THEMES = ['bejegening', 'besluit_toegang', 'uitvoering', 'bereikbaarheid', 'anders'];

/** One row of klachten.csv. */
export interface RefComplaint {
  readonly gemeente: string;
  readonly id: string;
  readonly kind: 'klacht' | 'vertrouwenspersoon';
  readonly theme: string;
  readonly provider: string | null;
  readonly date: string;
  readonly youth: string | null;
}

interface VoiceData {
  readonly experiences?: readonly RefExperience[];
  readonly complaints?: readonly RefComplaint[];
}
interface VoicePeriod {
  readonly start: string;
  readonly end: string;
}
/** Youths in care per gemeente (key '') or per gemeente and provider (key: the AGB), as `g|key`. */
export type YouthsInCare<D> = (d: D, p: VoicePeriod, byProvider: boolean) => Map<string, number>;

/** First and last day of a survey period: 2024, 2024H1, 2024Q3 or 2024-05, by hand. */
function span(label: string): { start: string; end: string } {
  const y = label.slice(0, 4);
  const last = (m: number) => {
    const days = [
      31,
      Number(y) % 4 === 0 && (Number(y) % 100 !== 0 || Number(y) % 400 === 0) ? 29 : 28,
      31,
      30,
      31,
      30,
      31,
      31,
      30,
      31,
      30,
      31,
    ];
    return `${y}-${String(m).padStart(2, '0')}-${days[m - 1]}`;
  };
  const first = (m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  if (label.length === 4) return { start: first(1), end: last(12) };
  if (label[4] === 'H')
    return label[5] === '1' ? { start: first(1), end: last(6) } : { start: first(7), end: last(12) };
  if (label[4] === 'Q') {
    const q = Number(label[5]);
    return { start: first(3 * q - 2), end: last(3 * q) };
  }
  const m = Number(label.slice(5, 7));
  return { start: first(m), end: last(m) };
}

/** n × factor ÷ d, half away from zero to `decimals`, in BigInt (n ≥ 0 here). */
function ratio(n: number, d: number, factor: number, decimals: number): number | null {
  if (!(d > 0)) return null;
  const scale = 10n ** BigInt(decimals);
  const a = BigInt(n) * BigInt(factor) * scale;
  const b = BigInt(d);
  let q = a / b;
  if ((a % b) * 2n >= b) q += 1n;
  return Number(q) / Number(scale);
}

const row = (
  gemeente: string,
  by: string | null,
  key: string | null,
  value: number | null,
  numerator: number | null,
  denominator: number | null,
  weak?: boolean,
): RefRow => ({
  gemeente,
  by,
  key,
  value,
  numerator,
  denominator,
  ...(weak === undefined ? {} : { flags: weak ? ['lage_respons'] : [] }),
});

/** A weak figure (docs: fewer than 30 respondents, or respondents below 20% of the invitations), restated by hand. */
const weak = (respondents: number, respondentsInvited: number, invited: number) =>
  respondents < 30 || (invited > 0 && respondentsInvited * 100 < 20 * invited);

/**
 * The respondents of a cell of experience rows: per survey the most responses to one of its questions (in this
 * cell), summed; and of the surveys that give invitations, their respondents and invitations.
 */
function respondentsOf(es: readonly RefExperience[]): { all: number; invitedRespondents: number; invited: number } {
  let all = 0;
  let invitedRespondents = 0;
  let invited = 0;
  for (const [, survey] of bucket(es, surveyOf)) {
    const most = Math.max(...survey.map((e) => e.responses));
    all += most;
    const inv = Math.max(...survey.map((e) => e.invitations ?? 0));
    if (inv > 0) {
      invitedRespondents += most;
      invited += inv;
    }
  }
  return { all, invitedRespondents, invited };
}

function bucket<T>(xs: readonly T[], key: (x: T) => string): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const within = (d: VoiceData, p: VoicePeriod) =>
  (d.experiences ?? []).filter((e) => {
    const s = span(e.period);
    return s.start >= p.start && s.end <= p.end;
  });
const surveyOf = (e: RefExperience) => `${e.gemeente}|${e.provider}|${e.category}|${e.code}|${e.period}`;

function responseRate(d: VoiceData, p: VoicePeriod, by: string | null): RefRow[] {
  // per survey: the most responses to one question, and its invitations
  const surveys = bucket(within(d, p), surveyOf).map(([, es]) => ({
    gemeente: es[0]!.gemeente,
    provider: es[0]!.provider,
    respondents: Math.max(...es.map((e) => e.responses)),
    invited: es.map((e) => e.invitations).find((i) => i !== null) ?? null,
  }));
  const withInvited = surveys.filter((s) => s.invited !== null && s.invited > 0);
  return bucket(withInvited, (s) => `${s.gemeente}|${by === 'aanbieder' ? s.provider : ''}`).map(([k, ss]) => {
    const n = ss.reduce((a, s) => a + s.respondents, 0);
    const i = ss.reduce((a, s) => a + s.invited!, 0);
    return row(k.slice(0, 4), by, by === null ? null : k.slice(5), ratio(n, i, 100, 3), n, i, weak(n, n, i));
  });
}

function experience(positiveShare: boolean) {
  return (d: VoiceData, p: VoicePeriod, by: string | null): RefRow[] => {
    const keyOf = (e: RefExperience) => (by === 'thema' ? e.theme : by === 'aanbieder' ? e.provider : '');
    const answered = within(d, p).filter((e) => e.responses > 0);
    return bucket(answered, (e) => `${e.gemeente}|${keyOf(e)}`).flatMap(([k, es]) => {
      const g = k.slice(0, 4);
      const key = by === null ? null : k.slice(5);
      const who = respondentsOf(es);
      const isWeak = weak(who.all, who.invitedRespondents, who.invited);
      if (positiveShare) {
        const known = es.filter((e) => e.positive !== null);
        const n = known.reduce((a, e) => a + e.positive!, 0);
        const total = known.reduce((a, e) => a + e.responses, 0);
        return total > 0 ? [row(g, by, key, ratio(n, total, 100, 3), n, total, isWeak)] : [];
      }
      const weighted = es.reduce((a, e) => a + e.scoreHundredths! * e.responses, 0);
      const responses = es.reduce((a, e) => a + e.responses, 0);
      // below 10 responses no mark; the numerator is Σ mark × responses in marks
      return [
        row(
          g,
          by,
          key,
          responses < 10 ? null : ratio(weighted, responses * 100, 1, 2),
          weighted / 100,
          responses,
          isWeak,
        ),
      ];
    });
  };
}

function complaintsPer1000<D extends VoiceData>(inCare: YouthsInCare<D>) {
  return (d: D, p: VoicePeriod, by: string | null): RefRow[] => {
    const dated = (d.complaints ?? []).filter(
      (c) => c.date >= p.start && c.date <= p.end && (by === 'soort' || c.kind === 'klacht'),
    );
    const all = inCare(d, p, false);
    const perProvider = by === 'aanbieder' ? inCare(d, p, true) : new Map<string, number>();
    const den = (g: string, key: string | null) =>
      by === 'aanbieder' && key !== 'geen_aanbieder'
        ? (perProvider.get(`${g}|${key}`) ?? null)
        : (all.get(`${g}|`) ?? null);
    if (by === null) {
      const gemeenten = new Set([...[...all.keys()].map((k) => k.slice(0, 4)), ...dated.map((c) => c.gemeente)]);
      return [...gemeenten].sort().map((g) => {
        const n = dated.filter((c) => c.gemeente === g).length;
        const dd = den(g, null);
        return row(g, null, null, dd ? ratio(n, dd, 1000, 3) : null, n, dd);
      });
    }
    const keyOf = (c: RefComplaint) =>
      by === 'thema' ? c.theme : by === 'soort' ? c.kind : (c.provider ?? 'geen_aanbieder');
    // docs: every key of a gemeente with youths in care has a figure, 0 without complaints — every theme, both
    // kinds, every provider with youths in care there and geen_aanbieder
    const cells = new Map<string, number>();
    for (const c of dated) cells.set(`${c.gemeente}|${keyOf(c)}`, (cells.get(`${c.gemeente}|${keyOf(c)}`) ?? 0) + 1);
    for (const gk of all.keys()) {
      const g = gk.slice(0, 4);
      const keys = by === 'thema' ? THEMES : by === 'soort' ? ['klacht', 'vertrouwenspersoon'] : ['geen_aanbieder'];
      for (const k of keys) if (!cells.has(`${g}|${k}`)) cells.set(`${g}|${k}`, 0);
    }
    if (by === 'aanbieder') for (const gk of perProvider.keys()) if (!cells.has(gk)) cells.set(gk, 0);
    return [...cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, n]) => {
        const g = k.slice(0, 4);
        const key = k.slice(5);
        const dd = den(g, key);
        return row(g, by, key, dd ? ratio(n, dd, 1000, 3) : null, n, dd);
      });
  };
}

/** The voice indicators, given the reference's own count of youths in care. */
export function voiceReference<D extends VoiceData>(
  inCare: YouthsInCare<D>,
): Record<string, (d: D, p: VoicePeriod, by: string | null) => RefRow[]> {
  return {
    response_rate: responseRate,
    experience_score: experience(false),
    experience_positive_share: experience(true),
    complaints_per_1000: complaintsPer1000(inCare),
  };
}
