/**
 * The shape every indicator shares: its definition (shown to users next to the number, in the API
 * and in reports) and the rows it computes.
 */
import type { Period } from '../domain/periods.js';
import type { Lens } from '../lens/lens.js';
import type { CbsMapping } from '../benchmark/mapping.js';

// per_1000: a rate per 1,000 (complaints per 1,000 youths in care), published from the rounded counts like a share
export type Unit = 'aantal' | 'procent' | 'euro' | 'dagen' | 'score' | 'per_1000';
export type Direction = 'hoger_beter' | 'lager_beter' | 'neutraal';

export interface IndicatorDefinition {
  readonly id: string;
  readonly nameNl: string;
  readonly nameEn: string;
  readonly definitionNl: string;
  readonly definitionEn: string;
  readonly unit: Unit;
  readonly direction: Direction;
  /** dimensions this indicator can be split by (`--by`) */
  readonly dimensions: readonly string[];
  readonly sources: readonly string[];
  readonly cbsNote: string | null;
  /**
   * Cost figures only: what the amount is built from (claims or Iv3 accounts) and over which period, shown in
   * its label, so per-youth claims of a half-year and Iv3 lasten of a year are never read as the same thing.
   */
  readonly costBasis?: { readonly nl: string; readonly en: string };
  /** rows name pseudonymised persons: only roles with person-level access, and every read is logged */
  readonly personLevel?: boolean;
  /**
   * Every figure stands on all gemeenten of the gemeente's jeugdregio (solidarity_share: a share of the region's
   * total): a caller who does not see every one of them gets it published, as a regio figure in a report.
   */
  readonly regionWide?: boolean;
  /**
   * Splits whose keys are `<line>:<column>` (youth_segments by wijk: `<wijk>:<group>`), where every line and every
   * column adds up to a figure published elsewhere: disclosure control (app/disclosure.ts) protects them both ways.
   */
  readonly twoWaySplits?: readonly string[];
  /**
   * The value is an amount per unit of volume (a price: euros per hour or day), not per person: published to the cent
   * (app/disclosure.ts), never recomputed from a denominator rounded to 5 as an amount per person is; its rows carry
   * the youths behind it, which decide whether it is published at all.
   */
  readonly perVolume?: boolean;
}

export type Flag =
  | 'gebaseerd_op_toewijzingsdatums' // start/end taken from the allocation: start or stop messages are missing
  | 'einde_uit_toewijzing' // care started but no stop message: it ends on the Einddatum of the allocation valid last
  | 'periode_niet_compleet' // the period runs past the last date in the data
  // a view as of a day (a report) while claims of the period's months can still arrive (domain/claimLag.ts)
  | 'declaraties_onvolledig'
  // an amount from claims over months before the gemeente's first claim line: it covers the period only in part
  | 'declaraties_deels'
  | 'weinig_waarnemingen' // too few observations for a stable figure
  // a client-experience figure on fewer than 30 responses or a response below 20% (domain/voice.ts): weak
  | 'lage_respons'
  // a follow-up after the period (lasting_outcome's 6 or 12 months, transition_at_18's year after 18) has not passed
  // for every end or birthday in it: those without it are left out or not known yet
  | 'vervolg_onvolledig'
  | 'geen_noemer' // denominator missing (e.g. no population figure)
  // youth_segments: the population 0–17 is smaller than the youths helped, so "no help" (population minus them) is
  // not known; left empty, never negative
  | 'bevolking_te_klein'
  // liaison_referral_shift: fewer than three whole months lie between the position's start and the period's end (or
  // the data's), so there is no window to compare before and after
  | 'venster_te_kort'
  // basic_support_reach: the gemeente has youths in care but no basic-support episode at all on record (no basishulp
  // file loaded), so its reach is not known rather than 0
  | 'geen_basishulp'
  | 'onderdrukt' // disclosure control: fewer than 10, shown as "<10" (or hidden to protect such a cell)
  | 'afgerond' // disclosure control: counts rounded to a multiple of 5
  | 'cbs_voorlopig' // a CBS figure used is preliminary (voorlopig or nader voorlopig)
  | 'lasten_uit_begroting' // Iv3 accounts (jaarrekening) not there yet: lasten from the budget
  | 'alleen_per_halfjaar' // CBS publishes this figure per half-year: ask for e.g. 2024H1
  | 'som_van_gemeenten' // a regio figure summed over its gemeenten: a youth in two gemeenten counts twice
  | 'niet_optelbaar' // a median, score or model figure cannot be combined over gemeenten
  // solidarity_share: realised cost above the verdeelsleutel's share by more than the region's trigger
  | 'boven_solidariteitsdrempel'
  // a yearly CBS figure of the requested year is not published yet: that earlier year is used, for every gemeente
  | `cbs_jaar_${number}`;

export interface IndicatorRow {
  readonly indicator: string;
  readonly gemeente: string;
  readonly period: string;
  readonly by: string | null;
  readonly key: string | null;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly unit: Unit;
  readonly flags: readonly Flag[];
  // fields some indicators add beside the standard ones (region.ts sums the numeric ones when it combines)
  /**
   * An amount's youths: the distinct youths behind a cost (claim lines naming their trajectory). Disclosure control
   * hides an amount with fewer than 10 (at a fixed tariff an amount gives the count back) and never publishes it.
   */
  readonly youths?: number | null;
  /**
   * An amount that disclosure control hides when it is published: in one of its months the same amount (gemeente,
   * split, key) is hidden in the linked month tables (indicators/amountCells.ts). Never published itself.
   */
  readonly hiddenWhenPublished?: boolean;
  /** a readable name for the key: the referrer type, the wijk's name */
  readonly label?: string;
  /** referrer_mix by verwijzer_detail: the referrer's type, and whether its count stands out among its peers */
  readonly referrerType?: string;
  readonly outlier?: boolean;
  /** budget_burn: budget minus cost, in euros; budget_by_programme: budget with reserve minus realised */
  readonly remaining?: number | null;
  /** budget_by_programme, in euros: the budget, the reserve mutation (draw-down positive) and the two together */
  readonly budget?: number;
  readonly reserve?: number;
  readonly budgetWithReserve?: number;
  /** top_cost_trajectories: the youth (pseudonym), product category, days run and cost trend */
  readonly youth?: string;
  readonly productCategory?: string;
  readonly days?: number;
  readonly trend?: number | null;
  /**
   * forecast_year_end: the terms of the forecast and its range, in euros, and the method in words; realised also on
   * budget_by_programme (null: the budget file gives no realisation for the group)
   */
  readonly realised?: number | null;
  /** forecast_year_end: of realised, the payments outside iJw; and those expected in the months left */
  readonly realisedPayments?: number;
  readonly continuation?: number;
  readonly newInflow?: number;
  readonly payments?: number;
  readonly low?: number;
  readonly high?: number;
  readonly methodNl?: string;
  /** waiting times: the norm in the row's days (working days for request → allocation), drawn as a line */
  readonly norm?: number;
}

export interface Query {
  readonly period: Period;
  /** 4-digit codes; empty = every gemeente in the lens */
  readonly gemeenten: readonly string[];
  readonly by?: string | undefined;
}

/** What a computation may be given besides the lens and the query. */
export interface ComputeOptions {
  /** which CBS table/topic feeds the benchmark figures (benchmark/mapping.ts); if absent, the lens's data directory's */
  readonly cbsMapping?: CbsMapping | undefined;
  /**
   * Mark the amounts hidden when published (`hiddenWhenPublished`, indicators/amountCells.ts); default true. Off for
   * a caller that never publishes and never shows the mark (the demo's summary in the terminal): deciding it costs
   * seconds per gemeente on a fresh lens.
   */
  readonly hiddenAmounts?: boolean;
}

export interface Indicator {
  readonly definition: IndicatorDefinition;
  compute(lens: Lens, q: Query, options?: ComputeOptions): Promise<IndicatorRow[]>;
}
