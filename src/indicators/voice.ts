/**
 * The voice of clients (issue 20): response to client-experience surveys, the experience score and its positive
 * share (ervaringen.csv), and complaints per 1,000 youths in care (klachten.csv). Definitions: docs/indicators.md,
 * "Stem van de cliënt"; vocabulary and thresholds: domain/voice.ts.
 *
 * A survey (gemeente × provider × product × survey period) counts in a period when its survey period lies wholly
 * within it: a half-year survey is in its half-year and its year, not in one of its quarters (what it measured over
 * the half cannot be given to a quarter). Its respondents are the most responses any of its questions had, and its
 * invitations are the survey's (the importer makes a file's rows agree).
 */
import { sql, type Sql } from '../lens/sql.js';
import { ratioHalfUp, roundHalfUp } from '../domain/decimal.js';
import {
  COMPLAINT_KINDS,
  COMPLAINT_THEMES,
  POSITIVE_FROM,
  PER_YOUTHS,
  WEAK_MIN_RATE_PCT,
  WEAK_MIN_RESPONSES,
  isWeakResponse,
} from '../domain/voice.js';
import { activeIn, bounds, gemeenteFilter, pct } from './sql.js';
import { defineIndicator } from './kernel.js';
import type { Flag, Query } from './types.js';
import type { Period } from '../domain/periods.js';

const WEAK_NL = `Een cijfer op minder dan ${WEAK_MIN_RESPONSES} antwoorden of een respons onder ${WEAK_MIN_RATE_PCT}% van de uitgenodigden is zwak (vlag lage_respons).`;
const WEAK_EN = `A figure on fewer than ${WEAK_MIN_RESPONSES} responses or a response below ${WEAK_MIN_RATE_PCT}% of those invited is weak (flag lage_respons).`;
const WITHIN_NL = 'Een meting telt mee in een periode waar haar meetperiode helemaal in valt.';
const WITHIN_EN = 'A survey counts in a period that holds its whole survey period.';

/** The experience results of the surveys whose period lies within the asked one. */
function surveysIn(p: Period, q: Query): Sql {
  const b = bounds(p);
  return sql`period_start >= ${b.start} AND period_end <= ${b.end} AND ${gemeenteFilter(q)}`;
}

const weakFlag = (respondents: number, invited: number | null): Flag[] =>
  isWeakResponse(respondents, invited) ? ['lage_respons'] : [];

export const responseRate = defineIndicator<{ gemeente_code: string; k: string | null; n: number; d: number }>({
  definition: {
    id: 'response_rate',
    nameNl: 'respons cliëntervaringsonderzoek',
    nameEn: 'response rate of client-experience surveys',
    definitionNl: `Antwoorden ÷ uitgenodigden × 100, over de metingen met een bekend aantal uitgenodigden; per meting telt het grootste aantal antwoorden op één vraag. ${WITHIN_NL} ${WEAK_NL}`,
    definitionEn: `Responses ÷ invitations × 100, over the surveys with a known number invited; per survey the most responses to one question count. ${WITHIN_EN} ${WEAK_EN}`,
    unit: 'procent',
    direction: 'hoger_beter',
    sources: ['ervaringen'],
    cbsNote: null,
  },
  dimensions: { aanbieder: sql`provider_agb` },
  periodFlags: 'none',
  query: ({ q, dim }) => sql`
    WITH survey AS (
      SELECT gemeente_code, provider_agb, product_category, product_code, period,
             max(responses) AS respondents, max(invitations) AS invited
      FROM experience_result WHERE ${surveysIn(q.period, q)}
      GROUP BY ALL
    )
    SELECT gemeente_code, ${dim} AS k, sum(respondents)::INTEGER AS n, sum(invited)::INTEGER AS d
    FROM survey WHERE invited > 0
    GROUP BY ALL ORDER BY 1, 2`,
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      key: r.k,
      value: pct(r.n, r.d),
      numerator: r.n,
      denominator: r.d,
      flags: weakFlag(r.n, r.d),
    })),
});

interface ExperienceCell {
  gemeente_code: string;
  k: string | null;
  /** Σ score × responses, in hundredths of a mark (scores have two decimals: exact in integers) */
  weighted: number;
  responses: number;
  respondents: number;
  respondents_invited: number | null;
  invited: number | null;
  positive: number | null;
  answered: number | null;
}

/** Per cell (gemeente × split key): the weighted marks, responses, and the respondents of its surveys. */
function experienceCells(q: Query, dim: Sql): Sql {
  return sql`
    WITH survey AS (
      SELECT gemeente_code, ${dim} AS k, provider_agb, product_category, product_code, period,
             sum(CAST(round(score * 100) AS BIGINT) * responses) AS weighted, sum(responses) AS responses,
             max(responses) AS respondents, max(invitations) AS invited,
             sum(positive) AS positive, sum(responses) FILTER (WHERE positive IS NOT NULL) AS answered
      FROM experience_result WHERE ${surveysIn(q.period, q)} AND responses > 0
      GROUP BY ALL
    )
    SELECT gemeente_code, k, sum(weighted)::BIGINT AS weighted, sum(responses)::INTEGER AS responses,
           sum(respondents)::INTEGER AS respondents,
           sum(respondents) FILTER (WHERE invited > 0)::INTEGER AS respondents_invited,
           sum(invited) FILTER (WHERE invited > 0)::INTEGER AS invited,
           sum(positive)::INTEGER AS positive, sum(answered)::INTEGER AS answered
    FROM survey GROUP BY gemeente_code, k ORDER BY 1, 2`;
}

/** Weak when its respondents are few, or those of its surveys with invitations are a low share of them. */
function cellFlags(r: ExperienceCell): Flag[] {
  if (r.respondents < WEAK_MIN_RESPONSES) return ['lage_respons'];
  // the rate only over the surveys with invitations; their respondents alone need not reach 30 (the differential
  // test's reference found a cell of 47 respondents, 13 of 65 invited = 20%, flagged weak by the count rule)
  const lowRate =
    r.invited !== null && r.invited > 0 && (r.respondents_invited ?? 0) * 100 < WEAK_MIN_RATE_PCT * r.invited;
  return lowRate ? ['lage_respons'] : [];
}

/** Below 10 responses no mean is shown at all (as satisfaction): a mark of a handful of people is theirs. */
const FEW = 10;

export const experienceScore = defineIndicator<ExperienceCell>({
  definition: {
    id: 'experience_score',
    nameNl: 'ervaringsscore',
    nameEn: 'experience score',
    definitionNl: `Gemiddeld rapportcijfer (1–10) uit het cliëntervaringsonderzoek, gewogen met het aantal antwoorden per vraag; per thema en per aanbieder op te splitsen. Onder 10 antwoorden geen score. ${WITHIN_NL} ${WEAK_NL}`,
    definitionEn: `Mean mark (1–10) of client-experience surveys, weighted by the responses per question; split by theme and provider. No score below 10 responses. ${WITHIN_EN} ${WEAK_EN}`,
    unit: 'score',
    direction: 'hoger_beter',
    sources: ['ervaringen'],
    cbsNote: null,
  },
  dimensions: { thema: sql`theme`, aanbieder: sql`provider_agb` },
  periodFlags: 'none',
  query: ({ q, dim }) => experienceCells(q, dim),
  toRows: (rows) =>
    rows.map((r) => {
      const few = r.responses < FEW;
      return {
        gemeente: r.gemeente_code,
        key: r.k,
        // hundredths ÷ (responses × 100), half up on the exact integers
        value: few ? null : ratioHalfUp(r.weighted, r.responses * 100, 1, 2),
        numerator: roundHalfUp(r.weighted / 100, 2),
        denominator: r.responses,
        flags: [...(few ? (['weinig_waarnemingen'] as Flag[]) : []), ...cellFlags(r)],
      };
    }),
});

export const experiencePositiveShare = defineIndicator<ExperienceCell>({
  definition: {
    id: 'experience_positive_share',
    nameNl: 'aandeel positieve ervaringen',
    nameEn: 'share of positive experiences',
    definitionNl: `Van de antwoorden in het cliëntervaringsonderzoek: het aandeel met een ${POSITIVE_FROM} of hoger (kolom aantal_positief), over de uitkomsten die dat aantal geven; per thema en per aanbieder op te splitsen. ${WITHIN_NL} ${WEAK_NL}`,
    definitionEn: `Of the responses to client-experience surveys, the share with a mark of ${POSITIVE_FROM} or more (column aantal_positief), over the results that give it; split by theme and provider. ${WITHIN_EN} ${WEAK_EN}`,
    unit: 'procent',
    direction: 'hoger_beter',
    sources: ['ervaringen'],
    cbsNote: null,
  },
  dimensions: { thema: sql`theme`, aanbieder: sql`provider_agb` },
  periodFlags: 'none',
  query: ({ q, dim }) => experienceCells(q, dim),
  toRows: (rows) =>
    rows
      .filter((r) => r.answered !== null && r.answered > 0)
      .map((r) => ({
        gemeente: r.gemeente_code,
        key: r.k,
        value: pct(r.positive ?? 0, r.answered),
        numerator: r.positive ?? 0,
        denominator: r.answered,
        flags: cellFlags(r),
      })),
});

/** The split of a complaint: its theme, its provider (`geen_aanbieder` without one) or its kind. */
const COMPLAINT_DIMENSIONS = {
  thema: sql`theme`,
  aanbieder: sql`coalesce(provider_agb, 'geen_aanbieder')`,
  soort: sql`kind`,
};

export const complaintsPer1000 = defineIndicator({
  definition: {
    id: 'complaints_per_1000',
    nameNl: 'klachten per 1.000 jeugdigen met jeugdhulp',
    nameEn: 'complaints per 1,000 youths in care',
    definitionNl:
      'Klachten met een datum in de periode ÷ jeugdigen met jeugdhulp in de periode (als youth_in_care) × 1.000. Zonder splitsing en per thema en aanbieder tellen alleen klachten; met de splitsing soort ook de contacten met de vertrouwenspersoon (AKJ), elk per 1.000. Per aanbieder is de noemer de jeugdigen met jeugdhulp bij die aanbieder; een klacht zonder aanbieder staat onder geen_aanbieder, tegen alle jeugdigen met jeugdhulp.',
    definitionEn:
      'Complaints dated in the period ÷ youths in care in the period (as youth_in_care) × 1,000. Unsplit and by theme and provider only complaints count; split by kind also contacts with the vertrouwenspersoon (AKJ), each per 1,000. By provider the denominator is the youths in care with that provider; a complaint naming no provider is under geen_aanbieder, against all youths in care.',
    unit: 'per_1000',
    direction: 'lager_beter',
    sources: ['klachten', 'trajecten', 'iJw JW301/JW305/JW307'],
    cbsNote: null,
  },
  dimensions: COMPLAINT_DIMENSIONS,
  // the period's completeness flag (periode_niet_compleet) stays: youths in care and complaints both run to the data end
  async figures({ lens, q, by, dim }) {
    const b = bounds(q.period);
    const kinds = by === 'soort' ? sql`TRUE` : sql`kind = 'klacht'`;
    const complaints = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
      SELECT gemeente_code, ${dim} AS k, count(*)::INTEGER AS n FROM complaint
      WHERE complaint_date BETWEEN ${b.start} AND ${b.end} AND ${kinds} AND ${gemeenteFilter(q)}
      GROUP BY ALL ORDER BY 1, 2`);
    // youths in care as youth_in_care counts them (use.ts): distinct youths with a trajectory active in the period
    const youths = await lens.query<{ gemeente_code: string; k: string | null; n: number }>(sql`
      SELECT gemeente_code, ${by === 'aanbieder' ? sql`provider_agb` : sql`NULL`} AS k,
             count(DISTINCT youth_pseudonym)::INTEGER AS n
      FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)}
      GROUP BY ALL ORDER BY 1, 2`);
    const total = new Map<string, number>();
    const byProvider = new Map<string, number>();
    for (const y of youths) {
      if (y.k === null) total.set(y.gemeente_code, y.n);
      else byProvider.set(`${y.gemeente_code}|${y.k}`, y.n);
    }
    // the gemeente's own total for the provider split's geen_aanbieder (a youth with two providers counts once)
    if (by === 'aanbieder') {
      const all = await lens.query<{ gemeente_code: string; n: number }>(sql`
        SELECT gemeente_code, count(DISTINCT youth_pseudonym)::INTEGER AS n
        FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1`);
      for (const a of all) total.set(a.gemeente_code, a.n);
    }
    const denominator = (g: string, k: string | null): number | null =>
      by === 'aanbieder' && k !== 'geen_aanbieder' ? (byProvider.get(`${g}|${k}`) ?? null) : (total.get(g) ?? null);
    const rate = (n: number, d: number | null) => (d && d > 0 ? ratioHalfUp(n, d, PER_YOUTHS, 3) : null);
    if (by === null) {
      // every gemeente with youths in care has a figure, 0 when no complaint came in
      const counts = new Map(complaints.map((c) => [c.gemeente_code, c.n]));
      const gemeenten = [...new Set([...total.keys(), ...counts.keys()])].sort();
      return gemeenten.map((g) => {
        const n = counts.get(g) ?? 0;
        const d = total.get(g) ?? null;
        return {
          gemeente: g,
          value: rate(n, d),
          numerator: n,
          denominator: d,
          flags: d ? [] : (['geen_noemer'] as Flag[]),
        };
      });
    }
    // every key a gemeente with youths in care can have gets a row, 0 without complaints: a regio pools numerators
    // and denominators over its gemeenten, and a gemeente without a row for a provider dropped that provider's youths
    // there from the denominator (red team 35: a provider's rate 22,7 per 1.000 over the regio instead of 0,9)
    const counts = new Map(complaints.map((c) => [`${c.gemeente_code}|${c.k}`, c.n]));
    const keys = new Set(counts.keys());
    for (const g of total.keys()) {
      const possible =
        by === 'thema' ? COMPLAINT_THEMES : by === 'soort' ? COMPLAINT_KINDS : ['geen_aanbieder' as string];
      for (const k of possible) keys.add(`${g}|${k}`);
    }
    if (by === 'aanbieder') for (const gk of byProvider.keys()) keys.add(gk);
    return [...keys].sort().map((gk) => {
      const cut = gk.indexOf('|');
      const [g, k] = [gk.slice(0, cut), gk.slice(cut + 1)];
      const n = counts.get(gk) ?? 0;
      const d = denominator(g, k);
      return {
        gemeente: g,
        key: k,
        value: rate(n, d),
        numerator: n,
        denominator: d,
        flags: d ? [] : (['geen_noemer'] as Flag[]),
      };
    });
  },
});

export const VOICE_INDICATORS = [responseRate, experienceScore, experiencePositiveShare, complaintsPer1000];
