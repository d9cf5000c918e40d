/**
 * The per-programme budget table of the council and monthly reports (issue 19; docs/indicators.md
 * "budget_by_programme"): per programme of the gemeente the budget, the reserve mutation (onttrekking positive,
 * toevoeging negative), the budget with it, the realisation, the % of the budget and what is left. The figures are
 * budget_by_programme's, published as the report publishes every figure (Builder.publish): a gemeente whose spending
 * of the year holds a small group has the whole table hidden, as its budget burn is.
 */
import type { Period } from '../../domain/periods.js';
import type { IndicatorRow } from '../../indicators/types.js';
import type { Cell } from '../format.js';
import type { Builder } from '../builder.js';
import type { Table } from '../types.js';

/** The paragraph that goes with the table: where the realisation comes from, in words. */
export const BUDGET_PROGRAMME_NOTE =
  'Begroting en realisatie per programma komen uit het begrotingsbestand van de gemeente (budget.csv): de realisatie is wat de eigen administratie op het programma boekte, niet de som van declaraties en betalingen. Een onttrekking aan een reserve staat positief, een toevoeging negatief; "over" is de begroting met de reserve min de realisatie.';

export async function budgetProgrammeTable(b: Builder, period: Period, g: string): Promise<Table | null> {
  const rows = b.publish(await b.exact('budget_by_programme', [period], [g], 'programma'));
  if (rows.length === 0) return null;
  const hidden = (r: IndicatorRow) => r.flags.includes('onderdrukt');
  const amount = (r: IndicatorRow, v: number | null | undefined): Cell => (hidden(r) ? 'onderdrukt' : (v ?? null));
  return {
    caption: `Begroting en realisatie per programma, ${period.year}, met onttrekkingen (+) en toevoegingen (−) aan reserves`,
    columns: [
      { label: 'programma', unit: 'tekst' },
      { label: 'begroting', unit: 'euro' },
      { label: 'reserve (+ onttrekking, − toevoeging)', unit: 'euro' },
      { label: 'begroting met reserve', unit: 'euro' },
      { label: 'gerealiseerd', unit: 'euro' },
      { label: '% van de begroting', unit: 'procent' },
      { label: 'over (met reserve)', unit: 'euro' },
    ],
    rows: rows.map((r) => [
      r.label ?? r.key ?? '',
      amount(r, r.budget),
      amount(r, r.reserve),
      amount(r, r.budgetWithReserve),
      amount(r, r.realised),
      amount(r, r.value),
      amount(r, r.remaining),
    ]),
  };
}
