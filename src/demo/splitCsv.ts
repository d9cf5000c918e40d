/**
 * A CSV file too long for one import (the row limit per file, ingest/limits.ts) split into parts of at most `maxRows`
 * data rows, each with the header — what the importer's message asks a gemeente to do. The national demo's
 * declaraties.csv has 19 M rows against a limit of 10 M; it was refused whole.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** The parts' paths (`<name>-deel<k>.csv` beside it); the file itself when it fits. Streams: memory stays flat. */
export async function splitCsv(path: string, rows: number, maxRows: number): Promise<string[]> {
  if (rows <= maxRows) return [path];
  const parts: string[] = [];
  let header: string | null = null;
  let out: WriteStream | null = null;
  let inPart = 0;
  const close = async () => {
    if (!out) return;
    out.end();
    await once(out, 'finish');
    out = null;
  };
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (header === null) {
      header = line;
      continue;
    }
    if (line === '') continue;
    if (!out || inPart >= maxRows) {
      await close();
      const p = path.replace(/\.csv$/, '') + `-deel${parts.length + 1}.csv`;
      parts.push(p);
      out = createWriteStream(p, { encoding: 'utf8' });
      out.write(`${header}\n`);
      inPart = 0;
    }
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    inPart++;
  }
  await close();
  return parts;
}
