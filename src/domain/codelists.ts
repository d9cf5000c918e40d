/**
 * The iJw 3.2 code lists Zicht needs, shipped as data inside the project (copied from the iJw 3.2
 * informatiemodel of Zorginstituut Nederland; each file names its source). Codes are strings and keep
 * their leading zeros.
 */
import cod327 from './data/COD327_Code_verwijzer.json' with { type: 'json' };
import jz020 from './data/JZ020_Productcategorie.json' with { type: 'json' };
import jz588 from './data/JZ588_Reden_beeindiging.json' with { type: 'json' };
import jz002 from './data/JZ002_Reden_wijziging_toewijzing.json' with { type: 'json' };
import wj756 from './data/WJ756_Eenheid.json' with { type: 'json' };
import wmo757 from './data/WMO757_Frequentie.json' with { type: 'json' };
import cod467 from './data/COD467_Status_aanlevering.json' with { type: 'json' };
import cod046 from './data/COD046_Geslacht.json' with { type: 'json' };

export interface CodeList {
  readonly id: string;
  readonly source: string;
  readonly labels: ReadonlyMap<string, string>;
}

interface RawList {
  id: string;
  source: string;
  values: Array<{ code: string; betekenis?: string; omschrijving?: string }>;
}

function toList(raw: RawList): CodeList {
  return {
    id: raw.id,
    source: raw.source,
    labels: new Map(raw.values.map((v) => [v.code, v.betekenis ?? v.omschrijving ?? v.code])),
  };
}

export const REFERRER = toList(cod327);
export const PRODUCT_CATEGORY = toList(jz020);
export const END_REASON = toList(jz588);
export const CHANGE_REASON = toList(jz002);
export const UNIT = toList(wj756);
export const FREQUENCY = toList(wmo757);
export const DELIVERY_STATUS = toList(cod467);
export const GENDER = toList(cod046);

export const CODE_LISTS: readonly CodeList[] = [
  REFERRER,
  PRODUCT_CATEGORY,
  END_REASON,
  CHANGE_REASON,
  UNIT,
  FREQUENCY,
  DELIVERY_STATUS,
  GENDER,
];

export function hasCode(list: CodeList, code: string): boolean {
  return list.labels.has(code);
}

export function label(list: CodeList, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return 'onbekend';
  return list.labels.get(code) ?? `onbekende code ${code}`;
}

/** JZ588 codes for drop-out (uitval): premature and unilateral end. */
export const DROPOUT_REASONS: ReadonlySet<string> = new Set(['32', '33']);
/** JZ588 code for care ended according to plan. */
export const END_REASON_AS_PLANNED = '31';
/**
 * The one classification of JZ588 end reasons the outcome figures share (dropout, completed_as_planned,
 * lasting_outcome, re_entry): 31 is as planned, 32/33 drop-out, every other code (02 death, 20 paused, 34 by mutual
 * agreement, 35 external cause, 36–39 gemeente, change request, another provider, another domain) is other. An empty
 * reason is no reason: such an end is in none of the three (the shares count ends with a known reason).
 */
export type EndReasonClass = 'volgens_plan' | 'uitval' | 'overig';
export function endReasonClass(code: string | null | undefined): EndReasonClass | null {
  if (code === null || code === undefined || code === '') return null;
  if (code === END_REASON_AS_PLANNED) return 'volgens_plan';
  return DROPOUT_REASONS.has(code) ? 'uitval' : 'overig';
}
/** JZ002 code "Verwijderd": the allocation counts as never sent. */
export const CHANGE_REASON_DELETED = '13';
