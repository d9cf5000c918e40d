/**
 * Zip archives of iJw messages: the archive itself is kept as a raw input; its .xml entries are
 * unpacked (streaming, names sanitised) into a working folder and imported message by message.
 */
import { createWriteStream, mkdirSync, openSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  checkZip,
  eachEntry,
  ingestLimits,
  LimitError,
  openLimited,
  openZip,
  ZipUnreadable,
  type IngestLimits,
} from '../limits.js';
import { UserError } from '../../domain/errors.js';

/** An archive refused whole (not a zip, names leaving the folder, over a limit): a UserError naming the archive. */
export class ZipRefused extends UserError<'ongeldig_bestand.zip'> {
  constructor(nl: string, en: string) {
    super('ongeldig_bestand.zip', { nl, en });
  }
}

/**
 * Returns the unpacked files with the name people know them by: archive.zip:folder/file.xml.
 * An archive that is not a zip, whose entry names try to leave the folder ("../x", "/x"), or that
 * is over a limit (entries, unpacked size, compression ratio, an entry larger than it declares:
 * limits.ts) is refused whole with ZipRefused: nothing of it is imported. The directory is checked
 * before anything is unpacked; what was unpacked before a lie was found is removed.
 */
export async function unzipXml(
  zipPath: string,
  outDir: string,
  limits: IngestLimits = ingestLimits(),
): Promise<Array<{ path: string; name: string }>> {
  const name = basename(zipPath);
  const refuse = (err: unknown): never => {
    if (err instanceof ZipRefused) throw err;
    if (err instanceof LimitError) throw new ZipRefused(err.nl, err.en);
    const message = (err as Error).message;
    if (/relative path|absolute path/i.test(message)) {
      const what = message.split(': ').pop();
      throw new ZipRefused(
        `het archief bevat een pad dat buiten de uitpakmap wijst (${what})`,
        `the archive contains a path that points outside the target folder (${what})`,
      );
    }
    if (err instanceof ZipUnreadable) throw new ZipRefused(err.nl, err.en);
    throw new ZipRefused(`het archief is onleesbaar: ${message}`, `the archive cannot be read: ${message}`);
  };
  try {
    await checkZip(zipPath, limits, name);
  } catch (err) {
    refuse(err);
  }
  mkdirSync(outDir, { recursive: true });
  const zip = await openZip(zipPath, name).catch(refuse);
  const files: Array<{ path: string; name: string }> = [];
  try {
    await eachEntry(zip, name, async (entry) => {
      if (/\/$/.test(entry.fileName) || !/\.xml$/i.test(entry.fileName)) return;
      // flatten the entry path: no entry can write outside outDir
      const target = join(
        outDir,
        `${String(files.length).padStart(7, '0')}-${basename(entry.fileName).replace(/[^\w.-]/g, '_')}`,
      );
      try {
        const source = await openLimited(zip, entry, Math.min(limits.entryBytes, entry.uncompressedSize), name);
        // opened here, not by the stream: a stream destroyed while still opening creates the file
        // after the clean-up below has run (seen in CI: a refused archive left an empty entry behind)
        await pipeline(source, createWriteStream(target, { fd: openSync(target, 'w', 0o600) }));
      } catch (err) {
        rmSync(target, { force: true });
        throw err;
      }
      files.push({ path: target, name: `${name}:${entry.fileName}` });
    });
  } catch (err) {
    for (const f of files) rmSync(f.path, { force: true });
    refuse(err);
  } finally {
    zip.close();
  }
  return files;
}
