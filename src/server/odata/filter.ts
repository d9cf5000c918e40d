/**
 * The part of OData's $filter the feed understands (docs/odata.md): `eq` and `in` on a text property, combined with
 * `and`, `or` and parentheses, literals in single quotes ('' for a quote) or `null`. Anything else — another
 * operator, a function, a number, a property that is not filterable — is refused with 400 naming what it was, never
 * ignored: a filter that is half understood would give a silently wrong table in Power BI.
 * The parsed filter is a predicate on an entity and also says which values a property is bound to (`boundOf`), so the
 * route computes only the indicators, periods and gemeenten a query can match.
 */
import { UserError } from '../../domain/errors.js';

export type Literal = string | null;
export type Filter =
  | { readonly op: 'and' | 'or'; readonly args: readonly Filter[] }
  | { readonly op: 'eq'; readonly field: string; readonly value: Literal }
  | { readonly op: 'in'; readonly field: string; readonly values: readonly Literal[] };

const MAX_TERMS = 200;
const MAX_DEPTH = 20;
const KEYWORDS = new Set(['eq', 'in', 'and', 'or']);
const UNSUPPORTED = new Set(['ne', 'gt', 'ge', 'lt', 'le', 'has', 'not', 'add', 'sub', 'mul', 'div', 'mod']);

export function odataError(nl: string, en: string): UserError {
  return new UserError('ongeldige_invoer.odata', { nl, en });
}

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; text: string; at: number }
  | { kind: 'punct'; text: '(' | ')' | ','; at: number };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ kind: 'punct', text: c, at: i });
      i++;
    } else if (c === "'") {
      let s = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw odataError(
            `$filter: tekst zonder sluitend ' (positie ${i + 1})`,
            `$filter: unterminated text literal (position ${i + 1})`,
          );
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            s += "'";
            j += 2;
            continue;
          }
          break;
        }
        s += text[j];
        j++;
      }
      out.push({ kind: 'string', text: s, at: i });
      i = j + 1;
    } else if (/[0-9.+-]/.test(c)) {
      // a number: recognised only to say that the feed compares texts (every filterable property is one)
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      out.push({ kind: 'number', text: text.slice(i, j), at: i });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      out.push({ kind: 'word', text: text.slice(i, j), at: i });
      i = j;
    } else {
      throw odataError(
        `$filter: onverwacht teken '${c}' op positie ${i + 1}; vergelijk met een tekst tussen enkele aanhalingstekens`,
        `$filter: unexpected character '${c}' at position ${i + 1}; compare with a text in single quotes`,
      );
    }
  }
  return out;
}

/** Parses a $filter; `fields` are the filterable properties, `known` every property of the entity set. */
export function parseFilter(text: string, fields: readonly string[], known: readonly string[]): Filter {
  const tokens = tokenize(text);
  let pos = 0;
  let terms = 0;
  const peek = () => tokens[pos];
  const at = () => (peek() ? `positie ${peek()!.at + 1}` : 'het einde');
  const atEn = () => (peek() ? `position ${peek()!.at + 1}` : 'the end');
  const expect = (what: string, whatEn: string): never => {
    throw odataError(`$filter: ${what} verwacht bij ${at()}`, `$filter: expected ${whatEn} at ${atEn()}`);
  };
  const isWord = (w: string) => peek()?.kind === 'word' && peek()!.text.toLowerCase() === w;

  function literal(): Literal {
    const t = peek();
    if (t?.kind === 'string') {
      pos++;
      return t.text;
    }
    if (t?.kind === 'word' && t.text === 'null') {
      pos++;
      return null;
    }
    return expect("een tekst tussen enkele aanhalingstekens ('…') of null", "a text in single quotes ('…') or null");
  }

  function comparison(depth: number): Filter {
    const t = peek();
    if (t?.kind === 'punct' && t.text === '(') {
      if (depth >= MAX_DEPTH) throw odataError('$filter: te diep genest', '$filter: nested too deeply');
      pos++;
      const inner = or(depth + 1);
      if (peek()?.kind !== 'punct' || peek()!.text !== ')') expect("')'", "')'");
      pos++;
      return inner;
    }
    if (t?.kind !== 'word' || KEYWORDS.has(t.text)) return expect('een eigenschap', 'a property');
    pos++;
    if (peek()?.kind === 'punct' && peek()!.text === '(') {
      throw odataError(
        `$filter: functie '${t.text}' wordt niet ondersteund (alleen eq, in, and, or)`,
        `$filter: function '${t.text}' is not supported (only eq, in, and, or)`,
      );
    }
    if (!known.includes(t.text)) {
      throw odataError(
        `$filter: onbekende eigenschap '${t.text}' (filteren kan op ${fields.join(', ')})`,
        `$filter: unknown property '${t.text}' (filterable: ${fields.join(', ')})`,
      );
    }
    if (!fields.includes(t.text)) {
      throw odataError(
        `$filter: filteren op '${t.text}' wordt niet ondersteund (wel op ${fields.join(', ')})`,
        `$filter: filtering on '${t.text}' is not supported (filterable: ${fields.join(', ')})`,
      );
    }
    if (++terms > MAX_TERMS)
      throw odataError(`$filter: meer dan ${MAX_TERMS} vergelijkingen`, `$filter: more than ${MAX_TERMS} comparisons`);
    const op = peek();
    if (op?.kind === 'word' && op.text === 'eq') {
      pos++;
      return { op: 'eq', field: t.text, value: literal() };
    }
    if (op?.kind === 'word' && op.text === 'in') {
      pos++;
      if (peek()?.kind !== 'punct' || peek()!.text !== '(') expect("'(' na in", "'(' after in");
      pos++;
      const values: Literal[] = [literal()];
      while (peek()?.kind === 'punct' && peek()!.text === ',') {
        pos++;
        values.push(literal());
        if (values.length > MAX_TERMS)
          throw odataError(
            `$filter: meer dan ${MAX_TERMS} waarden in in(…)`,
            `$filter: more than ${MAX_TERMS} values in in(…)`,
          );
      }
      if (peek()?.kind !== 'punct' || peek()!.text !== ')') expect("')'", "')'");
      pos++;
      return { op: 'in', field: t.text, values };
    }
    if (op?.kind === 'word' && (UNSUPPORTED.has(op.text.toLowerCase()) || KEYWORDS.has(op.text.toLowerCase()))) {
      throw odataError(
        `$filter: operator '${op.text}' wordt niet ondersteund (alleen eq, in, and, or)`,
        `$filter: operator '${op.text}' is not supported (only eq, in, and, or)`,
      );
    }
    return expect("'eq' of 'in'", "'eq' or 'in'");
  }

  function and(depth: number): Filter {
    const args = [comparison(depth)];
    while (isWord('and')) {
      if (peek()!.text !== 'and') expect("'and' in kleine letters", "'and' in lower case");
      pos++;
      args.push(comparison(depth));
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  }

  function or(depth: number): Filter {
    const args = [and(depth)];
    while (isWord('or')) {
      if (peek()!.text !== 'or') expect("'or' in kleine letters", "'or' in lower case");
      pos++;
      args.push(and(depth));
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  }

  if (tokens.length === 0) throw odataError('$filter is leeg', '$filter is empty');
  const f = or(0);
  if (pos < tokens.length) {
    const t = peek()!;
    if (t.kind === 'word' && UNSUPPORTED.has(t.text.toLowerCase()))
      throw odataError(
        `$filter: operator '${t.text}' wordt niet ondersteund (alleen eq, in, and, or)`,
        `$filter: operator '${t.text}' is not supported (only eq, in, and, or)`,
      );
    expect("'and', 'or' of het einde", "'and', 'or' or the end");
  }
  return f;
}

/** Does the entity match? Properties are compared as text; a missing property is null. */
export function matches(f: Filter, entity: Readonly<Record<string, unknown>>): boolean {
  switch (f.op) {
    case 'and':
      return f.args.every((a) => matches(a, entity));
    case 'or':
      return f.args.some((a) => matches(a, entity));
    case 'eq':
      return (entity[f.field] ?? null) === f.value;
    case 'in':
      return f.values.includes((entity[f.field] ?? null) as Literal);
  }
}

/**
 * The values `field` is bound to by the filter: no entity outside them can match. null when the filter does not
 * bind it (the property is not named, or named under an `or` with a term that does not name it).
 */
export function boundOf(f: Filter | null, field: string): Literal[] | null {
  if (f === null) return null;
  switch (f.op) {
    case 'eq':
      return f.field === field ? [f.value] : null;
    case 'in':
      return f.field === field ? [...new Set(f.values)] : null;
    case 'or': {
      const all: Literal[] = [];
      for (const a of f.args) {
        const b = boundOf(a, field);
        if (b === null) return null;
        all.push(...b);
      }
      return [...new Set(all)];
    }
    case 'and': {
      let out: Literal[] | null = null;
      for (const a of f.args) {
        const b = boundOf(a, field);
        if (b !== null) out = out === null ? b : out.filter((x) => b.includes(x));
      }
      return out;
    }
  }
}

/** Every literal the filter compares `field` with (to check them all, e.g. against the user's scope). */
export function literalsOf(f: Filter | null, field: string): Literal[] {
  if (f === null) return [];
  if ('args' in f) return [...new Set(f.args.flatMap((a) => literalsOf(a, field)))];
  if (f.field !== field) return [];
  return f.op === 'eq' ? [f.value] : [...f.values];
}

/** The filter with the literals of `field` rewritten (a period spelled '2025h2' compared as '2025H2'). */
export function mapLiterals(f: Filter, field: string, fn: (v: string) => string): Filter {
  if ('args' in f) return { op: f.op, args: f.args.map((a) => mapLiterals(a, field, fn)) };
  if (f.field !== field) return f;
  const m = (v: Literal) => (v === null ? null : fn(v));
  return f.op === 'eq' ? { ...f, value: m(f.value) } : { ...f, values: f.values.map(m) };
}
