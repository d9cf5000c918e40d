/**
 * The kwaliteitsmonitor of one provider (issue 20; West-Brabant-West's quality monitor, Utrecht's outcome measures):
 * goal realisation, dropout, completed as planned, lasting outcome, satisfaction, experience, response and complaints
 * side by side with the regio, and their trend over four periods. A section of the provider report, so the page
 * Kwartaalgesprek, the PDF and the Excel show the same cells (one model).
 *
 * Each cell as the report's KPIs are made: the provider's exact rows and the regio's over every gemeente of the regio
 * combined first (shares pooled, indicators/region.ts), and only the combined cell published (issue 14.2).
 */
import { combineRows } from '../../indicators/region.js';
import type { IndicatorRow } from '../../indicators/types.js';
import { periodLabelNl, shiftPeriod, type Period } from '../../domain/periods.js';
import { regionLabel } from '../../app/selection.js';
import type { Cell } from '../format.js';
import { besideRegio, ownRow, section, show, type Builder } from '../builder.js';
import type { Section } from '../types.js';

interface Measure {
  readonly id: string;
  readonly words: string;
  /** the provider's row in the split by aanbieder (its AGB, else this suffix after it) */
  readonly ownKey: (agb: string) => string;
  /** the regio's row: no split and this key (null: the headline), or a split and its key */
  readonly total: { by?: string; key: string | null; orKey?: string };
}

const byAgb = (agb: string) => agb;
/** The monitor's measures, in the order a quality talk takes them (docs/indicators.md defines each). */
export const QUALITY_MEASURES: readonly Measure[] = [
  // as the KPI table picks it: the headline, or its 'ja' row (red team 33: the monitor's regio cell was empty)
  { id: 'goal_attainment', words: 'doelrealisatie', ownKey: byAgb, total: { key: null, orKey: 'ja' } },
  { id: 'dropout', words: 'uitval', ownKey: byAgb, total: { key: null } },
  { id: 'completed_as_planned', words: 'afgerond volgens plan', ownKey: byAgb, total: { key: null } },
  {
    id: 'lasting_outcome',
    words: 'blijvend resultaat: geen nieuwe hulp binnen 6 maanden',
    ownKey: (agb) => `${agb}:6_maanden`,
    total: { by: 'termijn', key: '6_maanden' },
  },
  {
    id: 'lasting_outcome',
    words: 'blijvend resultaat: geen nieuwe hulp binnen 12 maanden',
    ownKey: (agb) => `${agb}:12_maanden`,
    total: { by: 'termijn', key: '12_maanden' },
  },
  { id: 'satisfaction', words: 'tevredenheid', ownKey: byAgb, total: { key: null } },
  { id: 'experience_score', words: 'ervaringsscore', ownKey: byAgb, total: { key: null } },
  { id: 'experience_positive_share', words: 'positieve ervaringen', ownKey: byAgb, total: { key: null } },
  { id: 'response_rate', words: 'respons ervaringsonderzoek', ownKey: byAgb, total: { key: null } },
  {
    id: 'complaints_per_1000',
    words: 'klachten per 1.000 jeugdigen met jeugdhulp',
    ownKey: byAgb,
    total: { key: null },
  },
];

/** What a flag on a cell of the monitor means, said once under the table. */
const FLAG_WORDS: Readonly<Record<string, string>> = {
  lage_respons: 'minder dan 30 antwoorden of minder dan 20% respons: een zwak cijfer',
  vervolg_onvolledig: 'de vervolgtermijn is voor een deel van de beëindigingen nog niet voorbij',
};

export async function qualitySection(
  b: Builder,
  o: { region: string[]; g: string; agb: string; pname: string; period: Period; label: string },
): Promise<Section> {
  const { region, g, agb, pname, period } = o;
  const combine = (id: string, xs: IndicatorRow[]) =>
    region.length === 1 || xs.length === 0 ? xs : combineRows(id, xs, regionLabel(g));
  const flagged = new Map<string, Set<string>>();
  const noteFlags = (m: Measure, r: IndicatorRow | undefined, who: string) => {
    for (const f of r?.flags ?? [])
      if (FLAG_WORDS[f]) flagged.set(f, (flagged.get(f) ?? new Set()).add(`${m.words} (${who})`));
  };
  const cell = (m: Measure, xs: IndicatorRow[], who: string): Cell => {
    const [r] = b.publish(combine(m.id, xs));
    noteFlags(m, r, who);
    return show(r);
  };
  const values = async (m: Measure, p: Period): Promise<[Cell, Cell]> => {
    const split = await b.exact(m.id, [p], region, 'aanbieder');
    const total = (await b.exact(m.id, [p], region, m.total.by)).filter(
      (r) => r.key === m.total.key || (m.total.orKey !== undefined && r.key === m.total.orKey),
    );
    const own = ownRow(b, combine(m.id, split), (k) => k === m.ownKey(agb));
    noteFlags(m, own, pname);
    return [show(own), cell(m, total, 'regio')];
  };
  // the four periods once per measure; the table is the last of them, the trend the provider's column of each
  const trendPeriods = [-3, -2, -1, 0].map((k) => shiftPeriod(period, k));
  const rows: Cell[][] = [];
  const trend: Cell[][] = [];
  for (const m of QUALITY_MEASURES) {
    const each = await Promise.all(trendPeriods.map((p) => values(m, p)));
    rows.push([m.words, ...each[each.length - 1]!, b.def(m.id).unit]);
    trend.push([m.words, ...each.map((v) => v[0]), b.def(m.id).unit]);
  }
  const notes = [...flagged].map(([f, where]) => `Gemarkeerd (${FLAG_WORDS[f]}): ${[...where].join('; ')}.`);
  return section(`Kwaliteitsmonitor ${pname}`, {
    paragraphs: [
      `Doelrealisatie, uitval, blijvend resultaat, ervaringen en klachten van ${pname} naast de regio. Blijvend resultaat: het aandeel jongeren dat na een afronding volgens plan binnen 6 of 12 maanden geen nieuwe jeugdhulp kreeg; pas te meten als die maanden voorbij zijn. Ervaringen komen uit het cliëntervaringsonderzoek: bij een lage respons is het cijfer zwak. Klachten: de klachten (niet de contacten met de vertrouwenspersoon) per 1.000 jeugdigen met jeugdhulp bij de aanbieder, over alle gemeenten van de regio.`,
      ...notes,
    ],
    tables: [
      besideRegio(
        `Kwaliteit ${o.label}: ${pname} en de regio`,
        'meting',
        pname,
        rows,
        QUALITY_MEASURES.map((m) => m.id),
      ),
      {
        caption: `Kwaliteit van ${pname} over vier perioden`,
        columns: [
          { label: 'meting', unit: 'tekst' },
          ...trendPeriods.map((p) => ({ label: periodLabelNl(p), unit: 'score' as const })),
          { label: 'eenheid', unit: 'tekst' },
        ],
        rows: trend,
        codes: { label: 'indicator_code', values: QUALITY_MEASURES.map((m) => m.id) },
      },
    ],
  });
}
