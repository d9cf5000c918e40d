/**
 * Compiles the iJw 3.2 XSDs into the JSON schema description Zicht ships
 * (src/ingest/ijw/ijw-3.2.schema.json). Run when the standard changes:
 *   node dist/ingest/ijw/compileXsd.js <folder with the iJw 3.2 XSDs> src/ingest/ijw/ijw-3.2.schema.json
 * (the XSDs come with the iJw 3.2 reference set, which is not in the repository; docs/domain/formats.md)
 * Only the constructs iJw uses are supported (sequence, named types, restriction facets); anything
 * else stops the compiler with its name, so a new release cannot be half understood.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import type { CompiledSchema, ElementDef, SimpleTypeDef } from './schemaTypes.js';

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
}

function parseTree(xml: string): Node {
  const parser = new SaxesParser({ xmlns: false });
  const root: Node = { name: '#root', attrs: {}, children: [] };
  const stack: Node[] = [root];
  parser.on('opentag', (t) => {
    const n: Node = {
      name: t.name,
      attrs: Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, String(v)])),
      children: [],
    };
    stack[stack.length - 1]!.children.push(n);
    stack.push(n);
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root.children[0]!;
}

const SUPPORTED = new Set([
  'xs:annotation',
  'xs:documentation',
  'xs:appinfo',
  'xs:import',
  'xs:element',
  'xs:complexType',
  'xs:simpleType',
  'xs:sequence',
  'xs:restriction',
  'xs:pattern',
  'xs:enumeration',
  'xs:minLength',
  'xs:maxLength',
  'xs:minInclusive',
  'xs:maxInclusive',
]);

function check(n: Node): void {
  if (n.name.startsWith('xs:') && n.name !== 'xs:schema' && !SUPPORTED.has(n.name))
    throw new Error(`unsupported XSD construct ${n.name}`);
  if (n.name === 'xs:annotation') return;
  n.children.forEach(check);
}

export function compileXsdDir(dir: string): CompiledSchema {
  const namespaces: Record<string, string> = {};
  const messages: Record<string, { namespace: string; rootType: string }> = {};
  const complexTypes: Record<string, ElementDef[]> = {};
  const rawSimple: Record<string, { base: string; facets: Node[] }> = {};

  // an element with an anonymous simple type (BerichtCode 436 …) gets a synthetic name: Type.Element
  const inlineType = (owner: string, e: Node): string => {
    const st = e.children.find((c) => c.name === 'xs:simpleType');
    const r = st?.children.find((c) => c.name === 'xs:restriction');
    if (!r) throw new Error(`element ${e.attrs.name} in ${owner} has neither a type nor a simple type`);
    const name = `${owner}.${e.attrs.name}`;
    rawSimple[name] = { base: r.attrs.base!, facets: r.children.filter((c) => c.name !== 'xs:annotation') };
    return name;
  };

  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.xsd'))
    .sort()) {
    const schema = parseTree(readFileSync(join(dir, file), 'utf8'));
    check(schema);
    const target = schema.attrs.targetNamespace!;
    const prefix = Object.entries(schema.attrs)
      .find(([k, v]) => k.startsWith('xmlns:') && v === target)![0]
      .slice(6);
    namespaces[prefix] = target;
    for (const n of schema.children) {
      if (n.name === 'xs:element' && n.attrs.name === 'Bericht') {
        messages[prefix.toUpperCase()] = { namespace: target, rootType: n.attrs.type! };
      } else if (n.name === 'xs:complexType') {
        const seq = n.children.find((c) => c.name === 'xs:sequence');
        const typeName = `${prefix}:${n.attrs.name}`;
        complexTypes[typeName] = (seq?.children ?? [])
          .filter((c) => c.name === 'xs:element')
          .map((e) => ({
            name: e.attrs.name!,
            ns: prefix,
            type: e.attrs.type ?? inlineType(typeName, e),
            min: e.attrs.minOccurs === undefined ? 1 : Number(e.attrs.minOccurs),
            max:
              e.attrs.maxOccurs === undefined ? 1 : e.attrs.maxOccurs === 'unbounded' ? -1 : Number(e.attrs.maxOccurs),
          }));
      } else if (n.name === 'xs:simpleType') {
        const r = n.children.find((c) => c.name === 'xs:restriction')!;
        rawSimple[`${prefix}:${n.attrs.name}`] = {
          base: r.attrs.base!,
          facets: r.children.filter((c) => c.name !== 'xs:annotation'),
        };
      }
    }
  }

  const simpleTypes: Record<string, SimpleTypeDef> = {};
  const resolve = (name: string): SimpleTypeDef => {
    if (simpleTypes[name]) return simpleTypes[name]!;
    if (name.startsWith('xs:')) {
      const base = name.slice(3);
      if (!['string', 'integer', 'date', 'time'].includes(base)) throw new Error(`unsupported base type ${name}`);
      return { base: base as SimpleTypeDef['base'] };
    }
    const raw = rawSimple[name];
    if (!raw) throw new Error(`unknown simple type ${name}`);
    const parent = resolve(raw.base);
    const def: { -readonly [K in keyof SimpleTypeDef]: SimpleTypeDef[K] } = { ...parent };
    const values = (tag: string) => raw.facets.filter((f) => f.name === tag).map((f) => f.attrs.value!);
    // patterns of one restriction are alternatives; patterns of successive derivations all apply
    const own = values('xs:pattern');
    if (own.length > 0)
      def.patterns = [...(parent.patterns ?? []), own.length === 1 ? own[0]! : own.map((p) => `(?:${p})`).join('|')];
    const en = values('xs:enumeration');
    if (en.length > 0) def.enumeration = en;
    for (const [tag, key] of [
      ['xs:minLength', 'minLength'],
      ['xs:maxLength', 'maxLength'],
      ['xs:minInclusive', 'minInclusive'],
      ['xs:maxInclusive', 'maxInclusive'],
    ] as const) {
      const v = values(tag)[0];
      if (v !== undefined) def[key] = Number(v);
    }
    simpleTypes[name] = def;
    return def;
  };
  for (const name of Object.keys(rawSimple)) resolve(name);
  for (const defs of Object.values(complexTypes)) {
    for (const d of defs) if (!complexTypes[d.type] && !simpleTypes[d.type]) resolve(d.type);
  }
  return {
    source: 'iJw 3.2 XSDs (Zorginstituut Nederland), compiled by src/ingest/ijw/compileXsd.ts',
    namespaces,
    messages,
    complexTypes,
    simpleTypes,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) {
    console.error('usage: node dist/ingest/ijw/compileXsd.js <xsd-dir> <out.json>');
    process.exit(2);
  }
  const compiled = compileXsdDir(dir);
  writeFileSync(out, JSON.stringify(compiled, null, 1) + '\n');
  console.error(
    `compiled ${Object.keys(compiled.messages).length} messages, ${Object.keys(compiled.complexTypes).length} complex and ${Object.keys(compiled.simpleTypes).length} simple types → ${out}`,
  );
}
