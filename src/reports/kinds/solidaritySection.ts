/**
 * The council report's section "Solidariteit in de regio" (issue 19; docs/indicators.md "Solidariteit in de regio"):
 * the region's verdeelsleutel in words, per gemeente of the region its share under the key, the cost it bears under
 * it, its realised cost and the difference, and a sentence for each gemeente above the trigger. The figures are
 * solidarity_share's; every one stands on the whole region, so they are published as the regio's are: exact only
 * for a caller who sees every gemeente of it (Builder.publish with the members), otherwise as in the external version.
 */
import type { IndicatorRow } from '../../indicators/types.js';
import { DEFAULT_SOLIDARITY, keyInWords, pctNl } from '../../indicators/solidarityConfig.js';
import { FLAG_NL, formatCell, type Cell } from '../format.js';
import { section, show, type Builder } from '../builder.js';
import type { ReportData, Section } from '../types.js';
import type { Period } from '../../domain/periods.js';

const OVER = 'boven_solidariteitsdrempel';

export async function solidaritySection(
  data: ReportData,
  b: Builder,
  q: { period: Period; region: string[]; names: Record<string, string>; label: string },
): Promise<Section> {
  const config = (await data.solidarity?.()) ?? DEFAULT_SOLIDARITY;
  const key = keyInWords(config).nl;
  const rows = b.publish(await b.exact('solidarity_share', [q.period], q.region, 'post'), q.region);
  const members = q.region.filter((g) => rows.some((r) => r.gemeente === g));
  if (members.length < 2)
    return section('Solidariteit in de regio', {
      paragraphs: [
        key,
        members.length === 0
          ? `Over ${q.label} zijn er geen kosten van de regio om te verdelen, of de gemeente hoort niet bij een jeugdregio.`
          : 'De regio telt in deze gegevens maar één gemeente: er is niets te verdelen.',
      ],
    });
  const pick = (g: string, k: string): IndicatorRow | undefined => rows.find((r) => r.gemeente === g && r.key === k);
  const name = (g: string) => q.names[g] ?? g;
  const above = (g: string): Cell => {
    const r = pick(g, 'verschil_pct');
    if (!r || r.value === null) return '–';
    return r.flags.includes(OVER) ? 'ja' : 'nee';
  };
  const sentences = members
    .filter((g) => pick(g, 'verschil_pct')?.flags.includes(OVER))
    .map((g) => {
      const cell = (k: string, unit: string) => formatCell(show(pick(g, k)), unit);
      return (
        `${name(g)} gaf ${cell('gerealiseerd', 'euro')} uit, ${cell('verschil', 'euro')} (${cell('verschil_pct', 'procent')})` +
        ` meer dan haar deel volgens de sleutel (${cell('volgens_sleutel', 'euro')}): boven de drempel van ${pctNl(config.trigger)}.`
      );
    });
  const hidden = members.filter((g) => pick(g, 'verschil_pct')?.flags.includes('onderdrukt')).length;
  const flags = [...new Set(rows.flatMap((r) => r.flags))]
    .filter((f) => f !== OVER)
    .map((f) => FLAG_NL[f])
    .filter((w): w is string => w !== undefined);
  return section('Solidariteit in de regio', {
    paragraphs: [
      key,
      ...(sentences.length > 0
        ? sentences
        : [
            `Geen gemeente gaf in ${q.label} meer dan ${pctNl(config.trigger)} meer uit dan haar deel volgens de sleutel.`,
          ]),
      ...(hidden > 0
        ? [
            `Van ${hidden === 1 ? 'één gemeente' : `${hidden} gemeenten`} is het verschil niet gepubliceerd: er staan te weinig jeugdigen achter een bedrag in de regio.`,
          ]
        : []),
    ],
    tables: [
      {
        caption: `Verdeelsleutel en gerealiseerde kosten per gemeente, ${q.label}`,
        columns: [
          { label: 'gemeente', unit: 'tekst' },
          { label: 'aandeel volgens sleutel', unit: 'procent' },
          { label: 'kosten volgens sleutel', unit: 'euro' },
          { label: 'gerealiseerde kosten', unit: 'euro' },
          { label: 'verschil', unit: 'euro' },
          { label: 'verschil %', unit: 'procent' },
          { label: `boven drempel (${pctNl(config.trigger)})`, unit: 'tekst' },
        ],
        rows: members.map((g) => [
          name(g),
          show(pick(g, 'aandeel_sleutel')),
          show(pick(g, 'volgens_sleutel')),
          show(pick(g, 'gerealiseerd')),
          show(pick(g, 'verschil')),
          show(pick(g, 'verschil_pct')),
          above(g),
        ]),
        codes: { label: 'gemeente_code', values: members },
        ...(flags.length > 0 ? { note: `Let op: ${flags.join(', ')}.` } : {}),
      },
    ],
  });
}
