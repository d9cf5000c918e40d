/**
 * Reads a pdfkit PDF back without poppler: every text run (one Tm … TJ block) with its page, text,
 * position and width, and every filled rectangle. Enough to check a layout — overlapping text, a
 * number broken over two lines, a notice outside its box — on the file as written, not on what the
 * writer meant to draw. Only for pdfkit's own output (standard fonts, WinAnsi, one content stream a
 * page, no object streams).
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
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
    const fonts = new Map<string, string>();
    const resRef = /\/Resources (\d+) 0 R/.exec(body);
    const res = resRef ? objs.get(Number(resRef[1]))! : body;
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(res)?.[1] ?? '';
    for (const m of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g))
      fonts.set(m[1]!, /\/BaseFont \/([\w-]+)/.exec(objs.get(Number(m[2]))!)![1]!);
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
      const text = win1252.decode(Buffer.from(hex, 'hex'));
      const font = fonts.get(m[3]!) ?? 'Helvetica';
      measure.font(font).fontSize(size);
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
