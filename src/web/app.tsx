/** The application shell: header with language switch, navigation, filters in the URL, and the page (pages/config.ts). */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Document,
  FormField,
  FormLabel,
  Heading,
  Link,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SelectOption,
  SkipLink,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, type Definition, type Me, type Periods, type Row, API_PREFIX } from './api.js';
import { periodLabel, type Lang } from './format.js';
import { LangContext, text, useT, type TextKey } from './i18n.js';
import { currentPath, navigate, param, setParams, useLocationKey } from './url.js';
import { PAGES, type PageSpec } from './pages/config.js';
import { Login } from './Login.js';
import { CommitSelect } from './CommitSelect.js';
import { IndicatorPanel } from './components/IndicatorPanel.js';
import { GoalList, type Goal } from './pages/Goals.js';
import { BenchmarkSummary } from './pages/Benchmark.js';
import { OverviewTiles } from './pages/Overview.js';
import { PrintHeading } from './components/PrintHeading.js';

function Filters({ me, periods, page, lang }: { me: Me; periods: Periods; page: PageSpec; lang: Lang }) {
  const t = useT();
  const gemeente = param('gemeente') ?? '';
  const periode = param('periode') ?? periods.defaultPeriod;
  if (page.filters === 'none') return null;
  // a page that chooses its own periods (the benchmark's CBS half-years) shows only the gemeente
  const showPeriod = page.filters !== 'gemeente';
  return (
    <form
      className="zicht-filters"
      aria-label={lang === 'nl' ? 'Filters' : 'Filters'}
      onSubmit={(e) => e.preventDefault()}
    >
      <FormField>
        <FormLabel htmlFor="f-gemeente">{t('gemeente')}</FormLabel>
        <CommitSelect
          id="f-gemeente"
          value={gemeente}
          hint={t('selectHint')}
          onCommit={(v) => setParams({ gemeente: v || undefined })}
        >
          {me.gemeenten.length > 1 && <SelectOption value="">{t('allGemeenten')}</SelectOption>}
          {me.gemeenten.map((g) => (
            <SelectOption key={g.code} value={g.code}>
              {g.name} ({g.code})
            </SelectOption>
          ))}
        </CommitSelect>
      </FormField>
      {showPeriod && (
        <FormField>
          <FormLabel htmlFor="f-periode">{t('period')}</FormLabel>
          <CommitSelect
            id="f-periode"
            value={periode}
            hint={t('selectHint')}
            onCommit={(v) => setParams({ periode: v })}
          >
            <optgroup label={lang === 'nl' ? 'Halfjaar' : 'Half year'}>
              {periods.halfYears.map((p) => (
                <SelectOption key={p.key} value={p.key}>
                  {periodLabel(p, lang)}
                </SelectOption>
              ))}
            </optgroup>
            <optgroup label={lang === 'nl' ? 'Jaar' : 'Year'}>
              {periods.years.map((p) => (
                <SelectOption key={p.key} value={p.key}>
                  {periodLabel(p, lang)}
                </SelectOption>
              ))}
            </optgroup>
            <optgroup label={lang === 'nl' ? 'Kwartaal' : 'Quarter'}>
              {periods.quarters.map((p) => (
                <SelectOption key={p.key} value={p.key}>
                  {periodLabel(p, lang)}
                </SelectOption>
              ))}
            </optgroup>
          </CommitSelect>
        </FormField>
      )}
    </form>
  );
}

/** The period chosen plus the ones before it of the same kind, for the trend. */
function trendPeriods(periods: Periods, chosen: string): string[] {
  for (const list of [periods.halfYears, periods.years, periods.quarters, periods.months]) {
    const i = list.findIndex((p) => p.key === chosen);
    if (i >= 0) return list.slice(Math.max(0, i - 5), i + 1).map((p) => p.key);
  }
  return [chosen];
}

function IndicatorPage({
  page,
  me,
  periods,
  defs,
  lang,
}: {
  page: PageSpec;
  me: Me;
  periods: Periods;
  defs: Definition[];
  lang: Lang;
}) {
  const t = useT();
  const gemeente = param('gemeente') ?? (me.gemeenten.length === 1 ? me.gemeenten[0]!.code : '');
  const periode = param('periode') ?? periods.defaultPeriod;
  const referrerType = param('verwijzer');
  const names = useMemo(() => Object.fromEntries(me.gemeenten.map((g) => [g.code, g.name])), [me.gemeenten]);
  const trend = useMemo(() => trendPeriods(periods, periode), [periods, periode]);
  const drillFilter = useCallback((r: Row) => r.key?.startsWith(`${referrerType}|`) ?? false, [referrerType]);
  const panels = (page.panels ?? [])
    .map((s) => ({ s, def: defs.find((d) => d.id === s.id) }))
    .filter((x): x is { s: typeof x.s; def: Definition } => Boolean(x.def?.allowed));
  if (page.path === '/verwijzers' && referrerType) {
    const def = defs.find((d) => d.id === 'referrer_mix')!;
    return (
      <>
        <Button appearance="subtle-button" onClick={() => setParams({ verwijzer: undefined })}>
          ← {t('back')}
        </Button>
        <IndicatorPanel
          def={def}
          gemeente={gemeente}
          periods={[periode]}
          by="verwijzer_detail"
          names={names}
          canWrite={false}
          rowFilter={drillFilter}
        />
      </>
    );
  }
  return (
    <div className="zicht-panels">
      {panels.map(({ s, def }) => (
        <IndicatorPanel
          key={`${s.id}-${s.by ?? ''}`}
          def={def}
          gemeente={gemeente}
          periods={s.by ? [periode] : trend}
          by={s.by}
          names={names}
          canWrite={me.permissions.narrative_write}
          team={me.role === 'teammanager' ? me.team?.code : undefined}
          onDrill={
            page.path === '/verwijzers' && s.by === 'verwijzer'
              ? (r) => setParams({ verwijzer: r.key ?? undefined })
              : undefined
          }
          drillLabel={t('drillDown')}
        />
      ))}
      {panels.length === 0 && (
        <Paragraph>
          {lang === 'nl'
            ? 'Uw rol heeft geen toegang tot de cijfers op deze pagina.'
            : 'Your role has no access to the figures on this page.'}
        </Paragraph>
      )}
    </div>
  );
}

function GoalsSummary({ me, defs, lang }: { me: Me; defs: Definition[]; lang: Lang }) {
  const gemeente = param('gemeente') ?? '';
  const [goals, setGoals] = useState<Goal[] | null>(null);
  useEffect(() => {
    get<Goal[]>('/goals', { gemeente: gemeente || undefined }).then(setGoals, () => setGoals([]));
  }, [gemeente]);
  if (!goals || goals.length === 0) return null;
  return (
    <section className="zicht-panel" aria-labelledby="goals-summary">
      <Heading level={2} id="goals-summary">
        {lang === 'nl' ? 'Doelen' : 'Goals'}
      </Heading>
      <GoalList goals={goals} defs={defs} me={me} compact />
      <Link
        href="/doelen"
        onClick={(e: React.MouseEvent) => {
          e.preventDefault();
          navigate('/doelen');
        }}
      >
        {lang === 'nl' ? 'Alle doelen met hun onderbouwing' : 'All goals with their reasoning'}
      </Link>
    </section>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('zicht-lang') === 'en' ? 'en' : 'nl'));
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [periods, setPeriods] = useState<Periods | null>(null);
  const [defs, setDefs] = useState<Definition[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useLocationKey();
  const load = useCallback(() => {
    get<Me>('/me')
      .then(async (m) => {
        setMe(m);
        const [p, d] = await Promise.all([get<Periods>('/periods'), get<Definition[]>('/indicators')]);
        setPeriods(p);
        setDefs(d);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiFailure && e.status === 401) setMe(null);
        else setLoadError(String(e instanceof Error ? e.message : e));
      });
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('zicht-lang', lang);
  }, [lang]);

  const t = (k: TextKey) => text(lang, k);
  const path = currentPath();
  const visible = PAGES.filter((p) => !p.needs || (me?.permissions[p.needs] ?? false));
  const page = visible.find((p) => p.path === path) ?? visible[0]!;
  // a component of its own (pages/config.ts), rendered as an element so its hooks are its own
  const PageComponent = page.component;
  useEffect(() => {
    document.title = `${lang === 'nl' ? page.nl : page.en} — Zicht`;
  }, [page, lang]);
  // after choosing a menu item the focus goes to the new page's heading (it stayed on the link),
  // so a screen reader announces the page and Tab continues in it; not on the first load
  const shownPath = useRef<string | null>(null);
  const ready = Boolean(me && periods && defs);
  useEffect(() => {
    if (!ready) return;
    if (shownPath.current !== null && shownPath.current !== page.path) document.getElementById('page-title')?.focus();
    shownPath.current = page.path;
  }, [page.path, ready]);

  const logout = async () => {
    await post('/logout', {});
    setMe(null);
    navigate('/', {}, false);
  };

  return (
    <LangContext.Provider value={lang}>
      <Document>
        <SkipLink href="#main">{t('skip')}</SkipLink>
        <Page>
          <PageHeader>
            <div className="zicht-header">
              <div>
                <span className="zicht-logo">{t('appTitle')}</span>{' '}
                <span className="zicht-muted">{t('appSubtitle')}</span>
              </div>
              <div className="zicht-header-actions">
                <Button
                  appearance="subtle-button"
                  lang={lang === 'nl' ? 'en' : 'nl'}
                  aria-label={t('languageLabel')}
                  onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}
                >
                  {t('language')}
                </Button>
                {me && (
                  <span className="zicht-user">
                    {me.displayName} · {me.role}
                  </span>
                )}
                {me && (
                  <Button appearance="secondary-action-button" onClick={logout}>
                    {t('logout')}
                  </Button>
                )}
              </div>
            </div>
            {me && (
              <nav aria-label={lang === 'nl' ? 'Hoofdmenu' : 'Main menu'} className="zicht-nav">
                <ul>
                  {visible.map((p) => (
                    <li key={p.path}>
                      <Link
                        href={p.path}
                        aria-current={p === page ? 'page' : undefined}
                        onClick={(e: React.MouseEvent) => {
                          e.preventDefault();
                          navigate(p.path, { verwijzer: undefined });
                        }}
                      >
                        {lang === 'nl' ? p.nl : p.en}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
          </PageHeader>
          <PageContent>
            <main id="main" tabIndex={-1}>
              {me?.demo && (
                <div className="zicht-demo-banner">
                  <Alert type="warning">{t('demoBanner')}</Alert>
                </div>
              )}
              {loadError && <Alert type="error">{loadError}</Alert>}
              {me === undefined && !loadError && <Paragraph>{t('loading')}</Paragraph>}
              {me === null && <Login lang={lang} onDone={load} />}
              {me && periods && defs && (
                <>
                  <Heading level={1} id="page-title" tabIndex={-1}>
                    {lang === 'nl' ? page.nl : page.en}
                    <PrintHeading me={me} periods={periods} lang={lang} />
                  </Heading>
                  <Paragraph lead>{lang === 'nl' ? page.introNl : page.introEn}</Paragraph>
                  <Filters me={me} periods={periods} page={page} lang={lang} />
                  {page.path === '/overzicht' && (
                    <OverviewTiles me={me} period={param('periode') ?? periods.defaultPeriod} periods={periods} />
                  )}
                  {page.panels && <IndicatorPage page={page} me={me} periods={periods} defs={defs} lang={lang} />}
                  {page.path === '/overzicht' && <GoalsSummary me={me} defs={defs} lang={lang} />}
                  {page.path === '/overzicht' && (
                    <BenchmarkSummary
                      gemeente={param('gemeente') || (me.gemeenten.length === 1 ? me.gemeenten[0]!.code : '')}
                      onOpen={() => navigate('/vergelijken')}
                    />
                  )}
                  {PageComponent && <PageComponent me={me} periods={periods} defs={defs} />}
                </>
              )}
            </main>
          </PageContent>
          <PageFooter>
            <Paragraph small>
              Zicht ·{' '}
              {lang === 'nl' ? 'cijfers met hun definitie en duiding' : 'figures with their definition and explanation'}{' '}
              · <Link href={`${API_PREFIX}/docs`}>API</Link>
            </Paragraph>
          </PageFooter>
        </Page>
      </Document>
    </LangContext.Provider>
  );
}
