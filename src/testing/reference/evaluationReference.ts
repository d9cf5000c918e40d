/**
 * The reference for evaluation_timeliness (issue 21, light follow-up after referral), written from the definition in
 * docs/indicators.md ("Evaluaties na verwijzing"), not from the SQL nor from domain/evaluations.ts: plain loops over
 * the records as the files give them, with its own date arithmetic (a day count and a month step of its own).
 * reference.ts registers this into REFERENCE, so it cannot import from there (an import cycle): the data's last day
 * (the lens's data end) comes in as a function.
 */
import type { RefRow } from './row.js';

/** One row of evaluaties.csv. */
export interface RefEvaluation {
  readonly gemeente: string;
  readonly trajectoryId: string;
  readonly planned: string;
  readonly held: string | null;
  readonly outcome: string | null;
}

/** One stored rhythm setting ('' = every category / code). */
export interface RefRhythm {
  readonly gemeente: string;
  readonly category: string;
  readonly code: string;
  readonly months: number;
}

/** What the reference reads of a trajectory. */
interface EvalTrajectory {
  readonly gemeente: string;
  readonly id: string;
  readonly category: string;
  readonly productCode: string | null;
  readonly team?: string | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly withdrawn: boolean;
  readonly allocationDate: string;
  readonly allocationStart: string | null;
}

interface EvalData {
  readonly trajectories: readonly EvalTrajectory[];
  readonly evaluations?: readonly RefEvaluation[];
  readonly rhythms?: readonly RefRhythm[];
}

interface EvalPeriod {
  readonly start: string;
  readonly end: string;
}

// ---- own date arithmetic: days since 0000-03-01 (proleptic Gregorian), months as year × 12 + month

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const two = (n: number) => String(n).padStart(2, '0');

function days(d: string): number {
  let y = Number(d.slice(0, 4));
  let m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  if (m < 3) {
    y -= 1;
    m += 12;
  }
  return (
    365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + Math.floor((153 * (m - 3) + 2) / 5) + day
  );
}

/** The date `n` days after `d`, by stepping through months (slow but plainly right). */
function plusDays(d: string, n: number): string {
  let y = Number(d.slice(0, 4));
  let m = Number(d.slice(5, 7));
  let day = Number(d.slice(8, 10)) + n;
  while (day > monthLength(y, m)) {
    day -= monthLength(y, m);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  while (day < 1) {
    m -= 1;
    if (m < 1) [y, m] = [y - 1, 12];
    day += monthLength(y, m);
  }
  return `${y}-${two(m)}-${two(day)}`;
}

/** `months` calendar months after `d`; a day the month does not have becomes its last day (31 January → 28/29 February). */
function plusMonths(d: string, months: number): string {
  const index = Number(d.slice(0, 4)) * 12 + (Number(d.slice(5, 7)) - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${two(m)}-${two(Math.min(Number(d.slice(8, 10)), monthLength(y, m)))}`;
}

/** num × 100 ÷ den to three decimals, half up, in integers. */
function share(num: number, den: number): number | null {
  if (den <= 0) return null;
  const scaled = BigInt(num) * 100_000n;
  let q = scaled / BigInt(den);
  if ((scaled % BigInt(den)) * 2n >= BigInt(den)) q += 1n;
  return Number(q) / 1000;
}

const TOLERANCE_DAYS = 14;

type Status = 'op_tijd' | 'te_laat' | 'achterstallig';
interface Due {
  readonly gemeente: string;
  readonly team: string;
  readonly category: string;
  readonly origin: 'vastgelegd' | 'afgeleid';
  readonly status: Status;
}

function rhythmOf(d: EvalData, t: EvalTrajectory): number | null {
  const own = (d.rhythms ?? []).filter((r) => r.gemeente === t.gemeente);
  for (const r of own) if (r.code !== '' && r.code === t.productCode) return r.months;
  for (const r of own) if (r.code === '' && r.category !== '' && r.category === t.category) return r.months;
  for (const r of own) if (r.code === '' && r.category === '') return r.months;
  return null;
}

function dueMoments(d: EvalData, p: EvalPeriod, last: string): Due[] {
  const ref = last < p.end ? last : p.end;
  const out: Due[] = [];
  for (const t of d.trajectories) {
    // not withdrawn, in the lens (an effective start), and with an actual start
    if (t.withdrawn || t.start === null) continue;
    const recorded = (d.evaluations ?? []).filter(
      (e) => e.gemeente === t.gemeente && e.trajectoryId === t.id && (t.end === null || e.planned <= t.end),
    );
    const moments: { planned: string; held: string | null; origin: 'vastgelegd' | 'afgeleid' }[] = recorded.map(
      (e) => ({ planned: e.planned, held: e.held, origin: 'vastgelegd' }),
    );
    const rhythm = rhythmOf(d, t);
    if (rhythm !== null && rhythm > 0) {
      let lastRecorded: RefEvaluation | null = null;
      for (const e of recorded) if (lastRecorded === null || e.planned > lastRecorded.planned) lastRecorded = e;
      const anchor = lastRecorded === null ? t.start : lastRecorded.held;
      const limit = t.end !== null && t.end < ref ? t.end : ref;
      if (anchor !== null)
        for (let k = 1; plusMonths(anchor, k * rhythm) <= limit; k++)
          moments.push({ planned: plusMonths(anchor, k * rhythm), held: null, origin: 'afgeleid' });
    }
    for (const m of moments) {
      const deadline = plusDays(m.planned, TOLERANCE_DAYS);
      if (days(deadline) < days(p.start) || days(deadline) > days(ref)) continue;
      const status: Status =
        m.held !== null && m.held <= deadline
          ? 'op_tijd'
          : m.held !== null && m.held <= ref
            ? 'te_laat'
            : 'achterstallig';
      out.push({
        gemeente: t.gemeente,
        team: t.team ? t.team : 'onbekend',
        category: t.category,
        origin: m.origin,
        status,
      });
    }
  }
  return out;
}

/** evaluation_timeliness by hand; `last` is the data's last day as the lens has it. */
export function evaluationReference<D extends EvalData>(
  last: (d: D) => string,
): Record<string, (d: D, p: EvalPeriod, by: string | null) => RefRow[]> {
  return {
    evaluation_timeliness: (d, p, by) => {
      const due = dueMoments(d, p, last(d));
      const groups = new Map<string, Due[]>();
      for (const m of due) {
        const key = by === 'team' ? m.team : by === 'productcategorie' ? m.category : by === 'herkomst' ? m.origin : '';
        const k = `${m.gemeente}\u0000${key}`;
        groups.set(k, [...(groups.get(k) ?? []), m]);
      }
      const rows: RefRow[] = [];
      for (const [k, ms] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const [gemeente, key] = k.split('\u0000') as [string, string];
        const n = (s: Status) => ms.filter((m) => m.status === s).length;
        if (by === 'stand')
          for (const s of ['op_tijd', 'te_laat', 'achterstallig'] as const)
            rows.push({ gemeente, by, key: s, value: share(n(s), ms.length), numerator: n(s), denominator: ms.length });
        else
          rows.push({
            gemeente,
            by,
            key: by === null ? null : key,
            value: share(n('op_tijd'), ms.length),
            numerator: n('op_tijd'),
            denominator: ms.length,
          });
      }
      return rows;
    },
  };
}
