/**
 * Every catalogue id keeps a hand-worked expected result beside its family (issue 15 point 3): some test
 * under src/ marks itself with handworked(['id', …], title) (src/testing/handworked.ts). The ids come from
 * the catalogue itself, so an indicator added to INDICATORS without a hand-worked test fails here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDICATORS } from './catalogue.js';

/** dist/indicators/ → src/: read the sources, not dist, so a stale compiled test cannot stand in for a deleted one. */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function testSources(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return testSources(p);
    // this file's own examples are no marks
    return e.name.endsWith('.test.ts') && e.name !== 'handworked.test.ts'
      ? [{ path: p, text: readFileSync(p, 'utf8') }]
      : [];
  });
}

/** id → the test files that mark a hand-worked result for it. */
function handworkedMarks(sources: ReadonlyArray<{ path: string; text: string }>): Map<string, string[]> {
  const marks = new Map<string, string[]>();
  for (const { path, text } of sources) {
    for (const call of text.matchAll(/\bhandworked\(\s*\[([^\]]*)\]/g)) {
      for (const id of call[1]!.matchAll(/'([^']+)'/g)) marks.set(id[1]!, [...(marks.get(id[1]!) ?? []), path]);
    }
  }
  return marks;
}

describe('hand-worked expected results', () => {
  const ids = INDICATORS.map((i) => i.definition.id);
  const marks = handworkedMarks(testSources(SRC));

  it('the mark is read from a call with literal ids, and nowhere else', () => {
    const m = handworkedMarks([
      { path: 'a', text: "it(handworked(['x', 'y'], 'title'), …); // 'z' is only mentioned" },
      { path: 'b', text: "it(handworked([ 'y' ], 't'), …); handworked(ids, 'no literal ids')" },
    ]);
    assert.deepEqual(Object.fromEntries(m), { x: ['a'], y: ['a', 'b'] });
  });

  it('the catalogue is read, not a hand-kept list: it has its ids', () => {
    assert.ok(ids.length >= 40 && ids.includes('youth_in_care') && ids.includes('expected_vs_actual'));
  });

  it('every catalogue id has a hand-worked test', () => {
    const missing = ids.filter((id) => !marks.has(id));
    assert.deepEqual(missing, [], `catalogue ids without a hand-worked test: ${missing.join(', ')}`);
  });

  it('every hand-worked mark names a catalogue id (a renamed id leaves no stale mark)', () => {
    const unknown = [...marks.keys()].filter((id) => !ids.includes(id));
    assert.deepEqual(unknown, []);
  });
});
