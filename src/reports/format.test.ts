/**
 * A suppressed cell reads right for its unit in the PDF and the Excel workbook: "<10" beside a count, "onderdrukt"
 * beside euros, days or a % (red team 7 F6: regio kosten per jeugdige was printed "<10", read as "less than € 10").
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tempDir } from '../testing/fixtures.js';
import { cellText, formatCell } from './format.js';
import { writeExcel } from './excel.js';
import type { ReportModel } from './types.js';

describe('a suppressed cell in report formats', () => {
  it('reads "<10" only beside a count', () => {
    assert.equal(formatCell('<10', 'aantal'), '<10');
    for (const unit of ['euro', 'procent', 'dagen', 'score']) assert.equal(formatCell('<10', unit), 'onderdrukt');
    assert.equal(cellText('<10', 'tekst'), '<10', 'a text column keeps what it says');
    assert.equal(formatCell(1250, 'euro'), '€ 1.250');
    assert.equal(formatCell(16, 'dagen'), '16', 'whole days print whole');
    assert.equal(formatCell(16.5, 'dagen'), '16,5', 'an exact median between two waits keeps its half day');
  });

  it("in the Excel workbook, per the row's own unit in a mixed table", async () => {
    const model = {
      kind: 'maand',
      title: 'Maandrapportage jeugdhulp',
      subtitle: 'Regio · december 2025 · interne versie',
      demo: true,
      extern: false,
      generatedAt: '2026-01-05T10:00:00Z',
      empty: false,
      sections: [
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
                { label: 'eenheid', unit: 'tekst' },
                { label: 'Regio', unit: 'aantal' },
              ],
              rows: [
                ['jeugdigen in zorg', 'aantal', '<10'],
                ['kosten per jeugdige', 'euro', '<10'],
                ['kosten', 'euro', 125000],
              ],
            },
          ],
        },
      ],
      definitions: [],
      sources: [],
    } as unknown as ReportModel;
    const path = join(tempDir('zicht-format-'), 'r.xlsx');
    await writeExcel(model, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const texts: string[][] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) => texts.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))),
    );
    const row = (label: string) => texts.find((r) => r[0] === label);
    assert.deepEqual(row('jeugdigen in zorg')?.[2], '<10');
    assert.deepEqual(row('kosten per jeugdige')?.[2], 'onderdrukt');
    assert.deepEqual(row('kosten')?.[2], '125000');
  });
});
