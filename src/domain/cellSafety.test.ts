/**
 * Formula injection: the shared neutraliser, and the web bundle's own copy of it (src/web/format.ts may
 * not import outside src/web), give the same answer for every hostile and harmless value.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { webFormat } from '../testing/webFormat.js';
import { neutraliseCell, unneutraliseCell } from './cellSafety.js';

const HOSTILE = [
  '=HYPERLINK("http://x","y")',
  '@SUM(1)',
  '+1',
  '-1+1',
  '\tx',
  '\rx',
  '=1',
  "+cmd|' /C calc'!A0",
  '-',
  '@',
];
const HARMLESS = ['Noord', '', '-1', '-2,5', '1.234,56', '-0.5', '12', 'J&G Noord', "'quoted", 'a=b'];

describe('neutraliseCell', () => {
  it('prefixes a quote to every formula-like text, leaves numbers and ordinary text alone', () => {
    for (const h of HOSTILE.filter((x) => x !== '-')) assert.equal(neutraliseCell(h), `'${h}`, JSON.stringify(h));
    for (const s of [...HARMLESS, '-']) assert.equal(neutraliseCell(s), s, JSON.stringify(s));
  });

  it('is undone exactly for what it changed (the quarantine correction file goes back in)', () => {
    for (const s of [...HOSTILE, ...HARMLESS]) assert.equal(unneutraliseCell(neutraliseCell(s)), s, JSON.stringify(s));
  });

  it('the web copy agrees, and its toCsv keeps numbers numeric', async () => {
    const web = await webFormat();
    for (const s of [...HOSTILE, ...HARMLESS])
      assert.equal(web.neutraliseCell(s), neutraliseCell(s), JSON.stringify(s));
    const csv = web.toCsv(
      ['team', 'n'],
      [
        ['=HYPERLINK("http://x","y")', -1.5],
        ['-1+1', -3],
        ['@SUM(1)', null],
      ],
    );
    assert.equal(csv, '\ufeffteam;n\r\n"\'=HYPERLINK(""http://x"",""y"")";-1,5\r\n\'-1+1;-3\r\n\'@SUM(1);\r\n');
  });
});
