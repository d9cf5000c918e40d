/**
 * Streaming validation of one iJw 3.2 message against the compiled XSDs (ijw-3.2.schema.json):
 * element order and occurrence, value facets (pattern, length, range, code lists as enumerations,
 * dates that exist). Builds a small tree of the message for the mapper; names, addresses and contact
 * details are not kept at all, and a BSN is kept only to be pseudonymised. Every problem says the
 * element path and line.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { isRealDate } from '../../domain/dates.js';
import { maskBsn } from '../../domain/bsn.js';
import compiledJson from './ijw-3.2.schema.json' with { type: 'json' };
import type { CompiledSchema, ElementDef, SimpleTypeDef } from './schemaTypes.js';

const SCHEMA = compiledJson as unknown as CompiledSchema;

export interface XmlNode {
  readonly name: string;
  readonly path: string;
  readonly line: number;
  text: string;
  readonly children: XmlNode[];
}

export interface Issue {
  readonly path: string;
  readonly line: number;
  readonly code: string;
  readonly value: string | null;
  readonly nl: string;
  readonly en: string;
}

/** Elements whose content identifies a person and is never kept (Bsn is kept only for pseudonymisation). */
const PERSONAL = new Set([
  'Achternaam',
  'Voorvoegsel',
  'Voornamen',
  'Voorletters',
  'Partnernaam',
  'Straatnaam',
  'Huisnummer',
  'Huisletter',
  'HuisnummerToevoeging',
  'Postcode',
  'Plaatsnaam',
  'Telefoonnummer',
  'Landnummer',
  'Emailadres',
  'Naam',
  'Organisatie',
  'Taal',
]);

export function maskedValue(name: string, value: string): string {
  if (name === 'Bsn') return maskBsn(value);
  return PERSONAL.has(name) ? '***' : value;
}

const regexCache = new Map<string, RegExp>();
function xsdRegex(p: string): RegExp {
  let r = regexCache.get(p);
  if (!r) {
    try {
      r = new RegExp(`^(?:${p})$`, 'u');
    } catch {
      r = new RegExp(`^(?:${p})$`);
    }
    regexCache.set(p, r);
  }
  return r;
}

/** Checks a value against a simple type; returns [code, nl, en] or null. */
export function checkValue(t: SimpleTypeDef, raw: string): [string, string, string] | null {
  const v = t.base === 'string' ? raw : raw.trim();
  if (t.base === 'integer') {
    if (!/^[+-]?\d+$/.test(v)) return ['not_integer', 'geen geheel getal', 'not a whole number'];
    const n = Number(v);
    if (t.minInclusive !== undefined && n < t.minInclusive)
      return ['out_of_range', `kleiner dan ${t.minInclusive}`, `below ${t.minInclusive}`];
    if (t.maxInclusive !== undefined && n > t.maxInclusive)
      return ['out_of_range', `groter dan ${t.maxInclusive}`, `above ${t.maxInclusive}`];
  } else if (t.base === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m) return ['invalid_date', 'geen datum (JJJJ-MM-DD)', 'not a date (YYYY-MM-DD)'];
    if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3])))
      return ['impossible_date', 'deze datum bestaat niet', 'this date does not exist'];
  } else if (t.base === 'time') {
    const m = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(v);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59)
      return ['invalid_time', 'geen tijd (UU:MM:SS)', 'not a time (HH:MM:SS)'];
  } else {
    const len = [...v].length;
    if (t.minLength !== undefined && len < t.minLength)
      return ['too_short', `korter dan ${t.minLength} tekens`, `shorter than ${t.minLength} characters`];
    if (t.maxLength !== undefined && len > t.maxLength)
      return ['too_long', `langer dan ${t.maxLength} tekens`, `longer than ${t.maxLength} characters`];
  }
  if (t.enumeration && !t.enumeration.includes(v))
    return ['unknown_code', 'waarde staat niet in de codelijst', 'value is not in the code list'];
  for (const p of t.patterns ?? [])
    if (!xsdRegex(p).test(v))
      return ['pattern', 'waarde heeft niet de voorgeschreven vorm', 'value does not have the prescribed form'];
  return null;
}

interface Frame {
  readonly node: XmlNode;
  readonly complex: readonly ElementDef[] | null;
  readonly simple: SimpleTypeDef | null;
  idx: number;
  count: number;
  readonly seen: Map<string, number>;
  /** inside an element we could not place: its subtree is not validated further */
  readonly lost: boolean;
}

export interface ParsedMessage {
  messageType: string | null;
  root: XmlNode | null;
  issues: Issue[];
}

/** Validates a message fed in chunks. Call write() per chunk, then end(). */
export class MessageValidator {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly stack: Frame[] = [];
  private readonly result: ParsedMessage = { messageType: null, root: null, issues: [] };
  private stopped = false;

  constructor() {
    this.parser.on('opentag', (t) => this.open(t as SaxesTagNS));
    this.parser.on('text', (x) => this.text(x));
    this.parser.on('cdata', (x) => this.text(x));
    this.parser.on('closetag', () => this.close());
    this.parser.on('error', (e) => {
      this.issue('/', 'not_xml', null, `geen geldige XML: ${e.message}`, `not well-formed XML: ${e.message}`);
      this.stopped = true;
    });
  }

  private issue(path: string, code: string, value: string | null, nl: string, en: string): void {
    if (this.result.issues.length < 200) this.result.issues.push({ path, line: this.parser.line, code, value, nl, en });
  }

  private open(t: SaxesTagNS): void {
    if (this.stopped) return;
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return this.openRoot(t);
    const index = (parent.seen.get(t.local) ?? 0) + 1;
    parent.seen.set(t.local, index);
    const path = `${parent.node.path}/${t.local}${index > 1 ? `[${index}]` : ''}`;
    const node: XmlNode = { name: t.local, path, line: this.parser.line, text: '', children: [] };
    if (parent.lost || !parent.complex) {
      if (!parent.lost && parent.simple)
        this.issue(
          path,
          'unexpected_element',
          null,
          `element ${t.local} hoort hier niet: ${parent.node.name} bevat alleen een waarde`,
          `element ${t.local} does not belong here: ${parent.node.name} holds a value only`,
        );
      this.stack.push({ node, complex: null, simple: null, idx: 0, count: 0, seen: new Map(), lost: true });
      return;
    }
    const defs = parent.complex;
    let j = parent.idx;
    while (j < defs.length && !(defs[j]!.name === t.local && SCHEMA.namespaces[defs[j]!.ns] === t.uri)) j++;
    if (j >= defs.length) {
      const expected = defs.slice(parent.idx, parent.idx + 6).map((d) => d.name);
      this.issue(
        path,
        'unexpected_element',
        null,
        `element ${t.local} wordt hier niet verwacht (verwacht: ${expected.join(', ') || 'einde van ' + parent.node.name})`,
        `element ${t.local} is not expected here (expected: ${expected.join(', ') || 'end of ' + parent.node.name})`,
      );
      this.stack.push({ node, complex: null, simple: null, idx: 0, count: 0, seen: new Map(), lost: true });
      return;
    }
    if (j === parent.idx) {
      parent.count++;
      const d = defs[j]!;
      if (d.max !== -1 && parent.count > d.max)
        this.issue(
          path,
          'too_many',
          null,
          `element ${t.local} komt vaker voor dan toegestaan (${d.max})`,
          `element ${t.local} occurs more often than allowed (${d.max})`,
        );
    } else {
      this.missingBetween(parent, j);
      parent.idx = j;
      parent.count = 1;
    }
    const def = defs[j]!;
    parent.node.children.push(node);
    this.stack.push({
      node,
      complex: SCHEMA.complexTypes[def.type] ?? null,
      simple: SCHEMA.simpleTypes[def.type] ?? null,
      idx: 0,
      count: 0,
      seen: new Map(),
      lost: false,
    });
  }

  private missingBetween(frame: Frame, upTo: number): void {
    const defs = frame.complex!;
    for (let k = frame.idx; k < upTo; k++) {
      const have = k === frame.idx ? frame.count : 0;
      if (have < defs[k]!.min) {
        this.issue(
          `${frame.node.path}/${defs[k]!.name}`,
          'missing_element',
          null,
          `verplicht element ${defs[k]!.name} ontbreekt in ${frame.node.name}`,
          `required element ${defs[k]!.name} is missing in ${frame.node.name}`,
        );
      }
    }
  }

  private openRoot(t: SaxesTagNS): void {
    const path = `/${t.local}`;
    const node: XmlNode = { name: t.local, path, line: this.parser.line, text: '', children: [] };
    const entry = Object.entries(SCHEMA.messages).find(([, m]) => m.namespace === t.uri);
    if (t.local !== 'Bericht' || !entry) {
      if (/\/ijw\/2_\d/.test(t.uri) || /jw303/i.test(t.uri)) {
        this.issue(
          path,
          'unsupported_version',
          t.uri,
          'dit is een iJw 2.x-bericht; Zicht leest iJw 3.2 (sinds april 2023). Lever iJw 3.2-berichten aan.',
          'this is an iJw 2.x message; Zicht reads iJw 3.2 (since April 2023). Supply iJw 3.2 messages.',
        );
      } else {
        this.issue(
          path,
          'unknown_message',
          t.uri || null,
          `geen iJw 3.2-bericht: onbekende naamruimte of wortelelement ${t.local}`,
          `not an iJw 3.2 message: unknown namespace or root element ${t.local}`,
        );
      }
      this.stopped = true;
      return;
    }
    this.result.messageType = entry[0];
    this.result.root = node;
    this.stack.push({
      node,
      complex: SCHEMA.complexTypes[entry[1].rootType]!,
      simple: null,
      idx: 0,
      count: 0,
      seen: new Map(),
      lost: false,
    });
  }

  private text(x: string): void {
    if (this.stopped) return;
    const f = this.stack[this.stack.length - 1];
    if (!f || f.lost) return;
    if (f.simple) f.node.text += x;
    else if (x.trim() !== '')
      this.issue(
        f.node.path,
        'unexpected_text',
        null,
        `${f.node.name} mag geen tekst bevatten`,
        `${f.node.name} may not contain text`,
      );
  }

  private close(): void {
    if (this.stopped) return;
    const f = this.stack.pop();
    if (!f || f.lost) return;
    if (f.complex) this.missingBetween(f, f.complex.length);
    else if (f.simple) {
      const bad = checkValue(f.simple, f.node.text);
      if (bad) this.issue(f.node.path, bad[0], maskedValue(f.node.name, f.node.text.trim()), bad[1], bad[2]);
      if (PERSONAL.has(f.node.name)) f.node.text = ''; // never kept
    }
  }

  private sawContent = false;

  write(chunk: string): void {
    if (!this.sawContent && chunk.trim() !== '') this.sawContent = true;
    if (!this.stopped && this.sawContent) this.parser.write(chunk);
  }

  end(): ParsedMessage {
    if (!this.sawContent) {
      this.result.issues.push({
        path: '/',
        line: 0,
        code: 'empty_file',
        value: null,
        nl: 'het bestand is leeg',
        en: 'the file is empty',
      });
      return this.result;
    }
    if (!this.stopped) {
      try {
        this.parser.close();
      } catch {
        /* reported through the error handler */
      }
    }
    return this.result;
  }
}

/** Small helpers for the mapper: child by name, text of a path. */
export function child(n: XmlNode | undefined, name: string): XmlNode | undefined {
  return n?.children.find((c) => c.name === name);
}
export function children(n: XmlNode | undefined, name: string): XmlNode[] {
  return n?.children.filter((c) => c.name === name) ?? [];
}
export function text(n: XmlNode | undefined, ...path: string[]): string | null {
  let cur = n;
  for (const p of path) cur = child(cur, p);
  return cur ? cur.text.trim() : null;
}
