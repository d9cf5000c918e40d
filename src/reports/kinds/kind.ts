/**
 * What a report kind declares: its stored code and names, the period it is made for, who may make it and how
 * its sections are built. The registry (index.ts) lists the kinds; the schedule, the HTTP route, `zicht
 * report` and the web's Rapporten page (through GET /api/v1/report-kinds) all read it.
 */
import type { Action } from '../../app/access.js';
import type { Period, PeriodKind } from '../../domain/periods.js';
import type { ReportKind } from '../apiTypes.js';
import type { Builder } from '../builder.js';
import type { ReportData, ReportRequest, Section } from '../types.js';

/** What the build function of a kind gets: the request, the data as of the period's end, and the builder. */
export interface KindContext {
  readonly req: ReportRequest;
  readonly data: ReportData;
  readonly b: Builder;
  readonly period: Period;
  /** the gemeente code (or regio:<code>) and its name; `names` grows with the gemeenten a kind compares with */
  readonly g: string;
  readonly name: string;
  readonly names: Record<string, string>;
  /** the period in Dutch words: "juni 2026", "1e halfjaar 2026" */
  readonly label: string;
  readonly extern: boolean;
}

export interface KindResult {
  readonly sections: Section[];
  /** no figure for the period: the report opens with "Geen gegevens" */
  readonly empty: boolean;
  /** the council report's three messages for its cover page */
  readonly keyMessages?: string[];
}

export interface ReportKindSpec<K extends ReportKind = ReportKind> {
  readonly id: K;
  /** the title on the cover */
  readonly title: string;
  /** the name in running text, Dutch and English */
  readonly nameNl: string;
  readonly nameEn: string;
  /** the period a saved report is made for (an ad-hoc report takes any period) */
  readonly period: PeriodKind;
  /** the permission a role needs to make it, beyond reading aggregates (null: none) */
  readonly needs: Action | null;
  /** one provider's report: asks for an AGB code, and is the only kind the aanbieder role may make (its own) */
  readonly forProvider: boolean;
  /** may be made for a regio (regio:<code>) as well as for one gemeente */
  readonly perRegion: boolean;
  /** may be made for one team (a lens narrowed to the team) */
  readonly perTeam: boolean;
  /** which explanations it shows: those of the period, also those of the whole year, or none */
  readonly stories: 'period' | 'periodAndYear' | 'none';
  /** the figures cover every gemeente of the region (the subtitle says so) */
  readonly regionWide: boolean;
  build(ctx: KindContext): Promise<KindResult>;
}
