/** Test helper: hostile workbooks (issue 13.3), built in memory in a few milliseconds. */
import { repeatedDeflate, SHEET_HEAD, SHEET_TAIL, SST_HEAD, SST_TAIL, xlsxArchive } from './zip.js';

export const SI = '<si><t>a</t></si>';
/** 3.7 GB of shared strings (the bomb had 32 M entries) in a few MB of workbook. */
export function bombWorkbook(): Buffer {
  const body = SI.repeat(58_254); // ≈ 1 MB
  return xlsxArchive({
    sharedStrings: repeatedDeflate(SST_HEAD, body, 3_530, SST_TAIL),
    sheet: `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`,
  });
}
/** The same bomb, but the directory claims the shared strings unpack to 600 bytes. */
export function lyingWorkbook(): Buffer {
  return xlsxArchive({
    sharedStrings: repeatedDeflate(SST_HEAD, SI.repeat(58_254), 200, SST_TAIL),
    sharedStringsDeclared: 600,
    sheet: `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`,
  });
}
/** Honest sizes and an ordinary ratio, but more shared strings than allowed (distinct short strings). */
export function manyStringsWorkbook(n: number): Buffer {
  const sst = SST_HEAD + Array.from({ length: n }, (_, i) => `<si><t>s${i.toString(36)}</t></si>`).join('') + SST_TAIL;
  return xlsxArchive({
    sharedStrings: sst,
    sheet: `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`,
  });
}
