/**
 * Goal status (indicators.md, "Goals and business cases"): a goal is indicator + scope + target +
 * deadline + baseline. The status is derived, never entered:
 *  - op koers: the linear trend over the last 4 periods reaches the target by the deadline;
 *  - aandacht: the trend gets within half the remaining distance to the target;
 *  - achter: otherwise.
 * The rule and the numbers behind it go with the status, so a reader can check it.
 */
import { REQUEST_NORM_WORKDAYS, START_NORM_DAYS } from './waiting.js';

export type GoalStatus = 'op koers' | 'aandacht' | 'achter' | 'onbekend';

export interface GoalPoint {
  /** position in time, in periods (e.g. half-years counted from any origin) */
  readonly t: number;
  readonly value: number;
}

export interface GoalInput {
  readonly points: readonly GoalPoint[];
  readonly target: number;
  /** the deadline on the same time axis as the points */
  readonly deadline: number;
  /** the value the goal started from; decides whether lower or higher is better when the indicator does not say */
  readonly baseline: number;
  /** the indicator's direction: "onder 20 dagen" on a lower-is-better figure already at 2 is on track, whatever the baseline */
  readonly direction?: 'hoger_beter' | 'lager_beter' | 'neutraal' | undefined;
}

export interface GoalEvaluation {
  readonly status: GoalStatus;
  readonly current: number | null;
  readonly projected: number | null;
  readonly slopePerPeriod: number | null;
  readonly explanationNl: string;
}

export const GOAL_RULE_NL =
  'Op koers: de lineaire trend over de laatste 4 perioden haalt de streefwaarde vóór de deadline. Aandacht: de trend komt binnen de helft van de resterende afstand. Anders: achter.';

/** Least-squares line through the points: [slope, intercept]. */
export function linearTrend(points: readonly GoalPoint[]): [number, number] {
  const n = points.length;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const mv = points.reduce((s, p) => s + p.value, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.t - mt) * (p.value - mv), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return [slope, mv - slope * mt];
}

const nl = (x: number) => x.toLocaleString('nl-NL', { maximumFractionDigits: 2 });

export function evaluateGoal(g: GoalInput): GoalEvaluation {
  const recent = [...g.points].sort((a, b) => a.t - b.t).slice(-4);
  if (recent.length < 2) {
    return {
      status: 'onbekend',
      current: recent[0]?.value ?? null,
      projected: null,
      slopePerPeriod: null,
      explanationNl: `Te weinig perioden voor een trend (minstens 2 nodig). ${GOAL_RULE_NL}`,
    };
  }
  const [slope, intercept] = linearTrend(recent);
  const current = recent[recent.length - 1]!.value;
  const projected = slope * g.deadline + intercept;
  const lowerIsBetter =
    g.direction === 'lager_beter' ? true : g.direction === 'hoger_beter' ? false : g.target < g.baseline;
  const reached = lowerIsBetter ? projected <= g.target : projected >= g.target;
  const distance = Math.abs(g.target - current);
  const gap = Math.abs(g.target - projected);
  const status: GoalStatus = reached ? 'op koers' : gap <= distance / 2 ? 'aandacht' : 'achter';
  return {
    status,
    current,
    projected,
    slopePerPeriod: slope,
    explanationNl: goalExplanationNl(current, slope, projected, g.target),
  };
}

/** The split of an indicator a goal is measured on, e.g. statistiek = binnen_norm; null = the headline figure. */
export interface GoalSplit {
  readonly by: string;
  readonly key: string;
}

export interface GoalMeasure {
  readonly unit: string;
  readonly direction: 'hoger_beter' | 'lager_beter' | 'neutraal';
  /** what the goal is measured with, in words, shown next to the goal */
  readonly nl: string;
  readonly en: string;
}

/** The norm of an indicator with a share within a norm (statistiek = binnen_norm), in words. */
const NORM_IN_WORDS: Readonly<Record<string, { nl: string; en: string }>> = {
  wait_request_to_allocation: { nl: `${REQUEST_NORM_WORKDAYS} werkdagen`, en: `${REQUEST_NORM_WORKDAYS} working days` },
  wait_allocation_to_start: { nl: `${START_NORM_DAYS} dagen`, en: `${START_NORM_DAYS} days` },
};

interface MeasuredDefinition {
  readonly id: string;
  readonly nameNl: string;
  readonly nameEn: string;
  readonly unit: string;
  readonly direction: GoalMeasure['direction'];
}

/**
 * What a goal's numbers are: the indicator's headline figure, or one of its splits. The share within a
 * waiting-time norm is a percentage where higher is better, although the waiting time itself is in days
 * and lower is better — so the unit and direction come from the split, not only from the indicator.
 */
export function goalMeasure(def: MeasuredDefinition, split: GoalSplit | null): GoalMeasure {
  const { nameNl, nameEn } = def;
  if (split === null) return { unit: def.unit, direction: def.direction, nl: nameNl, en: nameEn };
  if (split.by === 'statistiek' && split.key === 'binnen_norm') {
    const norm = NORM_IN_WORDS[def.id] ?? { nl: 'de norm', en: 'the norm' };
    return {
      unit: 'procent',
      direction: 'hoger_beter',
      nl: `${nameNl}: aandeel binnen ${norm.nl}`,
      en: `${nameEn}: share within ${norm.en}`,
    };
  }
  const words = split.by === 'statistiek' ? split.key : `${split.by} ${split.key}`;
  return { unit: def.unit, direction: def.direction, nl: `${nameNl}: ${words}`, en: `${nameEn}: ${words}` };
}

/**
 * The status in words. Exported so disclosure control (app/disclosure.ts) can say it again with
 * the protected figures: the text must not give back the exact numbers the table rounds.
 */
export function goalExplanationNl(
  current: number | null,
  slope: number | null,
  projected: number | null,
  target: number,
): string {
  if (current === null || slope === null || projected === null) {
    return `${current === null ? 'Nu onbekend (onderdrukt of geen gegevens)' : `Nu ${nl(current)}`}; streefwaarde ${nl(target)}. ${GOAL_RULE_NL}`;
  }
  return `Nu ${nl(current)}, trend ${slope >= 0 ? '+' : ''}${nl(slope)} per periode, verwacht op de deadline ${nl(projected)}; streefwaarde ${nl(target)}. ${GOAL_RULE_NL}`;
}
