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

/** Format characters (bidi marks, zero-width spaces, soft hyphens) and marks on digits (keycaps, accents) are not read. */
const UNREAD = /[\p{Cf}\p{M}]/gu;
const SCIENTIFIC = /^\+?(\d+)(?:[.,](\d+))?\s*(?:e|[x×*]\s*10\s*\^?)\s*\+?(\d+)$/i;
/** Digits with up to three characters that are neither letter nor digit between them: one number as it is written. */
const NUMBER_AS_WRITTEN = /\d+(?:[^\p{L}\p{N}]{1,3}\d+)*/gu;
const NUMBER_AS_WRITTEN_ASCII = /\d+(?:[^A-Za-z0-9]{1,3}\d+)*/g;

/**
 * Whether a text may hold a candidate number (numbersAsWritten), decided on plain ASCII from the lengths of its digit
 * groups before anything else is done: digits with up to three other characters between them are one number as
 * written, a letter ends one. Most ids have none (`9001-T0000042`, `9001-T0000042-202403`: groups of 7 and 6 digits).
 */
function mayHoldNumber(s: string): boolean {
  GROUPS.length = 0;
  let run = 0;
  let gap = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return true;
    if (c >= 48 && c <= 57) {
      if (gap > 3 && groupsHold()) return true;
      gap = 0;
      run++;
      continue;
    }
    if (run > 0) GROUPS.push(run);
    run = 0;
    if ((c | 32) >= 97 && (c | 32) <= 122) {
      if (groupsHold()) return true;
      gap = 0;
    } else if (GROUPS.length > 0) gap++;
  }
  if (run > 0) GROUPS.push(run);
  return groupsHold();
}

/** The most digits a number as written has when it is one number (a BSN with three zeros before it). */
const LONGEST_NUMBER = 12;
/** A run of digits without separators whose first and last nine are read (a BSN with a date, AGB code or year). */
const LONG_RUN = { min: 10, max: 17 } as const;

/** The digit groups' lengths of the number as written that mayHoldNumber is reading (one array, not one a call). */
const GROUPS: number[] = [];

/** Whether the groups read so far make a candidate; they are then forgotten. */
function groupsHold(): boolean {
  for (let a = 0; a < GROUPS.length; a++) {
    if (GROUPS[a]! >= LONG_RUN.min && GROUPS[a]! <= LONG_RUN.max) return true;
    let total = 0;
    for (let b = a; b < GROUPS.length && total <= LONGEST_NUMBER; b++) {
      total += GROUPS[b]!;
      if (total >= 8 && total <= LONGEST_NUMBER) return true;
    }
  }
  GROUPS.length = 0;
  return false;
}

/**
 * The numbers of 8 or 9 digits an identifier holds, however they were written, as nine digits (an 8-digit one padded
 * with the zero Excel drops). Read generously, because a column of BSNs must not pass for own numbers (red teams 36
 * and 38) — punctuation, space or dash between digits (`9999.90.019`, `999‑990‑019`, `(999)990019`), digits of
 * other scripts, invisible characters and marks, any label or wrapping (`BSN-nummer: …`, `nr. …`, `="…"`), text after
 * it, two numbers in one field (`…/…`), and scientific notation as Excel writes a large number (`9.99990019e+8`). The
 * one way out is a single letter directly before the digits and nothing else (`T999990019`): an own numbering that
 * uses the elfproef itself. This guards against a mistake (a swapped mapping, an export that calls BSNs dossier
 * numbers); it cannot stop someone who sets out to hide a number in a text.
 */
export function idNumbers(value: string): string[] {
  if (/^\d{8,9}$/.test(value)) {
    const n = asNine(value);
    return n === null ? [] : [n];
  }
  if (!mayHoldNumber(value)) return [];
  const ascii = /^[\x00-\x7f]*$/.test(value);
  const v = (ascii ? value : asciiDigits(value).replace(UNREAD, '')).trim();
  if (/^[A-Za-z]\d+$/.test(v)) return [];
  const sci = SCIENTIFIC.exec(v);
  if (sci) {
    const [, whole, fraction = '', exp] = sci;
    const shift = Number(exp);
    if (shift > 12 || fraction.length > shift) return [];
    const n = asNine(whole! + fraction + '0'.repeat(shift - fraction.length));
    return n === null ? [] : [n];
  }
  const out = new Set<string>();
  for (const m of v.matchAll(ascii ? NUMBER_AS_WRITTEN_ASCII : NUMBER_AS_WRITTEN)) {
    // a spreadsheet writes a whole number with decimals (999990019.0, € 999.990.019,00)
    const written = m[0].replace(/(\d{3}|\d{8,})[.,]0{1,2}$/, '$1');
    for (const n of numbersAsWritten(written)) out.add(n);
  }
  return [...out];
}

/**
 * The candidate numbers in one number as written: every run of its digit groups that makes 8 or 9 significant digits
 * (9999.90.019 whole; 999990007/999990019 each; 9999.90.019-2024 and 0363-999990019 without the year or the
 * gemeente), and in a run of 10 to 17 digits without separators its first and last nine (0363999990019,
 * 99999001901). Each candidate of an own number passes the elfproef one time in eleven like any other, so counting
 * them all keeps the column's chance as it is, while a BSN inside is found.
 */
function numbersAsWritten(written: string): string[] {
  const groups = written.split(/\D+/).filter((g) => g !== '');
  const out: string[] = [];
  for (let a = 0; a < groups.length; a++) {
    let length = 0;
    for (let b = a; b < groups.length; b++) {
      length += groups[b]!.length;
      if (length > LONGEST_NUMBER) break;
      if (length < 8) continue;
      const n = asNine(groups.slice(a, b + 1).join(''));
      if (n !== null) out.push(n);
    }
  }
  for (const g of groups) {
    if (g.length < LONG_RUN.min || g.length > LONG_RUN.max || asNine(g) !== null) continue;
    for (const w of [g.slice(0, 9), g.slice(-9)]) {
      const n = asNine(w);
      if (n !== null && w.length === 9) out.push(n);
    }
  }
  return out;
}

/**
 * A number by its significant digits: 8 (a BSN whose leading zero was dropped) or 9, with at most three zeros before
 * it (0000042202403, a claim id with its month, is no BSN).
 */
function asNine(d: string): string | null {
  if (d.length > LONGEST_NUMBER) return null;
  let zeros = 0;
  while (zeros < d.length && d.charCodeAt(zeros) === 48) zeros++;
  const significant = d.length - zeros;
  if (significant !== 8 && significant !== 9) return null;
  return significant === 9 ? d.slice(zeros) : `0${d.slice(zeros)}`;
}

/** P(X ≥ k) for X binomial(n, p), summed from its first term in logarithms (exact, not a bound). */
export function binomialTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let log = k * Math.log(p) + (n - k) * Math.log(1 - p);
  for (let i = 0; i < k; i++) log += Math.log((n - i) / (i + 1));
  let term = Math.exp(log);
  let sum = term;
  for (let i = k; i < n && term > sum * 1e-17; i++) {
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
    sum += term;
  }
  return Math.min(1, sum);
}

/** Of random numbers of nine digits, one in eleven passes the elfproef. */
const ELFPROEF_CHANCE = 1 / 11;

/**
 * Whether a column of identifiers (traject_id, declaratie_id, …) holds BSNs: of `nine` distinct values that hold a
 * number of 8 or 9 digits (idNumbers), `passing` hold one that passes the elfproef. A gemeente's own numbers pass it one
 * time in eleven; a column of BSNs every time. The column is taken for BSNs when that many passes would happen by chance
 * less than once in a million files (the binomial tail) — from six values that all pass — and when at least a quarter
 * of the values pass. Red team 33's mapping profile swapped BSN and dossier number; this catches such a swap.
 */
export function looksLikeBsnColumn(nine: number, passing: number, chance: number = ELFPROEF_CHANCE): boolean {
  // `nine` and `passing` count distinct values: one trajectory's number on eight claim lines is one number. `chance`:
  // the mean chance that one of them passes by chance (a value read as two candidates, 0363-9999.90.019-2024, has
  // 1 − (10/11)²); by Hoeffding's theorem the binomial with that mean bounds the chance of so many passes from above
  if (passing < 6 || nine < 1) return false;
  // well above chance: a large numbering a little above it by its structure (consecutive ranges) is no BSN; a quarter
  // still catches BSNs diluted with as many numbers that fail the proof (red team 36: 30 of 61 got through at the half
  // this asked before)
  if (passing / nine < Math.max(0.25, 2 * chance)) return false;
  return binomialTail(nine, passing, chance) < 1e-6;
}

/** The chance that a value read as `candidates` numbers holds one passing the elfproef by chance. */
export const chanceOfPassing = (candidates: number): number => 1 - (1 - ELFPROEF_CHANCE) ** candidates;
