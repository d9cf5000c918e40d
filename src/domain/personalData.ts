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
  [/\b\d{4}\s?[A-Z]{2}\b|\b\d{4}[a-z]{2}\b/, 'een postcode', 'text'],
  [/@[\p{L}0-9.-]+\.[a-z]{2,}|\S\s*[[(]\s*(?:at|apenstaart)\s*[\])]\s*\S/iu, 'een e-mailadres', 'text'],
  [/(?:\b0|\+31|\b0031)[1-9]\d{8}\b/, 'een telefoonnummer', 'joined'],
  [new RegExp(`\\bgeb(?:oren|\\.)?\\s*(?:op\\s*)?${DATE}`, 'i'), 'een geboortedatum', 'text'],
  [/\bNL\s?\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b/i, 'een rekeningnummer (IBAN)', 'text'],
];

/** Digits of any script as 0–9, invisible format characters gone: the text a pattern is matched on. */
export function foldedText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Nd}/gu, (d) => {
      const c = d.codePointAt(0)!;
      // a decimal digit's value is its distance from the zero of its block (Unicode puts 0–9 in a row)
      for (let zero = c; zero > c - 10; zero--)
        if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return String(c - zero);
      return d;
    });
}

export function personalDataHint(raw: string): string | null {
  const text = foldedText(raw);
  const joined = text.replace(/[()]/g, '').replace(/(\d)[\s./_-]+(?=\d)/g, '$1');
  // nine digits that pass the elfproef, as every BSN does; an amount in euros of nine digits is a budget, not a person
  for (const m of joined.matchAll(/(€\s*)?\b(\d{9})\b/g)) if (!m[1] && passesElfproef(m[2]!)) return 'een BSN';
  for (const [pattern, words, on] of PATTERNS) if (pattern.test(on === 'joined' ? joined : text)) return words;
  return null;
}
