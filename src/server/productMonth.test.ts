/**
 * Issue 16.4/16.5 over real HTTP requests (Fastify inject on the server fixture): which roles get
 * 200/401/403 on GET /api/v1/productcodes and GET /api/v1/maandoverzicht, a teammanager sees only the own
 * team, client rows only for analist and teammanager (and logged), cost only with money rights,
 * an aanbieder's drill-down only its own provider, and bestuur's cells under disclosure control.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { ACCOUNT_SPECS, login, serverFixture, type ServerFixture } from '../testing/server.js';
import type { Cell, DataTable, MonthAnswer, ProductAnswer } from '../app/productMonth.js';
import { cellText, type Cell as ReportCell } from '../reports/format.js';

const ALL = ACCOUNT_SPECS.map((a) => a.username);

describe(
  'GET /api/v1/productcodes and /api/v1/maandoverzicht: roles and scope (16.4, 16.5)',
  { timeout: 300_000 },
  () => {
    let db: TestDb;
    let f: ServerFixture;
    const cookies = new Map<string, string>();
    before(async () => {
      db = await freshStore('pglite');
      f = await serverFixture(db.store);
      for (const user of ALL) {
        f.clock.now = new Date(f.clock.now.getTime() + 30_000); // a fresh TOTP step per log-in
        cookies.set(user, await login(f, user));
      }
    });
    after(async () => {
      await f?.close();
      await db?.drop();
    });
    const get = async <T>(user: string | null, url: string): Promise<{ status: number; body: T }> => {
      const res = await f.app.inject({ method: 'GET', url, headers: user ? { cookie: cookies.get(user)! } : {} });
      return { status: res.statusCode, body: res.json() as T };
    };
    const col = (t: DataTable, key: string) => t.columns.findIndex((c) => c.key === key);

    it('role sweep: who gets 200, 401, 403', async () => {
      const cases: Array<[string, string[]]> = [
        ['/api/v1/productcodes?van=2024&tot=2024', ALL],
        [
          '/api/v1/productcodes?van=2024&tot=2024&gemeente=9002',
          ['beheerder', 'analist', 'contractmanager', 'aanbieder1', 'aanbieder2'],
        ],
        ['/api/v1/maandoverzicht?jaar=2024', ALL.filter((u) => !u.startsWith('aanbieder'))],
        ['/api/v1/maandoverzicht?jaar=2024&gemeente=9002', ['beheerder', 'analist', 'contractmanager']],
      ];
      for (const [url, ok] of cases) {
        assert.equal((await get(null, url)).status, 401, `anoniem ${url}`);
        for (const user of ALL) {
          const { status } = await get(user, url);
          assert.equal(status, ok.includes(user) ? 200 : 403, `${user} ${url}`);
        }
      }
      assert.equal((await get('analist', '/api/v1/productcodes?van=2024&tot=2020')).status, 400);
      assert.equal((await get('analist', '/api/v1/maandoverzicht?jaar=2099')).status, 400);
    });

    it('per product code: names beside codes, cost only with money rights, drill-down to providers', async () => {
      const { body } = await get<ProductAnswer>('analist9001', '/api/v1/productcodes?van=2024&tot=2024');
      const t = body.table;
      const row = t.rows.find((r) => r[col(t, 'productCode')] === '45A01')!;
      assert.ok(row, JSON.stringify(t.rows));
      assert.match(String(row[col(t, 'productCategoryName')]), /[a-z]/);
      assert.equal(row[col(t, 'trajectories')], 16); // 8 + 4 + 3 + the youth with a secret address, all of 9001
      assert.equal(row[col(t, 'providers')], 2);
      assert.ok(col(t, 'cost') > 0);
      const drill = (
        await get<ProductAnswer>('analist9001', '/api/v1/productcodes?van=2024&tot=2024&productcode=45A01')
      ).body;
      const agbs = drill.table.rows.map((r) => r[col(drill.table, 'agb')]).sort();
      assert.deepEqual(agbs, ['11111111', '22222222']);
      assert.ok(drill.table.rows.some((r) => r[col(drill.table, 'providerName')] === 'Aanbieder Een'));
      // an aanbieder: no cost columns, its own provider only in the drill-down
      const own = (await get<ProductAnswer>('aanbieder1', '/api/v1/productcodes?van=2024&tot=2024&productcode=45A01'))
        .body;
      assert.equal(col(own.table, 'cost'), -1);
      assert.deepEqual(
        own.table.rows.map((r) => r[col(own.table, 'agb')]),
        ['11111111'],
      );
    });

    it('bestuur: counts rounded to 5 or "<10", whole euros, no exact per-child amount', async () => {
      const { body } = await get<ProductAnswer>('bestuur', '/api/v1/productcodes?van=2024&tot=2024');
      assert.equal(body.disclosureControl, true);
      for (const r of body.table.rows)
        body.table.columns.forEach((c, i) => {
          const v = r[i];
          if (c.unit === 'aantal')
            assert.ok(v === '<10' || (typeof v === 'number' && v % 5 === 0 && v >= 10), `${c.key} ${v}`);
          if (c.unit === 'euro' && typeof v === 'number') assert.ok(Number.isInteger(v), `${c.key} ${v}`);
        });
      const m = (await get<MonthAnswer>('bestuur', '/api/v1/maandoverzicht?jaar=2024')).body;
      assert.equal(m.clients, null);
      // the month asked for and the last month with data are calendar positions, not counts to round (red team 7:
      // December came back as month 10, March as null)
      for (const maand of [3, 7, 12]) {
        const b = (await get<MonthAnswer>('bestuur', `/api/v1/maandoverzicht?jaar=2024&maand=${maand}`)).body;
        const c = (await get<MonthAnswer>('controller', `/api/v1/maandoverzicht?jaar=2024&maand=${maand}`)).body;
        assert.deepEqual([b.year, b.month, b.lastMonth], [c.year, c.month, c.lastMonth]);
        // (the fixture's data end in a month before December: a later month asked for is that last month)
        assert.equal(b.month, Math.min(maand, c.lastMonth));
      }
      for (const r of m.table.rows) {
        const v = r[col(m.table, 'youths')];
        assert.ok(v === '<10' || (typeof v === 'number' && v % 5 === 0), String(v));
      }
    });

    it('bestuur: complementary suppression, no hidden cell is the published total minus the shown ones', async () => {
      // a group of cells adding up to a published total: a hidden cell ("<10") is recoverable when it is the only
      // one hidden in its group (total minus the shown cells, within the rounding of 5 or of the shares)
      const lonelyHidden = (what: string, total: number, cells: Cell[]): string | null => {
        const hidden = cells.filter((c) => c === '<10').length;
        if (hidden !== 1) return null;
        const shown = cells.reduce<number>((s, c) => s + (typeof c === 'number' ? c : 0), 0);
        return `${what}: one hidden cell = ${total} - ${shown} = ${Math.round((total - shown) * 10) / 10} (${JSON.stringify(cells)})`;
      };
      const found: string[] = [];
      const { body } = await get<ProductAnswer>('bestuur', '/api/v1/productcodes?van=2024&tot=2024');
      const t = body.table;
      const refCols = t.columns.flatMap((c, i) => (c.key.startsWith('ref_') ? [i] : []));
      assert.equal(refCols.length, 5);
      const codes = new Map<string, Cell>();
      for (const r of t.rows) {
        const code = String(r[col(t, 'productCode')]);
        codes.set(code, r[col(t, 'trajectories')] ?? null);
        // a product code's referrer shares add up to 100%
        const shares = refCols.map((i) => r[i] ?? null);
        if (shares.some((s) => s !== null)) found.push(lonelyHidden(`${code} verwijzers`, 100, shares) ?? '');
      }
      // a product code's providers add up to the code's published total
      let drilled = 0;
      for (const [code, total] of codes) {
        if (typeof total !== 'number') continue;
        const d = (await get<ProductAnswer>('bestuur', `/api/v1/productcodes?van=2024&tot=2024&productcode=${code}`))
          .body;
        const cells = d.table.rows.map((r) => r[col(d.table, 'trajectories')] ?? null);
        if (cells.length > 1) drilled++;
        found.push(lonelyHidden(`${code} aanbieders`, total, cells) ?? '');
      }
      assert.ok(drilled > 0, 'no product code with more than one provider in the fixture');
      // per month: a gemeente's teams beside the gemeente's published number of youths
      const m = (await get<MonthAnswer>('bestuur', '/api/v1/maandoverzicht?jaar=2024')).body.table;
      const byMonth = new Map<string, { total: Cell; teams: Cell[] }>();
      for (const r of m.rows) {
        const k = `${r[col(m, 'gemeente')]} ${r[col(m, 'month')]}`;
        const g = byMonth.get(k) ?? { total: null, teams: [] };
        if (r[col(m, 'team')] === 'hele gemeente') g.total = r[col(m, 'youths')] ?? null;
        else g.teams.push(r[col(m, 'youths')] ?? null);
        byMonth.set(k, g);
      }
      for (const [k, g] of byMonth)
        if (typeof g.total === 'number') found.push(lonelyHidden(`${k} teams`, g.total, g.teams) ?? '');
      // issue 14: a team's claims cut across the linked amount tables, and team figures are internal: the external
      // version has the gemeente as a whole only
      assert.deepEqual(new Set(m.rows.map((r) => r[col(m, 'team')])), new Set(['hele gemeente']));
      assert.deepEqual(
        found.filter((x) => x !== ''),
        [],
      );
    });

    it('the monthly report holds the per-productcode table: the same cells as the API, protected in the external version', async () => {
      type Model = {
        sections: Array<{ heading: string; tables: Array<{ columns: Array<{ label: string }>; rows: unknown[][] }> }>;
      };
      for (const user of ['analist9001', 'bestuur']) {
        const report = await get<Model>(user, '/api/v1/reports/maand?gemeente=9001&period=2024-12&format=json');
        assert.equal(report.status, 200, user);
        const section = report.body.sections.find((s) => s.heading === 'Per productcode');
        assert.ok(section, `${user}: ${report.body.sections.map((s) => s.heading).join(', ')}`);
        const api = (await get<ProductAnswer>(user, '/api/v1/productcodes?van=2024&tot=2024')).body.table;
        const labels = section.tables[0]!.columns.map((c) => c.label);
        const idx = labels.map((l) => api.columns.findIndex((c) => c.label === l));
        assert.ok(idx.every((i) => i >= 0) && labels.includes('kosten per kind') && labels.includes('huisarts %'));
        // the report says "onderdrukt" where a suppressed amount or % stands, the API's wire value stays "<10"
        assert.deepEqual(
          section.tables[0]!.rows,
          api.rows.map((r) => idx.map((i) => cellText((r[i] ?? null) as ReportCell, api.columns[i]!.unit))),
          user,
        );
      }
    });

    it('per month: before the first claim line in the data the cost is unknown, not € 0 (red team 8)', async () => {
      // the fixture's claims are for March 2024: January and February have youths in care but no known cost, and
      // the year so far is not known in any month (its first two months are missing)
      const answer = await get<MonthAnswer>('controller', '/api/v1/maandoverzicht?jaar=2024');
      assert.equal(answer.status, 200);
      const body = answer.body.table;
      const [month, cost, ytd, used] = ['month', 'costMonth', 'costYear', 'budgetUsed'].map((k) => col(body, k));
      const whole = body.rows.filter(
        (r) => r[col(body, 'team')] === 'hele gemeente' && r[col(body, 'gemeenteCode')] === '9001',
      );
      const at = (m: string) => whole.find((r) => r[month!] === m)!;
      assert.equal(at('2024-01')[cost!], null);
      assert.equal(at('2024-02')[cost!], null);
      assert.equal(typeof at('2024-03')[cost!], 'number');
      assert.ok(
        whole.every((r) => r[ytd!] === null && r[used!] === null),
        'the year so far is not known',
      );
    });

    it('per month: a teammanager sees only the own team and its clients; client rows only for analist and teammanager, logged', async () => {
      const tm = (await get<MonthAnswer>('teammanager', '/api/v1/maandoverzicht?jaar=2024&maand=3')).body;
      assert.ok(tm.table.rows.length > 0);
      assert.ok(
        tm.table.rows.every((r) => r[col(tm.table, 'team')] === 'Noord'),
        JSON.stringify(tm.table.rows),
      );
      assert.ok(tm.clients!.rows.length > 0);
      assert.ok(tm.clients!.rows.every((r) => r[col(tm.clients!, 'teams')] === 'Noord'));
      // Noord in 9001: 8 youths (the ninth has a secret address and is not listed)
      assert.equal(tm.clients!.rows.length, 8);
      assert.equal(tm.table.rows.find((r) => r[col(tm.table, 'month')] === '2024-03')![col(tm.table, 'youths')], 9);
      const an = (await get<MonthAnswer>('analist9001', '/api/v1/maandoverzicht?jaar=2024&maand=3')).body;
      const teams = new Set(an.table.rows.map((r) => r[col(an.table, 'team')]));
      assert.ok(teams.has('hele gemeente') && teams.has('Noord') && teams.has('Zuid'));
      assert.equal(an.clients!.rows.length, 15); // 9001: 16 youths, one with a secret address
      for (const user of ['controller', 'beheerder', 'contractmanager'])
        assert.equal((await get<MonthAnswer>(user, '/api/v1/maandoverzicht?jaar=2024')).body.clients, null, user);
      const log = await db.store.query<{ username: string; subjects: string[] | null }>(
        `SELECT username, subjects FROM audit_log WHERE event = 'lezen_persoonsgegevens' AND query LIKE 'maandoverzicht%'`,
      );
      assert.ok(log.some((l) => l.username === 'teammanager' && (l.subjects?.length ?? 0) === 8));
    });
  },
);
