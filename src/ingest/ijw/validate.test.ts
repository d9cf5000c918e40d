import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { MessageValidator } from './validate.js';
import { compileXsdDir } from './compileXsd.js';
import shipped from './ijw-3.2.schema.json' with { type: 'json' };

const REF = fileURLToPath(new URL('../../../../shared/reference/ijw-3.2/', import.meta.url));
const hasShared = existsSync(REF);
const validate = (xml: string) => {
  const v = new MessageValidator();
  // feed in small chunks: the validator must not depend on chunk boundaries
  for (let i = 0; i < xml.length; i += 97) v.write(xml.slice(i, i + 97));
  return v.end();
};

describe('iJw 3.2 validation', () => {
  it(
    'the shipped schema is what the XSDs compile to',
    { skip: hasShared ? false : 'no ../shared/reference here' },
    () => {
      const fresh = compileXsdDir(join(REF, 'xsd'));
      assert.deepEqual(JSON.parse(JSON.stringify(fresh)), shipped);
    },
  );

  it('accepts every valid example message', { skip: hasShared ? false : 'no ../shared/reference here' }, () => {
    const dir = join(REF, 'examples');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.xml'))) {
      const r = validate(readFileSync(join(dir, f), 'utf8'));
      assert.deepEqual(r.issues, [], f);
      assert.equal(r.messageType, f.slice(0, 5));
    }
  });

  it(
    'rejects the impossible date 2027-06-31 with its path, line and value',
    { skip: hasShared ? false : 'no ../shared/reference here' },
    () => {
      const r = validate(readFileSync(join(REF, 'examples/invalid/JW315-impossible-date.xml'), 'utf8'));
      // the file carries the date in both requested products; xmllint reports both too
      assert.equal(r.issues.length, 2, JSON.stringify(r.issues));
      assert.ok(r.issues.every((x) => x.code === 'impossible_date' && x.value === '2027-06-31'));
      const i = r.issues[0]!;
      assert.equal(i.code, 'impossible_date');
      assert.equal(i.value, '2027-06-31');
      assert.match(i.path, /^\/Bericht\/Client\/AangevraagdeProducten\/AangevraagdProduct.*\/\w+datum$/i);
      assert.ok(i.line > 1);
    },
  );

  it(
    'rejects the element out of order with the element it found and what it expected',
    { skip: hasShared ? false : 'no ../shared/reference here' },
    () => {
      const r = validate(readFileSync(join(REF, 'examples/invalid/JW318-structure-error.xml'), 'utf8'));
      assert.ok(r.issues.length >= 1);
      // xmllint: line 33, element RetourCode is not expected
      assert.equal(r.issues[0]!.code, 'unexpected_element');
      assert.match(r.issues[0]!.path, /\/RetourCode$/);
      assert.equal(r.issues[0]!.line, 33);
      assert.match(r.issues[0]!.nl, /wordt hier niet verwacht \(verwacht: /);
    },
  );

  const minimal = (ns: string, body = '') =>
    `<?xml version="1.0"?><jw301:Bericht xmlns:jw301="${ns}" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">${body}</jw301:Bericht>`;

  it('says clearly when a message is iJw 2.x, of an unknown namespace, not XML, truncated or empty', () => {
    assert.equal(
      validate(minimal('http://www.istandaarden.nl/ijw/2_3/jw303/schema')).issues[0]!.code,
      'unsupported_version',
    );
    assert.equal(validate(minimal('http://example.org/other')).issues[0]!.code, 'unknown_message');
    assert.equal(validate('dit is geen xml').issues[0]!.code, 'not_xml');
    assert.equal(
      validate(minimal('http://www.istandaarden.nl/ijw/3_2/jw301/schema', '<jw301:Header>').slice(0, -10)).issues[0]!
        .code,
      'not_xml',
    );
    assert.equal(validate('').issues[0]!.code, 'empty_file');
  });

  it('reports a missing required element and a wrong BerichtCode', () => {
    const r = validate(
      minimal(
        'http://www.istandaarden.nl/ijw/3_2/jw301/schema',
        '<jw301:Header><jw301:BerichtCode>999</jw301:BerichtCode></jw301:Header>',
      ),
    );
    const codes = r.issues.map((i) => `${i.code}:${i.path}`);
    assert.ok(codes.includes('pattern:/Bericht/Header/BerichtCode'), codes.join(' '));
    assert.ok(codes.includes('missing_element:/Bericht/Header/BerichtVersie'), codes.join(' '));
    assert.ok(codes.includes('missing_element:/Bericht/Client'), codes.join(' '));
  });

  it(
    'masks a BSN in a problem report and keeps no names',
    { skip: hasShared ? false : 'no ../shared/reference here' },
    () => {
      const xml = readFileSync(join(REF, 'examples/JW301.xml'), 'utf8').replace(
        '<jw301:Bsn>999900006</jw301:Bsn>',
        '<jw301:Bsn>12345678X</jw301:Bsn>',
      );
      const r = validate(xml);
      const bsn = r.issues.find((i) => i.path.endsWith('/Bsn'));
      assert.equal(bsn?.value, '*******8X');
      const names = JSON.stringify(r.root);
      assert.ok(!names.includes('Wit') && !names.includes('Tom'), 'names are not kept');
    },
  );
});
