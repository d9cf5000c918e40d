/**
 * Vergelijken: the gemeente next to a reference group in the shape of the Verwey-Jonker tables,
 * and expected versus actual for all gemeenten as a scatter plot (with the table as its text
 * alternative). The method of "expected" is always one click away.
 * Over 400 lines: the Verwey-Jonker table and the scatter share one request and its state.
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
import { ApiFailure, get, type Me } from '../api.js';
import { fmtInt, fmtValue } from '../format.js';
import { DOWNLOADS, type CsvRow } from '../downloads.js';
import { CsvButtons } from '../components/CsvButtons.js';
import { FLAG_TEXT, LangContext } from '../i18n.js';
import { param, setParams } from '../url.js';
import { Chart, PALETTE } from '../components/Chart.js';
import { TableWrap } from '../components/TableWrap.js';

type Verdict = 'hoger_dan_verwacht' | 'lager_dan_verwacht' | 'zoals_verwacht';
interface Row {
  kind: 'gemeente' | 'referentie' | 'groep' | 'nederland';
  code: string | null;
  name: string;
  inhabitants: number | null;
  sesDecile: number | null;
  povertyDecile: number | null;
  pctBase: number | null;
  pct: number | null;
  index: number | null;
  burdenPerUser: number | null;
  burdenPerInhabitant: number | null;
  burdenIndex: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  verdict: Verdict | null;
  flags: string[];
  /** pooled rows: over how many members each figure was pooled, or CBS's national figure (NL01) */
  coverage: Record<
    string,
    { n: number; of: number; populationShare: number | null; source: 'NL01' | 'gepoold' }
  > | null;
}

const MEASURE: Record<string, [string, string]> = {
  pct: ['%', '%'],
  pctBase: ['% basis', '% base'],
  index: ['index', 'index'],
  pctWithResidence: ['% met verblijf', '% with residence'],
  inhabitants: ['inwoners', 'inhabitants'],
  burdenPerUser: ['lasten/gebruiker', 'burden/user'],
  burdenPerInhabitant: ['lasten/inwoner', 'burden/inhabitant'],
  burdenIndex: ['lastenindex', 'burden index'],
};

/** "Referentiegroep (8 gekozen) — %: 7 van 8 gemeenten (93% van de bevolking)" for each pooled row with gaps. */
function coverageText(x: Row, nl: boolean): string | null {
  if (!x.coverage) return null;
  const parts = Object.entries(x.coverage)
    .filter(([, c]) => c.source === 'NL01' || c.n < c.of)
    .map(([k, c]) => {
      const m = MEASURE[k]?.[nl ? 0 : 1] ?? k;
      if (c.source === 'NL01') return nl ? `${m}: landelijk cijfer van CBS` : `${m}: national figure of CBS`;
      const pop =
        c.populationShare === null
          ? ''
          : ` (${Math.round(c.populationShare * 100)}% ${nl ? 'van de bevolking' : 'of the population'})`;
      return nl ? `${m}: ${c.n} van ${c.of} gemeenten${pop}` : `${m}: ${c.n} of ${c.of} gemeenten${pop}`;
    });
  return parts.length === 0 ? null : `${x.name} — ${parts.join('; ')}`;
}
interface Model {
  outcome: string;
  r2: number;
  n: number;
  outliers: number;
  methodNl: string;
  methodEn: string;
  coefficients: Record<string, number>;
}
interface Point {
  code: string;
  name: string;
  expected: number;
  actual: number;
  lower: number;
  upper: number;
  verdict: Verdict;
  inGroup: boolean;
}
interface Result {
  gemeente: string;
  name: string;
  reference: { nl: string; en: string; members: number };
  period: string | null;
  basePeriod: string;
  year: number | null;
  baseYear: number;
  rows: Row[];
  models: Model[];
  scatter: Point[];
  missingFigures: string[];
  mappingFrom: string;
  halfYears: string[];
  years: number[];
}

const VERDICT: Record<Verdict, [string, string]> = {
  hoger_dan_verwacht: ['hoger dan verwacht', 'higher than expected'],
  lager_dan_verwacht: ['lager dan verwacht', 'lower than expected'],
  zoals_verwacht: ['zoals verwacht', 'as expected'],
};
const GROUPS: Array<[string, string, string]> = [
  ['vergelijkbaar', 'Vergelijkbare gemeenten (SES, armoede, omvang)', 'Similar gemeenten (SES, poverty, size)'],
  ['regio', 'Eigen jeugdzorgregio', 'Own youth-care region'],
  ['grootteklasse', 'Zelfde grootteklasse (CBS)', 'Same size class (CBS)'],
  ['nederland', 'Alle gemeenten', 'All gemeenten'],
  ['lijst', 'Zelf gekozen gemeenten', 'Gemeenten of my choice'],
];

export function BenchmarkPage({ me }: { me: Me }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') || (me.gemeenten[0]?.code ?? '');
  const group = param('groep') ?? 'vergelijkbaar';
  const list = param('lijst') ?? '';
  const period = param('halfjaar');
  const year = param('jaar');
  const [listText, setListText] = useState(list);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reference = group === 'lijst' ? `lijst:${list}` : group;
  useEffect(() => {
    if (group === 'lijst' && !list) return;
    setError(null);
    get<Result>('/benchmark', { gemeente, reference, period, year }).then(setResult, (e: unknown) => {
      setResult(null);
      setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e));
    });
  }, [gemeente, reference, period, year, group, list, nl]);

  const f = (v: number | null, unit: 'procent' | 'euro' | 'aantal') => fmtValue(v, unit, lang);
  // fixed headers: the periods are columns of their own, not parts of a header (a header that changes with the
  // period breaks a Power BI query the next half-year)
  const csvRows = (): CsvRow[] =>
    (result?.rows ?? []).map((r) => ({
      gemeenteCode: r.code,
      gemeente: r.name,
      basePeriodCode: result!.basePeriod,
      periodCode: result!.period,
      inhabitants: r.inhabitants,
      sesDecile: r.sesDecile,
      povertyDecile: r.povertyDecile,
      pctBase: r.pctBase,
      pct: r.pct,
      index: r.index,
      yearCode: result!.year === null ? null : String(result!.year),
      burdenPerUser: r.burdenPerUser === null ? null : Math.round(r.burdenPerUser),
      burdenPerInhabitant: r.burdenPerInhabitant === null ? null : Math.round(r.burdenPerInhabitant),
      burdenIndex: r.burdenIndex,
      expected: r.expected,
      lower: r.lower,
      upper: r.upper,
      verdictCode: r.verdict,
      verdict: r.verdict ? VERDICT[r.verdict][0] : null,
      flagCodes: r.flags.join(' '),
      flags: r.flags.map((k) => FLAG_TEXT[k]?.[0] ?? k).join('; '),
    }));

  return (
    <>
      <form
        className="zicht-filters"
        aria-label={nl ? 'Vergelijking kiezen' : 'Choose comparison'}
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ lijst: listText.replace(/\s+/g, '') || undefined });
        }}
      >
        <FormField>
          <FormLabel htmlFor="b-groep">{nl ? 'Referentiegroep' : 'Reference group'}</FormLabel>
          <Select id="b-groep" value={group} onChange={(e) => setParams({ groep: e.target.value })}>
            {GROUPS.map(([k, n, en]) => (
              <SelectOption key={k} value={k}>
                {nl ? n : en}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        {group === 'lijst' && (
          <FormField>
            <FormLabel htmlFor="b-lijst">{nl ? "Gemeentecodes (komma's)" : 'Gemeente codes (commas)'}</FormLabel>
            <Textbox
              id="b-lijst"
              value={listText}
              placeholder="0150,0363"
              pattern="[0-9]{4}(,\s*[0-9]{4})*"
              onChange={(e) => setListText(e.target.value)}
            />
            <Button type="submit" appearance="secondary-action-button">
              {nl ? 'Toon' : 'Show'}
            </Button>
          </FormField>
        )}
        {result && (
          <>
            <FormField>
              <FormLabel htmlFor="b-halfjaar">{nl ? 'Halfjaar (CBS)' : 'Half-year (CBS)'}</FormLabel>
              <Select
                id="b-halfjaar"
                value={result.period ?? ''}
                onChange={(e) => setParams({ halfjaar: e.target.value })}
              >
                {[...result.halfYears].reverse().map((h) => (
                  <SelectOption key={h} value={h}>
                    {h}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
            <FormField>
              <FormLabel htmlFor="b-jaar">{nl ? 'Jaar (lasten, inwoners)' : 'Year (burden, inhabitants)'}</FormLabel>
              <Select
                id="b-jaar"
                value={String(result.year ?? '')}
                onChange={(e) => setParams({ jaar: e.target.value })}
              >
                {[...result.years].reverse().map((y) => (
                  <SelectOption key={y} value={String(y)}>
                    {y}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
          </>
        )}
      </form>
      {error && (
        <div role="alert">
          <Alert type="error">{error}</Alert>
        </div>
      )}
      {!result && !error && (
        <Paragraph>
          {group === 'lijst' && !list
            ? nl
              ? 'Geef de codes van de gemeenten waarmee u wilt vergelijken.'
              : 'Give the codes of the gemeenten to compare with.'
            : nl
              ? 'Bezig met laden …'
              : 'Loading …'}
        </Paragraph>
      )}
      {result && <BenchmarkResult result={result} f={f} csvRows={csvRows} />}
    </>
  );
}

function BenchmarkResult({
  result: r,
  f,
  csvRows,
}: {
  result: Result;
  f: (v: number | null, u: 'procent' | 'euro' | 'aantal') => string;
  csvRows: () => CsvRow[];
}) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const focus = r.rows[0]!;
  const flags = [...new Set(r.rows.flatMap((x) => x.flags))];
  const pctModel = r.models.find((m) => m.outcome === 'pct_without_residence');
  const summary =
    focus.expected === null || focus.pct === null
      ? nl
        ? `${r.name}: geen verwachting te berekenen.`
        : `${r.name}: no expectation available.`
      : nl
        ? `${r.name}: feitelijk ${f(focus.pct, 'procent')}, verwacht ${f(focus.expected, 'procent')} (95%: ${f(focus.lower, 'procent')} tot ${f(focus.upper, 'procent')}): ${VERDICT[focus.verdict!][0]}. ${r.scatter.length} gemeenten in de grafiek.`
        : `${r.name}: actual ${f(focus.pct, 'procent')}, expected ${f(focus.expected, 'procent')} (95%: ${f(focus.lower, 'procent')} to ${f(focus.upper, 'procent')}): ${VERDICT[focus.verdict!][1]}. ${r.scatter.length} gemeenten in the chart.`;
  const option = useMemo(() => {
    const pts = (pred: (p: Point) => boolean) =>
      r.scatter.filter(pred).map((p) => ({ value: [p.expected, p.actual], name: p.name }));
    const lo = Math.floor(Math.min(...r.scatter.flatMap((p) => [p.expected, p.actual]), 100));
    const hi = Math.ceil(Math.max(...r.scatter.flatMap((p) => [p.expected, p.actual]), 0));
    const fmt = (v: number) => `${v.toLocaleString(nl ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 })}%`;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { name: string; value: [number, number] } }) =>
          `${p.data.name}<br/>${nl ? 'verwacht' : 'expected'} ${fmt(p.data.value[0])} · ${nl ? 'feitelijk' : 'actual'} ${fmt(p.data.value[1])}`,
      },
      legend: { bottom: 0, itemGap: 32 },
      grid: { left: 56, right: 16, top: 16, bottom: 64 },
      xAxis: {
        type: 'value',
        name: nl ? 'verwacht %' : 'expected %',
        nameLocation: 'middle',
        nameGap: 28,
        min: lo,
        max: hi,
      },
      yAxis: {
        type: 'value',
        name: nl ? 'feitelijk %' : 'actual %',
        nameLocation: 'middle',
        nameGap: 40,
        min: lo,
        max: hi,
      },
      series: [
        {
          name: nl ? 'Overige gemeenten' : 'Other gemeenten',
          type: 'scatter',
          symbolSize: 5,
          itemStyle: { color: '#b3b9c0' },
          data: pts((p) => !p.inGroup && p.code !== r.gemeente),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#545d68', type: 'dashed' },
            label: { formatter: nl ? 'feitelijk = verwacht' : 'actual = expected', position: 'insideEndTop' },
            data: [[{ coord: [lo, lo] }, { coord: [hi, hi] }]],
          },
        },
        {
          name: nl ? 'Referentiegroep' : 'Reference group',
          type: 'scatter',
          symbolSize: 9,
          itemStyle: { color: PALETTE[0] },
          data: pts((p) => p.inGroup),
        },
        {
          name: r.name,
          type: 'scatter',
          symbolSize: 16,
          symbol: 'diamond',
          itemStyle: { color: PALETTE[1] },
          data: pts((p) => p.code === r.gemeente),
        },
      ],
    };
  }, [r, nl]);
  return (
    <>
      <section className="zicht-panel" aria-labelledby="bm-table-title">
        <Heading level={2} id="bm-table-title">
          {nl ? `${r.name} vergeleken met ${r.reference.nl}` : `${r.name} compared with ${r.reference.en}`}
        </Heading>
        <Paragraph small className="zicht-muted">
          {nl
            ? `% jeugdigen met jeugdhulp zonder verblijf (CBS) in ${r.basePeriod} en ${r.period ?? '–'}; index ${r.basePeriod} = 100. Inwoners, decielen en lasten (Iv3, taakvelden 6.72 + 6.82) ${r.year ?? '–'}; lastenindex ten opzichte van de begroting ${r.baseYear}. Groep en alle gemeenten: gewogen naar het aantal jeugdigen.`
            : `% youths with jeugdhulp without residence (CBS) in ${r.basePeriod} and ${r.period ?? '–'}; index ${r.basePeriod} = 100. Inhabitants, deciles and burden (Iv3, taakvelden 6.72 + 6.82) ${r.year ?? '–'}; burden index against the ${r.baseYear} budget. Group and all gemeenten: weighted by the number of youths.`}
        </Paragraph>
        <TableWrap label={nl ? 'Vergelijkingstabel' : 'Comparison table'} full>
          <table className="utrecht-table zicht-table">
            <caption className="zicht-sr">
              {nl ? 'Vergelijking met de referentiegroep' : 'Comparison with the reference group'}
            </caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {[
                  nl ? 'Gemeente' : 'Gemeente',
                  nl ? 'Inwoners' : 'Inhabitants',
                  nl ? 'SES-deciel' : 'SES decile',
                  nl ? 'Armoededeciel' : 'Poverty decile',
                  `% ${r.basePeriod}`,
                  `% ${r.period ?? ''}`,
                  'Index',
                  // Iv3 lasten of a calendar year, not claims: the label says so (claims are on Geld, per period)
                  `${nl ? 'Lasten per gebruiker' : 'Burden per user'} (Iv3 ${r.year ?? ''})`,
                  `${nl ? 'Lasten per inwoner' : 'Burden per inhabitant'} (Iv3 ${r.year ?? ''})`,
                  `${nl ? 'Lastenindex' : 'Burden index'} (Iv3 ${r.year ?? ''} / ${r.baseYear})`,
                  nl ? 'Verwacht % (95%)' : 'Expected % (95%)',
                  nl ? 'Oordeel' : 'Verdict',
                ].map((h, i) => (
                  <th
                    key={h}
                    scope="col"
                    className={`utrecht-table__header-cell${i > 0 && i < 11 ? ' utrecht-table__header-cell--numeric-column' : ''}${i === 11 ? ' zicht-sticky-end' : ''}`}
                  >
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {r.rows.map((x) => (
                <tr
                  key={`${x.kind}-${x.code ?? x.name}`}
                  className={`utrecht-table__row${x.kind === 'gemeente' ? ' zicht-row-focus' : x.kind === 'referentie' ? '' : ' zicht-row-total'}`}
                >
                  <th scope="row" className="utrecht-table__header-cell">
                    {x.name}
                    {x.code ? ` (${x.code})` : ''}
                  </th>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">
                    {fmtInt(x.inhabitants, lang)}
                  </td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{x.sesDecile ?? ''}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{x.povertyDecile ?? ''}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{f(x.pctBase, 'procent')}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{f(x.pct, 'procent')}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{x.index ?? '–'}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">
                    {f(x.burdenPerUser, 'euro')}
                  </td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">
                    {f(x.burdenPerInhabitant, 'euro')}
                  </td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{x.burdenIndex ?? '–'}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric-column">
                    {x.expected === null
                      ? ''
                      : `${f(x.expected, 'procent')} (${f(x.lower, 'procent')}–${f(x.upper, 'procent')})`}
                  </td>
                  <td className="utrecht-table__cell zicht-sticky-end">
                    {x.verdict ? VERDICT[x.verdict][nl ? 0 : 1] : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {r.rows
          .map((x) => coverageText(x, nl))
          .filter((t): t is string => t !== null)
          .map((t) => (
            <Paragraph small key={t} className="zicht-muted">
              {t}
            </Paragraph>
          ))}
        {flags.length > 0 && (
          <Paragraph small className="zicht-muted">
            {flags.map((k) => FLAG_TEXT[k]?.[nl ? 0 : 1] ?? k).join(' · ')}
          </Paragraph>
        )}
        <CsvButtons
          def={DOWNLOADS.vergelijking}
          file={`vergelijking-${r.gemeente}-${r.period ?? ''}.csv`}
          rows={csvRows}
          text={nl ? 'Download als CSV' : 'Download as CSV'}
        />
      </section>
      <section className="zicht-panel" aria-labelledby="bm-eva-title">
        <Heading level={2} id="bm-eva-title">
          {nl ? 'Verwacht versus feitelijk' : 'Expected versus actual'}
        </Heading>
        <Paragraph>{summary}</Paragraph>
        {r.scatter.length > 0 && <Chart option={option} label={summary} height={420} />}
        {pctModel && (
          <details className="zicht-definition">
            <summary>{nl ? 'Hoe is "verwacht" berekend?' : 'How is "expected" computed?'}</summary>
            <Paragraph>{nl ? pctModel.methodNl : pctModel.methodEn}</Paragraph>
            <Paragraph small className="zicht-muted">
              {nl ? 'Coëfficiënten' : 'Coefficients'}:{' '}
              {Object.entries(pctModel.coefficients)
                .map(([k, v]) => `${k} ${v.toLocaleString(nl ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 3 })}`)
                .join(' · ')}
              {' · '}
              {nl ? 'bron-koppeling' : 'source mapping'}: {r.mappingFrom}
            </Paragraph>
          </details>
        )}
        {r.missingFigures.length > 0 && (
          <Alert type="warning">
            {nl
              ? `Geen CBS-gegevens voor: ${r.missingFigures.join(', ')}. Zie zicht cbs mapping.`
              : `No CBS data for: ${r.missingFigures.join(', ')}.`}
          </Alert>
        )}
      </section>
    </>
  );
}

/**
 * On the Overzicht: the gemeente against its most similar gemeenten in one sentence, with the way
 * to the full comparison. Only for one gemeente, and only when CBS data is loaded.
 */
export function BenchmarkSummary({ gemeente, onOpen }: { gemeente: string; onOpen: () => void }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [r, setR] = useState<Result | null>(null);
  useEffect(() => {
    setR(null);
    if (gemeente) get<Result>('/benchmark', { gemeente, reference: 'vergelijkbaar' }).then(setR, () => setR(null));
  }, [gemeente]);
  if (!r) return null;
  const focus = r.rows[0]!;
  const group = r.rows.find((x) => x.kind === 'groep');
  const pct = (v: number | null) => fmtValue(v, 'procent', lang);
  return (
    <section className="zicht-panel" aria-labelledby="bm-summary">
      <Heading level={2} id="bm-summary">
        {nl ? 'Vergeleken met vergelijkbare gemeenten' : 'Compared with similar gemeenten'}
      </Heading>
      <Paragraph>
        {nl
          ? `% jeugdigen met jeugdhulp zonder verblijf (CBS, ${r.period}): ${r.name} ${pct(focus.pct)}, de ${r.reference.members} meest vergelijkbare gemeenten samen ${pct(group?.pct ?? null)}.`
          : `% youths with jeugdhulp without residence (CBS, ${r.period}): ${r.name} ${pct(focus.pct)}, the ${r.reference.members} most similar gemeenten together ${pct(group?.pct ?? null)}.`}
        {focus.verdict &&
          focus.expected !== null &&
          (nl
            ? ` Bij haar bevolking was ${pct(focus.expected)} te verwachten: ${VERDICT[focus.verdict][0]}.`
            : ` Its population predicts ${pct(focus.expected)}: ${VERDICT[focus.verdict][1]}.`)}
      </Paragraph>
      <a
        className="utrecht-link"
        href={`/vergelijken?gemeente=${gemeente}`}
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
      >
        {nl ? 'Naar de vergelijking' : 'To the comparison'}
      </a>
    </section>
  );
}
