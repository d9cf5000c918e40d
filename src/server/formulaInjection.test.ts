/**
 * Formula injection from outside: team names that Excel would run (=HYPERLINK, @SUM, +1, -1+1, tab) are
 * uploaded through the web import, then read back from every CSV and Excel export: the trajectory list
 * as the web page writes it, the access-log CSV, the Excel report and the quarantine correction file.
 * Each must hold the neutralised text, and numbers must stay numbers.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { CsvTokenizer } from '../ingest/csv/tokenize.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { exportForCorrection } from '../ingest/quarantine.js';
import { appendAudit } from '../audit/log.js';
import { webFormat } from '../testing/webFormat.js';

const TEAMS = ['=HYPERLINK("http://x","y")', '@SUM(1)', '+1', '-1+1', '\tx'];
/** What a spreadsheet program would take for a formula (a plain number is a number). */
const formulaLike = (s: string) => /^[=+\-@\t\r]/.test(s) && s !== '-' && !/^-?\d+([.,]\d+)?$/.test(s);
const csvQuote = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function parseCsv(text: string): string[][] {
  const tok = new CsvTokenizer(';');
  return [...tok.push(text.replace(/^\ufeff/, '')), ...tok.end()].map((r) => r.fields).filter((f) => f.join('') !== '');
}

function assertNoFormula(cells: readonly string[], where: string): void {
  const bad = cells.filter(formulaLike);
  assert.deepEqual(bad, [], `${where}: cells that a spreadsheet would run`);
}

async function multipart(
  files: Array<[string, string]>,
  fields: Record<string, string> = {},
): Promise<{ body: Buffer; type: string }> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [name, text] of files) fd.append('bestand', new Blob([text]), name);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type')! };
}

forEachBackend('formula injection in CSV and Excel exports', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let analist: string;
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    analist = await login(f, 'analist');
    const rows = TEAMS.map((team, i) =>
      trajectRow({ traject_id: `F${i}`, client_id: testBsn(300 + i), team: csvQuote(team), aanbieder_agb: '11111111' }),
    );
    // one refused row (no such date) goes to quarantine with its hostile team name
    rows.push(
      trajectRow({
        traject_id: 'F9',
        client_id: testBsn(309),
        team: csvQuote(TEAMS[0]!),
        startdatum: '2024-02-30',
        aanbieder_agb: '11111111',
      }),
    );
    const { body, type } = await multipart([['trajecten.csv', [TRAJECTEN_HEADER, ...rows].join('\n') + '\n']], {
      acceptValid: 'true',
    });
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { cookie: analist, 'content-type': type },
      payload: body,
    });
    assert.equal(res.statusCode, 200, res.body);
    const [report] = res.json().reports;
    assert.deepEqual(
      [report.status, report.rowsAccepted, report.rowsRejected],
      ['committed', 5, 1],
      JSON.stringify(report.problems),
    );
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  it('the trajectory list as the web page downloads it (toCsv)', async () => {
    const res = await f.app.inject({
      method: 'GET',
      url: '/api/v1/trajecten?gemeente=9001&limit=1000',
      headers: { cookie: analist },
    });
    assert.equal(res.statusCode, 200, res.body);
    const list = (res.json() as Array<{ trajectory: string; team: string | null; gemeente: string }>).filter((t) =>
      t.trajectory.startsWith('F'),
    );
    assert.equal(list.length, 5);
    const web = await webFormat();
    // the same columns as src/web/pages/Trajectories.tsx, plus a negative number that must stay one
    const csv = web.toCsv(
      ['traject', 'team', 'getal'],
      list.map((t) => [t.trajectory, t.team, -1]),
    );
    const cells = parseCsv(csv);
    assertNoFormula(cells.flat(), 'web CSV');
    const teams = cells.slice(1).map((r) => r[1]);
    assert.ok(
      teams.includes('\'=HYPERLINK("http://x","y")') && teams.includes("'@SUM(1)") && teams.includes("'-1+1"),
      JSON.stringify(teams),
    );
    assert.ok(
      cells.slice(1).every((r) => r[2] === '-1'),
      'a negative number stays a number',
    );
  });

  it('the access-log CSV (web export; zicht audit export writes the same auditCsv)', async () => {
    await appendAudit(f.ctx.store, {
      event: 'login_mislukt',
      username: TEAMS[0]!,
      role: null,
      scope: null,
      query: '@SUM(1)',
      purpose: '-1+1',
      outcome: 'mislukt',
      origin: '+1',
    });
    const beheerder = await login(f, 'beheerder');
    const res = await f.app.inject({
      method: 'GET',
      url: '/api/v1/audit?format=csv&limit=10000',
      headers: { cookie: beheerder },
    });
    assert.equal(res.statusCode, 200, res.body);
    const cells = parseCsv(res.body);
    assertNoFormula(cells.flat(), 'access-log CSV');
    const row = cells.find((r) => r.includes('\'=HYPERLINK("http://x","y")'));
    assert.ok(row, 'the hostile user name is there, neutralised');
    for (const v of ["'@SUM(1)", "'-1+1", "'+1"]) assert.ok(row.includes(v), `${v} in ${JSON.stringify(row)}`);
    // the English variant (docs/downloads.md): the same columns, English headers, comma-separated
    const en = await f.app.inject({
      method: 'GET',
      url: '/api/v1/audit?format=csv&headers=en&limit=10000',
      headers: { cookie: beheerder },
    });
    assert.equal(en.statusCode, 200, en.body);
    assert.match(en.headers['content-disposition'] as string, /toegangslog-en\.csv/);
    const head = en.body.replace(/^\ufeff/, '').split('\r\n')[0]!;
    assert.match(head, /^sequence_number,timestamp,event_code,event,username,role_code,role,/);
    assert.equal(head.split(',').length, cells[0]!.length, 'as many columns as the Dutch variant');
    assert.ok(!en.body.includes('=HYPERLINK') || en.body.includes('"\'=HYPERLINK'), 'neutralised there too');
  });

  it('the Excel report: text neutralised, numbers numeric', async () => {
    const team = TEAMS[0]!;
    // the import registers the teams its trajectories name (red team 28): the hostile one may be there already
    await f.ctx.store.query('INSERT INTO team VALUES ($1, $2, $2) ON CONFLICT DO NOTHING', ['9001', team]);
    const controller = await login(f, 'controller');
    const n = await f.app.inject({
      method: 'POST',
      url: '/api/v1/narratives',
      headers: { cookie: controller },
      payload: {
        indicator: 'youth_in_care',
        gemeente: '9001',
        period: '2024-06',
        body: '@SUM(1) -1+1',
        visibility: 'intern',
        // the team's own note: a team's report holds no note of the gemeente's or another team's (red team 30)
        scopeKind: 'team',
        scopeKey: team,
      },
    });
    assert.ok(n.statusCode < 300, n.body);
    const res = await f.app.inject({
      method: 'GET',
      url: `/api/v1/reports/maand?gemeente=9001&period=2024-06&format=xlsx&team=${encodeURIComponent(team)}`,
      headers: { cookie: analist },
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    let numbers = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'number') numbers++;
          else if (typeof c.value === 'string') texts.push(c.value);
          else assert.ok(c.value === null || c.value instanceof Date, `unexpected cell ${JSON.stringify(c.value)}`);
        }),
      ),
    );
    assertNoFormula(texts, 'Excel report');
    assert.ok(
      texts.some((t) => t.includes('team =HYPERLINK')),
      'the team is named in the report (inside a sentence, harmless)',
    );
    assert.ok(
      texts.includes("'@SUM(1) -1+1"),
      `the narrative, neutralised: ${JSON.stringify(texts.filter((t) => t.includes('SUM')))}`,
    );
    assert.ok(numbers > 10, 'figures stay numbers');
  });

  it('the quarantine correction file: neutralised, and it goes back in with the original team', async () => {
    const dir = tempDir('zicht-fi-');
    const [correction] = await exportForCorrection(f.ctx.store, TEST_KEY, join(dir, 'correcties'));
    const text = readFileSync(correction!.path, 'utf8');
    const cells = parseCsv(text);
    assertNoFormula(cells.flat(), 'correction CSV');
    const teamCol = cells[0]!.indexOf('team');
    assert.equal(cells[1]![teamCol], '\'=HYPERLINK("http://x","y")');
    const fixed = writeCsv(dir, 'trajecten.csv', text.replace('2024-02-30', '2024-02-29'));
    const again = await importCsvFile({ store: f.ctx.store, dataDir: f.dataDir, key: TEST_KEY }, fixed);
    assert.equal(again.status, 'committed', JSON.stringify(again.problems));
    const [t] = await f.ctx.store.query<{ team_code: string }>(
      "SELECT team_code FROM trajectory WHERE trajectory_id = 'F9'",
    );
    assert.equal(t?.team_code, TEAMS[0], 'the quote the export added is gone again');
  });
});
