/**
 * Effective cost per youth per financing form (issue 19, "money as it is really contracted"): what each form cost and
 * how many youths its money reached — a claim line's youth, a named payment's youth, the youths a lump-sum contract
 * served — and the part that reached no identifiable youth. Definition in docs/indicators.md ("Kosten per jeugdige naar
 * financieringsvorm").
 *
 * The amount per form is `cost_all_forms`'s own row (computed by that indicator, not a copy of its SQL), and it is
 * hidden when published exactly when `cost_all_forms` by financieringsvorm hides it: the rows of both stand side by
 * side on the page Geld, and one published where the other is hidden would give it back.
 */
import { formReach } from '../lens/contractMoney.js';
import { sql } from '../lens/sql.js';
import { centsToEuro, toCents } from '../domain/decimal.js';
import { MIN_CELL, complementaryCell } from '../domain/cellRules.js';
import { defineIndicator, type Figure } from './kernel.js';
import { bounds, gemeenteFilter } from './sql.js';
import { costAllForms, perUnit } from './money.js';
import type { IndicatorRow } from './types.js';

/** The measures per form, in the order shown, with their words. */
export const FORM_REACH_MEASURES = [
  ['bedrag', 'kosten'],
  ['jeugdigen', 'jeugdigen bereikt'],
  ['niet_toegerekend', 'niet toe te rekenen aan een jeugdige'],
  ['per_jeugdige', 'kosten per bereikte jeugdige'],
] as const;

/**
 * The forms (`gemeente|form`) whose amount `cost_all_forms` by financieringsvorm hides when published: an amount row
 * is too small when it is hidden in the linked month tables or holds a small group of named payments
 * (`hiddenWhenPublished`) or has fewer than 10 youths behind it — app/disclosure.ts `tooSmall` for such a row (its
 * cell count is its youths; a row of payments naming no one has none) — and then the split's complementary cell,
 * with the same rule (domain/cellRules.ts). Pinned against the disclosure step itself by
 * costPerYouthByForm.handworked.test.ts and the differential sweep.
 */
export function hiddenForms(rows: readonly IndicatorRow[]): Set<string> {
  const out = new Set<string>();
  for (const g of new Set(rows.map((r) => r.gemeente))) {
    const own = rows.filter((r) => r.gemeente === g);
    const small = own.map(
      (r) => r.hiddenWhenPublished === true || (r.youths !== undefined && r.youths !== null && r.youths < MIN_CELL),
    );
    const pick = complementaryCell(
      small,
      own.map((r) => r.youths ?? Infinity),
    );
    own.forEach((r, i) => {
      if (small[i] || i === pick) out.add(`${g}|${r.key ?? ''}`);
    });
  }
  return out;
}

interface Reach {
  gemeente_code: string;
  k: string;
  youths: number;
  unattributed_cents: number;
}

export const costPerYouthByForm = defineIndicator({
  definition: {
    id: 'cost_per_youth_by_form',
    nameNl: 'kosten per jeugdige naar financieringsvorm',
    nameEn: 'cost per youth by financing form',
    definitionNl:
      'Per financieringsvorm (declaraties, en voor betalingen buiten iJw de vorm van hun contract): de kosten zoals bij kosten alle financieringsvormen; de verschillende jeugdigen die het geld van die vorm in de periode bereikte — bij een declaratieregel de jeugdige van het traject, bij een betaling de cliënt of de jeugdige van het traject dat zij noemt, bij een betaling zonder naam op een contract met AGB-code(s) dat geen subsidie is (een lumpsum) de jeugdigen die het contract in de periode bediende (trajecten, niet ingetrokken, met een aanbieder van het contract voor een product dat het dekt, actief in de periode); het deel van de kosten dat geen aanwijsbare jeugdige bereikte (een consortium zonder AGB-code, een subsidie, een contract dat niemand bediende, een declaratieregel zonder bekend traject); en de kosten per jeugdige = (kosten − niet toe te rekenen) ÷ jeugdigen, op de cent; leeg zonder jeugdigen.',
    definitionEn:
      'Per financing form (claims, and for payments outside iJw the form of their contract): the cost as in cost, all financing forms; the distinct youths the form\u2019s money reached in the period — for a claim line the youth of its trajectory, for a payment the client or the trajectory\u2019s youth it names, for a payment naming no one on a contract with AGB code(s) that is not a subsidy (a lump sum) the youths the contract served in the period (trajectories, not withdrawn, with one of its providers for a covered product, active in the period); the part of the cost that reached no identifiable youth (a consortium without AGB code, a subsidy, a contract that served no one, a claim line without a known trajectory); and the cost per youth = (cost − unattributed) ÷ youths, to the cent; empty without youths.',
    // euro: its amounts need the money permission (app/access.ts indicatorAllowed); each row carries its own unit
    unit: 'euro',
    direction: 'neutraal',
    sources: ['declaraties', 'iJw JW323/JW325', 'betalingen', 'contracten', 'trajecten'],
    costBasis: {
      nl: 'declaraties én betalingen buiten iJw (lumpsum, tranches, pgb, subsidies), periode in de gekozen periode',
      en: 'claims and payments outside iJw (lump sums, tranches, pgb, subsidies), period in the chosen period',
    },
    cbsNote: null,
  },
  // one split, also the default: a form is what the figure is about
  dimensions: { financieringsvorm: null },
  figures: async ({ lens, q, hiddenAmounts }) => {
    const b = bounds(q.period);
    const forms = await costAllForms.compute(lens, { ...q, by: 'financieringsvorm' }, { hiddenAmounts });
    const reach = await lens.query<Reach>(
      sql`SELECT * FROM ${formReach(b.start, b.end, gemeenteFilter(q))} r ORDER BY 1, 2`,
    );
    const reached = new Map(reach.map((r) => [`${r.gemeente_code}|${r.k}`, r]));
    const hidden = hiddenForms(forms);
    return forms.flatMap((f): Figure[] => {
      const form = f.key ?? '';
      const id = `${f.gemeente}|${form}`;
      const r = reached.get(id);
      const youths = r?.youths ?? 0;
      const loose = Number(r?.unattributed_cents ?? 0);
      const cents = f.value === null ? null : toCents(f.value);
      const hide = hidden.has(id) ? { hiddenWhenPublished: true } : {};
      const row = (i: number, fig: Omit<Figure, 'gemeente' | 'by' | 'key' | 'label' | 'flags'>): Figure => ({
        gemeente: f.gemeente,
        by: 'financieringsvorm',
        key: `${FORM_REACH_MEASURES[i]![0]}|${form}`,
        label: `${FORM_REACH_MEASURES[i]![1]} — ${form}`,
        flags: f.flags,
        ...fig,
      });
      return [
        row(0, { value: f.value, numerator: f.value, unit: 'euro', ...hide }),
        row(1, { value: youths, numerator: youths, unit: 'aantal' }),
        row(2, {
          value: cents === null ? null : centsToEuro(loose),
          numerator: cents === null ? null : centsToEuro(loose),
          unit: 'euro',
          // claims that name no youth are still care for youths at a tariff: an amount of claims with fewer than 10
          // youths behind it is hidden (and this part of the claims is the wijk 'onbekend' cell of the linked month
          // tables, hidden there); payments naming no one are contract money and published unless the form is hidden
          ...(form === 'declaraties' ? { youths: 0 } : {}),
          ...hide,
        }),
        row(3, {
          value: cents === null ? null : perUnit(cents - loose, youths),
          numerator: cents === null ? null : centsToEuro(cents - loose),
          denominator: youths,
          unit: 'euro',
          // published from the rounded count (app/disclosure.ts), hidden below 10 youths and with the form's amount
          ...hide,
        }),
      ];
    });
  },
});
