/**
 * The report model's vocabulary: what a report is made of (sections of typed tables, charts and stories), what
 * it needs from the outside (ReportData) and what is asked for (ReportRequest). The kinds of report live in
 * kinds/ (docs/architecture.md, "Where to add a report").
 */
import type { PilotRegister } from '../app/pilots.js';
import type { SolidarityConfig } from '../indicators/solidarityConfig.js';
import type { TalkAgreements } from '../app/agreements.js';
import type { TalkContract } from '../app/contractTalk.js';
import type { BenchmarkResult } from '../benchmark/benchmark.js';
import type { Period } from '../domain/periods.js';
import type { IndicatorDefinition, IndicatorRow, Unit } from '../indicators/types.js';
import type { Cell, Column } from './format.js';
import type { ReportKind } from './apiTypes.js';
import { UserError } from '../domain/errors.js';

export type { ReportKind } from './apiTypes.js';
// the cell vocabulary lives with its formatting, so format.ts needs nothing from here (no import cycle)
export type { Cell, Column } from './format.js';
export interface Table {
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Cell[][];
  /** row indexes whose cell in a number column was suppressed by disclosure control */
  readonly note?: string;
  /**
   * The code of each row's label (indicator id, split key, gemeente code, product category), one per row: the
   * Excel workbook adds it as a last column, so a BI team can join on it (docs/downloads.md); the PDF leaves it out.
   */
  readonly codes?: { readonly label: string; readonly values: readonly Cell[] };
}
export interface Chart {
  readonly title: string;
  readonly kind: 'bar' | 'line';
  readonly unit: Unit;
  readonly categories: readonly string[];
  readonly series: ReadonlyArray<{ name: string; values: ReadonlyArray<number | null> }>;
}
export interface Story {
  readonly indicator: string;
  readonly period: string;
  readonly author: string;
  readonly date: string;
  readonly body: string;
}
export interface Section {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly Table[];
  readonly charts: readonly Chart[];
  readonly stories: readonly Story[];
}
export interface ReportModel {
  readonly kind: ReportKind;
  readonly title: string;
  readonly subtitle: string;
  readonly demo: boolean;
  readonly extern: boolean;
  readonly generatedAt: string;
  readonly empty: boolean;
  /** the council report's three messages that matter, in words, for its cover page */
  readonly keyMessages?: readonly string[];
  readonly sections: readonly Section[];
  readonly definitions: readonly IndicatorDefinition[];
  readonly sources: readonly string[];
}

/** Whose report the notes are for (ReportData.stories). */
export interface StoryReader {
  readonly externOnly: boolean;
  readonly team?: string | undefined;
  readonly provider?: string | undefined;
}

/** What the model needs from the outside: indicator values, explanations, goals, names. */
export interface ReportData {
  compute(id: string, periods: Period[], gemeenten: string[], by?: string): Promise<IndicatorRow[]>;
  /**
   * The notes on the report's figures: only published ones (`externOnly`); of a team's report the published ones and
   * that team's own; of a provider's report none written about another provider (server/routes/narratives.ts's rules).
   */
  stories(gemeente: string, periods: string[], who: StoryReader): Promise<Story[]>;
  /** `published`: series and status from the published rows (external version; server/routes/goals.ts) */
  goals(
    gemeente: string,
    published?: boolean,
  ): Promise<
    Array<{
      title: string;
      status: string;
      current: number | null;
      target: number;
      deadline: string;
      indicator: string;
      explanation: string;
      projected: number | null;
      series: Array<{ period: string; value: number | null }>;
    }>
  >;
  gemeenteName(code: string): Promise<string>;
  regionGemeenten(code: string): Promise<string[]>;
  providerName(agb: string): Promise<string | null>;
  dataEnd(): Promise<string>;
  /** The first day of the earliest product period of a claim line in the data (null: no claim line at all). */
  claimsStart?(): Promise<string | null>;
  demo(gemeente: string): Promise<boolean>;
  /**
   * Per record type, the committed imports whose records count for the gemeente (or the regio:<code>'s
   * gemeenten), without iJw messages sent after the as-of day: how many (`runs`), the latest one (its file, the
   * day it was sent for an iJw message, when it was imported) and the rows accepted over all of them.
   */
  sourceDates(
    gemeente: string,
  ): Promise<
    Array<{ recordType: string; file: string; importedAt: string; sentDate: string | null; runs: number; rows: number }>
  >;
  /** the data-quality checks of the gemeente in the period (indicators/quality.ts) */
  quality(
    gemeente: string,
    period: Period,
  ): Promise<Array<{ nameNl: string; share: number | null; numerator: number; denominator: number }>>;
  /** the regional solidarity settings of the data directory (indicators/solidarityConfig.ts); absent: the default */
  solidarity?(): Promise<SolidarityConfig>;
  /** the gemeente next to its most similar gemeenten (CBS and Iv3); null when no CBS data is loaded */
  benchmark(gemeente: string, period: Period): Promise<BenchmarkResult | null>;
  /**
   * The same data as they stood at the end of `date` (lens/scope.ts asOfViews): a report for a
   * period uses nothing dated after the period's end, so later data cannot change it.
   */
  asOf?(date: string): ReportData;
  /** the day these data stand on (`asOf`), or null: all data */
  readonly viewDate?: string | null;
  /**
   * The per-productcode table (app/productMonth.ts) of a gemeente (or regio:<code>) from `from` to `to`;
   * `published`: under disclosure control (external version).
   */
  productCodes?(gemeente: string, from: string, to: string, published: boolean): Promise<ProductCodeTable>;
  /** The gemeenten a code stands for: a regio:<code> its members, a gemeente itself. */
  membersOf?(code: string): Promise<string[]>;
  /**
   * The pilot register of a gemeente on a day (app/pilots.ts, issue 21): its goals evaluated as on the Doelen page,
   * `published` for the external version; no stories (the report's own section Duiding has those).
   */
  pilots?(gemeente: string, day: string, published: boolean): Promise<PilotRegister>;
  /**
   * The stories about one provider (narrative subject 'aanbieder') in these gemeenten, oldest first; `externOnly`:
   * only those marked for external reports (row-level security of the store as for every story).
   */
  providerStories?(gemeenten: readonly string[], agb: string, externOnly: boolean): Promise<ProviderStory[]>;
  /**
   * One provider's rows per product code over these gemeenten (app/providerProducts.ts), with the cost per child of
   * all providers of the code beside them; `published`: under disclosure control.
   */
  providerProducts?(
    gemeenten: readonly string[],
    agb: string,
    from: string,
    to: string,
    published: boolean,
  ): Promise<ProductCodeTable>;
  /** The agreements of the quarterly talk with a provider (app/agreements.ts), over the gemeente or regio:<code>. */
  agreements?(gemeente: string, agb: string, quarter: string): Promise<TalkAgreements>;
  /**
   * The provider's contracts in force in the period over these gemeenten, as the register has them on the period's
   * last day, with forecast, tariffs against effective prices and tranches (app/contractTalk.ts); `published`: each
   * figure says whether the external version hides it.
   */
  providerContracts?(
    gemeenten: readonly string[],
    agb: string,
    period: Period,
    published: boolean,
  ): Promise<{ contracts: TalkContract[]; notInForce: number }>;
}
/** A story about a provider (the Vertelpunt idea, issue 20): who told it, when, for which gemeente and period. */
export interface ProviderStory {
  readonly gemeente: string;
  readonly period: string | null;
  /** duiding, client or professional */
  readonly source: string;
  readonly author: string;
  readonly date: string;
  readonly body: string;
}
/** The table of app/productMonth.ts productCodeTable: labelled columns with a key and a unit each. */
export interface ProductCodeTable {
  readonly columns: ReadonlyArray<{ readonly key: string; readonly label: string; readonly unit: Column['unit'] }>;
  readonly rows: readonly Cell[][];
}

export interface ReportRequest {
  readonly kind: ReportKind;
  readonly gemeente: string;
  readonly period: string;
  readonly provider?: string | undefined;
  readonly extern?: boolean | undefined;
  /**
   * The report sums over gemeenten outside the caller's scope (the provider report over the regio): the external
   * version, and the report says why.
   */
  readonly beyondScope?: boolean | undefined;
  /**
   * The gemeenten the caller may see exactly (absent: every one, the CLI). In the internal version the figures of
   * other gemeenten, and of a regio holding one, are published as in the external version (reports/builder.ts).
   */
  readonly scope?: readonly string[] | undefined;
  /** include the pseudonymised top-cost list (internal version for roles with person-level access) */
  readonly includePersons?: boolean | undefined;
  readonly now?: Date;
  /** a team report: the figures come from a lens narrowed to the team (lens/scope.ts); monthly report only */
  readonly team?: string | undefined;
}

/** A report that cannot be made as asked (ongeldig_rapport). */
export class ReportError extends UserError<'ongeldig_rapport'> {
  constructor(message: string) {
    super('ongeldig_rapport', { nl: message });
  }
}
