/**
 * Pilots en projecten (issue 21) over real HTTP as the roles use it. Bad input first: every refusal names its field
 * and writes nothing. Then a pilot with a goal, stories, a business case and evaluation moments; its status on a day
 * (an evaluation moment overdue, then decided, then stopped) and the gemeente's pilots_on_track; who reads what
 * (bestuur the released stories only); and every pilot route called as every role, expected from the route table's
 * declared action through the one permission rule (app/access.ts can).
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { ACCOUNT_SPECS, listenLoopback, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { can, type Principal } from '../app/access.js';
import type { PilotRegister } from '../app/pilots.js';

forEachBackend('pilot and project register', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  const cookies = new Map<string, string>();

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    base = await listenLoopback(f);
    for (const a of ACCOUNT_SPECS) cookies.set(a.username, await login(f, a.username));
  });
  after(async () => {
    await f.close();
    await db.drop();
  });

  async function call(user: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie: cookies.get(user)!, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
  }
  const pilot = (fields: Record<string, unknown> = {}) => ({
    gemeente: '9001',
    naam: 'POH-jeugd bij huisartsen',
    omschrijving: 'Een praktijkondersteuner jeugd bij drie huisartsenpraktijken.',
    budgetbron: 'innovatie',
    budget: 450_000.5,
    start: '2024-01-01',
    einde: '2026-12-31',
    eigenaar: 'team Jeugd en Gezin',
    ...fields,
  });
  const register = async (user: string, query = '') =>
    (await call(user, 'GET', `/pilots${query}`)).json as unknown as PilotRegister;

  it('refuses bad input with the field named, and writes nothing', async () => {
    const refused: Array<[Record<string, unknown>, number, RegExp]> = [
      [{ naam: undefined }, 400, /naam/],
      [{ naam: '  x ' }, 400, /naam/],
      [{ budgetbron: 'innovation' }, 400, /budgetbron/],
      [{ budget: -1 }, 400, /budget/],
      [{ budget: 12.345 }, 400, /'budget'.*twee decimalen/],
      [{ budget: '1.000,00' }, 400, /budget/],
      [{ start: '2024-02-30' }, 400, /'start'.*geen bestaande dag/],
      [{ einde: '2023-12-31' }, 400, /'einde'.*niet na de start/],
      [{ eigenaar: 'jan.jansen@gemeente.nl' }, 400, /'eigenaar'.*e-mailadres/],
      [{ evaluaties: [{ gepland: '2025-01-01', uitkomst: 'doorgaan' }] }, 400, /evaluaties\[0\]\.besloten/],
      [{ evaluaties: [{ gepland: '2025-01-01', besluit: 'Door.' }] }, 400, /evaluaties\[0\]\.uitkomst/],
      [{ evaluaties: [{ gepland: '2025-01-01', uitkomst: 'verlengen', besloten: '2025-01-02' }] }, 400, /uitkomst/],
      [
        {
          evaluaties: [
            { gepland: '2025-01-01' },
            { gepland: '2025-06-01', uitkomst: 'stoppen', besloten: '2025-06-02', besluit: 'Bel 0612345678.' },
          ],
        },
        400,
        /evaluaties\[1\]\.besluit.*telefoonnummer/,
      ],
      [{ evaluaties: [{ gepland: '2025-01-01' }, { gepland: '2025-01-01' }] }, 400, /evaluaties\[1\]\.gepland/],
      [{ doelen: [999_999] }, 400, /'doelen': 999999 bestaat niet in gemeente 9001/],
      [{ verhalen: [999_999] }, 400, /'verhalen'/],
      [{ businessCases: [999_999] }, 400, /'businessCases'/],
      [{ onbekend: 1 }, 400, /onbekend/],
      [
        { nieuweDoelen: [{ indicator: 'bestaat_niet', title: 'Een doel', target: 1, deadline: '2026-12-31' }] },
        400,
        /bestaat_niet/,
      ],
      [{ nieuweDoelen: [{ indicator: 'youth_in_care', title: 'Een doel', target: 1 }] }, 400, /deadline/],
      [
        {
          nieuweDoelen: [
            { gemeente: '9002', indicator: 'youth_in_care', title: 'Een doel', target: 1, deadline: '2026-12-31' },
          ],
        },
        400,
        /gemeente/,
      ],
      // red team 38: a decision dated ahead, and a new goal with a phone number or an e-mail address
      [
        { evaluaties: [{ gepland: '2025-01-01', uitkomst: 'stoppen', besloten: '2199-01-01' }] },
        400,
        /evaluaties\[0\]\.besloten.*na vandaag/,
      ],
      [
        {
          nieuweDoelen: [{ indicator: 'youth_in_care', title: 'Doel 06-12345678', target: 1, deadline: '2026-12-31' }],
        },
        400,
        /title.*telefoonnummer/,
      ],
      [
        {
          nieuweDoelen: [
            {
              indicator: 'youth_in_care',
              title: 'Een doel',
              target: 1,
              deadline: '2026-12-31',
              owner: 'jan.jansen@x.nl',
            },
          ],
        },
        400,
        /owner.*e-mailadres/,
      ],
      [{ gemeente: '9002' }, 403, /9002/],
    ];
    for (const [fields, status, message] of refused) {
      const res = await call('analist9001', 'POST', '/pilots', pilot(fields));
      assert.equal(res.status, status, `${JSON.stringify(fields)}: ${res.text}`);
      assert.match(String(res.json.message), message, JSON.stringify(fields));
    }
    // the Doelen route itself refuses the same (a goal reaches bestuur and the council report)
    const personal = await call('analist', 'POST', '/goals', {
      gemeente: '9001',
      indicator: 'youth_in_care',
      title: 'Minder jeugdigen, bel 0612345678',
      target: 10,
      deadline: '2026-12-31',
    });
    assert.equal(personal.status, 400, personal.text);
    // a goal or story of another gemeente cannot be linked, even by a role that sees both
    const other = await call('analist', 'POST', '/goals', {
      gemeente: '9002',
      indicator: 'youth_in_care',
      title: 'Minder jeugdigen in zorg',
      target: 10,
      deadline: '2026-12-31',
    });
    assert.equal(other.status, 201, other.text);
    const cross = await call('analist', 'POST', '/pilots', pilot({ doelen: [other.json.id] }));
    assert.equal(cross.status, 400);
    assert.match(String(cross.json.message), /bestaat niet in gemeente 9001/);
    assert.deepEqual((await register('analist')).pilots, []);
  });

  it('records a pilot with goal, stories, business case and evaluations; its status follows the moments', async () => {
    const goal = await call('analist9001', 'POST', '/goals', {
      gemeente: '9001',
      indicator: 'youth_in_care',
      title: 'Minder jeugdigen in specialistische zorg',
      target: 5,
      deadline: '2026-12-31',
      owner: 'team Jeugd en Gezin',
    });
    const tell = (visibility: string, body: string) =>
      call('analist9001', 'POST', '/narratives', {
        gemeente: '9001',
        indicator: 'youth_in_care',
        period: '2024',
        visibility,
        body,
      });
    const released = await tell('extern', 'Huisartsen verwijzen minder door sinds de POH-jeugd er zit.');
    const internal = await tell('intern', 'Twee praktijken twijfelen nog over de ruimte.');
    const bc = await call('analist9001', 'POST', '/business-cases', {
      gemeente: '9001',
      title: 'POH-jeugd verdient zich terug',
      intensities: ['A', 'B'],
      baselineYear: 2023,
      startYear: 2024,
      investmentCents: { 2024: 15_000_000 },
    });
    for (const r of [goal, released, internal, bc]) assert.equal(r.status, 201, r.text);
    const body = pilot({
      doelen: [goal.json.id],
      verhalen: [released.json.id, internal.json.id],
      businessCases: [bc.json.id],
      evaluaties: [{ gepland: '2025-06-30' }, { gepland: '2026-06-30' }],
    });
    const made = await call('analist9001', 'POST', '/pilots', body);
    assert.equal(made.status, 201, made.text);
    const id = made.json.id as number;
    assert.equal((await call('analist9001', 'POST', '/pilots', body)).status, 409, 'the name is unique per gemeente');

    const mid = await register('analist9001', '?peildatum=2025-09-01');
    const p = mid.pilots[0]!;
    assert.equal(p.budget, 450_000.5);
    assert.equal(p.budgetSource, 'innovatie');
    assert.deepEqual(
      p.goals.map((g) => g.id),
      [goal.json.id],
    );
    assert.deepEqual(p.businessCases, [{ id: bc.json.id, title: 'POH-jeugd verdient zich terug' }]);
    assert.equal(p.stories.length, 2);
    assert.equal(p.status.phase, 'lopend');
    assert.deepEqual(p.status.overdue, ['2025-06-30']);
    assert.ok(p.status.reasonsNl.includes('evaluatie van 30-06-2025 is te laat'), p.status.reasonsNl.join('; '));
    // the goal's own status is the goal register's, reused: the pilot names it as the Doelen page shows it
    const goals = (await call('analist9001', 'GET', '/goals')).json as unknown as Array<{
      id: number;
      evaluation: { status: string };
    }>;
    const own = goals.find((g) => g.id === goal.json.id)!.evaluation.status;
    assert.equal(p.goals[0]!.evaluation.status, own);
    assert.equal(p.status.onTrack, false);
    // its goal as it stood on the peildatum: on 31 March 2024 the first half of 2024 was not over, so the goal's last
    // value is of 2023's second half, where today's register (and the Doelen page) already has 2024's first
    const lastPeriod = (r: PilotRegister) => r.pilots[0]!.goals[0]!.series.at(-1)?.period;
    assert.equal(lastPeriod(await register('analist9001', '?peildatum=2024-03-31')), '2023H2');
    assert.equal(lastPeriod(await register('analist9001')), '2024H1');
    assert.deepEqual(mid.summary, [{ gemeente: '9001', runningPilots: 1, pilotsOnTrack: 0, sharePilotsOnTrack: 0 }]);
    // before the start and on the day a moment is planned: nothing overdue
    assert.equal((await register('analist9001', '?peildatum=2023-12-31')).pilots[0]!.status.phase, 'gepland');
    assert.deepEqual((await register('analist9001', '?peildatum=2025-06-30')).pilots[0]!.status.overdue, []);

    // the overdue moment decided: no longer overdue; a stop ends the pilot before its horizon
    const decided = {
      ...body,
      evaluaties: [
        { gepland: '2025-06-30', uitkomst: 'bijstellen', besloten: '2025-07-10', besluit: 'Minder praktijken.' },
        { gepland: '2026-06-30', uitkomst: 'stoppen', besloten: '2026-07-01', besluit: 'Geen effect.' },
      ],
    };
    assert.equal((await call('analist9001', 'PUT', `/pilots/${id}`, decided)).status, 200);
    const after = (await register('analist9001', '?peildatum=2025-09-01')).pilots[0]!;
    assert.deepEqual(after.status.overdue, []);
    assert.equal(
      after.status.onTrack,
      own === 'op koers',
      `on track exactly when its one goal is: ${after.status.reasonsNl}`,
    );
    const stopped = await register('analist9001', '?peildatum=2026-08-01');
    assert.equal(stopped.pilots[0]!.status.phase, 'gestopt');
    assert.deepEqual(stopped.summary[0], {
      gemeente: '9001',
      runningPilots: 0,
      pilotsOnTrack: 0,
      sharePilotsOnTrack: null,
    });
    const one = (await call('controller', 'GET', `/pilots/${id}?peildatum=2025-09-01`))
      .json as unknown as PilotRegister;
    assert.equal(one.pilots[0]!.name, 'POH-jeugd bij huisartsen');
    assert.equal((await call('controller', 'GET', '/pilots/999999')).status, 404);
    assert.equal((await call('analist', 'PUT', '/pilots/999999', decided)).status, 404);
    // a pilot is changed within its own gemeente: asked under another, it is not found
    assert.equal((await call('analist', 'PUT', `/pilots/${id}`, { ...decided, gemeente: '9002' })).status, 404);

    // bestuur reads the register, with the released story only, and the budget in whole euros
    const seen = (await register('bestuur', '?peildatum=2025-09-01')).pilots[0]!;
    assert.deepEqual(
      seen.stories.map((s) => s.id),
      [released.json.id],
    );
    assert.equal(seen.budget, 450_001);
    assert.equal(seen.evaluations[0]!.decision, 'Minder praktijken.');

    // a pilot brings a new goal, checked and recorded as on the Doelen page; a refused pilot leaves none behind
    const goalCount = async () => ((await call('analist9001', 'GET', '/goals')).json as unknown as unknown[]).length;
    const before = await goalCount();
    const fresh = { indicator: 'dropout', title: 'Minder uitval op school', target: 8, deadline: '2027-07-31' };
    const dup = await call('analist9001', 'POST', '/pilots', { ...decided, nieuweDoelen: [fresh] });
    assert.equal(dup.status, 409, dup.text);
    assert.equal(await goalCount(), before, 'no goal of a refused pilot');
    const school = await call(
      'analist9001',
      'POST',
      '/pilots',
      pilot({ naam: 'Jeugdhulp op school', nieuweDoelen: [fresh] }),
    );
    assert.equal(school.status, 201, school.text);
    assert.equal(await goalCount(), before + 1);
    const withGoal = (await call('analist9001', 'GET', `/pilots/${school.json.id}`)).json as unknown as PilotRegister;
    assert.deepEqual(
      withGoal.pilots[0]!.goals.map((g) => [g.title, g.indicator]),
      [['Minder uitval op school', 'dropout']],
    );
  });

  it('every pilot route answers each role as its declared action says', async () => {
    const routes = f.routeTable.filter((r) => r.url.startsWith('/api/v1/pilots') && r.method !== 'HEAD');
    assert.deepEqual(routes.map((r) => `${r.method} ${r.url} ${r.action}`).sort(), [
      'GET /api/v1/pilots money',
      'GET /api/v1/pilots/:nummer money',
      'POST /api/v1/pilots register',
      'PUT /api/v1/pilots/:nummer register',
    ]);
    const existing = (await register('analist9001')).pilots[0]!;
    let n = 0;
    for (const r of routes) {
      for (const a of ACCOUNT_SPECS) {
        const me: Principal = {
          userId: 0,
          username: a.username,
          displayName: a.username,
          role: a.role,
          gemeenten: ['9001'],
          team: null,
          provider: null,
          mfaPassed: true,
        };
        const path = r.url.replace('/api/v1', '').replace(':nummer', String(existing.id));
        const payload = r.method === 'GET' ? undefined : pilot({ naam: `Pilot ${++n}`, eigenaar: 'team Noord' });
        const res = await call(a.username, r.method, path, payload);
        const allowed = can(me, r.action as Parameters<typeof can>[1]);
        const want = allowed ? (r.method === 'POST' ? 201 : 200) : 403;
        assert.equal(res.status, want, `${a.username} ${r.method} ${path}: ${res.text.slice(0, 200)}`);
      }
    }
    const anon = await fetch(`${base}/api/v1/pilots`);
    assert.equal(anon.status, 401);
  });
});
