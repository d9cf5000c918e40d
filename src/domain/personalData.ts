/**
 * Personal data in a text meant for readers outside the authorised circle (an external explanation or story, its
 * theme): the obvious identifiers, found as people write them. A pure rule, kept in the domain; the narratives route
 * refuses a text it finds something in.
 */
import { passesElfproef } from './bsn.js';

// A story shown outside the circle must not name people: refuse the obvious identifiers outright, read as a person
// types them (red teams 32, 33): every script's digits folded to 0–9 (NFKC, then any decimal digit by its value),
// invisible format characters dropped, and digits grouped by spaces, dots, dashes, slashes, underscores, line breaks
// or brackets joined. What is refused is a pattern, not a judgement: a name, a BSN spelled out in words or an O for a
// 0 still pass, and the author confirms an external text holds no personal data (the form says so).
const MONTHS =
  'jan(?:uari)?|feb(?:ruari)?|mrt|maart|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE = `(?:\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\s+(?:${MONTHS})\\.?\\s+\\d{4})`;
const PATTERNS: ReadonlyArray<[RegExp, string, 'text' | 'joined']> = [
  // 1234AB, 1234 AB, 1234ab; with a dash or spaced letters (1234-AB, 1234 A B) or after the word postcode in any case
  // (red team 35); "1234 ab" alone stays allowed: "in 2024 en 2025" is no postcode
  [/\b\d{4}\s?[A-Z]{2}\b|\b\d{4}[a-z]{2}\b|\b\d{4}\s?[A-Z]\s[A-Z]\b/, 'een postcode', 'text'],
  [/\b\d{4}\s*-\s*[a-z]{2}\b|\bpostcode\s*:?\s*\d{4}\s*-?\s*[a-z]\s?[a-z]\b/i, 'een postcode', 'text'],
  // any case, with a space (one or more) or a dot, underscore, slash or dash between ("woont 1234 ab", "1234.AB",
  // "1234_ab"; red teams 36, 40): letters a postcode can have (never F, I, O, Q, U or Y) and no two-letter word or
  // unit, so "in 2024 en Zwolle", "2025 de Raad" or "1500 kg" stay allowed
  [
    /\b[1-9]\d{3}(?:\s+|[._/-])(?!(?:en|de|te|al|na|ja|we|ze|er|je|an|at|be|he|me|as|la|el|ex|kg|km|cm|mm|ml|kb|mb|gb|pp|ct|nm)\b)[a-eghj-nprstvwxz]{2}\b/iu,
    'een postcode',
    'text',
  ],
  // name@domain.nl, with spaces around the @, [at] or (at), or the word at before a domain (jan at gmail.com)
  [
    // any @ after a word (jan.jansen@gemeente, jan @ example . nl), [at] (at) {at} (a), or at/apenstaart spelled out
    // before a domain or before "dot"/"punt" (red teams 35, 36)
    /[\p{L}0-9]\s*@|\S\s*[[({]\s*(?:at|apenstaart)\s*[\])}]\s*\S|[\p{L}0-9][({]a[)}][\p{L}0-9]|\S\s+(?:at|apenstaart\p{L}*)\s+[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)*\.[a-z]{2,}\b|\S\s+(?:at|apenstaart\p{L}*)\s+[\p{L}0-9-]+\s+(?:dot|punt)\s+[a-z]{2,}\b/iu,
    'een e-mailadres',
    'text',
  ],
  // 06…, +31 6…, 0031 6…, and +31 (0)6… as people write it
  [/(?:\b0|\+31\s*0?|\b0031\s*0?)[1-9]\d{8}\b/, 'een telefoonnummer', 'joined'],
  [new RegExp(`\\bgeb(?:oren|\\.)?\\s*(?:op\\s*)?${DATE}`, 'i'), 'een geboortedatum', 'text'],
  // born, with any number after it (geb. 12 mrt '11, geboortedatum 3-12-11, geb 01012012)
  [/\bgeb(?:oren|oortedatum|\.)?(?![\p{L}])[^\p{L}\n]{0,4}\d/iu, 'een geboortedatum', 'text'],
  // born / date of birth / DOB, or geboren with a month or a number soon after, or *12-03-2015 (red team 36)
  [
    new RegExp(`\\b(?:born|dob|date of birth|geboren)\\b[^\\n]{0,20}?(?:\\d|\\b(?:${MONTHS})\\b)|\\*\\s*${DATE}`, 'iu'),
    'een geboortedatum',
    'text',
  ],
  [/\bNL\s?\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b/i, 'een rekeningnummer (IBAN)', 'text'],
  // a BSN named as such, whatever follows: 8 digits, one that fails the check, or the number in words
  [
    /\b(?:bsn|burgerservicenummer|sofinummer)(?![\p{L}])[^\n]{0,12}?(?:\d|\b(?:nul|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)\b)/iu,
    'een BSN',
    'text',
  ],
];

/** Digits of any script as 0–9, invisible format characters gone: the text a pattern is matched on. */
export function foldedText(raw: string): string {
  return (
    raw
      .normalize('NFKC')
      .replace(/\p{Cf}/gu, '')
      // every dash (non-breaking hyphen, en dash, minus) as "-": 06‑12345678 is a phone number too (red team 35)
      .replace(/[\p{Pd}\u2212]/gu, '-')
      .replace(/\p{Nd}/gu, (d) => {
        const c = d.codePointAt(0)!;
        // a decimal digit's value is its distance from the zero of its block (Unicode puts 0–9 in a row)
        for (let zero = c; zero > c - 10; zero--)
          if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return String(c - zero);
        return d;
      })
  );
}

/**
 * What a text seems to hold of a person, in words, or null. `theme`: a story's theme, stored in lower case and
 * short, where "1234 ab" can only be a postcode and "jan at voorbeeld nl" an address.
 */
export function personalDataHint(raw: string, o: { theme?: boolean } = {}): string | null {
  const text = foldedText(raw);
  if (o.theme) {
    if (/\b\d{4}\s*-?\s*[a-z]\s?[a-z]\b/i.test(text)) return 'een postcode';
    if (/\S\s+(?:at|apenstaart)\s+\S/i.test(text)) return 'een e-mailadres';
  }
  const joined = text.replace(/[()]/g, '').replace(/(\d)[\s./_-]+(?=\d)/g, '$1');
  // nine digits that pass the elfproef, as every BSN does; an amount in euros of nine digits is a budget, not a person
  for (const m of joined.matchAll(/(€\s*)?(?<!\d)(\d{9})(?!\d)/g)) if (!m[1] && passesElfproef(m[2]!)) return 'een BSN';
  // an account number of any country: two letters, two check digits and the rest, when it passes the mod-97 check
  for (const m of text.matchAll(/\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30})\b/gi))
    if (ibanValid(m[1]!.replace(/\s/g, ''))) return 'een rekeningnummer (IBAN)';
  for (const [pattern, words, on] of PATTERNS) if (pattern.test(on === 'joined' ? joined : text)) return words;
  return null;
}

/** ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1. */
function ibanValid(iban: string): boolean {
  const moved = (iban.slice(4) + iban.slice(0, 4)).toUpperCase();
  let rest = 0;
  for (const ch of moved) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}
