/**
 * Streaming CSV tokenizer (RFC 4180: quoted fields with doubled quotes and line breaks inside).
 * Fed decoded text chunk by chunk; emits records with the physical line they start on. Lines
 * without quotes take a fast path (a plain split), which is nearly all of them. A quoted record
 * is parsed from its start once it is complete; one record may not exceed MAX_RECORD_CHARS, so an
 * unterminated quote cannot make us hold a whole large file in memory.
 */
import { UserError } from '../../domain/errors.js';
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

export const MAX_RECORD_CHARS = 1 << 20;

/** A file that breaks off inside a quoted field, or a record over the length limit: a UserError naming the line. */
export class CsvError extends UserError<'ongeldig_bestand.csv'> {
  constructor(
    readonly line: number,
    readonly kind: 'truncated' | 'record_too_long',
  ) {
    super('ongeldig_bestand.csv', { line, kind, maxChars: MAX_RECORD_CHARS });
  }
}

interface Parsed {
  fields: string[];
  next: number;
  newlines: number;
}

/** Parses one record starting at pos; null when the text ends before the record does. */
function parseRecord(s: string, pos: number, sep: string, final: boolean): Parsed | null {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let newlines = 0;
  for (let i = pos; i < s.length; i++) {
    const c = s[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (i + 1 >= s.length && !final) return null; // "" or closing quote: need the next char
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') newlines++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      inQuotes = true;
    } else if (c === sep) {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
      return { fields, next: i + 1, newlines: newlines + 1 };
    } else {
      field += c;
    }
  }
  if (!final || inQuotes) return null;
  fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
  return { fields, next: s.length, newlines: 0 };
}

export class CsvTokenizer {
  private buf = '';
  private line = 1;

  constructor(readonly separator: string) {}

  /** Adds text; returns the complete records it finished. */
  push(text: string): CsvRecord[] {
    this.buf += text;
    return this.drain(false);
  }

  /** Call at end of input. Throws CsvError when the text ends inside a quoted field. */
  end(): CsvRecord[] {
    const out = this.drain(true);
    if (this.buf.length > 0) throw new CsvError(this.line, 'truncated');
    return out;
  }

  private drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const s = this.buf;
    let pos = 0;
    let nextQuote = s.indexOf('"');
    while (pos < s.length) {
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      const nl = s.indexOf('\n', pos);
      if (nl !== -1 && (nextQuote === -1 || nextQuote > nl)) {
        let lineText = s.slice(pos, nl);
        if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
        out.push({ line: this.line, fields: lineText.split(this.separator) });
        this.line++;
        pos = nl + 1;
        continue;
      }
      const rec = parseRecord(s, pos, this.separator, final);
      if (rec === null) {
        if (s.length - pos > MAX_RECORD_CHARS) throw new CsvError(this.line, 'record_too_long');
        break;
      }
      out.push({ line: this.line, fields: rec.fields });
      this.line += rec.newlines;
      pos = rec.next;
    }
    this.buf = s.slice(pos);
    return out;
  }
}

/** Picks ; , or tab: the one that splits the header line into the most columns. */
export function detectSeparator(headerLine: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const sep of [';', ',', '\t']) {
    const n = headerLine.split(sep).length - 1;
    if (n > bestCount) {
      best = sep;
      bestCount = n;
    }
  }
  return best;
}
