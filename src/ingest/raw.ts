/**
 * Raw inputs are kept unchanged, content-addressed by SHA-256, under <dataDir>/raw/ab/abcdef…
 * (small messages in packs under <dataDir>/raw/packs/, see keepRawBytes). Inputs that can hold
 * personal data are sealed on the way in (seal.ts); the address is the hash of the plain bytes.
 * Hashing and copying stream, so a 2 GB file never sits in memory. Since migration 19 every kept input is
 * gzip-compressed before it is sealed (raw_input.compression = 'gzip'): the region demo's raw store went from 255 MB
 * to a fraction of it (issue 18.2). Inputs kept before stay as they are and are read by their own column.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { createGzip, createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { insertRows, type Sql } from '../store/sql.js';
import type { PseudonymKey } from '../domain/pseudonym.js';
import { openBytes, openSealedFile, sealBytes, sealStream, type Sealing } from './seal.js';

export interface RawFile {
  readonly sha256: string;
  readonly fileName: string;
  readonly byteSize: number;
  readonly storedPath: string;
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Copies the file into the raw store (once per content, sealed unless public) and records it. */
export async function keepRaw(sql: Sql, dataDir: string, path: string, sealing: Sealing): Promise<RawFile> {
  const byteSize = statSync(path).size;
  const tmpDir = join(dataDir, 'raw', 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const hash = createHash('sha256');
  await pipeline(
    createReadStream(path),
    new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        cb(null, chunk);
      },
    }),
    createGzip(),
    ...(sealing === 'public' ? [] : [sealStream(sealing)]),
    createWriteStream(tmp),
  );
  const sha256 = hash.digest('hex');
  const dir = join(dataDir, 'raw', sha256.slice(0, 2));
  const storedPath = join(dir, sha256);
  mkdirSync(dir, { recursive: true });
  // a file already recorded is kept as it was stored (its row says how); a file without a row (left by a run that
  // stopped before its commit, or stored before compression) is replaced, so the file matches the row written now
  const [recorded] = await sql.query('SELECT 1 FROM raw_input WHERE sha256 = $1', [sha256]);
  if (recorded) rmSync(tmp);
  else renameSync(tmp, storedPath);
  const fileName = basename(path);
  await sql.query(
    `INSERT INTO raw_input (sha256, file_name, byte_size, stored_path, sealed, compression) VALUES ($1,$2,$3,$4,$5,'gzip')
     ON CONFLICT (sha256) DO NOTHING`,
    [sha256, fileName, byteSize, storedPath, sealing !== 'public'],
  );
  return { sha256, fileName, byteSize, storedPath };
}

/**
 * Keeps small files whose bytes were already read and hashed (iJw messages): the ones not kept
 * before go, each sealed on its own, into one pack file, <dataDir>/raw/packs/<sha256 of the pack>,
 * recorded with their name (archive.zip:folder/file.xml for a message from a zip), offset and
 * length in one statement. One file per batch instead of one per message.
 */
export async function keepRawBytes(
  sql: Sql,
  dataDir: string,
  files: ReadonlyArray<{ name: string; sha256: string; bytes: Buffer; sealed?: Buffer | undefined }>,
  key: PseudonymKey,
): Promise<void> {
  const unique = [...new Map(files.map((f) => [f.sha256, f])).values()];
  if (unique.length === 0) return;
  const known = new Set(
    (
      await sql.query<{ sha256: string }>('SELECT sha256 FROM raw_input WHERE sha256 = ANY($1::text[])', [
        unique.map((f) => f.sha256),
      ])
    ).map((r) => r.sha256),
  );
  const fresh = unique
    .filter((f) => !known.has(f.sha256))
    // sealed already by a caller that had time to spare (the iJw importer seals while the previous batch is written)
    .map((f) => ({ ...f, sealed: f.sealed ?? sealRawBytes(key, f.bytes) }));
  if (fresh.length === 0) return;
  const pack = Buffer.concat(fresh.map((f) => f.sealed));
  const dir = join(dataDir, 'raw', 'packs');
  const storedPath = join(dir, createHash('sha256').update(pack).digest('hex'));
  if (!existsSync(storedPath)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${storedPath}.${process.pid}.tmp`;
    writeFileSync(tmp, pack);
    renameSync(tmp, storedPath);
  }
  let offset = 0;
  const rows = fresh.map((f) => {
    const row = [f.sha256, f.name, f.bytes.length, storedPath, offset, f.sealed.length, true, 'gzip'];
    offset += f.sealed.length;
    return row;
  });
  await insertRows(
    sql,
    'raw_input',
    ['sha256', 'file_name', 'byte_size', 'stored_path', 'pack_offset', 'pack_length', 'sealed', 'compression'],
    rows,
    'ON CONFLICT (sha256) DO NOTHING',
  );
}

/** The bytes of a small input as keepRawBytes stores them: gzip-compressed, then sealed. */
export function sealRawBytes(key: PseudonymKey, bytes: Buffer): Buffer {
  return sealBytes(key, gzipSync(bytes));
}

/** How a raw input was kept: the columns of raw_input that find and open it. */
export interface KeptRaw {
  readonly stored_path: string;
  readonly pack_offset: number | null;
  readonly pack_length: number | null;
  readonly sealed: boolean;
  /** 'gzip' since migration 19; NULL for inputs kept before, stored as they came */
  readonly compression: string | null;
}

/** The bytes as stored (sealed and compressed as the row says), from the input's own file or from its pack. */
export function storedBytes(row: Pick<KeptRaw, 'stored_path' | 'pack_offset' | 'pack_length'>): Buffer {
  let bytes: Buffer;
  if (row.pack_offset === null || row.pack_length === null) bytes = readFileSync(row.stored_path);
  else {
    const fd = openSync(row.stored_path, 'r');
    try {
      bytes = Buffer.alloc(row.pack_length);
      readSync(fd, bytes, 0, row.pack_length, row.pack_offset);
    } finally {
      closeSync(fd);
    }
  }
  return bytes;
}

/** The plain bytes of a kept raw input, from its own file or from its pack. */
export function readRawBytes(row: KeptRaw, key: PseudonymKey): Buffer {
  const stored = storedBytes(row);
  const opened = row.sealed ? openBytes(key, stored, row.stored_path) : stored;
  return row.compression === 'gzip' ? gunzipSync(opened) : opened;
}

/** The plain bytes of a kept raw file, streamed (for files too large to hold, such as a year of CSV). */
export async function* streamRawFile(row: KeptRaw, key: PseudonymKey): AsyncGenerator<Buffer> {
  if (row.pack_offset !== null) {
    yield readRawBytes(row, key);
    return;
  }
  const stored = row.sealed
    ? openSealedFile(key, row.stored_path)
    : createReadStream(row.stored_path, { highWaterMark: 1 << 18 });
  if (row.compression !== 'gzip') {
    for await (const chunk of stored) yield chunk as Buffer;
    return;
  }
  // an error of the source (a seal that does not open) ends the pipeline, and with it the loop below
  const gunzip = createGunzip();
  const done = pipeline(Readable.from(stored), gunzip);
  done.catch(() => undefined); // awaited below; a consumer that stops early must not leave it unhandled
  for await (const chunk of gunzip) yield chunk as Buffer;
  await done;
}
