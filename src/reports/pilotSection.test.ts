/**
 * The pilot register in the council report (issue 21): one row per pilot with budget source, budget, horizon, status
 * on the report's day with its reasons, goals on track, the late evaluation moment and the last decision; the count of
 * running pilots on track in words. The day is the period's end, so a moment planned after it is not late in the
 * report, and a decision taken after it is not in it. Bestuur's (external) version holds the same rows.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { insertPilot } from '../app/pilots.js';
import type { ReportModel } from './types.js';

onOneBackend('the pilot register in the council report', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    for (const u of ['analist', 'bestuur']) cookies.set(u, await login(f, u));
    await insertPilot(
      db.store,
      {
        gemeente: '9001',
        name: 'Jeugdhulp op school',
        description: null,
        budgetSource: 'maatwerk',
        budgetCents: 240_000_00,
        start: '2024-01-01',
        end: '2026-12-31',
        owner: 'beleidsteam onderwijs',
        goalIds: [],
        storyIds: [],
        businessCaseIds: [],
        evaluations: [
          { planned: '2024-06-01', outcome: 'doorgaan', decidedOn: '2024-06-15', decision: 'Door met twee scholen.' },
          { planned: '2024-09-30', outcome: null, decidedOn: null, decision: null },
          // decided after the period's end: not in the report of 2024H2
          { planned: '2025-03-31', outcome: 'stoppen', decidedOn: '2025-04-02', decision: 'Geen effect.' },
        ],
      },
      'test',
    );
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });
  const report = async (who: string, period: string) => {
    const res = await f.app.inject({
      method: 'GET',
      url: `/api/v1/reports/raad?gemeente=9001&period=${period}&format=json`,
      headers: { cookie: cookies.get(who)! },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as ReportModel;
  };

  it('a row per pilot on the period end, with the late moment and the last decision before it', async () => {
    for (const who of ['analist', 'bestuur']) {
      const m = await report(who, '2024H2');
      const s = m.sections.find((x) => x.heading === 'Pilots en projecten');
      assert.ok(s, `${who}: ${m.sections.map((x) => x.heading).join(' | ')}`);
      assert.equal(s.paragraphs[0], 'Op 31-12-2024 waren 0 van de 1 lopende pilots en projecten op koers (0%).');
      const [row] = s.tables[0]!.rows;
      assert.deepEqual(row, [
        'Jeugdhulp op school',
        'maatwerkbudget',
        240_000,
        '01-01-2024 t/m 31-12-2026',
        'niet op koers: geen gekoppeld doel; evaluatie van 30-09-2024 is te laat',
        'geen doel',
        'te laat: gepland 30-09-2024',
        'doorgaan (15-06-2024): Door met twee scholen.',
      ]);
    }
    // a half-year later the stop was decided: the pilot no longer runs
    const later = (await report('analist', '2025H1')).sections.find((x) => x.heading === 'Pilots en projecten')!;
    assert.equal(later.tables[0]!.rows[0]![4], 'gestopt na evaluatie');
    assert.equal(later.paragraphs[0], 'Op 30-06-2025 liep geen van de pilots en projecten.');
  });
});
