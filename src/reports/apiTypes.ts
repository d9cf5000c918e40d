/**
 * What the web application and the server say to each other about reports. No imports: the web imports these
 * types (`import type`, erased by the build) from here instead of declaring them again, and must not pull
 * server code into its bundle.
 */

/** The stored code of a report kind (Dutch, like every code users see); one file per kind in kinds/. */
export type ReportKind = 'maand' | 'raad' | 'aanbieder';

/** GET /api/v1/report-kinds: a kind this account may make, as the Rapporten page lists it. */
export interface ReportKindInfo {
  readonly id: ReportKind;
  /** the report's name in running text: "maandrapportage" */
  readonly nameNl: string;
  readonly nameEn: string;
  /** the period a saved report of this kind is made for */
  readonly period: 'month' | 'quarter' | 'half' | 'year';
  /** one provider's report: it asks for an AGB code */
  readonly forProvider: boolean;
}

/** GET /api/v1/report-schedules: a saved report with the periods made. */
export interface SavedReport {
  readonly name: string;
  readonly kind: ReportKind;
  readonly gemeente: string;
  readonly aanbieder?: string | undefined;
  readonly extern: boolean;
  readonly format: 'pdf' | 'xlsx';
  readonly from: string;
  readonly produced: readonly string[];
  readonly files: ReadonlyArray<{ period: string; url: string }>;
}
