/**
 * Reports as data: the monthly steering report (maand), the council report (raad) and the provider
 * quarterly report (aanbieder) are built here as a ReportModel — sections with tables of typed
 * values, charts and explanations — from the same indicators the dashboard shows. The PDF and
 * Excel writers only lay this model out, so both always hold the same figures.
 * With `extern`, disclosure control is applied to every figure, person-level sections are left
 * out and only explanations marked 'extern' are included.
 */
import type { BenchmarkResult } from '../benchmark/benchmark.js';
import { regionLabel, regionOf } from '../app/selection.js';
import { FLAG_NL, formatCell, formatDateNl, type Cell, type Column } from './format.js';
import { applyDisclosureControl, protectNumber, protectPayload, publishedFraction } from '../app/disclosure.js';
import { ratioHalfUp, roundHalfUp } from '../domain/decimal.js';

/** (b − a) ÷ |a| × 100 to one decimal, exact decimal half up (the difference first loses its float residue). */
const changePct = (a: number, b: number): number | null => ratioHalfUp(roundHalfUp(b - a, 6), Math.abs(a), 100, 1);
import { combineRows } from '../indicators/region.js';
import { formatPeriod, parsePeriod, periodEnd, periodLabelNl, shiftPeriod, type Period } from '../domain/periods.js';
import { findIndicator } from '../indicators/catalogue.js';
import { isHeadlineRow } from '../indicators/sql.js';
import type { IndicatorDefinition, IndicatorRow, Unit } from '../indicators/types.js';
import { UserError } from '../domain/errors.js';

export type ReportKind = 'maand' | 'raad' | 'aanbieder';

// the cell vocabulary lives with its formatting, so format.ts needs nothing from here (no import cycle)
export type { Cell, Column } from './format.js';
export interface Table {
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Cell[][];
  /** row indexes whose cell in a number column was suppressed by disclosure control */
  readonly note?: string;
}
export interface Chart {
  readonly title: string;
  readonly kind: 'bar' | 'line';
  readonly unit: Unit;
  readonly categories: readonly string[];
  readonly series: ReadonlyArray<{ name: string; values: ReadonlyArray<number | null> }>;
}
export interface Story {
  readonly indicator: string;
  readonly period: string;
  readonly author: string;
  readonly date: string;
  readonly body: string;
}
export interface Section {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly Table[];
  readonly charts: readonly Chart[];
  readonly stories: readonly Story[];
}
export interface ReportModel {
  readonly kind: ReportKind;
  readonly title: string;
  readonly subtitle: string;
  readonly demo: boolean;
  readonly extern: boolean;
  readonly generatedAt: string;
  readonly empty: boolean;
  /** the council report's three messages that matter, in words, for its cover page */
  readonly keyMessages?: readonly string[];
  readonly sections: readonly Section[];
  readonly definitions: readonly IndicatorDefinition[];
  readonly sources: readonly string[];
}

/** What the model needs from the outside: indicator values, explanations, goals, names. */
export interface ReportData {
  compute(id: string, periods: Period[], gemeenten: string[], by?: string): Promise<IndicatorRow[]>;
  stories(gemeente: string, periods: string[], externOnly: boolean): Promise<Story[]>;
  /** `published`: series and status from the published rows (external version; server/routes/goals.ts) */
  goals(
    gemeente: string,
    published?: boolean,
  ): Promise<
    Array<{
      title: string;
      status: string;
      current: number | null;
      target: number;
      deadline: string;
      indicator: string;
      explanation: string;
      projected: number | null;
      series: Array<{ period: string; value: number | null }>;
    }>
  >;
  gemeenteName(code: string): Promise<string>;
  regionGemeenten(code: string): Promise<string[]>;
  providerName(agb: string): Promise<string | null>;
  dataEnd(): Promise<string>;
  demo(gemeente: string): Promise<boolean>;
  /** per source: the latest committed import (file, date, rows), for the appendix */
  sourceDates(): Promise<Array<{ recordType: string; file: string; importedAt: string; rows: number }>>;
  /** the data-quality checks of the gemeente in the period (indicators/quality.ts) */
  quality(
    gemeente: string,
    period: Period,
  ): Promise<Array<{ nameNl: string; share: number | null; numerator: number; denominator: number }>>;
  /** the gemeente next to its most similar gemeenten (CBS and Iv3); null when no CBS data is loaded */
  benchmark(gemeente: string, period: Period): Promise<BenchmarkResult | null>;
  /**
   * The same data as they stood at the end of `date` (lens/scope.ts asOfViews): a report for a
   * period uses nothing dated after the period's end, so later data cannot change it.
   */
  asOf?(date: string): ReportData;
}

export interface ReportRequest {
  readonly kind: ReportKind;
  readonly gemeente: string;
  readonly period: string;
  readonly provider?: string | undefined;
  readonly extern?: boolean | undefined;
  /** include the pseudonymised top-cost list (internal version for roles with person-level access) */
  readonly includePersons?: boolean | undefined;
  readonly now?: Date;
  /** a team report: the figures come from a lens narrowed to the team (lens/scope.ts); monthly report only */
  readonly team?: string | undefined;
}

/** A report that cannot be made as asked (ongeldig_rapport). */
export class ReportError extends UserError<'ongeldig_rapport'> {
  constructor(message: string) {
    super('ongeldig_rapport', { nl: message });
  }
}

/**
 * A data-quality share in words. Externally from the published counts and suppressed with a count or
 * complement below 10: "100% in orde" would say that none failed (red team F1, minor).
 */
function qualityText(q: { share: number | null; numerator: number; denominator: number }, extern: boolean): string {
  if (q.share === null) return 'n.v.t.';
  if (!extern)
    return `${Math.round(q.share * 100)}% in orde (${q.numerator.toLocaleString('nl-NL')} van ${q.denominator.toLocaleString('nl-NL')})`;
  const p = publishedFraction(q.numerator, q.denominator);
  return p === null
    ? 'aandeel in orde niet gepubliceerd (minder dan 10 in of buiten orde)'
    : `${Math.round(p * 100)}% in orde`;
}

/** A table cell: "<10" when disclosure control suppressed it. */
const show = (r: IndicatorRow | undefined): Cell => (r?.flags.includes('onderdrukt') ? '<10' : (r?.value ?? null));
/** A chart point: a suppressed cell is drawn as missing, never as a number. */
const chartValue = (r: IndicatorRow | undefined): number | null =>
  r?.flags.includes('onderdrukt') ? null : (r?.value ?? null);

class Builder {
  readonly used = new Set<string>();
  constructor(
    private readonly data: ReportData,
    private readonly extern: boolean,
  ) {}

  /** The rows as published: exact internally; externally protected after any combining (issue 14.2). */
  async rows(id: string, periods: Period[], gemeenten: string[], by?: string): Promise<IndicatorRow[]> {
    return this.publish(await this.exact(id, periods, gemeenten, by));
  }

  /** Exact rows: every sum or pooled share is made from these, never from protected ones. */
  async exact(id: string, periods: Period[], gemeenten: string[], by?: string): Promise<IndicatorRow[]> {
    this.used.add(id);
    return this.data.compute(id, periods, gemeenten, by);
  }

  publish(rows: IndicatorRow[]): IndicatorRow[] {
    return this.extern ? applyDisclosureControl(rows) : rows;
  }

  /** A single figure the report computed itself (a goal's value), published by its unit. */
  figure(v: number | null, unit: Unit): Cell {
    if (v === null || !this.extern) return v;
    return protectNumber(v, unit) ?? '<10';
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
      const change = a?.value && b?.value !== null && b?.value !== undefined ? changePct(a.value, b.value) : null;
      rows.push([d.nameNl, show(a), show(b), change, d.unit]);
      for (const [r, p] of [
        [a, prev],
        [b, period],
      ] as const) {
        const words = (r?.flags ?? []).map((f) => FLAG_NL[f]).filter((w): w is string => w !== undefined);
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
      ['instroom', '+ instroom (nieuwe cliënten)'],
      ['herinstroom', '+ herinstroom (terug na een onderbreking)'],
      ['uitstroom', '− uitstroom'],
      ['eind', `stand op ${formatDateNl(`${periodEnd(period)}T12:00:00Z`)}`],
    ];
    return {
      caption: `Stand en stroom, ${periodLabelNl(period)}: stand begin + instroom + herinstroom − uitstroom = stand eind`,
      columns: [
        { label: 'post', unit: 'tekst' },
        { label: 'jeugdigen', unit: 'aantal' },
      ],
      rows: lines.map(([k, label]) => [label, show(pick(k)) ?? 0]),
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
      const pooled = (this.extern ? applyDisclosureControl(combined) : combined)[0];
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
    const keys = [...new Set(rows.map((r) => (r as IndicatorRow & { label?: string }).label ?? r.key ?? ''))];
    const label = (r: IndicatorRow) => (r as IndicatorRow & { label?: string }).label ?? r.key ?? '';
    return {
      table: {
        caption,
        columns: [{ label: by, unit: 'tekst' }, ...gemeenten.map((g) => ({ label: names[g] ?? g, unit: d.unit }))],
        rows: keys.map((k) => [k, ...gemeenten.map((g) => show(rows.find((r) => r.gemeente === g && label(r) === k)))]),
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

/**
 * The three messages a council member needs from the report, in words, from the published cells of
 * the headline tables (so the external version says nothing its tables do not): care use, money, goals.
 */
export function councilMessages(
  head: Table,
  money: Table,
  statuses: readonly string[],
  prevLabel: string,
  label: string,
): string[] {
  const row = (t: Table, i: number) => t.rows[i] ?? [];
  // "in het 1e halfjaar 2026", "in juni 2026", "in 2026"
  const inThe = (l: string) => (/^\d+e /.test(l) ? `het ${l}` : l);
  const [before, now] = [inThe(prevLabel), inThe(label)];
  const fmt = (v: Cell | undefined, unit: Cell | undefined) => formatCell(v ?? null, String(unit ?? 'aantal'));
  const [, prevShare, share, , shareUnit] = row(head, 0);
  const care =
    typeof share !== 'number'
      ? `Het aandeel jeugdigen met jeugdhulp in ${now} is niet bekend of te klein om te publiceren.`
      : typeof prevShare !== 'number' || prevShare === share
        ? `In ${now} had ${fmt(share, shareUnit)} van de jeugdigen jeugdhulp${prevShare === share ? `, even veel als in ${before}` : ''}.`
        : `Het aandeel jeugdigen met jeugdhulp ${share > prevShare ? 'steeg' : 'daalde'} van ${fmt(prevShare, shareUnit)} in ${before}` +
          ` naar ${fmt(share, shareUnit)} in ${now}.`;
  const [, , cost, , costUnit] = row(money, 0);
  const [, , burn, , burnUnit] = row(money, 2);
  const [, , forecast, , forecastUnit] = row(money, 3);
  const spent =
    typeof cost === 'number'
      ? `De jeugdhulp kostte in ${now} ${fmt(cost, costUnit)}`
      : `De kosten van ${now} zijn nog niet bekend`;
  const budget = typeof burn === 'number' ? `; ${fmt(burn, burnUnit)} van het jaarbudget is gebruikt` : '';
  const end =
    typeof forecast === 'number' ? ` en de prognose voor het hele jaar is ${fmt(forecast, forecastUnit)}` : '';
  const money1 = `${spent}${budget}${end}.`;
  const count = (s: string) => statuses.filter((x) => x === s).length;
  const n = statuses.length;
  const parts = [
    [count('op koers'), 'ligt op koers', 'liggen op koers'],
    [count('aandacht'), 'vraagt aandacht', 'vragen aandacht'],
    [count('achter'), 'ligt achter', 'liggen achter'],
  ] as const;
  const words = parts.filter(([k]) => k > 0).map(([k, one, many]) => `${k} ${k === 1 ? one : many}`);
  const all = parts.find(([k]) => k === n);
  const goals =
    n === 0
      ? 'Voor deze gemeente zijn nog geen doelen vastgelegd.'
      : words.length === 0
        ? `Van ${n === 1 ? 'het doel' : `de ${n} doelen`} is de voortgang nog niet te beoordelen.`
        : all
          ? n === 1
            ? `Het doel ${all[1]}.`
            : `Alle ${n} doelen ${all[2]}.`
          : `Van de ${n} doelen: ${words.join(', ').replace(/, ([^,]*)$/, ' en $1')}.`;
  return [care, money1, goals];
}

const section = (heading: string, parts: Partial<Omit<Section, 'heading'>> = {}): Section => ({
  heading,
  paragraphs: parts.paragraphs ?? [],
  tables: parts.tables ?? [],
  charts: parts.charts ?? [],
  stories: parts.stories ?? [],
});

const VERDICT_NL = {
  hoger_dan_verwacht: 'hoger dan verwacht',
  lager_dan_verwacht: 'lager dan verwacht',
  zoals_verwacht: 'zoals verwacht',
} as const;
const VERDICT_SHORT = { hoger_dan_verwacht: 'hoger', lager_dan_verwacht: 'lager', zoals_verwacht: 'gelijk' } as const;

/**
 * CBS and Iv3 comparison with the most similar gemeenten (public figures: no disclosure control
 * needed) and expected versus actual, with the method in words.
 */
function benchmarkSection(bm: BenchmarkResult): Section {
  const focus = bm.rows[0]!;
  const model = bm.models.find((m) => m.outcome === 'pct_without_residence');
  const nf = (v: number | null) =>
    v === null ? '–' : `${v.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
  const verdict =
    focus.verdict && focus.expected !== null
      ? `In ${bm.period} had ${nf(focus.pct)} van de jeugdigen in ${bm.name} jeugdhulp zonder verblijf (CBS). Bij haar sociaaleconomische kenmerken en omvang was ${nf(focus.expected)} te verwachten (95%-band ${nf(focus.lower)} tot ${nf(focus.upper)}): ${VERDICT_NL[focus.verdict]}.`
      : `Voor ${bm.name} is geen verwachting te berekenen (CBS-kenmerken ontbreken).`;
  return section('Vergelijking met vergelijkbare gemeenten (CBS en Iv3)', {
    paragraphs: [
      verdict,
      ...(model ? [model.methodNl] : []),
      `Referentiegroep: ${bm.reference.nl}. Kolom "t.o.v. verw.": hoger of lager dan de 95%-band van wat de bevolking doet verwachten, gelijk = binnen die band. Groep en alle gemeenten gewogen naar het aantal jeugdigen; lasten uit Iv3 (taakvelden 6.72 + 6.82) ${bm.year ?? ''}.`,
    ],
    tables: [
      {
        caption: `${bm.name} en vergelijkbare gemeenten`,
        columns: [
          { label: 'gemeente', unit: 'tekst' },
          { label: 'inwoners', unit: 'aantal', published: true },
          { label: 'SES', unit: 'aantal', published: true },
          { label: 'armoede', unit: 'aantal', published: true },
          { label: `% ${bm.basePeriod}`, unit: 'procent', published: true },
          { label: `% ${bm.period ?? ''}`, unit: 'procent', published: true },
          { label: 'index', unit: 'aantal', published: true },
          { label: `Iv3 ${bm.year ?? ''} lasten/inw.`, unit: 'euro', published: true },
          { label: 'verwacht', unit: 'procent' },
          { label: 't.o.v. verw.', unit: 'tekst' },
        ],
        rows: bm.rows.map((x) => [
          x.name,
          x.inhabitants,
          x.sesDecile,
          x.povertyDecile,
          x.pctBase,
          x.pct,
          x.index,
          x.burdenPerInhabitant === null ? null : Math.round(x.burdenPerInhabitant),
          x.expected === null ? null : Math.round(x.expected * 10) / 10,
          x.verdict ? VERDICT_SHORT[x.verdict] : '',
        ]),
        ...(focus.flags.includes('cbs_voorlopig')
          ? { note: 'CBS-cijfers van de laatste periode zijn voorlopig.' }
          : {}),
      },
    ],
  });
}

export async function buildReport(source: ReportData, req: ReportRequest): Promise<ReportModel> {
  let period: Period;
  try {
    period = parsePeriod(req.period);
  } catch (err) {
    throw new ReportError((err as Error).message);
  }
  // every figure as of the period's end: data dated later (claims, starts, stops) is not used
  const data = source.asOf?.(periodEnd(period)) ?? source;
  if (!/^\d{4}$/.test(req.gemeente) && !/^[\w&() -]{1,60}$/.test(regionOf(req.gemeente) ?? ''))
    throw new ReportError(
      `--gemeente moet een gemeentecode van vier cijfers of regio:<code> zijn (kreeg ${req.gemeente})`,
    );
  if (regionOf(req.gemeente) !== null && req.kind === 'raad')
    throw new ReportError('de raadsrapportage is per gemeente; voor de regio: maand of aanbieder');
  if (req.kind === 'aanbieder' && !req.provider)
    throw new ReportError('het aanbiedersrapport vraagt --aanbieder <AGB-code>');
  if (req.team && req.kind !== 'maand')
    throw new ReportError('een teamrapport is een maandrapportage: gebruik --team met maand');
  const extern = Boolean(req.extern);
  const b = new Builder(data, extern);
  const g = req.gemeente;
  const name = await data.gemeenteName(g);
  const names: Record<string, string> = { [g]: name };
  const label = periodLabelNl(period);
  const sections: Section[] = [];
  let empty = false;
  let keyMessages: string[] | undefined;

  if (req.kind === 'maand') {
    const head = await b.headline(
      [
        'youth_in_care',
        'inflow_youth',
        'outflow_youth',
        'trajectories_started',
        'cost_total',
        'wait_request_to_allocation',
      ],
      period,
      g,
      'Kerncijfers: deze periode en de vorige',
    );
    empty = !head.any;
    // as of the end of the period: budget burn from 1 January to then, the year-end forecast made then
    const money = await b.headline(
      ['budget_burn', 'forecast_year_end', 'cost_per_client'],
      period,
      g,
      `Geld in ${period.year} tot en met ${label}: budgetuitputting vanaf 1 januari en de prognose voor het jaareinde zoals die er aan het einde van ${label} uitzag`,
    );
    const bridge = await b.bridge(period, g);
    sections.push(
      section('Kerncijfers', {
        paragraphs: [
          `Jeugdhulp in ${name}${req.team ? `, team ${req.team}` : ''}, ${label}. Afwijkingen ten opzichte van de vorige periode staan in de kolom verandering.`,
        ],
        tables: [head.table, bridge],
      }),
    );
    if (!req.team && regionOf(g) === null) {
      const region = await data.regionGemeenten(g);
      if (region.length > 1)
        sections.push(
          section('Afwijking van de regio', {
            paragraphs: [
              'De gemeente naast de gemeenten van haar jeugdregio samen (aandelen gepoold: alle tellers gedeeld door alle noemers). Vergelijking met gemeenten elders in het land staat in de raadsrapportage.',
            ],
            tables: [
              await b.againstRegion(
                ['pct_youth_in_care', 'specialist_referral_rate', 'cost_per_youth', 'dropout'],
                period,
                g,
                region,
              ),
            ],
          }),
        );
    }
    const forms = await b.split(
      'youth_in_care',
      'zorgvorm',
      period,
      [g],
      'Jeugdigen met jeugdhulp naar zorgvorm',
      names,
    );
    const cats = await b.split('cost_total', 'productcategorie', period, [g], 'Kosten naar productcategorie', names);
    sections.push(
      section('Welke hulp, hoeveel en tegen welke kosten', {
        tables: [forms.table, cats.table],
        charts: [forms.chart],
      }),
    );
    sections.push(section('Budget en prognose', { tables: [money.table] }));
    const ref = await b.split(
      'referrer_mix',
      'verwijzer',
      period,
      [g],
      'Verwijzers (aandeel van de gestarte trajecten)',
      names,
    );
    sections.push(section('Verwijzers', { tables: [ref.table], charts: [ref.chart] }));
    const wait = await b.split(
      'wait_request_to_allocation',
      'statistiek',
      period,
      [g],
      'Wachttijd van aanvraag tot toewijzing (werkdagen)',
      names,
    );
    sections.push(section('Wachttijden', { tables: [wait.table] }));
    if (!extern && (req.includePersons ?? true)) {
      const top = await b.rows('top_cost_trajectories', [period], [g]);
      sections.push(
        section('Lang lopende en duurste trajecten (intern, gepseudonimiseerd)', {
          paragraphs: ['Alleen in de interne versie. Jeugdigen met een geheim adres staan nooit in deze lijst.'],
          tables: [
            {
              caption: 'Duurste trajecten, 12 maanden tot het einde van de periode',
              columns: [
                { label: 'traject', unit: 'tekst' },
                { label: 'pseudoniem (begin)', unit: 'tekst' },
                { label: 'kosten', unit: 'euro' },
                { label: 'looptijd (dagen)', unit: 'aantal' },
              ],
              rows: top.map((r) => {
                const x = r as IndicatorRow & { youth?: string; days?: number };
                return [r.key, (x.youth ?? '').slice(0, 10), r.value, x.days ?? null];
              }),
            },
          ],
        }),
      );
    }
  } else if (req.kind === 'raad') {
    const region = await data.regionGemeenten(g);
    for (const c of region) names[c] = await data.gemeenteName(c);
    const goals = await data.goals(g, extern);
    // a goal's figures are the indicator's: externally published by its unit like every other cell
    const gf = (x: (typeof goals)[number], v: number | null): Cell =>
      b.figure(v, findIndicator(x.indicator)?.definition.unit ?? 'aantal');
    sections.push(
      section('Doelen', {
        paragraphs:
          goals.length === 0
            ? ['Voor deze gemeente zijn nog geen doelen vastgelegd.']
            : ['Status berekend uit de trend van de laatste vier halfjaren (op koers / aandacht / achter).'],
        tables:
          goals.length === 0
            ? []
            : [
                {
                  caption: 'Doelen met status en trend',
                  columns: [
                    { label: 'doel', unit: 'tekst' },
                    { label: 'status', unit: 'tekst' },
                    { label: 'verloop (4 halfjaren)', unit: 'tekst' },
                    { label: 'nu', unit: 'score' },
                    { label: 'verwacht bij deadline', unit: 'score' },
                    { label: 'streefwaarde', unit: 'score' },
                    { label: 'deadline', unit: 'tekst' },
                  ],
                  rows: goals.map((x) => [
                    x.title,
                    x.status,
                    x.series
                      .map((p) => {
                        const v = gf(x, p.value);
                        return v === null
                          ? '–'
                          : typeof v === 'string'
                            ? v
                            : v.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
                      })
                      .join(' → '),
                    gf(x, x.current),
                    gf(x, x.projected === null ? null : Math.round(x.projected * 10) / 10),
                    x.target,
                    x.deadline,
                  ]),
                },
              ],
      }),
    );
    const head = await b.headline(
      ['pct_youth_in_care', 'youth_in_care', 'trajectories_started', 'duration', 'dropout'],
      period,
      g,
      'Kerncijfers',
    );
    empty = !head.any;
    sections.push(section('Kerncijfers', { tables: [head.table, await b.bridge(period, g)] }));
    const cmp = await b.split(
      'pct_youth_in_care',
      'zorgvorm',
      period,
      region,
      'Vergelijking met de andere gemeenten in de regio: % jeugdigen met jeugdhulp',
      names,
    );
    const trend = await b.trend(
      'pct_youth_in_care',
      [-5, -4, -3, -2, -1, 0].map((s) => shiftPeriod(period, s)),
      [g],
      names,
    );
    sections.push(
      section('Vergelijking met de regio', {
        paragraphs: ['Vergeleken met de gemeenten van dezelfde jeugdregio, uit de eigen gegevens.'],
        tables: [cmp.table],
        charts: [trend],
      }),
    );
    const bm = await data.benchmark(g, period);
    if (bm) {
      for (const id of ['cbs_pct_without_residence', 'index_pct', 'burden_per_inhabitant', 'expected_vs_actual'])
        b.used.add(id);
      sections.push(benchmarkSection(bm));
    }
    // as of the end of the period (a later half-year's claims are not in it)
    const money = await b.headline(
      ['cost_total', 'cost_per_youth', 'budget_burn', 'forecast_year_end'],
      period,
      g,
      `Geld, ${label} (budgetuitputting vanaf 1 januari, prognose zoals aan het einde van de periode)`,
    );
    sections.push(section('Geld', { tables: [money.table] }));
    keyMessages = councilMessages(
      head.table,
      money.table,
      goals.map((x) => x.status),
      periodLabelNl(shiftPeriod(period, -1)),
      label,
    );
  } else {
    const agb = req.provider!;
    const pname = (await data.providerName(agb)) ?? agb;
    const region = await data.regionGemeenten(g);
    const regionNames = (await Promise.all(region.map((c) => data.gemeenteName(c)))).join(', ');
    const kpis: Array<[string, string]> = [
      ['cost_total', 'kosten'],
      ['dropout', 'uitval'],
      ['goal_attainment', 'doelrealisatie'],
      ['satisfaction', 'tevredenheid'],
      ['allocations_without_start', 'toewijzingen zonder start'],
    ];
    /**
     * The provider's value and the region's for one KPI and period, over every gemeente of the region:
     * combined from the exact per-gemeente rows (shares pooled, amounts summed; indicators/region.ts),
     * and only the combined cell is protected (issue 14.2: protecting per gemeente first dropped the
     * small gemeenten's numerators and flipped the comparison with the region).
     */
    const kpi = async (id: string, p: Period): Promise<[Cell, Cell]> => {
      const pick = (r: IndicatorRow) => r.key === null || (id === 'goal_attainment' && r.key === 'ja');
      const own = (await b.exact(id, [p], region, 'aanbieder')).filter((r) => r.key === agb);
      const total = (await b.exact(id, [p], region)).filter(pick);
      // one gemeente needs no combining (and a score, which cannot be combined, keeps its value)
      const combine = (xs: IndicatorRow[]) => (region.length === 1 ? xs : combineRows(id, xs, regionLabel(g)));
      const cell = (xs: IndicatorRow[]) => (xs.length === 0 ? null : show(b.publish(combine(xs))[0]));
      return [cell(own), cell(total)];
    };
    const rows: Cell[][] = [];
    for (const [id, title] of kpis) rows.push([title, ...(await kpi(id, period)), b.def(id).unit]);
    empty = rows.every((r) => r[1] === null);
    sections.push(
      section(`KPI's van ${pname} tegen het regionale beeld`, {
        paragraphs: [
          `Alleen de gegevens van ${pname} (AGB ${agb}) en de regionale totalen; geen cliënten van andere aanbieders.`,
          `Beide kolommen tellen alle trajecten in de gemeenten van de regio samen (${regionNames}): aantallen en bedragen opgeteld, aandelen over de hele regio berekend (alle tellers gedeeld door alle noemers)${extern ? '; pas daarna afgerond of onderdrukt' : ''}.`,
        ],
        tables: [
          {
            caption: `KPI's ${label}, regio (${regionNames})`,
            columns: [
              { label: 'kpi', unit: 'tekst' },
              { label: pname, unit: 'score' },
              { label: 'regio', unit: 'score' },
              { label: 'eenheid', unit: 'tekst' },
            ],
            rows,
          },
        ],
      }),
    );
    // the trend over the last four periods: is the provider moving towards the region or away from it?
    const trendPeriods = [-3, -2, -1, 0].map((k) => shiftPeriod(period, k));
    const trendRows: Cell[][] = [];
    const series: Array<{ name: string; values: Array<number | null> }> = [];
    for (const [id, title] of kpis) {
      const values = await Promise.all(trendPeriods.map((p) => kpi(id, p)));
      trendRows.push([title, ...values.map((v) => v[0]), b.def(id).unit]);
      if (id === 'dropout' || id === 'goal_attainment') {
        series.push({ name: `${title} ${pname}`, values: values.map((v) => (typeof v[0] === 'number' ? v[0] : null)) });
        series.push({ name: `${title} regio`, values: values.map((v) => (typeof v[1] === 'number' ? v[1] : null)) });
      }
    }
    sections.push(
      section(`Verloop bij ${pname}`, {
        paragraphs: [
          "De KPI's van de aanbieder over de laatste vier perioden; in de grafiek uitval en doelrealisatie naast het regionale cijfer.",
        ],
        tables: [
          {
            caption: `Verloop ${pname}`,
            columns: [
              { label: 'kpi', unit: 'tekst' },
              ...trendPeriods.map((p) => ({ label: periodLabelNl(p), unit: 'score' as const })),
              { label: 'eenheid', unit: 'tekst' },
            ],
            rows: trendRows,
          },
        ],
        charts: [
          {
            title: `Uitval en doelrealisatie: ${pname} en de regio`,
            kind: 'line',
            unit: 'procent',
            categories: trendPeriods.map(formatPeriod),
            series,
          },
        ],
      }),
    );
    sections.push(
      section('Afspraken', { paragraphs: ['Ruimte voor de afspraken uit het kwartaalgesprek:', '…', '…'] }),
    );
  }

  const periodsForStories = req.kind === 'maand' ? [formatPeriod(period), String(period.year)] : [formatPeriod(period)];
  const stories = req.kind === 'aanbieder' ? [] : await data.stories(g, periodsForStories, extern);
  sections.push(
    section('Duiding', {
      paragraphs: stories.length === 0 ? ['Voor deze periode is nog geen duiding geschreven.'] : [],
      stories,
    }),
  );
  if (empty)
    sections.unshift(
      section('Geen gegevens', {
        paragraphs: [`Voor ${label} zijn geen gegevens gevonden voor ${name}; de tabellen hieronder zijn daarom leeg.`],
      }),
    );

  const end = await data.dataEnd();
  const kindTitle = {
    maand: 'Stuurinformatie jeugdhulp — maandrapportage',
    raad: 'Raadsrapportage jeugdhulp',
    aanbieder: 'Kwartaalrapportage aanbieder',
  }[req.kind];
  const model: ReportModel = {
    kind: req.kind,
    title: kindTitle,
    subtitle: `${req.kind === 'aanbieder' ? `regio van ${name} (alle gemeenten van de regio opgeteld)` : name}${req.team ? ` · team ${req.team}` : ''} · ${label}${req.provider ? ` · aanbieder ${req.provider}` : ''}${extern ? ' · externe versie (onthullingsbeheersing)' : ' · interne versie'}`,
    demo: await data.demo(g),
    extern,
    generatedAt: (req.now ?? new Date()).toISOString(),
    empty,
    ...(keyMessages ? { keyMessages } : {}),
    sections,
    definitions: [...b.used].map((id) => b.def(id)),
    sources: [
      `Gegevens tot en met ${end} (laatste datum in de lens).`,
      'Bronnen per indicator staan bij de definities.',
      // externally without the exact counts behind them: text is published too
      ...(await data.sourceDates()).map(
        (x) =>
          `${x.recordType}: ${x.file}, ingelezen ${formatDateNl(x.importedAt)}${extern ? '' : ` (${x.rows.toLocaleString('nl-NL')} regels)`}`,
      ),
      ...(await data.quality(g, period)).map((q) => `Datakwaliteit ${label}: ${q.nameNl} ${qualityText(q, extern)}`),
      ...(extern
        ? [
            'Onthullingsbeheersing: eerst exact berekend (ook sommen over gemeenten), dan pas per gepubliceerde cel: aantallen afgerond op 5, cellen onder 10 als "<10" met de percentages die erop rusten, percentages op één decimaal berekend uit de afgeronde aantallen.',
          ]
        : []),
    ],
  };
  // the external version passes the same disclosure step as every API answer for bestuur and aanbieder
  return extern ? protectPayload(model, { provider: null }) : model;
}
