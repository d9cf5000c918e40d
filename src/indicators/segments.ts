/**
 * The voorkant (issue 21): the youths 0–17 of a gemeente in four groups — no help, basishulp only, jeugdhulp only,
 * both — and the first-line share, the youths with basishulp among all youths helped. Definitions and why:
 * docs/indicators.md, "De voorkant in vier groepen".
 *
 * Who counts: a distinct youth (gemeente + pseudonym) with a basic-support episode or a trajectory (`traj`: not
 * withdrawn, effective dates) active in the period, aged 0–17 on 1 January of the period's year by the one age
 * convention (year − birth year − 1, birth month from the youth record): the youths the population figure on
 * 1 January holds. No help = that population (the denominator of pct_youth_in_care) minus the youths helped; left
 * empty and flagged when the population is missing or smaller than the youths helped, never negative.
 */
import type { Lens } from '../lens/lens.js';
import { sql } from '../lens/sql.js';
import type { Flag, Query } from './types.js';
import { activeIn, gemeenteFilter, pct, wijkNames } from './sql.js';
import { populationBy, youthPopulation } from './use.js';
import { defineIndicator, type Figure } from './kernel.js';

/** The four groups, in the order shown; the keys of `--by groep` and the second part of `--by wijk`'s keys. */
export const YOUTH_GROUPS = ['geen_hulp', 'alleen_basishulp', 'alleen_jeugdhulp', 'basishulp_en_jeugdhulp'] as const;

/** The wijk of a youth without one: a youth with help still counts, without a population (so without geen_hulp). */
const UNKNOWN_WIJK = 'onbekend';

interface Helped {
  gemeente_code: string;
  /** the youth's wijk ('onbekend' without one), or '' when not split */
  w: string;
  basis_only: number;
  care_only: number;
  basis_and_care: number;
}

/** Per gemeente (and per the youth's wijk): the youths 0–17 with help in the period, in the three groups with help. */
function helped(lens: Lens, q: Query, byWijk: boolean): Promise<Helped[]> {
  const wijk = byWijk ? sql`coalesce(nullif(y.wijk_code, ''), ${UNKNOWN_WIJK})` : sql`''`;
  // age on 1 January of the period's year, as every age split and the population take it; no birth month: no age
  const age = sql`(${q.period.year} - CAST(substr(y.birth_month, 1, 4) AS INTEGER) - 1)`;
  return lens.query<Helped>(sql`
    WITH help AS (
      SELECT gemeente_code, youth_pseudonym, TRUE AS basis, FALSE AS care FROM basic_support_episode
      WHERE ${activeIn(q.period, sql`start_date`, sql`end_date`)} AND ${gemeenteFilter(q)}
      UNION ALL
      SELECT gemeente_code, youth_pseudonym, FALSE AS basis, TRUE AS care FROM traj
      WHERE ${activeIn(q.period)} AND ${gemeenteFilter(q)}),
    per_youth AS (
      SELECT gemeente_code, youth_pseudonym, bool_or(basis) AS basis, bool_or(care) AS care FROM help GROUP BY 1, 2)
    SELECT p.gemeente_code, ${wijk} AS w,
      count(*) FILTER (WHERE p.basis AND NOT p.care)::INTEGER AS basis_only,
      count(*) FILTER (WHERE p.care AND NOT p.basis)::INTEGER AS care_only,
      count(*) FILTER (WHERE p.basis AND p.care)::INTEGER AS basis_and_care
    FROM per_youth p JOIN youth y ON y.gemeente_code = p.gemeente_code AND y.pseudonym = p.youth_pseudonym
    WHERE ${age} BETWEEN 0 AND 17
    GROUP BY 1, 2 ORDER BY 1, 2`);
}

const total = (h: Helped | undefined): number => (h ? h.basis_only + h.care_only + h.basis_and_care : 0);

/** What is known of no help: the population minus the youths helped, or why it is not there. */
function noHelp(pop: number | null, n: number): { value: number | null; flags: Flag[] } {
  if (pop === null) return { value: null, flags: ['geen_noemer'] };
  if (pop < n) return { value: null, flags: ['bevolking_te_klein'] };
  return { value: pop - n, flags: [] };
}

/** The four groups of one gemeente or wijk, with the population as denominator (the share is value ÷ denominator). */
function groupFigures(g: string, h: Helped | undefined, pop: number | null, prefix: string | null): Figure[] {
  const none = noHelp(pop, total(h));
  const counts: Record<(typeof YOUTH_GROUPS)[number], number | null> = {
    geen_hulp: none.value,
    alleen_basishulp: h?.basis_only ?? 0,
    alleen_jeugdhulp: h?.care_only ?? 0,
    basishulp_en_jeugdhulp: h?.basis_and_care ?? 0,
  };
  return YOUTH_GROUPS.filter((k) => !(k === 'geen_hulp' && prefix === UNKNOWN_WIJK)).map((k) => ({
    gemeente: g,
    key: prefix === null ? k : `${prefix}:${k}`,
    value: counts[k],
    numerator: counts[k],
    denominator: pop,
    flags: none.flags,
  }));
}

/** wijk order: by code, 'onbekend' last */
const byCode = (a: string, b: string) =>
  (a === UNKNOWN_WIJK ? 1 : 0) - (b === UNKNOWN_WIJK ? 1 : 0) || a.localeCompare(b);

export const youthSegments = defineIndicator({
  definition: {
    id: 'youth_segments',
    nameNl: 'de voorkant in vier groepen (jeugdigen 0–17 naar hulp)',
    nameEn: 'the front door in four groups (youths 0–17 by help)',
    definitionNl:
      'De jeugdigen van 0–17 jaar van de gemeente in vier groepen voor de periode: geen hulp, alleen basishulp (een periode basishulp zonder beschikking die actief is in de periode, geen jeugdhulp), alleen jeugdhulp (een traject dat actief is in de periode, geen basishulp) en basishulp én jeugdhulp (beide in de periode, niet per se tegelijk). Telt verschillende jeugdigen. Leeftijd op 1 januari van het jaar van de periode, zoals de bevolking (jaar − geboortejaar − 1; alleen de geboortemaand is bekend): wie dan 0–17 is, telt; 18-plussers (verlengde jeugdhulp), wie in dat jaar zelf geboren is en wie geen geboortemaand heeft vallen in geen groep. Geen hulp = de jeugdigen van 0–17 op 1 januari (bevolkingsbestand, de rij zonder wijk: de noemer van % jeugdigen met jeugdhulp) min de drie groepen met hulp; zonder bevolkingscijfer, of met minder jeugdigen dan er hulp kregen, blijft geen hulp leeg (gemarkeerd), nooit negatief. De noemer van elke groep is die bevolking (aandeel = aantal ÷ noemer). Zonder splitsing: de jeugdigen van 0–17 met hulp (de drie groepen samen). Naar wijk: de wijk van de jeugdige (onbekend zonder wijk, daar geen groep geen hulp), met de jeugdigen 0–17 van de wijk als bevolking; dat is de woonwijk, niet de wijk van de periode basishulp (die telt bij bereik basishulp), dus wie in een andere wijk basishulp kreeg, telt hier in de eigen wijk.',
    definitionEn:
      'The youths aged 0–17 of the gemeente in four groups for the period: no help, basic support only (a basic-support episode without a formal decision active in the period, no youth care), youth care only (a trajectory active in the period, no basic support) and both (both in the period, not necessarily at once). Counts distinct youths. Age on 1 January of the period\u2019s year, as the population (year − birth year − 1; only the birth month is known): who is 0–17 then counts; youths of 18 and over (extended youth care), those born in that year itself and those without a birth month are in no group. No help = the youths aged 0–17 on 1 January (population file, the row without wijk: the denominator of % youths in care) minus the three groups with help; without a population figure, or with fewer youths than were helped, no help stays empty (flagged), never negative. Every group\u2019s denominator is that population (share = count ÷ denominator). Unsplit: the youths aged 0–17 with help (the three groups together). By wijk: the youth\u2019s wijk (unknown without one, where there is no group no help), with the wijk\u2019s youths aged 0–17 as population; that is where the youth lives, not the episode\u2019s wijk (which basic support reach counts), so a youth helped in another wijk counts here in its own.',
    unit: 'aantal',
    direction: 'neutraal',
    sources: ['basishulp', 'trajecten', 'bevolking'],
    cbsNote:
      'CBS heeft geen cijfer voor basishulp zonder beschikking, dus ook geen landelijke verdeling in deze vier groepen; de bevolking 0–17 is het CBS-cijfer uit het bevolkingsbestand.',
    // a wijk's four groups add up to its population, and each group over the wijken to the gemeente's group
    twoWaySplits: ['wijk'],
  },
  dimensions: { groep: null, wijk: null },
  endFlag: true,
  async figures({ lens, q, by }) {
    const byWijk = by === 'wijk';
    const help = await helped(lens, q, byWijk);
    const pop = await youthPopulation(lens, q);
    // a gemeente has figures when it has a population figure or a youth 0–17 with help
    const gemeenten = [...new Set([...pop.keys(), ...help.map((h) => h.gemeente_code)])].sort();
    if (!byWijk) {
      const of = new Map(help.map((h) => [h.gemeente_code, h]));
      return gemeenten.flatMap((g) => {
        const h = of.get(g);
        const p = pop.get(g) ?? null;
        if (by === 'groep') return groupFigures(g, h, p, null);
        return [
          { gemeente: g, value: total(h), numerator: total(h), denominator: p, flags: noHelp(p, total(h)).flags },
        ];
      });
    }
    const wijkPop = await populationBy(lens, q, 'wijk');
    const names = await wijkNames(lens);
    const of = new Map(help.map((h) => [`${h.gemeente_code}|${h.w}`, h]));
    const keys = [...new Set([...wijkPop.keys(), ...of.keys()])];
    return gemeenten.flatMap((g) =>
      keys
        .filter((k) => k.startsWith(`${g}|`))
        .map((k) => k.slice(g.length + 1))
        .sort(byCode)
        .flatMap((w) => {
          const label = names.get(`${g}|${w}`);
          return groupFigures(g, of.get(`${g}|${w}`), wijkPop.get(`${g}|${w}`) ?? null, w).map((f) =>
            label ? { ...f, label } : f,
          );
        }),
    );
  },
});

export const firstLineShare = defineIndicator({
  definition: {
    id: 'first_line_share',
    nameNl: 'aandeel voorkant (basishulp onder de jeugdigen met hulp)',
    nameEn: 'first-line share (basic support among the youths helped)',
    definitionNl:
      'Van de jeugdigen van 0–17 jaar met hulp in de periode (basishulp, jeugdhulp of beide; leeftijd en groepen als de voorkant in vier groepen): het aandeel met basishulp, alleen of naast jeugdhulp = (alleen basishulp + basishulp én jeugdhulp) ÷ (alleen basishulp + alleen jeugdhulp + basishulp én jeugdhulp) × 100. De rest tot 100 is alleen jeugdhulp: jeugdhulp waar de voorkant in de periode niet bij was. Naar wijk: de wijk van de jeugdige (onbekend zonder wijk).',
    definitionEn:
      'Of the youths aged 0–17 with help in the period (basic support, youth care or both; age and groups as in the front door in four groups): the share with basic support, alone or beside youth care = (basic support only + both) ÷ (basic support only + youth care only + both) × 100. The rest up to 100 is youth care only: care in which the front door took no part in the period. By wijk: the youth\u2019s wijk (unknown without one).',
    unit: 'procent',
    direction: 'neutraal',
    sources: ['basishulp', 'trajecten'],
    cbsNote:
      'Geen landelijk cijfer: CBS publiceert geen cijfer over basishulp zonder beschikking (de jeugdzorgtabellen die Zicht leest, 85099NED, tellen jeugdhulp, jeugdbescherming en jeugdreclassering), dus er is geen landelijk of CBS-cijfer om dit aandeel naast te zetten. Vergelijk met de andere gemeenten van de regio.',
  },
  dimensions: { wijk: null },
  endFlag: true,
  async figures({ lens, q, by }) {
    const byWijk = by === 'wijk';
    const names = byWijk ? await wijkNames(lens) : null;
    return (await helped(lens, q, byWijk))
      .filter((h) => total(h) > 0)
      .sort((a, b) => a.gemeente_code.localeCompare(b.gemeente_code) || byCode(a.w, b.w))
      .map((h) => {
        const n = h.basis_only + h.basis_and_care;
        const label = names?.get(`${h.gemeente_code}|${h.w}`);
        return {
          gemeente: h.gemeente_code,
          value: pct(n, total(h)),
          numerator: n,
          denominator: total(h),
          ...(byWijk ? { key: h.w } : {}),
          ...(label ? { label } : {}),
        };
      });
  },
});
