/**
 * The Overzicht's headline tiles (issue 16.1, GET /api/v1/overview): per tile the figure, its change
 * against the previous period and the comparison with comparable gemeenten in words — the colour and
 * the arrow only repeat what the words say — the definition on request and one link to the detail.
 * For several gemeenten the total comes first, then the gemeenten in a table that sorts by any column.
 */
import { useContext, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Heading,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { ApiFailure, get, type Me, type Periods, type Row } from '../api.js';
import { fmtValue } from '../format.js';
import { FLAG_TEXT, LangContext, useT } from '../i18n.js';
import { navigate, param } from '../url.js';
import { PAGES } from './config.js';
import { TableWrap } from '../components/TableWrap.js';

type Tone = 'goed' | 'slecht' | 'aandacht' | 'neutraal';
interface Words {
  code: string;
  tone: Tone;
  nl: string;
  en: string;
}
interface Tile {
  id: 'jeugdhulp' | 'instroom' | 'geld' | 'wachttijd' | 'doelen';
  indicator: string | null;
  unit: Row['unit'] | 'tekst';
  titleNl: string;
  titleEn: string;
  definitionNl: string;
  definitionEn: string;
  detailPath: string;
  current: Row | null;
  previous: Row | null;
  parts: Row[];
  goalStatuses?: string[];
  change: Words;
  comparison: Words;
}
interface Overview {
  period: string;
  previousPeriod: string;
  yearBefore: string;
  level: 'gemeente' | 'regio';
  tiles: Tile[];
  gemeenten: Array<{ gemeente: string; tiles: Tile[] }>;
}

/** A mark beside the words (hidden from screen readers: the words say it). */
const ARROW: Record<string, string> = { hoger: '▲', lager: '▼', gelijk: '=' };
const TONE_WORD: Record<Tone, [string, string]> = {
  goed: ['goed', 'good'],
  slecht: ['let op', 'caution'],
  aandacht: ['aandacht', 'attention'],
  neutraal: ['', ''],
};

const suppressed = (r: Row | null | undefined) => r?.flags.includes('onderdrukt') ?? false;

/** The headline figure of a tile in words and numbers (goals: "2 van 3 op koers"). */
function headline(t: Tile, lang: 'nl' | 'en'): string {
  if (t.id === 'doelen') {
    const all = t.goalStatuses ?? [];
    if (all.length === 0) return lang === 'nl' ? 'geen doelen' : 'no goals';
    const on = all.filter((s) => s === 'op koers').length;
    return lang === 'nl' ? `${on} van ${all.length}` : `${on} of ${all.length}`;
  }
  if (t.id === 'geld') {
    const spent = t.parts.find((p) => p.key === 'besteed')?.value ?? null;
    const committed = t.parts.find((p) => p.key === 'verplicht')?.value ?? null;
    if (spent === null) return '–';
    return fmtValue(spent + (committed ?? 0), 'euro', lang);
  }
  const unit = t.current?.unit ?? (t.unit === 'tekst' ? 'aantal' : t.unit);
  return fmtValue(t.current?.value ?? null, unit, lang, suppressed(t.current));
}

/** The line under the figure: what it is made of. */
function detail(t: Tile, lang: 'nl' | 'en'): string | null {
  const nl = lang === 'nl';
  const part = (k: string) => t.parts.find((p) => p.key === k) ?? null;
  const euro = (k: string) => {
    const p = part(k);
    return fmtValue(p?.value ?? null, 'euro', lang, suppressed(p));
  };
  if (t.id === 'geld') {
    const budget = part('begroting')?.value ?? null;
    const pieces = [
      `${euro('besteed')} ${nl ? 'besteed' : 'spent'}`,
      `${euro('verplicht')} ${nl ? 'verplicht' : 'committed'}`,
    ];
    const burn = t.current?.value ?? null;
    const against =
      budget === null
        ? nl
          ? 'geen begroting'
          : 'no budget'
        : nl
          ? `van ${euro('begroting')} begroot${burn !== null ? ` (${fmtValue(burn, 'procent', lang)} besteed)` : ''}`
          : `of ${euro('begroting')} budgeted${burn !== null ? ` (${fmtValue(burn, 'procent', lang)} spent)` : ''}`;
    const low = part('prognose_laag');
    const high = part('prognose_hoog');
    const range = `${euro('prognose_laag')} ${nl ? 'tot' : 'to'} ${euro('prognose_hoog')}`;
    // the forecast counts claims and payments outside iJw, as "besteed" does: said, with the payments' share
    const paid = part('prognose_betalingen');
    const forms = paid
      ? nl
        ? ` (declaraties en betalingen buiten iJw, waarvan betalingen ${euro('prognose_betalingen')})`
        : ` (claims and payments outside iJw, of which payments ${euro('prognose_betalingen')})`
      : '';
    const forecast = low && high ? `; ${nl ? 'prognose jaareinde' : 'year-end forecast'} ${range}${forms}` : '';
    return `${pieces.join(' + ')} ${against}${forecast}`;
  }
  if (t.id === 'wachttijd') {
    const median = part('mediaan');
    const norm = nl
      ? 'binnen 42 dagen na de ingangsdatum van de toewijzing'
      : 'within 42 days of the allocation\u2019s start';
    if (!median) return norm;
    return `${norm}; ${nl ? 'mediaan' : 'median'} ${fmtValue(median.value, 'dagen', lang, suppressed(median))}`;
  }
  if (t.id === 'instroom') return nl ? 'jeugdigen die nieuw in zorg kwamen' : 'youths new in care';
  if (t.id === 'doelen') return nl ? 'doelen op koers' : 'goals on track';
  return null;
}

function WordsLine({ w, label }: { w: Words; label: string }) {
  const lang = useContext(LangContext);
  const tone = TONE_WORD[w.tone][lang === 'nl' ? 0 : 1];
  return (
    <p className={`zicht-word zicht-tone--${w.tone}`}>
      <span className="zicht-sr">{label}: </span>
      {ARROW[w.code] && (
        <span aria-hidden="true" className="zicht-arrow">
          {ARROW[w.code]}{' '}
        </span>
      )}
      {lang === 'nl' ? w.nl : w.en}
      {tone && <span className="zicht-tone-word"> ({tone})</span>}
    </p>
  );
}

function detailHref(path: string): string {
  const qs = new URLSearchParams(window.location.search);
  const s = qs.toString();
  return `${path}${s ? `?${s}` : ''}`;
}

function TileCard({ t, previousLabel }: { t: Tile; previousLabel: string }) {
  const lang = useContext(LangContext);
  const tr = useT();
  const nl = lang === 'nl';
  const page = PAGES.find((p) => p.path === t.detailPath);
  const title = nl ? t.titleNl : t.titleEn;
  const sub = detail(t, lang);
  const flags = [...new Set(t.current?.flags ?? [])].filter((f) => f !== 'afgerond');
  const prev =
    t.previous && t.id !== 'geld' && t.previous.value !== null
      ? ` (${previousLabel}: ${fmtValue(t.previous.value, t.previous.unit, lang, suppressed(t.previous))})`
      : '';
  const open = (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(t.detailPath);
  };
  const tone = t.comparison.tone === 'neutraal' ? t.change.tone : t.comparison.tone;
  const changeWords = { ...t.change, nl: `${t.change.nl}${prev}`, en: `${t.change.en}${prev}` };
  return (
    <li className={`zicht-tile zicht-tile--${tone}`} aria-labelledby={`tile-${t.id}`}>
      <Heading level={3} id={`tile-${t.id}`}>
        {title}
      </Heading>
      <p className="zicht-tile-figure">{headline(t, lang)}</p>
      {sub && <p className="zicht-tile-sub">{sub}</p>}
      <WordsLine w={changeWords} label={nl ? 'Verandering' : 'Change'} />
      <WordsLine w={t.comparison} label={nl ? 'Vergelijking' : 'Comparison'} />
      {flags.length > 0 && (
        <p className="zicht-flags zicht-tile-sub">{flags.map((f) => FLAG_TEXT[f]?.[nl ? 0 : 1] ?? f).join('; ')}</p>
      )}
      <details className="zicht-definition">
        <summary>
          {tr('definition')}
          <span className="zicht-sr"> {title}</span>
        </summary>
        <p className="zicht-tile-sub">{nl ? t.definitionNl : t.definitionEn}</p>
      </details>
      <Link href={detailHref(t.detailPath)} onClick={open}>
        {nl ? `Naar ${page?.nl ?? t.detailPath}` : `To ${page?.en ?? t.detailPath}`}
        <span className="zicht-sr"> ({title})</span>
      </Link>
    </li>
  );
}

/** The sortable value of a tile (goals: the share on track). */
function sortValue(t: Tile | undefined): number | null {
  if (!t) return null;
  if (t.id === 'doelen') {
    const all = t.goalStatuses ?? [];
    return all.length ? all.filter((s) => s === 'op koers').length / all.length : null;
  }
  return t.current?.value ?? null;
}

function GemeentenTable({ data, names }: { data: Overview; names: Record<string, string> }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const columns = data.tiles.map((t) => ({
    id: t.id,
    label: t.id === 'geld' ? (nl ? 'Budget besteed' : 'Budget spent') : nl ? t.titleNl : t.titleEn,
  }));
  const expected = nl ? 'Tegen vergelijkbare gemeenten' : 'Against comparable gemeenten';
  const [sort, setSort] = useState<{ col: string; desc: boolean }>({ col: 'gemeente', desc: false });
  const rows = useMemo(() => {
    const list = [...data.gemeenten];
    const key = (g: (typeof list)[number]) => sortValue(g.tiles.find((t) => t.id === sort.col));
    const name = (g: (typeof list)[number]) => names[g.gemeente] ?? g.gemeente;
    list.sort((a, b) => {
      if (sort.col === 'gemeente') return name(a).localeCompare(name(b), 'nl');
      const x = key(a);
      const y = key(b);
      if (x === null) return 1;
      if (y === null) return -1;
      return x - y;
    });
    if (sort.desc) list.reverse();
    return list;
  }, [data, sort, names]);
  const header = (id: string, label: string) => {
    const active = sort.col === id;
    return (
      <TableHeaderCell
        scope="col"
        key={id}
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
        className={id === 'gemeente' ? undefined : 'zicht-num'}
      >
        <button
          type="button"
          className="zicht-sort"
          onClick={() => setSort({ col: id, desc: active ? !sort.desc : false })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.desc ? ' ▼' : ' ▲') : ' ↕'}</span>
          <span className="zicht-sr">{nl ? ', sorteren' : ', sort'}</span>
        </button>
      </TableHeaderCell>
    );
  };
  const cell = (t: Tile | undefined) => {
    if (!t) return '–';
    const figure =
      t.id === 'geld' ? fmtValue(t.current?.value ?? null, 'procent', lang, suppressed(t.current)) : headline(t, lang);
    return `${figure}${t.id === 'doelen' ? '' : ` · ${nl ? t.change.nl : t.change.en}`}`;
  };
  // the comparison of the share in care in short: "hoger dan verwacht", without the CBS figures behind it
  const verdict = (t: Tile | undefined) => {
    if (!t) return '–';
    return (nl ? t.comparison.nl : t.comparison.en).replace(/ (bij|for) (vergelijkbare|comparable) .*$/, '');
  };
  return (
    <section aria-labelledby="ov-gemeenten">
      <Heading level={3} id="ov-gemeenten">
        {nl ? 'Per gemeente' : 'Per gemeente'}
      </Heading>
      <TableWrap label={nl ? 'Kerncijfers per gemeente' : 'Headline figures per gemeente'}>
        <Table>
          <TableHeader>
            <TableRow>
              {header('gemeente', 'Gemeente')}
              {columns.map((c) => header(c.id, c.label))}
              <TableHeaderCell scope="col">{expected}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((g) => (
              <TableRow key={g.gemeente}>
                <TableHeaderCell scope="row">{names[g.gemeente] ?? g.gemeente}</TableHeaderCell>
                {columns.map((c) => (
                  <TableCell key={c.id} className="zicht-num">
                    {cell(g.tiles.find((t) => t.id === c.id))}
                  </TableCell>
                ))}
                <TableCell>{verdict(g.tiles.find((t) => t.id === 'jeugdhulp'))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableWrap>
    </section>
  );
}

/** A period's name as the period filter shows it (e.g. "2e halfjaar 2025"), else its key. */
function periodName(periods: Periods, key: string): string {
  for (const list of [periods.halfYears, periods.years, periods.quarters, periods.months]) {
    const hit = list.find((p) => p.key === key);
    if (hit) return hit.label;
  }
  return key;
}

export function OverviewTiles({ me, period, periods }: { me: Me; period: string; periods: Periods }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') ?? '';
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    get<Overview>('/overview', { period, gemeente: gemeente || undefined }).then(setData, (e: unknown) =>
      setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e)),
    );
  }, [period, gemeente, nl]);
  const names = useMemo(() => Object.fromEntries(me.gemeenten.map((g) => [g.code, g.name])), [me.gemeenten]);
  if (error) return <Alert type="error">{error}</Alert>;
  if (!data) return <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>;
  const own = gemeente || me.gemeenten[0]?.code || '';
  const together = nl ? 'alle gemeenten in uw scope samen' : 'all gemeenten in your scope together';
  const who = data.level === 'regio' ? together : (names[own] ?? own);
  const previousLabel = `${nl ? 'vorige periode' : 'previous period'}, ${periodName(periods, data.previousPeriod)}`;
  const controlled = data.tiles.some((t) => t.current?.flags.some((f) => f === 'afgerond' || f === 'onderdrukt'));
  const title = `${nl ? 'Kerncijfers' : 'Headline figures'} ${periodName(periods, data.period)}: ${who}`;
  return (
    <section className="zicht-overview" aria-labelledby="ov-title">
      <Heading level={2} id="ov-title">
        {title}
      </Heading>
      <ul className="zicht-tiles">
        {data.tiles.map((t) => (
          <TileCard key={t.id} t={t} previousLabel={previousLabel} />
        ))}
      </ul>
      {controlled && (
        <Paragraph small className="zicht-muted">
          {nl
            ? 'Onthullingsbeheersing: aantallen afgerond op 5, cellen onder 10 als "<10", bedragen in hele euro\u2019s.'
            : 'Disclosure control: counts rounded to 5, cells below 10 as "<10", amounts in whole euros.'}
        </Paragraph>
      )}
      {data.level === 'regio' && <GemeentenTable data={data} names={names} />}
    </section>
  );
}
