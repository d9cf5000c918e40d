/**
 * Trajecten: person-level (pseudonymised) rows within the user's scope; the server logs each request.
 * "Herkomst" shows where one trajectory came from: its row in the gemeente's file and every iJw
 * message about its allocation, with run, file and place in the file (also logged).
 */
import { productCategoryLabel, providerLabel } from '../labels.js';
import { TableWrap } from '../components/TableWrap.js';
import { Pager } from '../components/Pager.js';
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
  Button,
} from '@utrecht/component-library-react';
import { ApiFailure, get, type Me } from '../api.js';
import { fmtDate, fmtDateTime } from '../format.js';
import { DOWNLOADS } from '../downloads.js';
import { CsvButtons } from '../components/CsvButtons.js';
import { ProviderExitSection } from '../components/ProviderExitSection.js';
import { LangContext, useT } from '../i18n.js';
import { param } from '../url.js';

interface Trajectory {
  gemeente: string;
  trajectory: string;
  youth: string;
  provider: string | null;
  productCategory: string;
  team: string | null;
  start: string | null;
  end: string | null;
  endReason: string | null;
}
interface Source {
  what: string;
  ref: string | null;
  run: number;
  recordType: string;
  importedAt: string;
  file: string;
  sha256: string;
}
interface Sources {
  gemeente: string;
  trajectory: string;
  sources: Source[];
}

function SourcesPanel({ of, onClose }: { of: { gemeente: string; trajectory: string }; onClose: () => void }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [data, setData] = useState<Sources | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    get<Sources>(`/trajecten/${encodeURIComponent(of.gemeente)}/${encodeURIComponent(of.trajectory)}/bronnen`).then(
      setData,
      (e: unknown) => setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e)),
    );
  }, [of.gemeente, of.trajectory, nl]);
  const title = nl
    ? `Herkomst van traject ${of.trajectory} (gemeente ${of.gemeente})`
    : `Sources of trajectory ${of.trajectory} (gemeente ${of.gemeente})`;
  return (
    <section aria-labelledby="sources-title" className="zicht-panel">
      <Heading level={2} id="sources-title" tabIndex={-1}>
        {title}
      </Heading>
      {error && <Alert type="error">{error}</Alert>}
      {!data && !error && <Paragraph>{nl ? 'Laden…' : 'Loading…'}</Paragraph>}
      {data && (
        <>
          <Paragraph small className="zicht-muted">
            {nl
              ? 'Elke regel is een bron: de regel in het bestand van de gemeente of een iJw-bericht over de toewijzing. Het bestand zelf haalt een beheerder op met zicht import bron <run> --out <bestand>.'
              : 'Each line is a source: the line in the gemeente’s file or an iJw message about the allocation. An administrator gets the file itself with zicht import bron <run> --out <file>.'}
          </Paragraph>
          <TableWrap label={title}>
            <Table>
              <TableHeader>
                <TableRow>
                  {(nl
                    ? ['Wat', 'Waar in het bestand', 'Bestand', 'Soort', 'Ingelezen', 'Run']
                    : ['What', 'Where in the file', 'File', 'Kind', 'Imported', 'Run']
                  ).map((h) => (
                    <TableHeaderCell key={h} scope="col">
                      {h}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.sources.map((x, i) => (
                  <TableRow key={`${x.run}-${i}`}>
                    <TableCell>{x.what}</TableCell>
                    <TableCell>
                      <code>{x.ref ?? ''}</code>
                    </TableCell>
                    <TableCell>{x.file}</TableCell>
                    <TableCell>{x.recordType}</TableCell>
                    <TableCell>{fmtDateTime(x.importedAt, lang)}</TableCell>
                    <TableCell>{x.run}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        </>
      )}
      <Button appearance="subtle-button" onClick={onClose}>
        {nl ? 'Sluiten' : 'Close'}
      </Button>
    </section>
  );
}

type SortKey = 'gemeente' | 'trajectory' | 'provider' | 'category' | 'team' | 'start';
const PAGE_SIZE = 25;
/** The most the API gives in one answer (GET /trajecten limit). */
const MAX_ROWS = 1000;

/**
 * Open trajectories as a table with a count, a search, sortable columns and pages of 25 (it was a
 * box of seven visible rows with no way to find one trajectory among 200).
 */
export function TrajectoriesPage({ me }: { me: Me }) {
  const t = useT();
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [rows, setRows] = useState<Trajectory[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'start', up: false });
  const [page, setPage] = useState(0);
  const gemeente = param('gemeente') ?? '';
  const gname = (code: string) => me.gemeenten.find((g) => g.code === code)?.name ?? code;
  // providers by name where the region registered one (GET /providers), else "AGB 12345678"
  const [providers, setProviders] = useState<Map<string, string | null>>(new Map());
  useEffect(() => {
    get<Array<{ agb: string; name: string | null }>>('/providers', { gemeente: gemeente || undefined }).then(
      (ps) => setProviders(new Map(ps.map((x) => [x.agb, x.name]))),
      () => setProviders(new Map()),
    );
  }, [gemeente]);
  const [sourcesOf, setSourcesOf] = useState<{ gemeente: string; trajectory: string } | null>(null);
  // the button that opened the panel gets the focus back when it closes
  const opener = useRef<HTMLElement | null>(null);
  // move focus to the panel's heading, so a keyboard or screen-reader user lands on what opened
  useEffect(() => {
    if (sourcesOf) document.getElementById('sources-title')?.focus();
  }, [sourcesOf]);
  useEffect(() => {
    setRows(null);
    setError(null);
    get<Trajectory[]>('/trajecten', { gemeente: gemeente || undefined, open: 'true', limit: String(MAX_ROWS) }).then(
      setRows,
      (e: unknown) => setError(e instanceof ApiFailure ? (lang === 'nl' ? e.message : e.messageEn) : String(e)),
    );
  }, [gemeente, lang]);
  const providerText = (r: Trajectory) => (r.provider ? providerLabel(r.provider, providers.get(r.provider)) : '–');
  const categoryText = (r: Trajectory) => (r.productCategory ? productCategoryLabel(r.productCategory) : '–');
  const sortValue: Record<SortKey, (r: Trajectory) => string> = {
    gemeente: (r) => gname(r.gemeente),
    trajectory: (r) => r.trajectory,
    provider: providerText,
    category: categoryText,
    team: (r) => r.team ?? '',
    start: (r) => r.start ?? '',
  };
  const shown = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const found = (rows ?? []).filter((r) => {
      const hay = [gname(r.gemeente), r.trajectory, r.youth, providerText(r), categoryText(r), r.team ?? '']
        .join(' ')
        .toLowerCase();
      return words.every((w) => hay.includes(w));
    });
    const v = sortValue[sort.key];
    return found.sort((a, b) => (sort.up ? 1 : -1) * v(a).localeCompare(v(b), 'nl', { numeric: true }));
  }, [rows, query, sort, providers]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const columns: Array<[SortKey | null, string]> = [
    ['gemeente', nl ? 'Gemeente' : 'Municipality'],
    ['trajectory', nl ? 'Traject' : 'Trajectory'],
    [null, nl ? 'Pseudoniem' : 'Pseudonym'],
    ['provider', nl ? 'Aanbieder' : 'Provider'],
    ['category', nl ? 'Productcategorie' : 'Product category'],
    ['team', 'Team'],
    ['start', 'Start'],
    [null, nl ? 'Herkomst' : 'Sources'],
  ];
  const sortBy = (key: SortKey) => {
    setSort((x) => ({ key, up: x.key === key ? !x.up : key !== 'start' }));
    setPage(0);
  };
  const count =
    rows === null
      ? ''
      : query.trim()
        ? nl
          ? `${shown.length.toLocaleString('nl-NL')} van ${rows.length.toLocaleString('nl-NL')} open trajecten gevonden`
          : `${shown.length.toLocaleString('en-GB')} of ${rows.length.toLocaleString('en-GB')} open trajectories found`
        : nl
          ? `${rows.length.toLocaleString('nl-NL')} open trajecten`
          : `${rows.length.toLocaleString('en-GB')} open trajectories`;
  return (
    <>
      <Paragraph small className="zicht-muted">
        {me.provider
          ? `${lang === 'nl' ? 'Aanbieder' : 'Provider'} ${providerLabel(me.provider, providers.get(me.provider))}`
          : me.team
            ? `Team ${me.team.code}`
            : ''}
      </Paragraph>
      {error && <Alert type="error">{error}</Alert>}
      {rows === null && !error && <Paragraph>{t('loading')}</Paragraph>}
      {rows && (
        <>
          <div className="zicht-filters" role="search">
            <FormField>
              <FormLabel htmlFor="traj-zoek">
                {nl
                  ? 'Zoeken (traject, pseudoniem, aanbieder, productcategorie, team)'
                  : 'Search (trajectory, pseudonym, provider, product category, team)'}
              </FormLabel>
              <Textbox
                id="traj-zoek"
                type="search"
                value={query}
                onChange={(e) => {
                  setQuery(e.target.value);
                  setPage(0);
                }}
              />
            </FormField>
          </div>
          <Paragraph role="status" id="traj-count">
            {count}
            {rows.length >= MAX_ROWS
              ? nl
                ? ` (de eerste ${MAX_ROWS.toLocaleString('nl-NL')}; kies een gemeente om te verfijnen)`
                : ` (the first ${MAX_ROWS}; choose a municipality to narrow)`
              : ''}
            {shown.length > PAGE_SIZE
              ? nl
                ? ` · pagina ${current + 1} van ${pages}`
                : ` · page ${current + 1} of ${pages}`
              : ''}
          </Paragraph>
          <CsvButtons
            def={DOWNLOADS.trajecten}
            file="trajecten.csv"
            rows={() =>
              shown.map((r) => ({
                gemeenteCode: r.gemeente,
                gemeente: gname(r.gemeente),
                trajectory: r.trajectory,
                pseudonym: r.youth,
                providerCode: r.provider,
                provider: r.provider ? providerLabel(r.provider, providers.get(r.provider)) : null,
                productCategoryCode: r.productCategory,
                productCategory: r.productCategory ? productCategoryLabel(r.productCategory) : null,
                team: r.team,
                start: r.start,
                end: r.end,
              }))
            }
            text={t('downloadCsv')}
          />
          <TableWrap label={lang === 'nl' ? 'Trajecten' : 'Trajectories'} full>
            <Table aria-describedby="traj-count">
              <TableHeader>
                <TableRow>
                  {columns.map(([key, h]) => (
                    <TableHeaderCell
                      key={h}
                      scope="col"
                      aria-sort={key && sort.key === key ? (sort.up ? 'ascending' : 'descending') : undefined}
                    >
                      {key ? (
                        <button type="button" className="zicht-sort" onClick={() => sortBy(key)}>
                          {h}
                          <span aria-hidden="true">{sort.key === key ? (sort.up ? ' ▲' : ' ▼') : ''}</span>
                        </button>
                      ) : (
                        h
                      )}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {visible.map((r) => (
                  <TableRow key={`${r.gemeente}-${r.trajectory}`}>
                    <TableCell>{gname(r.gemeente)}</TableCell>
                    <TableCell>{r.trajectory}</TableCell>
                    <TableCell>
                      <code>{r.youth.slice(0, 12)}…</code>
                    </TableCell>
                    <TableCell>{providerText(r)}</TableCell>
                    <TableCell>{categoryText(r)}</TableCell>
                    <TableCell>{r.team}</TableCell>
                    <TableCell>{fmtDate(r.start, lang)}</TableCell>
                    <TableCell>
                      {/* the visible words start the accessible name (WCAG 2.5.3, label in name) */}
                      <Button
                        appearance="subtle-button"
                        aria-label={
                          lang === 'nl'
                            ? `Toon herkomst van traject ${r.trajectory}`
                            : `Show sources of trajectory ${r.trajectory}`
                        }
                        onClick={(e) => {
                          opener.current = e.currentTarget;
                          setSourcesOf({ gemeente: r.gemeente, trajectory: r.trajectory });
                        }}
                      >
                        {lang === 'nl' ? 'Toon herkomst' : 'Show sources'}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
          <Pager
            label={nl ? "Pagina's van de trajecten" : 'Pages of trajectories'}
            current={current}
            pages={pages}
            onPage={setPage}
          />
          {sourcesOf && (
            <SourcesPanel
              of={sourcesOf}
              onClose={() => {
                setSourcesOf(null);
                opener.current?.focus();
              }}
            />
          )}
        </>
      )}
      {/* the provider-exit view's list: person-level, so here for the analist and the team manager (issue 19) */}
      {(me.role === 'analist' || me.role === 'teammanager') && (
        <ProviderExitSection me={me} gemeente={gemeente} day={param('peildatum') ?? ''} canMark={false} canList />
      )}
    </>
  );
}
