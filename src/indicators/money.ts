/** Money: cost (claims accepted or submitted) and cost per client. */
import { sql } from '../lens/sql.js';
import type { Flag, Query } from './types.js';
import type { Lens } from '../lens/lens.js';
import { defineIndicator, type Figure } from './kernel.js';
import { centsToEuro, ratioHalfUp } from '../domain/decimal.js';
import { INHABITANTS_BAND, YOUTH_BAND } from '../domain/population.js';

/** Whole cents ÷ a count or volume, to whole cents half up, as euros: never a binary residue. */
export const perUnit = (cents: number, per: number): number | null =>
  per > 0 ? centsToEuro(ratioHalfUp(cents, per, 1, 0)!) : null;
import { bounds, gemeenteFilter, withWijkNames } from './sql.js';

import { CLAIM_COST, COST, COST_LINES, PRICE_VOLUME, PRICED_LINE, smallClientPaymentMonths } from '../lens/money.js';
export { CLAIM_COST, COST };

export const costTotal = defineIndicator<{ gemeente_code: string; k: string | null; cents: number; youths: number }>({
  definition: {
    id: 'cost_total',
    // says which form it holds: beside lump sums, tranches, pgb and subsidies "kosten" alone read as all the money
    nameNl: 'kosten declaraties',
    nameEn: 'cost, claims',
    definitionNl:
      'Som van de gedeclareerde bedragen (afgewezen regels niet meegeteld, creditregels in mindering) waarvan de prestatieperiode in de periode valt, in euro.',
    definitionEn:
      'Sum of claimed amounts (rejected lines excluded, credit lines subtracted) whose product period falls in the period, in euros.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'iJw JW323/JW325'],
    costBasis: {
      nl: 'declaraties, prestatieperiode in de gekozen periode',
      en: 'claims, service period in the chosen period',
    },
    cbsNote:
      'De Iv3-lasten (taakvelden 6.72/6.82) bevatten ook kosten buiten declaraties (pgb, toegang); zie lasten per gebruiker.',
  },
  dimensions: { productcategorie: sql`product_category`, aanbieder: sql`provider_agb`, zorgvorm: sql`care_form` },
  amounts: { months: 'period' },
  query: ({ q, dim }) => {
    const b = bounds(q.period);
    return sql`
      SELECT gemeente_code, ${dim} AS k, sum(${COST})::BIGINT AS cents,
        count(DISTINCT claim_youth) FILTER (WHERE status <> 'afgewezen')::INTEGER AS youths
      FROM claim_line
      WHERE period_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)} GROUP BY ALL ORDER BY 1, 2`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: centsToEuro(r.cents),
      numerator: centsToEuro(r.cents),
      youths: r.youths,
      key: r.k,
    })),
});

/** A financing form's key in the `financieringsvorm` split: 'declaraties' for claim lines, else the contract's form. */
const FORM_KEY = sql`financing_form`;

export const costAllForms = defineIndicator<{
  gemeente_code: string;
  k: string | null;
  cents: number;
  youths: number;
  payments_only: boolean;
  small_clients: boolean;
}>({
  definition: {
    id: 'cost_all_forms',
    nameNl: 'kosten alle financieringsvormen',
    nameEn: 'cost, all financing forms',
    definitionNl:
      'Kosten uit declaraties (als bij kosten: afgewezen regels niet, creditregels in mindering) plus de betalingen buiten iJw (betalingen.csv: lumpsumtermijnen en voorschotten, tranches, pgb via de SVB, subsidies; terugvorderingen in mindering) waarvan de prestatie- of betaalperiode begint in de periode, in euro. Naar financieringsvorm: declaraties (p×q) en de vorm van het contract van elke betaling; naar aanbieder en zorgvorm krijgt een betaling de aanbieder en productcategorie van haar contract als dat er precies één noemt, anders onbekend.',
    definitionEn:
      'Cost from claims (as in cost: rejected lines excluded, credit lines subtracted) plus the payments outside iJw (lump-sum instalments and advances, tranches, pgb through the SVB, subsidies; recoveries subtracted) whose service or payment period starts in the period, in euros. By financing form: claims (p×q) and the form of each payment\u2019s contract; by provider and care form a payment takes its contract\u2019s provider and product category when it names exactly one, else unknown.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'iJw JW323/JW325', 'betalingen', 'contracten'],
    costBasis: {
      nl: 'declaraties én betalingen buiten iJw (lumpsum, tranches, pgb, subsidies), periode in de gekozen periode',
      en: 'claims and payments outside iJw (lump sums, tranches, pgb, subsidies), period in the chosen period',
    },
    cbsNote:
      'Dichter bij de Iv3-lasten dan declaraties alleen; het verschil is eigen uitvoering, overhead en boekjaar.',
  },
  dimensions: { financieringsvorm: FORM_KEY, aanbieder: sql`provider_key`, zorgvorm: sql`care_form` },
  // the claims inside an amount are hidden as in cost_total (amountCells.ts); a payment holds no claim cell: a row of
  // payments only is not linked, a row of a form other than claims neither
  amounts: {
    months: 'period',
    fromClaimsOnly: false,
    split: (r) => (r.by === 'financieringsvorm' ? (r.key === 'declaraties' ? '' : null) : (r.by ?? '')),
  },
  query: ({ q, dim }) => {
    const b = bounds(q.period);
    return sql`
      SELECT l.gemeente_code, l.k, sum(l.cents)::BIGINT AS cents, count(DISTINCT l.youth)::INTEGER AS youths,
        bool_and(l.financing_form <> 'declaraties') AS payments_only, bool_or(s.gemeente_code IS NOT NULL) AS small_clients
      FROM (SELECT *, ${dim} AS k FROM ${COST_LINES} cost_line
            WHERE period_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q)}) l
      LEFT JOIN ${smallClientPaymentMonths(b.start, b.end, dim, gemeenteFilter(q))} s
        ON s.gemeente_code = l.gemeente_code AND s.k IS NOT DISTINCT FROM l.k
      GROUP BY ALL ORDER BY 1, 2`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: centsToEuro(r.cents),
      numerator: centsToEuro(r.cents),
      // a lump sum or subsidy names no one: no youths behind it, nothing for disclosure control to count; a payment
      // that names its client (pgb, a tranche) counts that youth like a claim line does
      youths: r.payments_only && r.youths === 0 ? null : r.youths,
      // and a month of 1–9 such youths hides the amount: it is a published claims amount plus their payments
      ...(r.small_clients ? { hiddenWhenPublished: true } : {}),
      key: r.k,
    })),
});

export const costPerClient = defineIndicator<{
  gemeente_code: string;
  k: string | null;
  cents: number;
  clients: number;
}>({
  definition: {
    id: 'cost_per_client',
    nameNl: 'kosten per cliënt',
    nameEn: 'cost per client',
    definitionNl:
      'Kosten in de periode ÷ het aantal verschillende jeugdigen met een (niet afgewezen) declaratieregel in de periode. Naar zorgvorm (de zorgvorm van de productcategorie van de regel): de kosten van die zorgvorm ÷ de jeugdigen met een regel in die zorgvorm; een jeugdige kan in meer zorgvormen tellen.',
    definitionEn:
      'Cost in the period ÷ distinct youths with a (not rejected) claim line in the period. By care form (of the line\u2019s product category): that care form\u2019s cost ÷ the youths with a line in it; a youth can count in several care forms.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'trajecten'],
    costBasis: {
      nl: 'declaraties, prestatieperiode in de gekozen periode',
      en: 'claims, service period in the chosen period',
    },
    cbsNote: 'Vergelijk met CBS/Iv3 lasten per gebruiker, dat ook kosten buiten declaraties bevat.',
  },
  dimensions: { zorgvorm: sql`c.care_form` },
  amounts: { months: 'period' },
  query: ({ q, dim }) => {
    const b = bounds(q.period);
    return sql`
      SELECT c.gemeente_code, ${dim} AS k, sum(${CLAIM_COST})::BIGINT AS cents,
             count(DISTINCT c.claim_youth) FILTER (WHERE c.status <> 'afgewezen')::INTEGER AS clients
      FROM claim_line c
      WHERE c.period_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q, sql`c.gemeente_code`)} GROUP BY ALL ORDER BY 1, 2`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: perUnit(r.cents, r.clients),
      numerator: centsToEuro(r.cents),
      denominator: r.clients,
      key: r.k,
    })),
});

async function perHead(lens: Lens, q: Query, ageTo: 'youth' | 'all') {
  const costRows = await costTotal.compute(lens, { ...q, by: undefined });
  const cost = new Map(costRows.map((r) => [r.gemeente, r.value ?? 0]));
  const youths = new Map(costRows.map((r) => [r.gemeente, r.youths ?? 0]));
  const pop = await lens.query<{ gemeente_code: string; n: number }>(sql`
    SELECT gemeente_code, count AS n FROM population_band
    WHERE wijk_code = '' AND band = ${ageTo === 'youth' ? YOUTH_BAND : INHABITANTS_BAND} AND year = ${q.period.year} AND ${gemeenteFilter(q)}
    ORDER BY 1`);
  const inhabitants = new Map(pop.map((p) => [p.gemeente_code, p.n]));
  // a gemeente with cost but no population row of that band (a file with 0–17 and 18–100 but no 0 to ≥ 100 row) keeps
  // its row, empty and flagged, instead of vanishing from the table (red team 15)
  return [...new Set([...inhabitants.keys(), ...costRows.filter((r) => r.value !== null).map((r) => r.gemeente)])]
    .sort()
    .map((g) => {
      const c = cost.get(g) ?? 0;
      const n = inhabitants.get(g) ?? null;
      return {
        gemeente: g,
        value: n === null ? null : perUnit(Math.round(c * 100), n),
        numerator: c,
        denominator: n,
        youths: youths.get(g) ?? 0,
        flags: n === null ? (['geen_noemer'] as Flag[]) : [],
      };
    });
}

/**
 * Cost per youth by wijk (issue 16.6): the claims of the youths of a wijk (claim → trajectory → youth; a line
 * without a known trajectory or youth wijk goes to 'onbekend') ÷ the wijk's population 0–17, one row per wijk that
 * has cost or population; without population the value is empty and flagged.
 */
async function perYouthByWijk(lens: Lens, q: Query): Promise<Figure[]> {
  const b = bounds(q.period);
  const cost = await lens.query<{ gemeente_code: string; k: string; cents: number; youths: number }>(sql`
    SELECT c.gemeente_code, coalesce(nullif(y.wijk_code, ''), 'onbekend') AS k, sum(${CLAIM_COST})::BIGINT AS cents,
      count(DISTINCT c.claim_youth) FILTER (WHERE c.status <> 'afgewezen')::INTEGER AS youths
    FROM claim_line c
    LEFT JOIN youth y ON y.gemeente_code = c.gemeente_code AND y.pseudonym = c.claim_youth
    WHERE c.period_start BETWEEN ${b.start} AND ${b.end} AND ${gemeenteFilter(q, sql`c.gemeente_code`)}
    GROUP BY 1, 2`);
  const pop = await lens.query<{ gemeente_code: string; k: string; n: number }>(sql`
    SELECT gemeente_code, wijk_code AS k, count AS n FROM population_band
    WHERE wijk_code <> '' AND band = ${YOUTH_BAND} AND year = ${q.period.year} AND ${gemeenteFilter(q)}`);
  const cents = new Map(cost.map((c) => [`${c.gemeente_code}|${c.k}`, c.cents]));
  const youths = new Map(cost.map((c) => [`${c.gemeente_code}|${c.k}`, c.youths]));
  const heads = new Map(pop.map((p) => [`${p.gemeente_code}|${p.k}`, p.n]));
  const keys = [...new Set([...cents.keys(), ...heads.keys()])].sort();
  const figures = keys.map((gk): Figure => {
    const [g, k] = gk.split('|') as [string, string];
    const c = cents.get(gk) ?? 0;
    const n = heads.get(gk) ?? null;
    return {
      gemeente: g,
      key: k,
      value: n === null ? null : perUnit(c, n),
      numerator: centsToEuro(c),
      denominator: n,
      youths: youths.get(gk) ?? 0,
      flags: n === null ? ['geen_noemer'] : [],
    };
  });
  return withWijkNames(lens, 'wijk', figures);
}

export const costPerYouth = defineIndicator({
  definition: {
    id: 'cost_per_youth',
    // not the cost per youth reached (cost_per_youth_by_form): claims over every resident of 0–17 (red team 31 read
    // both as "kosten per jeugdige")
    nameNl: 'kosten declaraties per jeugdige van 0–17 jaar',
    nameEn: 'cost of claims per resident aged 0–17',
    definitionNl:
      'Kosten in de periode ÷ jeugdigen van 0–17 jaar op 1 januari van het jaar. Naar wijk: de kosten van de jeugdigen uit die wijk (via traject en jeugdige; onbekend als die niet bekend is) ÷ de jeugdigen van 0–17 in die wijk.',
    definitionEn:
      'Cost in the period ÷ population aged 0–17 on 1 January. By wijk: the cost of the youths of that wijk ÷ its population aged 0–17.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'bevolking'],
    costBasis: {
      nl: 'declaraties, prestatieperiode in de gekozen periode',
      en: 'claims, service period in the chosen period',
    },
    cbsNote: null,
  },
  dimensions: { wijk: null },
  amounts: { months: 'period' },
  figures: ({ lens, q, by }) => (by === 'wijk' ? perYouthByWijk(lens, q) : perHead(lens, q, 'youth')),
});

export const costPerInhabitant = defineIndicator({
  definition: {
    id: 'cost_per_inhabitant',
    nameNl: 'kosten per inwoner',
    nameEn: 'cost per inhabitant',
    definitionNl: 'Kosten in de periode ÷ inwoners op 1 januari van het jaar.',
    definitionEn: 'Cost in the period ÷ inhabitants on 1 January.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'bevolking'],
    costBasis: {
      nl: 'declaraties, prestatieperiode in de gekozen periode',
      en: 'claims, service period in the chosen period',
    },
    cbsNote: 'Vergelijk met lasten per inwoner (Iv3 6.72 + 6.82), die ook kosten buiten declaraties bevatten.',
  },
  amounts: { months: 'period' },
  figures: ({ lens, q }) => perHead(lens, q, 'all'),
});

export const effectivePrice = defineIndicator<{
  gemeente_code: string;
  k: string;
  cents: number;
  volume: number;
  youths: number;
}>({
  definition: {
    id: 'effective_price',
    nameNl: 'effectieve prijs',
    nameEn: 'effective price',
    definitionNl:
      'Per productcode en eenheid: som van de bedragen ÷ som van het geleverde volume van de niet-afgewezen declaratieregels met een volume (ook 0) in de periode (een creditregel of een regel met een negatief bedrag telt bedrag én volume negatief); nooit het gemiddelde van tarieven.',
    definitionEn:
      'Per product code and unit: sum(amount) ÷ sum(volume) of the accepted claim lines with a volume (0 too) in the period (a credit line or a line with a negative amount subtracts amount and volume); never the mean of tariffs.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties'],
    costBasis: {
      nl: 'declaraties, prestatieperiode in de gekozen periode',
      en: 'claims, service period in the chosen period',
    },
    cbsNote: null,
    perVolume: true,
  },
  dimensions: { productcode: null },
  query: ({ q }) => {
    const b = bounds(q.period);
    // the sums lens/money.ts spells once (PRICED_LINE, PRICE_VOLUME): the provider report's tariffs divide the same
    return sql`
      SELECT gemeente_code, coalesce(product_code, product_category) || ' / ' || coalesce(unit, '?') AS k,
             sum(${COST})::BIGINT AS cents, sum(${PRICE_VOLUME}) AS volume,
             count(DISTINCT claim_youth)::INTEGER AS youths
      FROM claim_line WHERE period_start BETWEEN ${b.start} AND ${b.end} AND ${PRICED_LINE} AND ${gemeenteFilter(q)}
      GROUP BY 1, 2 ORDER BY 1, 2`;
  },
  toRows: (rows) =>
    rows.map((r) => ({
      gemeente: r.gemeente_code,
      value: perUnit(r.cents, r.volume),
      numerator: centsToEuro(r.cents),
      denominator: r.volume,
      // the youths behind the price decide whether it is published (fewer than 10: hidden); the volume is hours or
      // days, not persons (red team 32)
      youths: r.youths,
      by: 'productcode',
      key: r.k,
    })),
});
