/**
 * The provider's own picture (issue 19: "client volume, product mix, price per product, waiting times"): a section of
 * the provider report, so the page Kwartaalgesprek, the PDF and the Excel show the same cells (one model).
 *
 * - Volume and waits: the youths with an active trajectory at the provider (youth_in_care by aanbieder), the
 *   trajectories it started, and the whole wait from request to start and from allocation to start, each beside the
 *   regio. A count over the regio's gemeenten is summed from the exact rows and only then protected (issue 14.2); a
 *   median cannot be summed, so the provider's wait over the regio is the indicator's own regio row (waiting.ts).
 *   Published, the provider's cell is the one its split publishes, every provider beside it (builder.ts ownRow).
 * - Product mix and price: per product code the provider worked on, its children, trajectories, duration, cost and
 *   cost per child, beside the cost per child of every provider of that code (app/providerProducts.ts).
 */
import { combineRows } from '../../indicators/region.js';
import type { IndicatorRow } from '../../indicators/types.js';
import { periodEnd, periodStart, type Period } from '../../domain/periods.js';
import { regionLabel } from '../../app/selection.js';
import type { Cell } from '../format.js';
import { besideRegio, ownRow, section, show, type Builder } from '../builder.js';
import type { ReportData, Section } from '../types.js';

interface Measure {
  readonly id: string;
  readonly words: string;
  /** the statistic of a wait (its key after the AGB in the split by aanbieder); none: a count */
  readonly stat?: 'mediaan' | 'binnen_norm';
}

/** The rows of the volume table, in the order a talk takes them (docs/indicators.md defines each). */
export const PICTURE_MEASURES: readonly Measure[] = [
  { id: 'youth_in_care', words: 'jeugdigen met jeugdhulp (cliëntvolume)' },
  { id: 'trajectories_started', words: 'gestarte trajecten' },
  { id: 'wait_request_to_start', words: 'wachttijd aanvraag → start zorg, mediaan', stat: 'mediaan' },
  { id: 'wait_request_to_start', words: 'wachttijd aanvraag → start zorg, binnen de norm', stat: 'binnen_norm' },
  { id: 'wait_allocation_to_start', words: 'wachttijd toewijzing → start zorg, mediaan', stat: 'mediaan' },
  { id: 'wait_allocation_to_start', words: 'wachttijd toewijzing → start zorg, binnen de norm', stat: 'binnen_norm' },
];

export async function providerPictureSection(
  b: Builder,
  data: ReportData,
  o: { region: string[]; g: string; agb: string; pname: string; period: Period; label: string; extern: boolean },
): Promise<Section> {
  const { region, g, agb, pname, period } = o;
  const single = region.length === 1;
  const combine = (id: string, xs: IndicatorRow[]) =>
    single || xs.length === 0 ? xs : combineRows(id, xs, regionLabel(g));
  // a wait's row over the whole regio: the indicator's regio row (not one of the member gemeenten)
  const overRegion = (xs: IndicatorRow[]) =>
    xs.filter((r) => (single ? r.gemeente === region[0] : !region.includes(r.gemeente)));
  const values = async (m: Measure): Promise<[Cell, Cell]> => {
    const split = await b.exact(m.id, [period], region, 'aanbieder');
    if (m.stat === undefined) {
      const total = (await b.exact(m.id, [period], region)).filter((r) => r.key === null);
      const [regio] = b.publish(combine(m.id, total));
      return [show(ownRow(b, combine(m.id, split), (k) => k === agb)), show(regio)];
    }
    const total = await b.exact(m.id, [period], region, single ? 'statistiek' : 'regio');
    const [regio] = b.publish(overRegion(total)).filter((r) => r.key === m.stat);
    return [show(ownRow(b, overRegion(split), (k) => k === `${agb}:${m.stat}`)), show(regio)];
  };
  const rows: Cell[][] = [];
  // a wait's share within the norm is a percentage, its median days (the row's unit says how the cells read)
  for (const m of PICTURE_MEASURES)
    rows.push([m.words, ...(await values(m)), m.stat === 'binnen_norm' ? 'procent' : b.def(m.id).unit]);
  const from = periodStart(period);
  const to = periodEnd(period);
  const products = data.providerProducts ? await data.providerProducts(region, agb, from, to, o.extern) : null;
  return section(`Het beeld van ${pname}`, {
    paragraphs: [
      `Hoeveel jeugdigen ${pname} helpt, welke hulp, tegen welke prijs en hoe lang jeugdigen wachten, naast de regio. Cliëntvolume: de jeugdigen met een traject bij ${pname} dat in ${o.label} actief was. Wachttijd: kalenderdagen tot de werkelijke start (JW305), voor trajecten gestart in ${o.label}; de norm is die van de regio.`,
      ...(products
        ? [
            `Per productcode de trajecten van ${pname} die in ${o.label} actief waren, de gemiddelde duur van wat erin eindigde, de kosten uit declaraties met een prestatieperiode in ${o.label} en de kosten per kind met een declaratie; de laatste kolom is de kosten per kind bij alle aanbieders van die productcode samen. Betalingen buiten iJw (lumpsum, tranches) staan bij het contract.`,
          ]
        : []),
    ],
    tables: [
      besideRegio(
        `Volume en wachttijd ${o.label}: ${pname} en de regio`,
        'meting',
        pname,
        rows,
        PICTURE_MEASURES.map((m) => m.id),
      ),
      ...(products
        ? [
            {
              caption: `Productmix en prijs per product ${o.label}: ${pname}`,
              columns: products.columns.map((c) => ({ label: c.label, unit: c.unit })),
              rows: products.rows.map((r) => [...r]),
            },
          ]
        : []),
    ],
  });
}
