/**
 * BSN checks. A BSN is 9 digits passing the elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11).
 * CBS placeholders (999999999, 000000000) pass or fail the check but never identify anyone.
 */
export const BSN_PLACEHOLDERS: ReadonlySet<string> = new Set(['999999999', '000000000']);

export function passesElfproef(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0 && bsn !== '000000000';
}

export function isPlaceholderBsn(bsn: string): boolean {
  return BSN_PLACEHOLDERS.has(bsn);
}

/** Masks a BSN for error reports: only the last two digits remain. */
export function maskBsn(value: string): string {
  return value.length <= 2 ? '**' : `${'*'.repeat(value.length - 2)}${value.slice(-2)}`;
}

/** Digits with separators between them (space, dot, comma, slash, underscore, hyphen): "1234.56.782", "123,456,782". */
const DIGIT_GROUP = /\d(?:[\s.,/_-]*\d)*/g;
const NINE = /(?<!\d)\d{9}(?!\d)/g;
const bsnLike = (d: string): boolean => passesElfproef(d) && !isPlaceholderBsn(d);
const OTHER_DIGIT = /\p{Nd}/u;

/**
 * The text with every decimal digit of any script as an ASCII digit: NFKC makes full-width and mathematical digits
 * ASCII; a digit of another script (Arabic-Indic ٢) counts its place from the zero of its run (red team 35).
 */
function asciiDigits(text: string): string {
  return text.normalize('NFKC').replace(/[^\x00-\x7f]/gu, (ch) => {
    if (!OTHER_DIGIT.test(ch)) return ch;
    const cp = ch.codePointAt(0)!;
    let v = 0;
    while (v < 9 && OTHER_DIGIT.test(String.fromCodePoint(cp - v - 1))) v++;
    return String(v);
  });
}

/**
 * Whether a text may hold nine digits at all: every free-text field of every row is checked, and almost none has nine,
 * so ASCII text is counted before any normalising or matching (the demo's 582.662 claim lines each have a product code).
 */
function nineDigitsOrMore(s: string): boolean {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return true; // another script's digits: normalised and looked at
    if (c >= 48 && c <= 57 && ++n >= 9) return true;
  }
  return false;
}

/**
 * The numbers in a text that may be a BSN: nine digits passing the elfproef (not a CBS placeholder), written plain,
 * with separators as a BSN is often written (1234.56.782, 123 456 782, 123-456-782) or in full-width digits. Free
 * text — a team's name, a referrer's description, a note — must not carry one (red teams 33 and 34: "Team 1234.56.782"
 * was accepted and a refused row's team "BSN … Jan Jansen" was kept in the quarantine).
 */
export function bsnLikeRuns(text: string): string[] {
  if (!nineDigitsOrMore(text)) return [];
  const t = asciiDigits(text);
  const out = new Set<string>();
  for (const m of t.matchAll(NINE)) if (bsnLike(m[0])) out.add(m[0]);
  for (const m of t.matchAll(DIGIT_GROUP)) {
    const d = m[0].replace(/\D/g, '');
    if (d.length === 9 && bsnLike(d)) out.add(d);
  }
  return [...out];
}

/** The text with every number that may be a BSN (bsnLikeRuns) replaced by nine stars. */
export function maskBsnRuns(text: string): string {
  if (!nineDigitsOrMore(text)) return text;
  return asciiDigits(text).replace(DIGIT_GROUP, (g) => {
    const d = g.replace(/\D/g, '');
    if (d.length === 9) return bsnLike(d) ? '*********' : g;
    return g.replace(NINE, (x) => (bsnLike(x) ? '*********' : x));
  });
}

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SCIENTIFIC = /^\+?\d+(?:[.,]\d+)?e\+?\d+$/i;

/**
 * The number of 8 or 9 digits an identifier is, however it was written, as nine digits (an 8-digit one padded with the
 * zero Excel drops); null when it is no such number. Read as a number: separators between digits (`9999.90.019`,
 * `999 990 019`, `999_990/019`), digits of other scripts, invisible characters, a sign, leading zeros, a trailing `.0`,
 * scientific notation as Excel writes a large number (`9.99990019e+8`), and a `BSN` label before it (red team 36 got all
 * of these past the column check). A letter in front (`T999990019`) makes it an identifier of its own: that is the way
 * out for an own numbering that uses the elfproef itself.
 */
export function idAsNineDigits(value: string): string | null {
  if (/^\d{8,9}$/.test(value)) return value.padStart(9, '0');
  let v = asciiDigits(value).replace(INVISIBLE, '').trim();
  v = v.replace(/^bsn\s*[:.#-]?\s*/i, '');
  if (SCIENTIFIC.test(v)) {
    const n = Number(v.replace(',', '.'));
    if (!Number.isSafeInteger(n)) return null;
    v = String(n);
  }
  v = v.replace(/^\+/, '').replace(/[.,]0*$/, '');
  if (!/^\d(?:[\s.,/_-]*\d)*$/.test(v)) return null;
  const d = v.replace(/\D/g, '').replace(/^0+(?=\d{9})/, '');
  return d.length === 8 || d.length === 9 ? d.padStart(9, '0') : null;
}

/** Of random numbers of nine digits, one in eleven passes the elfproef. */
const ELFPROEF_CHANCE = 1 / 11;

/**
 * Whether a column of identifiers (traject_id, declaratie_id, …) holds BSNs: of `nine` values of 8 or 9 digits,
 * `passing` pass the elfproef. A gemeente's own numbers pass it one time in eleven; a column of BSNs every time. The
 * column is taken for BSNs when that many passes would happen by chance less than once in a million files (Chernoff's
 * bound on the binomial tail, which never overstates the chance, so an own numbering is not refused by it) — from six
 * values that all pass — and when at least a quarter of the values pass. Red team 33's mapping profile swapped BSN and dossier number; this catches any such swap.
 */
export function looksLikeBsnColumn(nine: number, passing: number): boolean {
  // `nine` and `passing` count distinct numbers: one trajectory's number on eight claim lines is one number
  if (passing < 1 || nine < 1) return false;
  const share = passing / nine;
  // well above one in eleven: a large numbering a little above it by its structure (consecutive ranges) is no BSN; a
  // quarter still catches BSNs diluted with as many numbers that fail the proof (red team 36: 30 of 61 got through at
  // the half this asked before)
  if (share < 0.25) return false;
  const p = ELFPROEF_CHANCE;
  const kl = share * Math.log(share / p) + (share < 1 ? (1 - share) * Math.log((1 - share) / (1 - p)) : 0);
  return nine * kl > Math.log(1e6);
}
