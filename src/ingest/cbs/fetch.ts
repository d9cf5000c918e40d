/**
 * `zicht cbs fetch`: one CBS StatLine table from the OData v3 API into the offline mirror layout
 * (formats.md §2) that `zicht import cbs` reads. The API returns at most 10,000 rows a request, so
 * every entity set is paged (the server's odata.nextLink when it gives one, else $skip/$top).
 * TableInfos (title, period of a table without a period dimension, e.g. Kerncijfers wijken en
 * buurten) is kept when CBS has it. Transient failures (network, 429, 5xx) are retried with
 * back-off; the table is written to a temporary folder and moved into place only when complete, so
 * a broken fetch never leaves half a mirror behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../domain/errors.js';

export const CBS_ODATA_BASE = 'https://opendata.cbs.nl/ODataApi/odata';
const PAGE = 10_000;

/** CBS could not be reached or answered something unusable: a UserError (502). */
export class CbsFetchError extends UserError<'cbs_onbereikbaar'> {
  constructor(
    nl: string,
    en: string,
    /** CBS answered 404: the table (or entity set) does not exist there */
    readonly notFound = false,
  ) {
    super('cbs_onbereikbaar', { nl, en });
  }
}

export interface FetchOptions {
  readonly baseUrl?: string;
  readonly fetchFn?: typeof fetch;
  readonly retries?: number;
  /** first back-off in ms (doubles each retry); tests use a small one */
  readonly backoffMs?: number;
  readonly onProgress?: (p: { entitySet: string; rows: number }) => void;
}

export interface FetchResult {
  readonly dir: string;
  readonly rows: number;
  readonly dimensions: readonly string[];
  readonly requests: number;
}

const Page = z
  .object({ value: z.array(z.record(z.string(), z.unknown())), 'odata.nextLink': z.string().optional() })
  .passthrough();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function fetchCbsTable(tableId: string, toDir: string, opts: FetchOptions = {}): Promise<FetchResult> {
  if (!/^[A-Za-z0-9]{4,20}$/.test(tableId))
    throw new CbsFetchError(
      `'${tableId}' is geen CBS-tabelnummer (bv. 85099NED)`,
      `'${tableId}' is not a CBS table id`,
    );
  const base = `${(opts.baseUrl ?? CBS_ODATA_BASE).replace(/\/$/, '')}/${tableId}`;
  const fetchFn = opts.fetchFn ?? fetch;
  const retries = opts.retries ?? 4;
  const backoff = opts.backoffMs ?? 500;
  let requests = 0;

  const getJson = async (url: string): Promise<z.infer<typeof Page>> => {
    for (let attempt = 0; ; attempt++) {
      let res: Response | null = null;
      let failure = '';
      try {
        requests++;
        res = await fetchFn(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
      } catch (err) {
        failure = (err as Error).message;
      }
      if (res && res.ok) {
        const parsed = Page.safeParse(await res.json().catch(() => null));
        if (!parsed.success)
          throw new CbsFetchError(`onverwacht antwoord van CBS op ${url}`, `unexpected answer from CBS for ${url}`);
        return parsed.data;
      }
      if (res && res.status === 404)
        throw new CbsFetchError(
          `tabel ${tableId} bestaat niet bij CBS (404 op ${url})`,
          `table ${tableId} not found (404)`,
          true,
        );
      const transient = !res || res.status === 429 || res.status >= 500;
      if (!transient || attempt >= retries) {
        throw new CbsFetchError(
          `CBS antwoordde ${res ? res.status : `niet (${failure})`} op ${url}${transient ? ` na ${retries + 1} pogingen` : ''}`,
          `CBS answered ${res ? res.status : failure} for ${url}`,
        );
      }
      await sleep(backoff * 2 ** attempt);
    }
  };

  /** All rows of an entity set, page by page. */
  const all = async (
    entitySet: string,
  ): Promise<{ rows: Array<Record<string, unknown>>; first: z.infer<typeof Page> }> => {
    const rows: Array<Record<string, unknown>> = [];
    let first: z.infer<typeof Page> | null = null;
    let next: string | null = `${base}/${entitySet}?$format=json&$top=${PAGE}`;
    let skip = 0;
    while (next) {
      const page = await getJson(next);
      first ??= page;
      rows.push(...page.value);
      opts.onProgress?.({ entitySet, rows: rows.length });
      if (page['odata.nextLink']) next = page['odata.nextLink'];
      else if (page.value.length >= PAGE) {
        skip += page.value.length;
        next = `${base}/${entitySet}?$format=json&$top=${PAGE}&$skip=${skip}`;
      } else next = null;
    }
    return { rows, first: first! };
  };

  const props = await all('DataProperties');
  // optional: older mirrors and some servers have no TableInfos; a 404 there is not a missing table
  const infos = await all('TableInfos').catch((err: unknown) => {
    if (err instanceof CbsFetchError && err.notFound) return null;
    throw err;
  });
  const dims = props.rows
    .filter((p) => ['Dimension', 'GeoDimension', 'TimeDimension'].includes(String(p.Type)))
    .map((p) => String(p.Key));
  if (dims.length === 0)
    throw new CbsFetchError(
      `tabel ${tableId} heeft geen dimensies in DataProperties`,
      `table ${tableId} has no dimensions`,
    );

  const target = join(toDir, tableId);
  const work = join(toDir, `.${tableId}.ophalen-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const write = (name: string, meta: z.infer<typeof Page>, value: unknown[]) => {
      const { value: _v, 'odata.nextLink': _n, ...rest } = meta;
      writeFileSync(join(work, name), JSON.stringify({ ...rest, value }));
    };
    write('DataProperties.json', props.first, props.rows);
    if (infos) write('TableInfos.json', infos.first, infos.rows);
    for (const d of dims) {
      const r = await all(d);
      write(`${d}.json`, r.first, r.rows);
    }
    const data = await all('TypedDataSet');
    write('TypedDataSet.json', data.first, data.rows);
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(work, target);
    return { dir: target, rows: data.rows.length, dimensions: dims, requests };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
