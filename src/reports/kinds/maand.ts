/**
 * The monthly steering report (maandrapportage): headline figures against the previous month, stock and flow,
 * the gemeente against its region, care forms and costs, budget and forecast, referrers, waiting times and
 * (internally, for the analist) the most expensive trajectories. Also per regio and per team.
 */
import { regionOf } from '../../app/selection.js';
import type { IndicatorRow } from '../../indicators/types.js';
import { section } from '../builder.js';
import { periodEnd, periodLabelNl, shiftPeriod } from '../../domain/periods.js';
import type { Section } from '../types.js';
import { BUDGET_PROGRAMME_NOTE, budgetProgrammeTable } from './budgetSection.js';
import type { KindContext, KindResult, ReportKindSpec } from './kind.js';

async function build({ req, data, b, period, g, name, names, label, extern }: KindContext): Promise<KindResult> {
  const sections: Section[] = [];
  let empty = false;
  const head = await b.headline(
    [
      'youth_in_care',
      'inflow_youth',
      'outflow_youth',
      'trajectories_started',
      'cost_total',
      'wait_request_to_allocation',
    ],
    period,
    g,
    'Kerncijfers: deze periode en de vorige',
  );
  empty = !head.any;
  // as of the end of the period: budget burn from 1 January to then, the year-end forecast made then
  const money = await b.headline(
    ['budget_burn', 'forecast_year_end', 'cost_per_client'],
    period,
    g,
    `Geld in ${period.year} tot en met ${label}: budgetuitputting vanaf 1 januari en de prognose voor het jaareinde zoals die er aan het einde van ${label} uitzag`,
  );
  const bridge = await b.bridge(period, g);
  sections.push(
    section('Kerncijfers', {
      paragraphs: [
        `Jeugdhulp in ${name}${req.team ? `, team ${req.team}` : ''}, ${label}. Afwijkingen ten opzichte van de vorige periode staan in de kolom verandering.`,
      ],
      tables: [head.table, bridge],
    }),
  );
  if (!req.team && regionOf(g) === null) {
    const region = await data.regionGemeenten(g);
    if (region.length > 1)
      sections.push(
        section('Afwijking van de regio', {
          paragraphs: [
            'De gemeente naast de gemeenten van haar jeugdregio samen (aandelen gepoold: alle tellers gedeeld door alle noemers). Vergelijking met gemeenten elders in het land staat in de raadsrapportage.',
          ],
          tables: [
            await b.againstRegion(
              ['pct_youth_in_care', 'specialist_referral_rate', 'cost_per_youth', 'dropout'],
              period,
              g,
              region,
            ),
          ],
        }),
      );
  }
  const forms = await b.split('youth_in_care', 'zorgvorm', period, [g], 'Jeugdigen met jeugdhulp naar zorgvorm', names);
  // a month's claims come in after it (domain/claimLag.ts): in the report as of its last day none is there yet, and the
  // table read "Geen gegevens" in every monthly report (red team 8) — it shows the month before, whose claims are in
  const catPeriod = b.claimsPending('cost_total', period) ? shiftPeriod(period, -1) : period;
  const cats = await b.split(
    'cost_total',
    'productcategorie',
    catPeriod,
    [g],
    catPeriod === period
      ? 'Kosten naar productcategorie'
      : `Kosten naar productcategorie, ${periodLabelNl(catPeriod)} (de declaraties over ${label} waren nog niet compleet)`,
    names,
  );
  sections.push(
    section('Welke hulp, hoeveel en tegen welke kosten', {
      tables: [forms.table, cats.table],
      charts: [forms.chart],
    }),
  );
  // per productcode from 1 January to the end of the period (seed 003)
  if (data.productCodes) {
    const t = await data.productCodes(g, `${period.year}-01-01`, periodEnd(period), extern);
    const keep = [
      'productCode',
      'productCategoryName',
      'children',
      'trajectories',
      'meanDays',
      'cost',
      'costPerChild',
      'ref_gemeente',
      'ref_huisarts',
      'providers',
    ];
    const idx = keep.map((k) => t.columns.findIndex((c) => c.key === k)).filter((i) => i >= 0);
    sections.push(
      section('Per productcode', {
        paragraphs: [
          `Per productcode van 1 januari tot en met het einde van ${label}: kinderen en trajecten actief in die tijd, de gemiddelde duur van de trajecten die erin eindigden, de kosten (declaraties naar prestatieperiode), de kosten per kind met een declaratie, het aandeel verwezen via de gemeente en via de huisarts (van de gestarte trajecten) en het aantal aanbieders. De volledige verwijzersmix en de uitsplitsing naar aanbieder staan op de pagina Per productcode; definities in docs/indicators.md.`,
        ],
        tables: [
          {
            caption: `Per productcode, ${period.year} tot en met ${label}`,
            columns: idx.map((i) => ({ label: t.columns[i]!.label, unit: t.columns[i]!.unit })),
            rows: t.rows.map((r) => idx.map((i) => r[i] ?? null)),
            codes: {
              label: 'productcategorie_code',
              values: t.rows.map((r) => r[t.columns.findIndex((c) => c.key === 'productCategory')] ?? null),
            },
          },
        ],
      }),
    );
  }
  const programmes = await budgetProgrammeTable(b, period, g);
  sections.push(
    section('Budget en prognose', {
      ...(programmes ? { paragraphs: [BUDGET_PROGRAMME_NOTE] } : {}),
      tables: programmes ? [money.table, programmes] : [money.table],
    }),
  );
  const ref = await b.split(
    'referrer_mix',
    'verwijzer',
    period,
    [g],
    'Verwijzers (aandeel van de gestarte trajecten)',
    names,
  );
  sections.push(section('Verwijzers', { tables: [ref.table], charts: [ref.chart] }));
  const wait = await b.split(
    'wait_request_to_allocation',
    'statistiek',
    period,
    [g],
    'Wachttijd van aanvraag tot toewijzing (werkdagen)',
    names,
  );
  sections.push(section('Wachttijden', { tables: [wait.table] }));
  if (!extern && (req.includePersons ?? true)) {
    const top = await b.rows('top_cost_trajectories', [period], [g]);
    sections.push(
      section('Lang lopende en duurste trajecten (intern, gepseudonimiseerd)', {
        paragraphs: ['Alleen in de interne versie. Jeugdigen met een geheim adres staan nooit in deze lijst.'],
        tables: [
          {
            caption: 'Duurste trajecten, 12 maanden tot het einde van de periode',
            columns: [
              { label: 'traject', unit: 'tekst' },
              { label: 'pseudoniem (begin)', unit: 'tekst' },
              { label: 'kosten', unit: 'euro' },
              { label: 'looptijd (dagen)', unit: 'aantal' },
            ],
            rows: top.map((r) => {
              const x = r as IndicatorRow & { youth?: string; days?: number };
              return [r.key, (x.youth ?? '').slice(0, 10), r.value, x.days ?? null];
            }),
          },
        ],
      }),
    );
  }
  return { sections, empty };
}

export const maand: ReportKindSpec<'maand'> = {
  id: 'maand',
  title: 'Stuurinformatie jeugdhulp — maandrapportage',
  nameNl: 'maandrapportage',
  nameEn: 'monthly report',
  period: 'month',
  needs: 'money',
  forProvider: false,
  perRegion: true,
  perTeam: true,
  stories: 'periodAndYear',
  regionWide: false,
  build,
};
