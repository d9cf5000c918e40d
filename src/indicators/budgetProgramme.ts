/**
 * budget_by_programme (issue 19): the gemeente's budget against its realisation per programme or taakveld/post, with
 * the reserve mutations planned for the year (docs/indicators.md, "budget_by_programme").
 *
 * Realised is the file's `gerealiseerd_euro`, not claims and payments: a claim line names a product and a provider,
 * never a budget line or programme, and budget_burn does not map spending to lines either (it divides all spending by
 * the whole youth budget). Which product belongs to which programme is the gemeente's own bookkeeping, so the basis
 * here is what its administration booked on the line, and the definition says so. The lines are those budget_burn
 * budgets with: the youth taakvelden when the gemeente's year has one, else all its lines — so the total budget here
 * is budget_burn's denominator.
 *
 * Per group (the gemeente, one post, one programme), in whole cents:
 *   budget = Σ begroot; reserve = Σ reserve (draw-down positive, addition negative); budget with reserve = budget +
 *   reserve; realised = Σ gerealiseerd (null when no line of the group has one); % = realised ÷ budget × 100 (three
 *   decimals, half up; none without a budget); remaining = budget with reserve − realised.
 */
import { centsToEuro, ratioHalfUp } from '../domain/decimal.js';
import { parsePeriod, periodEnd } from '../domain/periods.js';
import { budgetLineLabel } from '../domain/taakvelden.js';
import { dateValue, sql } from '../lens/sql.js';
import { smallClientPaymentMonths, YOUTH_LINE } from '../lens/money.js';
import { hiddenAmountCells, hiddenInAMonth, monthsOf } from './amountCells.js';
import { defineIndicator, type Figure } from './kernel.js';
import { gemeenteFilter } from './sql.js';

interface Line {
  gemeente_code: string;
  budget_line: string;
  programme: string | null;
  budget_cents: number | null;
  realised_cents: number | null;
  reserve_cents: number | null;
  small_clients: boolean;
}

/** The key of lines without a programme, shown as "zonder programma". */
export const NO_PROGRAMME = '';

function figure(gemeente: string, key: string | null, label: string | undefined, lines: readonly Line[]): Figure {
  const sum = (f: (l: Line) => number | null) => lines.reduce((s, l) => s + (f(l) ?? 0), 0);
  const budget = sum((l) => l.budget_cents);
  const reserve = sum((l) => l.reserve_cents);
  const known = lines.some((l) => l.realised_cents !== null);
  const realised = known ? sum((l) => l.realised_cents) : null;
  const withReserve = budget + reserve;
  return {
    gemeente,
    key,
    ...(label !== undefined ? { label } : {}),
    value: realised !== null && budget > 0 ? ratioHalfUp(realised, budget, 100, 3) : null,
    numerator: realised === null ? null : centsToEuro(realised),
    denominator: budget > 0 ? centsToEuro(budget) : null,
    flags: budget > 0 ? [] : ['geen_noemer'],
    budget: centsToEuro(budget),
    reserve: centsToEuro(reserve),
    budgetWithReserve: centsToEuro(withReserve),
    realised: realised === null ? null : centsToEuro(realised),
    remaining: realised === null ? null : centsToEuro(withReserve - realised),
  };
}

function groups(lines: readonly Line[], keyOf: (l: Line) => string): Map<string, Line[]> {
  const out = new Map<string, Line[]>();
  for (const l of lines) out.set(keyOf(l), [...(out.get(keyOf(l)) ?? []), l]);
  return out;
}

export const budgetByProgramme = defineIndicator({
  definition: {
    id: 'budget_by_programme',
    nameNl: 'begroting en realisatie per programma',
    nameEn: 'budget against realisation per programme',
    definitionNl:
      'Per programma of taakveld/post van de begroting jeugd (budget.csv; de jeugdtaakvelden 6.72 en 6.82 en hun splitsing als de gemeente die begroot, anders alle regels, als bij budgetuitputting): de begroting, de geplande onttrekking aan een reserve (een toevoeging telt negatief), de begroting inclusief reserve, de realisatie, de realisatie als % van de begroting (zonder reserve) en wat er over is (begroting inclusief reserve − realisatie). De realisatie is het gerealiseerde bedrag dat de gemeente zelf in het begrotingsbestand opgeeft, niet de som van declaraties en betalingen: een declaratie noemt geen programma of taakveld. Een periode binnen het jaar geeft de cijfers van dat kalenderjaar zoals ze laatst zijn ingelezen.',
    definitionEn:
      'Per programme or taakveld/post of the youth budget (budget.csv; the youth taakvelden 6.72 and 6.82 and their split when the gemeente budgets them, else all lines, as in budget burn): the budget, the planned draw-down from a reserve (an addition counts negative), the budget including the reserve, the realisation, the realisation as % of the budget (without reserve) and what is left (budget including reserve − realisation). The realisation is the amount the gemeente itself gives in its budget file, not the sum of claims and payments: a claim names no programme or taakveld. A period within the year gives that calendar year\u2019s figures as last loaded.',
    unit: 'procent',
    direction: 'neutraal',
    sources: ['budget'],
    costBasis: {
      nl: 'gerealiseerd volgens de eigen begrotingsadministratie (budget.csv), kalenderjaar van de periode',
      en: 'realised according to the gemeente\u2019s own budget file (budget.csv), calendar year of the period',
    },
    cbsNote: null,
  },
  dimensions: { programma: null, post: null },
  periodFlags: 'year',
  async figures({ lens, q, by, period }) {
    // the figures are the whole year's booking whatever the period (a month gives the year), so the year decides
    // whether they are published: judged up to the period's end, January published the year's realisation while a
    // later month held one youth's tranche, which came back beside the published claims (red team 30)
    const year = parsePeriod(String(period.year));
    const from = dateValue(`${period.year}-01-01`);
    const end = dateValue(periodEnd(year));
    const lines = await lens.query<Line>(sql`
      WITH lines AS (
        SELECT gemeente_code, budget_line, programme, budget_cents, realised_cents, reserve_cents, ${YOUTH_LINE} AS youth
        FROM budget WHERE year = ${period.year} AND ${gemeenteFilter(q)}),
      chosen AS (
        SELECT * FROM lines l
        WHERE youth OR NOT EXISTS (SELECT 1 FROM lines y WHERE y.gemeente_code = l.gemeente_code AND y.youth)),
      small AS ${smallClientPaymentMonths(from, end, sql`NULL`, gemeenteFilter(q))}
      SELECT gemeente_code, budget_line, programme, budget_cents, realised_cents, reserve_cents,
        gemeente_code IN (SELECT gemeente_code FROM small) AS small_clients
      FROM chosen ORDER BY 1, 2`);
    // hidden when a month of the calendar year hides the gemeente's spending, or holds a payment naming 1–9 youths
    // (amountCells.ts); the realisation per line beside the published month totals would otherwise give such an
    // amount back
    const gemeenten = [...new Set(lines.map((l) => l.gemeente_code))];
    const months = monthsOf(year, true);
    const hidden = await hiddenAmountCells(lens, gemeenten, months);
    const out: Figure[] = [];
    for (const [g, own] of groups(lines, (l) => l.gemeente_code)) {
      const hide = own.some((l) => l.small_clients) || hiddenInAMonth(hidden, [g], months, '', null);
      const mark = (f: Figure): Figure => (hide ? { ...f, hiddenWhenPublished: true } : f);
      if (by === null) out.push(mark(figure(g, null, undefined, own)));
      else if (by === 'post')
        for (const [k, ls] of groups(own, (l) => l.budget_line)) out.push(mark(figure(g, k, budgetLineLabel(k), ls)));
      else
        for (const [k, ls] of groups(own, (l) => l.programme ?? NO_PROGRAMME))
          out.push(mark(figure(g, k, k === NO_PROGRAMME ? 'zonder programma' : k, ls)));
    }
    return out;
  },
});
