/**
 * The stories about one provider in the provider report and the Kwartaalgesprek (issue 20: an explanation or a
 * client's story can belong to a provider, not only to a figure; West-Brabant-West's quality talk, Peel en Maas's
 * Vertelpunt). Those without a period, and those whose period overlaps the report's; the external version only the
 * stories marked for it. A table, so the page, the PDF and the workbook show them alike.
 */
import { formatDateNl } from '../../domain/dates.js';
import { parsePeriod, periodEnd, periodLabelNl, periodStart, type Period } from '../../domain/periods.js';
import { section } from '../builder.js';
import type { ProviderStory, ReportData, Section } from '../types.js';

/** Who told it, in words (the narratives' `source`). */
const SOURCE_NL: Readonly<Record<string, string>> = {
  duiding: 'duiding',
  client: 'verhaal van een cliënt',
  professional: 'verhaal van een professional',
};

/** A story's period overlaps the report's; a story without one is about the provider at any time. */
function overlaps(story: ProviderStory, period: Period): boolean {
  if (story.period === null) return true;
  let p: Period;
  try {
    p = parsePeriod(story.period);
  } catch {
    return false;
  }
  return periodStart(p) <= periodEnd(period) && periodEnd(p) >= periodStart(period);
}

export async function storiesSection(
  data: ReportData,
  o: {
    region: string[];
    agb: string;
    pname: string;
    period: Period;
    label: string;
    extern: boolean;
    /** the gemeenten the reader may read stories of (null or absent: all of the regio), as GET /narratives */
    scope?: readonly string[] | null | undefined;
  },
): Promise<Section> {
  // a story belongs to its gemeente: a reader gets those of the gemeenten in its scope, as on the page Verhalen (red
  // team 34: bestuur of one gemeente read another's story in the regio-wide report)
  const readable = o.scope ? o.region.filter((g) => o.scope!.includes(g)) : o.region;
  const all = readable.length === 0 ? [] : ((await data.providerStories?.(readable, o.agb, o.extern)) ?? []);
  const stories = all.filter((s) => overlaps(s, o.period));
  const names = new Map(await Promise.all(o.region.map(async (g) => [g, await data.gemeenteName(g)] as const)));
  return section(`Verhalen over ${o.pname}`, {
    paragraphs: [
      stories.length === 0
        ? `Over ${o.pname} is voor ${o.label} nog geen verhaal of duiding vastgelegd; dat kan op de pagina Verhalen (onderwerp: een aanbieder).`
        : `${stories.length} ${stories.length === 1 ? 'verhaal' : 'verhalen'} over ${o.pname} uit ${o.label} of zonder periode, van cliënten, professionals en de gemeente${o.extern ? '; alleen wat voor externe rapportages is vrijgegeven' : ''}.`,
    ],
    tables:
      stories.length === 0
        ? []
        : [
            {
              caption: `Verhalen over ${o.pname}`,
              columns: [
                { label: 'verhaal', unit: 'tekst' },
                { label: 'soort', unit: 'tekst' },
                { label: 'gemeente', unit: 'tekst' },
                { label: 'periode', unit: 'tekst' },
                { label: 'door', unit: 'tekst' },
                { label: 'datum', unit: 'tekst' },
              ],
              rows: stories.map((s) => [
                s.body,
                SOURCE_NL[s.source] ?? 'verhaal',
                names.get(s.gemeente) ?? s.gemeente,
                s.period === null ? 'zonder periode' : periodLabelNl(parsePeriod(s.period)),
                s.author,
                formatDateNl(s.date.slice(0, 10)),
              ]),
            },
          ],
  });
}
