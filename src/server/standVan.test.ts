/**
 * A report's figure can be checked through the API: GET /api/v1/indicators/:id?standVan=<day> computes on the data
 * as they stood at the end of that day, as a report over a period does (its last day). Red teams 34–36 could not
 * recompute a report figure from the API, which answered as of today. Over real HTTP (a bad day is a 400 naming the
 * parameter), against the monthly report built by the report code, and the CLI's --stand-van.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { listenLoopback, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { TRAJECTEN_HEADER, testBsn, trajectRow } from '../testing/fixtures.js';
import { buildReport } from '../reports/model.js';
import { reportData } from '../reports/data.js';
import { cliOn } from '../testing/cli.js';
import type { IndicatorRow } from '../indicators/types.js';

// allocated on 20 March 2024, started on 2 April: on 31 March Zicht knew only the allocation, so the March report
// counted the youth in care (start taken from the allocation); today's data say the care began in April
const LATE = trajectRow({
  traject_id: 'LATE1',
  client_id: testBsn(901),
  toewijzingsdatum: '2024-03-20',
  aanvraagdatum: '2024-03-10',
  startdatum: '2024-04-02',
  einddatum: '',
  reden_einde: '',
  doelrealisatie: '',
});

describe('standVan: indicator figures as the data stood at the end of a day', { timeout: 300_000 }, () => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  let cookie: string;
  before(async () => {
    db = await freshStore('pglite');
    f = await serverFixture(db.store, {}, { files: { 'trajecten-laat.csv': `${TRAJECTEN_HEADER}\n${LATE}\n` } });
    base = await listenLoopback(f);
    cookie = await login(f, 'analist');
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const value = (body: Record<string, unknown>) =>
    (body.rows as IndicatorRow[]).find((r) => r.gemeente === '9001' && r.key === null)?.value ?? null;

  it('answers the figure the monthly report printed, which today\u2019s data no longer give', async () => {
    const now = await get('/api/v1/indicators/youth_in_care?period=2024-03&gemeente=9001');
    const then = await get('/api/v1/indicators/youth_in_care?period=2024-03&gemeente=9001&standVan=2024-03-31');
    assert.equal(now.status, 200);
    assert.equal(then.status, 200);
    assert.equal(now.body.standVan, null);
    assert.equal(then.body.standVan, '2024-03-31');
    assert.equal(value(then.body), value(now.body)! + 1, 'the late start counted in March as of 31 March only');
    const report = await buildReport(reportData(f.ctx.store, f.ctx.lens), {
      kind: 'maand',
      gemeente: '9001',
      period: '2024-03',
      now: f.clock.now,
    });
    const head = report.sections.flatMap((s) => s.tables).find((t) => t.caption.startsWith('Kerncijfers'))!;
    const march = head.columns.findIndex((c) => c.label === 'maart 2024');
    const row = head.rows.find((r) => r[0] === 'jeugdigen met jeugdhulp')!;
    assert.equal(row[march], value(then.body), 'the API as of the period\u2019s end gives the report\u2019s cell');
  });

  it('refuses a day that does not exist, one in the future and a malformed one, naming standVan', async () => {
    for (const day of ['2024-02-30', '2999-01-01', '31-03-2024', '2024-03-31T00:00', '1999-12-31']) {
      const r = await get(`/api/v1/indicators/youth_in_care?period=2024-03&standVan=${encodeURIComponent(day)}`);
      assert.equal(r.status, 400, day);
      assert.match(JSON.stringify(r.body), /standVan/, day);
    }
  });

  it('the CLI gives the same figure with --stand-van and refuses a bad day naming --stand-van', async () => {
    const args = ['indicators', '--indicator', 'youth_in_care', '--period', '2024-03', '--gemeente', '9001'];
    const cli = await cliOn('pglite', f.dataDir);
    const then = await cli.run(...args, '--stand-van', '2024-03-31', '--json');
    assert.equal(then.code, 0, then.stderr);
    const api = await get('/api/v1/indicators/youth_in_care?period=2024-03&gemeente=9001&standVan=2024-03-31');
    assert.equal((JSON.parse(then.stdout) as IndicatorRow[]).find((r) => r.key === null)!.value, value(api.body));
    const bad = await cli.run(...args, '--stand-van', '2024-13-01');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--stand-van/);
  });
});
