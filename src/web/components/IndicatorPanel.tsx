/**
 * One indicator as users see it: the figure, a chart with a table alternative, the definition on
 * request, the data-quality flags, a download of the data behind the chart, and the explanations
 * written for it.
 */
import { TableWrap } from './TableWrap.js';
import { useContext, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { EChartsCoreOption } from 'echarts/core';
import { ApiFailure, get, type Definition, type Row } from '../api.js';
import { download, fmtInt, fmtValue, toCsv } from '../format.js';
import { FLAG_TEXT, LangContext, useT } from '../i18n.js';
import { Chart } from './Chart.js';
import { flowOption } from './flow.js';
import { Narratives } from './Narratives.js';

/** The data-quality score of a value and why it is below 100 (server: indicators/quality.ts). */
export interface Quality { gemeente: string; period: string; score: number | null; reasons: Array<{ nl: string; en: string }> }

export interface PanelProps {
  def: Definition;
  gemeente: string; // '' = all in scope
  periods: string[]; // oldest first; the last one is "the" period
  by?: string | undefined;
  names: Record<string, string>;
  canWrite: boolean;
  onDrill?: ((row: Row) => void) | undefined;
  drillLabel?: string | undefined;
  rowFilter?: ((row: Row) => boolean) | undefined;
}

export function IndicatorPanel(p: PanelProps) {
  const t = useT();
  const lang = useContext(LangContext);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [disclosure, setDisclosure] = useState(false);
  const [quality, setQuality] = useState<Quality[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  // a cost figure's label names its basis and period (claims of the chosen period, Iv3 of a calendar year)
  const basis = p.def.costBasis ? (lang === 'nl' ? p.def.costBasis.nl : p.def.costBasis.en) : null;
  const name = `${lang === 'nl' ? p.def.nameNl : p.def.nameEn}${basis ? ` (${basis})` : ''}`;
  const latest = p.periods[p.periods.length - 1]!;
  const periodsParam = p.by ? latest : p.periods.join(',');

  useEffect(() => {
    setRows(null);
    setError(null);
    get<{ rows: Row[]; disclosureControl: boolean; quality: Quality[] }>(`/indicators/${p.def.id}`, { period: periodsParam, gemeente: p.gemeente || undefined, by: p.by })
      .then((r) => { setRows(p.rowFilter ? r.rows.filter(p.rowFilter) : r.rows); setDisclosure(r.disclosureControl); setQuality(r.quality ?? []); })
      .catch((e: unknown) => setError(e instanceof ApiFailure ? (lang === 'nl' ? e.message : e.messageEn) : String(e)));
  }, [p.def.id, periodsParam, p.gemeente, p.by, lang, p.rowFilter]);

  const gemeenten = useMemo(() => [...new Set((rows ?? []).map((r) => r.gemeente))], [rows]);
  const label = (r: Row) => r.label ?? r.key ?? '';
  const headline = rows?.find((r) => r.key === null && r.period === latest && (p.gemeente ? r.gemeente === p.gemeente : gemeenten.length === 1));
  const trust = headline ? quality.find((x) => x.gemeente === headline.gemeente && x.period === latest) : undefined;

  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!rows || rows.length === 0) return null;
    const fmt = (v: number) => fmtValue(v, p.def.unit, lang);
    const common = {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt(v) },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: gemeenten.length > 1 ? 48 : 24, containLabel: true },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } },
    };
    if (p.by === 'overgang') return flowOption(rows, (v) => fmtValue(v, p.def.unit, lang));
    if (p.by) {
      const keys = [...new Set(rows.map(label))];
      return {
        ...common,
        xAxis: { type: 'category', data: keys, axisLabel: { interval: 0, rotate: keys.length > 6 ? 35 : 0, width: 120, overflow: 'truncate' } },
        series: gemeenten.map((g) => ({
          name: p.names[g] ?? g, type: 'bar',
          data: keys.map((k) => rows.find((r) => r.gemeente === g && label(r) === k)?.value ?? null),
        })),
      };
    }
    return {
      ...common,
      xAxis: { type: 'category', data: p.periods },
      series: gemeenten.map((g) => ({
        name: p.names[g] ?? g, type: 'line', symbolSize: 7,
        data: p.periods.map((per) => rows.find((r) => r.gemeente === g && r.period === per && r.key === null)?.value ?? null),
      })),
    };
  }, [rows, gemeenten, p.by, p.periods, p.names, p.def.unit, lang]);

  const chartLabel = `${name}: ${p.by ? `${t('split')} ${p.by}, ${latest}` : `${p.periods[0]}–${latest}`}${headline ? `; ${latest}: ${fmtValue(headline.value, p.def.unit, lang, headline.flags.includes('onderdrukt'))}` : ''}`;
  const csv = () => download(`${p.def.id}-${latest}.csv`, toCsv(
    ['indicator', 'gemeente', 'periode', 'splitsing', 'sleutel', 'waarde', 'teller', 'noemer', 'eenheid', 'kanttekeningen'],
    (rows ?? []).map((r) => [r.indicator, r.gemeente, r.period, r.by, label(r) || null, r.value, r.numerator, r.denominator, r.unit, r.flags.join(' ')]),
  ));
  const flags = [...new Set((rows ?? []).flatMap((r) => r.flags))];
  const headingId = `ind-${p.def.id}-${p.by ?? 'totaal'}`;

  return (
    <section className="zicht-panel" aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>{name}{p.by ? ` — ${p.by}` : ''}</Heading>
      {headline && <p className="zicht-figure"><data value={headline.value ?? ''}>{fmtValue(headline.value, p.def.unit, lang, headline.flags.includes('onderdrukt'))}</data> <span className="zicht-muted">({latest})</span></p>}
      {trust && trust.score !== null && (
        trust.reasons.length === 0
          ? <Paragraph small className="zicht-muted">{t('trust')}: {trust.score}/100</Paragraph>
          : (
            <details className="zicht-definition zicht-trust">
              <summary>{t('trust')}: {trust.score}/100</summary>
              <ul>{trust.reasons.map((r) => <li key={r.nl}>{lang === 'nl' ? r.nl : r.en}</li>)}</ul>
            </details>
          )
      )}
      <details className="zicht-definition">
        <summary>{t('definition')}</summary>
        <Paragraph>{lang === 'nl' ? p.def.definitionNl : p.def.definitionEn}</Paragraph>
        <Paragraph small>{t('sources')}: {p.def.sources.join(', ')}{p.def.cbsNote ? ` · ${p.def.cbsNote}` : ''}</Paragraph>
      </details>
      {error && <Alert type="error">{error}</Alert>}
      {!error && rows === null && <Paragraph aria-live="polite">{t('loading')}</Paragraph>}
      {rows !== null && rows.length === 0 && <Paragraph>{t('noData')}</Paragraph>}
      {rows !== null && rows.length > 0 && (
        <>
          <div className="zicht-toolbar" role="group" aria-label={`${name}: ${t('chart')} / ${t('table')}`}>
            <Button appearance={view === 'chart' ? 'primary-action-button' : 'secondary-action-button'} aria-pressed={view === 'chart'} onClick={() => setView('chart')}>{t('chart')}</Button>
            <Button appearance={view === 'table' ? 'primary-action-button' : 'secondary-action-button'} aria-pressed={view === 'table'} onClick={() => setView('table')}>{t('table')}</Button>
            <Button appearance="subtle-button" onClick={csv}>{t('downloadCsv')}</Button>
          </div>
          {view === 'chart' && option && <Chart option={option} label={chartLabel} height={p.by === 'overgang' ? 420 : 280} />}
          {view === 'table' && (
            <TableWrap label={`${name} — ${t('table')}`}>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('gemeente')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('period')}</TableHeaderCell>
                    {p.by && <TableHeaderCell scope="col">{t('split')}</TableHeaderCell>}
                    <TableHeaderCell scope="col" className="zicht-num">{t('value')}</TableHeaderCell>
                    <TableHeaderCell scope="col" className="zicht-num">{t('numerator')}</TableHeaderCell>
                    <TableHeaderCell scope="col" className="zicht-num">{t('denominator')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('flags')}</TableHeaderCell>
                    {p.onDrill && <TableHeaderCell scope="col"><span className="zicht-sr">{p.drillLabel}</span></TableHeaderCell>}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((r, i) => (
                    <TableRow key={i} className={r.outlier ? 'zicht-outlier' : undefined}>
                      <TableCell>{p.names[r.gemeente] ?? r.gemeente}</TableCell>
                      <TableCell>{r.period}</TableCell>
                      {p.by && <TableCell>{label(r)}{r.outlier ? <strong className="zicht-badge"> {t('outlier')}</strong> : null}</TableCell>}
                      <TableCell className="zicht-num">{fmtValue(r.value, r.unit, lang, r.flags.includes('onderdrukt'))}</TableCell>
                      <TableCell className="zicht-num">{fmtInt(r.numerator, lang)}</TableCell>
                      <TableCell className="zicht-num">{fmtInt(r.denominator, lang)}</TableCell>
                      <TableCell>{r.flags.map((f) => FLAG_TEXT[f]?.[lang === 'nl' ? 0 : 1] ?? f).join('; ')}</TableCell>
                      {p.onDrill && <TableCell><Button appearance="subtle-button" onClick={() => p.onDrill!(r)}>{p.drillLabel}<span className="zicht-sr"> {label(r)}</span></Button></TableCell>}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
          {flags.length > 0 && <Paragraph small className="zicht-flags">{t('flags')}: {flags.map((f) => FLAG_TEXT[f]?.[lang === 'nl' ? 0 : 1] ?? f).join('; ')}</Paragraph>}
          {disclosure && <Paragraph small className="zicht-muted">{t('suppressedNote')}</Paragraph>}
        </>
      )}
      {p.gemeente && !p.def.personLevel && <Narratives indicator={p.def.id} gemeente={p.gemeente} period={latest} unit={p.def.unit} canWrite={p.canWrite} />}
    </section>
  );
}
