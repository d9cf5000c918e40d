/**
 * The indicator catalogue as implemented so far (docs/domain/indicators.md is the specification;
 * the families not yet here are listed in docs/indicators.md). The CLI, the API and the reports
 * all take their indicators and definitions from here.
 */
import type { Indicator } from './types.js';
import { basicSupportReach, pctYouthInCare, stacking, trajectoriesStarted, youthInCare } from './use.js';
import {
  duration,
  inflowYouth,
  longRunning,
  outflowYouth,
  reEntry,
  reentryYouth,
  stockBridge,
  stockYouth,
} from './flow.js';
import { firstLineShare, youthSegments } from './segments.js';
import { intensityMix, specialistReferralRate } from './intensity.js';
import { allocationsWithoutStart, claimsWithoutAllocation, messageRejections } from './chain.js';
import { referrerMix } from './referrers.js';
import { dropout, goalAttainment, satisfaction } from './outcomes.js';
import { completedAsPlanned, lastingOutcome } from './results.js';
import { transitionAt18, youth1822InCare } from './adulthood.js';
import { messageTimeliness, waitAllocationToStart, waitRequestToAllocation, waitRequestToStart } from './waiting.js';
import { costAllForms, costPerClient, costPerInhabitant, costPerYouth, costTotal, effectivePrice } from './money.js';
import { costReconciliation } from './reconciliation.js';
import { budgetBurn, forecastYearEnd } from './forecast.js';
import { budgetByProgramme } from './budgetProgramme.js';
import { commitments } from './commitments.js';
import { solidarityShare } from './solidarity.js';
import { lumpsumVolume, trancheLedgerIndicator } from './contractMoney.js';
import { costPerYouthByForm } from './costPerYouthByForm.js';
import { carePaths, stepUpDown, topCostTrajectories } from './paths.js';
import { BENCHMARK_INDICATORS } from './benchmark.js';
import { VOICE_INDICATORS } from './voice.js';
import { evaluationTimeliness } from './evaluations.js';
import { LIAISON_INDICATORS } from './liaison.js';

export const INDICATORS: readonly Indicator[] = [
  // use and flow
  youthInCare,
  pctYouthInCare,
  trajectoriesStarted,
  inflowYouth,
  reentryYouth,
  outflowYouth,
  stockYouth,
  stockBridge,
  referrerMix,
  specialistReferralRate,
  intensityMix,
  duration,
  longRunning,
  stacking,
  carePaths,
  stepUpDown,
  reEntry,
  dropout,
  completedAsPlanned,
  lastingOutcome,
  goalAttainment,
  satisfaction,
  basicSupportReach,
  // the voorkant in four groups and the first-line share (issue 21)
  youthSegments,
  firstLineShare,
  // light follow-up after referral (issue 21)
  evaluationTimeliness,
  // liaison positions at GP practices and schools: reach and the referral pattern before and after (issue 21)
  ...LIAISON_INDICATORS,
  // the voice of clients (issue 20)
  ...VOICE_INDICATORS,
  // the 18-/18+ transition
  youth1822InCare,
  transitionAt18,
  // waiting and chain quality
  waitRequestToAllocation,
  waitAllocationToStart,
  waitRequestToStart,
  messageTimeliness,
  messageRejections,
  allocationsWithoutStart,
  claimsWithoutAllocation,
  // money
  costTotal,
  costAllForms,
  costPerClient,
  costPerYouth,
  costPerInhabitant,
  effectivePrice,
  budgetBurn,
  budgetByProgramme,
  commitments,
  forecastYearEnd,
  topCostTrajectories,
  costReconciliation,
  solidarityShare,
  trancheLedgerIndicator,
  lumpsumVolume,
  costPerYouthByForm,
  // benchmark (CBS and Iv3, population level)
  ...BENCHMARK_INDICATORS,
];

// by id: disclosure control asks it for every row it publishes (a regio answer has thousands)
const BY_ID = new Map<string, Indicator>();
for (const i of INDICATORS) if (!BY_ID.has(i.definition.id)) BY_ID.set(i.definition.id, i);

export function findIndicator(id: string): Indicator | undefined {
  return BY_ID.get(id);
}

/** Why a split cannot be asked of an indicator, in Dutch and English; null when it can. */
export interface SplitRefusal {
  readonly code: 'onbekende_splitsing';
  readonly nl: string;
  readonly en: string;
}

/**
 * The one check of `--by` / `?by=` against the indicator's dimensions, shared by the CLI and the API:
 * an indicator asked for a split it does not have would otherwise return its unsplit figure (or
 * another split) as if it were the one asked for.
 */
export function checkSplit(
  def: { readonly id: string; readonly dimensions: readonly string[] },
  by: string | undefined,
): SplitRefusal | null {
  if (by === undefined || by === '' || def.dimensions.includes(by)) return null;
  const has = def.dimensions.join(', ');
  return {
    code: 'onbekende_splitsing',
    nl: `'${def.id}' kan niet gesplitst worden naar '${by}'; wel naar: ${has || '(geen)'}.`,
    en: `'${def.id}' cannot be split by '${by}'; it can be split by: ${has || '(none)'}.`,
  };
}
