/**
 * zicht report <kind> --gemeente <code> --period <…> [--aanbieder <agb>] [--extern] --out <file.pdf|file.xlsx>,
 * the kinds those of the registry (reports/kinds/: maand|raad|aanbieder); also save, list and due for saved reports
 * — <file.pdf|file.xlsx> — suitable for cron: exit code 0 when written, a message otherwise.
 */
import { LensHolder } from '../../app/lensHolder.js';
import { reportSubject } from '../../app/selection.js';
import { resolve } from 'node:path';
import { isReportKind, REPORT_KINDS, REPORT_KIND_IDS } from '../../reports/kinds/index.js';
import { readSchedules, scheduleSchema, writeSchedules } from '../../reports/schedule.js';
import { produceDue, produceReport } from '../../reports/produce.js';
import { dataEnd } from '../../indicators/sql.js';
import { formatPeriod, lastCompletePeriod } from '../../domain/periods.js';
import type { Store } from '../../store/sql.js';
import { open, type Config } from '../config.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

export interface ReportFlags {
  format?: string | undefined;
  gemeente?: string | undefined;
  period?: string | undefined;
  aanbieder?: string | undefined;
  extern?: boolean | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
  team?: string | undefined;
}

const KINDS = REPORT_KIND_IDS.join('|');
const USAGE = `Gebruik / usage:
  zicht report ${KINDS} --gemeente <code> --period <2026-05|2026Q2|2026H1|2026> [--aanbieder <agb>] [--extern] --out <bestand.pdf|bestand.xlsx>
  zicht report maand --gemeente <code> --team <team> --period … --out …   (teamrapport: alle cijfers van het team)
  zicht report save <naam> ${KINDS} --gemeente <code> [--aanbieder <agb>] [--extern] [--format pdf|xlsx] --out <map>
  zicht report list [--json]
  zicht report due [--json]      maak elk bewaard rapport voor elke nieuwe volledige periode (voor cron)`;

export async function reportCommand(cfg: Config, args: string[], flags: ReportFlags): Promise<number> {
  if (args[0] === 'save' || args[0] === 'list' || args[0] === 'due') return scheduleCommand(cfg, args, flags);
  const kind = args[0];
  if (!kind || !isReportKind(kind) || !flags.gemeente || !flags.period || !flags.out)
    throw new UserError('gebruik', { nl: USAGE });
  if (!/\.(pdf|xlsx)$/i.test(flags.out)) throw new UserError('ongeldige_optie.uitvoer', { value: flags.out });
  const [gemeente, period, out]: [string, string, string] = [flags.gemeente, flags.period, flags.out];
  const started = performance.now();
  const code = reportSubject(gemeente);
  // refused before the team is looked up, as the API does (reports/model.ts checks it again)
  if (flags.team && flags.extern) throw new UserError('team_alleen_intern');
  // an empty --team is a mistake, not the whole gemeente (it wrote the gemeente's report: red team 30)
  if (flags.team !== undefined && flags.team.trim() === '') throw new UserError('ongeldige_optie.team');
  return withStores(cfg, async (store, lens) => {
    if (flags.team) {
      const [t] = await store.query<{ code: string }>(
        'SELECT code FROM team WHERE gemeente_code = $1 AND (code = $2 OR name = $2)',
        [code, flags.team],
      );
      if (!t) {
        const known = (
          await store.query<{ code: string }>('SELECT code FROM team WHERE gemeente_code = $1 ORDER BY code', [code])
        ).map((r) => r.code);
        throw new UserError('onbekend_team.wel', { team: flags.team, gemeente: code, known });
      }
      lens = new LensHolder(cfg.dataDir, { gemeente: code, team: t.code });
    }
    const model = await produceReport(
      store,
      lens,
      { kind, gemeente: code, period, provider: flags.aanbieder, extern: flags.extern, team: flags.team },
      /\.pdf$/i.test(out) ? 'pdf' : 'xlsx',
      out,
    );
    const seconds = (performance.now() - started) / 1000;
    if (flags.json)
      console.log(
        JSON.stringify({
          out: flags.out,
          kind,
          sections: model.sections.map((s) => s.heading),
          empty: model.empty,
          seconds: Math.round(seconds * 10) / 10,
        }),
      );
    else
      console.log(
        `${model.title} (${model.subtitle}) geschreven naar ${flags.out} in ${seconds.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} s${model.empty ? ' — let op: geen gegevens voor deze periode' : ''}`,
      );
    if (flags.team) lens.close();
    return 0;
  });
}

/** Opens the store and the lens for fn and closes both (a ReportError is a UserError: main prints it, exit 2). */
async function withStores(cfg: Config, fn: (store: Store, lens: LensHolder) => Promise<number>): Promise<number> {
  const store = await open(cfg);
  const lens = new LensHolder(cfg.dataDir);
  try {
    return await fn(store, lens);
  } finally {
    lens.close();
    await store.close();
  }
}

async function scheduleCommand(cfg: Config, args: string[], flags: ReportFlags): Promise<number> {
  // a saved report has no team: refused rather than saved without it
  if (args[0] === 'save' && flags.team) throw new UserError('bewaard_geen_team');
  const list = readSchedules(cfg.dataDir);
  if (args[0] === 'list') {
    if (flags.json) console.log(JSON.stringify(list, null, 2));
    else if (list.length === 0) console.log('Nog geen bewaarde rapporten. Zie: zicht report save');
    else
      for (const s of list)
        console.log(
          `${s.name}: ${s.kind} ${s.gemeente}${s.aanbieder ? ` aanbieder ${s.aanbieder}` : ''}${s.extern ? ' extern' : ''} → ${s.outDir} (${s.format}); gemaakt: ${s.produced.join(', ') || '–'}`,
        );
    return 0;
  }
  return withStores(cfg, async (store, lens) => {
    const end = await lens.cached('dataEnd', (l) => dataEnd(l));
    if (args[0] === 'save') {
      const [, name, kind] = args;
      if (!name || !kind || !flags.gemeente || !flags.out) throw new UserError('gebruik', { nl: USAGE });
      const parsed = scheduleSchema.safeParse({
        name,
        kind,
        gemeente: flags.gemeente.padStart(4, '0'),
        aanbieder: flags.aanbieder,
        extern: Boolean(flags.extern),
        format: flags.format ?? 'pdf',
        outDir: resolve(flags.out),
        produced: [],
        from: isReportKind(kind) ? formatPeriod(lastCompletePeriod(REPORT_KINDS[kind].period, end)) : '',
      });
      if (!parsed.success)
        throw new UserError('ongeldig_rapport', {
          nl: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'),
        });
      if (REPORT_KINDS[parsed.data.kind].forProvider && !parsed.data.aanbieder)
        throw new UserError('geen_aanbieder.cli');
      writeSchedules(cfg.dataDir, [...list.filter((s) => s.name !== name), parsed.data]);
      console.log(
        `Bewaard: ${name}. 'zicht report due' maakt het vanaf ${parsed.data.from} voor elke nieuwe periode in ${parsed.data.outDir}.`,
      );
      return 0;
    }
    const made = await produceDue(store, lens, cfg.dataDir, undefined, (m) => {
      if (!flags.json) console.log(`${m.name} ${m.period}: ${m.file}`);
    });
    if (flags.json) console.log(JSON.stringify(made, null, 2));
    else if (made.length === 0) console.log('Niets te doen: alle bewaarde rapporten zijn bij.');
    return 0;
  });
}

/** `zicht report`: its help, its options and what runs it (the registry is commands/index.ts). */
export const reportSpec = defineCommand({
  name: 'report',
  help: [
    'rapport als PDF of Excel: maand|raad|aanbieder --gemeente <code> --period <…>',
    '[--aanbieder <agb>] [--extern] [--team <team> (maand)] --out <bestand.pdf|bestand.xlsx>;',
    'save <naam> <soort> … --out <map> | list | due  (bewaarde rapporten, voor cron)',
  ],
  options: {
    gemeente: { type: 'string', value: '<code>', nl: 'gemeente', en: 'municipality' },
    period: { type: 'string', value: '<periode>', nl: 'periode', en: 'period' },
    aanbieder: { type: 'string', value: '<agb>', nl: 'aanbieder (AGB-code)', en: 'provider (AGB code)' },
    extern: { type: 'boolean', nl: 'versie voor buiten de gemeente', en: 'version for outside the municipality' },
    team: { type: 'string', value: '<team>', nl: 'team (maandrapport)', en: 'team (monthly report)' },
    out: { type: 'string', value: '<bestand|map>', nl: 'waar het rapport heen gaat', en: 'where the report goes' },
    format: { type: 'string', value: 'pdf|xlsx', nl: 'vorm van een bewaard rapport', en: 'format of a saved report' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, p, f) => reportCommand(cfg, p, f),
});
