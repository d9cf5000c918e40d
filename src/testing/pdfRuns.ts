/**
 * Reads a pdfkit PDF back without poppler: every text run (one Tm … TJ block) with its page, text,
 * position and width, and every filled rectangle. Enough to check a layout — overlapping text, a
 * number broken over two lines, a notice outside its box — on the file as written, not on what the
 * writer meant to draw. Only for pdfkit's own output (embedded fonts read through their ToUnicode map,
 * standard fonts as WinAnsi; one content stream a page, no object streams).
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/** Top-down page coordinates (as pdfkit draws): `top` is the top of the glyphs, `bottom` the baseline plus descent. */
export interface TextRun {
  readonly page: number;
  readonly text: string;
  readonly x: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
  readonly size: number;
}
/** A rectangle path (`re`), in top-down coordinates; `colour` is the last fill colour set before it. */
export interface Rect {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly colour: string;
}

// 0x80–0x9f of WinAnsi (Node's TextDecoder without full ICU reads windows-1252 as latin1)
const WIN_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const win1252 = {
  decode: (b: Buffer) =>
    [...b].map((c) => (c >= 0x80 && c < 0xa0 ? WIN_HIGH[c - 0x80]! : String.fromCharCode(c))).join(''),
};

interface PdfFont {
  readonly base: string;
  /** glyph id → text, from the font's ToUnicode CMap (embedded fonts); null for a standard font (WinAnsi) */
  readonly cmap: Map<number, string> | null;
}

/** A ToUnicode CMap's bfchar and bfrange entries (both range forms: a start value or an array of values). */
function parseToUnicode(cmap: string): Map<number, string> {
  const out = new Map<number, string>();
  // UTF-16BE: a character outside the BMP is a surrogate pair
  const text = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      out.set(parseInt(m[1]!, 16), text(m[2]!.replace(/\s/g, '')));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        // a ligature maps one glyph to several characters: <0066 0069> is "fi"
        [...m[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((v, i) => out.set(from + i, text(v[1]!.replace(/\s/g, ''))));
      } else {
        const start = parseInt(m[3]!.slice(1, -1), 16);
        for (let g = from; g <= to; g++) out.set(g, String.fromCodePoint(start + g - from));
      }
    }
  }
  return out;
}

/** The font to measure a run with: an embedded DejaVu face from its file, a standard font by its name. */
function measureFont(measure: InstanceType<typeof PDFDocument>, base: string): string {
  if (!base.startsWith('DejaVu')) return base;
  measure.registerFont(base, createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${base}.ttf`));
  return base;
}

function objects(pdf: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) out.set(Number(m[1]), m[2]!);
  return out;
}

export function readPdf(path: string): { runs: TextRun[]; rects: Rect[]; pages: number } {
  const buf = readFileSync(path);
  const pdf = buf.toString('latin1');
  const objs = objects(pdf);
  const stream = (n: number): string => {
    const start = buf.indexOf('stream\n', pdf.indexOf(`\n${n} 0 obj\n`) + 1) + 'stream\n'.length;
    const len = Number(/\/Length (\d+)/.exec(objs.get(n)!)![1]);
    const raw = buf.subarray(start, start + len);
    return (/\/Filter \/FlateDecode/.test(objs.get(n)!) ? inflateSync(raw) : raw).toString('latin1');
  };
  const pageObjs = [...objs.entries()].filter(([, body]) => /\/Type \/Page\b/.test(body)).map(([n]) => n);
  // pages in document order: the Kids array of the page tree
  const kids = /\/Type \/Pages[\s\S]*?\/Kids \[([^\]]*)\]/.exec(pdf)?.[1];
  const order = kids ? [...kids.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1])) : pageObjs;
  const measure = new PDFDocument({ autoFirstPage: false });
  const runs: TextRun[] = [];
  const rects: Rect[] = [];
  order.forEach((pageObj, pageIndex) => {
    const body = objs.get(pageObj)!;
    const height = Number(/\/MediaBox \[[\d.]+ [\d.]+ [\d.]+ ([\d.]+)\]/.exec(body)![1]);
    const fonts = new Map<string, PdfFont>();
    const resRef = /\/Resources (\d+) 0 R/.exec(body);
    const res = resRef ? objs.get(Number(resRef[1]))! : body;
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(res)?.[1] ?? '';
    for (const m of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const dict = objs.get(Number(m[2]))!;
      const base = /\/BaseFont \/([\w+-]+)/.exec(dict)![1]!;
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(dict);
      fonts.set(m[1]!, {
        // an embedded subset is named ABCDEF+DejaVuSans-Bold
        base: base.replace(/^[A-Z]{6}\+/, ''),
        cmap: toUnicode ? parseToUnicode(stream(Number(toUnicode[1]))) : null,
      });
    }
    const contentRefs = /\/Contents (\d+) 0 R/.exec(body);
    const content = contentRefs ? stream(Number(contentRefs[1])) : '';
    let fill = '';
    for (const m of content.matchAll(
      /BT\n1 0 0 1 ([\d.-]+) ([\d.-]+) Tm\n\/(\w+) ([\d.]+) Tf\n[\s\S]*?\[([^\]]*)\] TJ\nET|([\d.]+ [\d.]+ [\d.]+) scn|([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re\n/g,
    )) {
      if (m[6]) {
        fill = m[6];
        continue;
      }
      if (m[7]) {
        rects.push({
          page: pageIndex,
          x: Number(m[7]),
          y: Number(m[8]),
          w: Number(m[9]),
          h: Number(m[10]),
          colour: fill,
        });
        continue;
      }
      const size = Number(m[4]);
      const hex = [...m[5]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join('');
      const font = fonts.get(m[3]!) ?? { base: 'Helvetica', cmap: null };
      // an embedded font writes glyph ids (four hex digits each) that its ToUnicode map turns back into text
      const text = font.cmap
        ? (hex.match(/.{4}/g) ?? []).map((g) => font.cmap!.get(parseInt(g, 16)) ?? '\ufffd').join('')
        : win1252.decode(Buffer.from(hex, 'hex'));
      measure.font(measureFont(measure, font.base)).fontSize(size);
      const baseline = height - Number(m[2]);
      runs.push({
        page: pageIndex,
        text,
        x: Number(m[1]),
        top: baseline - 0.72 * size,
        bottom: baseline + 0.21 * size,
        width: measure.widthOfString(text),
        size,
      });
    }
  });
  return { runs, rects, pages: order.length };
}

/** Pairs of runs on the same page whose boxes overlap by more than a hair. */
export function overlaps(runs: readonly TextRun[]): Array<[TextRun, TextRun]> {
  const found: Array<[TextRun, TextRun]> = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i]!;
      const b = runs[j]!;
      if (a.page !== b.page) continue;
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 0.5 && dy > 0.5) found.push([a, b]);
    }
  }
  return found;
}
