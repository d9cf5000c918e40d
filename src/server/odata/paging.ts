/**
 * Server-driven paging of the OData feed (routes/odata.ts): a page of a list computed whole, and a page of a list
 * computed lazily, chunk by chunk, with the position of the next page ($skiptoken, model.ts Position).
 */
import { odataError } from './filter.js';
import type { ODataQuery, Position } from './model.js';

/** Rows per page at most (server-driven paging, @odata.nextLink). */
export const PAGE_SIZE = 1000;
/** (indicator, period, split) computations one page may do; a page may hold fewer rows than PAGE_SIZE. */
export const CHUNKS_PER_PAGE = 100;
export interface Page {
  readonly items: readonly unknown[];
  readonly next: Position | null;
  readonly count: number | null;
}

type Entity = Record<string, unknown>;

export function sortBy<T extends Entity>(items: T[], q: ODataQuery): T[] {
  if (q.orderby.length === 0) return items;
  const cmp = (a: unknown, b: unknown) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : String(a) < String(b) ? -1 : 1;
  return [...items].sort((a, b) => {
    for (const o of q.orderby) {
      const c = cmp(a[o.field] ?? null, b[o.field] ?? null);
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  });
}

/** One page of a list that is computed whole (the small sets, and IndicatorRows under $count or $orderby). */
export function pageOfAll<T>(all: readonly T[], q: ODataQuery): Page {
  if (q.start.chunk !== 0)
    throw odataError('$skiptoken hoort niet bij deze query', '$skiptoken does not fit this query');
  const room = Math.min(PAGE_SIZE, q.start.top ?? Infinity);
  const items = all.slice(q.start.skip, q.start.skip + room);
  const left = q.start.top === null ? null : q.start.top - items.length;
  const more = q.start.skip + items.length < all.length && left !== 0;
  return {
    items,
    next: more ? { chunk: 0, skip: q.start.skip + items.length, top: left } : null,
    count: q.count ? all.length : null,
  };
}

/** One page of a lazily computed list: from `start`, at most PAGE_SIZE rows and CHUNKS_PER_PAGE computations. */
export async function lazyPage<C, T>(
  chunks: readonly C[],
  start: Position,
  rowsOf: (c: C) => Promise<T[]>,
): Promise<Page> {
  const items: T[] = [];
  let skip = start.skip;
  let top = start.top;
  let done = 0;
  for (let i = start.chunk; i < chunks.length; i++) {
    if (top === 0) return { items, next: null, count: null };
    if (done >= CHUNKS_PER_PAGE) return { items, next: { chunk: i, skip, top }, count: null };
    const rows = await rowsOf(chunks[i]!);
    done++;
    if (skip >= rows.length) {
      skip -= rows.length;
      continue;
    }
    const room = Math.min(PAGE_SIZE - items.length, top ?? Infinity);
    const take = rows.slice(skip, skip + room);
    items.push(...take);
    if (top !== null) top -= take.length;
    if (skip + take.length < rows.length) {
      // the page is full (or $top reached) inside this chunk
      return { items, next: top === 0 ? null : { chunk: i, skip: skip + take.length, top }, count: null };
    }
    skip = 0;
    if (items.length >= PAGE_SIZE && i + 1 < chunks.length)
      return { items, next: { chunk: i + 1, skip: 0, top }, count: null };
  }
  return { items, next: null, count: null };
}
