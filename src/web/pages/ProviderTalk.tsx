/**
 * Kwartaalgesprek: one provider's KPIs against the region and their trend, on screen, from the same
 * report model as the PDF and Excel (GET /api/v1/reports/aanbieder?format=json), so what is discussed
 * is exactly what is handed out.
 */
import { providerLabel } from '../labels.js';
import { useContext, useEffect, useRef, useState } from 'react';
import {
  Alert,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { ApiFailure, get, type Me, type Periods, API_PREFIX } from '../api.js';
import { fmtPrice, fmtValue, type Unit } from '../format.js';
import { LangContext } from '../i18n.js';
import { param, setParams } from '../url.js';
import { Chart } from '../components/Chart.js';
import { TableWrap } from '../components/TableWrap.js';
import { AgreementsPanel } from '../components/AgreementsPanel.js';

type Cell = string | number | null;
interface Column {
  label: string;
  /** 'prijs': euros to the cent (reports/format.ts) */
  unit: Unit | 'tekst' | 'prijs';
}
interface Table {
  caption: string;
  columns: Column[];
  rows: Cell[][];
  note?: string;
}
interface ReportChart {
  title: string;
  kind: 'bar' | 'line';
  unit: Unit;
  categories: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
}
interface Section {
  heading: string;
  paragraphs: string[];
  tables: Table[];
  charts: ReportChart[];
}
interface Model {
  title: string;
  subtitle: string;
  empty: boolean;
  sections: Section[];
}
interface Provider {
  agb: string;
  name: string | null;
  trajectories: number;
}

/** A headline-style table carries its unit per row in a column "eenheid" (as in the PDF). */
function unitOf(t: Table, row: Cell[], i: number): Column['unit'] {
  const col = t.columns[i]!;
  if (col.unit === 'tekst') return 'tekst';
  const u = t.columns.findIndex((c) => c.label === 'eenheid');
  return u >= 0 && !col.label.endsWith('%') ? ((row[u] as Unit | null) ?? col.unit) : col.unit;
}

export function ReportView({ model }: { model: Model }) {
  const lang = useContext(LangContext);
  const cell = (t: Table, r: Cell[], i: number) => {
    const v = r[i];
    const u = unitOf(t, r, i);
    if (u === 'tekst' || typeof v !== 'number') return v ?? '–';
    return u === 'prijs' ? fmtPrice(v, lang) : fmtValue(v, u, lang);
  };
  return (
    <>
      {model.sections.map((s) => (
        <section key={s.heading} className="zicht-panel" aria-label={s.heading}>
          <Heading level={2}>{s.heading}</Heading>
          {s.paragraphs.map((p, i) => (
            <Paragraph key={i}>{p}</Paragraph>
          ))}
          {s.tables.map((t) => {
            const shown = t.columns.map((c, i) => ({ c, i })).filter((x) => x.c.label !== 'eenheid');
            return (
              <TableWrap key={t.caption} label={t.caption} full>
                <table className="utrecht-table zicht-table">
                  <caption className="zicht-sr">{t.caption}</caption>
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      {shown.map(({ c, i }) => (
                        <th
                          key={i}
                          scope="col"
                          className={`utrecht-table__header-cell${i > 0 ? ' utrecht-table__header-cell--numeric-column' : ''}`}
                        >
                          {c.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="utrecht-table__body">
                    {t.rows.map((r, ri) => (
                      <tr key={ri} className="utrecht-table__row">
                        {shown.map(({ i }) =>
                          i === 0 ? (
                            <th key={i} scope="row" className="utrecht-table__header-cell">
                              {r[0]}
                            </th>
                          ) : (
                            <td key={i} className="utrecht-table__cell utrecht-table__cell--numeric-column">
                              {cell(t, r, i)}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            );
          })}
          {s.charts.map((c) => (
            <Chart
              key={c.title}
              height={300}
              label={`${c.title}: ${c.series.map((x) => `${x.name} ${x.values.map((v) => fmtValue(v, c.unit, lang)).join(', ')}`).join('; ')}`}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0, type: 'scroll', itemGap: 28 },
                grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
                xAxis: { type: 'category', data: c.categories },
                yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmtValue(v, c.unit, lang) } },
                series: c.series.map((x) => ({ name: x.name, type: c.kind, data: x.values, symbolSize: 7 })),
              }}
            />
          ))}
        </section>
      ))}
    </>
  );
}

export function ProviderTalkPage({ me, periods }: { me: Me; periods: Periods }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') || (me.gemeenten[0]?.code ?? '');
  const quarter = param('kwartaal') ?? periods.quarters[periods.quarters.length - 2]?.key ?? '';
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const agb = param('aanbieder') ?? me.provider ?? providers?.[0]?.agb ?? '';
  const [model, setModel] = useState<Model | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    get<Provider[]>('/providers', { gemeente }).then(setProviders, () => setProviders([]));
  }, [gemeente]);
  // A reload after an agreement was recorded (version) keeps the report on screen: emptying it unmounted the
  // agreements panel with its "recorded" message, which then flashed by unseen (and made a browser test flaky).
  const shown = useRef('');
  useEffect(() => {
    if (!agb || !quarter) return;
    const key = `${gemeente}|${quarter}|${agb}|${lang}`;
    if (shown.current !== key) setModel(null);
    shown.current = key;
    setError(null);
    get<Model>('/reports/aanbieder', { gemeente, period: quarter, aanbieder: agb, format: 'json' }).then(
      setModel,
      (e: unknown) => setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e)),
    );
  }, [gemeente, quarter, agb, nl, version]);
  const link = (format: string) =>
    `${API_PREFIX}/reports/aanbieder?gemeente=${gemeente}&period=${quarter}&aanbieder=${agb}&format=${format}`;
  return (
    <>
      <form
        className="zicht-filters"
        aria-label={nl ? 'Aanbieder en kwartaal' : 'Provider and quarter'}
        onSubmit={(e) => e.preventDefault()}
      >
        <FormField>
          <FormLabel htmlFor="pt-agb">{nl ? 'Aanbieder' : 'Provider'}</FormLabel>
          <Select
            id="pt-agb"
            value={agb}
            onChange={(e) => setParams({ aanbieder: e.target.value })}
            disabled={me.role === 'aanbieder'}
          >
            {(providers ?? []).map((p) => (
              <SelectOption key={p.agb} value={p.agb}>
                {providerLabel(p.agb, p.name)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField>
          <FormLabel htmlFor="pt-q">{nl ? 'Kwartaal' : 'Quarter'}</FormLabel>
          <Select id="pt-q" value={quarter} onChange={(e) => setParams({ kwartaal: e.target.value })}>
            {[...periods.quarters].reverse().map((q) => (
              <SelectOption key={q.key} value={q.key}>
                {q.label}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </form>
      {error && (
        <div role="alert">
          <Alert type="error">{error}</Alert>
        </div>
      )}
      {!model && !error && <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>}
      {model && (
        <>
          <Paragraph>
            {/* the report model names the provider by its bare AGB code: say the name here (src/reports owns the text) */}
            {model.subtitle.replace(/\baanbieder (\d{8})\b/, (_m, code: string) =>
              providerLabel(code, providers?.find((x) => x.agb === code)?.name),
            )}{' '}
            ·{' '}
            <a className="utrecht-link" href={link('pdf')} download>
              PDF
            </a>{' '}
            ·{' '}
            <a className="utrecht-link" href={link('xlsx')} download>
              Excel
            </a>
          </Paragraph>
          <ReportView model={model} />
        </>
      )}
      {me.permissions.contracts && /^\d{4}$/.test(gemeente) && agb && quarter && (
        <AgreementsPanel gemeente={gemeente} agb={agb} quarter={quarter} onChange={() => setVersion((v) => v + 1)} />
      )}
    </>
  );
}
