/**
 * Streaming text decoding with encoding detection. Our users' exports are UTF-8 or Windows-1252
 * (Excel on Dutch Windows); anything else (UTF-16, binary) is refused with a clear message rather
 * than read as garbage.
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { UserError } from '../../domain/errors.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** A file in an encoding the importer does not read (UTF-16, binary): a UserError. */
export class EncodingError extends UserError<'ongeldig_bestand.codering'> {
  constructor(nl: string, en: string) {
    super('ongeldig_bestand.codering', { nl, en });
  }
}

/** Looks at the first bytes for a BOM or NUL bytes; returns the encoding to try first. */
export async function sniffEncoding(path: string): Promise<TextEncoding> {
  const head = await firstBytes(path, 65_536);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new EncodingError(
      'Het bestand is UTF-16 gecodeerd; sla het op als CSV UTF-8 (of Windows-1252).',
      'The file is UTF-16 encoded; save it as CSV UTF-8 (or Windows-1252).',
    );
  }
  if (head.includes(0)) {
    throw new EncodingError(
      'Het bestand bevat NUL-tekens: het is geen tekstbestand (of UTF-16 zonder BOM).',
      'The file contains NUL bytes: it is not a text file (or UTF-16 without a BOM).',
    );
  }
  return 'utf-8';
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of createReadStream(path, { start: 0, end: n - 1 })) {
    chunks.push(c as Buffer);
    size += (c as Buffer).length;
  }
  return Buffer.concat(chunks, size);
}

/**
 * Decoded text in chunks, with the bytes read so far (for progress). UTF-8 is decoded strictly: an
 * invalid sequence throws, and the caller retries as Windows-1252. The source is a file or its bytes
 * as a stream (a sealed raw input, opened on the fly).
 */
export async function* decodeFile(
  source: string | AsyncIterable<Buffer>,
  encoding: TextEncoding,
): AsyncGenerator<{ text: string; bytes: number }> {
  const chunks = (): AsyncIterable<Buffer> =>
    typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 18 }) : source;
  let bytes = 0;
  let first = true;
  if (encoding === 'utf-8') {
    const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    for await (const chunk of chunks()) {
      bytes += chunk.length;
      yield { text: dec.decode(chunk, { stream: true }), bytes };
    }
    yield { text: dec.decode(), bytes };
    return;
  }
  const dec = iconv.getDecoder('win1252');
  for await (const chunk of chunks()) {
    bytes += chunk.length;
    let text = dec.write(chunk);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    yield { text, bytes };
  }
  const rest = dec.end();
  if (rest) yield { text: rest, bytes };
}
