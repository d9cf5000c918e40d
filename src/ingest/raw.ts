/**
 * Raw inputs are kept unchanged, content-addressed by SHA-256, under <dataDir>/raw/ab/abcdef…
 * (small messages in packs under <dataDir>/raw/packs/, see keepRawBytes).
 * Hashing and copying stream, so a 2 GB file never sits in memory.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { insertRows, type Sql } from '../store/sql.js';

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

/** Copies the file into the raw store (once per content) and records it. */
export async function keepRaw(sql: Sql, dataDir: string, path: string): Promise<RawFile> {
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
    createWriteStream(tmp),
  );
  const sha256 = hash.digest('hex');
  const dir = join(dataDir, 'raw', sha256.slice(0, 2));
  const storedPath = join(dir, sha256);
  mkdirSync(dir, { recursive: true });
  if (existsSync(storedPath)) rmSync(tmp);
  else renameSync(tmp, storedPath);
  const fileName = basename(path);
  await sql.query(
    `INSERT INTO raw_input (sha256, file_name, byte_size, stored_path) VALUES ($1,$2,$3,$4)
     ON CONFLICT (sha256) DO NOTHING`,
    [sha256, fileName, byteSize, storedPath],
  );
  return { sha256, fileName, byteSize, storedPath };
}

/**
 * Keeps small files whose bytes were already read and hashed (iJw messages): the ones not kept
 * before go into one pack file, <dataDir>/raw/packs/<sha256 of the pack>, recorded with their
 * offset and length in one statement. One file per batch instead of one per message.
 */
export async function keepRawBytes(sql: Sql, dataDir: string, files: ReadonlyArray<{ path: string; sha256: string; bytes: Buffer }>): Promise<void> {
  const unique = [...new Map(files.map((f) => [f.sha256, f])).values()];
  if (unique.length === 0) return;
  const known = new Set((await sql.query<{ sha256: string }>('SELECT sha256 FROM raw_input WHERE sha256 = ANY($1::text[])', [unique.map((f) => f.sha256)])).map((r) => r.sha256));
  const fresh = unique.filter((f) => !known.has(f.sha256));
  if (fresh.length === 0) return;
  const pack = Buffer.concat(fresh.map((f) => f.bytes));
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
    const row = [f.sha256, basename(f.path), f.bytes.length, storedPath, offset, f.bytes.length];
    offset += f.bytes.length;
    return row;
  });
  await insertRows(sql, 'raw_input', ['sha256', 'file_name', 'byte_size', 'stored_path', 'pack_offset', 'pack_length'], rows, 'ON CONFLICT (sha256) DO NOTHING');
}

/** The bytes of a kept raw input, from its own file or from its pack. */
export function readRawBytes(row: { stored_path: string; pack_offset: number | null; pack_length: number | null }): Buffer {
  if (row.pack_offset === null || row.pack_length === null) return readFileSync(row.stored_path);
  const fd = openSync(row.stored_path, 'r');
  try {
    const out = Buffer.alloc(row.pack_length);
    readSync(fd, out, 0, row.pack_length, row.pack_offset);
    return out;
  } finally {
    closeSync(fd);
  }
}
