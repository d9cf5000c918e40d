/**
 * The reference for the liaison positions (issue 21), written from the definitions in docs/indicators.md
 * ("Verbindingsfuncties"), not from the SQL: liaison_reach and liaison_referral_shift. Plain loops over the records as
 * the files give them. reference.ts registers this into REFERENCE, so it cannot import from there (an import cycle):
 * the reference's own effective trajectories, month arithmetic and exact percentage come in as functions.
 */
import type { RefRow } from './row.js';
import { bandPopulation, type PopulationRow } from './population.js';

/** One row of verbindingsfuncties.csv as the reference reads it. */
export interface RefLiaison {
  readonly gemeente: string;
  readonly id: string;
  readonly kind: string;
  readonly locationKind: 'huisartsenpraktijk' | 'school';
  readonly location: string;
  readonly name: string;
  /** hours per week, as written (the figures do not read them) */
  readonly hours: number;
  readonly start: string;
  readonly end: string | null;
}

interface LiaisonData {
  readonly liaison?: readonly RefLiaison[];
  readonly basicSupport: ReadonlyArray<{
    readonly gemeente: string;
    readonly youth: string;
    readonly start: string;
    readonly end: string | null;
    readonly location?: string | null;
  }>;
  readonly population: readonly PopulationRow[];
}
interface LiaisonPeriod {
  readonly year: number;
  readonly start: string;
  readonly end: string;
}
/** What reference.ts lends: its own trajectories with effective start, month and day arithmetic, exact percentage. */
export interface LiaisonHelpers<D> {
  readonly started: (
    d: D,
  ) => ReadonlyArray<{ gemeente: string; referrerType: string | null; referrerDetail: string | null; s: string }>;
  readonly addMonths: (d: string, n: number) => string;
  readonly dayBefore: (d: string) => string;
  readonly pct: (n: number, d: number) => number | null;
}

type Ref<D> = (d: D, p: LiaisonPeriod, by: string | null) => RefRow[];

export function liaisonReference<D extends LiaisonData>(h: LiaisonHelpers<D>): Record<string, Ref<D>> {
  const reach: Ref<D> = (d, p, by) => {
    const active = (d.liaison ?? []).filter((x) => x.start <= p.end && (x.end === null || x.end >= p.start));
    /** the youths a position reached: an episode at its location running on a day of the period and of the position */
    const reached = (x: RefLiaison): Set<string> => {
      const from = x.start > p.start ? x.start : p.start;
      const to = x.end !== null && x.end < p.end ? x.end : p.end;
      const ys = new Set<string>();
      for (const b of d.basicSupport)
        if (
          b.gemeente === x.gemeente &&
          (b.location ?? null) === x.location &&
          b.start <= to &&
          (b.end === null || b.end >= from)
        )
          ys.add(b.youth);
      return ys;
    };
    const out: RefRow[] = [];
    if (by === 'functie') {
      for (const x of active) {
        const n = reached(x).size;
        out.push({ gemeente: x.gemeente, by, key: x.id, value: n, numerator: n, denominator: null });
      }
      return out;
    }
    if (by === 'vindplaats') {
      const places = new Map<string, RefLiaison[]>();
      for (const x of active)
        places.set(`${x.gemeente}|${x.location}`, [...(places.get(`${x.gemeente}|${x.location}`) ?? []), x]);
      for (const xs of places.values()) {
        const ys = new Set(xs.flatMap((x) => [...reached(x)]));
        out.push({
          gemeente: xs[0]!.gemeente,
          by,
          key: xs[0]!.location,
          value: ys.size,
          numerator: ys.size,
          denominator: null,
        });
      }
      return out;
    }
    for (const g of new Set(active.map((x) => x.gemeente))) {
      const ys = new Set(active.filter((x) => x.gemeente === g).flatMap((x) => [...reached(x)]));
      const den = bandPopulation(d.population, g, '', p.year, 0, 17);
      out.push({ gemeente: g, by: null, key: null, value: ys.size, numerator: ys.size, denominator: den });
    }
    return out;
  };

  const shift: Ref<D> = (d, p, by) => {
    // per practice: the first start of a position there, if it lies on or before the period's end
    const first = new Map<string, { gemeente: string; location: string; start: string }>();
    for (const x of d.liaison ?? []) {
      if (x.locationKind !== 'huisartsenpraktijk' || x.start > p.end) continue;
      const k = `${x.gemeente}|${x.location}`;
      const had = first.get(k);
      if (!had || x.start < had.start) first.set(k, { gemeente: x.gemeente, location: x.location, start: x.start });
    }
    const traj = h.started(d);
    const windows = [...first.values()].map((w) => {
      // twelve months each side, or fewer (at least three) whose after-window ends by the period's end
      let m = 12;
      while (m >= 3 && h.dayBefore(h.addMonths(w.start, m)) > p.end) m--;
      if (m < 3) return { ...w, m: 0, counts: null };
      const count = (from: string, to: string) => ({
        t: traj.filter(
          (t) =>
            t.gemeente === w.gemeente &&
            t.referrerType === '02' &&
            t.referrerDetail === w.location &&
            t.s >= from &&
            t.s <= to,
        ).length,
        b: d.basicSupport.filter(
          (b) => b.gemeente === w.gemeente && (b.location ?? null) === w.location && b.start >= from && b.start <= to,
        ).length,
      });
      return {
        ...w,
        m,
        counts: {
          voor: count(h.addMonths(w.start, -m), h.dayBefore(w.start)),
          na: count(w.start, h.dayBefore(h.addMonths(w.start, m))),
        },
      };
    });
    const rows = (g: string, ws: typeof windows, key: (k: string) => string, split: string | null): RefRow[] => {
      const ok = ws.filter((w) => w.counts !== null);
      const side = (s: 'voor' | 'na') => {
        if (ok.length === 0) return { value: null, numerator: null, denominator: null };
        const t = ok.reduce((a, w) => a + w.counts![s].t, 0);
        const b = ok.reduce((a, w) => a + w.counts![s].b, 0);
        return { value: h.pct(t, t + b), numerator: t, denominator: t + b };
      };
      const before = side('voor');
      const after = side('na');
      const diff =
        before.value === null || after.value === null
          ? null
          : h.pct(
              after.numerator! * before.denominator! - before.numerator! * after.denominator!,
              after.denominator! * before.denominator!,
            );
      return [
        { gemeente: g, by: split, key: key('voor'), ...before },
        { gemeente: g, by: split, key: key('na'), ...after },
        { gemeente: g, by: split, key: key('verschil'), value: diff, numerator: null, denominator: null },
      ];
    };
    if (by === 'vindplaats') return windows.flatMap((w) => rows(w.gemeente, [w], (k) => `${w.location}:${k}`, by));
    return [...new Set(windows.map((w) => w.gemeente))].flatMap((g) =>
      rows(
        g,
        windows.filter((w) => w.gemeente === g),
        (k) => k,
        null,
      ),
    );
  };

  return { liaison_reach: reach, liaison_referral_shift: shift };
}
