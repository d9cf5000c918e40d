/**
 * The OData feed's pure parts: the $filter parser (what it accepts, what it refuses, which values a property is
 * bound to) and lazy paging (pages of a chunked list, followed by their positions, give the list exactly once).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boundOf, literalsOf, matches, parseFilter } from './filter.js';
import { CHUNKS_PER_PAGE, PAGE_SIZE, lazyPage, type Page } from './paging.js';
import type { Position } from './model.js';
import { UserError } from '../../domain/errors.js';

const FIELDS = ['indicator', 'gemeente', 'period', 'split'];
const KNOWN = [...FIELDS, 'value'];
const parse = (t: string) => parseFilter(t, FIELDS, KNOWN);

describe('OData $filter', () => {
  it('eq, in, and, or, parentheses, null and quotes', () => {
    const f = parse("(gemeente eq '9001' or gemeente in ('9002','9003')) and period eq '2024' and split eq null");
    assert.ok(matches(f, { gemeente: '9002', period: '2024', split: null }));
    assert.ok(!matches(f, { gemeente: '9002', period: '2024', split: 'zorgvorm' }));
    assert.ok(!matches(f, { gemeente: '9004', period: '2024', split: null }));
    assert.deepEqual(boundOf(f, 'gemeente'), ['9001', '9002', '9003']);
    assert.deepEqual(boundOf(f, 'period'), ['2024']);
    assert.deepEqual(boundOf(f, 'indicator'), null);
    assert.deepEqual(parse("indicator eq 'it''s'"), { op: 'eq', field: 'indicator', value: "it's" });
  });

  it('a property under an or with a term that does not name it is not bound, but every literal is seen', () => {
    const f = parse("gemeente eq '9001' or indicator eq 'x'");
    assert.equal(boundOf(f, 'gemeente'), null);
    assert.deepEqual(literalsOf(f, 'gemeente'), ['9001']);
    assert.deepEqual(boundOf(parse("gemeente eq '1' and gemeente eq '2'"), 'gemeente'), []);
  });

  it('refuses what it does not understand, naming it', () => {
    for (const [text, said] of [
      ["gemeente ne '9001'", /operator 'ne'/],
      ['value eq 5', /filtering on 'value'/],
      ["startswith(gemeente,'90')", /function 'startswith'/],
      ['gemeente eq 9001', /text in single quotes/],
      ["foo eq 'x'", /unknown property 'foo'/],
      ["gemeente eq 'x' xor gemeente eq 'y'", /'and', 'or' or the end/],
      ["gemeente eq 'x' OR gemeente eq 'y'", /lower case/],
      ["gemeente eq 'x", /unterminated/],
      ["gemeente eq 'x'; --", /unexpected character ';'/],
      ['', /empty/],
      [`${'('.repeat(30)}gemeente eq 'x'${')'.repeat(30)}`, /nested too deeply/],
    ] as const) {
      assert.throws(
        () => parse(text),
        (e: unknown) => e instanceof UserError && e.status === 400 && said.test(e.en),
        text,
      );
    }
  });
});

describe('OData lazy paging', () => {
  const rowsOf = (sizes: number[]) => async (c: number) => Array.from({ length: sizes[c]! }, (_, i) => `${c}.${i}`);
  async function follow(sizes: number[], start: Position) {
    const chunks = sizes.map((_, i) => i);
    const out: string[] = [];
    let pos: Position | null = start;
    let pages = 0;
    while (pos) {
      const page: Page = await lazyPage(chunks, pos, rowsOf(sizes));
      assert.ok(page.items.length <= PAGE_SIZE);
      out.push(...(page.items as string[]));
      pos = page.next;
      pages++;
    }
    return { out, pages };
  }
  const all = (sizes: number[]) => sizes.flatMap((n, c) => Array.from({ length: n }, (_, i) => `${c}.${i}`));

  it('gives every row once, in order, whatever $skip and $top, across chunk and page boundaries', async () => {
    const sizes = [0, 3, 700, 0, 900, 1, 2500, ...Array.from({ length: 250 }, (_, i) => i % 3)];
    const full = all(sizes);
    for (const [skip, top] of [
      [0, null],
      [2, null],
      [5, 10],
      [699, 1500],
      [1000, 0],
      [full.length - 1, null],
      [full.length + 10, null],
      [3, 999_999_999],
    ] as const) {
      const { out } = await follow(sizes, { chunk: 0, skip, top });
      assert.deepEqual(out, full.slice(skip, top === null ? undefined : skip + top), `skip ${skip} top ${top}`);
    }
  });

  it('a page computes at most CHUNKS_PER_PAGE chunks (many empty chunks give empty pages with a nextLink)', async () => {
    const sizes = Array.from({ length: CHUNKS_PER_PAGE * 3 + 1 }, () => 0);
    sizes[sizes.length - 1] = 2;
    const { out, pages } = await follow(sizes, { chunk: 0, skip: 0, top: null });
    assert.deepEqual(out, all(sizes));
    assert.equal(pages, 4);
  });
});
