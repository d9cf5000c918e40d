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
import { monthSpanNl, monthsBetween, periodEnd, periodStart, type Period } from '../../domain/periods.js';
import { monthsWithClaimsPending } from '../../domain/claimLag.js';
import { formatDateNl } from '../format.js';

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
  // in a view as of the period's end the last month's claims are not in yet (domain/claimLag.ts): the realised cost
  // covers the months up to the last complete one, and the sentences say which, not the period's name alone
  const months = monthsBetween(periodStart(q.period).slice(0, 7), periodEnd(q.period).slice(0, 7));
  const pending = monthsWithClaimsPending(periodStart(q.period), periodEnd(q.period), data.viewDate ?? null);
  const covered = months.filter((m) => !pending.includes(m));
  const over = covered.length === 0 ? q.label : monthSpanNl(covered[0]!, covered.at(-1)!);
  const partial =
    pending.length > 0 && data.viewDate
      ? [
          `De gerealiseerde kosten lopen over ${over}, niet over de hele periode (${q.label}): de declaraties over ` +
            `${monthSpanNl(pending[0]!, pending.at(-1)!)} waren op ${formatDateNl(data.viewDate)} nog niet (allemaal) binnen.`,
        ]
      : [];
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
        `${name(g)} gaf over ${over} ${cell('gerealiseerd', 'euro')} uit, ${cell('verschil', 'euro')} (${cell('verschil_pct', 'procent')})` +
        ` meer dan haar deel volgens de sleutel (${cell('volgens_sleutel', 'euro')}): boven de drempel van ${pctNl(config.trigger)}.`
      );
    });
  const hidden = members.filter((g) => pick(g, 'verschil_pct')?.flags.includes('onderdrukt')).length;
  // "none above the trigger" only of the gemeenten whose difference is shown: a hidden one takes its trigger flag with
  // it, and the external report said "geen gemeente" while one was above it (red team 29)
  const shown = members.filter((g) => {
    const r = pick(g, 'verschil_pct');
    return r !== undefined && r.value !== null && !r.flags.includes('onderdrukt');
  }).length;
  const noneAbove =
    shown === members.length
      ? [`Geen gemeente gaf over ${over} meer dan ${pctNl(config.trigger)} meer uit dan haar deel volgens de sleutel.`]
      : shown > 0
        ? [
            `Van de gemeenten waarvan het verschil hieronder staat, gaf geen over ${over} meer dan ${pctNl(config.trigger)} meer uit dan haar deel volgens de sleutel.`,
          ]
        : hidden === 0
          ? [`Of een gemeente over ${q.label} meer uitgaf dan haar deel volgens de sleutel, is nog niet bekend.`]
          : [];
  const flags = [...new Set(rows.flatMap((r) => r.flags))]
    .filter((f) => f !== OVER)
    .map((f) => FLAG_NL[f])
    .filter((w): w is string => w !== undefined);
  return section('Solidariteit in de regio', {
    paragraphs: [
      key,
      ...partial,
      ...(sentences.length > 0 ? sentences : noneAbove),
      ...(hidden > 0
        ? [
            `Van ${hidden === 1 ? 'één gemeente' : `${hidden} gemeenten`} is het verschil niet gepubliceerd: er staan te weinig jeugdigen achter een bedrag in de regio.`,
          ]
        : []),
    ],
    tables: [
      {
        caption: `Verdeelsleutel en gerealiseerde kosten per gemeente, ${q.label}${partial.length > 0 ? ` (kosten over ${over})` : ''}`,
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
