/**
 * What counts as text in any input (API, CSV, Excel): everything but NUL and the other control characters except tab
 * and line breaks (C0, DEL and the C1 block U+0080–U+009F, which a PDF prints as "€" or "…"), the noncharacters
 * (U+FFFE/U+FFFF, which XML does not allow: one stored value made an Excel report unreadable; U+FDD0–U+FDEF and the
 * last two of every plane, red team 20), a lone surrogate, and
 * U+FFFD, the mark a decoder leaves where bytes were not UTF-8 (red teams 18 and 19: stored in silence, shown as "�").
 */
// eslint-disable-next-line no-control-regex
const NOT_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]|\p{Noncharacter_Code_Point}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/** The first character of `s` that is not text, or null. */
export function firstNotText(s: string): string | null {
  return NOT_TEXT.exec(s)?.[0] ?? null;
}

/** The character as a code point a person can look up: U+0001. */
export function codePointOf(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What kind of not-text it is, in words (nl, en). */
export function notTextKind(c: string): { nl: string; en: string } {
  const cp = c.codePointAt(0)!;
  if (cp === 0xfffd)
    return { nl: 'een teken voor bytes die geen UTF-8 waren', en: 'a mark for bytes that were not UTF-8' };
  if (cp >= 0xd800 && cp <= 0xdfff) return { nl: 'een losse surrogaathelft', en: 'a lone surrogate' };
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return { nl: 'een niet-teken', en: 'a noncharacter' };
  return { nl: 'een stuurteken', en: 'a control character' };
}

/** A value as a person can read it back: every character that is not text written as [U+0001]. */
export function showNotText(s: string): string {
  return s.replace(new RegExp(NOT_TEXT.source, 'gu'), (c) => `[${codePointOf(c)}]`);
}
