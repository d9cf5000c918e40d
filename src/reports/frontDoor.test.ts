/**
 * Issue 21: the council report shows the voorkant — the youths 0–17 in four groups and the share the voorkant
 * reached — with the same figures the API answers, published outside the circle like every other count, and says so
 * in words when no basishulp records were loaded instead of printing "0 with basishulp".
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { testBsn } from '../testing/fixtures.js';
import { buildReport, type ReportModel } from './model.js';
import { reportData } from './data.js';
import type { IndicatorRow } from '../indicators/types.js';

// 20 episodes in 9001 in the first half of 2024: five of youths who also have a trajectory (testBsn(100..104),
// the server fixture's first trajectories), fifteen of youths with basishulp only
const BASISHULP = [
  'episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden',
  ...Array.from(
    { length: 20 },
    (_, i) =>
      `E${i};${testBsn(i < 5 ? 100 + i : 600 + i)};2014-03;9001;900101;Noord;2024-02-01;2024-05-31;Opvoeden en opgroeien`,
  ),
].join('\n');

const section = (m: ReportModel) => m.sections.find((s) => s.heading === 'De voorkant')!;
const groupCell = (m: ReportModel, group: string) =>
  section(m).tables[0]!.rows.find((r) => r[0] === group)?.[1] ?? 'missing';

describe('the council report: de voorkant (issue 21)', { timeout: 300_000 }, () => {
  let db: TestDb;
  let f: ServerFixture;
  before(async () => {
    db = await freshStore('pglite');
    f = await serverFixture(db.store, {}, { files: { 'basishulp.csv': BASISHULP } });
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });
  const model = (extern = false) =>
    buildReport(reportData(f.ctx.store, f.ctx.lens), {
      kind: 'raad',
      gemeente: '9001',
      period: '2024H1',
      now: f.clock.now,
      extern,
    });

  it('internally: the four groups and the share, as the API answers them', async () => {
    const cookie = await login(f, 'analist');
    const api = async (id: string, by = '') =>
      (
        (
          await f.app.inject({
            method: 'GET',
            url: `/api/v1/indicators/${id}?period=2024H1&gemeente=9001${by ? `&by=${by}` : ''}&standVan=2024-06-30`,
            headers: { cookie },
          })
        ).json() as { rows: IndicatorRow[] }
      ).rows;
    const m = await model();
    const groups = await api('youth_segments', 'groep');
    const words: Record<string, string> = {
      geen_hulp: 'geen hulp',
      alleen_basishulp: 'alleen basishulp',
      alleen_jeugdhulp: 'alleen jeugdhulp',
      basishulp_en_jeugdhulp: 'basishulp én jeugdhulp',
    };
    for (const r of groups) assert.equal(groupCell(m, words[r.key!]!), r.value, r.key!);
    assert.equal(groupCell(m, 'alleen basishulp'), 15);
    assert.equal(groupCell(m, 'basishulp én jeugdhulp'), 5);
    const share = (await api('first_line_share')).find((r) => r.key === null)!.value;
    const row = section(m).tables[1]!.rows.find((r) => String(r[0]).startsWith('aandeel voorkant'))!;
    assert.equal(row[2], share);
  });

  it('published: no group below 10 shown', async () => {
    const m = await model(true);
    assert.equal(groupCell(m, 'basishulp én jeugdhulp'), '<10');
    for (const r of section(m).tables[0]!.rows)
      assert.ok(typeof r[1] !== 'number' || r[1] >= 10 || r[1] === 0, String(r));
  });

  it('without basishulp records in the period it says so, with no groups', async () => {
    const m = await buildReport(reportData(f.ctx.store, f.ctx.lens), {
      kind: 'raad',
      gemeente: '9002',
      period: '2024H1',
      now: f.clock.now,
    });
    assert.equal(section(m).tables.length, 0);
    assert.match(section(m).paragraphs.join(' '), /geen gegevens over basishulp/);
  });
});
