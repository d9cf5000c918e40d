/**
 * "Is this figure to be trusted?" (issue: data quality). Per gemeente and period a handful of
 * checks on the data behind the indicators, each a share between 0 and 1 with its numerator and
 * denominator, and per indicator a score 0–100: the mean of the checks that apply to its sources,
 * with the reasons in words for every check below 95%. The checks:
 *  - startberichten: active allocations with a start message (else dates come from the allocation)
 *  - stopberichten: allocations ended in or before the period whose care has a stop message
 *  - tijdigheid: start/stop messages sent within 5 working days (message_timeliness)
 *  - declaraties_gekoppeld: claim lines that match an allocation and its period (claims_without_allocation)
 *  - declaratiegaten: trajectories with claims in the period without a gap of more than a month
 *  - bevolking: the population 0–17 of the year is there (denominator of the % indicators)
 * A check without anything to count (e.g. no iJw messages when data came as CSV) does not apply.
 */
import type { Lens } from '../lens/lens.js';
import { sql } from '../lens/sql.js';
import { formatPeriod, type Period } from '../domain/periods.js';
import type { IndicatorDefinition, Query } from './types.js';
import { activeIn, bounds, gemeenteFilter } from './sql.js';
import { claimsWithoutAllocation } from './chain.js';
import { messageTimeliness } from './waiting.js';
import { youthPopulation } from './use.js';

export type CheckId =
  'startberichten' | 'stopberichten' | 'tijdigheid' | 'declaraties_gekoppeld' | 'declaratiegaten' | 'bevolking';

export interface QualityCheck {
  readonly id: CheckId;
  readonly nameNl: string;
  readonly nameEn: string;
  /** share that is in order, 0–1; null when nothing to check */
  readonly share: number | null;
  readonly numerator: number;
  readonly denominator: number;
  /** what a share below 1 means for the figures */
  readonly consequenceNl: string;
  readonly consequenceEn: string;
  /** the source the check is about (Data page groups by it) */
  readonly source: 'trajecten' | 'iJw' | 'declaraties' | 'bevolking';
}

export interface QualityScore {
  readonly gemeente: string;
  readonly period: string;
  readonly score: number | null;
  readonly reasons: ReadonlyArray<{ readonly nl: string; readonly en: string }>;
}

const TEXT: Record<CheckId, Pick<QualityCheck, 'nameNl' | 'nameEn' | 'consequenceNl' | 'consequenceEn' | 'source'>> = {
  startberichten: {
    nameNl: 'startberichten aanwezig',
    nameEn: 'start messages present',
    source: 'trajecten',
    consequenceNl: 'van de lopende toewijzingen heeft geen startbericht: begin en einde komen uit de toewijzing',
    consequenceEn: 'of running allocations have no start message: dates come from the allocation',
  },
  stopberichten: {
    nameNl: 'stopberichten bij beëindigde zorg',
    nameEn: 'stop messages for ended care',
    source: 'trajecten',
    consequenceNl:
      'van de afgelopen toewijzingen heeft geen stopbericht: de zorg telt tot de einddatum van de toewijzing (einde uit toewijzing)',
    consequenceEn:
      "of ended allocations have no stop message: care counts until the allocation's end date (end from allocation)",
  },
  tijdigheid: {
    nameNl: 'berichten binnen 5 werkdagen',
    nameEn: 'messages within 5 working days',
    source: 'iJw',
    consequenceNl: 'van de start- en stopberichten kwam te laat: recente cijfers kunnen nog veranderen',
    consequenceEn: 'of start and stop messages came late: recent figures may still change',
  },
  declaraties_gekoppeld: {
    nameNl: 'declaraties gekoppeld aan een toewijzing',
    nameEn: 'claims matched to an allocation',
    source: 'declaraties',
    consequenceNl:
      'van de declaratieregels past niet bij een toewijzing: kosten per traject of product kloppen mogelijk niet',
    consequenceEn: 'of claim lines match no allocation: cost per trajectory or product may be off',
  },
  declaratiegaten: {
    nameNl: 'declaraties zonder gaten',
    nameEn: 'claims without gaps',
    source: 'declaraties',
    consequenceNl:
      'van de trajecten met declaraties heeft een gat van meer dan een maand: kosten kunnen nog binnenkomen',
    consequenceEn: 'of trajectories with claims have a gap of over a month: cost may still come in',
  },
  bevolking: {
    nameNl: 'bevolkingscijfer van het jaar',
    nameEn: 'population figure of the year',
    source: 'bevolking',
    consequenceNl: 'ontbreekt: percentages per inwoner of jeugdige zijn niet te berekenen',
    consequenceEn: 'is missing: percentages per inhabitant or youth cannot be computed',
  },
};

const check = (id: CheckId, numerator: number, denominator: number): QualityCheck => ({
  id,
  ...TEXT[id],
  numerator,
  denominator,
  share: denominator > 0 ? numerator / denominator : null,
});

/** The checks for each gemeente (of the query, or all in the lens) in one period. */
export async function qualityChecks(lens: Lens, q: Query): Promise<Map<string, QualityCheck[]>> {
  const b = bounds(q.period);
  const out = new Map<string, QualityCheck[]>();
  const add = (g: string, c: QualityCheck) => out.set(g, [...(out.get(g) ?? []), c]);
  const codes =
    q.gemeenten.length > 0
      ? [...q.gemeenten]
      : (await lens.query<{ code: string }>('SELECT code FROM gemeente ORDER BY code')).map((r) => r.code);

  const traj = new Map(
    (
      await lens.query<{
        gemeente_code: string;
        active: number;
        with_start: number;
        ended: number;
        with_stop: number;
      }>(sql`
    SELECT gemeente_code,
      count(*) FILTER (WHERE allocation_date IS NOT NULL)::INTEGER AS active,
      count(*) FILTER (WHERE allocation_date IS NOT NULL AND NOT start_from_allocation)::INTEGER AS with_start,
      count(*) FILTER (WHERE start_date IS NOT NULL AND allocation_end IS NOT NULL AND allocation_end <= ${b.end})::INTEGER AS ended,
      count(*) FILTER (WHERE start_date IS NOT NULL AND allocation_end IS NOT NULL AND allocation_end <= ${b.end} AND end_date IS NOT NULL)::INTEGER AS with_stop
    FROM traj WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)} GROUP BY 1`)
    ).map((r) => [r.gemeente_code, r]),
  );

  const timely = new Map((await messageTimeliness.compute(lens, { ...q, by: undefined })).map((r) => [r.gemeente, r]));
  const claims = new Map(
    (await claimsWithoutAllocation.compute(lens, { ...q, by: undefined })).map((r) => [r.gemeente, r]),
  );
  const gaps = new Map(
    (
      await lens.query<{ gemeente_code: string; n: number; with_gap: number }>(sql`
    WITH c AS (
      -- known trajectories only: a claim for an unknown one is the other check's business
      SELECT gemeente_code, trajectory_id, period_start,
        lag(period_end) OVER (PARTITION BY gemeente_code, trajectory_id ORDER BY period_start) AS prev_end
      FROM claim_line SEMI JOIN traj USING (gemeente_code, trajectory_id)
      WHERE period_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q, sql`claim_line.gemeente_code`)})
    SELECT gemeente_code, count(DISTINCT trajectory_id)::INTEGER AS n,
      count(DISTINCT trajectory_id) FILTER (WHERE prev_end IS NOT NULL AND period_start > prev_end + INTERVAL 31 DAY)::INTEGER AS with_gap
    FROM c GROUP BY 1`)
    ).map((r) => [r.gemeente_code, r]),
  );
  const population = await youthPopulation(lens, q);

  for (const g of codes) {
    const t = traj.get(g);
    add(g, check('startberichten', t?.with_start ?? 0, t?.active ?? 0));
    add(g, check('stopberichten', t?.with_stop ?? 0, t?.ended ?? 0));
    const m = timely.get(g);
    add(g, check('tijdigheid', m?.numerator ?? 0, m?.denominator ?? 0));
    const c = claims.get(g);
    add(g, check('declaraties_gekoppeld', (c?.denominator ?? 0) - (c?.numerator ?? 0), c?.denominator ?? 0));
    const gp = gaps.get(g);
    add(g, check('declaratiegaten', (gp?.n ?? 0) - (gp?.with_gap ?? 0), gp?.n ?? 0));
    add(g, check('bevolking', (population.get(g) ?? 0) > 0 ? 1 : 0, 1));
  }
  return out;
}

/** Which checks bear on an indicator: decided by the sources its definition names. */
export function checksFor(def: IndicatorDefinition): CheckId[] {
  const s = def.sources.join(' ').toLowerCase();
  const ids: CheckId[] = [];
  if (s.includes('trajecten')) ids.push('startberichten', 'stopberichten');
  if (s.includes('ijw')) ids.push('tijdigheid');
  if (s.includes('declaraties')) ids.push('declaraties_gekoppeld', 'declaratiegaten');
  if (s.includes('bevolking')) ids.push('bevolking');
  return ids;
}

const pct = (share: number, lang: 'nl' | 'en') =>
  `${Math.round((1 - share) * 100).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB')}%`;

export function scoreFor(
  def: IndicatorDefinition,
  checks: readonly QualityCheck[],
  gemeente: string,
  period: Period,
): QualityScore {
  const relevant = checksFor(def)
    .map((id) => checks.find((c) => c.id === id))
    .filter((c): c is QualityCheck => c !== undefined && c.share !== null);
  const score =
    relevant.length === 0 ? null : Math.round((relevant.reduce((s, c) => s + c.share!, 0) / relevant.length) * 100);
  const reasons = relevant
    .filter((c) => c.share! < 0.95)
    .map((c) =>
      c.id === 'bevolking'
        ? {
            nl: `Het bevolkingscijfer van ${period.year} ${c.consequenceNl}.`,
            en: `The population figure of ${period.year} ${c.consequenceEn}.`,
          }
        : // no counts in the words: a text cannot be rounded by disclosure control, and the exact counts stand on the Data page
          { nl: `${pct(c.share!, 'nl')} ${c.consequenceNl}.`, en: `${pct(c.share!, 'en')} ${c.consequenceEn}.` },
    );
  return { gemeente, period: formatPeriod(period), score, reasons };
}
