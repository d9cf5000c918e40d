/**
 * One indicator as users see it: the figure, a chart with a table alternative, the definition on
 * request, the data-quality flags, a download of the data behind the chart, and the explanations
 * written for it.
 * Over 400 lines: figure, chart, table, flags and explanations of one panel share its state.
 */
import { TableWrap } from './TableWrap.js';
import { useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { EChartsCoreOption } from 'echarts/core';
import { ApiFailure, get, type Definition, type Row } from '../api.js';
import { fmtInt, fmtValue, shownFlags, suppressedText } from '../format.js';
import { DOWNLOADS, periodColumns, UNIT_NL, type CsvRow } from '../downloads.js';
import { CsvButtons } from './CsvButtons.js';
import { FLAG_TEXT, LangContext, useT } from '../i18n.js';
import { Chart } from './Chart.js';
import { flowOption } from './flow.js';
import { Narratives } from './Narratives.js';
import {
  FIXED_SPLITS,
  gemeenteLabel,
  keyLabel,
  othersLabel,
  providerKeyLabel,
  RANKED_SPLITS,
  splitLabel,
} from '../labels.js';
import { CommitSelect } from '../CommitSelect.js';

/** Provider names per gemeente selection, fetched once per page view for every panel split by provider. */
const providerNames = new Map<string, Promise<Map<string, string | null>>>();
function providerNamesFor(gemeente: string): Promise<Map<string, string | null>> {
  let p = providerNames.get(gemeente);
  if (!p) {
    p = get<Array<{ agb: string; name: string | null }>>('/providers', { gemeente: gemeente || undefined }).then(
      (rs) => new Map(rs.map((r) => [r.agb, r.name])),
      () => new Map(),
    );
    providerNames.set(gemeente, p);
  }
  return p;
}

/** How many bars a ranked split (providers, codes) shows before the rest goes into "overige". */
const TOP_N = 10;

/**
 * Indicators counted from 1 January to the end of the period (budget burn): their half-years zigzag
 * (45% after June, 93% after December), so the chart shows the year to date per month against the
 * straight line (the budget spread evenly: month/12 of it).
 */
const YEAR_TO_DATE = new Set(['budget_burn']);

/** The months from January to the end of a period: 2025H1 → 2025-01 … 2025-06, 2025 → the twelve. */
export function monthsToDate(period: string): string[] {
  const m = /^(\d{4})(?:-(\d{2})|Q([1-4])|H([12]))?$/.exec(period);
  if (!m) return [period];
  const last = m[2] ? Number(m[2]) : m[3] ? 3 * Number(m[3]) : m[4] ? 6 * Number(m[4]) : 12;
  return Array.from({ length: last }, (_, i) => `${m[1]}-${String(i + 1).padStart(2, '0')}`);
}

/** An axis names its unit: one unit per axis, so a share never stands on a scale of days. */
const UNIT_NAME: Record<Definition['unit'], [string, string]> = {
  aantal: ['aantal', 'number'],
  procent: ['%', '%'],
  euro: ['€', '€'],
  dagen: ['dagen', 'days'],
  score: ['score', 'score'],
  per_1000: ['per 1.000', 'per 1,000'],
};

/** The data-quality score of a value and why it is below 100 (server: indicators/quality.ts). */
export interface Quality {
  gemeente: string;
  period: string;
  score: number | null;
  reasons: Array<{ nl: string; en: string }>;
}

export interface PanelProps {
  def: Definition;
  gemeente: string; // '' = all in scope
  periods: string[]; // oldest first; the last one is "the" period
  by?: string | undefined;
  names: Record<string, string>;
  canWrite: boolean;
  /** a teammanager writes explanations for the own team (the API refuses any other scope) */
  team?: string | undefined;
  onDrill?: ((row: Row) => void) | undefined;
  drillLabel?: string | undefined;
  rowFilter?: ((row: Row) => boolean) | undefined;
}

export function IndicatorPanel(props: PanelProps) {
  const t = useT();
  const lang = useContext(LangContext);
  // the split shown: the page's, or the one the user chose among the indicator's splits (issue 16.6)
  const [chosenBy, setChosenBy] = useState(props.by);
  useEffect(() => setChosenBy(props.by), [props.by]);
  const p: PanelProps = { ...props, by: chosenBy };
  const splitChoices = [
    ...(props.by === undefined ? [''] : []),
    ...new Set([props.by ?? '', ...props.def.dimensions].filter((d) => d !== '' && !FIXED_SPLITS.has(d))),
  ];
  const gName = (g: string) => gemeenteLabel(g, p.names, lang);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [disclosure, setDisclosure] = useState(false);
  const [quality, setQuality] = useState<Quality[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  // a cost figure's label names its basis and period (claims of the chosen period, Iv3 of a calendar year)
  const basis = p.def.costBasis ? (lang === 'nl' ? p.def.costBasis.nl : p.def.costBasis.en) : null;
  const name = `${lang === 'nl' ? p.def.nameNl : p.def.nameEn}${basis ? ` (${basis})` : ''}`;
  const latest = p.periods[p.periods.length - 1]!;
  const ytd = YEAR_TO_DATE.has(p.def.id) && !p.by;
  const months = useMemo(() => (ytd ? monthsToDate(latest) : []), [ytd, latest]);
  // the headline figure: of the chosen period, for a year-to-date figure the same as its last month's
  const headPeriod = ytd ? months[months.length - 1]! : latest;
  const periodsParam = p.by ? latest : ytd ? months.join(',') : p.periods.join(',');

  useEffect(() => {
    setRows(null);
    setError(null);
    get<{ rows: Row[]; disclosureControl: boolean; quality: Quality[] }>(`/indicators/${p.def.id}`, {
      period: periodsParam,
      gemeente: p.gemeente || undefined,
      by: p.by,
    })
      .then((r) => {
        setRows(p.rowFilter ? r.rows.filter(p.rowFilter) : r.rows);
        setDisclosure(r.disclosureControl);
        setQuality(r.quality ?? []);
      })
      .catch((e: unknown) => setError(e instanceof ApiFailure ? (lang === 'nl' ? e.message : e.messageEn) : String(e)));
  }, [p.def.id, periodsParam, p.gemeente, p.by, lang, p.rowFilter]);

  const [names, setNames] = useState<Map<string, string | null> | null>(null);
  useEffect(() => {
    if (p.by === 'aanbieder') void providerNamesFor(p.gemeente).then(setNames);
  }, [p.by, p.gemeente]);
  const gemeenten = useMemo(() => [...new Set((rows ?? []).map((r) => r.gemeente))], [rows]);
  const label = useCallback(
    (r: Row) =>
      r.by === 'aanbieder' && r.key ? providerKeyLabel(r.key, names, lang) : keyLabel(r.by, r.key, lang, r.label),
    [lang, names],
  );
  const ranked = p.by !== undefined && RANKED_SPLITS.has(p.by);
  /**
   * Ranked splits (providers, product codes) are read by size, not by code: rows sorted by value, largest
   * first (the largest over the gemeenten shown); other splits keep the order the indicator gives.
   */
  const ordered = useMemo(() => {
    if (!rows || !ranked) return rows;
    const size = new Map<string, number>();
    for (const r of rows) size.set(label(r), Math.max(size.get(label(r)) ?? -Infinity, r.value ?? -Infinity));
    return [...rows].sort((a, b) => size.get(label(b))! - size.get(label(a))! || label(a).localeCompare(label(b)));
  }, [rows, ranked, label]);
  const headline = rows?.find(
    (r) =>
      r.key === null && r.period === headPeriod && (p.gemeente ? r.gemeente === p.gemeente : gemeenten.length === 1),
  );
  const trust = headline ? quality.find((x) => x.gemeente === headline.gemeente && x.period === headPeriod) : undefined;
  const splitName = p.by ? splitLabel(p.by, lang) : '';

  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!rows || rows.length === 0) return null;
    const fmt = (v: number) => fmtValue(v, p.def.unit, lang);
    const common = {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt(v) },
      legend: { type: 'plain', bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: gemeenten.length > 1 ? 48 : 24, containLabel: true },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } },
    };
    if (p.by === 'overgang') return flowOption(rows, (v) => fmtValue(v, p.def.unit, lang));
    if (ytd) {
      // up to the first month the data does not cover completely: later months would repeat its total
      const incomplete = months.findIndex((m) =>
        rows.some((r) => r.period === m && r.flags.includes('periode_niet_compleet')),
      );
      const shown = incomplete < 0 ? months : months.slice(0, incomplete + 1);
      const monthName = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { month: 'short' });
      return {
        ...common,
        xAxis: {
          type: 'category',
          data: shown.map((m) => monthName.format(new Date(`${m}-15T12:00:00Z`))),
        },
        yAxis: { ...common.yAxis, name: UNIT_NAME[p.def.unit][lang === 'nl' ? 0 : 1] },
        grid: { ...common.grid, top: 28, bottom: 48 },
        series: [
          ...gemeenten.map((g) => ({
            name: gName(g),
            type: 'line',
            symbolSize: 7,
            data: shown.map(
              (m) => rows.find((r) => r.gemeente === g && r.period === m && r.key === null)?.value ?? null,
            ),
          })),
          {
            name: lang === 'nl' ? 'rechte lijn: begroting × maand/12' : 'straight line: budget × month/12',
            type: 'line',
            symbol: 'none',
            color: '#545d68',
            lineStyle: { type: 'dashed', width: 2 },
            tooltip: { valueFormatter: (v: number) => fmt(v) },
            data: shown.map((m) => Math.round((100_000 * Number(m.slice(5))) / 12) / 1000),
          },
        ],
      };
    }
    // a waiting time's norm (every row carries it) as a dashed line with its value in words
    const norm = rows.find((r) => typeof r.norm === 'number')?.norm ?? null;
    const normLine = (n: number) => ({
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#545d68', width: 2 },
        label: {
          formatter: `norm ${n.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB')} ${
            p.def.id === 'wait_request_to_allocation'
              ? lang === 'nl'
                ? 'werkdagen'
                : 'working days'
              : lang === 'nl'
                ? 'dagen'
                : 'days'
          }`,
          position: 'insideEndTop',
          color: '#545d68',
        },
        data: [{ yAxis: n }],
      },
    });
    // category names on a vertical axis, their space measured here: ECharts' containLabel clips truncated labels
    const labelWidth = Math.round(Math.min(220, Math.max(90, window.innerWidth * 0.3)));
    // a suppressed cell (disclosure control) is a gap with a mark and the word, never a bar of zero
    const hidden = (g: string, k: string) =>
      rows.some((r) => r.gemeente === g && label(r) === k && r.flags.includes('onderdrukt'));
    const marks = (g: string, cats: string[], across: boolean) => {
      const data = cats
        .filter((k) => hidden(g, k))
        .map((k) => ({ coord: across ? [0, k] : [k, 0], value: suppressedText(p.def.unit, lang) }));
      return data.length === 0
        ? {}
        : {
            markPoint: {
              symbol: 'triangle',
              symbolSize: 9,
              symbolRotate: across ? -90 : 0,
              itemStyle: { color: '#545d68' },
              data,
              label: {
                show: true,
                position: across ? 'right' : 'top',
                color: '#545d68',
                formatter: (x: { value: string }) => x.value,
              },
            },
          };
    };
    const horizontal = (cats: string[], data: (g: string) => Array<number | null>) => ({
      ...common,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => fmt(v) },
      grid: {
        ...common.grid,
        left: labelWidth + 12,
        right: 24,
        containLabel: false,
        bottom: gemeenten.length > 1 ? 64 : 40,
      },
      xAxis: { type: 'value', splitNumber: 3, axisLabel: { formatter: (v: number) => fmt(v), hideOverlap: true } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: cats,
        axisLabel: { width: labelWidth, overflow: 'truncate', interval: 0 },
      },
      series: gemeenten.map((g) => ({ name: gName(g), type: 'bar', data: data(g), ...marks(g, cats, true) })),
    });
    if (p.by && ranked) {
      // sorted horizontal bars, the largest on top; beyond the top N one bar "overige" where the rest adds up
      const keys = [...new Set(ordered!.map(label))];
      const top = keys.slice(0, TOP_N);
      const rest = keys.slice(TOP_N);
      const restValue = (g: string): number | null => {
        const rs = rows.filter((r) => r.gemeente === g && rest.includes(label(r)));
        if (rs.length === 0 || rs.some((r) => r.value === null || r.flags.includes('onderdrukt'))) return null;
        if (p.def.unit === 'aantal' || p.def.unit === 'euro') return rs.reduce((s, r) => s + r.value!, 0);
        if (p.def.unit === 'procent' && rs.every((r) => r.numerator !== null && r.denominator)) {
          const den = rs.reduce((s, r) => s + r.denominator!, 0);
          return den ? (100 * rs.reduce((s, r) => s + r.numerator!, 0)) / den : null;
        }
        return null; // a mean or a score of the rest cannot be made from the rows
      };
      const additive = rest.length > 0 && gemeenten.some((g) => restValue(g) !== null);
      const cats = additive ? [...top, `${othersLabel(lang)} (${rest.length})`] : top;
      return horizontal(cats, (g) => [
        ...top.map((k) => rows.find((r) => r.gemeente === g && label(r) === k)?.value ?? null),
        ...(additive ? [restValue(g)] : []),
      ]);
    }
    if (p.by) {
      const keys = [...new Set(rows.map(label))];
      const values = (g: string) =>
        keys.map((k) => rows.find((r) => r.gemeente === g && label(r) === k)?.value ?? null);
      // keys of more than one unit (a waiting time's median and p90 in days, its share within the norm in %):
      // one chart area per unit side by side, each with its own axis, so no value stands on another's scale
      const unitOf = (k: string) => rows.find((r) => label(r) === k)?.unit ?? p.def.unit;
      const units = [...new Set(keys.map(unitOf))];
      if (units.length > 1) {
        const groups = units.map((u) => ({ u, ks: keys.filter((k) => unitOf(k) === u) }));
        const gap = 4; // % between the areas
        const span = 100 - gap * (groups.length - 1);
        let left = 0;
        const grids = groups.map(({ ks }) => {
          const width = (span * ks.length) / keys.length;
          // room for the axis labels (numbers only: the axis name says the unit) inside the area's share
          const g = {
            left: `${left + 9}%`,
            width: `${width - 9}%`,
            top: 28,
            bottom: gemeenten.length > 1 ? 48 : 24,
            containLabel: true,
          };
          left += width + gap;
          return g;
        });
        return {
          ...common,
          grid: grids,
          xAxis: groups.map(({ ks }, i) => ({
            type: 'category',
            gridIndex: i,
            data: ks,
            axisLabel: { interval: 0, width: 100, overflow: 'break' },
          })),
          yAxis: groups.map(({ u }, i) => ({
            type: 'value',
            gridIndex: i,
            name: UNIT_NAME[u][lang === 'nl' ? 0 : 1],
            ...(u === 'procent' ? { max: 100 } : {}),
            // the axis reaches the norm, so its line is drawn even when every wait is shorter
            ...(u === 'dagen' && norm !== null
              ? { max: (e: { max: number }) => Math.ceil(Math.max(e.max, norm) * 1.1) }
              : {}),
            axisLabel: {
              formatter: (v: number) =>
                v.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }),
            },
          })),
          series: groups.flatMap(({ u, ks }, i) =>
            gemeenten.map((g, j) => ({
              name: gName(g),
              type: 'bar',
              xAxisIndex: i,
              yAxisIndex: i,
              tooltip: { valueFormatter: (v: number) => fmtValue(v, u, lang) },
              data: ks.map((k) => rows.find((r) => r.gemeente === g && label(r) === k)?.value ?? null),
              ...marks(g, ks, false),
              // the norm of a waiting time as a line over its days (once, on the first gemeente's bars)
              ...(u === 'dagen' && j === 0 && norm !== null ? normLine(norm) : {}),
            })),
          ),
        };
      }
      // words are longer than codes: long names read better beside horizontal bars than rotated under columns
      if (keys.some((k) => k.length > 14)) return horizontal(keys, values);
      return {
        ...common,
        xAxis: {
          type: 'category',
          data: keys,
          axisLabel: { interval: 0, rotate: keys.length > 6 ? 35 : 0, width: 120, overflow: 'truncate' },
        },
        series: gemeenten.map((g) => ({
          name: gName(g),
          type: 'bar',
          data: values(g),
          ...marks(g, keys, false),
        })),
      };
    }
    return {
      ...common,
      xAxis: { type: 'category', data: p.periods },
      series: gemeenten.map((g) => ({
        name: gName(g),
        type: 'line',
        symbolSize: 7,
        data: p.periods.map(
          (per) => rows.find((r) => r.gemeente === g && r.period === per && r.key === null)?.value ?? null,
        ),
      })),
    };
  }, [rows, ordered, ranked, label, gemeenten, p.by, p.periods, p.names, p.def.unit, lang, ytd, months, latest]);

  // horizontal bars get the height their bars need (one row per name, per gemeente shown)
  const yAxis = (option as { yAxis?: { type?: string; data?: unknown[] } } | null)?.yAxis;
  const chartHeight =
    p.by === 'overgang'
      ? 420
      : yAxis?.type === 'category'
        ? Math.max(200, Math.min(800, (yAxis.data?.length ?? 1) * Math.max(1, gemeenten.length) * 16 + 80))
        : 280;
  const chartLabel = `${name}: ${p.by ? `${splitName}, ${latest}` : `${p.periods[0]}–${latest}`}${headline ? `; ${latest}: ${fmtValue(headline.value, p.def.unit, lang, headline.flags.includes('onderdrukt'))}` : ''}`;
  // every coded column has its Dutch label beside it, whatever the screen's language: the file is the same for
  // everyone who downloads it, and reads without the code lists (downloads.ts)
  const csvRows = (): CsvRow[] => {
    const nameNl = `${p.def.nameNl}${p.def.costBasis ? ` (${p.def.costBasis.nl})` : ''}`;
    return (ordered ?? []).map((r) => ({
      indicatorCode: r.indicator,
      indicator: nameNl,
      gemeenteCode: r.gemeente,
      gemeente: gemeenteLabel(r.gemeente, p.names, 'nl'),
      ...periodColumns(r.period),
      splitCode: r.by,
      split: r.by ? splitLabel(r.by, 'nl') : null,
      keyCode: r.key,
      key:
        r.key === null
          ? null
          : r.by === 'aanbieder'
            ? providerKeyLabel(r.key, names, 'nl')
            : keyLabel(r.by, r.key, 'nl', r.label),
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      unitCode: r.unit,
      unit: UNIT_NL[r.unit] ?? r.unit,
      flagCodes: r.flags.join(' '),
      flags: shownFlags(r.flags, r.unit)
        .map((f) => FLAG_TEXT[f]?.[0] ?? f)
        .join('; '),
    }));
  };
  const flags = [...new Set((rows ?? []).flatMap((r) => shownFlags(r.flags, r.unit)))];
  // the page's split, not the chosen one: two panels of one indicator keep distinct ids whatever is chosen
  const headingId = `ind-${p.def.id}-${props.by ?? 'totaal'}`;

  return (
    <section className="zicht-panel" aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {name}
        {p.by ? ` — ${splitName}` : ''}
      </Heading>
      {headline && (
        <p className="zicht-figure">
          <data value={headline.value ?? ''}>
            {fmtValue(headline.value, p.def.unit, lang, headline.flags.includes('onderdrukt'))}
          </data>{' '}
          <span className="zicht-muted">({latest})</span>
        </p>
      )}
      {trust &&
        trust.score !== null &&
        (trust.reasons.length === 0 ? (
          <Paragraph small className="zicht-muted">
            {t('trust')}: {trust.score}/100
          </Paragraph>
        ) : (
          <details className="zicht-definition zicht-trust">
            <summary>
              {t('trust')}: {trust.score}/100
            </summary>
            <ul>
              {trust.reasons.map((r) => (
                <li key={r.nl}>{lang === 'nl' ? r.nl : r.en}</li>
              ))}
            </ul>
          </details>
        ))}
      <details className="zicht-definition">
        <summary>{t('definition')}</summary>
        <Paragraph>{lang === 'nl' ? p.def.definitionNl : p.def.definitionEn}</Paragraph>
        <Paragraph small>
          {t('sources')}: {p.def.sources.join(', ')}
          {p.def.cbsNote ? ` · ${p.def.cbsNote}` : ''}
        </Paragraph>
      </details>
      {error && <Alert type="error">{error}</Alert>}
      {!error && rows === null && <Paragraph aria-live="polite">{t('loading')}</Paragraph>}
      {rows !== null && rows.length === 0 && <Paragraph>{t('noData')}</Paragraph>}
      {rows !== null && rows.length > 0 && (
        <>
          <div className="zicht-toolbar" role="group" aria-label={`${name}: ${t('chart')} / ${t('table')}`}>
            <Button
              appearance={view === 'chart' ? 'primary-action-button' : 'secondary-action-button'}
              aria-pressed={view === 'chart'}
              onClick={() => setView('chart')}
            >
              {t('chart')}
            </Button>
            <Button
              appearance={view === 'table' ? 'primary-action-button' : 'secondary-action-button'}
              aria-pressed={view === 'table'}
              onClick={() => setView('table')}
            >
              {t('table')}
            </Button>
            <CsvButtons
              def={DOWNLOADS.indicator}
              file={`${p.def.id}-${latest}.csv`}
              rows={csvRows}
              text={t('downloadCsv')}
            />
          </div>
          {splitChoices.length > 1 && (
            <div className="zicht-split-choice">
              <label htmlFor={`${headingId}-split`}>{lang === 'nl' ? 'Splitsing' : 'Split'}</label>{' '}
              <CommitSelect
                id={`${headingId}-split`}
                value={p.by ?? ''}
                onCommit={(v) => setChosenBy(v === '' ? undefined : v)}
                hint={
                  lang === 'nl'
                    ? 'Kies met de pijltjes en bevestig met Enter.'
                    : 'Choose with the arrow keys and confirm with Enter.'
                }
              >
                {splitChoices.map((d) => (
                  <option key={d} value={d}>
                    {d === '' ? (lang === 'nl' ? 'totaal, verloop' : 'total, trend') : splitLabel(d, lang)}
                  </option>
                ))}
              </CommitSelect>
            </div>
          )}
          {view === 'chart' && option && <Chart option={option} label={chartLabel} height={chartHeight} />}
          {view === 'table' && (
            <TableWrap label={`${name} — ${t('table')}`}>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('gemeente')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('period')}</TableHeaderCell>
                    {p.by && <TableHeaderCell scope="col">{splitName}</TableHeaderCell>}
                    <TableHeaderCell scope="col" className="zicht-num">
                      {t('value')}
                    </TableHeaderCell>
                    <TableHeaderCell scope="col" className="zicht-num">
                      {t('numerator')}
                    </TableHeaderCell>
                    <TableHeaderCell scope="col" className="zicht-num">
                      {t('denominator')}
                    </TableHeaderCell>
                    <TableHeaderCell scope="col">{t('flags')}</TableHeaderCell>
                    {p.onDrill && (
                      <TableHeaderCell scope="col">
                        <span className="zicht-sr">{p.drillLabel}</span>
                      </TableHeaderCell>
                    )}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {(ordered ?? rows).map((r, i) => (
                    <TableRow key={i} className={r.outlier ? 'zicht-outlier' : undefined}>
                      <TableCell>{gName(r.gemeente)}</TableCell>
                      <TableCell>{r.period}</TableCell>
                      {p.by && (
                        <TableCell>
                          {label(r)}
                          {r.outlier ? <strong className="zicht-badge"> {t('outlier')}</strong> : null}
                        </TableCell>
                      )}
                      <TableCell className="zicht-num">
                        {fmtValue(r.value, r.unit, lang, r.flags.includes('onderdrukt'))}
                      </TableCell>
                      <TableCell className="zicht-num">{fmtInt(r.numerator, lang)}</TableCell>
                      <TableCell className="zicht-num">{fmtInt(r.denominator, lang)}</TableCell>
                      <TableCell>
                        {shownFlags(r.flags, r.unit)
                          .map((f) => FLAG_TEXT[f]?.[lang === 'nl' ? 0 : 1] ?? f)
                          .join('; ')}
                      </TableCell>
                      {p.onDrill && (
                        <TableCell>
                          <Button appearance="subtle-button" onClick={() => p.onDrill!(r)}>
                            {p.drillLabel}
                            <span className="zicht-sr"> {label(r)}</span>
                          </Button>
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
          {flags.length > 0 && (
            <Paragraph small className="zicht-flags">
              {t('flags')}: {flags.map((f) => FLAG_TEXT[f]?.[lang === 'nl' ? 0 : 1] ?? f).join('; ')}
            </Paragraph>
          )}
          {disclosure && (
            <Paragraph small className="zicht-muted">
              {t('suppressedNote')}
            </Paragraph>
          )}
        </>
      )}
      {p.gemeente && !p.def.personLevel && (
        <Narratives
          indicator={p.def.id}
          gemeente={p.gemeente}
          gemeenteName={p.names[p.gemeente] ?? p.gemeente}
          period={latest}
          unit={p.def.unit}
          canWrite={p.canWrite}
          team={p.team}
          figure={`${name}${p.by ? ` — ${splitName}` : ''}`}
        />
      )}
    </section>
  );
}
