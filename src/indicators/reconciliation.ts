/**
 * The reconciliation of Iv3 lasten with claims and payments (issue 14 point 10, issue 19): its own module beside
 * money.ts, whose cost figures it sets against the gemeente's own accounts.
 */
import { dateValue, sql } from '../lens/sql.js';
import type { Flag } from './types.js';
import { defineIndicator, type Figure } from './kernel.js';
import { centsToEuro } from '../domain/decimal.js';
import { gemeenteFilter } from './sql.js';
import { COST, smallClientPaymentMonths } from '../lens/money.js';

/**
 * Geld: why the Iv3 lasten and the claims differ. Both for the calendar year of the period: the Iv3 lasten
 * of the youth lines (jaarrekening, else begroting, flagged) against the claims whose service period lies in
 * that year. Iv3 holds what claims do not: pgb, lump sums and subsidies (wijkteams, basishulp, JB/JR by
 * the gecertificeerde instellingen), the gemeente's own execution costs, and it books by year of payment.
 */
export const costReconciliation = defineIndicator({
  definition: {
    id: 'cost_reconciliation',
    nameNl: 'aansluiting Iv3-lasten en declaraties',
    nameEn: 'reconciliation of Iv3 burden and claims',
    definitionNl:
      'Voor het kalenderjaar van de periode: Iv3-lasten jeugd (taakvelden 6.72 + 6.82, vanaf 2023 hun splitsing; jaarrekening, anders begroting) min de kosten uit declaraties met een prestatieperiode in dat jaar en min de betalingen buiten iJw (betalingen.csv: lumpsum, tranches, pgb, subsidies) met een betaalperiode in dat jaar. Het verschil is wat Iv3 wel bevat en Zicht niet kent: niet ingelezen pgb, lumpsums en subsidies (wijkteams, basishulp, gecertificeerde instellingen), eigen uitvoeringskosten (toegang, overhead), en verschillen in boekjaar. Met --by post: iv3_lasten, declaraties, betalingen, verschil.',
    definitionEn:
      'For the calendar year of the period: Iv3 youth-care burden (taakvelden 6.72 + 6.82; accounts, else budget) minus the cost from claims with a service period in that year and minus the payments outside iJw (lump sums, tranches, pgb, subsidies) with a payment period in that year. The difference is what Iv3 holds and Zicht does not know: pgb, lump sums and subsidies not loaded, own execution costs and overhead, and timing differences. With --by post: iv3_lasten, declaraties, betalingen, verschil.',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['Iv3 (CBS dataderden of CSV)', 'declaraties'],
    costBasis: {
      nl: 'Iv3-lasten min declaraties en betalingen buiten iJw, kalenderjaar van de periode',
      en: 'Iv3 burden minus claims and payments outside iJw, calendar year of the period',
    },
    cbsNote:
      'Iv3 is de boekhouding van de gemeente (CBS/dataderden); de declaraties zijn de eigen iJw- of CSV-gegevens.',
  },
  dimensions: { post: null },
  periodFlags: 'year',
  // the claims of the year and the difference with Iv3 give the year's cost; the Iv3 figure itself is published by CBS
  amounts: {
    months: 'year',
    split: (r) => (r.key === 'iv3_lasten' || r.key === 'betalingen' ? null : ''),
    fromClaimsOnly: false,
  },
  async figures({ lens, q, by }) {
    const year = q.period.year;
    const iv3 = await lens.query<{ gemeente_code: string; kind: string; cents: number }>(sql`
      SELECT gemeente_code, kind, sum(amount_cents)::BIGINT AS cents FROM iv3_amount
      WHERE youth_line IS NOT NULL AND category LIKE 'L%' AND year = ${Number(year)} AND ${gemeenteFilter(q)} GROUP BY ALL`);
    const claims = await lens.query<{ gemeente_code: string; cents: number }>(sql`
      SELECT gemeente_code, sum(${COST})::BIGINT AS cents FROM claim_line
      WHERE period_start BETWEEN ${dateValue(`${year}-01-01`)} AND ${dateValue(`${year}-12-31`)} AND ${gemeenteFilter(q)} GROUP BY ALL`);
    // what the gemeente paid outside iJw (lump sums, tranches, pgb, subsidies): in Iv3 too, so not part of the gap
    const from = dateValue(`${year}-01-01`);
    const to = dateValue(`${year}-12-31`);
    const payments = await lens.query<{ gemeente_code: string; cents: number; youths: number; small: boolean }>(sql`
      SELECT p.gemeente_code, sum(p.amount_cents)::BIGINT AS cents, count(DISTINCT p.youth_pseudonym)::INTEGER AS youths,
        bool_or(s.gemeente_code IS NOT NULL) AS small
      FROM payment p LEFT JOIN ${smallClientPaymentMonths(from, to, sql`NULL`, gemeenteFilter(q))} s
        ON s.gemeente_code = p.gemeente_code
      WHERE p.period_start BETWEEN ${from} AND ${to} AND ${gemeenteFilter(q, sql`p.gemeente_code`)} GROUP BY ALL`);
    // asked for all: a row wherever there is something to count, a claim line or Iv3 lasten of a gemeente to steer
    // (the Iv3 of the rest of the country is there for the benchmark, not for a row here)
    const steered =
      q.gemeenten.length > 0
        ? new Set<string>()
        : new Set((await lens.query<{ code: string }>('SELECT code FROM gemeente')).map((r) => r.code));
    const withLasten = iv3.filter((r) => r.cents !== null && steered.has(r.gemeente_code)).map((r) => r.gemeente_code);
    const codes = [
      ...new Set([
        ...claims.map((c) => c.gemeente_code),
        ...payments.map((c) => c.gemeente_code),
        ...withLasten,
        ...q.gemeenten,
      ]),
    ].sort();
    return codes.flatMap((g): Figure[] => {
      const own = iv3.filter((r) => r.gemeente_code === g);
      const chosen = own.find((r) => r.kind === 'jaarrekening') ?? own.find((r) => r.kind === 'begroting') ?? null;
      const claimedCents = claims.find((c) => c.gemeente_code === g)?.cents ?? 0;
      const paid = payments.find((c) => c.gemeente_code === g);
      const paidCents = paid?.cents ?? 0;
      const lasten = chosen === null ? null : centsToEuro(chosen.cents);
      const claimed = centsToEuro(claimedCents);
      // a payment that names its client (pgb, a tranche) has a youth behind it: the payments, and the difference
      // they are part of, count those youths for disclosure control; lump sums and subsidies name no one
      // a month with 1–9 of them hides the payments and the difference for the year (the months of cost_all_forms would
      // give them back)
      const youths = {
        ...(paid && paid.youths > 0 ? { youths: paid.youths } : {}),
        ...(paid?.small ? { hiddenWhenPublished: true } : {}),
      };
      const flags: Flag[] = [
        ...(chosen?.kind === 'begroting' ? ['lasten_uit_begroting' as const] : []),
        ...(chosen === null ? ['geen_noemer' as const] : []),
      ];
      // subtract in whole cents, then to euros: no 5195018.859999999
      const diff = chosen === null ? null : centsToEuro(chosen.cents - claimedCents - paidCents);
      const spent = centsToEuro(claimedCents + paidCents);
      const figure = { gemeente: g, flags };
      if (by === 'post') {
        return [
          { ...figure, value: lasten, numerator: lasten, key: 'iv3_lasten' },
          { ...figure, value: claimed, numerator: claimed, key: 'declaraties' },
          { ...figure, value: centsToEuro(paidCents), numerator: centsToEuro(paidCents), key: 'betalingen', ...youths },
          { ...figure, value: diff, numerator: lasten, denominator: spent, key: 'verschil', ...youths },
        ];
      }
      return [{ ...figure, value: diff, numerator: lasten, denominator: spent, ...youths }];
    });
  },
});
