/**
 * Issue 16.1: GET /api/v1/overview, the Overzicht's headline tiles. The tiles' figures are the catalogue's
 * own (the same rows GET /api/v1/indicators/:id answers, for one gemeente and combined for several), the
 * words follow the figures, bestuur gets the disclosure-controlled figures, and the tiles a role may
 * not see (money for an aanbieder) are absent. The route table sweeps (attack.test.ts, disclosure.test.ts)
 * cover the endpoint's permission and every number in it for bestuur and aanbieder.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { combineRows } from '../indicators/region.js';
import type { IndicatorRow } from '../indicators/types.js';
import { roundHalfUp } from '../domain/decimal.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { TEST_KEY, writeCsv } from '../testing/fixtures.js';
import type { Overview, Tile } from '../app/overview.js';

const PERIOD = '2024H1';

describe('GET /api/v1/overview: headline tiles from the catalogue (16.1)', { timeout: 300_000 }, () => {
  let db: TestDb;
  let f: ServerFixture;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore('pglite');
    f = await serverFixture(db.store);
    for (const user of ['analist', 'analist9001', 'bestuur', 'aanbieder1']) {
      f.clock.now = new Date(f.clock.now.getTime() + 30_000); // a fresh TOTP step per log-in
      cookies.set(user, await login(f, user));
    }
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  const get = async <T>(user: string, url: string): Promise<{ status: number; body: T }> => {
    const res = await f.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(user)! } });
    return { status: res.statusCode, body: res.json() as T };
  };
  const indicator = async (user: string, id: string, period: string, gemeente: string, by?: string) => {
    const url = `/api/v1/indicators/${id}?period=${period}&gemeente=${gemeente}${by ? `&by=${by}` : ''}`;
    return (await get<{ rows: IndicatorRow[] }>(user, url)).body.rows;
  };
  const tile = (tiles: readonly Tile[], id: string) => tiles.find((t) => t.id === id)!;

  it('for one gemeente: five tiles with the indicators\u2019 own figures, with words and a detail page', async () => {
    const { status, body } = await get<Overview>('analist9001', `/api/v1/overview?period=${PERIOD}`);
    assert.equal(status, 200);
    assert.equal(body.level, 'gemeente');
    assert.deepEqual(body.gemeenten, []);
    assert.deepEqual(
      body.tiles.map((t) => t.id),
      ['jeugdhulp', 'instroom', 'geld', 'wachttijd', 'doelen'],
    );
    const [pct] = await indicator('analist9001', 'pct_youth_in_care', PERIOD, '9001');
    assert.deepEqual(tile(body.tiles, 'jeugdhulp').current, pct);
    const [pctBefore] = await indicator('analist9001', 'pct_youth_in_care', '2023H2', '9001');
    assert.deepEqual(tile(body.tiles, 'jeugdhulp').previous ?? null, pctBefore ?? null);
    const [inflow] = await indicator('analist9001', 'inflow_youth', PERIOD, '9001');
    assert.deepEqual(tile(body.tiles, 'instroom').current, inflow);
    const [burn] = await indicator('analist9001', 'budget_burn', PERIOD, '9001');
    const money = tile(body.tiles, 'geld');
    assert.equal(money.current?.value ?? null, burn?.value ?? null);
    const [commitments] = await indicator('analist9001', 'commitments', PERIOD, '9001');
    assert.ok(commitments, 'the fixture has running allocations with an amount granted');
    assert.equal(money.parts.find((r) => r.key === 'verplicht')?.value, commitments.value);
    assert.equal(money.parts.find((r) => r.key === 'besteed')?.value, burn?.numerator);
    const waits = await indicator('analist9001', 'wait_allocation_to_start', PERIOD, '9001', 'statistiek');
    const within = waits.find((r) => r.key === 'binnen_norm');
    assert.equal(tile(body.tiles, 'wachttijd').current?.value ?? null, within?.value ?? null);
    for (const t of body.tiles) {
      assert.ok(t.definitionNl.length > 20 && t.definitionEn.length > 20, `${t.id}: definition`);
      assert.match(t.detailPath, /^\/[a-z]+$/, `${t.id}: detail page`);
      assert.ok(t.change.nl && t.change.en && t.comparison.nl && t.comparison.en, `${t.id}: words`);
      assert.ok(['goed', 'slecht', 'aandacht', 'neutraal'].includes(t.change.tone));
    }
    // the change in words follows the figures
    const j = tile(body.tiles, 'jeugdhulp');
    const [now, before] = [j.current?.value ?? null, j.previous?.value ?? null];
    const expected =
      now === null || before === null
        ? /geen cijfer/
        : now > before
          ? /^hoger dan de vorige periode/
          : now < before
            ? /^lager dan de vorige periode/
            : /^gelijk/;
    assert.match(j.change.nl, expected);
  });

  it('for several gemeenten: the regio total first (combined as region.ts does), then every gemeente', async () => {
    const { body } = await get<Overview>('analist', `/api/v1/overview?period=${PERIOD}`);
    assert.equal(body.level, 'regio');
    assert.deepEqual(
      body.gemeenten.map((g) => g.gemeente),
      ['9001', '9002'],
    );
    const rows = await indicator('analist', 'pct_youth_in_care', PERIOD, '9001,9002');
    const [total] = combineRows('pct_youth_in_care', rows, 'regio');
    assert.equal(tile(body.tiles, 'jeugdhulp').current?.value, total!.value);
    const inflow = await indicator('analist', 'inflow_youth', PERIOD, '9001,9002');
    assert.equal(tile(body.tiles, 'instroom').current?.value, combineRows('inflow_youth', inflow, 'regio')[0]!.value);
    for (const g of body.gemeenten) {
      assert.deepEqual(
        tile(g.tiles, 'jeugdhulp').current,
        rows.find((r) => r.gemeente === g.gemeente),
      );
    }
    const commitments = await indicator('analist', 'commitments', PERIOD, '9001,9002');
    const sum = commitments.reduce((s, r) => s + (r.value ?? 0), 0);
    assert.equal(tile(body.tiles, 'geld').parts.find((r) => r.key === 'verplicht')?.value, Math.round(sum * 100) / 100);
  });

  it('bestuur gets the disclosure-controlled figures, the same as the indicators give bestuur', async () => {
    const { status, body } = await get<Overview>('bestuur', `/api/v1/overview?period=${PERIOD}`);
    assert.equal(status, 200);
    const [pct] = await indicator('bestuur', 'pct_youth_in_care', PERIOD, '9001');
    const j = tile(body.tiles, 'jeugdhulp');
    assert.equal(j.current?.value, pct!.value);
    assert.ok(j.current!.flags.includes('afgerond') || j.current!.flags.includes('onderdrukt'), 'marked as published');
    assert.equal(j.current?.numerator, null, 'no numerator beside a rate');
    const [inflow] = await indicator('bestuur', 'inflow_youth', PERIOD, '9001');
    assert.equal(tile(body.tiles, 'instroom').current?.value ?? null, inflow?.value ?? null);
    for (const r of tile(body.tiles, 'geld').parts) {
      assert.ok(r.value === null || Number.isInteger(r.value), `${r.key}: whole euros`);
    }
  });

  it('bestuur: every euro figure of the money tile is whole euros, each the exact amount rounded half up (F3)', async () => {
    // a budget for 9001 (the fixture has none), loaded as a controller would: imported, lens rebuilt and reloaded
    const r = await importCsvFile(
      { store: db.store, dataDir: f.dataDir, key: TEST_KEY },
      writeCsv(
        f.dataDir,
        'budget.csv',
        'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2024;6.72a;1000000,53;0\n',
      ),
    );
    assert.equal(r.status, 'committed');
    await rebuildLens(db.store, f.dataDir);
    await f.ctx.lens.reload();
    const exact = tile((await get<Overview>('analist9001', `/api/v1/overview?period=${PERIOD}`)).body.tiles, 'geld');
    const money = tile(
      (await get<Overview>('bestuur', `/api/v1/overview?period=${PERIOD}&gemeente=9001`)).body.tiles,
      'geld',
    );
    const notWhole: string[] = [];
    // the budget_burn rows (a percentage): every field beside the percentage is an amount (remaining)
    for (const r of [money.current, money.previous]) {
      for (const [k, v] of Object.entries(r ?? {}))
        if (k !== 'value' && typeof v === 'number' && !Number.isInteger(v)) notWhole.push(`${r!.key} ${k} ${v}`);
    }
    // the parts are amounts (besteed, begroting, verplicht, prognose with its range and components)
    for (const r of money.parts)
      for (const [k, v] of Object.entries(r))
        if (typeof v === 'number' && !Number.isInteger(v)) notWhole.push(`${r.key} ${k} ${v}`);
    assert.deepEqual(notWhole, []);
    const remaining = (t: Tile) => (t.current as unknown as { remaining: number | null } | null)?.remaining ?? null;
    assert.ok(remaining(exact) !== null, 'the fixture has a budget');
    assert.ok(!Number.isInteger(remaining(exact)), 'the exact remaining budget has cents');
    assert.equal(remaining(money), roundHalfUp(remaining(exact)!, 0));
  });

  it('tiles follow the role: no money for an aanbieder; a gemeente outside the scope is refused', async () => {
    const { body } = await get<Overview>('aanbieder1', `/api/v1/overview?period=${PERIOD}`);
    assert.ok(!body.tiles.some((t) => t.id === 'geld'), 'no money tile without the money permission');
    assert.equal((await get('analist9001', `/api/v1/overview?period=${PERIOD}&gemeente=9002`)).status, 403);
    assert.equal((await f.app.inject({ method: 'GET', url: '/api/v1/overview' })).statusCode, 401);
    assert.equal((await get('analist9001', '/api/v1/overview?period=2024H1,2024H2')).status, 400);
  });
});
