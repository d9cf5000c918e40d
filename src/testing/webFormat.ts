/** Test helper: the web bundle's format.ts (which node cannot import from dist), compiled from its source. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { tempDir } from './fixtures.js';

/** The web copy, compiled from its source the way the bundle sees it. */
export async function webFormat(): Promise<{
  neutraliseCell(s: string): string;
  toCsv(h: string[], r: (string | number | null)[][]): string;
  fmtValue(v: number | null, unit: string, lang: 'nl' | 'en', suppressed?: boolean): string;
  shownFlags(flags: string[], unit: string): string[];
  monthOf(period: string, dataEnd: string): string;
  periodLabel(p: { key: string; label: string }, lang: 'nl' | 'en'): string;
  dutchToday(now?: Date): string;
  addDaysIso(iso: string, n: number): string;
}> {
  const src = fileURLToPath(new URL('../../src/web/format.ts', import.meta.url));
  const js = ts.transpileModule(readFileSync(src, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const out = join(tempDir('zicht-webfmt-'), 'format.mjs');
  writeFileSync(out, js);
  return import(pathToFileURL(out).href);
}

/** The web bundle's labels.ts (imports nothing), compiled from its source the same way. */
export async function webLabels(): Promise<{
  CARE_FORM_TEXT: Record<string, readonly [string, string]>;
  PRODUCT_CATEGORY_TEXT: Record<string, string>;
  FINANCING_FORM_TEXT: Record<string, readonly [string, string]>;
  BUDGET_SOURCE_TEXT: Record<string, readonly [string, string]>;
  EVALUATION_OUTCOME_TEXT: Record<string, readonly [string, string]>;
  SPLIT_LABELS: Record<string, readonly [string, string]>;
  SOCIAL_THEME_EN: Record<string, string>;
  keyLabel(by: string | null, key: string | null, lang: 'nl' | 'en', serverLabel?: string): string;
  splitLabel(by: string, lang: 'nl' | 'en'): string;
  gemeenteLabel(code: string, names: Record<string, string>, lang: 'nl' | 'en'): string;
}> {
  const src = fileURLToPath(new URL('../../src/web/labels.ts', import.meta.url));
  const js = ts.transpileModule(readFileSync(src, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const out = join(tempDir('zicht-weblabels-'), 'labels.mjs');
  writeFileSync(out, js);
  return import(pathToFileURL(out).href);
}

/** The web bundle's downloads.ts with the format.ts it imports, compiled from their sources side by side. */
export async function webDownloads(): Promise<WebDownloads> {
  const dir = tempDir('zicht-webdl-');
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  for (const name of ['format', 'downloads']) {
    const src = fileURLToPath(new URL(`../../src/web/${name}.ts`, import.meta.url));
    const js = ts.transpileModule(readFileSync(src, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(join(dir, `${name}.js`), js);
  }
  return import(pathToFileURL(join(dir, 'downloads.js')).href);
}

export interface WebDownloadColumn {
  key: string;
  nl: string;
  en: string;
  type: string;
  meaning: string;
}
export interface WebDownloadDef {
  id: string;
  where: string;
  file: string;
  columns: WebDownloadColumn[];
}
export interface WebDownloads {
  DOWNLOADS: Record<string, WebDownloadDef>;
  csvFor(
    def: WebDownloadDef,
    rows: Array<Record<string, string | number | null>>,
    h: 'nl' | 'en',
    only?: ReadonlySet<string>,
  ): string;
  csvName(file: string, h: 'nl' | 'en'): string;
  periodColumns(key: string): Record<string, string | null>;
}
