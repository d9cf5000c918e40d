/**
 * The provider quarterly report (kwartaalrapportage aanbieder): one provider's KPIs against the whole region,
 * and their trend over four quarters; only that provider's data and the regional totals.
 */
import { regionLabel } from '../../app/selection.js';
import {
  formatPeriod,
  parsePeriod,
  periodEnd,
  periodLabelNl,
  periodOf,
  shiftPeriod,
  type Period,
} from '../../domain/periods.js';
import { formatDateNl } from '../../domain/dates.js';
import { STATUS_NL, type Agreement } from '../../app/agreements.js';
import { combineRows } from '../../indicators/region.js';
import type { IndicatorRow } from '../../indicators/types.js';
import type { Cell } from '../format.js';
import { besideRegio, ownCell, section, show } from '../builder.js';
import type { Section } from '../types.js';
import type { KindContext, KindResult, ReportKindSpec } from './kind.js';
import { contractSection } from './contractSection.js';
import { qualitySection } from './qualitySection.js';
import { providerPictureSection } from './providerPicture.js';
import { storiesSection } from './providerStories.js';

async function build({ req, data, b, period, g, label, extern }: KindContext): Promise<KindResult> {
  const sections: Section[] = [];
  let empty = false;
  const agb = req.provider!;
  const pname = (await data.providerName(agb)) ?? agb;
  const region = await data.regionGemeenten(g);
  const regionNames = (await Promise.all(region.map((c) => data.gemeenteName(c)))).join(', ');
  const kpis: Array<[string, string]> = [
    ['cost_total', 'kosten'],
    ['dropout', 'uitval'],
    ['goal_attainment', 'doelrealisatie'],
    ['satisfaction', 'tevredenheid'],
    ['allocations_without_start', 'toewijzingen zonder start'],
  ];
  /**
   * The provider's value and the region's for one KPI and period, over every gemeente of the region:
   * combined from the exact per-gemeente rows (shares pooled, amounts summed; indicators/region.ts),
   * and only the combined cell is protected (issue 14.2: protecting per gemeente first dropped the
   * small gemeenten's numerators and flipped the comparison with the region).
   */
  const kpi = async (id: string, p: Period): Promise<[Cell, Cell]> => {
    const pick = (r: IndicatorRow) => r.key === null || (id === 'goal_attainment' && r.key === 'ja');
    const split = await b.exact(id, [p], region, 'aanbieder');
    const total = (await b.exact(id, [p], region)).filter(pick);
    // one gemeente needs no combining (and a score, which cannot be combined, keeps its value)
    const combine = (xs: IndicatorRow[]) => (region.length === 1 ? xs : combineRows(id, xs, regionLabel(g)));
    const cell = (xs: IndicatorRow[]) => (xs.length === 0 ? null : show(b.publish(combine(xs))[0]));
    return [ownCell(b, combine(split), (k) => k === agb), cell(total)];
  };
  const rows: Cell[][] = [];
  for (const [id, title] of kpis) rows.push([title, ...(await kpi(id, period)), b.def(id).unit]);
  empty = rows.every((r) => r[1] === null);
  sections.push(
    section(`KPI's van ${pname} tegen het regionale beeld`, {
      paragraphs: [
        `Alleen de gegevens van ${pname} (AGB ${agb}) en de regionale totalen; geen cliënten van andere aanbieders.`,
        `Beide kolommen tellen alle trajecten in de gemeenten van de regio samen (${regionNames}): aantallen en bedragen opgeteld, aandelen over de hele regio berekend (alle tellers gedeeld door alle noemers)${extern ? '; pas daarna afgerond of onderdrukt' : ''}.`,
        ...(req.beyondScope
          ? [
              'Uw toegang omvat niet alle gemeenten van de regio. Daarom staan hier de gepubliceerde cijfers (de externe versie), niet de exacte.',
            ]
          : []),
      ],
      tables: [
        besideRegio(
          `KPI's ${label}, regio (${regionNames})`,
          'kpi',
          pname,
          rows,
          kpis.map(([id]) => id),
        ),
      ],
    }),
  );
  // the trend over the last four periods: is the provider moving towards the region or away from it?
  const trendPeriods = [-3, -2, -1, 0].map((k) => shiftPeriod(period, k));
  const trendRows: Cell[][] = [];
  const series: Array<{ name: string; values: Array<number | null> }> = [];
  for (const [id, title] of kpis) {
    const values = await Promise.all(trendPeriods.map((p) => kpi(id, p)));
    trendRows.push([title, ...values.map((v) => v[0]), b.def(id).unit]);
    if (id === 'dropout' || id === 'goal_attainment') {
      series.push({ name: `${title} ${pname}`, values: values.map((v) => (typeof v[0] === 'number' ? v[0] : null)) });
      series.push({ name: `${title} regio`, values: values.map((v) => (typeof v[1] === 'number' ? v[1] : null)) });
    }
  }
  sections.push(
    section(`Verloop bij ${pname}`, {
      paragraphs: [
        "De KPI's van de aanbieder over de laatste vier perioden; in de grafiek uitval en doelrealisatie naast het regionale cijfer.",
      ],
      tables: [
        {
          caption: `Verloop ${pname}`,
          columns: [
            { label: 'kpi', unit: 'tekst' },
            ...trendPeriods.map((p) => ({ label: periodLabelNl(p), unit: 'score' as const })),
            { label: 'eenheid', unit: 'tekst' },
          ],
          rows: trendRows,
          codes: { label: 'indicator_code', values: kpis.map(([id]) => id) },
        },
      ],
      charts: [
        {
          title: `Uitval en doelrealisatie: ${pname} en de regio`,
          kind: 'line',
          unit: 'procent',
          categories: trendPeriods.map(formatPeriod),
          series,
        },
      ],
    }),
  );
  // the provider's own picture: volume, waits, product mix and price per product (issue 19); over the gemeenten
  // themselves, also when the report is asked for as regio:<code> (red team 34: a median or a product table cannot
  // be made from the regio's combined row, and the section came out empty)
  const gemeenten = data.membersOf ? (await Promise.all(region.map((c) => data.membersOf!(c)))).flat() : region;
  sections.push(await providerPictureSection(b, data, { region: gemeenten, g, agb, pname, period, label, extern }));
  // the kwaliteitsmonitor: outcomes, experience and complaints beside the regio (issue 20)
  sections.push(await qualitySection(b, { region, g, agb, pname, period, label }));
  // what clients and professionals told about the provider (issue 20, the Vertelpunt idea)
  if (data.providerStories)
    sections.push(
      await storiesSection(data, { region: gemeenten, agb, pname, period, label, extern, scope: req.scope }),
    );
  // what the contract says, before what is agreed in the talk
  const contract = await contractSection(data, { region, agb, pname, period, label, extern });
  if (contract) sections.push(contract);
  sections.push(await agreementsSection(data, g, agb, period, label));
  return { sections, empty };
}

/**
 * What was agreed in this quarter's talk, and what the talk opens with: the quarter before's agreements and older
 * ones still open, each with its owner, date and status as it stands today (app/agreements.ts).
 */
async function agreementsSection(
  data: KindContext['data'],
  g: string,
  agb: string,
  period: Period,
  label: string,
): Promise<Section> {
  // agreements belong to a quarter's talk: a report over a month, half-year or year shows those of the quarter its
  // period ends in (red team 18: a year's report said none were made)
  const q = period.kind === 'quarter' ? period : periodOf('quarter', periodEnd(period));
  const quarter = formatPeriod(q);
  if (q !== period) label = periodLabelNl(q);
  const talk = (await data.agreements?.(g, agb, quarter)) ?? { current: [], earlier: [] };
  const due = (d: string | null) => (d ? formatDateNl(d) : '–');
  const stand = (a: Agreement) => `${STATUS_NL[a.status]}${a.statusNote ? ` (${a.statusNote})` : ''}`;
  const text = { unit: 'tekst' as const };
  const tables = [];
  if (talk.earlier.length > 0)
    tables.push({
      caption: 'Uit eerdere gesprekken (stand van vandaag)',
      columns: [
        { label: 'afspraak', ...text },
        { label: 'kwartaal', ...text },
        { label: 'eigenaar', ...text },
        { label: 'uiterlijk', ...text },
        { label: 'stand', ...text },
      ],
      rows: talk.earlier.map((a) => [
        a.body,
        periodLabelNl(parsePeriod(a.quarter)),
        a.owner ?? '–',
        due(a.dueDate),
        stand(a),
      ]),
    });
  if (talk.current.length > 0)
    tables.push({
      caption: `Afspraken ${label} (stand van vandaag)`,
      columns: [
        { label: 'afspraak', ...text },
        { label: 'eigenaar', ...text },
        { label: 'uiterlijk', ...text },
        { label: 'stand', ...text },
      ],
      rows: talk.current.map((a) => [a.body, a.owner ?? '–', due(a.dueDate), stand(a)]),
    });
  return section('Afspraken', {
    paragraphs: [
      talk.current.length === 0
        ? `Voor ${label} zijn nog geen afspraken vastgelegd; dat kan op de pagina Kwartaalgesprek.`
        : `${talk.current.length} ${talk.current.length === 1 ? 'afspraak' : 'afspraken'} uit het gesprek over ${label}.`,
      ...(talk.earlier.length > 0
        ? [
            `Het gesprek opent met ${talk.earlier.length} ${talk.earlier.length === 1 ? 'afspraak' : 'afspraken'} uit eerdere gesprekken.`,
          ]
        : []),
    ],
    tables,
  });
}

export const aanbieder: ReportKindSpec<'aanbieder'> = {
  id: 'aanbieder',
  title: 'Kwartaalrapportage aanbieder',
  nameNl: 'kwartaalrapportage aanbieder',
  nameEn: 'provider quarterly report',
  period: 'quarter',
  needs: null,
  forProvider: true,
  perRegion: true,
  perTeam: false,
  stories: 'none',
  regionWide: true,
  build,
};
