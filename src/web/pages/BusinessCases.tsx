/**
 * Business cases: per case the baseline path against the realised cost, the savings against the
 * investment, and the years in which it became budget-neutral and paid itself back, with the
 * method beside it; a form to record a new case.
 */
import { useContext, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, type Me } from '../api.js';
import { dutchToday, fmtValue } from '../format.js';
import { LangContext } from '../i18n.js';
import { param } from '../url.js';
import { Chart, PALETTE } from '../components/Chart.js';
import { TableWrap } from '../components/TableWrap.js';
import { FormMessage } from '../components/FormMessage.js';

interface Line {
  year: number;
  baselineCents: number | null;
  realisedCents: number | null;
  savingsCents: number | null;
  investmentCents: number;
  netCents: number | null;
  cumulativeNetCents: number | null;
  targetSavingsCents: number | null;
  complete: boolean;
}
interface Case {
  spec: {
    id: number;
    gemeente: string;
    title: string;
    description: string | null;
    intensities: string[];
    productCategories: string[];
    startYear: number;
    baselineYear: number;
    owner: string | null;
  };
  lines: Line[];
  budgetNeutralYear: number | null;
  breakEvenYear: number | null;
  totalInvestmentCents: number;
  investedSoFarCents: number;
  totalSavingsCents: number | null;
  problems: string[];
  methodNl: string;
  methodEn: string;
}

/** "2024=450000; 2025=420.000" → {"2024": 45000000, …} in cents; null when a part is not understood. */
export function parseYearAmounts(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{4})\s*[=:]\s*€?\s*([\d.]+(?:,\d{1,2})?)$/.exec(part);
    if (!m) return null;
    out[m[1]!] = Math.round(Number(m[2]!.replace(/\./g, '').replace(',', '.')) * 100);
  }
  return out;
}

function CaseView({ c }: { c: Case }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const eur = (cents: number | null) => fmtValue(cents === null ? null : cents / 100, 'euro', lang);
  const years = c.lines.map((l) => String(l.year));
  const summary = nl
    ? `${c.spec.title}: tot nu ${eur(c.investedSoFarCents)} geïnvesteerd en ${eur(c.totalSavingsCents)} bespaard (volledige jaren; totale investering ${eur(c.totalInvestmentCents)}); budgetneutraal ${c.budgetNeutralYear ?? 'nog niet'}, terugverdiend ${c.breakEvenYear ?? 'nog niet'}.`
    : `${c.spec.title}: so far ${eur(c.investedSoFarCents)} invested and ${eur(c.totalSavingsCents)} saved (complete years; total investment ${eur(c.totalInvestmentCents)}); budget-neutral ${c.budgetNeutralYear ?? 'not yet'}, break-even ${c.breakEvenYear ?? 'not yet'}.`;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, itemGap: 24 },
      grid: { left: 80, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: years },
      yAxis: {
        type: 'value',
        axisLabel: {
          formatter: (v: number) =>
            `€ ${(v / 1_000_000).toLocaleString(nl ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 })} mln`,
        },
      },
      series: [
        {
          name: nl ? 'Basispad' : 'Baseline path',
          type: 'line',
          data: c.lines.map((l) => (l.baselineCents === null ? null : l.baselineCents / 100)),
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#545d68' },
        },
        {
          name: nl ? 'Gerealiseerd' : 'Realised',
          type: 'line',
          data: c.lines.map((l) => (l.complete && l.realisedCents !== null ? l.realisedCents / 100 : null)),
          itemStyle: { color: PALETTE[0] },
        },
        {
          name: nl ? 'Investering' : 'Investment',
          type: 'bar',
          data: c.lines.map((l) => l.investmentCents / 100),
          itemStyle: { color: PALETTE[1] },
        },
        {
          name: nl ? 'Besparing' : 'Savings',
          type: 'bar',
          data: c.lines.map((l) => (l.savingsCents === null ? null : l.savingsCents / 100)),
          itemStyle: { color: PALETTE[2] },
        },
      ],
    }),
    [c, nl, years],
  );
  const headers = nl
    ? ['Jaar', 'Basispad', 'Gerealiseerd', 'Besparing', 'Beoogde besparing', 'Investering', 'Netto', 'Cumulatief']
    : ['Year', 'Baseline path', 'Realised', 'Savings', 'Target savings', 'Investment', 'Net', 'Cumulative'];
  return (
    <section className="zicht-panel" aria-labelledby={`bc-${c.spec.id}`}>
      <Heading level={2} id={`bc-${c.spec.id}`}>
        {c.spec.title}
      </Heading>
      {c.spec.description && <Paragraph>{c.spec.description}</Paragraph>}
      <Paragraph>
        <strong>{summary}</strong>
      </Paragraph>
      {c.problems.map((p) => (
        <Alert key={p} type="warning">
          {p}
        </Alert>
      ))}
      <Chart option={option} label={summary} height={300} />
      <TableWrap label={nl ? `Per jaar: ${c.spec.title}` : `Per year: ${c.spec.title}`} full>
        <table className="utrecht-table zicht-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {headers.map((h, i) => (
                <th
                  key={h}
                  scope="col"
                  className={`utrecht-table__header-cell${i > 0 ? ' utrecht-table__header-cell--numeric-column' : ''}`}
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {c.lines.map((l) => (
              <tr key={l.year} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {l.year}
                  {l.complete ? '' : nl ? ' (onvolledig)' : ' (incomplete)'}
                </th>
                {[
                  l.baselineCents,
                  l.realisedCents,
                  l.savingsCents,
                  l.targetSavingsCents,
                  l.investmentCents,
                  l.netCents,
                  l.cumulativeNetCents,
                ].map((v, i) => (
                  <td key={i} className="utrecht-table__cell utrecht-table__cell--numeric-column">
                    {eur(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <details className="zicht-definition">
        <summary>{nl ? 'Hoe is dit berekend?' : 'How is this computed?'}</summary>
        <Paragraph>{nl ? c.methodNl : c.methodEn}</Paragraph>
      </details>
    </section>
  );
}

export function BusinessCasesPage({ me }: { me: Me }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') || '';
  const [cases, setCases] = useState<Case[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const thisYear = Number(dutchToday().slice(0, 4));
  const [form, setForm] = useState({
    title: '',
    intensities: 'A,B',
    baselineYear: String(thisYear - 2),
    startYear: String(thisYear - 1),
    method: 'trend',
    investment: '',
    target: '',
  });
  const load = () => {
    get<Case[]>('/business-cases', { gemeente: gemeente || undefined }).then(setCases, (e: unknown) =>
      setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e)),
    );
  };
  useEffect(load, [gemeente, nl]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const investmentCents = parseYearAmounts(form.investment);
    const targetSavingsCents = parseYearAmounts(form.target);
    if (!investmentCents || !targetSavingsCents) {
      setMessage({
        ok: false,
        text: nl ? 'Bedragen per jaar als 2024=450000; 2025=420000.' : 'Amounts per year as 2024=450000; 2025=420000.',
      });
      return;
    }
    try {
      await post('/business-cases', {
        gemeente: gemeente || me.gemeenten[0]!.code,
        title: form.title,
        intensities: form.intensities
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
        baselineYear: Number(form.baselineYear),
        startYear: Number(form.startYear),
        baselineMethod: form.method,
        investmentCents,
        targetSavingsCents,
      });
      setMessage({ ok: true, text: nl ? 'Business case vastgelegd.' : 'Business case saved.' });
      load();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
    }
  };
  return (
    <>
      {error && (
        <div role="alert">
          <Alert type="error">{error}</Alert>
        </div>
      )}
      {cases === null && !error && <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>}
      {cases?.length === 0 && (
        <Paragraph>{nl ? 'Nog geen business cases vastgelegd.' : 'No business cases yet.'}</Paragraph>
      )}
      {cases?.map((c) => (
        <CaseView key={c.spec.id} c={c} />
      ))}
      {/* a case's verdict is computed on exact claims: only roles that see them record one (red team 15 F1) */}
      {me.permissions.narrative_write && !me.published && (
        <section className="zicht-panel" aria-labelledby="bc-form-title">
          <Heading level={2} id="bc-form-title">
            {nl ? 'Business case vastleggen' : 'Record a business case'}
          </Heading>
          <form onSubmit={submit} className="zicht-filters">
            <FormField>
              <FormLabel htmlFor="bc-title">{nl ? 'Naam' : 'Name'}</FormLabel>
              <Textbox
                id="bc-title"
                required
                minLength={3}
                value={form.title}
                onChange={(e) => setForm({ ...form, title: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="bc-int">
                {nl ? "Vervangt intensiteiten (A–I, komma's)" : 'Replaces intensities (A–I, commas)'}
              </FormLabel>
              <Textbox
                id="bc-int"
                required
                pattern="[A-Ia-i](\s*,\s*[A-Ia-i])*"
                value={form.intensities}
                onChange={(e) => setForm({ ...form, intensities: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="bc-base">{nl ? 'Basisjaar' : 'Baseline year'}</FormLabel>
              <Textbox
                id="bc-base"
                required
                inputMode="numeric"
                pattern="[0-9]{4}"
                value={form.baselineYear}
                onChange={(e) => setForm({ ...form, baselineYear: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="bc-start">{nl ? 'Startjaar' : 'Start year'}</FormLabel>
              <Textbox
                id="bc-start"
                required
                inputMode="numeric"
                pattern="[0-9]{4}"
                value={form.startYear}
                onChange={(e) => setForm({ ...form, startYear: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="bc-method">{nl ? 'Basispad' : 'Baseline path'}</FormLabel>
              <Select id="bc-method" value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value })}>
                <SelectOption value="trend">
                  {nl ? 'trend van de jaren ervoor' : 'trend of the years before'}
                </SelectOption>
                <SelectOption value="vast">{nl ? 'gelijkblijvend' : 'flat'}</SelectOption>
              </Select>
            </FormField>
            <FormField>
              <FormLabel htmlFor="bc-inv">
                {nl
                  ? 'Investering per jaar (€), bv. 2024=450000; 2025=420000'
                  : 'Investment per year (€), e.g. 2024=450000; 2025=420000'}
              </FormLabel>
              <Textbox
                id="bc-inv"
                required
                value={form.investment}
                onChange={(e) => setForm({ ...form, investment: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="bc-target">
                {nl ? 'Beoogde besparing per jaar (€)' : 'Target savings per year (€)'}
              </FormLabel>
              <Textbox
                id="bc-target"
                value={form.target}
                onChange={(e) => setForm({ ...form, target: e.target.value })}
              />
            </FormField>
            <Button type="submit" appearance="primary-action-button">
              {nl ? 'Opslaan' : 'Save'}
            </Button>
          </form>
          <FormMessage message={message} />
        </section>
      )}
    </>
  );
}
