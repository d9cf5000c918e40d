/** zicht indicators: compute indicators on the lens, or list the catalogue with definitions. */
import { INDICATORS, checkSplit, findIndicator } from '../../indicators/catalogue.js';
import { activeMapping } from '../../benchmark/mapping.js';
import type { IndicatorRow } from '../../indicators/types.js';
import { members, parseSelection } from '../../app/selection.js';
import { Lens } from '../../lens/lens.js';
import { combineRows } from '../../indicators/region.js';
import type { Config } from '../config.js';
import { fmtEur, fmtInt, fmtPct, table } from '../format.js';
import { UserError } from '../../domain/errors.js';
import { parsePeriod } from '../../domain/periods.js';
import { parseAsOf } from '../../app/periods.js';
import { endedMunicipality, isKnownMunicipalityCode } from '../../domain/municipalities.js';
import { defineCommand } from '../options.js';

export interface IndicatorFlags {
  indicator?: string | undefined;
  gemeente?: string | undefined;
  period?: string | undefined;
  by?: string | undefined;
  list?: boolean | undefined;
  mapping?: string | undefined;
  'stand-van'?: string | undefined;
  json?: boolean | undefined;
}

function show(r: IndicatorRow): string {
  if (r.unit === 'procent') return fmtPct(r.value);
  if (r.unit === 'euro') return fmtEur(r.value);
  if (r.unit === 'score' || r.unit === 'dagen' || r.unit === 'per_1000')
    return r.value === null ? '–' : r.value.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
  return fmtInt(r.value);
}

export async function indicatorsCommand(cfg: Config, flags: IndicatorFlags): Promise<number> {
  if (flags.list) {
    const defs = INDICATORS.map((i) => i.definition);
    if (flags.json) console.log(JSON.stringify(defs, null, 2));
    else
      for (const d of defs)
        console.log(
          `${d.id} — ${d.nameNl}${d.costBasis ? ` [${d.costBasis.nl}]` : ''} (${d.unit})\n  ${d.definitionNl}\n`,
        );
    return 0;
  }
  const ids = (flags.indicator ?? '').split(',').filter(Boolean);
  if (ids.length === 0 || !flags.period) {
    throw new UserError('gebruik', {
      nl: 'Gebruik / usage: zicht indicators --indicator <id,…> --period <2024|2024H1|2024Q3|2024-03> [--gemeente <code,…|all|regio:<code>|totaal>] [--by <dimensie>] [--mapping <bestand.json>] [--json]\n       zicht indicators --list [--json]',
    });
  }
  const period = parsePeriod(flags.period);
  const unknown = ids.filter((id) => !findIndicator(id));
  if (unknown.length > 0) throw new UserError('onbekende_indicator.lijst', { ids: unknown });
  // the same refusal as the API's 400 onbekende_splitsing, naming the splits the indicator has
  const refusals = ids.map((id) => checkSplit(findIndicator(id)!.definition, flags.by)).filter((r) => r !== null);
  if (refusals.length > 0)
    throw new UserError('onbekende_splitsing', { nl: refusals.map((r) => `${r.nl} / ${r.en}`).join('\n') });
  // the CBS mapping the benchmark command, the server and the reports use: --mapping, else the data directory's
  const cbs = activeMapping(cfg.dataDir, flags.mapping);
  // regio:<code> and totaal combine gemeenten into one figure where that is sound (indicators/region.ts)
  const sel = parseSelection(flags.gemeente);
  const combined = sel.kind === 'gemeenten' ? null : sel.label;
  // the data as they stood at the end of that day, as a report over a period uses them (app/periods.ts parseAsOf)
  const asOf = flags['stand-van'] === undefined ? undefined : parseAsOf(flags['stand-van'], new Date(), '--stand-van');
  const lens = await Lens.open(cfg.dataDir, undefined, asOf);
  const rows: IndicatorRow[] = [];
  try {
    const known = await lens.query<{ code: string; region_code: string | null }>(
      'SELECT code, region_code FROM gemeente ORDER BY code',
    );
    const gemeenten = sel.kind === 'gemeenten' ? [...sel.codes] : members(sel, known);
    // a mistyped code answered an empty table, as if it had no data (red team 25); a real gemeente without care data
    // is asked for on purpose (its CBS figures)
    const inData = new Set(known.map((g) => g.code));
    const unknownCodes = gemeenten.filter(
      (c) => !inData.has(c) && !isKnownMunicipalityCode(c) && endedMunicipality(c) === undefined,
    );
    if (unknownCodes.length > 0)
      throw new UserError('geen_gemeenten.onbekend', { codes: unknownCodes, known: [...inData] });
    if (sel.kind !== 'gemeenten' && gemeenten.length === 0) {
      throw new UserError('geen_gemeenten', { region: sel.kind === 'regio' ? sel.region : '' });
    }
    for (const id of ids) {
      const computed = await findIndicator(id)!.compute(
        lens,
        { period, gemeenten, by: flags.by },
        { cbsMapping: cbs.mapping },
      );
      rows.push(...(combined ? combineRows(id, computed, combined) : computed));
    }
  } finally {
    lens.close();
  }
  if (flags.json) console.log(JSON.stringify(rows, null, 2));
  else {
    console.log(
      table(
        ['indicator', 'gemeente', 'periode', 'splitsing', 'waarde', 'teller', 'noemer', 'kanttekeningen'],
        rows.map((r) => [
          r.indicator,
          r.gemeente,
          r.period,
          r.key ?? '',
          show(r),
          fmtInt(r.numerator),
          fmtInt(r.denominator),
          r.flags.join(', '),
        ]),
        [false, false, false, false, true, true, true, false],
      ),
    );
  }
  return 0;
}

/** `zicht indicators`: its help, its options and what runs it (the registry is commands/index.ts). */
export const indicatorsSpec = defineCommand({
  name: 'indicators',
  help: [
    'bereken indicatoren: --indicator <id,…> --period <2024|2024H1|2024Q3|2024-03>',
    '[--gemeente <code,…|all|regio:<code>|totaal>] [--by <dimensie>] [--mapping <bestand>] [--stand-van <dag>] [--json];',
    '--list [--json] toont de catalogus; CBS-cijfers via de koppeling van zicht cbs mapping',
    '(regio:/totaal: tellingen opgeteld, aandelen gepoold; mediaan/score/model niet optelbaar)',
  ],
  options: {
    indicator: { type: 'string', value: '<id,…>', nl: 'welke indicatoren', en: 'which indicators' },
    period: { type: 'string', value: '<periode>', nl: 'periode (2024, 2024H1, 2024Q3, 2024-03)', en: 'period' },
    gemeente: {
      type: 'string',
      value: '<code,…>',
      nl: 'gemeenten (of all, regio:<code>, totaal)',
      en: 'municipalities',
    },
    by: { type: 'string', value: '<dimensie>', nl: 'splits naar', en: 'split by' },
    list: { type: 'boolean', nl: 'toon de catalogus', en: 'show the catalogue' },
    mapping: { type: 'string', value: '<bestand>', nl: 'CBS-koppeling', en: 'CBS mapping file' },
    'stand-van': {
      type: 'string',
      value: '<JJJJ-MM-DD>',
      nl: 'de gegevens zoals ze er aan het einde van die dag waren (zoals een rapport over een periode)',
      en: 'the data as they stood at the end of that day (as a report over a period)',
    },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => indicatorsCommand(cfg, f),
});
