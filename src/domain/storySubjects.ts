/**
 * What a story or explanation is about (issue 20, "stories beyond one figure"; the Vertelpunt idea of Peel en Maas:
 * clients tell their story in their own way, not as a footnote to a number). Beside a figure in a period (the
 * indicator, as before), a text can be about a provider, a product or a theme; the Verhalen page groups by subject.
 * Pure rules: the kinds, how a key is written, and its words for people.
 */
import { hasCode, label, PRODUCT_CATEGORY } from './codelists.js';

export const STORY_SUBJECTS = ['indicator', 'aanbieder', 'product', 'thema'] as const;
export type StorySubject = (typeof STORY_SUBJECTS)[number];

export type SubjectCheck = { ok: true; key: string } | { ok: false; nl: string; en: string };

/**
 * The key of a subject as stored, or why it cannot be: an AGB code of 8 digits; a product category of JZ020 (two
 * digits) or a regional product code that starts with one (`45A01`); a theme of 2–60 characters, spaces collapsed.
 * The indicator kind is checked against the catalogue by its caller (the catalogue is not domain).
 */
export function checkSubjectKey(kind: Exclude<StorySubject, 'indicator'>, raw: string): SubjectCheck {
  const key = raw.trim().replace(/\s+/g, ' ');
  if (kind === 'aanbieder')
    return /^[0-9]{8}$/.test(key)
      ? { ok: true, key }
      : {
          ok: false,
          nl: `AGB-code van 8 cijfers verwacht, niet '${key}'`,
          en: `an AGB code of 8 digits, not '${key}'`,
        };
  if (kind === 'product') {
    const code = key.toUpperCase();
    if (/^[0-9]{2}[A-Z0-9]{0,10}$/.test(code) && hasCode(PRODUCT_CATEGORY, code.slice(0, 2)))
      return { ok: true, key: code };
    return {
      ok: false,
      nl: `een productcategorie (JZ020, twee cijfers) of een productcode die ermee begint, niet '${key}'`,
      en: `a product category (JZ020, two digits) or a product code starting with one, not '${key}'`,
    };
  }
  // a theme is a word or a few, the same whatever its case (BEJEGENING is bejegening), and it is shown beside every
  // story of it, also to bestuur and providers: letters, digits, spaces and - / + ' & only, and no number of five
  // digits or more (a phone number or BSN as a theme: red team 32)
  // digits of any script count as digits; a theme starts with a letter or digit (a leading - + = @ is a formula in a
  // spreadsheet); ß folds to ss as STRASSE does (red team 33)
  const theme = key.normalize('NFKC').toLocaleLowerCase('nl').replace(/ß/g, 'ss');
  const digits = theme.replace(/\p{Nd}/gu, '0').replace(/[ .-]/g, '');
  if (
    theme.length < 2 ||
    theme.length > 60 ||
    !/^[\p{L}\p{N}][\p{L}\p{N} '&+/-]*$/u.test(theme) ||
    /\d{5}/.test(digits)
  )
    return {
      ok: false,
      nl: "een thema van 2 tot 60 tekens: letters, cijfers, spaties en - / + ' & (geen nummer van vijf cijfers of meer)",
      en: "a theme of 2 to 60 characters: letters, digits, spaces and - / + ' & (no number of five digits or more)",
    };
  return { ok: true, key: theme };
}

/** A subject's words: "Naam (AGB 12345678)", "Jeugdhulp ambulant (45)", "product 45A01 (Jeugdhulp ambulant)". */
export function subjectWords(
  kind: Exclude<StorySubject, 'indicator'>,
  key: string,
  providerName?: string | null,
): string {
  // an AGB code says what it is (the web's words check: never a bare 8-digit code)
  if (kind === 'aanbieder') return providerName ? `${providerName} (AGB ${key})` : `aanbieder (AGB ${key})`;
  if (kind === 'product') {
    const category = label(PRODUCT_CATEGORY, key.slice(0, 2));
    return key.length === 2 ? `${category} (${key})` : `product ${key} (${category})`;
  }
  return key;
}
