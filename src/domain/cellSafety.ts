/**
 * Formula injection (OWASP "CSV injection"): a text cell that begins with = + - @, a tab or a
 * carriage return is run as a formula by Excel or LibreOffice when a CSV is opened, or when a text
 * cell of a workbook is edited. Team names, file names and user names come from uploads and
 * requests, so every CSV and Excel writer passes its text cells through `neutraliseCell`: such a
 * cell gets a leading single quote and stays visible text. Numbers are numbers, not formulas: a
 * JS number is never touched, and neither is text that is just a (negative) number ("-1", "-2,5"),
 * so a negative amount stays numeric for whoever opens the file. "+1" is not how anyone writes a
 * number in these files, and Excel would compute it: it is neutralised like any formula.
 *
 * The web bundle may not import from outside src/web, so src/web/format.ts keeps its own copy of
 * this function; src/domain/cellSafety.test.ts checks that both give the same answers.
 */

const TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(\d+([.,]\d+)?|\d{1,3}([.,]\d{3})+([.,]\d+)?)$/;

/** The text as it may be written into a spreadsheet cell (CSV field or Excel text cell). */
export function neutraliseCell(text: string): string {
  // a lone "-" is the usual placeholder for "none" and cannot compute anything
  return TRIGGER.test(text) && text !== '-' && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Undoes `neutraliseCell` for a field read back from a file Zicht wrote (the quarantine correction file). */
export function unneutraliseCell(text: string): string {
  return text.length > 1 && text[0] === "'" && TRIGGER.test(text.slice(1)) && !PLAIN_NUMBER.test(text.slice(1))
    ? text.slice(1)
    : text;
}

/** A value for a spreadsheet: numbers, booleans, dates and null as they are, text neutralised. */
export function safeValue<T>(v: T): T | string {
  return typeof v === 'string' ? neutraliseCell(v) : v;
}
