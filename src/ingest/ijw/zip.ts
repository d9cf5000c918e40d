/**
 * Zip archives of iJw messages: the archive itself is kept as a raw input; its .xml entries are
 * unpacked (streaming, names sanitised) into a working folder and imported message by message.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

export class ZipRefused extends Error {
  constructor(
    readonly nl: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/**
 * Returns the unpacked files with the name people know them by: archive.zip:folder/file.xml.
 * An archive that is not a zip, or whose entry names try to leave the folder ("../x", "/x"), is
 * refused whole with ZipRefused: nothing of it is imported.
 */
export async function unzipXml(zipPath: string, outDir: string): Promise<Array<{ path: string; name: string }>> {
  mkdirSync(outDir, { recursive: true });
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (err, z) =>
      err || !z ? reject(new ZipRefused(`geen leesbaar zip-archief: ${err?.message ?? ''}`, `not a readable zip archive: ${err?.message ?? ''}`)) : resolve(z)));
  const files: Array<{ path: string; name: string }> = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (err: Error) =>
      reject(/relative path|absolute path/i.test(err.message)
        ? new ZipRefused(`het archief bevat een pad dat buiten de uitpakmap wijst (${err.message.split(': ').pop()})`, `the archive contains a path that points outside the target folder (${err.message.split(': ').pop()})`)
        : new ZipRefused(`het archief is onleesbaar: ${err.message}`, `the archive cannot be read: ${err.message}`)));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (/\/$/.test(entry.fileName) || !/\.xml$/i.test(entry.fileName)) {
        zip.readEntry();
        return;
      }
      // flatten the entry path: no entry can write outside outDir
      const target = join(outDir, `${String(files.length).padStart(7, '0')}-${basename(entry.fileName).replace(/[^\w.-]/g, '_')}`);
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err ?? new Error('cannot read zip entry'));
        pipeline(stream, createWriteStream(target)).then(() => {
          files.push({ path: target, name: `${basename(zipPath)}:${entry.fileName}` });
          zip.readEntry();
        }, reject);
      });
    });
    zip.readEntry();
  });
  return files;
}
