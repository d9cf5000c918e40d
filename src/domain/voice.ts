/**
 * The voice of clients (issue 20): client-experience results per provider and complaints with confidential-adviser
 * (AKJ) contacts. Pure vocabulary and thresholds: the canonical CSV (ingest/csv/voiceTypes.ts), the migration's
 * CHECKs (store/migrations/0026_client_voice.ts), the indicators (indicators/voice.ts), the reference implementation
 * and the demo all read these lists, so a theme cannot be accepted at the door and refused by the database.
 */

/** Themes of an experience question, after the kwaliteitsmonitor / CEO jeugd groupings; `algemeen` is the overall mark. */
export const EXPERIENCE_THEMES = [
  'algemeen',
  'bejegening',
  'bereikbaarheid',
  'informatie',
  'samenwerking',
  'resultaat',
  'veiligheid',
] as const;
export type ExperienceTheme = (typeof EXPERIENCE_THEMES)[number];

/** What a complaints register records: a complaint, or a contact with the vertrouwenspersoon (AKJ). */
export const COMPLAINT_KINDS = ['klacht', 'vertrouwenspersoon'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** Themes of a complaint or contact; `besluit_toegang` is written `besluit/toegang` in a file too. */
export const COMPLAINT_THEMES = ['bejegening', 'besluit_toegang', 'uitvoering', 'bereikbaarheid', 'anders'] as const;
export type ComplaintTheme = (typeof COMPLAINT_THEMES)[number];

/** How a complaint or contact ended; empty in a file = not known (yet). */
export const COMPLAINT_OUTCOMES = [
  'gegrond',
  'deels_gegrond',
  'ongegrond',
  'opgelost',
  'ingetrokken',
  'doorverwezen',
  'lopend',
] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** The score scale of an experience result: a mark from 1 to 10, as in tevredenheid.csv. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 10;
/** A response is positive with a mark of 7 or more (a "voldoende ruim"; satisfaction's ≥ 7 too). */
export const POSITIVE_FROM = 7;

/**
 * A figure on a low response is weak (flag `lage_respons`): fewer than 30 responses, or fewer than 20% of those
 * invited answered. Below 30 a mean mark moves by half a point with a few answers; below 20% those who answer are
 * rarely like those who do not (the usual non-response bound of client-experience surveys).
 */
export const WEAK_MIN_RESPONSES = 30;
export const WEAK_MIN_RATE_PCT = 20;

export function isWeakResponse(responses: number, invitations: number | null): boolean {
  if (responses < WEAK_MIN_RESPONSES) return true;
  return invitations !== null && invitations > 0 && responses * 100 < WEAK_MIN_RATE_PCT * invitations;
}

/** Complaints per this many youths in care. */
export const PER_YOUTHS = 1000;
