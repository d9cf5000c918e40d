/**
 * A saved report holds no list of persons (red team 33, HIGH): a controller's saved internal monthly report held the
 * longest-running and costliest trajectories with their pseudonyms, which the controller may not see, and so did
 * every download of it by a contract manager or beheerder — none logged as an export of person-level data. The
 * analist's report made on request keeps the list (and its export is logged). A file made before this rule is made
 * again before it is handed out.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { produceReport, reportFileName } from '../reports/produce.js';
import { readSchedules, writeSchedules } from '../reports/schedule.js';

const SECTION = 'Lang lopende en duurste trajecten';

/** Every text of a workbook, sheet names included. */
async function texts(bytes: ArrayBuffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    out.push(ws.name);
    ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
  });
  return out.join('\n');
}

onOneBackend('a saved report holds no list of persons, whoever fetches it', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    for (const user of ['controller', 'analist']) {
      f.clock.now = new Date(f.clock.now.getTime() + 30_000);
      cookies.set(user, await login(f, user));
    }
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  const call = (user: string, method: string, url: string, body?: object) =>
    f.app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: cookies.get(user)!, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });

  it('the analist’s report on request has the list; the saved one, made and fetched by the controller, not', async () => {
    const saved = await call('controller', 'POST', '/api/v1/report-schedules', {
      name: 'maand-intern',
      kind: 'maand',
      gemeente: '9001',
      extern: false,
      format: 'xlsx',
    });
    assert.equal(saved.statusCode, 201, saved.body);
    const run = await call('controller', 'POST', '/api/v1/report-schedules/maand-intern/run');
    assert.equal(run.statusCode, 200, run.body);
    const [period] = (run.json() as { made: string[] }).made;
    assert.ok(period, run.body);
    // the positive control: the same report on request by the analist holds the list for this period
    const direct = await call('analist', 'GET', `/api/v1/reports/maand?gemeente=9001&period=${period}&format=xlsx`);
    assert.equal(direct.statusCode, 200, direct.body);
    assert.match(await texts(direct.rawPayload.buffer as ArrayBuffer), new RegExp(SECTION));
    const file = await call('controller', 'GET', `/api/v1/report-schedules/maand-intern/${period}`);
    assert.equal(file.statusCode, 200, file.body);
    assert.doesNotMatch(await texts(file.rawPayload.buffer as ArrayBuffer), new RegExp(SECTION));
  });

  it('a file made before the rule, with the list, is made again before it is handed out', async () => {
    const [sc] = readSchedules(f.dataDir).filter((s) => s.name === 'maand-intern');
    const period = sc!.produced[0]!;
    // as an older version made it: with the list, and no record that it is without
    await produceReport(
      db.store,
      f.ctx.lens,
      { kind: 'maand', gemeente: '9001', period, extern: false, includePersons: true },
      'xlsx',
      join(sc!.outDir, reportFileName(sc!.name, period, 'xlsx')),
    );
    writeSchedules(
      f.dataDir,
      readSchedules(f.dataDir).map((s) => (s.name === 'maand-intern' ? { ...s, withoutPersons: undefined } : s)),
    );
    const file = await call('controller', 'GET', `/api/v1/report-schedules/maand-intern/${period}`);
    assert.equal(file.statusCode, 200, file.body);
    assert.doesNotMatch(await texts(file.rawPayload.buffer as ArrayBuffer), new RegExp(SECTION));
    assert.deepEqual(readSchedules(f.dataDir).find((s) => s.name === 'maand-intern')?.withoutPersons, [period]);
  });
});
