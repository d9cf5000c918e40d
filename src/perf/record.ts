/**
 * What every benchmark script writes beside its numbers: when, on which machine, appended to
 * docs/benchmarks.md (created when missing).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const DOC = 'docs/benchmarks.md';

/** "2026-11-29 14:55" (UTC) */
export function benchDate(): string {
  return new Date().toISOString().slice(0, 16).replace('T', ' ');
}

export function benchMachine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

export function appendBenchmark(block: string): void {
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  writeFileSync(DOC, `${doc.trimEnd()}\n\n${block}`);
}
