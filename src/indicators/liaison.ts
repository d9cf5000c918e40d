/**
 * Liaison positions (issue 21, verbindingsfuncties): their reach and the referral pattern of a GP practice before
 * and after a position started there. Definitions and why: docs/indicators.md, "Verbindingsfuncties".
 *
 * - liaison_reach: distinct youths with a basishulp episode found or helped at the position's location (the episode's
 *   vindplaats = the position's location id) on a day that lies in the period and in the position's own period.
 * - liaison_referral_shift: per GP practice with a position, the specialist-referral share — trajectories referred
 *   by the practice (verwijzer huisarts, verwijzer_detail = its AGB code) ÷ (those + basishulp episodes with the
 *   practice as vindplaats), both by their start — in equal windows before and after the first position there
 *   started: twelve months each side, or as many whole months (at least three) as lie between the start and the end
 *   of the period asked (a period past the data's end is flagged, as every figure is).
 */
import { addDays, addMonths, type IsoDate } from '../domain/dates.js';
import { LIAISON_KIND_NL, SHIFT_MIN_MONTHS, SHIFT_WINDOW_MONTHS, type LiaisonKind } from '../domain/liaison.js';
import { periodEnd, periodStart } from '../domain/periods.js';
import { ratioHalfUp } from '../domain/decimal.js';
import type { Lens } from '../lens/lens.js';
import { dateValue, joinSql, sql } from '../lens/sql.js';
import type { Flag, Query } from './types.js';
import { gemeenteFilter, pct } from './sql.js';
import { youthPopulation } from './use.js';
import { defineIndicator, type Figure } from './kernel.js';

/** A position in force on some day of the period asked (its own start and end, as the lens holds them). */
interface Position {
  gemeente_code: string;
  position_id: string;
  kind: string;
  location_kind: string;
  location_id: string;
  location_name: string;
  start_date: string;
  end_date: string | null;
}

function positions(lens: Lens, q: Query): Promise<Position[]> {
  const start = dateValue(periodStart(q.period));
  const end = dateValue(periodEnd(q.period));
  return lens.query<Position>(sql`
    SELECT gemeente_code, position_id, kind, location_kind, location_id, location_name,
           CAST(start_date AS VARCHAR) AS start_date, CAST(end_date AS VARCHAR) AS end_date
    FROM liaison_position
    WHERE start_date <= ${end} AND (end_date IS NULL OR end_date >= ${start}) AND ${gemeenteFilter(q)}
    ORDER BY gemeente_code, location_id, start_date, position_id`);
}

/** The position in words: its kind and where (the location's name, else its id). */
export function positionLabel(p: Pick<Position, 'kind' | 'location_name' | 'location_id'>): string {
  const kind = LIAISON_KIND_NL[p.kind as LiaisonKind] ?? p.kind;
  return `${kind} — ${p.location_name || p.location_id}`;
}

export const liaisonReach = defineIndicator({
  definition: {
    id: 'liaison_reach',
    nameNl: 'bereik verbindingsfuncties (jeugdigen met basishulp op de vindplaats)',
    nameEn: 'liaison reach (youths with basic support at the location)',
    definitionNl:
      'Verschillende jeugdigen met een periode basishulp (zonder beschikking) waarvan de vindplaats de huisartsenpraktijk of school van een verbindingsfunctie is (POH-jeugd, jeugdconsulent, gezinscoach, …) en die actief is op een dag die zowel in de periode als in de periode van de functie ligt. Zonder splitsing: per gemeente de jeugdigen die één of meer functies bereikten (een jeugdige telt één keer), met de jeugdigen van 0–17 jaar van de gemeente als noemer (bereik per 1.000 = aantal ÷ noemer × 1.000). Naar functie: per functie. Naar vindplaats: per praktijk of school, over de functies daar samen. Alleen gemeenten en functies met een functie die in de periode liep. Telt jeugdigen, geen gezinnen: de basishulp kent geen gezinssleutel.',
    definitionEn:
      'Distinct youths with a basic-support episode (no formal decision) whose location (vindplaats) is the GP practice or school of a liaison position (POH-jeugd, jeugdconsulent, gezinscoach, …) and which is active on a day that lies both in the period and in the position\u2019s own period. Unsplit: per gemeente the youths reached by one or more positions (a youth counts once), with the gemeente\u2019s youths aged 0–17 as denominator (reach per 1,000 = count ÷ denominator × 1,000). By position: per position. By location: per practice or school, over its positions together. Only gemeenten and positions with a position running in the period. Counts youths, not families: basic support carries no household key.',
    unit: 'aantal',
    direction: 'hoger_beter',
    sources: ['verbindingsfuncties', 'basishulp (vindplaats)', 'bevolking'],
    cbsNote: 'Geen CBS-cijfer: CBS kent geen basishulp zonder beschikking en geen verbindingsfuncties.',
  },
  dimensions: { functie: null, vindplaats: null },
  async figures({ lens, q, by }) {
    const pos = await positions(lens, q);
    if (pos.length === 0) return [];
    const ps = dateValue(periodStart(q.period));
    const pe = dateValue(periodEnd(q.period));
    // per position the distinct youths whose episode at its location overlaps the period and the position's period
    const rows = await lens.query<{ gemeente_code: string; position_id: string; youth_pseudonym: string }>(sql`
      SELECT DISTINCT p.gemeente_code, p.position_id, b.youth_pseudonym
      FROM liaison_position p
      JOIN basic_support_episode b ON b.gemeente_code = p.gemeente_code AND b.location_id = p.location_id
      WHERE ${gemeenteFilter(q, sql`p.gemeente_code`)}
        AND b.start_date <= least(${pe}, coalesce(p.end_date, ${pe}))
        AND coalesce(b.end_date, ${pe}) >= greatest(${ps}, p.start_date)
        AND p.start_date <= ${pe} AND (p.end_date IS NULL OR p.end_date >= ${ps})`);
    const youths = new Map<string, Set<string>>();
    const add = (k: string, y: string) => youths.set(k, (youths.get(k) ?? new Set()).add(y));
    const byId = new Map(pos.map((p) => [`${p.gemeente_code}|${p.position_id}`, p]));
    for (const r of rows) {
      const p = byId.get(`${r.gemeente_code}|${r.position_id}`)!;
      add(`${r.gemeente_code}|`, r.youth_pseudonym);
      add(`${r.gemeente_code}|f|${r.position_id}`, r.youth_pseudonym);
      add(`${r.gemeente_code}|v|${p.location_id}`, r.youth_pseudonym);
    }
    const n = (k: string) => youths.get(k)?.size ?? 0;
    if (by === 'functie')
      return pos.map((p) => ({
        gemeente: p.gemeente_code,
        key: p.position_id,
        label: positionLabel(p),
        value: n(`${p.gemeente_code}|f|${p.position_id}`),
        numerator: n(`${p.gemeente_code}|f|${p.position_id}`),
      }));
    if (by === 'vindplaats') {
      const seen = new Map<string, Position>();
      for (const p of pos)
        if (!seen.has(`${p.gemeente_code}|${p.location_id}`)) seen.set(`${p.gemeente_code}|${p.location_id}`, p);
      return [...seen.values()].map((p) => ({
        gemeente: p.gemeente_code,
        key: p.location_id,
        label: p.location_name || p.location_id,
        value: n(`${p.gemeente_code}|v|${p.location_id}`),
        numerator: n(`${p.gemeente_code}|v|${p.location_id}`),
      }));
    }
    const pop = await youthPopulation(lens, q);
    return [...new Set(pos.map((p) => p.gemeente_code))].map((g) => {
      const den = pop.get(g) ?? null;
      return {
        gemeente: g,
        value: n(`${g}|`),
        numerator: n(`${g}|`),
        denominator: den,
        flags: den === null ? (['geen_noemer'] as Flag[]) : [],
      };
    });
  },
});

/** One practice's comparison: the first start there and the windows each side (months 0: too short to compare). */
export interface ShiftWindow {
  readonly gemeente: string;
  readonly location: string;
  readonly name: string;
  readonly start: IsoDate;
  readonly months: number;
  readonly before: readonly [IsoDate, IsoDate];
  readonly after: readonly [IsoDate, IsoDate];
}

/**
 * The window each side of a start: twelve whole months, or as many (the same before and after) as end on or before
 * `horizon`; fewer than three: none (months 0).
 */
export function shiftWindow(
  start: IsoDate,
  horizon: IsoDate,
): { months: number; before: [IsoDate, IsoDate]; after: [IsoDate, IsoDate] } {
  let m = SHIFT_WINDOW_MONTHS;
  while (m >= SHIFT_MIN_MONTHS && addDays(addMonths(start, m), -1) > horizon) m--;
  if (m < SHIFT_MIN_MONTHS) m = 0;
  return {
    months: m,
    before: [addMonths(start, -m), addDays(start, -1)],
    after: [start, addDays(addMonths(start, m), -1)],
  };
}

interface ShiftCounts {
  gemeente_code: string;
  location_id: string;
  side: 'voor' | 'na';
  referred: number;
  basishulp: number;
}

export const liaisonReferralShift = defineIndicator({
  definition: {
    id: 'liaison_referral_shift',
    nameNl: 'verwijspatroon huisartsenpraktijk voor en na de verbindingsfunctie',
    nameEn: 'GP practice referral pattern before and after the liaison position',
    definitionNl:
      'Per huisartsenpraktijk met een verbindingsfunctie (POH-jeugd, jeugdconsulent, gezinscoach, …) die vóór het einde van de periode begon: het aandeel specialistische verwijzingen = trajecten verwezen door de praktijk (verwijzer huisarts met de AGB-code van de praktijk als verwijzerdetail; gestart in het venster) ÷ (die trajecten + perioden basishulp met de praktijk als vindplaats, begonnen in het venster) × 100, in een venster vóór en een even lang venster na de start van de eerste functie op de praktijk. Het venster is 12 maanden aan elke kant, of zoveel hele maanden (minstens 3) als er tussen de start en het einde van de periode liggen (een periode voorbij het einde van de gegevens is gemarkeerd, zoals bij elk cijfer); korter dan 3 maanden: geen cijfer (gemarkeerd). Sleutels voor, na en verschil (na − voor, in procentpunten; negatief = minder specialistische verwijzingen). Zonder splitsing: de praktijken van de gemeente samen, elk met haar eigen vensters. Naar vindplaats: per praktijk (<AGB-code>:voor, :na, :verschil).',
    definitionEn:
      'Per GP practice with a liaison position (POH-jeugd, jeugdconsulent, gezinscoach, …) that started before the end of the period: the specialist-referral share = trajectories referred by the practice (referrer GP with the practice\u2019s AGB code as referrer detail; started in the window) ÷ (those trajectories + basic-support episodes with the practice as location, started in the window) × 100, in a window before and an equally long window after the start of the first position at the practice. The window is 12 months each side, or as many whole months (at least 3) as lie between the start and the end of the period (a period past the end of the data is flagged, as every figure is); under 3 months: no figure (flagged). Keys voor, na and verschil (after − before, in percentage points; negative = fewer specialist referrals). Unsplit: the gemeente\u2019s practices together, each with its own windows. By location: per practice (<AGB code>:voor, :na, :verschil).',
    unit: 'procent',
    direction: 'lager_beter',
    sources: ['verbindingsfuncties', 'trajecten (verwijzer, verwijzer_detail)', 'basishulp (vindplaats)'],
    cbsNote:
      'Geen CBS-cijfer per praktijk. Heusden (seed 000) mikt op een aandeel specialistische verwijzingen van ongeveer 10% naar 4,7% (Utrecht 2020); dat cijfer telt jongeren onder alle jongeren, dit cijfer verwijzingen per praktijk.',
  },
  dimensions: { vindplaats: null },
  async figures({ lens, q, by }) {
    const windows = await shiftWindows(lens, q);
    if (windows.length === 0) return [];
    const usable = windows.filter((w) => w.months > 0);
    const counts = usable.length === 0 ? [] : await shiftCounts(lens, usable);
    const of = new Map(counts.map((c) => [`${c.gemeente_code}|${c.location_id}|${c.side}`, c]));
    const three = (
      g: string,
      key: (k: string) => string,
      label: string | undefined,
      cs: readonly ShiftWindow[],
    ): Figure[] => {
      const ok = cs.filter((w) => w.months > 0);
      const flags: Flag[] = ok.length === 0 ? ['venster_te_kort'] : [];
      const side = (s: 'voor' | 'na') => {
        const t = ok.reduce((a, w) => a + (of.get(`${w.gemeente}|${w.location}|${s}`)?.referred ?? 0), 0);
        const b = ok.reduce((a, w) => a + (of.get(`${w.gemeente}|${w.location}|${s}`)?.basishulp ?? 0), 0);
        return ok.length === 0
          ? { value: null, numerator: null, denominator: null }
          : { value: pct(t, t + b), numerator: t, denominator: t + b };
      };
      const before = side('voor');
      const after = side('na');
      // after − before from the exact counts (tA/dA − tB/dB = (tA·dB − tB·dA) ÷ (dA·dB)), not from the two rounded shares
      const diff =
        before.value === null || after.value === null
          ? null
          : ratioHalfUp(
              after.numerator! * before.denominator! - before.numerator! * after.denominator!,
              after.denominator! * before.denominator!,
              100,
              3,
            );
      // the practice by name: the web says voor, na and verschil in words beside it (web/labels.ts)
      const named = label ? { label } : {};
      return [
        { gemeente: g, key: key('voor'), ...before, flags, ...named },
        { gemeente: g, key: key('na'), ...after, flags, ...named },
        {
          gemeente: g,
          key: key('verschil'),
          value: diff,
          numerator: null,
          denominator: null,
          flags,
          ...named,
        },
      ];
    };
    if (by === 'vindplaats')
      return windows.flatMap((w) => three(w.gemeente, (k) => `${w.location}:${k}`, w.name || w.location, [w]));
    return [...new Set(windows.map((w) => w.gemeente))].flatMap((g) =>
      three(
        g,
        (k) => k,
        undefined,
        windows.filter((w) => w.gemeente === g),
      ),
    );
  },
});

/** The practices with a position started by the period's end, with their first start and windows. */
async function shiftWindows(lens: Lens, q: Query): Promise<ShiftWindow[]> {
  const pe = periodEnd(q.period);
  const rows = await lens.query<{ gemeente_code: string; location_id: string; name: string; start: string }>(sql`
    SELECT gemeente_code, location_id, max(location_name) AS name, CAST(min(start_date) AS VARCHAR) AS start
    FROM liaison_position
    WHERE location_kind = 'huisartsenpraktijk' AND start_date <= ${dateValue(pe)} AND ${gemeenteFilter(q)}
    GROUP BY 1, 2 ORDER BY 1, 2`);
  return rows.map((r) => ({
    gemeente: r.gemeente_code,
    location: r.location_id,
    name: r.name,
    start: r.start,
    ...shiftWindow(r.start, pe),
  }));
}

/** Per practice and side: trajectories referred by it and basishulp episodes found there, started in the window. */
function shiftCounts(lens: Lens, ws: readonly ShiftWindow[]): Promise<ShiftCounts[]> {
  const values = joinSql(
    ws.flatMap((w) =>
      (['voor', 'na'] as const).map((side) => {
        const [from, to] = side === 'voor' ? w.before : w.after;
        return sql`(${w.gemeente}, ${w.location}, ${side}, ${dateValue(from)}, ${dateValue(to)})`;
      }),
    ),
  );
  return lens.query<ShiftCounts>(sql`
    WITH w(gemeente_code, location_id, side, d_from, d_to) AS (VALUES ${values})
    SELECT w.gemeente_code, w.location_id, w.side,
      (SELECT count(*) FROM traj t WHERE t.gemeente_code = w.gemeente_code AND t.referrer_type = '02'
         AND t.referrer_detail = w.location_id AND t.eff_start BETWEEN w.d_from AND w.d_to)::INTEGER AS referred,
      (SELECT count(*) FROM basic_support_episode b WHERE b.gemeente_code = w.gemeente_code
         AND b.location_id = w.location_id AND b.start_date BETWEEN w.d_from AND w.d_to)::INTEGER AS basishulp
    FROM w ORDER BY 1, 2, 3`);
}

export const LIAISON_INDICATORS = [liaisonReach, liaisonReferralShift] as const;
