/**
 * The baseline for the iJw importer: the same streaming XML parser (saxes, with
 * namespaces) over the same files, reading each file and parsing it, nothing else.
 */
import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';

export function parseOnlyMs(files: readonly string[]): number {
  const t = performance.now();
  for (const f of files) new SaxesParser({ xmlns: true }).write(readFileSync(f, 'utf8')).close();
  return performance.now() - t;
}
