/**
 * Liaison positions (verbindingsfuncties, issue 21): a POH-jeugd, jeugdconsulent, gezinscoach or
 * schoolmaatschappelijk werker placed at a GP practice or a school for some hours a week. Pure vocabulary: the
 * canonical CSV (ingest/csv/liaisonType.ts), the migration's CHECKs (store/migrations/0030_liaison_positions.ts),
 * the API, the indicators, the reference implementation and the demo all read these lists, so a kind cannot be
 * accepted at the door and refused by the database.
 */
import { personalDataHint } from './personalData.js';

/** What the position is, as the seeds name them (seed 001: Deventer, Peel en Maas, Utrecht; seed 000: Heusden). */
export const LIAISON_KINDS = [
  'poh_jeugd',
  'jeugdconsulent',
  'gezinscoach',
  'gezinswerker',
  'schoolmaatschappelijk_werk',
  'jeugdhulpverlener_onderwijs',
  'anders',
] as const;
export type LiaisonKind = (typeof LIAISON_KINDS)[number];

/** The kinds in words, for the screen and the error messages. */
export const LIAISON_KIND_NL: Readonly<Record<LiaisonKind, string>> = {
  poh_jeugd: 'POH-jeugd',
  jeugdconsulent: 'jeugdconsulent',
  gezinscoach: 'gezinscoach',
  gezinswerker: 'gezinswerker',
  schoolmaatschappelijk_werk: 'schoolmaatschappelijk werk',
  jeugdhulpverlener_onderwijs: 'jeugdhulpverlener onderwijs',
  anders: 'anders',
};

/** Where the position is: a GP practice (its AGB code, as verwijzer_detail carries it) or a school (BRIN or own code). */
export const LOCATION_KINDS = ['huisartsenpraktijk', 'school'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** A week has at most this many hours of one position (a full-time post is 36–40). */
export const MAX_HOURS_PER_WEEK = 60;

/** A location id: a GP practice's AGB code is 8 digits; a school's BRIN (e.g. 12AB) or own code, letters and digits. */
export function locationIdProblem(kind: LocationKind, id: string): { nl: string; en: string } | null {
  if (kind === 'huisartsenpraktijk')
    return /^\d{8}$/.test(id)
      ? null
      : {
          nl: 'een huisartsenpraktijk heeft als vindplaats haar AGB-code van 8 cijfers (zoals verwijzer_detail in trajecten)',
          en: 'a GP practice is identified by its 8-digit AGB code (as verwijzer_detail in trajectories)',
        };
  return LOCATION_ID.test(id)
    ? null
    : {
        nl: `een school heeft als vindplaats een BRIN-nummer of eigen code: ${LOCATION_ID_WORDS.nl}`,
        en: `a school is identified by its BRIN number or own code: ${LOCATION_ID_WORDS.en}`,
      };
}

/** A location id as a position names it (and a basishulp episode's vindplaats): what the messages say, exactly. */
export const LOCATION_ID = /^[0-9A-Za-z][0-9A-Za-z._-]{1,39}$/;
export const LOCATION_ID_WORDS = {
  nl: 'letters, cijfers en . _ -, beginnend met een letter of cijfer, 2 tot 40 tekens',
  en: 'letters, digits and . _ -, starting with a letter or digit, 2 to 40 characters',
} as const;

/**
 * The window of the before/after comparison (liaison_referral_shift): twelve months each side of the start, fewer
 * (the same number on both sides) when the period asked ends sooner; below three months after the start no figure.
 */
export const SHIFT_WINDOW_MONTHS = 12;
export const SHIFT_MIN_MONTHS = 3;

/**
 * A practice's or school's name is read by every role, bestuur and aanbieder too: the obvious identifiers (a 06
 * number, an e-mail address, a BSN; personalData.ts) are refused in it, as in every other free text (red teams 38
 * and 39: "Praktijk dr. Jansen, tel 06-12345678" was accepted). A person's name alone is not recognised.
 */
export function locationNameProblem(name: string): { nl: string; en: string } | null {
  const hint = personalDataHint(name);
  return hint === null
    ? null
    : {
        nl: `de naam lijkt ${hint} te bevatten; geef de naam van de praktijk of school, zonder persoonsgegevens`,
        en: 'the name seems to contain personal data; give the practice or school name only',
      };
}
