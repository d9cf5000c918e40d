/**
 * A team manager sees its own team exactly, and everything beyond it — the gemeente's totals, other teams, the
 * regio — only as published (red team 11 HIGH: /indicators, /overview, /productcodes and the OData feed gave a team
 * manager the whole gemeente's exact figures, while its council report was already the published one). Over real
 * HTTP, every GET route of Fastify's route table that answers figures (aggregates, money) and does not narrow the
 * answer to the caller's own team gives the team manager exactly what it gives the bestuur of the same gemeente.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { PASSWORD, login, listenLoopback, serverFixture, type ServerFixture } from '../testing/server.js';
import { API_PREFIX, OPENAPI_PATH } from './apiSchema.js';

const VALUES: Record<string, string> = {
  period: '2024',
  gemeente: '9001',
  format: 'json',
  id: 'youth_in_care',
  kind: 'maand',
  traject: 'T0',
  name: 'rapport',
};

interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
}

/** What differs between two answers to the same question that is not a figure. */
const VOLATILE = new Set(['instance', 'generatedAt', 'gemaaktOp', 'madeAt', 'createdAt']);
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, x]) => [k, strip(x)]),
    );
  return v;
}

/**
 * The bestuur's answer with every figure the team manager's has hidden hidden too: a team manager gets what is
 * published, and may get less (an amount of its gemeente whose other teams hold 1–9 youths).
 */
function atMost(team: unknown, board: unknown): unknown {
  if (Array.isArray(team) && Array.isArray(board)) return board.map((b, i) => atMost(team[i], b));
  if (team && board && typeof team === 'object' && typeof board === 'object') {
    const t = team as Record<string, unknown>;
    const b = board as Record<string, unknown>;
    if ('value' in t && t.value === null) return t;
    return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, atMost(t[k], v)]));
  }
  return board;
}

onOneBackend('a team manager beyond its own team gets what is published', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  let doc: { paths: Record<string, Record<string, Operation>> };
  const cookies = new Map<string, string>();

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    base = await listenLoopback(f);
    for (const u of ['teammanager', 'bestuur', 'controller', 'aanbieder1']) cookies.set(u, await login(f, u));
    doc = (await (await fetch(`${base}${OPENAPI_PATH}`)).json()) as typeof doc;
  });
  after(async () => {
    await f.close();
    await db.drop();
  });

  async function get(who: string, url: string): Promise<{ status: number; type: string; body: string }> {
    const res = await fetch(`${base}${url}`, { headers: { cookie: cookies.get(who)! } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  }

  function urlOf(method: string, url: string): string {
    const op = doc.paths[url.slice(API_PREFIX.length).replace(/:([A-Za-z_]+)/g, '{$1}')]?.[method.toLowerCase()];
    const path = url.replace(/:([A-Za-z_]+)/g, (_m, n: string) => VALUES[n] ?? 'x');
    const qs = (op?.parameters ?? [])
      .filter((p) => p.in === 'query' && (p.required || p.name === 'gemeente'))
      .map((p) => `${p.name}=${VALUES[p.name] ?? 'x'}`);
    return `${path}${qs.length ? `?${qs.join('&')}` : ''}`;
  }

  it('every figure route beyond the own team answers the team manager as it answers the bestuur', async () => {
    const routes = f.routeTable.filter(
      (r) =>
        r.method === 'GET' &&
        r.url.startsWith(`${API_PREFIX}/`) &&
        (r.action === 'aggregates' || r.action === 'money') &&
        !r.ownTeam,
    );
    assert.ok(routes.length >= 10, `figure routes from the route table: ${routes.length}`);
    const differ: string[] = [];
    let compared = 0;
    for (const r of routes) {
      const url = urlOf(r.method, r.url);
      const [team, board] = [await get('teammanager', url), await get('bestuur', url)];
      if (team.status !== board.status) {
        differ.push(`${url}: teammanager ${team.status}, bestuur ${board.status}`);
        continue;
      }
      if (team.status !== 200) continue;
      compared++;
      if (team.type.includes('json')) {
        // an amount may be hidden from the team manager where the bestuur sees it (the rest of its gemeente, next test)
        const t = strip(JSON.parse(team.body));
        assert.deepEqual(t, atMost(t, strip(JSON.parse(board.body))), url);
      } else if (team.body !== board.body) differ.push(`${url}: ${team.type} differs`);
    }
    assert.deepEqual(differ, []);
    assert.ok(compared >= 8, `answers compared: ${compared}`);
  });

  it('a gemeente amount is hidden from its team manager where the other teams together have 1–9 youths (red team 32)', async () => {
    // March 2024 in 9001: Noord (the team manager's) 9 youths with claims, Zuid 7. The bestuur sees the gemeente's
    // cost (16 youths); the team manager knows Noord's exactly (its month overview), so the gemeente's cost would give
    // Zuid's 7 youths' cost back: hidden, for the month and for every period holding it, and so is the split
    const cost = async (who: string, period: string, by = '') => {
      const res = await get(who, `${API_PREFIX}/indicators/cost_total?period=${period}&gemeente=9001${by}`);
      assert.equal(res.status, 200, res.body);
      return (JSON.parse(res.body) as { rows: Array<{ key: string | null; value: number | null; flags: string[] }> })
        .rows;
    };
    for (const period of ['2024-03', '2024Q1', '2024']) {
      const [board] = (await cost('bestuur', period)).filter((r) => r.key === null);
      const [team] = (await cost('teammanager', period)).filter((r) => r.key === null);
      assert.notEqual(board?.value, null, `bestuur ${period}`);
      assert.equal(team?.value, null, `teammanager ${period}`);
      assert.ok(team?.flags.includes('onderdrukt'));
    }
    const byForm = await cost('teammanager', '2024-03', '&by=zorgvorm');
    assert.ok(byForm.length > 0 && byForm.every((r) => r.value === null), JSON.stringify(byForm));
    // commitments likewise: the gemeente's running allocations minus Noord's own gave Zuid's 7 (red team 34)
    const commitments = async (who: string) => {
      const res = await get(who, `${API_PREFIX}/indicators/commitments?period=2024-03&gemeente=9001`);
      return (JSON.parse(res.body) as { rows: Array<{ value: number | null }> }).rows[0]?.value;
    };
    assert.notEqual(await commitments('bestuur'), null);
    assert.equal(await commitments('teammanager'), null);
    // a note's snapshot of the hidden figure is not shown to the team manager either (red team 34)
    const note = await fetch(`${base}${API_PREFIX}/narratives`, {
      method: 'POST',
      headers: { cookie: cookies.get('teammanager')!, 'content-type': 'application/json' },
      body: JSON.stringify({
        indicator: 'cost_total',
        gemeente: '9001',
        period: '2024-03',
        body: 'Noord in maart',
        visibility: 'intern',
        scopeKind: 'team',
      }),
    });
    assert.equal(note.status, 201);
    assert.equal(((await note.json()) as { valueSnapshot: unknown }).valueSnapshot, null);
    const notes = JSON.parse((await get('teammanager', `${API_PREFIX}/narratives?gemeente=9001`)).body) as Array<{
      body: string;
      valueSnapshot: unknown;
    }>;
    assert.equal(notes.find((n) => n.body === 'Noord in maart')?.valueSnapshot, null);
    // its own team's month stays exact for it
    const month = await get('teammanager', `${API_PREFIX}/maandoverzicht?jaar=2024&maand=03&gemeente=9001`);
    assert.equal(month.status, 200, month.body);
  });

  it("the gemeente's youths in care reach the team manager rounded, as published, and the controller exactly", async () => {
    const url = `${API_PREFIX}/indicators/youth_in_care?period=2024&gemeente=9001`;
    const exact = JSON.parse((await get('controller', url)).body) as {
      disclosureControl: boolean;
      rows: Array<{ key: string | null; value: number | null }>;
    };
    const team = JSON.parse((await get('teammanager', url)).body) as typeof exact;
    assert.equal(exact.disclosureControl, false);
    assert.equal(team.disclosureControl, true);
    const [e, t] = [exact.rows.find((r) => r.key === null)!, team.rows.find((r) => r.key === null)!];
    assert.equal(e.value, 16, 'the fixture has 16 trajectories of 9001 active in 2024');
    assert.equal(t.value, 15, 'rounded to 5');
  });

  it("a team manager reads the published notes and its own team's, not another team's or the gemeente's internal ones", async () => {
    const post = async (who: string, body: object) => {
      const res = await fetch(`${base}${API_PREFIX}/narratives`, {
        method: 'POST',
        headers: { cookie: cookies.get(who)!, 'content-type': 'application/json' },
        body: JSON.stringify({ indicator: 'youth_in_care', gemeente: '9001', period: '2024', ...body }),
      });
      return res.status;
    };
    assert.equal(
      await post('controller', { body: 'Zuid intern', visibility: 'intern', scopeKind: 'team', scopeKey: 'Zuid' }),
      201,
    );
    assert.equal(await post('controller', { body: 'Gemeente intern', visibility: 'intern' }), 201);
    // a number that may be a BSN is refused in an internal note too (red team 34)
    assert.equal(await post('controller', { body: 'moeder belde, bsn 9999.90.019', visibility: 'intern' }), 400);
    // a team the gemeente does not have is refused, not kept for no one (red team 33)
    assert.equal(
      await post('controller', { body: 'Niemand', visibility: 'intern', scopeKind: 'team', scopeKey: 'Wijkteam 99' }),
      400,
    );
    assert.equal(await post('controller', { body: 'Gemeente extern', visibility: 'extern' }), 201);
    assert.equal(await post('teammanager', { body: 'Noord intern', visibility: 'intern', scopeKind: 'team' }), 201);
    // another team's name is refused, not replaced by the own one
    assert.equal(
      await post('teammanager', { body: 'Zuid?', visibility: 'intern', scopeKind: 'team', scopeKey: 'Zuid' }),
      403,
    );
    const notes = JSON.parse((await get('teammanager', `${API_PREFIX}/narratives?gemeente=9001`)).body) as Array<{
      body: string;
    }>;
    assert.deepEqual(notes.map((n) => n.body).sort(), ['Gemeente extern', 'Noord in maart', 'Noord intern']);
  });

  it('a team manager or provider account gets exactly one scope; an older account with two is refused, not narrowed to the last (red team 26)', async () => {
    const beheerder = await login(f, 'beheerder');
    const post = async (url: string, body: object) => {
      const res = await fetch(`${base}${API_PREFIX}${url}`, {
        method: 'POST',
        headers: { cookie: beheerder, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.text() };
    };
    const twoTeams = [
      { kind: 'team', key: '9001/Noord' },
      { kind: 'team', key: '9002/Centrum' },
    ];
    const account = (role: string, scopes: object[]) => ({
      username: `twee${role}`,
      displayName: 'Twee scopes',
      role,
      password: PASSWORD,
      scopes,
    });
    const made = await post('/users', account('teammanager', twoTeams));
    assert.equal(made.status, 400, made.body);
    assert.match(made.body, /rol teammanager heeft precies één team als scope \(kreeg 2\)/);
    // each half in its own field (red team 27: messageEn held the Dutch too)
    const said = JSON.parse(made.body) as { message: string; messageEn: string };
    assert.doesNotMatch(said.message, / \/ role/);
    assert.match(said.messageEn, /^role teammanager has exactly one team as its scope \(got 2\)/);
    const provider = await post(
      '/users',
      account('aanbieder', [
        { kind: 'aanbieder', key: '11111111' },
        { kind: 'aanbieder', key: '22222222' },
      ]),
    );
    assert.equal(provider.status, 400, provider.body);
    assert.match(provider.body, /precies één aanbieder/);
    const token = await post('/tokens', {
      name: 'twee-teams',
      role: 'teammanager',
      scopes: twoTeams,
      expiresAt: '2099-12-31',
      reason: 'test',
    });
    assert.equal(token.status, 400, token.body);
    assert.match(token.body, /precies één team/);
    // an account that got a second team before this rule (the row written directly): its requests are refused
    const one = await post('/users', account('teammanager', [twoTeams[0]!]));
    assert.equal(one.status, 201, one.body);
    const { totpSecret } = JSON.parse(one.body) as { totpSecret: string };
    await db.store.query(
      `INSERT INTO user_scope (user_id, scope_kind, scope_key)
       SELECT id, 'team', '9002/Centrum' FROM app_user WHERE username = 'tweeteammanager'`,
    );
    f.accounts.set('tweeteammanager', {
      username: 'tweeteammanager',
      role: 'teammanager',
      kind: 'team',
      key: '9001/Noord',
      totp: totpSecret,
    });
    // the login itself passes (its answer names no rows); every request after it is refused in words
    const cookie = await login(f, 'tweeteammanager');
    const rows = await fetch(`${base}${API_PREFIX}/trajecten?limit=1000`, { headers: { cookie } });
    const text = await rows.text();
    assert.equal(rows.status, 400, text);
    assert.match(text, /meer dan één team als scope/);
  });

  it("another team's or provider's report is refused, not answered with the own one", async () => {
    const other = await get(
      'teammanager',
      `${API_PREFIX}/reports/maand?gemeente=9001&period=2024-03&format=json&team=Zuid`,
    );
    assert.equal(other.status, 403, other.body);
    assert.match(other.body, /eigen team/);
    const own = await get(
      'teammanager',
      `${API_PREFIX}/reports/maand?gemeente=9001&period=2024-03&format=json&team=Noord`,
    );
    assert.equal(own.status, 200, own.body);
    const provider = await get(
      'aanbieder1',
      `${API_PREFIX}/reports/aanbieder?gemeente=9001&period=2024Q1&format=json&aanbieder=22222222`,
    );
    assert.equal(provider.status, 403, provider.body);
  });
});
