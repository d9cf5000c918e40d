/**
 * Issue 14 (red team 2, scope): the provider report sums over every gemeente of the regio. Asked by someone whose
 * scope holds only one gemeente (a controller of 9001), the internal version gave the exact regio totals, and the
 * regio minus the own gemeente (which that controller sees exactly) is the rest of the regio exactly. Such a caller
 * gets the published figures (the external version), told why; a saved report follows the same rule, and a saved
 * internal one made by a regio-wide account is not shown to that controller.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import type { ReportModel } from '../reports/model.js';

/**
 * The fixture's claims with cents (March 2024, provider 11111111 in 9001 and all lines of the regio), received on
 * 31 March: in the first-quarter report (as of 31 March).
 */
function claims(): string {
  const lines = [
    'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status;ontvangstdatum',
  ];
  for (let i = 0; i < 30; i++) {
    const g = i < 15 || i === 29 ? '9001' : '9002';
    const agb = i < 12 || i === 29 ? '11111111' : '22222222';
    lines.push(
      `K${i};${g};T${i};;${agb};45;45A01;2024-03-01;2024-03-31;4;04;${400 + i * 10},37;D;toegekend;2024-03-31`,
    );
  }
  return lines.join('\n');
}
const EXACT_OWN = 6150 + 13 * 0.37;
const EXACT_REGIO = 16350 + 30 * 0.37;
const URL = '/api/v1/reports/aanbieder?gemeente=9001&period=2024Q1&format=json&aanbieder=11111111';

forEachBackend('issue 14: a regio-wide report beyond the caller’s scope is the published version', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store, {}, { files: { 'declaraties.csv': claims() } });
    for (const user of ['controller', 'analist', 'bestuur', 'contractmanager', 'teammanager']) {
      f.clock.now = new Date(f.clock.now.getTime() + 30_000);
      cookies.set(user, await login(f, user));
    }
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });
  const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    f.app.inject({ method, url, headers: { cookie: cookies.get(user)! }, ...(payload ? { payload } : {}) });
  const model = async (user: string): Promise<ReportModel> => {
    const res = await call(user, 'GET', URL);
    assert.equal(res.statusCode, 200, `${user}: ${res.body}`);
    return res.json() as ReportModel;
  };
  const cells = (m: ReportModel) => m.sections.flatMap((s) => (s.tables ?? []).map((t) => t.rows));
  const text = (m: ReportModel) => m.sections.flatMap((s) => s.paragraphs ?? []).join('\n');

  it('a gemeente-scoped controller gets the published regio figures, and the report says why', async () => {
    const controller = await model('controller');
    assert.equal(controller.extern, true);
    assert.match(controller.subtitle, /externe versie/);
    assert.match(text(controller), /Uw toegang omvat niet alle gemeenten van de regio/);
    // the same cells as the external version bestuur gets
    assert.deepEqual(cells(controller), cells(await model('bestuur')));
  });

  it('an account with the whole regio in scope still gets the exact internal version', async () => {
    const analist = await model('analist');
    assert.equal(analist.extern, false);
    assert.match(analist.subtitle, /interne versie/);
    assert.doesNotMatch(text(analist), /Uw toegang omvat niet/);
    // amounts with cents: exact in the internal version, whole euros when published
    const cost = (m: ReportModel) => cells(m)[0]![0]!.slice(1, 3);
    assert.deepEqual(cost(analist), [EXACT_OWN, EXACT_REGIO]);
    // published: the provider's cost is hidden — in 9001 it is the gemeente's cost minus the other provider's, which
    // has 3 youths (linked month tables, indicators/amountCells.ts); the regio total in whole euros
    assert.deepEqual(cost(await model('controller')), ['onderdrukt', Math.round(EXACT_REGIO)]);
  });

  it('saved reports: made external for the controller; an internal one of the regio is not shown to it', async () => {
    const mine = await call('controller', 'POST', '/api/v1/report-schedules', {
      name: 'kwartaal-een',
      kind: 'aanbieder',
      gemeente: '9001',
      aanbieder: '11111111',
      extern: false,
    });
    assert.equal(mine.statusCode, 201, mine.body);
    const theirs = await call('contractmanager', 'POST', '/api/v1/report-schedules', {
      name: 'kwartaal-regio',
      kind: 'aanbieder',
      gemeente: '9001',
      aanbieder: '11111111',
      extern: false,
    });
    assert.equal(theirs.statusCode, 201, theirs.body);
    // a team asked for is refused in words, not saved as a whole-gemeente report (red team 8)
    const team = await call('controller', 'POST', '/api/v1/report-schedules', {
      name: 'team-noord',
      kind: 'maand',
      gemeente: '9001',
      team: 'Noord',
    });
    assert.equal(team.statusCode, 400, team.body);
    assert.match(team.body, /bewaard_geen_team/);
    assert.ok(
      !JSON.stringify((await call('controller', 'GET', '/api/v1/report-schedules')).json()).includes('team-noord'),
    );
    const list = (user: string) =>
      call(user, 'GET', '/api/v1/report-schedules').then((r) => r.json() as Array<{ name: string; extern: boolean }>);
    const forController = await list('controller');
    assert.deepEqual(
      forController.map((s) => [s.name, s.extern]),
      [['kwartaal-een', true]],
    );
    const forRegio = await list('contractmanager');
    assert.deepEqual(forRegio.map((s) => [s.name, s.extern]).sort(), [
      ['kwartaal-een', true],
      ['kwartaal-regio', false],
    ]);
    const make = await call('controller', 'POST', '/api/v1/report-schedules/kwartaal-regio/run');
    assert.equal(make.statusCode, 404, `the controller cannot make the regio's internal one: ${make.body}`);
    // red team 9 (HIGH): a team manager saved, made and downloaded the whole gemeente's internal monthly report; a
    // saved report is a gemeente's or regio's, so a team-scoped account neither saves, lists, makes nor fetches one
    const byTeam = await call('teammanager', 'POST', '/api/v1/report-schedules', {
      name: 'team-eigen',
      kind: 'maand',
      gemeente: '9001',
    });
    assert.equal(byTeam.statusCode, 400, byTeam.body);
    assert.match(byTeam.body, /bewaard_geen_team/);
    assert.deepEqual(await list('teammanager'), []);
    const runByTeam = await call('teammanager', 'POST', '/api/v1/report-schedules/kwartaal-een/run');
    assert.equal(runByTeam.statusCode, 404, runByTeam.body);
    await call('controller', 'POST', '/api/v1/report-schedules/kwartaal-een/run');
    const made = (await list('controller')).find((s) => s.name === 'kwartaal-een') as unknown as {
      files: Array<{ url: string }>;
    };
    assert.ok(made.files.length > 0, 'the controller made its report');
    const fetched = await call('teammanager', 'GET', made.files[0]!.url);
    assert.equal(fetched.statusCode, 404, 'the team manager cannot fetch it');
    // red team 10: asked directly, the gemeente's council report reaches a team manager only as published
    const raad = await call('teammanager', 'GET', '/api/v1/reports/raad?gemeente=9001&period=2024H1&format=json');
    assert.equal(raad.statusCode, 200, raad.body);
    assert.equal((raad.json() as ReportModel).extern, true);
    const own = await call('teammanager', 'GET', '/api/v1/reports/maand?gemeente=9001&period=2024-06&format=json');
    assert.equal(own.statusCode, 200, own.body);
    assert.equal((own.json() as ReportModel).extern, false, "the own team's monthly report stays internal");
  });

  // red team 2 (F3): the council report's comparison with the other gemeenten, and the monthly report's regio
  // column, gave the controller of 9001 the exact figures of 9002 (three decimals of a share pin small counts)
  it('internal council and monthly reports: the own gemeente exact, other gemeenten and the regio as published', async () => {
    const report = async (user: string, url: string) => {
      const res = await call(user, 'GET', url);
      assert.equal(res.statusCode, 200, `${user} ${url}: ${res.body}`);
      return res.json() as ReportModel;
    };
    const table = (m: ReportModel, caption: RegExp) =>
      m.sections.flatMap((s) => s.tables ?? []).find((t) => caption.test(t.caption ?? ''))!;
    const column = (m: ReportModel, caption: RegExp, label: string) => {
      const t = table(m, caption);
      const i = t.columns.findIndex((c) => c.label === label);
      assert.ok(i >= 0, `${label} in ${t.columns.map((c) => c.label)}`);
      return t.rows.map((r) => r[i]);
    };
    const raad = '/api/v1/reports/raad?gemeente=9001&period=2024H1&format=json';
    const cmp = /Vergelijking met de andere gemeenten/;
    const [controller, bestuur, analist] = [
      await report('controller', raad),
      await report('bestuur', raad),
      await report('analist', raad),
    ];
    assert.equal(controller.extern, false);
    assert.deepEqual(
      column(controller, cmp, 'Proefstad'),
      column(bestuur, cmp, 'Proefstad'),
      'other gemeente: published',
    );
    assert.deepEqual(column(controller, cmp, 'Testdorp'), column(analist, cmp, 'Testdorp'), 'own gemeente: exact');
    assert.notDeepEqual(
      column(analist, cmp, 'Proefstad'),
      column(bestuur, cmp, 'Proefstad'),
      'the data tells them apart',
    );
    assert.ok(controller.sources.some((x) => /buiten uw toegang/.test(x)));
    assert.ok(!analist.sources.some((x) => /buiten uw toegang/.test(x)));
    const maand = '/api/v1/reports/maand?gemeente=9001&period=2024-03&format=json';
    const region = /Gemeente en regio/;
    const [cm, bm] = [await report('controller', maand), await report('bestuur', maand)];
    assert.deepEqual(column(cm, region, 'regio'), column(bm, region, 'regio'), 'the regio column: published');
  });

  it('a saved internal council report of the regio-wide analist is not given to the controller; the controller’s own is', async () => {
    for (const [user, name] of [
      ['analist', 'raad-analist'],
      ['controller', 'raad-controller'],
    ] as const) {
      const res = await call(user, 'POST', '/api/v1/report-schedules', { name, kind: 'raad', gemeente: '9001' });
      assert.equal(res.statusCode, 201, res.body);
    }
    const names = async (user: string) =>
      ((await call(user, 'GET', '/api/v1/report-schedules')).json() as Array<{ name: string }>)
        .map((s) => s.name)
        .filter((n) => n.startsWith('raad-'))
        .sort();
    assert.deepEqual(await names('controller'), ['raad-controller']);
    assert.deepEqual(await names('analist'), ['raad-analist', 'raad-controller']);
    const run = await call('controller', 'POST', '/api/v1/report-schedules/raad-analist/run');
    assert.equal(run.statusCode, 404, run.body);
  });
});
