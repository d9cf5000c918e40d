/**
 * The sociale kaart (issue 21, seed 003): preventive help that needs no decision (beschikkingsvrij), so a team can
 * refer there first. Pure vocabulary and rules shared by the canonical CSV `aanbod` (ingest/csv/socialMapTypes.ts),
 * the migration's CHECKs (store/migrations/0028_social_map.ts), the API and the web form: a theme cannot be accepted
 * at one door and refused at another.
 *
 * Contact details are the ORGANISATION's (website, general phone number, general e-mail address), never a person's:
 * free text is checked with personalData.ts, and the contact fields have rules of their own (below), because an
 * organisation's phone number and e-mail address are exactly what personalDataHint refuses in a story.
 */
import { personalDataHint } from './personalData.js';

/** Themes of an offer: a fixed list, in Dutch, as teams ask for help ("waar kan ik heen met …"). */
export const SOCIAL_THEMES = [
  'opvoeden',
  'ontwikkeling',
  'school',
  'psychisch_welzijn',
  'gezin_en_relaties',
  'veiligheid',
  'verslaving',
  'gezondheid',
  'beperking',
  'vrije_tijd',
  'geldzaken',
  'mantelzorg',
] as const;
export type SocialTheme = (typeof SOCIAL_THEMES)[number];

export const SOCIAL_THEME_LABELS: Record<SocialTheme, string> = {
  opvoeden: 'opvoeden en opgroeien',
  ontwikkeling: 'ontwikkeling (taal, motoriek, gedrag)',
  school: 'school en leren',
  psychisch_welzijn: 'psychisch welzijn',
  gezin_en_relaties: 'gezin, scheiding en relaties',
  veiligheid: 'veiligheid thuis',
  verslaving: 'alcohol, drugs en gamen',
  gezondheid: 'gezondheid en leefstijl',
  beperking: 'leven met een beperking',
  vrije_tijd: 'vrije tijd en meedoen',
  geldzaken: 'geldzaken en armoede',
  mantelzorg: 'jonge mantelzorgers',
};

/** Ages an offer can name: 0 up to 27 (the Jeugdwet's verlengde jeugdhulp reaches 23, some offers go to 27). */
export const AGE_MIN = 0;
export const AGE_MAX = 27;

/** A theme as written in a file or typed: lower case, spaces, hyphens and slashes as `_`; the label also counts. */
export function readTheme(raw: string): SocialTheme | null {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/[\s/-]+/g, '_');
  if ((SOCIAL_THEMES as readonly string[]).includes(s)) return s as SocialTheme;
  const byLabel = SOCIAL_THEMES.find((t) => SOCIAL_THEME_LABELS[t].toLowerCase() === raw.trim().toLowerCase());
  return byLabel ?? null;
}

/**
 * "What could have come first": per jeugdhulp productcategorie (JZ020, domain/codelists.ts) the themes whose free
 * offers a team could have considered before a decision. A deliberately coarse mapping: a category says what kind of
 * care was decided, not why, so it points at themes to look at, it does not claim an offer would have sufficed.
 * Categories of compulsory or specialised care (jeugdbescherming, jeugdreclassering, gesloten plaatsing, crisis,
 * kindergeneeskunde, vervoer, landelijk ingekocht) map to nothing: there is no voorliggend alternative to them.
 * docs/csv-formaat.md (Sociale kaart) lists the same table.
 */
export const CATEGORY_THEMES: Readonly<Record<string, readonly SocialTheme[]>> = {
  '31': ['opvoeden', 'gezin_en_relaties', 'psychisch_welzijn'],
  '32': ['opvoeden', 'psychisch_welzijn', 'ontwikkeling'],
  '33': ['ontwikkeling', 'beperking', 'vrije_tijd'],
  '34': ['opvoeden', 'gezin_en_relaties'],
  '36': ['opvoeden', 'gezin_en_relaties'],
  '40': ['beperking', 'mantelzorg'],
  '41': ['ontwikkeling', 'beperking'],
  '45': ['opvoeden', 'psychisch_welzijn', 'gezin_en_relaties', 'school'],
  '49': ['veiligheid', 'vrije_tijd', 'verslaving'],
  '50': ['opvoeden', 'gezin_en_relaties'],
  '51': ['psychisch_welzijn'],
  '54': ['psychisch_welzijn', 'verslaving'],
};

/** Themes for a productcategorie; [] when the category has no voorliggend alternative (or is unknown). */
export function themesForCategory(category: string): readonly SocialTheme[] {
  return CATEGORY_THEMES[category] ?? [];
}

export interface Refusal {
  readonly code: string;
  readonly nl: string;
  readonly en: string;
}

/** Free text of an offer (name, organisation, target group, description): refused when it seems to name a person. */
export function freeTextProblem(raw: string): Refusal | null {
  const hint = personalDataHint(raw);
  return hint
    ? {
        code: 'personal_data',
        nl: `de tekst lijkt persoonsgegevens te bevatten (${hint}); de sociale kaart is openbaar`,
        en: `the text seems to hold personal data (${hint}); the sociale kaart is public`,
      }
    : null;
}

/** A website: http(s), a host with a dot, no user name or password in it, and nothing personal in the path. */
export function websiteProblem(raw: string): Refusal | null {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`);
  } catch {
    return { code: 'invalid_website', nl: 'geen geldig webadres', en: 'not a valid web address' };
  }
  if (!/^https?:$/.test(url.protocol) || !/\.[a-z]{2,}$/i.test(url.hostname) || url.username || url.password)
    return { code: 'invalid_website', nl: 'geen geldig webadres', en: 'not a valid web address' };
  return freeTextProblem(decodeURIComponentSafe(url.pathname + url.search));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The website as stored: with its scheme. */
export function normaliseWebsite(raw: string): string {
  const s = raw.trim();
  return /^https?:\/\//i.test(s) ? s : `https://${s}`;
}

/**
 * An organisation's phone number: a Dutch fixed, 085/088/091 business, 0800/0900 or 14 0xx number. A mobile number
 * (06) is refused: on a public list it is nearly always one employee's own phone.
 */
export function phoneProblem(raw: string): Refusal | null {
  const digits = raw.replace(/[\s().-]/g, '').replace(/^(?:\+31|0031)0?/, '0');
  if (!/^\d+$/.test(digits))
    return { code: 'invalid_phone', nl: 'een telefoonnummer bestaat uit cijfers', en: 'a phone number is digits' };
  if (/^06\d{8}$/.test(digits))
    return {
      code: 'personal_data',
      nl: 'een 06-nummer is meestal van een persoon; geef het algemene nummer van de organisatie',
      en: 'a mobile (06) number is nearly always a person’s; give the organisation’s general number',
    };
  if (/^0[1-9]\d{8}$/.test(digits) || /^0(800|900)\d{4,7}$/.test(digits) || /^140\d{2,3}$/.test(digits)) return null;
  return {
    code: 'invalid_phone',
    nl: 'geen Nederlands telefoonnummer (10 cijfers, 0800/0900 of 14 0xx)',
    en: 'not a Dutch phone number (10 digits, 0800/0900 or 14 0xx)',
  };
}

/**
 * An organisation's e-mail address: a general box (info@, aanmelden@, jeugd@), not a person's. Refused when the
 * part before the @ looks like a name: two or more words joined by a dot, underscore or hyphen (j.jansen,
 * piet_de_vries) or an initial before a surname (jjansen is not caught: a pattern, not a judgement).
 */
export function emailProblem(raw: string): Refusal | null {
  const s = raw.trim().toLowerCase();
  const m = /^([a-z0-9._%+-]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})$/.exec(s);
  if (!m) return { code: 'invalid_email', nl: 'geen geldig e-mailadres', en: 'not a valid e-mail address' };
  const local = m[1]!;
  // digits in a box name are a phone number, a BSN or a postcode more often than not (red team 38: 0612345678@,
  // bsn111222333@ and 1234ab@ were published); the general rule reads the name with its separators as spaces
  if (/\d{6}/.test(local.replace(/[._-]/g, '')) || personalDataHint(local.replace(/[._%+-]/g, ' ')) !== null)
    return {
      code: 'personal_data',
      nl: 'dit e-mailadres bevat een nummer of code die op persoonsgegevens lijkt; geef het algemene adres van de organisatie',
      en: 'this e-mail address holds a number or code that looks like personal data; give the organisation’s general address',
    };
  if (/^[a-z]{1,}[._-][a-z]{2,}/.test(local) && !GENERAL_BOXES.some((b) => local.startsWith(b)))
    return {
      code: 'personal_data',
      nl: 'dit e-mailadres lijkt van een persoon (voornaam.achternaam); geef het algemene adres van de organisatie',
      en: 'this e-mail address looks like a person’s (first.last); give the organisation’s general address',
    };
  return null;
}

/** General boxes that may be written with a dot or hyphen (info-jeugd@, aanmelden.jeugd@). */
const GENERAL_BOXES = ['info', 'aanmelden', 'contact', 'jeugd', 'secretariaat', 'receptie', 'team', 'servicedesk'];

/** Is an offer valid on a day: from ≤ day and (no end, or day ≤ to). */
export function validOn(from: string, to: string | null, day: string): boolean {
  return from <= day && (to === null || day <= to);
}
