/**
 * Issue 14 (red team, disclosure control for bestuur and the external version): an amount beside a hidden count
 * gives the count back when the tariff is fixed. Teams of 30, 20 and 3 youths in residential care, each youth billed
 * € 3.100 a month: /api/maandoverzicht showed Mid "<10" with € 62.000 and Small "<10" with € 9.300, and
 * 9.300 ÷ 3.100 = 3. Over real HTTP on a hand-made data set, as an outsider: no published amount of a row whose
 * count is hidden, no hidden amount that is the published total minus the shown ones (across teams, across a
 * code's providers, or across months: year to date minus this month), no budget used or left that names a hidden
 * amount; the controller (authorised circle) still sees every exact figure.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { TRAJECTEN_HEADER, testBsn, trajectRow } from '../testing/fixtures.js';
import type { Cell, DataTable, MonthAnswer, ProductAnswer } from '../app/productMonth.js';

/** € 3.100 per youth per month: one claim line a month, volume 1 (the effective price per unit is the tariff) */
const TARIFF = 3100;
const HIDDEN = '<10';

interface Youth {
  team: string;
  agb: string;
  code: string;
  from: number; // first month in care
  year?: number; // the year in care (2024 unless said)
}

/** Groot 30 (two of them with the second provider), Mid 20, Small 3 (from January, its own product code). */
function youths(): Youth[] {
  const out: Youth[] = [];
  for (let i = 0; i < 30; i++)
    out.push({ team: 'Groot', agb: i < 2 ? '22222222' : '11111111', code: '45A01', from: 2 });
  for (let i = 0; i < 20; i++) out.push({ team: 'Mid', agb: '11111111', code: '45A01', from: 2 });
  for (let i = 0; i < 3; i++) out.push({ team: 'Small', agb: '22222222', code: '45A02', from: 1 });
  // red team 2: a code shown in 2022 (12 children) and hidden in 2023 (3): the window 2022–2024 minus 2022 gave 2023
  for (let i = 0; i < 12; i++) out.push({ team: 'Groot', agb: '11111111', code: '45A03', from: 1, year: 2022 });
  for (let i = 0; i < 3; i++) out.push({ team: 'Groot', agb: '11111111', code: '45A03', from: 1, year: 2023 });
  return out;
}

function files(): Record<string, string> {
  const ys = youths();
  const traj = [`${TRAJECTEN_HEADER};geheim_adres`];
  const claims = [
    'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
  ];
  ys.forEach((y, n) => {
    const mm = String(y.from).padStart(2, '0');
    const yr = y.year ?? 2024;
    traj.push(
      `${trajectRow({
        traject_id: `T${n}`,
        client_id: testBsn(500 + n),
        gemeente: '9001',
        team: y.team,
        wijk: '900101',
        aanbieder_agb: y.agb,
        productcategorie: '45',
        productcode: y.code,
        aanvraagdatum: `${yr}-${mm}-01`,
        toewijzingsdatum: `${yr}-${mm}-01`,
        startdatum: `${yr}-${mm}-01`,
        einddatum: `${yr}-12-31`,
        reden_einde: '31',
        doelrealisatie: 'ja',
      })};`,
    );
    for (let m = y.from; m <= 12; m++) {
      const p = String(m).padStart(2, '0');
      const last = new Date(Date.UTC(yr, m, 0)).getUTCDate();
      claims.push(
        `K${n}-${m};9001;T${n};;${y.agb};45;${y.code};${yr}-${p}-01;${yr}-${p}-${last};1;04;${TARIFF},00;D;toegekend`,
      );
    }
  });
  return {
    'trajecten.csv': traj.join('\n'),
    'declaraties.csv': claims.join('\n'),
    'budget.csv': 'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro\n9001;2024;6.72a;2000000,00;0\n',
  };
}

const MONEY = ['costMonth', 'costYear', 'budgetUsed', 'budgetLeft'];

forEachBackend('issue 14: no amount beside a hidden count gives the count back (fixed tariff)', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(
      db.store,
      {},
      {
        sql: `INSERT INTO team VALUES ('9001','Groot','Groot'), ('9001','Mid','Mid'), ('9001','Small','Small');`,
        files: files(),
      },
    );
    for (const user of ['bestuur', 'controller']) {
      f.clock.now = new Date(f.clock.now.getTime() + 30_000);
      cookies.set(user, await login(f, user));
    }
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });
  const get = async <T>(user: string, url: string): Promise<T> => {
    const res = await f.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(user)! } });
    assert.equal(res.statusCode, 200, `${user} ${url}: ${res.body}`);
    return res.json() as T;
  };
  const col = (t: { columns: ReadonlyArray<{ key: string }> }, key: string) =>
    t.columns.findIndex((c) => c.key === key);
  const at = (t: DataTable, r: Cell[], key: string): Cell => r[col(t, key)] ?? null;
  const isInt = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;

  it('maandoverzicht as bestuur: amounts hidden with their counts, not recoverable from the others', async () => {
    const t = (await get<MonthAnswer>('bestuur', '/api/v1/maandoverzicht?jaar=2024')).table;
    const exact = (await get<MonthAnswer>('controller', '/api/v1/maandoverzicht?jaar=2024')).table;
    // the external version has the gemeente as a whole only (team figures are internal): its rows beside those
    const wholeRows = exact.rows.filter((r) => at(exact, r, 'team') === 'hele gemeente');
    assert.equal(t.rows.length, wholeRows.length);
    assert.ok(exact.rows.length > wholeRows.length, 'the internal version has team rows');
    const found: string[] = [];
    const name = (r: Cell[]) => `${at(t, r, 'team')} ${at(t, r, 'month')}`;
    // the red team's division: a shown amount of a row with a hidden count ÷ the tariff (per month in care)
    t.rows.forEach((r, i) => {
      if (at(t, r, 'youths') !== HIDDEN) return;
      const n = at(exact, wholeRows[i]!, 'youths') as number;
      for (const key of MONEY) {
        const v = at(t, r, key);
        if (typeof v !== 'number') continue;
        const hint = key === 'costMonth' && isInt(v / TARIFF) ? ` (÷ ${TARIFF} = ${v / TARIFF}, exact ${n})` : '';
        found.push(`${name(r)}: youths hidden, ${key} shown ${v}${hint}`);
      }
    });
    // teams beside the gemeente's total in the same month: a lone hidden amount is the total minus the others
    const groups = new Map<string, { whole: Cell[] | null; teams: Cell[][] }>();
    for (const r of t.rows) {
      const k = String(at(t, r, 'month'));
      const g = groups.get(k) ?? { whole: null, teams: [] };
      if (at(t, r, 'team') === 'hele gemeente') g.whole = r;
      else g.teams.push(r);
      groups.set(k, g);
    }
    for (const [month, g] of groups)
      for (const key of ['costMonth', 'costYear']) {
        const total = g.whole === null ? null : at(t, g.whole, key);
        const cells = g.teams.map((r) => at(t, r, key));
        if (typeof total === 'number' && cells.filter((c) => c === HIDDEN).length === 1) {
          const shown = cells.reduce<number>((s, c) => s + (typeof c === 'number' ? c : 0), 0);
          found.push(`${month} ${key}: the one hidden team = ${total} - ${shown} = ${total - shown}`);
        }
      }
    // across months: year to date = last month's year to date + this month, so no one of the three is hidden alone
    const byRow = new Map<string, Cell[][]>();
    for (const r of t.rows) byRow.set(String(at(t, r, 'team')), [...(byRow.get(String(at(t, r, 'team'))) ?? []), r]);
    for (const [team, rs] of byRow)
      rs.forEach((r, m) => {
        const three = [m === 0 ? 0 : at(t, rs[m - 1]!, 'costYear'), at(t, r, 'costMonth'), at(t, r, 'costYear')];
        if (three.filter((c) => c === HIDDEN).length === 1)
          found.push(`${team} ${at(t, r, 'month')}: year to date, this month, last month's year to date ${three}`);
        // budget − left and budget × used name the year to date
        const ytd = at(t, r, 'costYear');
        if (ytd === HIDDEN && typeof at(t, r, 'budget') === 'number')
          for (const key of ['budgetUsed', 'budgetLeft'])
            if (typeof at(t, r, key) === 'number') found.push(`${team} ${at(t, r, 'month')}: ytd hidden, ${key} shown`);
      });
    assert.deepEqual(found, []);
    // the scenario is there: Small hidden in every month, and January's gemeente (3 youths) too
    assert.ok(t.rows.filter((r) => at(t, r, 'team') === 'Small').every((r) => at(t, r, 'youths') === HIDDEN));
    const jan = t.rows.find((r) => at(t, r, 'team') === 'hele gemeente' && at(t, r, 'month') === '2024-01')!;
    assert.equal(at(t, jan, 'youths'), HIDDEN);
    assert.equal(typeof at(t, jan, 'budget'), 'number'); // the budget itself names no person
  });

  it('maandoverzicht as controller: every exact figure', async () => {
    const t = (await get<MonthAnswer>('controller', '/api/v1/maandoverzicht?jaar=2024')).table;
    const row = (team: string, m: string) => t.rows.find((r) => at(t, r, 'team') === team && at(t, r, 'month') === m)!;
    assert.deepEqual(
      MONEY.map((k) => at(t, row('Small', '2024-01'), k)),
      [9300, 9300, null, null],
    );
    assert.equal(at(t, row('Small', '2024-01'), 'youths'), 3);
    assert.equal(at(t, row('Mid', '2024-02'), 'youths'), 20);
    assert.equal(at(t, row('Mid', '2024-02'), 'costMonth'), 62000);
    const dec = row('hele gemeente', '2024-12');
    assert.equal(at(t, dec, 'youths'), 53);
    assert.equal(at(t, dec, 'costYear'), 3 * 12 * TARIFF + 50 * 11 * TARIFF);
    assert.equal(at(t, dec, 'budgetLeft'), 2_000_000 - (3 * 12 + 50 * 11) * TARIFF);
    assert.equal(at(t, row('hele gemeente', '2024-01'), 'costMonth'), 9300);
  });

  it('productcodes over several years as bestuur: a cost hidden in one year is hidden in every window holding it', async () => {
    const years = [2022, 2023, 2024];
    const single = new Map<number, DataTable>();
    for (const y of years)
      single.set(y, (await get<ProductAnswer>('bestuur', `/api/v1/productcodes?van=${y}&tot=${y}`)).table);
    const hiddenIn = (code: string, y: number) => {
      const t = single.get(y)!;
      const r = t.rows.find((x) => x[col(t, 'productCode')] === code);
      return r !== undefined && at(t, r, 'cost') === HIDDEN;
    };
    assert.ok(hiddenIn('45A03', 2023), '45A03 has 3 children in 2023: hidden');
    for (const [from, to] of [
      [2022, 2024],
      [2022, 2023],
      [2023, 2024],
    ] as const) {
      const t = (await get<ProductAnswer>('bestuur', `/api/v1/productcodes?van=${from}&tot=${to}`)).table;
      for (const r of t.rows) {
        const code = String(r[col(t, 'productCode')]);
        if (at(t, r, 'cost') === HIDDEN) continue;
        for (let y = from; y <= to; y++) {
          assert.ok(
            !hiddenIn(code, y),
            `${code} ${from}–${to}: cost shown although hidden in ${y} (window minus the other years)`,
          );
        }
      }
    }
    const exact = (await get<ProductAnswer>('controller', '/api/v1/productcodes?van=2022&tot=2024')).table;
    const r = exact.rows.find((x) => x[col(exact, 'productCode')] === '45A03')!;
    assert.equal(at(exact, r, 'cost'), (12 * 12 + 3 * 12) * TARIFF, 'the controller sees the exact cost');
  });

  it('productcodes and the drill-down as bestuur: no cost beside a hidden number of children, none recoverable', async () => {
    const found: string[] = [];
    const check = (t: DataTable, what: string) => {
      for (const r of t.rows) {
        const hidden = at(t, r, 'children') === HIDDEN || at(t, r, 'trajectories') === HIDDEN;
        for (const key of ['cost', 'costPerChild']) {
          const v = at(t, r, key);
          if (hidden && typeof v === 'number')
            found.push(`${what} ${at(t, r, 'productCode')} ${at(t, r, 'agb') ?? ''}: count hidden, ${key} ${v}`);
        }
      }
    };
    const codes = (await get<ProductAnswer>('bestuur', '/api/v1/productcodes?van=2024&tot=2024')).table;
    check(codes, 'code');
    const small = codes.rows.find((r) => at(codes, r, 'productCode') === '45A02')!;
    assert.equal(at(codes, small, 'children'), HIDDEN);
    const drill = (await get<ProductAnswer>('bestuur', '/api/v1/productcodes?van=2024&tot=2024&productcode=45A01'))
      .table;
    check(drill, 'aanbieder');
    assert.equal(drill.rows.length, 2);
    // the code's total cost is published: one hidden provider's cost would be the total minus the other
    const total = at(
      codes,
      codes.rows.find((r) => at(codes, r, 'productCode') === '45A01')!,
      'cost',
    );
    const cells = drill.rows.map((r) => at(drill, r, 'cost'));
    if (typeof total === 'number' && cells.filter((c) => c === HIDDEN).length === 1) found.push(`45A01: ${cells}`);
    assert.deepEqual(found, []);
    // the monthly report's per-productcode table (the external version for bestuur): the same protected cells
    type Model = {
      sections: Array<{ heading: string; tables: Array<{ columns: Array<{ label: string }>; rows: Cell[][] }> }>;
    };
    const report = await get<Model>('bestuur', '/api/v1/reports/maand?gemeente=9001&period=2024-12&format=json');
    const section = report.sections.find((s) => s.heading === 'Per productcode')!.tables[0]!;
    const label = (l: string) => section.columns.findIndex((c) => c.label === l);
    const rs = section.rows.find((r) => r[label('productcode')] === '45A02')!;
    assert.equal(rs[label('kinderen')], HIDDEN);
    assert.notEqual(typeof rs[label('kosten')], 'number', JSON.stringify(rs));
    // the controller: exact
    const exact = (await get<ProductAnswer>('controller', '/api/v1/productcodes?van=2024&tot=2024')).table;
    const e = exact.rows.find((r) => at(exact, r, 'productCode') === '45A02')!;
    assert.equal(at(exact, e, 'children'), 3);
    assert.equal(at(exact, e, 'cost'), 3 * 12 * TARIFF);
    const ed = (await get<ProductAnswer>('controller', '/api/v1/productcodes?van=2024&tot=2024&productcode=45A01'))
      .table;
    assert.deepEqual(ed.rows.map((r) => [at(ed, r, 'agb'), at(ed, r, 'children'), at(ed, r, 'cost')]).sort(), [
      ['11111111', 48, 48 * 11 * TARIFF],
      ['22222222', 2, 2 * 11 * TARIFF],
    ]);
  });

  // red team 2 (medium): cost_total per gemeente and month published € 9.300 for January, when the month table hid
  // that month's 3 youths; by provider, a provider with 5 youths. An amount carries the youths behind it.
  it('cost_total as bestuur: no amount with fewer than 10 youths behind it, none recoverable within a split', async () => {
    type Rows = { rows: Array<{ key: string | null; value: number | null; flags: string[]; youths?: unknown }> };
    const jan = await get<Rows>('bestuur', '/api/v1/indicators/cost_total?period=2024-01&gemeente=9001');
    assert.equal(jan.rows.length, 1);
    assert.equal(jan.rows[0]!.value, null, `January (3 youths at € ${TARIFF}): ${JSON.stringify(jan.rows)}`);
    assert.ok(jan.rows[0]!.flags.includes('onderdrukt'));
    const feb = await get<Rows>('bestuur', '/api/v1/indicators/cost_total?period=2024-02&gemeente=9001');
    assert.equal(feb.rows[0]!.value, 53 * TARIFF, 'February: 53 youths, the amount is published');
    assert.equal(feb.rows[0]!.youths, undefined, 'the count behind an amount is not published beside it');
    const byProvider = await get<Rows>(
      'bestuur',
      '/api/v1/indicators/cost_total?period=2024&gemeente=9001&by=aanbieder',
    );
    const cells = new Map(byProvider.rows.map((r) => [r.key, r.value]));
    assert.equal(cells.get('22222222'), null, 'provider with 5 youths: hidden');
    assert.equal(cells.get('11111111'), null, 'the other provider hidden with it (the total minus it)');
    // the controller: exact, with the youths behind the amount
    const exact = await get<Rows>('controller', '/api/v1/indicators/cost_total?period=2024-01&gemeente=9001');
    assert.equal(exact.rows[0]!.value, 3 * TARIFF);
    assert.equal(exact.rows[0]!.youths, 3);
  });

  // red team 2 (F1): a quarter minus its two published months gave the hidden month back; the same for a year, a
  // half-year. Over real HTTP, every period kind: a published amount holds only published months.
  it('cost_total as bestuur across periods: no published period holds a hidden month', async () => {
    type Rows = { rows: Array<{ value: number | null; hiddenWhenPublished?: unknown }> };
    const value = async (user: string, period: string) =>
      (await get<Rows>(user, `/api/v1/indicators/cost_total?period=${period}&gemeente=9001`)).rows[0]?.value ?? null;
    const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
    const periods: Array<[string, string[]]> = [
      ...months.map((m): [string, string[]] => [m, [m]]),
      ...[1, 2, 3, 4].map((q): [string, string[]] => [`2024Q${q}`, months.slice(3 * q - 3, 3 * q)]),
      ['2024H1', months.slice(0, 6)],
      ['2024H2', months.slice(6)],
      ['2024', months],
    ];
    const published = new Map<string, number | null>();
    for (const [p] of periods) published.set(p, await value('bestuur', p));
    assert.equal(published.get('2024-01'), null, 'January: 3 youths');
    for (const [p, inside] of periods) {
      if (published.get(p) === null) continue;
      const hiddenInside = inside.filter((m) => published.get(m) === null);
      assert.deepEqual(hiddenInside, [], `${p} is published (${published.get(p)}) but holds hidden months`);
    }
    assert.equal(published.get('2024Q1'), null, 'Q1 holds January');
    assert.equal(published.get('2024Q2'), 3 * 53 * TARIFF, 'Q2: every month published, so is the quarter');
    // the controller sees the exact quarter, and is told that it is hidden when published
    const exact = await get<Rows>('controller', '/api/v1/indicators/cost_total?period=2024Q1&gemeente=9001');
    assert.equal(exact.rows[0]!.value, (3 + 53 + 53) * TARIFF);
    assert.equal(exact.rows[0]!.hiddenWhenPublished, true);
  });
});
