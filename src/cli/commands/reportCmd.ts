/**
 * zicht report maand|raad|aanbieder --gemeente <code> --period <…> [--aanbieder <agb>] [--extern]
 * --out <file.pdf|file.xlsx> — suitable for cron: exit code 0 when written, a message otherwise.
 */
import { LensHolder } from '../../server/lensHolder.js';
import { buildReport, ReportError, type ReportKind } from '../../reports/model.js';
import { reportData } from '../../reports/data.js';
import { writePdf } from '../../reports/pdf.js';
import { writeExcel } from '../../reports/excel.js';
import { open, type Config } from '../config.js';

export interface ReportFlags {
  gemeente?: string | undefined;
  period?: string | undefined;
  aanbieder?: string | undefined;
  extern?: boolean | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
}

const USAGE = 'Gebruik / usage: zicht report maand|raad|aanbieder --gemeente <code> --period <2026-05|2026Q2|2026H1|2026> [--aanbieder <agb>] [--extern] --out <bestand.pdf|bestand.xlsx>';

export async function reportCommand(cfg: Config, args: string[], flags: ReportFlags): Promise<number> {
  const kind = args[0] as ReportKind | undefined;
  if (!kind || !['maand', 'raad', 'aanbieder'].includes(kind) || !flags.gemeente || !flags.period || !flags.out) {
    console.error(USAGE);
    return 2;
  }
  if (!/\.(pdf|xlsx)$/i.test(flags.out)) {
    console.error(`--out moet eindigen op .pdf of .xlsx / must end in .pdf or .xlsx (kreeg ${flags.out})`);
    return 2;
  }
  const started = performance.now();
  const store = await open(cfg);
  const lens = new LensHolder(cfg.dataDir);
  try {
    const model = await buildReport(reportData(store, lens), { kind, gemeente: flags.gemeente.padStart(4, '0'), period: flags.period, provider: flags.aanbieder, extern: flags.extern });
    if (/\.pdf$/i.test(flags.out)) await writePdf(model, flags.out);
    else await writeExcel(model, flags.out);
    const seconds = (performance.now() - started) / 1000;
    if (flags.json) console.log(JSON.stringify({ out: flags.out, kind, sections: model.sections.map((s) => s.heading), empty: model.empty, seconds: Math.round(seconds * 10) / 10 }));
    else console.log(`${model.title} (${model.subtitle}) geschreven naar ${flags.out} in ${seconds.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} s${model.empty ? ' — let op: geen gegevens voor deze periode' : ''}`);
    return 0;
  } catch (err) {
    if (err instanceof ReportError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    lens.close();
    await store.close();
  }
}
