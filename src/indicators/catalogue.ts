/**
 * The indicator catalogue as implemented so far (shared/domain/indicators.md is the specification;
 * the families not yet here are listed in docs/indicators.md). The CLI, the API and the reports
 * all take their indicators and definitions from here.
 */
import type { Indicator } from './types.js';
import { pctYouthInCare, stacking, trajectoriesStarted, youthInCare } from './use.js';
import { referrerMix } from './referrers.js';
import { dropout, satisfaction } from './outcomes.js';
import { waitAllocationToStart, waitRequestToAllocation } from './waiting.js';
import { costPerClient, costTotal } from './money.js';

export const INDICATORS: readonly Indicator[] = [
  youthInCare, pctYouthInCare, trajectoriesStarted, stacking, referrerMix, dropout, satisfaction,
  waitRequestToAllocation, waitAllocationToStart, costTotal, costPerClient,
];

export function findIndicator(id: string): Indicator | undefined {
  return INDICATORS.find((i) => i.definition.id === id);
}
