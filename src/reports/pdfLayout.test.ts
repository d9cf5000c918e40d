/**
 * The council report read back from the PDF file (src/testing/pdfRuns.ts, no poppler needed): seen
 * in the browser, "Gemaakt op …" overprinted the demo notice and left the yellow box empty, rows of
 * the Doelen table did not grow with wrapped text, 17.903.303 broke over two lines, "Aldervaart"
 * broke into "Aldervaar t", trends read "->" and a column "eenheid" repeated the unit on every row.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { readPdf, overlaps, type TextRun } from '../testing/pdfRuns.js';
import { tempDir } from '../testing/fixtures.js';
import { buildReport, type ReportModel } from './model.js';
import { reportData } from './data.js';
import { writePdf } from './pdf.js';
import { cellUnit, formatCell } from './format.js';

const show = (pairs: Array<[TextRun, TextRun]>) =>
  pairs
    .slice(0, 5)
    .map(([a, b]) => `p${a.page + 1} "${a.text}" × "${b.text}"`)
    .join('; ');

/** Every check on one written PDF of `model`. */
async function checkLayout(model: ReportModel, name: string): Promise<TextRun[]> {
  const path = join(tempDir('zicht-pdf-layout-'), `${name}.pdf`);
  await writePdf(model, path);
  const { runs, rects } = readPdf(path);
  assert.ok(runs.length > 50, `${name}: text read back (${runs.length} runs)`);
  assert.deepEqual(show(overlaps(runs)), '', `${name}: no two text runs overlap`);
  for (const r of runs) assert.ok(!r.text.includes('->'), `${name}: "${r.text}" has no "->"`);
  // a number is printed whole on one line: every number cell's text is inside one run
  for (const s of model.sections)
    for (const t of s.tables)
      for (const row of t.rows)
        row.forEach((v, i) => {
          if (typeof v !== 'number') return;
          const text = formatCell(v, cellUnit(t.columns, row, i)).replace(/^€ /, '');
          assert.ok(
            runs.some((r) => r.text.includes(text)),
            `${name}: ${text} (${t.caption}) printed whole`,
          );
        });
  // column labels (gemeente names) break between words only: each word stands whole in a run
  for (const s of model.sections)
    for (const t of s.tables)
      for (const c of t.columns.filter((x) => x.label !== 'eenheid'))
        for (const word of c.label.split(/\s+/)) {
          if (word.length < 4) continue;
          assert.ok(
            runs.some((r) => r.text.includes(word)),
            `${name}: "${word}" of column "${c.label}" is not broken`,
          );
        }
  assert.ok(!runs.some((r) => r.text.trim() === 'eenheid'), `${name}: no column "eenheid"`);
  if (model.demo) {
    const notice = runs.find((r) => r.text.startsWith('DEMOGEGEVENS — fictieve'));
    assert.ok(notice, `${name}: demo notice on the cover`);
    const box = rects.find(
      (b) => b.page === notice.page && b.w > 200 && notice.top >= b.y && notice.bottom <= b.y + b.h && notice.x >= b.x,
    );
    assert.ok(box, `${name}: the demo notice stands inside its box`);
  }
  return runs;
}

const names = [
  'Aldervaart',
  'Alphen-Chaam en Baarle',
  'Hendrik-Ido-Ambacht',
  'Zuid-Hollandse Eilanden',
  'Krimpenerwaard',
  'Molenlanden',
];

/** The shapes that went wrong in the browser, in one model. */
const hard: ReportModel = {
  kind: 'raad',
  title: 'Raadsrapportage jeugdhulp',
  subtitle: 'Aldervaart · 1e halfjaar 2026 · interne versie',
  demo: true,
  extern: false,
  generatedAt: '2026-11-29T10:00:00Z',
  empty: false,
  keyMessages: [
    'Minder jeugdigen in zorg dan vorig halfjaar.',
    'De kosten blijven binnen het budget.',
    'Twee van de drie doelen liggen op koers.',
  ],
  sections: [
    {
      heading: 'Doelen',
      paragraphs: [],
      stories: [],
      charts: [],
      tables: [
        {
          caption: 'Doelen met status en trend',
          columns: [
            { label: 'doel', unit: 'tekst' },
            { label: 'status', unit: 'tekst' },
            { label: 'verloop (4 halfjaren)', unit: 'tekst' },
            { label: 'nu', unit: 'score' },
            { label: 'verwacht bij deadline', unit: 'score' },
            { label: 'streefwaarde', unit: 'score' },
            { label: 'deadline', unit: 'tekst' },
          ],
          rows: [
            [
              'Minder jeugdigen met jeugdhulp met verblijf dan in het jaar ervoor, ook in de kleinere kernen',
              'aandacht',
              '12,4 → 12,1 → 11,9 → 11,7',
              11.7,
              11.2,
              10,
              '2027-12-31',
            ],
            [
              'Kortere wachttijd van aanvraag tot toewijzing voor alle jeugdigen in de regio',
              'op koers',
              '42 → 40 → 38 → 35',
              35,
              30,
              28,
              '2026-12-31',
            ],
          ],
        },
      ],
    },
    {
      heading: 'Kerncijfers',
      paragraphs: [],
      stories: [],
      charts: [],
      tables: [
        {
          caption: 'Kerncijfers',
          columns: [
            { label: 'indicator', unit: 'tekst' },
            { label: '2e halfjaar 2025', unit: 'aantal' },
            { label: '1e halfjaar 2026', unit: 'aantal' },
            { label: 'verandering %', unit: 'procent' },
            { label: 'eenheid', unit: 'tekst' },
          ],
          rows: [
            ['kosten', 17903303, 18250111, 1.9, 'euro'],
            ['% jeugdigen met jeugdhulp', 12.4, 12.1, -2.4, 'procent'],
            ['gemiddelde duur', 203.5, 187, -8.1, 'dagen'],
          ],
        },
        {
          caption: 'Geld',
          columns: [
            { label: 'indicator', unit: 'tekst' },
            { label: '2e halfjaar 2025', unit: 'aantal' },
            { label: '1e halfjaar 2026', unit: 'aantal' },
            { label: 'eenheid', unit: 'tekst' },
          ],
          rows: [
            ['kosten', 17903303, 18250111, 'euro'],
            ['kosten per jeugdige', 15123, 15400, 'euro'],
          ],
        },
      ],
    },
    {
      heading: 'Vergelijking met de regio',
      paragraphs: [],
      stories: [],
      tables: [
        {
          caption: 'Per gemeente',
          columns: [{ label: 'zorgvorm', unit: 'tekst' }, ...names.map((n) => ({ label: n, unit: 'euro' as const }))],
          rows: [
            ['zonder verblijf', ...names.map((_, i) => 17903303 + i)],
            ['met verblijf', ...names.map((_, i) => 1_250_000 + i)],
          ],
        },
      ],
      charts: [],
    },
  ],
  definitions: [],
  sources: [],
};

describe('council report PDF read back', { timeout: 300_000 }, () => {
  let store: PgliteStore;
  let f: ServerFixture;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    f = await serverFixture(store);
    const controller = await login(f, 'controller');
    const goal = await f.app.inject({
      method: 'POST',
      url: '/api/v1/goals',
      headers: { cookie: controller },
      payload: {
        gemeente: '9001',
        indicator: 'pct_youth_in_care',
        title: 'Minder jeugdigen met jeugdhulp dan in het jaar ervoor, ook in de kleinere kernen van de gemeente',
        target: 8,
        deadline: '2025-12-31',
      },
    });
    assert.equal(goal.statusCode, 201, goal.body);
  });
  after(async () => {
    await f?.close();
    await store?.close();
  });

  it('the hard shapes: no overlap, numbers and names whole, arrows, the unit in the header', async () => {
    const runs = await checkLayout(hard, 'hard');
    assert.ok(
      runs.some((r) => /12,4 (→|naar) 12,1/.test(r.text)),
      'a trend is written with an arrow or in words',
    );
    assert.ok(
      runs.some((r) => r.text.includes('(€)')),
      'one unit for the table: in the header',
    );
    assert.ok(
      runs.some((r) => r.text.includes('gemiddelde duur (dagen)')),
      'units that differ per row: after the name',
    );
  });

  it('the real council report opens with a cover page and three messages in words', async () => {
    const m = await buildReport(reportData(store, f.ctx.lens), {
      kind: 'raad',
      gemeente: '9001',
      period: '2024H1',
      now: new Date('2024-07-15T10:00:00Z'),
    });
    assert.equal(m.keyMessages?.length, 3, 'three messages');
    for (const msg of m.keyMessages!) assert.match(msg, /^[A-Z].*\.$/, `a sentence: ${msg}`);
    const runs = await checkLayout(m, 'raad');
    const cover = runs
      .filter((r) => r.page === 0)
      .map((r) => r.text)
      .join(' ');
    assert.match(cover, /Raadsrapportage jeugdhulp/);
    for (const msg of m.keyMessages!)
      assert.ok(cover.replace(/\s+/g, ' ').includes(msg.split(' ').slice(0, 4).join(' ')), `on the cover: ${msg}`);
    const ext = await buildReport(reportData(store, f.ctx.lens), {
      kind: 'raad',
      gemeente: '9001',
      period: '2024H1',
      extern: true,
      now: new Date('2024-07-15T10:00:00Z'),
    });
    await checkLayout(ext, 'raad-extern');
  });
});
