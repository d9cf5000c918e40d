/**
 * Raw inputs are kept unchanged, content-addressed by SHA-256, under <dataDir>/raw/ab/abcdef….
 * Hashing and copying stream, so a 2 GB file never sits in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * Keeps files whose bytes were already read and hashed (small messages), recording them in one
 * statement. Returns the stored records.
 */
export async function keepRawBytes(sql: Sql, dataDir: string, files: ReadonlyArray<{ path: string; sha256: string; bytes: Buffer }>): Promise<RawFile[]> {
  const out: RawFile[] = [];
  for (const f of files) {
    const dir = join(dataDir, 'raw', f.sha256.slice(0, 2));
    const storedPath = join(dir, f.sha256);
    if (!existsSync(storedPath)) {
      mkdirSync(dir, { recursive: true });
      const tmp = `${storedPath}.${process.pid}.tmp`;
      writeFileSync(tmp, f.bytes);
      renameSync(tmp, storedPath);
    }
    out.push({ sha256: f.sha256, fileName: basename(f.path), byteSize: f.bytes.length, storedPath });
  }
  const unique = [...new Map(out.map((r) => [r.sha256, r])).values()];
  if (unique.length > 0) {
    await insertRows(sql, 'raw_input', ['sha256', 'file_name', 'byte_size', 'stored_path'], unique.map((r) => [r.sha256, r.fileName, r.byteSize, r.storedPath]), 'ON CONFLICT (sha256) DO NOTHING');
  }
  return out;
}
