/**
 * Issue 13.5: disclosure control cannot be undone. Every GET endpoint of the running app (from its
 * route table) and every report kind and format (from the report registry) is requested as bestuur
 * and as aanbieder, and every number in the answer is checked: counts a multiple of 5 and at least
 * 10 (or suppressed), rates and other derived figures at most one decimal, no numerator/denominator
 * pair beside a rate, no other provider's key for an aanbieder. Nothing here lists endpoints by hand:
 * path parameters come from the catalogue, the route schema's enums and the app's own listings.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login as loginOnce, serverFixture, type ServerFixture } from '../testing/server.js';
import { routeTable, type RouteInfo } from './disclosureStep.js';
import { INDICATORS, findIndicator } from '../indicators/catalogue.js';
import { PERIOD_OF } from '../reports/schedule.js';
import { cellUnit } from '../reports/format.js';
import type { Column } from '../reports/model.js';

const PERIOD = '2024H1';
/** Fields that are not counts of persons or trajectories (identifiers, years, published CBS figures, shares). */
const NOT_COUNTS = new Set([
  'id',
  'year',
  'baseYear',
  'k',
  'members',
  'sizeClass',
  'score',
  'inhabitants',
  'sesDecile',
  'povertyDecile',
  'index',
  'burdenIndex',
  'pct',
  'pctBase',
  'pctWithResidence',
  'expected',
  'lower',
  'upper',
  'distance',
  'burdenPerUser',
  'burdenPerInhabitant',
  'share',
  'populationShare',
  'actual',
  'years',
  // pilots and projects the gemeente runs, each listed by name in the same answer (issue 21): not persons
  'runningPilots',
  'pilotsOnTrack',
  'sharePilotsOnTrack',
]);
/** Model statistics of the benchmark, fitted on published CBS figures of all gemeenten: at most three decimals. */
const MODEL = 'models';

const decimals = (v: number) => (Number.isInteger(v) ? 0 : (String(v).split('.')[1]?.length ?? 0));

interface Problem {
  where: string;
  what: string;
}

function checkNumber(v: unknown, unit: string, where: string, out: Problem[]): void {
  if (typeof v !== 'number') return;
  if (unit === 'aantal') {
    if (v % 5 !== 0 || Math.abs(v) < 10) out.push({ where, what: `count ${v} not a multiple of 5 of at least 10` });
  } else if (unit === 'euro') {
    if (!Number.isInteger(v)) out.push({ where, what: `amount ${v} not in whole euros` });
  } else if (unit === 'prijs') {
    // a price per unit (a tariff, an effective price over 10 or more youths): to the cent (reports/format.ts Column)
    if (decimals(v) > 2) out.push({ where, what: `price ${v} more precise than a cent` });
  } else if (unit === 'fractie') {
    if (decimals(v) > 3) out.push({ where, what: `share ${v} more precise than 0.1%` });
  } else if (decimals(v) > 1) out.push({ where, what: `${unit} ${v} with more than one decimal` });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Walks an answer and reports every number that breaks a rule. */
function checkJson(
  v: unknown,
  where: string,
  out: Problem[],
  unit: string | null = null,
  key: string | null = null,
): void {
  // words next to the figures must not carry the exact counts either ("(3 van 17)", "1.234 regels")
  if (typeof v === 'string' && /\(\d[\d.]* (van|of) \d[\d.]*\)|\d regels/.test(v))
    out.push({ where, what: `counts in text: ${v}` });
  if (typeof v === 'number') {
    const u =
      unit === MODEL || key === 'growth'
        ? 'fractie'
        : unit === 'cent' || key?.endsWith('Cents')
          ? 'cent'
          : key !== null && (NOT_COUNTS.has(key) || key.endsWith('Year'))
            ? key === 'share' || key === 'populationShare'
              ? 'fractie'
              : 'vrij'
            : (unit ?? 'aantal');
    if (u === 'cent') {
      if (v % 100 !== 0) out.push({ where, what: `amount ${v} cent not in whole euros` });
      return;
    }
    if (u === 'vrij') {
      if (decimals(v) > 1) out.push({ where, what: `${key} ${v} with more than one decimal` });
      return;
    }
    checkNumber(v, u, where, out);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) =>
      checkJson(x, `${where}[${i}]`, out, key === MODEL ? MODEL : unit, typeof x === 'number' ? key : null),
    );
    return;
  }
  if (!isObj(v)) return;
  if (typeof v.unit === 'string' && 'value' in v && 'numerator' in v && 'denominator' in v) {
    // a price per hour or day (effective_price) keeps its cents: it is no amount per person (red team 32)
    const perVolume = typeof v.indicator === 'string' && findIndicator(v.indicator)?.definition.perVolume === true;
    checkNumber(v.value, perVolume ? 'prijs' : v.unit, `${where}.value`, out);
    if (v.unit === 'aantal') {
      checkNumber(v.numerator, 'aantal', `${where}.numerator`, out);
      checkNumber(v.denominator, 'aantal', `${where}.denominator`, out);
    } else if (v.numerator !== null || v.denominator !== null) {
      out.push({
        where,
        what: `numerator/denominator ${String(v.numerator)}/${String(v.denominator)} beside a ${v.unit} of ${String(v.value)}`,
      });
    }
    return;
  }
  if (Array.isArray(v.columns) && Array.isArray(v.rows)) {
    const columns = v.columns as Column[];
    (v.rows as unknown[][]).forEach((row, r) =>
      row.forEach((cell, i) => {
        if (typeof cell !== 'number' || !columns[i]) return;
        const u = cellUnit(columns, row as never, i);
        checkNumber(
          cell,
          columns[i]!.published ? (u === 'euro' ? 'euro' : 'vrij-1') : u,
          `${where}.rows[${r}][${i}] (${columns[i]!.label})`,
          out,
        );
      }),
    );
    return;
  }
  if (typeof v.unit === 'string' && Array.isArray(v.series)) {
    (v.series as Array<{ values: unknown[] }>).forEach((s, i) =>
      s.values.forEach((x, j) => checkNumber(x, String(v.unit), `${where}.series[${i}][${j}]`, out)),
    );
    return;
  }
  if (typeof v.numerator === 'number' && typeof v.denominator === 'number')
    out.push({ where, what: `numerator/denominator pair ${v.numerator}/${v.denominator}` });
  const own = typeof v.indicator === 'string' ? (findIndicator(v.indicator)?.definition.unit ?? unit) : unit;
  for (const [k, x] of Object.entries(v)) {
    const valueField = ['value', 'current', 'target', 'baseline', 'projected', 'slopePerPeriod'].includes(k);
    checkJson(
      x,
      `${where}.${k}`,
      out,
      unit === MODEL || k === MODEL
        ? MODEL
        : k.endsWith('Cents') && isObj(x)
          ? 'cent'
          : valueField
            ? own
            : isObj(x) || Array.isArray(x)
              ? own
              : null,
      k,
    );
  }
}

/** Every number in a workbook must be one the (checked) JSON model of the same report shows. */
async function checkExcel(
  buf: Buffer,
  allowed: Set<number>,
  foreign: readonly string[],
  where: string,
  out: Problem[],
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  wb.eachSheet((ws) =>
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (typeof cell.value === 'number' && !allowed.has(cell.value))
          out.push({ where: `${where} ${ws.name}!R${r}C${c}`, what: `number ${cell.value} not in the checked report` });
        const text = typeof cell.value === 'string' ? cell.value : '';
        for (const x of foreign)
          if (text.includes(x)) out.push({ where: `${where} ${ws.name}!R${r}C${c}`, what: `other provider ${x}` });
      }),
    ),
  );
}

function numbersIn(v: unknown, into = new Set<number>()): Set<number> {
  if (typeof v === 'number') into.add(v);
  else if (Array.isArray(v)) v.forEach((x) => numbersIn(x, into));
  else if (isObj(v)) Object.values(v).forEach((x) => numbersIn(x, into));
  return into;
}

onOneBackend('disclosure control on every answer and export (13.5)', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let providers: Array<{ agb: string; name: string }> = [];
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    providers = await db.store.query<{ agb: string; name: string }>('SELECT agb, name FROM provider');
    // what an analist leaves behind for bestuur: an external explanation (with its stored value), a goal,
    // saved external reports of every kind
    const cookie = await login(f, 'analist');
    const post = async (url: string, payload: unknown) => {
      const res = await f.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
      assert.ok(res.statusCode < 300, `${url}: ${res.body}`);
    };
    await post('/api/v1/narratives', {
      indicator: 'youth_in_care',
      gemeente: '9001',
      period: PERIOD,
      body: 'Meer jeugdigen door de wachtlijst.',
      visibility: 'extern',
    });
    await post('/api/v1/narratives', {
      indicator: 'dropout',
      gemeente: '9001',
      period: '2024H2',
      body: 'Uitval onder de loep.',
      visibility: 'extern',
    });
    await post('/api/v1/business-cases', {
      gemeente: '9001',
      title: 'Jeugd- en gezinsteam',
      baselineYear: 2023,
      startYear: 2024,
      intensities: ['A', 'B'],
      investmentCents: { 2024: 12_345_67 },
      targetSavingsCents: { 2024: 5_432_10 },
    });
    await post('/api/v1/goals', {
      gemeente: '9001',
      indicator: 'youth_in_care',
      title: 'Minder jeugdigen in zorg',
      target: 12,
      deadline: '2026-12-31',
    });
    for (const k of Object.keys(PERIOD_OF)) {
      for (const format of ['xlsx', 'pdf']) {
        await post('/api/v1/report-schedules', {
          name: `s-${k}-${format}`,
          kind: k,
          gemeente: '9001',
          aanbieder: '11111111',
          extern: true,
          format,
        });
        await post(`/api/v1/report-schedules/s-${k}-${format}/run`, {});
      }
    }
  });
  /** a log-in per test: the clock moves on a TOTP step so a code is never used twice */
  const login = (fx: ServerFixture, user: string) => {
    fx.clock.now = new Date(fx.clock.now.getTime() + 30_000);
    return loginOnce(fx, user);
  };
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  /** The URLs to try for one route: path parameters from the catalogue, the schema and the app's listings. */
  async function urlsFor(r: RouteInfo, cookie: string, agb: string): Promise<string[]> {
    let paths = [r.url];
    if (r.url.includes(':name/:period')) {
      const list = (
        await f.app.inject({ method: 'GET', url: '/api/v1/report-schedules', headers: { cookie } })
      ).json() as Array<{ files: Array<{ url: string }> }>;
      paths = list.flatMap((s) => s.files.map((x) => x.url));
    }
    for (const [param, schema] of Object.entries(r.params?.properties ?? {})) {
      const values: string[] = schema.enum
        ? schema.enum.map(String)
        : param === 'id'
          ? INDICATORS.map((i) => i.definition.id)
          : param === 'gemeente'
            ? ['9001']
            : param === 'traject'
              ? ['T0']
              : param === 'period'
                ? [PERIOD]
                : [];
      paths = paths.flatMap((p) => (p.includes(`:${param}`) ? values.map((v) => p.replace(`:${param}`, v)) : [p]));
    }
    const q = r.querystring?.properties ?? {};
    const required = new Set(r.querystring?.required ?? []);
    const out: string[] = [];
    for (const p of paths) {
      let variants: Array<Record<string, string>> = [{}];
      const add = (name: string, values: string[]) => {
        variants = variants.flatMap((v) => values.map((x) => ({ ...v, [name]: x })));
      };
      if (q.period) add('period', required.has('period') ? [PERIOD, '2024H2'] : ['', PERIOD]);
      if (q.gemeente) add('gemeente', required.has('gemeente') ? ['9001'] : ['', '9001']);
      if (q.aanbieder) add('aanbieder', [agb]);
      if (q.format?.enum) add('format', q.format.enum.map(String));
      if (q.by) {
        const id = /\/api\/v1\/indicators\/([a-z0-9_]+)$/.exec(p)?.[1];
        add('by', ['', ...(id ? (findIndicator(id)?.definition.dimensions ?? []) : [])]);
      }
      for (const v of variants) {
        const qs = Object.entries(v)
          .filter(([, x]) => x !== '')
          .map(([k, x]) => `${k}=${encodeURIComponent(x)}`)
          .join('&');
        out.push(qs ? `${p}?${qs}` : p);
      }
    }
    return out;
  }

  for (const user of ['bestuur', 'aanbieder1', 'aanbieder2']) {
    it(`every answer and export for ${user} passes disclosure control`, async () => {
      const cookie = await login(f, user);
      const own = f.accounts.get(user)!.role === 'aanbieder' ? f.accounts.get(user)!.key : null;
      // another provider's AGB code or name, anywhere in an answer or workbook
      const foreign = own ? providers.filter((p) => p.agb !== own).flatMap((p) => [p.agb, p.name]) : [];
      const problems: Problem[] = [];
      let answered = 0;
      const excels: Array<[string, Buffer]> = [];
      // data routes only: public routes (log-in, health, API documentation) hold no figures by definition
      for (const r of routeTable(f.app).filter(
        (x) => x.method === 'GET' && x.action !== undefined && x.action !== 'public',
      )) {
        for (const url of await urlsFor(r, cookie, own ?? '11111111')) {
          const res = await f.app.inject({ method: 'GET', url, headers: { cookie } });
          if (res.statusCode !== 200) continue;
          answered++;
          const type = String(res.headers['content-type']);
          if (own) {
            for (const p of foreign) {
              if (type.includes('json') && res.body.includes(p))
                problems.push({ where: url, what: `other provider ${p} shown to aanbieder ${own}` });
            }
          }
          if (type.includes('json')) {
            const body = res.json();
            checkJson(body, url, problems);
          } else if (type.includes('spreadsheetml')) excels.push([url, res.rawPayload]);
        }
      }
      for (const [url, buf] of excels) {
        // every number of a workbook must be one of the JSON model of the same report (kind, period), itself checked above
        const live = /\/api\/v1\/reports\/([a-z]+)\?(.*)$/.exec(url);
        const saved = /\/api\/v1\/report-schedules\/s-([a-z]+)-xlsx\/([0-9HQ-]+)$/.exec(url);
        const kindOf = live?.[1] ?? saved?.[1];
        const period = live ? new URLSearchParams(live[2]).get('period') : saved?.[2];
        const json = await f.app.inject({
          method: 'GET',
          url: `/api/v1/reports/${kindOf}?gemeente=9001&period=${period}&aanbieder=${own ?? '11111111'}&format=json`,
          headers: { cookie },
        });
        assert.equal(json.statusCode, 200, `${url}: ${json.body}`);
        checkJson(json.json(), `${url} (json)`, problems);
        await checkExcel(buf, numbersIn(json.json()), foreign, url, problems);
      }
      assert.ok(answered > 50, `only ${answered} answers: the sweep reached too little`);
      assert.deepEqual(problems.slice(0, 40), [], `${problems.length} figures break disclosure control`);
    });
  }

  it('leaves the API description as it is for bestuur (it holds limits, not figures)', async () => {
    const cookie = await login(f, 'bestuur');
    const docs = (
      await f.app.inject({ method: 'GET', url: '/api/v1/docs/json', headers: { cookie } })
    ).json() as object;
    const anon = (await f.app.inject({ method: 'GET', url: '/api/v1/docs/json' })).json() as object;
    assert.deepEqual(docs, anon);
  });

  it('lists providers in the order of their published counts, ties by AGB: the order tells nothing the rounding hides (red team 16)', async () => {
    const cookie = await login(f, 'bestuur');
    const list = (
      await f.app.inject({ method: 'GET', url: '/api/v1/providers?gemeente=9001', headers: { cookie } })
    ).json() as Array<{ agb: string; trajectories: number | null }>;
    assert.ok(list.length >= 2, JSON.stringify(list));
    const shown = list.map((r) => [r.trajectories ?? -1, r.agb] as const);
    const expected = [...shown].sort((a, b) => b[0] - a[0] || a[1].localeCompare(b[1]));
    assert.deepEqual(shown, expected);
    assert.ok(
      list.every((r) => r.trajectories === null || r.trajectories % 5 === 0),
      'published counts are multiples of 5',
    );
  });

  it('an explanation shows its stored value only as published, never the exact pair', async () => {
    const cookie = await login(f, 'bestuur');
    const list = (
      await f.app.inject({ method: 'GET', url: '/api/v1/narratives', headers: { cookie } })
    ).json() as Array<{
      indicator: string;
      valueSnapshot: Record<string, number | null>;
    }>;
    const snap = list.find((n) => n.indicator === 'youth_in_care')!.valueSnapshot;
    assert.equal(snap.value, 15, 'the exact 16 is published as 15');
    assert.equal(list.find((n) => n.indicator === 'dropout')!.valueSnapshot.numerator ?? null, null);
  });

  it('an aanbieder reads no other provider through a split by aanbieder, but keeps the regional total', async () => {
    const cookie = await login(f, 'aanbieder1');
    const res = await f.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/dropout?period=2024H2&by=aanbieder',
      headers: { cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    const rows = (res.json() as { rows: Array<{ key: string | null }> }).rows;
    assert.ok(rows.length > 0 && rows.every((r) => r.key === '11111111'), JSON.stringify(rows));
    const total = (
      await f.app.inject({ method: 'GET', url: '/api/v1/indicators/dropout?period=2024H2', headers: { cookie } })
    ).json() as { rows: Array<{ key: string | null }> };
    assert.ok(
      total.rows.some((r) => r.key === null),
      'regional totals stay',
    );
  });
});
