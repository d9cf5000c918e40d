/**
 * The server's read handle on the lens plus a small result cache. After an import rebuilds the
 * lens (atomic file swap), `reload()` opens the new file and drops the cache, so no figure from
 * the old data is served after the new data is in. Before it swaps, it computes on the new lens the
 * figures asked for most recently (issue 18.3: the first request for a figure after an import waited for
 * it, 8.8 s at national size); meanwhile requests are answered from the old lens, which is still whole.
 * The old file stays open a while longer (RETIRE_AFTER_MS), so requests in flight finish on the lens they
 * started with.
 */
import { readerTeam } from '../indicators/reader.js';
import { statSync } from 'node:fs';
import { Lens, LensClosedError } from '../lens/lens.js';
import { lensPath } from '../lens/build.js';
import type { TeamScope } from '../lens/scope.js';
import { formatPeriod, type Period } from '../domain/periods.js';
import { findIndicator } from '../indicators/catalogue.js';
import type { IndicatorRow } from '../indicators/types.js';
import { activeMapping, type CbsMapping } from '../benchmark/mapping.js';

const MAX_CACHED = 500;
/** How many of the most recently asked figures are computed on a new lens before it is swapped in. */
const WARM_KEYS = 200;
/** How long a reload may spend warming before it swaps anyway (the rest is computed when asked). */
const WARM_BUDGET_MS = 30_000;

type Compute = (lens: Lens) => Promise<unknown>;
/** How long a replaced lens stays open for the requests that were using it. */
const RETIRE_AFTER_MS = 120_000;
/** as-of days kept open at once, and as many retiring (asOf()) */
const AS_OF_KEPT = 12;

/** The lens file's identity (inode and modification time; a rebuild renames a new file into place), or null. */
function fileIdentity(path: string): string | null {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

export class LensHolder {
  private lens: Lens | null = null;
  private version = 0;
  private readonly cache = new Map<string, Promise<unknown>>();
  private active: { mapping: CbsMapping; from: string } | null = null;
  /** the figures asked for, most recent last, with how to compute each on any lens */
  private readonly recent = new Map<string, Compute>();
  /** computations run (cache misses and warming), for tests and the benchmark */
  private computedCount = 0;

  private readonly asOfHolders = new Map<string, LensHolder>();
  /** the identity of the file `lens` was opened from */
  private opened: string | null = null;
  /** the lens being opened (get()); set while Lens.open runs */
  private opening: Promise<Lens> | null = null;
  /** counts close(): a lens that finishes opening after a close is closed at once, never kept */
  private closes = 0;
  /** replaced lenses still open for requests in flight, each with the timer that closes it */
  private readonly retiring = new Map<() => void, NodeJS.Timeout>();
  /** the as-of holders among them, oldest first (asOf()) */
  private asOfRetiring: Array<() => void> = [];

  /**
   * `team`: every figure computed on this holder is the team's (lens/scope.ts); `asOf`: every
   * figure is computed from the lens as it stood at the end of that day (reports for a period).
   */
  constructor(
    private readonly dataDir: string,
    private readonly team?: TeamScope,
    private readonly asOfDate?: string,
  ) {}

  async get(): Promise<Lens> {
    if (this.lens) return this.lens;
    // one opening for every request that asks meanwhile: each opened its own, the last one kept, and the others'
    // DuckDB instances were never closed
    if (!this.opening) {
      const closes = this.closes;
      const opening = (async () => {
        // read before opening: a file swapped in between makes the identity look older, so the next
        // fileChanged() reloads once too often, never once too few
        const id = fileIdentity(lensPath(this.dataDir));
        const lens = await Lens.open(this.dataDir, this.team, this.asOfDate);
        if (this.closes !== closes) {
          // closed while it opened: not kept, so nothing holds an instance the holder no longer knows
          lens.close();
          throw new LensClosedError();
        }
        this.lens = lens;
        this.opened = id;
        return lens;
      })();
      this.opening = opening;
      void opening
        .finally(() => {
          if (this.opening === opening) this.opening = null;
        })
        .catch(() => undefined);
    }
    return this.opening;
  }

  /** Another process (or a build in this one) swapped a different lens file in since this holder opened its own. */
  fileChanged(): boolean {
    if (!this.lens) return false;
    return fileIdentity(lensPath(this.dataDir)) !== this.opened;
  }

  /** Closes `close` once the requests that may still use it are done (or at once when the holder closes). */
  private retire(close: () => void): void {
    const t = setTimeout(() => {
      this.retiring.delete(close);
      close();
    }, RETIRE_AFTER_MS);
    t.unref();
    this.retiring.set(close, t);
  }

  /**
   * The same lens (and team) as of the end of `date`; kept until the lens is reloaded or closed. At most AS_OF_KEPT
   * days are kept, the least recently asked retired first (a request still computing on it finishes). With standVan
   * on the API a caller can ask many days in a row: no more than AS_OF_KEPT retire at once, so a sweep over days
   * cannot keep hundreds of DuckDB instances open; beyond that the oldest retiring one is closed straight away.
   */
  asOf(date: string): LensHolder {
    let h = this.asOfHolders.get(date);
    if (h) {
      this.asOfHolders.delete(date);
      this.asOfHolders.set(date, h);
      return h;
    }
    h = new LensHolder(this.dataDir, this.team, date);
    if (this.asOfHolders.size >= AS_OF_KEPT) {
      const [oldestDay, oldest] = this.asOfHolders.entries().next().value!;
      this.asOfHolders.delete(oldestDay);
      const close = () => oldest.close();
      this.retire(close);
      this.asOfRetiring.push(close);
      while (this.asOfRetiring.length > AS_OF_KEPT) {
        const first = this.asOfRetiring.shift()!;
        const t = this.retiring.get(first);
        if (t === undefined) continue; // already closed by its timer
        clearTimeout(t);
        this.retiring.delete(first);
        first();
      }
    }
    this.asOfHolders.set(date, h);
    return h;
  }

  private dropAsOf(later = false): void {
    for (const h of this.asOfHolders.values()) {
      if (later) this.retire(() => h.close());
      else h.close();
    }
    this.asOfHolders.clear();
  }

  /**
   * The CBS mapping of this data directory (benchmark/mapping.ts), read with the lens: an edited
   * mapping file takes effect at the next import or restart, together with the figures it feeds.
   */
  cbsMapping(): { mapping: CbsMapping; from: string } {
    this.active ??= activeMapping(this.dataDir);
    return this.active;
  }

  /**
   * Opens the new lens file, computes on it the figures asked for most recently (at most WARM_KEYS, within
   * WARM_BUDGET_MS; a figure that fails is left to be computed when asked), then swaps: from then on every
   * answer comes from the new lens, and the old one is retired. Returns how many figures were warmed.
   */
  async reload(opts: { warmBudgetMs?: number } = {}): Promise<{ warmed: number }> {
    // read before opening: a file swapped in between makes the identity look older (see get())
    const id = fileIdentity(lensPath(this.dataDir));
    const closes = this.closes;
    const fresh = await Lens.open(this.dataDir, this.team, this.asOfDate);
    if (this.closes !== closes) {
      fresh.close();
      return { warmed: 0 };
    }
    const version = this.version + 1;
    const warmedCache = new Map<string, Promise<unknown>>();
    // the mapping is read again with the new lens (an edited mapping takes effect with the import)
    this.active = null;
    const deadline = Date.now() + (opts.warmBudgetMs ?? WARM_BUDGET_MS);
    const keys = [...this.recent.entries()].reverse().slice(0, WARM_KEYS);
    for (const [key, compute] of keys) {
      if (Date.now() > deadline) break;
      try {
        this.computedCount++;
        const value = await compute(fresh);
        warmedCache.set(`${version}|${key}`, Promise.resolve(value));
      } catch {
        // computed again when asked, and the error then reaches the one who asked
      }
    }
    const old = this.lens;
    this.lens = fresh;
    this.opened = id;
    this.version = version;
    this.cache.clear();
    for (const [k, v] of warmedCache) this.cache.set(k, v);
    this.dropAsOf(true);
    if (old) this.retire(() => old.close());
    return { warmed: warmedCache.size };
  }

  /** How many computations ran on this holder (cache misses and warming). */
  computed(): number {
    return this.computedCount;
  }

  /** Memoises a computation on the current lens; failures are not cached. */
  cached<T>(key: string, compute: (lens: Lens) => Promise<T>): Promise<T> {
    this.recent.delete(key);
    this.recent.set(key, compute);
    if (this.recent.size > WARM_KEYS) this.recent.delete(this.recent.keys().next().value as string);
    // a team's reader gets amounts decided with the rest of its gemeente (indicators/reader.ts): its results are its own
    const reader = readerTeam();
    const k = `${this.version}|${reader ? `${reader.gemeente}/${reader.team}|` : ''}${key}`;
    const hit = this.cache.get(k) as Promise<T> | undefined;
    if (hit) return hit;
    this.computedCount++;
    const p = this.get().then(compute);
    p.catch(() => this.cache.delete(k));
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(k, p);
    return p;
  }

  /** An indicator's rows for several periods, each period computed once per lens version. */
  async rows(
    id: string,
    periods: readonly Period[],
    gemeenten: readonly string[],
    by: string | undefined,
  ): Promise<IndicatorRow[]> {
    const ind = findIndicator(id);
    if (!ind) throw new Error(`unknown indicator ${id}`);
    const out: IndicatorRow[] = [];
    for (const period of periods) {
      const key = `${id}|${formatPeriod(period)}|${[...gemeenten].sort().join(',')}|${by ?? ''}`;
      out.push(
        ...(await this.cached(key, (lens) =>
          ind.compute(lens, { period, gemeenten, by }, { cbsMapping: this.cbsMapping().mapping }),
        )),
      );
    }
    return out;
  }

  close(): void {
    this.closes++;
    this.opening = null;
    this.dropAsOf();
    for (const [close, t] of this.retiring) {
      clearTimeout(t);
      close();
    }
    this.retiring.clear();
    this.asOfRetiring = [];
    this.lens?.close();
    this.lens = null;
  }
}
