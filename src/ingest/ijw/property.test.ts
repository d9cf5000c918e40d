/**
 * Property test (issue 3): mutated versions of valid iJw messages never crash or hang the
 * validator and mapper, and every rejection carries a reason in Dutch and English with a location.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { MessageValidator } from './validate.js';
import { mapMessage } from './map.js';
import { TEST_KEY } from '../../testing/fixtures.js';

const EX = fileURLToPath(new URL('../../../../shared/reference/ijw-3.2/examples/', import.meta.url));
const skip = existsSync(EX) ? false : `iJw examples not found at ${EX} (no ../shared here)`;

type Mutation = { kind: 'cut' | 'delete' | 'insert' | 'swap' | 'duplicate'; at: number; len: number; text: string };

function mutate(xml: string, m: Mutation): string {
  const at = m.at % Math.max(1, xml.length);
  const end = Math.min(xml.length, at + m.len);
  switch (m.kind) {
    case 'cut':
      return xml.slice(0, at);
    case 'delete':
      return xml.slice(0, at) + xml.slice(end);
    case 'insert':
      return xml.slice(0, at) + m.text + xml.slice(at);
    case 'duplicate':
      return xml.slice(0, end) + xml.slice(at, end) + xml.slice(end);
    case 'swap': {
      const other = (at * 7 + m.len) % Math.max(1, xml.length);
      const [a, b] = at < other ? [at, other] : [other, at];
      return (
        xml.slice(0, a) +
        xml.slice(b, b + m.len) +
        xml.slice(a + m.len, b) +
        xml.slice(a, a + m.len) +
        xml.slice(b + m.len)
      );
    }
  }
}

const mutation = fc.record({
  kind: fc.constantFrom('cut', 'delete', 'insert', 'swap', 'duplicate'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 60 }),
  text: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('<', '>', '&', '&amp;', '</x>', '<jw301:Bsn>1</jw301:Bsn>', '2027-02-30', '-1', '9'.repeat(30)),
  ),
}) as fc.Arbitrary<Mutation>;

describe('iJw messages under mutation', { skip }, () => {
  const files = skip ? [] : readdirSync(EX).filter((f) => f.endsWith('.xml'));
  for (const f of files) {
    it(`${f}: never throws, every rejection has a reason and a place`, () => {
      const xml = readFileSync(join(EX, f), 'utf8');
      fc.assert(
        fc.property(mutation, (m) => {
          const v = new MessageValidator();
          v.write(mutate(xml, m));
          const r = v.end();
          for (const i of r.issues) {
            assert.ok(i.code && i.nl && i.en && i.path, JSON.stringify(i));
          }
          if (r.issues.length === 0 && r.root && r.messageType) {
            const mapped = mapMessage(r.messageType, r.root, TEST_KEY, () => true, 'prop');
            for (const i of mapped.issues) assert.ok(i.code && i.nl && i.en, JSON.stringify(i));
          } else {
            assert.ok(r.issues.length > 0, 'an invalid message is never accepted silently');
          }
        }),
        { numRuns: 150, seed: 20261122 },
      );
    });
  }
});
