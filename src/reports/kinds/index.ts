/**
 * The report kinds. To add one: a file beside these declaring a ReportKindSpec, its code in
 * `ReportKind` (apiTypes.ts), and one line here (docs/architecture.md, "Where to add a report").
 */
import type { ReportKind } from '../apiTypes.js';
import type { ReportKindSpec } from './kind.js';
import { maand } from './maand.js';
import { raad } from './raad.js';
import { aanbieder } from './aanbieder.js';

export type { KindContext, KindResult, ReportKindSpec } from './kind.js';

export const REPORT_KINDS: { readonly [K in ReportKind]: ReportKindSpec<K> } = { maand, raad, aanbieder };

/** The codes in the registry's order, for schemas and usage lines. */
export const REPORT_KIND_IDS = Object.keys(REPORT_KINDS) as [ReportKind, ...ReportKind[]];

export function isReportKind(id: string): id is ReportKind {
  return Object.hasOwn(REPORT_KINDS, id);
}

export function reportKind(id: ReportKind): ReportKindSpec {
  return REPORT_KINDS[id];
}
