/**
 * Issue 16 points 4 and 5: every figure of the per-product-code and per-month tables checked against an
 * independent computation in plain TypeScript over the generated records (no SQL, no helper shared with
 * lens/productMonth.ts or app/productMonth.ts; its own date arithmetic and rounding), on random
 * trajectories, claims (credits, rejections, lines without a trajectory) and budgets loaded through the
 * CSV importer into a real lens. The conventions are docs/indicators.md "Per productcode en per maand".
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { monthOverview, productCodeTable, type DataTable } from './productMonth.js';

// ---- generated records ---------------------------------------------------------------------------
let seed = 20261202;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');
const dayMs = 86_400_000;
const toDay = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / dayMs;
const fromDay = (n: number) => new Date(n * dayMs).toISOString().slice(0, 10);
const monthEnd = (y: number, m: number) => fromDay(Date.UTC(y, m, 1) / dayMs - 1);

interface T {
  id: string;
  g: string;
  youth: number;
  team: string;
  agb: string;
  cat: string;
  code: string;
  ref: string;
  start: string;
  end: string | null;
  secret: boolean;
}
interface C {
  id: string;
  g: string;
  traj: string;
  agb: string;
  cat: string;
  code: string;
  from: string;
  cents: number;
  dc: 'D' | 'C';
  status: string;
}
const TEAMS: Record<string, string[]> = { '9001': ['Noord', 'Zuid'], '9002': ['Centrum'] };
const PRODUCTS: Array<[string, string]> = [
  ['45', '45A01'],
  ['45', '45B02'],
  ['43', '43D01'],
  ['53', '53G01'],
  ['40', '40C01'],
];
const trajs: T[] = [];
const claims: C[] = [];
for (let i = 0; i < 260; i++) {
  const g = rnd() < 0.7 ? '9001' : '9002';
  const [cat, code] = pick(PRODUCTS);
  const startDay = toDay('2022-01-01') + Math.floor(rnd() * 1000);
  const endDay = rnd() < 0.25 ? null : startDay + Math.floor(rnd() * 500);
  trajs.push({
    id: `P${i}`,
    g,
    youth: Math.floor(rnd() * 140), // several trajectories per youth
    team: pick(TEAMS[g]!),
    agb: pick(['11111111', '22222222', '33333333']),
    cat,
    code,
    ref: pick(['01', '01', '02', '02', '03', '04', '05', '06', '08', '']),
    start: fromDay(startDay),
    end: endDay === null ? null : fromDay(endDay),
    secret: rnd() < 0.03,
  });
}
// a youth lives in one gemeente: the gemeente of their first trajectory
const home = new Map<number, string>();
for (const t of trajs) {
  if (!home.has(t.youth)) home.set(t.youth, t.g);
  t.g = home.get(t.youth)!;
  if (!TEAMS[t.g]!.includes(t.team)) t.team = TEAMS[t.g]![0]!;
}
// a secret address belongs to the youth
const secret = new Set(trajs.filter((t) => t.secret).map((t) => t.youth));
for (const t of trajs) t.secret = secret.has(t.youth);
let k = 0;
for (const t of trajs) {
  for (let d = toDay(t.start); d <= (t.end ? toDay(t.end) : toDay('2024-12-31')) && d <= toDay('2024-12-31'); d += 31) {
    const from = fromDay(d);
    claims.push({
      id: `K${k++}`,
      g: t.g,
      traj: rnd() < 0.05 ? `X${k}` : t.id, // a few lines name no known trajectory
      agb: t.agb,
      cat: t.cat,
      code: rnd() < 0.05 ? pick(PRODUCTS)[1] : t.code,
      from,
      cents: 1000 + Math.floor(rnd() * 200_000),
      dc: rnd() < 0.05 ? 'C' : 'D',
      status: rnd() < 0.05 ? 'afgewezen' : 'toegekend',
    });
  }
}
for (const c of claims) c.cat = c.code.slice(0, 2);
const budgets: Array<[string, number, string, number]> = [
  ['9001', 2024, '6.72', 3_000_000_00],
  ['9001', 2024, '6.82', 1_000_000_00],
  ['9001', 2024, '0.1', 9_999_999_00], // not a youth line: left out
  ['9002', 2024, 'eigen post', 2_000_000_00], // no youth line at all: every line
];

// ---- the reference: plain TypeScript over the records ---------------------------------------------
const COST = (c: C) => (c.status === 'afgewezen' ? 0 : c.dc === 'C' ? -c.cents : c.cents);
const active = (t: T, s: string, e: string) => t.start <= e && (t.end === null || t.end >= s);
/** half away from zero on an exact ratio num/den × f at `dec` decimals (integers only, via BigInt) */
function ratio(num: number, den: number, f: number, dec: number): number {
  const scale = 10n ** BigInt(dec);
  const n = BigInt(num) * BigInt(f) * scale;
  const d = BigInt(den);
  const neg = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (2n * a + b) / (2n * b);
  return Number(neg ? -q : q) / Number(scale);
}
const GROUP = (r: string) =>
  r === '01'
    ? 'gemeente'
    : r === '02'
      ? 'huisarts'
      : r === '03' || r === '05'
        ? 'medisch'
        : r === '04' || r === '08'
          ? 'jeugdbescherming'
          : 'zelf_onbekend';
const GROUPS = ['gemeente', 'huisarts', 'medisch', 'jeugdbescherming', 'zelf_onbekend'];

function refProducts(gem: readonly string[], s: string, e: string, code?: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const keyOf = (cat: string, c: string, agb: string) => (code === undefined ? `${cat}|${c}` : `${cat}|${c}|${agb}`);
  const ts = trajs.filter((t) => gem.includes(t.g) && active(t, s, e) && (code === undefined || t.code === code));
  const cs = claims.filter(
    (c) => gem.includes(c.g) && c.from >= s && c.from <= e && (code === undefined || c.code === code),
  );
  const keys = new Set([...ts.map((t) => keyOf(t.cat, t.code, t.agb)), ...cs.map((c) => keyOf(c.cat, c.code, c.agb))]);
  for (const key of keys) {
    const mine = ts.filter((t) => keyOf(t.cat, t.code, t.agb) === key);
    const lines = cs.filter((c) => keyOf(c.cat, c.code, c.agb) === key);
    const ended = mine.filter((t) => t.end !== null && t.end >= s && t.end <= e);
    const days = ended.reduce((a, t) => a + toDay(t.end!) - toDay(t.start), 0);
    const started = mine.filter((t) => t.start >= s && t.start <= e);
    const cost = lines.reduce((a, c) => a + COST(c), 0);
    const clients = new Set(
      lines
        .filter((c) => c.status !== 'afgewezen')
        .map((c) => trajs.find((t) => t.id === c.traj && t.g === c.g))
        .filter((t): t is T => t !== undefined)
        .map((t) => `${t.g}|${t.youth}`),
    ).size;
    out.set(key, [
      mine.length === 0 ? 0 : new Set(mine.map((t) => `${t.g}|${t.youth}`)).size,
      mine.length,
      ended.length === 0 ? null : ratio(days, ended.length, 1, 1),
      cost / 100,
      clients === 0 ? null : ratio(cost, clients, 1, 0) / 100,
      ...GROUPS.map((g) =>
        started.length === 0 ? null : ratio(started.filter((t) => GROUP(t.ref) === g).length, started.length, 100, 3),
      ),
      ...(code === undefined ? [new Set(mine.map((t) => t.agb)).size] : []),
    ]);
  }
  return out;
}

function rowsByKey(t: DataTable, keyCols: string[], valueFrom: string): Map<string, unknown[]> {
  const idx = (key: string) => t.columns.findIndex((c) => c.key === key);
  const start = idx(valueFrom);
  return new Map(t.rows.map((r) => [keyCols.map((c) => r[idx(c)]).join('|'), r.slice(start)]));
}

describe(
  'per product code and per month against a plain-TypeScript reference (16.4, 16.5)',
  { timeout: 300_000 },
  () => {
    let db: TestDb;
    let lens: Lens;
    let dir: string;
    before(async () => {
      db = await freshStore('pglite');
      dir = tempDir('zicht-product-');
      await db.store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true), ('9002','Proefstad','R',true);
      INSERT INTO team VALUES ('9001','Noord','Noord'), ('9001','Zuid','Zuid'), ('9002','Centrum','Centrum');
      INSERT INTO provider VALUES ('11111111','Aanbieder Een','klein'), ('22222222','Aanbieder Twee','groot'), ('33333333','Aanbieder Drie','groot');`);
      const tr = [`${TRAJECTEN_HEADER};geheim_adres`];
      for (const t of trajs)
        tr.push(
          `${trajectRow({
            traject_id: t.id,
            client_id: testBsn(1000 + t.youth),
            gemeente: t.g,
            team: t.team,
            wijk: `${t.g}01`,
            aanbieder_agb: t.agb,
            productcategorie: t.cat,
            productcode: t.code,
            verwijzer: t.ref,
            aanvraagdatum: '',
            toewijzingsdatum: t.start,
            startdatum: t.start,
            einddatum: t.end ?? '',
            reden_einde: t.end ? '31' : '',
            doelrealisatie: '',
          })};${t.secret ? 'ja' : ''}`,
        );
      const cl = [
        'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
        ...claims.map(
          (c) =>
            `${c.id};${c.g};${c.traj};;${c.agb};${c.cat};${c.code};${c.from};${c.from};1;04;${Math.floor(c.cents / 100)},${pad(c.cents % 100)};${c.dc};${c.status}`,
        ),
      ];
      const bu = [
        'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro',
        ...budgets.map(([g, y, l, c]) => `${g};${y};${l};${c / 100};0`),
      ];
      for (const [name, content] of [
        ['trajecten.csv', tr.join('\n')],
        ['declaraties.csv', cl.join('\n')],
        ['budget.csv', bu.join('\n')],
      ] as const) {
        const r = await importCsvFile({ store: db.store, dataDir: dir, key: TEST_KEY }, writeCsv(dir, name, content));
        assert.equal(r.status, 'committed', `${name}: ${JSON.stringify(r.problems.slice(0, 3))}`);
      }
      await rebuildLens(db.store, dir);
      lens = await Lens.open(dir);
    });
    after(async () => {
      lens?.close();
      await db?.drop();
    });

    for (const [s, e] of [
      ['2022-01-01', '2024-12-31'],
      ['2023-01-01', '2023-12-31'],
    ] as const) {
      for (const gem of [['9001'], ['9001', '9002']]) {
        it(`per product code ${s}..${e} for ${gem.join('+')}`, async () => {
          const a = await productCodeTable(lens, {
            gemeenten: gem,
            from: s,
            to: e,
            money: true,
            published: false,
            ownProvider: null,
          });
          const got = rowsByKey(a.table, ['productCategory', 'productCode'], 'children');
          const want = refProducts(gem, s, e);
          assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
          for (const [key, w] of want) assert.deepEqual(got.get(key), w, key);
          // the category by name from JZ020
          assert.ok(a.table.rows.every((r) => typeof r[1] === 'string' && r[1] !== r[0]));
        });
      }
    }

    it('drill-down: the providers of one product code with the same measures', async () => {
      const a = await productCodeTable(lens, {
        gemeenten: ['9001', '9002'],
        from: '2022-01-01',
        to: '2024-12-31',
        productCode: '45A01',
        money: true,
        published: false,
        ownProvider: null,
      });
      const got = rowsByKey(a.table, ['productCategory', 'productCode', 'agb'], 'children');
      const want = refProducts(['9001', '9002'], '2022-01-01', '2024-12-31', '45A01');
      assert.ok(want.size >= 3);
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
      for (const [key, w] of want) assert.deepEqual(got.get(key), w, key);
      const names = a.table.rows.map((r) => r[a.table.columns.findIndex((c) => c.key === 'providerName')]);
      assert.ok(names.includes('Aanbieder Een'));
    });

    const names = new Map([
      ['9001', 'Testdorp'],
      ['9002', 'Proefstad'],
    ]);
    function refMonths(g: string, team: string | null, m: number) {
      const s = `2024-${pad(m)}-01`;
      const e = monthEnd(2024, m);
      const inTeam = (t: T | undefined) =>
        t !== undefined && (team === null || (team === '-' ? false : t.team === team));
      const youths = new Set(trajs.filter((t) => t.g === g && active(t, s, e) && inTeam(t)).map((t) => t.youth)).size;
      const cost = (from: string) =>
        claims
          .filter((c) => c.g === g && c.from >= from && c.from <= e)
          .filter((c) => team === null || inTeam(trajs.find((t) => t.id === c.traj && t.g === c.g)))
          .reduce((a, c) => a + COST(c), 0);
      return { youths, month: cost(s), ytd: cost('2024-01-01') };
    }

    it('per month: per gemeente and team, youths in care, cost, budget used and left', async () => {
      const { answer } = await monthOverview(lens, {
        gemeenten: ['9001', '9002'],
        year: 2024,
        month: 6,
        team: null,
        clients: false,
        published: false,
        lastMonth: 12,
        gemeenteNames: names,
      });
      const budget = { '9001': 4_000_000_00, '9002': 2_000_000_00 } as Record<string, number>;
      for (const [g, teams] of Object.entries(TEAMS)) {
        for (const team of [null, ...teams]) {
          for (let m = 1; m <= 12; m++) {
            const row = answer.table.rows.find(
              (r) => r[0] === names.get(g) && r[1] === (team ?? 'hele gemeente') && r[2] === `2024-${pad(m)}`,
            );
            assert.ok(row, `${g} ${team} ${m}`);
            const w = refMonths(g, team, m);
            const b = team === null ? budget[g]! : null;
            assert.deepEqual(
              row.slice(3),
              [
                w.youths,
                w.month / 100,
                w.ytd / 100,
                b === null ? null : b / 100,
                b === null ? null : ratio(w.ytd, b, 100, 3),
                b === null ? null : (b - w.ytd) / 100,
                g, // the gemeente's code, for the CSV's gemeente_code (docs/downloads.md)
              ],
              `${g} ${team} ${m}`,
            );
          }
        }
      }
    });

    it('per month for a team: only that team; clients of the team without secret addresses', async () => {
      const { answer, subjects } = await monthOverview(lens, {
        gemeenten: ['9001'],
        year: 2024,
        month: 3,
        team: { gemeente: '9001', code: 'Zuid' },
        clients: true,
        published: false,
        lastMonth: 12,
        gemeenteNames: names,
      });
      assert.ok(answer.table.rows.length === 12 && answer.table.rows.every((r) => r[1] === 'Zuid'));
      const s = '2024-03-01';
      const e = '2024-03-31';
      const mine = trajs.filter((t) => t.g === '9001' && t.team === 'Zuid' && !t.secret);
      const want = new Map<number, { inCare: boolean; month: number; ytd: number }>();
      for (const t of mine) {
        const w = want.get(t.youth) ?? { inCare: false, month: 0, ytd: 0 };
        w.inCare ||= active(t, s, e);
        for (const c of claims.filter((c) => c.g === t.g && c.traj === t.id && c.from >= '2024-01-01' && c.from <= e)) {
          w.ytd += COST(c);
          if (c.from >= s) w.month += COST(c);
        }
        want.set(t.youth, w);
      }
      const listed = [...want.entries()].filter(
        ([y, w]) =>
          w.inCare ||
          claims.some((c) => c.from >= s && c.from <= e && mine.some((t) => t.youth === y && t.id === c.traj)),
      );
      assert.equal(answer.clients!.rows.length, listed.length);
      assert.equal(subjects.length, listed.length);
      const got = answer.clients!.rows.map((r) => [r[3], r[4], r[5]].join('|')).sort();
      const exp = listed.map(([, w]) => [w.inCare ? 'ja' : 'nee', w.month / 100, w.ytd / 100].join('|')).sort();
      assert.deepEqual(got, exp);
    });
  },
);
