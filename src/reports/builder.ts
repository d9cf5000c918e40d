/**
 * The building blocks every report kind uses (kinds/): the Builder that reads indicator rows and publishes them
 * (exact internally, under disclosure control externally), headline, bridge, region, split and trend tables, and
 * the cell helpers.
 */
import { FLAG_NL, formatDateNl, type Cell } from './format.js';
import { applyDisclosureControl, protectNumber, publishedFraction } from '../app/disclosure.js';
import { ratioHalfUp, roundHalfUp } from '../domain/decimal.js';
import { combineRows, isSummed } from '../indicators/region.js';
import { CARE_FORM_LABELS, type CareForm } from '../domain/careForms.js';
import {
  formatPeriod,
  monthsBetween,
  periodEnd,
  periodLabelNl,
  periodStart,
  shiftPeriod,
  type Period,
} from '../domain/periods.js';
import { monthsWithClaimsPending } from '../domain/claimLag.js';
import { findIndicator } from '../indicators/catalogue.js';
import { isHeadlineRow } from '../indicators/sql.js';
import type { IndicatorDefinition, IndicatorRow, Unit } from '../indicators/types.js';
import { ReportError, type Chart, type ReportData, type Section, type Table } from './types.js';

/** (b − a) ÷ |a| × 100 to one decimal, exact decimal half up (the difference first loses its float residue). */
export const changePct = (a: number, b: number): number | null =>
  ratioHalfUp(roundHalfUp(b - a, 6), Math.abs(a), 100, 1);

/**
 * A data-quality share in words. Externally from the published counts and suppressed with a count or
 * complement below 10: "100% in orde" would say that none failed (red team F1, minor).
 */
export function qualityText(
  q: { share: number | null; numerator: number; denominator: number },
  extern: boolean,
): string {
  if (q.share === null) return 'n.v.t.';
  if (!extern)
    return `${Math.round(q.share * 100)}% in orde (${q.numerator.toLocaleString('nl-NL')} van ${q.denominator.toLocaleString('nl-NL')})`;
  const p = publishedFraction(q.numerator, q.denominator);
  return p === null
    ? 'aandeel in orde niet gepubliceerd (minder dan 10 in of buiten orde)'
    : `${Math.round(p * 100)}% in orde`;
}

/** A table cell: "<10" when disclosure control suppressed it. */
export const show = (r: IndicatorRow | undefined): Cell =>
  r?.flags.includes('onderdrukt') ? '<10' : (r?.value ?? null);
/** A chart point: a suppressed cell is drawn as missing, never as a number. */
export const chartValue = (r: IndicatorRow | undefined): number | null =>
  r?.flags.includes('onderdrukt') ? null : (r?.value ?? null);

/**
 * A provider's row of a split by aanbieder (combined over the regio), published as the whole split is: with every
 * provider's row beside it, so a cell the split hides as the complement of a small one is hidden here too (red team
 * 32: the report showed a provider's response rate that the split by aanbieder hid, which left a small provider's as
 * the only unknown). Internally exact, as every cell.
 */
/**
 * A provider's figures beside the regio's, one measure a row with its unit: the table the provider report's KPIs,
 * kwaliteitsmonitor and own picture share (`ids`: the indicator of each row, for the workbook's code column).
 */
export function besideRegio(
  caption: string,
  first: string,
  pname: string,
  rows: Cell[][],
  ids: readonly string[],
): Table {
  return {
    caption,
    columns: [
      { label: first, unit: 'tekst' },
      { label: pname, unit: 'score' },
      { label: 'regio', unit: 'score' },
      { label: 'eenheid', unit: 'tekst' },
    ],
    rows,
    codes: { label: 'indicator_code', values: ids },
  };
}

export function ownRow(b: Builder, split: IndicatorRow[], own: (key: string) => boolean): IndicatorRow | undefined {
  return b.publish(split).find((r) => r.key !== null && own(r.key));
}
export const ownCell = (b: Builder, split: IndicatorRow[], own: (key: string) => boolean): Cell => {
  const r = ownRow(b, split, own);
  return r === undefined ? null : show(r);
};

export class Builder {
  readonly used = new Set<string>();
  /** set when a figure of a gemeente outside the caller's scope (or of the regio as a whole) was published */
  beyondScopeShown = false;
  /**
   * `scope`: the gemeenten the caller may see exactly (null: every one). In the internal version a figure of a
   * gemeente outside it, or of a regio that holds one, is published as in the external version (red team 2: the
   * council report's comparison with the other gemeenten of the regio and the monthly report's regio column gave a
   * gemeente's controller the other gemeenten's exact figures, three decimals of a share pinning counts of 7 and 9).
   */
  constructor(
    private readonly data: ReportData,
    private readonly extern: boolean,
    private readonly scope: readonly string[] | null = null,
  ) {}

  /** Is this gemeente's (or regio's) figure beyond the caller's scope? */
  private beyond(gemeente: string, members?: readonly string[]): boolean {
    if (this.scope === null) return false;
    const inScope = (g: string) => this.scope!.includes(g);
    return members ? !members.every(inScope) : !inScope(gemeente);
  }

  /** The rows as published: exact internally; externally protected after any combining (issue 14.2). */
  async rows(id: string, periods: Period[], gemeenten: string[], by?: string): Promise<IndicatorRow[]> {
    return this.publish(await this.exact(id, periods, gemeenten, by));
  }

  /** Exact rows: every sum or pooled share is made from these, never from protected ones. */
  async exact(id: string, periods: Period[], gemeenten: string[], by?: string): Promise<IndicatorRow[]> {
    this.used.add(id);
    return this.data.compute(id, periods, gemeenten, by);
  }

  /**
   * Externally every row protected; internally the rows of gemeenten outside the caller's scope (and a regio's
   * rows, `members` naming the gemeenten summed in them) protected, the rest exact.
   */
  publish(rows: IndicatorRow[], members?: readonly string[]): IndicatorRow[] {
    if (this.extern) return applyDisclosureControl(rows);
    const out = rows.filter((r) => this.beyond(r.gemeente, members));
    if (out.length === 0) return rows;
    this.beyondScopeShown = true;
    const published = applyDisclosureControl(out);
    let i = 0;
    return rows.map((r) => (this.beyond(r.gemeente, members) ? published[i++]! : r));
  }

  /** A single figure the report computed itself (a goal's value), published by its unit. */
  figure(v: number | null, unit: Unit): Cell {
    if (v === null || !this.extern) return v;
    return protectNumber(v, unit) ?? '<10';
  }

  /**
   * A cell for an indicator's row in a period. A count or amount leaves its zero rows out (indicators/flow.ts), so
   * a missing row of one in a period the data reach is a computed 0 (published like every figure); beyond the data, or
   * for a share, average or median without a row, the figure is missing (null, printed "–").
   */
  async cell(id: string, r: IndicatorRow | undefined, period: Period): Promise<Cell> {
    if (r !== undefined || !isSummed(id)) return show(r);
    // no claims yet for the period in a report as of its end: unknown, not € 0 (domain/claimLag.ts)
    if (this.claimsPending(id, period)) return null;
    // before the first claim line in the data an amount is not known either: the data do not reach back (red team 8:
    // February 2020 "kosten € 0" while the demo's claims start in July 2020)
    if (this.def(id).sources.includes('declaraties') && this.data.claimsStart) {
      this.claimsFrom ??= this.data.claimsStart();
      const from = await this.claimsFrom;
      if (from === null || periodEnd(period) < from) return null;
    }
    this.end ??= this.data.dataEnd();
    return periodStart(period) <= (await this.end) ? this.figure(0, this.def(id).unit) : null;
  }
  private end: Promise<string> | undefined;
  private claimsFrom: Promise<string | null> | undefined;

  /** Is the figure one from claims, none of whose months has its claims yet in these data (a view as of a day)? */
  claimsPending(id: string, period: Period): boolean {
    if (!this.def(id).sources.includes('declaraties')) return false;
    const pending = monthsWithClaimsPending(periodStart(period), periodEnd(period), this.data.viewDate ?? null);
    return pending.length > 0 && pending.length === monthsBetween(periodStart(period), periodEnd(period)).length;
  }

  def(id: string): IndicatorDefinition {
    const d = findIndicator(id)?.definition;
    if (!d) throw new ReportError(`unknown indicator ${id}`);
    return d;
  }

  /** One row per indicator: previous period, this period, change. */
  async headline(
    ids: string[],
    period: Period,
    gemeente: string,
    caption: string,
  ): Promise<{ table: Table; any: boolean }> {
    const prev = shiftPeriod(period, -1);
    let any = false;
    const rows: Cell[][] = [];
    const notes: string[] = [];
    for (const id of ids) {
      const d = this.def(id);
      const all = await this.rows(id, [prev, period], [gemeente]);
      const pick = (p: Period) => all.find((r) => r.period === formatPeriod(p) && isHeadlineRow(r));
      const a = pick(prev);
      const b = pick(period);
      if (b?.value !== null && b?.value !== undefined) any = true;
      // externally from the published values: a change computed from the exact ones beside two rounded
      // counts is a ratio of the hidden pair and can give it back
      const [ca, cb] = [await this.cell(id, a, prev), await this.cell(id, b, period)];
      // no change when this period's claims are not all in yet and the previous period's are: the fall would be the
      // claims not sent yet (red team 7: Q4 −33,7% while the dashboard later shows −0,6%)
      const pending = (r: IndicatorRow | undefined) => r?.flags.includes('declaraties_onvolledig') ?? false;
      const change =
        typeof ca === 'number' && ca !== 0 && typeof cb === 'number' && (!pending(b) || pending(a))
          ? changePct(ca, cb)
          : null;
      rows.push([d.nameNl, ca, cb, change, d.unit]);
      for (const [r, p] of [
        [a, prev],
        [b, period],
      ] as const) {
        const flags = r?.flags ?? (this.claimsPending(id, p) ? ['declaraties_onvolledig'] : []);
        const words = flags.map((f) => FLAG_NL[f]).filter((w): w is string => w !== undefined);
        if (words.length > 0) notes.push(`${d.nameNl} (${periodLabelNl(p)}): ${words.join(', ')}`);
      }
    }
    return {
      any,
      table: {
        caption,
        columns: [
          { label: 'indicator', unit: 'tekst' },
          { label: periodLabelNl(prev), unit: 'aantal' },
          { label: periodLabelNl(period), unit: 'aantal' },
          { label: 'verandering %', unit: 'procent' },
          { label: 'eenheid', unit: 'tekst' },
        ],
        rows,
        codes: { label: 'indicator_code', values: ids },
        // the flags of the figures, as the dashboard shows them beside each figure
        ...(notes.length > 0 ? { note: `Let op: ${notes.join('; ')}.` } : {}),
      },
    };
  }

  /** The stock bridge (indicators/flow.ts): start + new inflow + re-entry − outflow = end, exactly. */
  async bridge(period: Period, gemeente: string): Promise<Table> {
    const rows = await this.rows('stock_bridge', [period], [gemeente], 'post');
    const pick = (k: string) => rows.find((r) => r.key === k);
    const lines: Array<[string, string]> = [
      ['begin', `stand op ${formatDateNl(`${periodEnd(shiftPeriod(period, -1))}T12:00:00Z`)}`],
      // "bij" and "af" as in a ledger: a label starting with "+" got the formula guard's apostrophe in Excel (red team 8)
      ['instroom', 'bij: instroom (nieuwe cliënten)'],
      ['herinstroom', 'bij: herinstroom (terug na een onderbreking)'],
      ['uitstroom', 'af: uitstroom'],
      ['eind', `stand op ${formatDateNl(`${periodEnd(period)}T12:00:00Z`)}`],
    ];
    return {
      caption: `Stand en stroom, ${periodLabelNl(period)}: stand begin + instroom + herinstroom − uitstroom = stand eind`,
      columns: [
        { label: 'post', unit: 'tekst' },
        { label: 'jeugdigen', unit: 'aantal' },
      ],
      rows: await Promise.all(
        lines.map(async ([k, label]): Promise<Cell[]> => [label, await this.cell('stock_bridge', pick(k), period)]),
      ),
      codes: { label: 'post_code', values: lines.map(([k]) => k) },
    };
  }

  /**
   * The gemeente against the pooled figure of its region (indicators/region.ts); combined from
   * unprotected rows, protected afterwards like every other cell.
   */
  async againstRegion(ids: string[], period: Period, gemeente: string, region: string[]): Promise<Table> {
    const rows: Cell[][] = [];
    for (const id of ids) {
      const d = this.def(id);
      const own = (await this.rows(id, [period], [gemeente])).find((r) => r.key === null);
      const raw = (await this.data.compute(id, [period], region)).filter((r) => r.key === null);
      const combined = combineRows(id, raw, 'regio');
      const pooled = this.publish(combined, region)[0];
      const diff =
        typeof own?.value === 'number' &&
        typeof pooled?.value === 'number' &&
        pooled.value !== 0 &&
        !own.flags.includes('onderdrukt')
          ? changePct(pooled.value, own.value)
          : null;
      rows.push([d.nameNl, show(own), show(pooled), diff, d.unit]);
    }
    return {
      caption: `Gemeente en regio, ${periodLabelNl(period)}`,
      columns: [
        { label: 'indicator', unit: 'tekst' },
        { label: 'gemeente', unit: 'aantal' },
        { label: 'regio', unit: 'aantal' },
        { label: 'afwijking %', unit: 'procent' },
        { label: 'eenheid', unit: 'tekst' },
      ],
      rows,
      codes: { label: 'indicator_code', values: ids },
    };
  }

  /** A split as a table and a bar chart. */
  async split(
    id: string,
    by: string,
    period: Period,
    gemeenten: string[],
    caption: string,
    names: Record<string, string>,
  ): Promise<{ table: Table; chart: Chart }> {
    const d = this.def(id);
    const rows = await this.rows(id, [period], gemeenten, by);
    // a care form reads in words (the web's labels, domain/careForms.ts); other keys keep the label the row carries
    const label = (r: IndicatorRow) =>
      (r as IndicatorRow & { label?: string }).label ??
      (by === 'zorgvorm' && r.key && r.key in CARE_FORM_LABELS ? CARE_FORM_LABELS[r.key as CareForm].nl : null) ??
      (r.key ? KEY_LABELS[by]?.[r.key] : null) ??
      r.key ??
      '';
    const keys = [...new Set(rows.map(label))];
    // a split whose rows differ in unit (a wait's median in days beside its share within the norm in %) gets the
    // unit per row, as the headline tables do, so no row is printed in another row's unit
    const unitOf = (k: string) => rows.find((r) => label(r) === k)?.unit ?? d.unit;
    const mixed = keys.some((k) => unitOf(k) !== d.unit);
    return {
      table: {
        caption,
        columns: [
          { label: by, unit: 'tekst' },
          ...gemeenten.map((g) => ({ label: names[g] ?? g, unit: d.unit })),
          ...(mixed ? [{ label: 'eenheid', unit: 'tekst' as const }] : []),
        ],
        rows: keys.map((k) => [
          k,
          ...gemeenten.map((g) => show(rows.find((r) => r.gemeente === g && label(r) === k))),
          ...(mixed ? [unitOf(k)] : []),
        ]),
        codes: { label: `${by}_code`, values: keys.map((k) => rows.find((r) => label(r) === k)?.key ?? null) },
      },
      chart: {
        title: `${d.nameNl} naar ${by}`,
        kind: 'bar',
        unit: d.unit,
        categories: keys,
        series: gemeenten.map((g) => ({
          name: names[g] ?? g,
          values: keys.map((k) => chartValue(rows.find((x) => x.gemeente === g && label(x) === k))),
        })),
      },
    };
  }

  async trend(id: string, periods: Period[], gemeenten: string[], names: Record<string, string>): Promise<Chart> {
    const d = this.def(id);
    const rows = await this.rows(id, periods, gemeenten);
    return {
      title: `${d.nameNl}: verloop`,
      kind: 'line',
      unit: d.unit,
      categories: periods.map(formatPeriod),
      series: gemeenten.map((g) => ({
        name: names[g] ?? g,
        values: periods.map((p) =>
          chartValue(rows.find((x) => x.gemeente === g && x.period === formatPeriod(p) && x.key === null)),
        ),
      })),
    };
  }
}

/** Keys of a split in words, as the dashboard shows them (web/labels.ts): a distribution's statistics, the voorkant's groups. */
const KEY_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  statistiek: {
    mediaan: 'mediaan',
    p75: '75e percentiel',
    p90: '90e percentiel',
    gemiddelde: 'gemiddelde',
    binnen_norm: 'binnen de norm',
  },
  groep: {
    geen_hulp: 'geen hulp',
    alleen_basishulp: 'alleen basishulp',
    alleen_jeugdhulp: 'alleen jeugdhulp',
    basishulp_en_jeugdhulp: 'basishulp én jeugdhulp',
  },
};

export const section = (heading: string, parts: Partial<Omit<Section, 'heading'>> = {}): Section => ({
  heading,
  paragraphs: parts.paragraphs ?? [],
  tables: parts.tables ?? [],
  charts: parts.charts ?? [],
  stories: parts.stories ?? [],
});
