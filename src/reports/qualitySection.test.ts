/**
 * The kwaliteitsmonitor in the provider report (issue 20): every cell is the indicator's own figure for the provider
 * (split by aanbieder) and for the regio, the same ones the API gives; the external version publishes them by the one
 * disclosure step; a weak experience figure (low response) is said so in words under the table.
 *
 * Fixture (testing/server.ts): provider 22222222 in 9001 (3 trajectories, Zuid) and 9002 (14, Centrum); plus
 * experience results for 2024H1 — 22222222: mark 7,5 from 40 of 100 invited (30 positive); 11111111: 8,0 from 12 of
 * 100 (low response: fewer than 30 answers) — and complaints: two about 22222222, one about the gemeente itself.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import type { ReportModel } from './types.js';
import { QUALITY_MEASURES } from './kinds/qualitySection.js';
import { combineRows } from '../indicators/region.js';
import type { IndicatorRow } from '../indicators/types.js';
import { applyDisclosureControl } from '../app/disclosure.js';

const ERVARINGEN = [
  'gemeente;periode;aanbieder_agb;productcategorie;productcode;thema;vraag;score;aantal_antwoorden;aantal_uitgenodigd;aantal_positief',
  '9002;2024H1;22222222;45;;algemeen;;7,5;40;100;30',
  '9001;2024H1;11111111;45;;algemeen;;8,0;12;100;10',
].join('\n');
const KLACHTEN = [
  'klacht_id;gemeente;soort;thema;aanbieder_agb;datum;uitkomst;client_id',
  'K1;9002;klacht;bejegening;22222222;2024-03-01;gegrond;',
  'K2;9002;vertrouwenspersoon;uitvoering;22222222;2024-05-01;;',
  'K3;9001;klacht;besluit/toegang;;2024-04-01;ongegrond;',
].join('\n');

forEachBackend('the kwaliteitsmonitor of a provider', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store, {}, { files: { 'ervaringen.csv': ERVARINGEN, 'klachten.csv': KLACHTEN } });
    for (const u of ['analist', 'bestuur']) cookies.set(u, await login(f, u));
  });
  after(async () => {
    await f.close();
    await db.drop();
  });
  const get = async <T>(who: string, url: string): Promise<T> => {
    const res = await f.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(who)! } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as T;
  };
  const report = (who: string, agb: string) =>
    get<ReportModel>(who, `/api/v1/reports/aanbieder?gemeente=9001&period=2024H1&aanbieder=${agb}&format=json`);

  it('holds every measure, with the provider and the regio as the API gives them', async () => {
    const m = await report('analist', '22222222');
    const s = m.sections.find((x) => x.heading === 'Kwaliteitsmonitor Aanbieder Twee')!;
    assert.ok(s, m.sections.map((x) => x.heading).join(' | '));
    const [table, trend] = s.tables;
    assert.deepEqual(
      table!.rows.map((r) => r[0]),
      QUALITY_MEASURES.map((q) => q.words),
    );
    assert.equal(trend!.rows.length, QUALITY_MEASURES.length);
    const row = (words: string) => table!.rows.find((r) => r[0] === words)!;
    // experience: 40 answers of 100 invited, mark 7,5, 30 positive; the regio adds 11111111's 12 of 100 (response
    // (40 + 12) ÷ 200 = 26%)
    assert.equal(row('ervaringsscore')[1], 7.5);
    assert.deepEqual(row('respons ervaringsonderzoek').slice(1, 3), [40, 26]);
    assert.equal(row('positieve ervaringen')[1], 75);
    // every provider cell equals the indicator's own figure over the regio (9001 + 9002), by aanbieder
    // the API answers per gemeente; the regio is their combination (indicators/region.ts), as the report makes it
    const regio = async (id: string, by?: string) =>
      combineRows(
        id,
        (
          await get<{ rows: IndicatorRow[] }>(
            'analist',
            `/api/v1/indicators/${id}?period=2024H1&gemeente=9001,9002${by ? `&by=${by}` : ''}`,
          )
        ).rows,
        'regio:R',
      );
    // the measures the KPI table has too are the same cells there (red team 33: the monitor's regio goal realisation
    // was empty while the KPI table had it)
    const kpi = m.sections[0]!.tables[0]!;
    for (const words of ['doelrealisatie', 'uitval', 'tevredenheid'])
      assert.deepEqual(row(words).slice(1, 3), kpi.rows.find((r) => r[0] === words)!.slice(1, 3), words);
    for (const [i, q] of QUALITY_MEASURES.entries()) {
      const own = (await regio(q.id, 'aanbieder')).find((r) => r.key === q.ownKey('22222222'));
      const total = (await regio(q.id, q.total.by)).find((r) => r.key === q.total.key || r.key === q.total.orKey);
      assert.deepEqual(table!.rows[i]!.slice(1, 3), [own?.value ?? null, total?.value ?? null], q.words);
    }
    // the trend's last column is the report's period
    assert.deepEqual(
      trend!.rows.map((r) => r[4]),
      table!.rows.map((r) => r[1]),
    );
  });

  it('says a weak experience figure in words, and the external version publishes by the one step', async () => {
    const weak = await report('analist', '11111111');
    const s = weak.sections.find((x) => x.heading.startsWith('Kwaliteitsmonitor'))!;
    assert.match(s.paragraphs.join(' '), /minder dan 30 antwoorden.*ervaringsscore \(Aanbieder Een\)/);
    const ext = await report('bestuur', '22222222');
    const t = ext.sections.find((x) => x.heading.startsWith('Kwaliteitsmonitor'))!.tables[0]!;
    // 2 complaints per 1.000 of 17 youths: fewer than 10 complaints, hidden; an experience mark is no count of persons
    // but its 40 answers are: published (≥ 10)
    assert.equal(t.rows.find((r) => r[0] === 'klachten per 1.000 jeugdigen met jeugdhulp')![1], 'onderdrukt');
    assert.equal(typeof t.rows.find((r) => r[0] === 'ervaringsscore')![1], 'number');
    // each provider cell is its split's: published with every provider beside it (complementary suppression; red
    // team 32 read a provider's response rate in the report that the split by aanbieder hid)
    for (const [i, q] of QUALITY_MEASURES.entries()) {
      const split = combineRows(
        q.id,
        (
          await get<{ rows: IndicatorRow[] }>(
            'analist',
            `/api/v1/indicators/${q.id}?period=2024H1&gemeente=9001,9002&by=aanbieder`,
          )
        ).rows,
        'regio:R',
      );
      const own = applyDisclosureControl(split).find((r) => r.key === q.ownKey('22222222'));
      const want = own === undefined ? null : own.flags.includes('onderdrukt') ? t.rows[i]![1] : own.value;
      assert.deepEqual(t.rows[i]![1], want, q.words);
      if (own?.flags.includes('onderdrukt')) assert.ok(typeof t.rows[i]![1] === 'string', `${q.words}: hidden`);
    }
    for (const r of t.rows)
      for (const c of r.slice(1, 3))
        assert.ok(c === null || c === '<10' || c === 'onderdrukt' || typeof c === 'number', String(c));
  });
  it("complaints per 1.000 over the regio count the provider's youths in every gemeente, also one without complaints (red team 35)", async () => {
    // 22222222: 1 klacht (K1, 9002; K2 is an AKJ contact) over its 3 + 14 = 17 youths in care: 58,824 per 1.000 —
    // not 1 ÷ 14 (71,429), which the regio got when Testdorp, without a complaint about it, had no row
    const m = await report('analist', '22222222');
    const t = m.sections.find((x) => x.heading.startsWith('Kwaliteitsmonitor'))!.tables[0]!;
    assert.equal(t.rows.find((r) => r[0] === 'klachten per 1.000 jeugdigen met jeugdhulp')![1], 58.824);
  });
});
