/** Test helper: zip archives built by hand, so tests need no zip library. */
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';

/** A minimal zip (method 0, stored) with the given entries. */
export function storedZip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const n = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A deflated entry given as its compressed bytes, with its real unpacked size and CRC. */
export interface Deflated {
  readonly bytes: Buffer;
  readonly size: number;
  readonly crc: number;
}

export interface ZipEntrySpec {
  readonly name: string;
  /** stored (method 0) content */
  readonly data?: Buffer | string;
  /** deflated (method 8) content */
  readonly deflated?: Deflated;
  /** the unpacked size the directory claims; default the real one (a lie when different) */
  readonly declaredSize?: number;
}

/** Deflated text, compressed the ordinary way. */
export function deflated(text: string | Buffer): Deflated {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return { bytes: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/**
 * A zip bomb's content without building it: `head`, then `body` repeated `copies` times, then `tail`,
 * deflated. Each piece is compressed on its own and ends on a full flush, so the compressed body
 * can be repeated as bytes: 3.7 GB of shared strings cost a few MB and no time.
 */
export function repeatedDeflate(head: string, body: string, copies: number, tail: string): Deflated {
  const flush = { finishFlush: zlibConstants.Z_FULL_FLUSH, level: 9 };
  const h = Buffer.from(head);
  const b = Buffer.from(body);
  const t = Buffer.from(tail);
  const parts = [deflateRawSync(h, flush)];
  const block = deflateRawSync(b, flush);
  for (let i = 0; i < copies; i++) parts.push(block);
  parts.push(deflateRawSync(t)); // the final block
  let crc = crc32(h);
  for (let i = 0; i < copies; i++) crc = crc32(b, crc);
  crc = crc32(t, crc);
  return { bytes: Buffer.concat(parts), size: h.length + b.length * copies + t.length, crc };
}

/** A zip archive (stored or deflated entries, declared sizes that may lie, zip64 directory end above 65,535 entries). */
export function zipArchive(entries: readonly ZipEntrySpec[]): Buffer {
  const out: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const n = Buffer.from(e.name);
    const stored = e.deflated ? null : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '');
    const body = e.deflated ? e.deflated.bytes : stored!;
    const size = e.deflated ? e.deflated.size : stored!.length;
    const crc = e.deflated ? e.deflated.crc : crc32(stored!);
    const declared = e.declaredSize ?? size;
    const method = e.deflated ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    out.push(local, n, body);
    centrals.push(central, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const zip64 = entries.length > 0xffff;
  if (zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(entries.length), 24);
    rec.writeBigUInt64LE(BigInt(entries.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    out.push(cd, rec, loc);
  } else out.push(cd);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  out.push(end);
  return Buffer.concat(out);
}

/** A minimal workbook (one sheet "Blad1") whose sheet and shared strings are given; enough for Excel, exceljs and us. */
export function xlsxArchive(parts: {
  sheet: ZipEntrySpec['deflated'] | string;
  sharedStrings?: Deflated | string;
  sharedStringsDeclared?: number;
  sheetDeclared?: number;
}): Buffer {
  const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const part = (name: string, v: Deflated | string, declaredSize?: number): ZipEntrySpec =>
    typeof v === 'string'
      ? { name, deflated: deflated(v), ...(declaredSize !== undefined ? { declaredSize } : {}) }
      : { name, deflated: v, ...(declaredSize !== undefined ? { declaredSize } : {}) };
  return zipArchive([
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ns}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    ...(parts.sharedStrings !== undefined
      ? [part('xl/sharedStrings.xml', parts.sharedStrings, parts.sharedStringsDeclared)]
      : []),
    part('xl/worksheets/sheet1.xml', parts.sheet ?? '', parts.sheetDeclared),
  ]);
}

/** The XML around a sheet's rows and a shared-strings table's entries. */
export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';
export const SST_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
export const SST_TAIL = '</sst>';
