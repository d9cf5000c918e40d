/**
 * Limits on everything Zicht reads from outside (web upload, `zicht import` of CSV, Excel, iJw zip
 * archives, CBS mirror files). A hostile or broken file must be refused with a message that names the
 * file and the limit, never exhaust memory or disk: one zip bomb (a 12.6 MB workbook that unpacks to
 * 3.7 GB of shared strings) used to take the server down. Zip archives (.xlsx is one) are judged
 * by their central directory before anything is unpacked, and every unpacked stream is counted, so
 * an entry that lies about its size is stopped at its declared size.
 *
 * The defaults fit the largest real exports we know (a region's trajectories over ten years: a few
 * hundred MB of CSV, a few million rows, tens of columns) with room to spare. Each can be changed
 * with an environment variable (README, "Grenzen bij inlezen").
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import { UserError } from '../domain/errors.js';

export interface IngestLimits {
  /** bytes of one uploaded file (web) */
  readonly uploadBytes: number;
  /** bytes of one file read by `zicht import` (CSV, workbook, archive, CBS JSON) */
  readonly fileBytes: number;
  /** uncompressed bytes of all entries of one zip archive or workbook together */
  readonly unpackedBytes: number;
  /** uncompressed bytes of one entry */
  readonly entryBytes: number;
  /** entries in one zip archive or workbook */
  readonly zipEntries: number;
  /** uncompressed : compressed, for an entry larger than 1 MB unpacked */
  readonly zipRatio: number;
  /** data rows of one file (CSV, sheet, CBS table) */
  readonly rows: number;
  /** columns of one file */
  readonly columns: number;
  /** entries of a workbook's shared-strings table (they are held in memory while the sheet is read) */
  readonly sharedStrings: number;
  /** unpacked bytes of a workbook's shared-strings table (held in memory, so far below entryBytes) */
  readonly sharedStringsBytes: number;
  /** bytes of one CBS mirror file (JSON, parsed whole in memory) */
  readonly cbsFileBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: IngestLimits = {
  uploadBytes: 200 * MB,
  fileBytes: 4096 * MB,
  unpackedBytes: 2048 * MB,
  entryBytes: 1024 * MB,
  zipEntries: 50_000,
  zipRatio: 200,
  rows: 10_000_000,
  columns: 500,
  sharedStrings: 5_000_000,
  sharedStringsBytes: 128 * MB,
  cbsFileBytes: 256 * MB,
};

/** Environment variable per limit; sizes in MB. */
export const LIMIT_ENV: Readonly<Record<keyof IngestLimits, string>> = {
  uploadBytes: 'ZICHT_MAX_UPLOAD_MB',
  fileBytes: 'ZICHT_MAX_FILE_MB',
  unpackedBytes: 'ZICHT_MAX_UNPACKED_MB',
  entryBytes: 'ZICHT_MAX_ENTRY_MB',
  zipEntries: 'ZICHT_MAX_ZIP_ENTRIES',
  zipRatio: 'ZICHT_MAX_ZIP_RATIO',
  rows: 'ZICHT_MAX_ROWS',
  columns: 'ZICHT_MAX_COLUMNS',
  sharedStrings: 'ZICHT_MAX_SHARED_STRINGS',
  sharedStringsBytes: 'ZICHT_MAX_SHARED_STRINGS_MB',
  cbsFileBytes: 'ZICHT_MAX_CBS_FILE_MB',
};

/**
 * The limits in force: defaults, changed by the ZICHT_MAX_* variables in `env`, changed by `over` (tests, options).
 * The environment is read once, in cli/config.ts, which passes its values here; without them the defaults hold.
 */
export function ingestLimits(
  over: Partial<IngestLimits> = {},
  env: Readonly<Record<string, string | undefined>> = {},
): IngestLimits {
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [k, name] of Object.entries(LIMIT_ENV)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      throw new UserError('ongeldige_instelling', {
        name,
        value: raw,
        expected: 'een positief getal',
        expectedEn: 'a positive number',
      });
    }
    out[k] = k.endsWith('Bytes') ? Math.floor(n * MB) : Math.floor(n);
  }
  return { ...(out as unknown as IngestLimits), ...over };
}

export class LimitError extends UserError<'te_groot'> {
  constructor(nl: string, en: string) {
    super('te_groot', { nl, en });
  }
}

/** A file that claims to be a zip archive (or workbook) but cannot be read as one. */
export class ZipUnreadable extends UserError<'ongeldig_bestand.zip'> {
  constructor(nl: string, en: string) {
    super('ongeldig_bestand.zip', { nl, en });
  }
}

const mb = (n: number) =>
  n < MB
    ? `${n.toLocaleString('nl-NL')} bytes`
    : `${(n / MB).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB`;
const mbEn = (n: number) => (n < MB ? `${n} bytes` : `${(n / MB).toFixed(1)} MB`);
const num = (n: number) => n.toLocaleString('nl-NL');

/** Refuses a file larger than `max` bytes before it is read. */
export function checkFileSize(path: string, max: number, name = basename(path)): void {
  const size = statSync(path).size;
  if (size > max) {
    throw new LimitError(
      `${name} is ${mb(size)}; de grens is ${mb(max)} per bestand`,
      `${name} is ${mbEn(size)}; the limit is ${mbEn(max)} per file`,
    );
  }
}

export function rowLimitError(name: string, max: number): LimitError {
  return new LimitError(
    `${name} heeft meer dan ${num(max)} gegevensregels; dat is de grens per bestand (splits het bestand)`,
    `${name} has more than ${max} data rows; that is the limit per file (split the file)`,
  );
}

export function columnLimitError(name: string, count: number, max: number): LimitError {
  return new LimitError(
    `${name} heeft ${num(count)} kolommen; de grens is ${num(max)}`,
    `${name} has ${count} columns; the limit is ${max}`,
  );
}

export interface ZipSummary {
  readonly entries: number;
  readonly unpackedBytes: number;
}

/**
 * Reads only the central directory of a zip archive (or workbook) and refuses it when the entry
 * count, an entry's or the total unpacked size, or an entry's compression ratio is over the limit.
 * Nothing is unpacked. The sizes checked here are the declared ones; `openLimited` holds every
 * entry to them while unpacking.
 */
export async function checkZip(path: string, limits: IngestLimits, name = basename(path)): Promise<ZipSummary> {
  const zip = await openZip(path, name);
  try {
    if (zip.entryCount > limits.zipEntries) {
      throw new LimitError(
        `${name} bevat ${num(zip.entryCount)} bestanden; de grens is ${num(limits.zipEntries)} per archief`,
        `${name} holds ${zip.entryCount} entries; the limit is ${limits.zipEntries} per archive`,
      );
    }
    let total = 0;
    let count = 0;
    await eachEntry(zip, name, (e) => {
      count++;
      const size = e.uncompressedSize;
      total += size;
      if (size > limits.entryBytes) {
        throw new LimitError(
          `${name}: ${e.fileName} is uitgepakt ${mb(size)}; de grens is ${mb(limits.entryBytes)} per onderdeel (zip-bom?)`,
          `${name}: ${e.fileName} unpacks to ${mbEn(size)}; the limit is ${mbEn(limits.entryBytes)} per entry (zip bomb?)`,
        );
      }
      if (total > limits.unpackedBytes) {
        throw new LimitError(
          `${name} is uitgepakt meer dan ${mb(limits.unpackedBytes)}; dat is de grens per archief (zip-bom?)`,
          `${name} unpacks to more than ${mbEn(limits.unpackedBytes)}; that is the limit per archive (zip bomb?)`,
        );
      }
      if (size > MB && size > limits.zipRatio * Math.max(1, e.compressedSize)) {
        const ratio = Math.round(size / Math.max(1, e.compressedSize));
        throw new LimitError(
          `${name}: ${e.fileName} is ${num(ratio)} keer samengeperst; de grens is ${num(limits.zipRatio)} keer (zip-bom?)`,
          `${name}: ${e.fileName} is compressed ${ratio} times; the limit is ${limits.zipRatio} (zip bomb?)`,
        );
      }
    });
    if (count !== zip.entryCount) {
      throw new ZipUnreadable(
        `${name}: de inhoudsopgave van het archief klopt niet`,
        `${name}: the archive's directory is inconsistent`,
      );
    }
    return { entries: count, unpackedBytes: total };
  } finally {
    zip.close();
  }
}

/** Opens a zip archive for reading entries one at a time (lazyEntries); a non-zip is a LimitError too. */
export function openZip(path: string, name = basename(path)): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, z) =>
      err || !z
        ? reject(
            new ZipUnreadable(
              `${name} is geen leesbaar zip-archief: ${err?.message ?? ''}`,
              `${name} is not a readable zip archive: ${err?.message ?? ''}`,
            ),
          )
        : resolve(z),
    ),
  );
}

/** Calls `fn` for every entry of the directory, in order; an error thrown by `fn` stops the walk. */
export function eachEntry(
  zip: yauzl.ZipFile,
  name: string,
  fn: (e: yauzl.Entry) => void | Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const fail = (err: unknown) => {
      if (done) return;
      done = true;
      reject(
        err instanceof LimitError || err instanceof ZipUnreadable
          ? err
          : new ZipUnreadable(
              `${name} is onleesbaar: ${(err as Error).message}`,
              `${name} cannot be read: ${(err as Error).message}`,
            ),
      );
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (!done) {
        done = true;
        resolve();
      }
    });
    zip.on('entry', (e: yauzl.Entry) => {
      Promise.resolve()
        .then(() => fn(e))
        .then(() => zip.readEntry(), fail);
    });
    zip.readEntry();
  });
}

/**
 * An entry's unpacked bytes, stopped with a LimitError after `max` bytes whatever the entry declares
 * (yauzl also refuses an entry whose real size differs from its declared size).
 */
export function openLimited(
  zip: yauzl.ZipFile,
  e: yauzl.Entry,
  max: number,
  name: string,
): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(e, (err, stream) => {
      if (err || !stream) {
        reject(
          new ZipUnreadable(
            `${name}: ${e.fileName} is onleesbaar: ${err?.message ?? ''}`,
            `${name}: ${e.fileName} cannot be read: ${err?.message ?? ''}`,
          ),
        );
        return;
      }
      let seen = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb: TransformCallback) {
          seen += chunk.length;
          if (seen > max) {
            cb(
              new LimitError(
                `${name}: ${e.fileName} is uitgepakt groter dan ${mb(max)} (zip-bom?)`,
                `${name}: ${e.fileName} unpacks to more than ${mbEn(max)} (zip bomb?)`,
              ),
            );
            return;
          }
          cb(null, chunk);
        },
      });
      stream.on('error', (er: Error) =>
        counter.destroy(
          // yauzl stops an entry whose real size differs from the size its directory entry declares
          /too many bytes|too few bytes/.test(er.message)
            ? new LimitError(
                `${name}: ${e.fileName} is groter of kleiner dan het archief opgeeft (${e.uncompressedSize} bytes); het archief is vervalst`,
                `${name}: ${e.fileName} differs from the size the archive declares (${e.uncompressedSize} bytes); the archive is forged`,
              )
            : new ZipUnreadable(
                `${name}: ${e.fileName} is onleesbaar: ${er.message}`,
                `${name}: ${e.fileName} cannot be read: ${er.message}`,
              ),
        ),
      );
      // a refused entry stops inflating at once
      counter.on('error', () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.());
      stream.pipe(counter);
      resolve(counter);
    });
  });
}
