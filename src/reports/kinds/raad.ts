/**
 * The council report (raadsrapportage), per gemeente: goals with status, headline figures, the region and
 * comparable gemeenten elsewhere (CBS and Iv3), money, and three key messages in words for the cover.
 */
import type { BenchmarkResult } from '../../benchmark/benchmark.js';
import { periodEnd, periodLabelNl, periodStart, shiftPeriod, type Period } from '../../domain/periods.js';
import { monthsWithClaimsPending } from '../../domain/claimLag.js';
import { findIndicator } from '../../indicators/catalogue.js';
import { formatCell, type Cell } from '../format.js';
import { section, type Builder } from '../builder.js';
import type { Section, Table } from '../types.js';
import type { KindContext, KindResult, ReportKindSpec } from './kind.js';
import { solidaritySection } from './solidaritySection.js';
import { BUDGET_PROGRAMME_NOTE, budgetProgrammeTable } from './budgetSection.js';

async function build({ data, b, period, g, names, label, extern }: KindContext): Promise<KindResult> {
  const sections: Section[] = [];
  let empty = false;
  let keyMessages: string[] | undefined;
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
  sections.push(await frontDoorSection(b, period, g, names));
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
    // all financing forms: in a region with lump sums or tranches the claims alone are not what youth care cost
    ['cost_all_forms', 'cost_per_youth', 'budget_burn', 'forecast_year_end'],
    period,
    g,
    `Geld, ${label} (budgetuitputting vanaf 1 januari, prognose zoals aan het einde van de periode)`,
  );
  // per programme with the reserve mutations (issue 19): the gemeente's own budget file, said so beside the table
  const programmes = await budgetProgrammeTable(b, period, g);
  sections.push(
    section('Geld', {
      ...(programmes ? { paragraphs: [BUDGET_PROGRAMME_NOTE] } : {}),
      tables: programmes ? [money.table, programmes] : [money.table],
    }),
  );
  sections.push(await solidaritySection(data, b, { period, region, names, label }));
  keyMessages = councilMessages(
    head.table,
    money.table,
    goals.map((x) => x.status),
    periodLabelNl(shiftPeriod(period, -1)),
    label,
    monthsWithClaimsPending(periodStart(period), periodEnd(period), data.viewDate ?? null).length > 0,
  );
  return { sections, empty, ...(keyMessages ? { keyMessages } : {}) };
}

export const raad: ReportKindSpec<'raad'> = {
  id: 'raad',
  title: 'Raadsrapportage jeugdhulp',
  nameNl: 'raadsrapportage',
  nameEn: 'council report',
  period: 'half',
  needs: 'money',
  forProvider: false,
  perRegion: false,
  perTeam: false,
  stories: 'period',
  regionWide: false,
  build,
};

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
  /** claims of some month of the period were still to come on the report's day (domain/claimLag.ts) */
  claimsPending = false,
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
  // claims still to come for the period: the amount is what was claimed so far, said so
  const spent =
    typeof cost === 'number'
      ? claimsPending
        ? `Over ${now} was op het einde ervan ${fmt(cost, costUnit)} gedeclareerd en betaald; declaraties over de laatste maand(en) kwamen later binnen`
        : `De jeugdhulp kostte in ${now} ${fmt(cost, costUnit)}`
      : `De kosten van ${now} zijn nog niet bekend`;
  const budget = typeof burn === 'number' ? `; ${fmt(burn, burnUnit)} van het jaarbudget is gebruikt` : '';
  const end =
    typeof forecast === 'number'
      ? ` en de prognose voor het hele jaar (declaraties en betalingen buiten iJw) is ${fmt(forecast, forecastUnit)}`
      : '';
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
        codes: { label: 'gemeente_code', values: bm.rows.map((x) => x.code) },
        ...(focus.flags.includes('cbs_voorlopig')
          ? { note: 'CBS-cijfers van de laatste periode zijn voorlopig.' }
          : {}),
      },
    ],
  });
}

/**
 * The voorkant (issue 21): the youths 0–17 in four groups and the share the voorkant reached. Without basishulp
 * records in the period the groups would read as "nobody had basishulp": the section says so instead.
 */
async function frontDoorSection(
  b: Builder,
  period: Period,
  g: string,
  names: Record<string, string>,
): Promise<Section> {
  const reach = await b.exact('basic_support_reach', [period], [g]);
  if (!reach.some((r) => r.key === null && (r.value ?? 0) > 0))
    return section('De voorkant', {
      paragraphs: [
        'Over deze periode zijn geen gegevens over basishulp (zonder beschikking) ingelezen, dus is niet te zien hoeveel jeugdigen de voorkant bereikte. Lever het bestand basishulp aan (docs/csv-formaat.md).',
      ],
    });
  const groups = await b.split(
    'youth_segments',
    'groep',
    period,
    [g],
    'Jeugdigen van 0–17 jaar in vier groepen (aantal)',
    names,
  );
  const share = await b.headline(['first_line_share'], period, g, 'Aandeel voorkant: deze periode en de vorige');
  return section('De voorkant', {
    paragraphs: [
      'De jeugdigen van 0–17 jaar in vier groepen: geen hulp, alleen basishulp (zonder beschikking), alleen jeugdhulp, en basishulp én jeugdhulp. Het aandeel voorkant is het deel van de jeugdigen met hulp dat basishulp kreeg, alleen of naast jeugdhulp. Definities in de bijlage.',
    ],
    tables: [groups.table, share.table],
  });
}
