/**
 * zicht benchmark: one gemeente next to a reference group in the shape of the Verwey-Jonker tables,
 * with expected versus actual; `--json` gives the rows for other programs.
 * zicht cbs mapping: shows (or writes, for editing) which CBS table/topic feeds which figure.
 * zicht cbs fetch / sync: one table, or every table the mapping needs, from CBS into the offline mirror.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parsePeriod, PeriodError } from '../../domain/periods.js';
import { benchmark, BenchmarkError, checkBenchmarkYear, type BenchmarkRow } from '../../benchmark/benchmark.js';
import { parseReference } from '../../benchmark/groups.js';
import { activeMapping, DEFAULT_MAPPING, FIGURES, mappingPath, type Figure } from '../../benchmark/mapping.js';
import { Lens } from '../../lens/lens.js';
import { CbsFetchError, fetchCbsTable } from '../../ingest/cbs/fetch.js';
import { syncCbs } from '../../ingest/cbs/sync.js';
import { Progress } from '../progress.js';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { fmtEur, fmtInt, fmtPct, table } from '../format.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

export interface BenchmarkFlags {
  gemeente?: string | undefined;
  reference?: string | undefined;
  period?: string | undefined;
  base?: string | undefined;
  year?: string | undefined;
  'base-year'?: string | undefined;
  mapping?: string | undefined;
  json?: boolean | undefined;
}

const USAGE =
  'Gebruik / usage: zicht benchmark --gemeente <code> [--reference grootteklasse|regio|vergelijkbaar[:k]|lijst:<codes>|nederland]\n' +
  '       [--period 2024H1] [--base 2017H1] [--year 2023] [--base-year 2017] [--mapping <bestand.json>] [--json]';

const VERDICT_NL = {
  hoger_dan_verwacht: 'hoger dan verwacht',
  lager_dan_verwacht: 'lager dan verwacht',
  zoals_verwacht: 'zoals verwacht',
} as const;

function year(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text))
    throw new PeriodError(`--${flag} '${text}': geef een jaartal, bv. 2023 / give a year, e.g. 2023`);
  return checkBenchmarkYear(Number(text), `--${flag}`, text);
}

function halfYear(text: string | undefined, flag: string) {
  if (text === undefined) return undefined;
  const p = parsePeriod(text);
  if (p.kind !== 'half')
    throw new PeriodError(
      `--${flag} '${text}': CBS meet het % jeugdhulp per halfjaar; geef bv. 2024H1 / give a half-year, e.g. 2024H1`,
    );
  return p;
}

export async function benchmarkCommand(cfg: Config, flags: BenchmarkFlags): Promise<number> {
  if (!flags.gemeente || !/^\d{1,4}$/.test(flags.gemeente)) throw new UserError('gebruik', { nl: USAGE });
  // a PeriodError, ReferenceGroupError or MappingError is a UserError: main prints it (exit 2)
  const { mapping, from } = activeMapping(cfg.dataDir, flags.mapping);
  const opts = {
    gemeente: flags.gemeente.padStart(4, '0'),
    reference: parseReference(flags.reference ?? 'vergelijkbaar'),
    mapping,
    mappingFrom: from,
    period: halfYear(flags.period, 'period'),
    basePeriod: halfYear(flags.base, 'base'),
    year: year(flags.year, 'year'),
    baseYear: year(flags['base-year'], 'base-year'),
  };
  const lens = await Lens.open(cfg.dataDir);
  let result;
  try {
    result = await benchmark(lens, opts);
  } catch (err) {
    if (err instanceof BenchmarkError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    lens.close();
  }
  if (flags.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  const r = result;
  console.log(`Benchmark ${r.name} (${r.gemeente}) — referentiegroep: ${r.reference.nl} (${r.reference.members})`);
  console.log(
    `% jeugdhulp zonder verblijf ${r.basePeriod} en ${r.period ?? '–'}; inwoners, decielen en lasten ${r.year ?? '–'}; lastenindex t.o.v. begroting ${r.baseYear}. Koppeling CBS: ${r.mappingFrom}\n`,
  );
  const exp = (x: BenchmarkRow) =>
    x.expected === null ? '–' : `${fmtPct(x.expected)} (${fmtPct(x.lower)}–${fmtPct(x.upper)})`;
  console.log(
    table(
      [
        'code',
        'gemeente',
        'inwoners',
        'SES',
        'armoede',
        `% ${r.basePeriod}`,
        `% ${r.period ?? ''}`,
        'index',
        `Iv3 ${r.year ?? ''} lasten/gebruiker`,
        `Iv3 ${r.year ?? ''} lasten/inwoner`,
        'verwacht % (95%)',
        'oordeel',
      ],
      r.rows.map((x) => [
        x.code ?? '',
        x.name,
        fmtInt(x.inhabitants),
        x.sesDecile === null ? '' : String(x.sesDecile),
        x.povertyDecile === null ? '' : String(x.povertyDecile),
        fmtPct(x.pctBase),
        fmtPct(x.pct),
        x.index === null ? '–' : String(x.index),
        fmtEur(x.burdenPerUser),
        fmtEur(x.burdenPerInhabitant),
        exp(x),
        x.verdict ? VERDICT_NL[x.verdict] : '',
      ]),
      [false, false, true, true, true, true, true, true, true, true, true, false],
    ),
  );
  // a pooled row says over how many members each figure was pooled, or that it is CBS's national figure
  const MEASURE_NL: Record<string, string> = {
    pct: `% ${r.period ?? ''}`,
    pctBase: `% ${r.basePeriod}`,
    index: 'index',
    pctWithResidence: '% met verblijf',
    inhabitants: 'inwoners',
    burdenPerUser: 'lasten/gebruiker',
    burdenPerInhabitant: 'lasten/inwoner',
    burdenIndex: 'lastenindex',
  };
  for (const x of r.rows) {
    if (!x.coverage) continue;
    const parts = Object.entries(x.coverage)
      .filter(([, c]) => c.source === 'NL01' || c.n < c.of)
      .map(([k, c]) =>
        c.source === 'NL01'
          ? `${MEASURE_NL[k] ?? k}: landelijk cijfer CBS (NL01)`
          : `${MEASURE_NL[k] ?? k}: ${c.n} van ${c.of} gemeenten${c.populationShare === null ? '' : ` (${fmtPct(c.populationShare * 100)} van de bevolking)`}`,
      );
    if (parts.length > 0) console.log(`${x.name} — ${parts.join('; ')}`);
  }
  const years = [...new Set(r.rows.flatMap((x) => x.flags.filter((f) => f.startsWith('cbs_jaar_'))))];
  for (const f of years)
    console.log(
      `CBS-jaarcijfers van ${r.year} zijn er nog niet: die van ${f.slice('cbs_jaar_'.length)} gebruikt, voor alle gemeenten.`,
    );
  const flagged = r.rows.filter((x) => x.flags.length > 0);
  if (flagged.some((x) => x.flags.includes('cbs_voorlopig')))
    console.log('\nCBS-cijfers van de laatste periode zijn voorlopig.');
  if (flagged.some((x) => x.flags.includes('lasten_uit_begroting')))
    console.log('Lasten uit de begroting waar de jaarrekening nog ontbreekt.');
  for (const m of r.models) console.log(`\n${m.methodNl}`);
  if (r.missingFigures.length > 0)
    console.log(
      `\nGeen gegevens voor: ${r.missingFigures.map((f) => FIGURES[f as Figure].nl).join('; ')} (zie zicht cbs mapping).`,
    );
  return 0;
}

export async function cbsCommand(
  cfg: Config,
  positionals: string[],
  flags: {
    json?: boolean | undefined;
    mapping?: string | undefined;
    write?: boolean | undefined;
    to?: string | undefined;
    'base-url'?: string | undefined;
    'dataderden-url'?: string | undefined;
    year?: string | undefined;
  },
): Promise<number> {
  const [sub] = positionals;
  if (sub === 'sync') return cbsSync(cfg, flags);
  if (sub === 'mapping') {
    if (flags.write) {
      const target = mappingPath(cfg.dataDir);
      if (existsSync(target)) {
        console.error(`${target} bestaat al; pas dat bestand aan / already exists: edit that file`);
        return 1;
      }
      writeFileSync(target, `${JSON.stringify(DEFAULT_MAPPING, null, 2)}\n`);
      console.log(
        `Koppeling geschreven naar ${target}; pas hem aan, Zicht gebruikt hem voortaan / mapping written: edit it, Zicht uses it from now on`,
      );
      return 0;
    }
    const active = activeMapping(cfg.dataDir, flags.mapping);
    if (flags.json) {
      console.log(JSON.stringify({ from: active.from, figures: FIGURES, mapping: active.mapping }, null, 2));
      return 0;
    }
    console.log(
      `CBS-koppeling (${active.from}); eerste bron met gegevens telt. Aanpassen: zicht cbs mapping --write, dan ${mappingPath(cfg.dataDir)} bewerken.\n`,
    );
    for (const [key, f] of Object.entries(FIGURES) as Array<[Figure, (typeof FIGURES)[Figure]]>) {
      const sources = active.mapping.figures[key];
      console.log(`${key} — ${f.nl} (per ${f.periods})`);
      for (const s of sources)
        console.log(
          `    ${s.table} / ${s.topic}${s.dims ? ` [${s.dims}]` : ''}${s.factor !== 1 ? ` × ${s.factor}` : ''}${s.catalog === 'lokaal' ? ' (lokaal: demo/fixture)' : ''}`,
        );
      if (sources.length === 0) console.log('    (geen bron)');
    }
    console.log(
      '\nIv3-lasten (taakvelden 6.72 + 6.82, vanaf 2023 6.72a–d, 6.73a–c, 6.74a–c, 6.82a–b) komen uit de ingelezen Iv3-gegevens.',
    );
    const sync = active.mapping.sync;
    for (const t of sync?.tables ?? [])
      console.log(`zicht cbs sync haalt ook ${t.table} op${t.why ? ` (${t.why})` : ''}.`);
    for (const p of sync?.perYear ?? [])
      console.log(
        `zicht cbs sync --year: ${p.what}: ${Object.entries(p.tables)
          .map(([y, t]) => `${y} ${t}`)
          .join(', ')}${p.withBaseYear && sync?.baseYear ? ` (ook basisjaar ${sync.baseYear})` : ''}.`,
      );
    return 0;
  }
  if (sub === 'fetch') {
    const ids = positionals.slice(1);
    if (ids.length === 0)
      throw new UserError('gebruik', {
        nl: 'Gebruik / usage: zicht cbs fetch <tabelnummer…> [--to <map>] [--base-url <OData-adres>] [--json]',
      });
    const to = flags.to ?? join(cfg.dataDir, 'cbs-spiegel');
    const progress = new Progress();
    const results = [];
    for (const id of ids) {
      try {
        const r = await fetchCbsTable(id, to, {
          baseUrl: flags['base-url'],
          onProgress: (p) => progress.update(`CBS ${id}: ${p.entitySet} ${p.rows.toLocaleString('nl-NL')} rijen`),
        });
        progress.done(`CBS ${id}: ${r.rows.toLocaleString('nl-NL')} rijen in ${r.dir} (${r.requests} verzoeken)`);
        results.push(r);
      } catch (err) {
        if (!(err instanceof CbsFetchError)) throw err;
        progress.done(`CBS ${id}: niet opgehaald`);
        console.error(`${err.nl} / ${err.en}`);
        return 1;
      }
    }
    if (flags.json) console.log(JSON.stringify(results, null, 2));
    else console.log(`Inlezen: zicht import cbs ${to}`);
    return 0;
  }
  throw new UserError('gebruik', {
    nl: 'Gebruik / usage: zicht cbs mapping [--json] [--write] [--mapping <bestand>] | fetch <tabelnummer…> [--to <map>] | sync [--year JJJJ] [--to <map>]',
  });
}

/** `zicht cbs sync`: every table of the active mapping; exit 1 when a table or a key is missing. */
async function cbsSync(
  cfg: Config,
  flags: {
    json?: boolean;
    mapping?: string;
    to?: string;
    'base-url'?: string;
    'dataderden-url'?: string;
    year?: string;
  },
): Promise<number> {
  const { mapping, from } = activeMapping(cfg.dataDir, flags.mapping);
  // Iv3 accounts of a year are complete the year after: by default the previous calendar year
  const y = year(flags.year, 'year') ?? new Date().getUTCFullYear() - 1;
  const to = flags.to ?? join(cfg.dataDir, 'cbs-spiegel');
  const progress = new Progress();
  const r = await syncCbs(mapping, {
    year: y,
    toDir: to,
    baseUrls: { opendata: flags['base-url'], dataderden: flags['dataderden-url'] },
    onProgress: (t, set, rows) => progress.update(`CBS ${t}: ${set} ${rows.toLocaleString('nl-NL')} rijen`),
  });
  progress.done(`CBS-koppeling (${from}), jaar ${y}: ${r.tables.length} tabellen`);
  if (flags.json) console.log(JSON.stringify(r, null, 2));
  else {
    for (const t of r.tables)
      console.log(
        `  ${t.table.padEnd(9)} ${t.status.padEnd(9)} ${t.rows === null ? (t.message ?? '') : `${t.rows.toLocaleString('nl-NL')} rijen`} — ${t.why}`,
      );
    if (r.gaps.length > 0) {
      console.log('\nOntbreekt / missing:');
      for (const g of r.gaps) console.log(`  ${g.for}: ${g.nl} / ${g.en}`);
    }
    console.log(`\nInlezen: zicht import cbs ${to}`);
  }
  return r.tables.every((t) => t.status === 'opgehaald') && r.gaps.length === 0 ? 0 : 1;
}

/** `zicht benchmark`: its help, its options and what runs it (the registry is commands/index.ts). */
export const benchmarkSpec = defineCommand({
  name: 'benchmark',
  help: [
    'vergelijk een gemeente met een referentiegroep (Verwey-Jonker-tabel, verwacht vs feitelijk):',
    '--gemeente <code> [--reference grootteklasse|regio|vergelijkbaar[:k]|lijst:<codes>|nederland]',
    '[--period 2024H1] [--base 2017H1] [--year 2023] [--base-year 2017] [--mapping <bestand>] [--json]',
  ],
  options: {
    gemeente: { type: 'string', value: '<code>', nl: 'gemeente', en: 'municipality' },
    reference: { type: 'string', value: '<groep>', nl: 'referentiegroep', en: 'reference group' },
    period: { type: 'string', value: '<periode>', nl: 'periode', en: 'period' },
    base: { type: 'string', value: '<periode>', nl: 'basisperiode', en: 'base period' },
    year: { type: 'string', value: 'JJJJ', nl: 'jaar van de CBS-cijfers', en: 'year of the CBS figures' },
    'base-year': {
      type: 'string',
      value: 'JJJJ',
      nl: 'basisjaar van de CBS-cijfers',
      en: 'base year of the CBS figures',
    },
    mapping: { type: 'string', value: '<bestand>', nl: 'CBS-koppeling', en: 'CBS mapping file' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => benchmarkCommand(cfg, f),
});

/** `zicht cbs`: its help, its options and what runs it. */
export const cbsSpec = defineCommand({
  name: 'cbs',
  help: [
    'mapping [--json] [--write]: welke CBS-tabel/-onderwerp welk vergelijkingscijfer voedt',
    'fetch <tabelnummer…> [--to <map>]: haal tabellen op bij CBS StatLine (OData v3) als offline spiegel',
    'sync [--year JJJJ] [--to <map>]: haal alle tabellen van de koppeling op en meld wat ontbreekt',
  ],
  options: {
    mapping: { type: 'string', value: '<bestand>', nl: 'CBS-koppeling', en: 'CBS mapping file' },
    write: { type: 'boolean', nl: 'schrijf de koppeling weg', en: 'write the mapping' },
    to: { type: 'string', value: '<map>', nl: 'map van de spiegel', en: 'directory of the mirror' },
    'base-url': { type: 'string', value: '<url>', nl: 'adres van CBS StatLine', en: 'address of CBS StatLine' },
    'dataderden-url': {
      type: 'string',
      value: '<url>',
      nl: 'adres van CBS dataderden (Iv3)',
      en: 'address of CBS dataderden (Iv3)',
    },
    year: {
      type: 'string',
      value: 'JJJJ',
      nl: 'jaar van de Iv3- en wijktabellen',
      en: 'year of the Iv3 and wijk tables',
    },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, p, f) => cbsCommand(cfg, p, f),
});
