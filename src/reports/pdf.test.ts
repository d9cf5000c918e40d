/**
 * The PDF writer on shapes the demo region never produces: a regio of 40 gemeenten as table
 * columns and a chart with 30 series. Seen at national size: columns squeezed below zero width
 * made pdfkit loop until the process ran out of memory. Now the table is printed in parts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writePdf } from './pdf.js';
import type { ReportModel } from './model.js';
import { tempDir } from '../testing/fixtures.js';
import { readPdf } from '../testing/pdfRuns.js';

describe('PDF of very wide tables and many series', { timeout: 60_000 }, () => {
  it('prints a table of 40 gemeenten in parts that repeat the first column, and a wrapped legend', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `Gemeente ${String(i + 1).padStart(2, '0')}`);
    const model: ReportModel = {
      kind: 'raad',
      title: 'Raadsrapportage',
      subtitle: 'Breed (test)',
      demo: true,
      extern: false,
      generatedAt: '2026-11-29',
      empty: false,
      sections: [
        {
          heading: 'Vergelijking met de regio',
          paragraphs: [],
          stories: [],
          tables: [
            {
              caption: 'Per gemeente',
              columns: [
                { label: 'zorgvorm', unit: 'tekst' },
                ...names.map((n) => ({ label: n, unit: 'procent' as const })),
              ],
              rows: [
                ['ambulant', ...names.map((_, i) => 10 + i / 10)],
                ['met verblijf', ...names.map((_, i) => 1 + i / 100)],
              ],
            },
          ],
          charts: [
            {
              title: 'Trend',
              kind: 'line',
              unit: 'procent',
              categories: ['2025H1', '2025H2'],
              series: names.slice(0, 30).map((n, i) => ({ name: n, values: [i, i + 1] })),
            },
          ],
        },
      ],
      definitions: [],
      sources: [],
    };
    const out = join(tempDir('zicht-pdf-wide-'), 'breed.pdf');
    await writePdf(model, out);
    assert.ok(existsSync(out));
    // read back from the file (testing/pdfRuns.ts): as many parts as the columns need at readable width
    const text = readPdf(out)
      .runs.map((r) => r.text)
      .join('\n');
    const parts = Number(/Per gemeente \(deel 1 van (\d+)\)/.exec(text)?.[1]);
    assert.ok(parts >= 3 && parts <= 8, `printed in parts (${parts})`);
    assert.match(text, new RegExp(`Per gemeente \\(deel ${parts} van ${parts}\\)`));
    assert.match(text, /Gemeente\s+40/, 'the last gemeente is printed');
    assert.equal((text.match(/ambulant/g) ?? []).length, parts, 'each part repeats the first column');
    assert.match(text, /13,9/, 'Dutch decimal comma in the last part');
  });

  it('prints names in every European script as written, not as other letters (red team 19: standard fonts)', async () => {
    const names = ['Łukasz Wąsik', 'Ayşe Şahin', 'Ødegård', 'Dvořák', 'Ελλάδα', 'Ярослава', 'Zoë ≥ 5 − 2 ✓'];
    const model: ReportModel = {
      kind: 'aanbieder',
      title: 'Kwartaalgesprek',
      subtitle: 'Namen (test)',
      demo: false,
      extern: false,
      generatedAt: '2026-12-06',
      empty: false,
      sections: [
        {
          heading: 'Afspraken',
          paragraphs: names.map((n) => `Eigenaar: ${n}`),
          stories: [],
          tables: [{ caption: 'Eigenaren', columns: [{ label: 'naam', unit: 'tekst' }], rows: names.map((n) => [n]) }],
          charts: [],
        },
      ],
      definitions: [],
      sources: [],
    };
    const out = join(tempDir('zicht-pdf-names-'), 'namen.pdf');
    await writePdf(model, out);
    const text = readPdf(out)
      .runs.map((r) => r.text)
      .join('\n');
    // ≥ and − are printed as >= and - (the report's own convention for plain signs)
    for (const n of names.map((x) => x.replace('≥', '>=').replace('−', '-')))
      assert.equal(text.split(`Eigenaar: ${n}`).length - 1, 1, `"${n}" printed once as written`);
  });
});
