/**
 * The real StatLine tables of the default mapping (docs/cbs.md), each as a fixture in the OData v3
 * shape CBS serves: TableInfos, DataProperties, one entity set per dimension, TypedDataSet with
 * space-padded keys, null for ".", starred (voorlopig) and double-starred (nader voorlopig) periods.
 * A small OData server in the test serves them from two catalogues (StatLine and Iv3 dataderden);
 * `zicht cbs sync` fetches them, the importer reads the mirror, and the benchmark gives its figures
 * with the default mapping, unedited. Bad input first: what is missing at CBS is named.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import { rebuildLens } from '../../lens/build.js';
import { Lens } from '../../lens/lens.js';
import { tempDir } from '../../testing/fixtures.js';
import { benchmark } from '../../benchmark/benchmark.js';
import { parseReference } from '../../benchmark/groups.js';
import { DEFAULT_MAPPING } from '../../benchmark/mapping.js';
import { parsePeriod } from '../../domain/periods.js';
import { findCbsTables, importCbsTable } from './mirror.js';
import { syncCbs, tablesToSync } from './sync.js';

type Row = Record<string, unknown>;
interface Table {
  readonly infos: Row;
  readonly props: Row[];
  readonly dims: Record<string, Row[]>;
  readonly data: Row[];
}

/** Twelve real gemeenten: code, name, inhabitants 2023, median standardised income (x 1 000 euro). */
const G: Array<[string, string, number, number]> = [
  ['0363', 'Amsterdam', 918_117, 33.9],
  ['0599', 'Rotterdam', 664_311, 29.4],
  ['0518', "'s-Gravenhage", 552_995, 31.2],
  ['0344', 'Utrecht', 367_984, 34.8],
  ['0014', 'Groningen', 238_147, 28.6],
  ['0772', 'Eindhoven', 243_730, 32.1],
  ['0855', 'Tilburg', 227_101, 31.0],
  ['0202', 'Arnhem', 166_135, 30.1],
  ['0268', 'Nijmegen', 182_124, 30.8],
  ['0193', 'Zwolle', 132_411, 34.0],
  ['0150', 'Deventer', 102_239, 32.7],
  ['0935', 'Maastricht', 122_378, 29.9],
];
const gm = (code: string, width: number) => `GM${code}`.padEnd(width);
const props = (...p: Array<[string, string, string?, string?]>): Row[] =>
  p.map(([Type, Key, Unit, Datatype], ID) => ({
    'odata.type': `Cbs.OData.${Type}`,
    ID,
    Position: ID,
    ParentID: null,
    Type,
    Key,
    Title: Key,
    Description: null,
    ...(Type === 'Topic'
      ? { Unit: Unit ?? 'aantal', Decimals: 0, Default: 'Impossible', Datatype: Datatype ?? 'Long' }
      : {}),
  }));
const infos = (id: string, title: string, period: string): Row => ({
  ID: 1,
  Identifier: id,
  Title: title,
  ShortTitle: title,
  Period: period,
  Frequency: 'Perjaar',
  Status: 'Regulier',
  Language: 'nl',
  Catalog: 'CBS',
});
const regioS = (width: number) => [
  { Key: 'NL01'.padEnd(width), Title: 'Nederland', Description: null, CategoryGroupID: 1 },
  ...G.map(([c, n]) => ({ Key: gm(c, width), Title: n, Description: null, CategoryGroupID: 2 })),
];

/** % jeugdhulp zonder verblijf of a gemeente in a half-year: a fixed pattern, Groningen (0014) unknown in 2024HJ01. */
const pctZonder = (i: number, period: string): number | null =>
  period === '2024HJ01' && G[i]![0] === '0014'
    ? null
    : Math.round((8 + i * 0.4 + (period.startsWith('2017') ? 0 : 1.2)) * 10) / 10;
const YEARS = ['2017JJ00', '2023JJ00'];

function jeugdzorg(): Table {
  const periods = [
    { Key: '2017HJ01', Title: '1e halfjaar 2017', Status: 'Definitief' },
    { Key: '2017JJ00', Title: '2017', Status: 'Definitief' },
    { Key: '2023HJ01', Title: '1e halfjaar 2023', Status: 'Definitief' },
    { Key: '2023HJ02', Title: '2e halfjaar 2023**', Status: 'NaderVoorlopig' },
    { Key: '2023JJ00', Title: '2023**', Status: 'NaderVoorlopig' },
    { Key: '2024HJ01', Title: '1e halfjaar 2024*', Status: 'Voorlopig' },
  ];
  const forms = [
    { Key: 'A045561', Title: 'JZ Totaal jeugdzorg' },
    { Key: 'A042503', Title: 'JH 121 Totaal jeugdhulp zonder verblijf' },
    { Key: 'A027918', Title: 'JH 122 Totaal jeugdhulp met verblijf' },
  ];
  const data: Row[] = [];
  const regions = [{ code: 'NL01', i: -1, inh: 17_900_000 }, ...G.map(([code, , inh], i) => ({ code, i, inh }))];
  for (const f of forms)
    for (const { code, i, inh } of regions)
      for (const p of periods) {
        const half = p.Key.includes('HJ');
        const pct =
          i < 0
            ? 8.9
            : f.Key === 'A042503'
              ? half
                ? pctZonder(i, p.Key)
                : null
              : f.Key === 'A027918'
                ? 0.8 + i * 0.05
                : 10 + i * 0.3;
        const count = pct === null ? null : Math.round((inh * 0.22 * pct) / 100);
        data.push({
          ID: data.length,
          VormenVanJeugdzorg: f.Key,
          RegioS: code === 'NL01' ? 'NL01    ' : gm(code, 8),
          Perioden: p.Key,
          JongerenMetJeugdzorg_1: count,
          JongerenMetJeugdzorgRelatief_2: pct,
          Jeugdzorgtrajecten_3: null,
        });
      }
  return {
    infos: infos('85099NED', 'Kerncijfers over jeugdzorg', '2015-2024'),
    props: props(
      ['Dimension', 'VormenVanJeugdzorg'],
      ['GeoDimension', 'RegioS'],
      ['TimeDimension', 'Perioden'],
      ['Topic', 'JongerenMetJeugdzorg_1', 'aantal'],
      ['Topic', 'JongerenMetJeugdzorgRelatief_2', '% bepaalde leeftijdsklasse', 'Double'],
      ['Topic', 'Jeugdzorgtrajecten_3', 'aantal'],
    ),
    dims: { VormenVanJeugdzorg: forms, RegioS: regioS(8), Perioden: periods },
    data,
  };
}

function kerncijfers(): Table {
  const periods = YEARS.map((k) => ({ Key: k, Title: k.slice(0, 4), Status: 'Definitief' }));
  const data = [
    ...G.flatMap(([code, , inh], i) =>
      YEARS.map((p) => ({
        RegioS: gm(code, 8),
        Perioden: p,
        TotaleBevolking_1: p === '2017JJ00' ? inh - 10_000 : inh,
        KoppelvariabeleRegioCode_306: `GM${code}`,
        Bevolkingsdichtheid_57: i === 0 ? null : 1000 + i,
      })),
    ),
    {
      RegioS: 'NL01    ',
      Perioden: '2023JJ00',
      TotaleBevolking_1: 17_942_942,
      KoppelvariabeleRegioCode_306: 'NL01',
      Bevolkingsdichtheid_57: 532,
    },
  ].map((r, ID) => ({ ID, ...r }));
  return {
    infos: infos('70072NED', 'Regionale kerncijfers Nederland', '1995-2024'),
    props: props(
      ['GeoDimension', 'RegioS'],
      ['TimeDimension', 'Perioden'],
      ['TopicGroup', 'Bevolking'],
      ['Topic', 'TotaleBevolking_1', 'aantal'],
      ['Topic', 'Bevolkingsdichtheid_57', 'aantal inwoners per km²'],
      ['Topic', 'KoppelvariabeleRegioCode_306', '', 'String'],
    ),
    dims: { RegioS: regioS(8), Perioden: periods },
    data,
  };
}

function inkomen(): Table {
  const hh = [
    { Key: '1050010', Title: 'Totaal particuliere huishoudens' },
    { Key: '1050015', Title: 'Eenpersoonshuishouden' },
  ];
  const data = G.flatMap(([code, , , med]) =>
    hh.map((h) => ({
      Populatie: '1050010',
      KenmerkenVanHuishoudens: h.Key,
      RegioS: gm(code, 8),
      Perioden: '2023JJ00',
      ParticuliereHuishoudens_1: 100.5,
      MediaanGestandaardiseerdInkomen_4: h.Key === '1050010' ? med : med - 8,
    })),
  ).map((r, ID) => ({ ID, ...r }));
  return {
    infos: infos('86161NED', 'Inkomen van huishoudens; huishoudenskenmerken, regio (indeling 2025)', '2011-2023'),
    props: props(
      ['Dimension', 'Populatie'],
      ['Dimension', 'KenmerkenVanHuishoudens'],
      ['GeoDimension', 'RegioS'],
      ['TimeDimension', 'Perioden'],
      ['Topic', 'ParticuliereHuishoudens_1', 'x 1 000', 'Double'],
      ['Topic', 'MediaanGestandaardiseerdInkomen_4', '1 000 euro', 'Double'],
    ),
    dims: {
      Populatie: [{ Key: '1050010', Title: 'Particuliere huishoudens incl. studenten' }],
      KenmerkenVanHuishoudens: hh,
      RegioS: regioS(8),
      Perioden: [{ Key: '2023JJ00', Title: '2023*', Status: 'Voorlopig' }],
    },
    data,
  };
}

function kosten(): Table {
  const data = G.map(([code], i) => ({
    ID: i,
    VormenVanJeugdzorg: 'A045561',
    Perioden: '2023JJ00',
    Regio: gm(code, 8),
    BegroteKosten_1: i === 3 ? null : 40_000 + i,
    GerealiseerdeKosten_2: 41_000 + i,
  }));
  return {
    infos: infos('83454NED', 'Gemeentelijke kosten; jeugdzorg, regio', '2015-2023'),
    props: props(
      ['Dimension', 'VormenVanJeugdzorg'],
      ['TimeDimension', 'Perioden'],
      ['GeoDimension', 'Regio'],
      ['Topic', 'BegroteKosten_1', '1 000 euro'],
      ['Topic', 'GerealiseerdeKosten_2', '1 000 euro'],
    ),
    dims: {
      VormenVanJeugdzorg: [{ Key: 'A045561', Title: 'JZ Totaal jeugdzorg' }],
      Perioden: [{ Key: '2023JJ00', Title: '2023*', Status: 'Voorlopig' }],
      Regio: G.map(([c, n]) => ({ Key: gm(c, 8), Title: n })),
    },
    data,
  };
}

/** Kerncijfers wijken en buurten 2023: no period dimension, gemeente and wijk rows, keys padded to 10. */
function wijken(): Table {
  const areas = G.slice(0, 2).flatMap(([c, n]) => [
    { Key: gm(c, 10), Title: n },
    { Key: `WK${c}00`.padEnd(10), Title: `Wijk 00 ${n}` },
  ]);
  const data = areas.map((a, ID) => ({
    ID,
    WijkenEnBuurten: a.Key,
    Gemeentenaam_1: a.Title.replace('Wijk 00 ', '').padEnd(40),
    SoortRegio_2: (a.Key.startsWith('GM') ? 'Gemeente' : 'Wijk').padEnd(10),
    Codering_3: a.Key,
    AantalInwoners_5: a.Key.startsWith('GM') ? 900_000 - ID : 80_000 + ID,
    k_0Tot15Jaar_8: a.Key.startsWith('GM') ? null : 12_000,
  }));
  return {
    infos: infos('85618NED', 'Kerncijfers wijken en buurten 2023', '2023'),
    props: props(
      ['GeoDimension', 'WijkenEnBuurten'],
      ['Topic', 'Gemeentenaam_1', '', 'String'],
      ['Topic', 'SoortRegio_2', '', 'String'],
      ['Topic', 'Codering_3', '', 'String'],
      ['Topic', 'AantalInwoners_5', 'aantal'],
      ['Topic', 'k_0Tot15Jaar_8', 'aantal'],
    ),
    dims: { WijkenEnBuurten: areas },
    data,
  };
}

/** Iv3 per verslagjaar on dataderden: lasten in thousands of euros; Maastricht (0935) has no accounts. */
function iv3(id: string, year: number): Table {
  const kinds = year === 2017 ? ['2017X000'] : [`${year}X000`, `${year}X005`];
  const lines = year >= 2023 ? ['6.72a', '6.73b', '6.82a'] : ['6.72', '6.82'];
  const data: Row[] = [];
  for (const [i, [code]] of G.entries())
    for (const v of kinds)
      for (const t of lines)
        for (const c of ['L1.1', 'B1.1']) {
          if (code === '0935') continue;
          data.push({
            ID: data.length,
            Gemeenten: gm(code, 9),
            TaakveldBalanspost: t.padEnd(7),
            Categorie: c.padEnd(6),
            Verslagsoort: v,
            k_1ePlaatsing_1: c.startsWith('B') ? 500 : 10_000 + i * 1000 + (v.endsWith('5') ? 700 : 0),
            k_2ePlaatsing_2: null,
          });
        }
  return {
    infos: infos(id, `Iv3 gemeenten ${year}`, String(year)),
    props: props(
      ['GeoDimension', 'Gemeenten'],
      ['Dimension', 'TaakveldBalanspost'],
      ['Dimension', 'Categorie'],
      ['Dimension', 'Verslagsoort'],
      ['Topic', 'k_1ePlaatsing_1', 'x 1 000 euro'],
      ['Topic', 'k_2ePlaatsing_2', 'x 1 000 euro'],
    ),
    dims: {
      Gemeenten: G.map(([c, n]) => ({ Key: gm(c, 9), Title: n })),
      TaakveldBalanspost: lines.map((t) => ({ Key: t.padEnd(7), Title: t })),
      Categorie: ['L1.1', 'B1.1'].map((c) => ({ Key: c.padEnd(6), Title: c })),
      Verslagsoort: kinds.map((k) => ({ Key: k, Title: k })),
    },
    data,
  };
}

/** An OData v3 server for both catalogues; `tables` is keyed "<catalogue>/<table id>". */
function odataServer(tables: Map<string, Table>): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    seen.push(u.pathname);
    const [, catalog, , , id, set] = u.pathname.split('/'); // /<catalogue>/ODataApi/odata/<table>/<set>
    const t = tables.get(`${catalog}/${id}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!t) return send(404, { 'odata.error': { code: '', message: { lang: 'nl', value: 'Resource not found' } } });
    const value =
      set === 'TableInfos'
        ? [t.infos]
        : set === 'DataProperties'
          ? t.props
          : set === 'TypedDataSet'
            ? t.data
            : t.dims[set!];
    if (!value) return send(404, {});
    const skip = Number(u.searchParams.get('$skip') ?? 0);
    const top = Number(u.searchParams.get('$top') ?? 10_000);
    send(200, {
      'odata.metadata': `http://x/${id}/$metadata#Cbs.OData.WebAPI.${set}`,
      value: value.slice(skip, skip + top),
    });
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }),
    ),
  );
}

const REAL = (): Map<string, Table> =>
  new Map([
    ['opendata/85099NED', jeugdzorg()],
    ['opendata/70072NED', kerncijfers()],
    ['opendata/86161NED', inkomen()],
    ['opendata/83454NED', kosten()],
    ['opendata/85618NED', wijken()],
    ['dataderden/45063NED', iv3('45063NED', 2023)],
    ['dataderden/45038NED', iv3('45038NED', 2017)],
  ]);

describe('zicht cbs sync: what is missing at CBS is named', () => {
  let srv: Awaited<ReturnType<typeof odataServer>>;
  before(async () => {
    const tables = REAL();
    tables.delete('opendata/85099NED'); // CBS renumbered the jeugdzorg table
    const renamed = kerncijfers();
    renamed.props.find((p) => p.Key === 'TotaleBevolking_1')!.Key = 'TotaleBevolking_2';
    tables.set('opendata/70072NED', renamed);
    const income = inkomen();
    income.dims.KenmerkenVanHuishoudens = income.dims.KenmerkenVanHuishoudens!.filter((k) => k.Key !== '1050010');
    tables.set('opendata/86161NED', income);
    tables.delete('dataderden/45063NED');
    tables.set('opendata/45063NED', iv3('45063NED', 2023)); // on the wrong catalogue: must not be found
    srv = await odataServer(tables);
  });
  after(() => srv.server.close());

  it('reports a missing table, a renamed topic, an unknown dimension value and a year without a table', async () => {
    const dir = tempDir('zicht-cbssync-bad-');
    const r = await syncCbs(DEFAULT_MAPPING, {
      year: 2023,
      toDir: join(dir, 'spiegel'),
      baseUrls: { opendata: `${srv.url}/opendata/ODataApi/odata`, dataderden: `${srv.url}/dataderden/ODataApi/odata` },
      backoffMs: 1,
    });
    const status = Object.fromEntries(r.tables.map((t) => [t.table, t.status]));
    assert.deepEqual(status, {
      '85099NED': 'ontbreekt',
      '70072NED': 'opgehaald',
      '86161NED': 'opgehaald',
      '83454NED': 'opgehaald',
      '45063NED': 'ontbreekt',
      '45038NED': 'opgehaald',
      '85618NED': 'opgehaald',
    });
    assert.deepEqual(r.gaps.map((g) => g.nl).sort(), [
      'dimensie KenmerkenVanHuishoudens van 86161NED heeft geen waarde 1050010',
      'onderwerp TotaleBevolking_1 bestaat niet in 70072NED',
      'tabel 85099NED staat niet in de spiegel',
      'tabel 85099NED staat niet in de spiegel',
      'tabel 85099NED staat niet in de spiegel',
    ]);
    const later = tablesToSync(DEFAULT_MAPPING, 2031);
    assert.deepEqual(
      later.gaps.map((g) => g.for),
      ['Iv3 gemeenten (lasten per taakveld)', 'Kerncijfers wijken en buurten (wijkniveau)'],
      'no table is known yet for 2031',
    );
  });
});

describe('real CBS tables: fetch → mirror → benchmark with the default mapping', () => {
  let srv: Awaited<ReturnType<typeof odataServer>>;
  let lens: Lens;
  let wijk: Array<{ region_key: string; gemeente_code: string | null; value: number; status: string }>;
  let statuses: Array<{ period_key: string; status: string }>;
  before(async () => {
    srv = await odataServer(REAL());
    const dir = tempDir('zicht-cbssync-');
    const r = await syncCbs(DEFAULT_MAPPING, {
      year: 2023,
      toDir: join(dir, 'spiegel'),
      baseUrls: { opendata: `${srv.url}/opendata/ODataApi/odata`, dataderden: `${srv.url}/dataderden/ODataApi/odata` },
    });
    assert.deepEqual(
      r.tables.filter((t) => t.status !== 'opgehaald'),
      [],
    );
    assert.deepEqual(r.gaps, []);
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    for (const t of findCbsTables([join(dir, 'spiegel')])) {
      const rep = await importCbsTable(store, dir, t);
      assert.equal(rep.status, 'committed', `${t}: ${JSON.stringify(rep.problems.slice(0, 2))}`);
    }
    wijk = await store.query(
      "SELECT region_key, gemeente_code, value::int AS value, status FROM cbs_observation WHERE table_id = '85618NED' AND topic = 'AantalInwoners_5' AND period_key = '2023JJ00' ORDER BY region_key",
    );
    statuses = await store.query(
      "SELECT DISTINCT period_key, status FROM cbs_observation WHERE table_id = '85099NED' AND value IS NOT NULL ORDER BY 1",
    );
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => {
    lens?.close();
    srv?.server.close();
  });

  it('asked each catalogue only for its own tables', () => {
    assert.ok(srv.seen.some((s) => s.startsWith('/dataderden/ODataApi/odata/45063NED/TypedDataSet')));
    assert.ok(!srv.seen.some((s) => s.startsWith('/opendata/ODataApi/odata/45063NED')));
  });

  it('keeps the StatLine period status and reads the wijk table by the year of its TableInfos', () => {
    assert.deepEqual(statuses, [
      { period_key: '2017HJ01', status: 'definitief' },
      { period_key: '2017JJ00', status: 'definitief' },
      { period_key: '2023HJ01', status: 'definitief' },
      { period_key: '2023HJ02', status: 'nader voorlopig' },
      { period_key: '2023JJ00', status: 'nader voorlopig' },
      { period_key: '2024HJ01', status: 'voorlopig' },
    ]);
    assert.deepEqual(wijk, [
      { region_key: 'GM0363', gemeente_code: '0363', value: 900_000, status: 'definitief' },
      { region_key: 'GM0599', gemeente_code: '0599', value: 899_998, status: 'definitief' },
      { region_key: 'WK036300', gemeente_code: null, value: 80_001, status: 'definitief' },
      { region_key: 'WK059900', gemeente_code: null, value: 80_003, status: 'definitief' },
    ]);
  });

  it('gives the Verwey-Jonker figures of Amsterdam from the real tables, unedited mapping', async () => {
    const r = await benchmark(lens, {
      gemeente: '0363',
      reference: parseReference('nederland'),
      mapping: DEFAULT_MAPPING,
    });
    assert.deepEqual([r.period, r.basePeriod, r.year, r.baseYear], ['2024H1', '2017H1', 2023, 2017]);
    assert.deepEqual(r.halfYears, ['2017H1', '2023H1', '2023H2', '2024H1']);
    const [a] = r.rows;
    // 85099NED, JongerenMetJeugdzorgRelatief_2 (relatief) of JH 121 / JH 122
    assert.deepEqual([a!.pctBase, a!.pct, a!.index, a!.pctWithResidence], [8, 9.2, 115, 0.8]);
    assert.equal(a!.inhabitants, 918_117, '70072NED TotaleBevolking_1, 2023');
    // Iv3 2023 jaarrekening, lasten of 6.72a + 6.73b + 6.82a in thousands: 3 × 10 700
    const lasten = 3 * 10_700 * 1000;
    const users = Math.round((918_117 * 0.22 * 10) / 100); // JZ totaal jeugdzorg (A045561), 2023
    assert.equal(a!.burdenPerUser, Math.round((lasten / users) * 100) / 100);
    assert.equal(a!.burdenPerInhabitant, Math.round((lasten / 918_117) * 100) / 100);
    const base = (2 * 10_000 * 1000) / (918_117 - 10_000); // begroting 2017 per inwoner 2017
    assert.equal(a!.burdenIndex, Math.round((lasten / 918_117 / base) * 100));
    assert.ok(a!.flags.includes('cbs_voorlopig') && a!.flags.includes('cbs_nader_voorlopig'), a!.flags.join());
    // 86161NED median x 1 000 euro: Utrecht (34.8) is the highest of the twelve, Groningen (28.6) the lowest
    const ses = (code: string) => r.rows.find((x) => x.code === code)?.sesDecile;
    assert.deepEqual([ses('0344'), ses('0014')], [10, 1]);
    const nl = r.rows.at(-1)!;
    assert.deepEqual([nl.kind, nl.pct, nl.coverage!.pct!.source], ['nederland', 8.9, 'NL01']);
    assert.equal(nl.inhabitants, 17_942_942);
    const maastricht = r.rows.find((x) => x.code === '0935')!;
    assert.deepEqual([maastricht.burdenPerUser, maastricht.inhabitants], [null, 122_378], 'no Iv3 accounts: no lasten');
    assert.deepEqual(
      [...r.missingFigures].sort(),
      ['children_low_income_pct', 'jeugdzorgregio', 'youth_0_17'],
      'the figures without a verified real table (docs/cbs.md) stay demo-only',
    );
  });

  it('a gemeente with an unknown CBS % (".") has no index; the half-year is still the latest', async () => {
    const r = await benchmark(lens, {
      gemeente: '0014',
      reference: parseReference('nederland'),
      mapping: DEFAULT_MAPPING,
      period: parsePeriod('2024H1'),
    });
    assert.deepEqual([r.rows[0]!.pct, r.rows[0]!.index, r.rows[0]!.pctBase], [null, null, 9.6]);
  });
});
