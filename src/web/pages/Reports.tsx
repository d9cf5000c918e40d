/**
 * Rapporten: the monthly, council and provider reports as PDF or Excel, for the chosen gemeente and period.
 * Which kinds this account may make, and their names, come from the server's registry (GET /report-kinds;
 * src/reports/kinds/).
 */
import { useContext, useEffect, useState } from 'react';
import {
  Button,
  Checkbox,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, type Me, type Periods, API_PREFIX } from '../api.js';
import type { ReportKind, ReportKindInfo, SavedReport } from '../../reports/apiTypes.js';
import { LangContext } from '../i18n.js';
import { param } from '../url.js';
import { providerLabel } from '../labels.js';
import { monthOf, periodLabel } from '../format.js';
import { FormMessage } from '../components/FormMessage.js';

export function ReportsPage({ me, periods }: { me: Me; periods: Periods }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') ?? me.gemeenten[0]?.code ?? '';
  const chosen = param('periode') ?? periods.defaultPeriod;
  const [month, setMonth] = useState(() => monthOf(chosen, periods.dataEnd));
  useEffect(() => setMonth(monthOf(chosen, periods.dataEnd)), [chosen, periods.dataEnd]);
  // the provider report is per quarter: the chosen one, or the quarter of the month above
  const monthQuarter = `${month.slice(0, 4)}Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
  const quarter =
    periods.quarters.find((q) => q.key === chosen)?.key ??
    periods.quarters.find((q) => q.key === monthQuarter)?.key ??
    periods.quarters[periods.quarters.length - 1]?.key ??
    '';
  // a period chosen further back than the last twelve months brings its own month into the list
  const monthOptions = periods.months.some((m) => m.key === month)
    ? periods.months
    : [
        { key: month, label: new Date(`${month}-15`).toLocaleDateString('nl-NL', { month: 'long', year: 'numeric' }) },
        ...periods.months,
      ];
  const label = (key: string, list: Array<{ key: string; label: string }>) =>
    periodLabel(
      list.find((x) => x.key === key) ?? monthOptions.find((x) => x.key === key) ?? { key, label: key },
      lang,
    );
  const [kinds, setKinds] = useState<ReportKindInfo[]>([]);
  useEffect(() => {
    get<ReportKindInfo[]>('/report-kinds').then(setKinds, () => setKinds([]));
  }, []);
  const may = (id: ReportKind) => kinds.some((k) => k.id === id);
  const [provider, setProvider] = useState(me.provider ?? '');
  // the provider is chosen by name (GET /providers: those with trajectories in the gemeente), not typed as an AGB code
  const [providers, setProviders] = useState<Array<{ agb: string; name: string | null }>>([]);
  useEffect(() => {
    if (!gemeente) return;
    get<Array<{ agb: string; name: string | null }>>('/providers', { gemeente }).then(
      (ps) =>
        setProviders(
          [...ps].sort((a, b) => providerLabel(a.agb, a.name).localeCompare(providerLabel(b.agb, b.name), 'nl')),
        ),
      () => setProviders([]),
    );
  }, [gemeente]);
  const providerName = (agb: string) => providerLabel(agb, providers.find((x) => x.agb === agb)?.name);
  const gemeenteName = me.gemeenten.find((g) => g.code === gemeente)?.name ?? gemeente;
  const link = (kind: string, period: string, format: string, extra = '') =>
    `${API_PREFIX}/reports/${kind}?gemeente=${gemeente}&period=${period}&format=${format}${extra}`;
  const both = (kind: string, period: string, extra = '') => (
    <>
      <a className="utrecht-link" href={link(kind, period, 'pdf', extra)} download>
        PDF
      </a>
      {' · '}
      <a className="utrecht-link" href={link(kind, period, 'xlsx', extra)} download>
        Excel
      </a>
    </>
  );
  if (!gemeente) return <Paragraph>{nl ? 'Kies eerst een gemeente.' : 'Choose a municipality first.'}</Paragraph>;
  const raadPeriod = chosen;
  const raadLabel = label(raadPeriod, [...periods.halfYears, ...periods.years, ...periods.quarters]);
  // bestuur and aanbieder always get the external version: one link, not "PDF" and "extern: PDF" for the same file
  const externalOnly = me.role === 'bestuur' || me.role === 'aanbieder';
  return (
    <section className="zicht-panel" aria-labelledby="reports-title">
      <Heading level={2} id="reports-title">
        {nl ? `Rapporten voor ${gemeenteName}` : `Reports for ${gemeenteName}`}
      </Heading>
      <UnorderedList>
        {may('maand') && (
          <UnorderedListItem>
            {nl ? `Maandrapportage ${label(month, monthOptions)}: ` : `Monthly report ${label(month, monthOptions)}: `}
            {both('maand', month)}
          </UnorderedListItem>
        )}
        {may('raad') && (
          <UnorderedListItem>
            {nl ? `Raadsrapportage ${raadLabel}` : `Council report ${raadLabel}`}
            {externalOnly ? (
              <>
                {nl ? ' (externe versie): ' : ' (external version): '}
                {both('raad', raadPeriod, '&extern=true')}
              </>
            ) : (
              <>
                {nl ? ' intern: ' : ' internal: '}
                {both('raad', raadPeriod)}
                {' · '}
                {nl ? 'extern: ' : 'external: '}
                {both('raad', raadPeriod, '&extern=true')}
              </>
            )}
          </UnorderedListItem>
        )}
        {may('aanbieder') && provider.length === 8 && (
          <UnorderedListItem>
            {nl
              ? `Kwartaalrapportage ${providerName(provider)}, ${label(quarter, periods.quarters)}: `
              : `Provider report ${providerName(provider)}, ${label(quarter, periods.quarters)}: `}
            {both('aanbieder', quarter, `&aanbieder=${provider}`)}
          </UnorderedListItem>
        )}
      </UnorderedList>
      {may('maand') && periods.months.length > 0 && (
        <FormField>
          <FormLabel htmlFor="r-maand">
            {nl ? 'Maand (voor de maandrapportage)' : 'Month (for the monthly report)'}
          </FormLabel>
          <Select id="r-maand" value={month} onChange={(e) => setMonth(e.target.value)}>
            {monthOptions.map((m) => (
              <SelectOption key={m.key} value={m.key}>
                {periodLabel(m, lang)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      )}
      {!me.provider && (
        <FormField>
          <FormLabel htmlFor="r-agb">
            {nl ? 'Aanbieder (voor het kwartaalrapport)' : 'Provider (for the quarterly report)'}
          </FormLabel>
          <Select id="r-agb" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <SelectOption value="">{nl ? '— kies een aanbieder —' : '— choose a provider —'}</SelectOption>
            {providers.map((x) => (
              <SelectOption key={x.agb} value={x.agb}>
                {providerLabel(x.agb, x.name)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      )}
      <Paragraph small className="zicht-muted">
        {nl
          ? 'Dezelfde rapporten maakt u met: zicht report maand|raad|aanbieder --gemeente … --period … --out bestand.pdf'
          : 'The same reports from the command line: zicht report …'}
      </Paragraph>
      <SavedReports me={me} kinds={kinds} gemeente={gemeente} provider={provider} providerName={providerName} />
    </section>
  );
}

/**
 * Vaste rapporten: a report saved once is made for every new complete period (by `zicht report
 * due` from cron, or here with "nu maken"); every version made stays downloadable.
 */
function SavedReports({
  me,
  kinds,
  gemeente,
  provider,
  providerName,
}: {
  me: Me;
  kinds: ReportKindInfo[];
  gemeente: string;
  provider: string;
  providerName: (agb: string) => string;
}) {
  const gname = (code: string) => me.gemeenten.find((g) => g.code === code)?.name ?? code;
  const nl = useContext(LangContext) === 'nl';
  const [list, setList] = useState<SavedReport[] | null>(null);
  const kindName = (id: ReportKind) => {
    const k = kinds.find((x) => x.id === id);
    return k ? (nl ? k.nameNl : k.nameEn) : id;
  };
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [form, setForm] = useState({
    name: '',
    kind: me.permissions.money && me.role !== 'aanbieder' ? 'maand' : 'aanbieder',
    extern: false,
    format: 'pdf',
  });
  const load = () => {
    get<SavedReport[]>('/report-schedules').then(setList, () => setList([]));
  };
  useEffect(load, []);
  const fail = (err: unknown) =>
    setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const r = await post<{ name: string; from: string }>('/report-schedules', {
        name: form.name,
        kind: form.kind,
        gemeente,
        extern: form.extern,
        format: form.format,
        ...(kinds.find((k) => k.id === form.kind)?.forProvider ? { aanbieder: provider } : {}),
      });
      setMessage({
        ok: true,
        text: nl
          ? `Vast rapport ${r.name} bewaard; het wordt gemaakt vanaf ${r.from}.`
          : `Saved ${r.name}; made from ${r.from}.`,
      });
      load();
    } catch (err) {
      fail(err);
    }
  };
  const run = async (name: string) => {
    setMessage(null);
    try {
      const r = await post<{ made: string[] }>(`/report-schedules/${name}/run`, {});
      setMessage({
        ok: true,
        text:
          r.made.length === 0
            ? nl
              ? `${name} is bij.`
              : `${name} is up to date.`
            : nl
              ? `${name} gemaakt voor ${r.made.join(', ')}.`
              : `${name} made for ${r.made.join(', ')}.`,
      });
      load();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <section aria-labelledby="saved-title">
      <Heading level={3} id="saved-title">
        {nl ? 'Vaste rapporten' : 'Saved reports'}
      </Heading>
      {list !== null && list.length === 0 && (
        <Paragraph>{nl ? 'Nog geen vaste rapporten.' : 'No saved reports yet.'}</Paragraph>
      )}
      <UnorderedList>
        {(list ?? []).map((s) => (
          <UnorderedListItem key={s.name}>
            <strong>{s.name}</strong>: {kindName(s.kind)} {gname(s.gemeente)}
            {s.aanbieder ? `, ${providerName(s.aanbieder)}` : ''}
            {s.extern ? (nl ? ', extern' : ', external') : ''} ({s.format.toUpperCase()}){' — '}
            {s.files.length === 0
              ? nl
                ? 'nog niet gemaakt'
                : 'not made yet'
              : s.files.map((f, i) => (
                  <span key={f.period}>
                    {i > 0 ? ' · ' : ''}
                    <a className="utrecht-link" href={f.url} download>
                      {f.period}
                    </a>
                  </span>
                ))}
            {me.permissions.narrative_write && (
              <>
                {' '}
                <Button appearance="subtle-button" onClick={() => run(s.name)}>
                  {nl ? 'Nu maken' : 'Make now'}
                  <span className="zicht-sr"> {s.name}</span>
                </Button>
              </>
            )}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {me.permissions.narrative_write && (
        <form onSubmit={save} className="zicht-filters" aria-label={nl ? 'Vast rapport bewaren' : 'Save a report'}>
          <FormField>
            <FormLabel htmlFor="s-name">{nl ? 'Naam (a-z, 0-9, -)' : 'Name (a-z, 0-9, -)'}</FormLabel>
            <Textbox
              id="s-name"
              required
              pattern="[a-z0-9\-]{2,40}"
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </FormField>
          <FormField>
            <FormLabel htmlFor="s-kind">{nl ? 'Rapport' : 'Report'}</FormLabel>
            <Select id="s-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {kinds.map((k) => (
                <SelectOption key={k.id} value={k.id}>
                  {nl ? k.nameNl : k.nameEn}
                  {k.forProvider ? (nl ? ' (aanbieder hierboven)' : ' (provider above)') : ''}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField>
            <FormLabel htmlFor="s-format">{nl ? 'Formaat' : 'Format'}</FormLabel>
            <Select id="s-format" value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value })}>
              <SelectOption value="pdf">PDF</SelectOption>
              <SelectOption value="xlsx">Excel</SelectOption>
            </Select>
          </FormField>
          <div className="zicht-radio">
            <Checkbox
              id="s-extern"
              checked={form.extern}
              onChange={(e) => setForm({ ...form, extern: e.target.checked })}
            />
            <FormLabel htmlFor="s-extern" type="checkbox">
              {nl ? 'externe versie (afgerond, kleine aantallen verborgen)' : 'external version'}
            </FormLabel>
          </div>
          <Button type="submit" appearance="secondary-action-button">
            {nl ? 'Bewaren' : 'Save'}
          </Button>
        </form>
      )}
      <FormMessage message={message} />
    </section>
  );
}
