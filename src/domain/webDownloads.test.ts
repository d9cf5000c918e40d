/**
 * The downloads BI teams load into Power BI and Excel (issue 17.5): every CSV the product writes is defined once
 * (src/web/downloads.ts, src/app/auditCsv.ts), with a code and a Dutch label column for every coded value, the same
 * columns in the same order with Dutch or English headers, and docs/downloads.md lists exactly those columns.
 * A page that writes a CSV without a definition fails here.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webDownloads, type WebDownloadDef } from '../testing/webFormat.js';
import { AUDIT_CSV, auditCsv } from '../app/auditCsv.js';
import { SOCIAL_MAP_DOWNLOAD } from '../app/socialMap.js';
import { REFERRER_LABELS } from '../app/productMonth.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const files = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
const lines = (csv: string) => csv.replace(/^\ufeff/, '').split('\r\n');

/** The definitions of every download: the web's and the server's. */
async function allDefs(): Promise<WebDownloadDef[]> {
  const w = await webDownloads();
  return [
    ...Object.values(w.DOWNLOADS),
    AUDIT_CSV as unknown as WebDownloadDef,
    SOCIAL_MAP_DOWNLOAD as unknown as WebDownloadDef,
  ];
}

it('every download: snake_case headers, unique per language, a label column right after its code column', async () => {
  for (const d of await allDefs()) {
    for (const h of ['nl', 'en'] as const) {
      const heads = d.columns.map((c) => c[h]);
      assert.deepEqual(
        heads.filter((x, i) => heads.indexOf(x) !== i),
        [],
        `${d.id} ${h}: a header twice`,
      );
      for (const x of heads) assert.match(x, /^[a-z][a-z0-9_]*$/, `${d.id} ${h}: ${x}`);
    }
    const keys = d.columns.map((c) => c.key);
    assert.equal(new Set(keys).size, keys.length, `${d.id}: a key twice`);
    d.columns.forEach((c, i) => {
      if (c.type !== 'label') return;
      const code = d.columns[i - 1];
      assert.equal(code?.type, 'code', `${d.id}: ${c.nl} follows its code column`);
      assert.equal(code.nl, `${c.nl}_code`, `${d.id}: ${code.nl} / ${c.nl}`);
      assert.equal(code.en, `${c.en}_code`, `${d.id}: ${code.en} / ${c.en}`);
    });
  }
});

it('the coded values of each download have their code and Dutch label pairs', async () => {
  const { DOWNLOADS } = await webDownloads();
  const pairs = (d: WebDownloadDef) =>
    d.columns.flatMap((c, i) => (c.type === 'label' ? [`${d.columns[i - 1]!.nl}+${c.nl}`] : []));
  assert.deepEqual(pairs(DOWNLOADS.indicator!), [
    'indicator_code+indicator',
    'gemeente_code+gemeente',
    'periode_code+periode',
    'splitsing_code+splitsing',
    'sleutel_code+sleutel',
    'eenheid_code+eenheid',
    'kanttekeningen_code+kanttekeningen',
  ]);
  assert.deepEqual(pairs(DOWNLOADS.productcodes!), [
    'gemeente_code+gemeente',
    'productcategorie_code+productcategorie',
    'aanbieder_code+aanbieder',
  ]);
  assert.deepEqual(pairs(DOWNLOADS.maandoverzicht!), ['gemeente_code+gemeente']);
  assert.deepEqual(pairs(DOWNLOADS.maandoverzichtClienten!), ['gemeente_code+gemeente', 'in_zorg_code+in_zorg']);
  assert.deepEqual(pairs(DOWNLOADS.vergelijking!), [
    'gemeente_code+gemeente',
    'oordeel_code+oordeel',
    'kanttekeningen_code+kanttekeningen',
  ]);
  assert.deepEqual(pairs(DOWNLOADS.trajecten!), [
    'gemeente_code+gemeente',
    'aanbieder_code+aanbieder',
    'productcategorie_code+productcategorie',
  ]);
  assert.deepEqual(pairs(AUDIT_CSV as unknown as WebDownloadDef), ['gebeurtenis_code+gebeurtenis', 'rol_code+rol']);
});

it('the indicator CSV: columns in order, Dutch form (";" and decimal comma) and ISO form ("," and point)', async () => {
  const w = await webDownloads();
  const row = {
    indicatorCode: 'pct_jeugdhulp',
    indicator: '% jeugdigen met jeugdhulp',
    gemeenteCode: '9001',
    gemeente: 'Brakelhoven',
    ...w.periodColumns('2025H1'),
    splitCode: 'zorgvorm',
    split: 'zorgvorm',
    keyCode: 'ambulant',
    key: 'ambulant, lokaal',
    value: 12.5,
    numerator: 1250,
    denominator: 10000,
    unitCode: 'procent',
    unit: 'percentage',
    flagCodes: 'afgerond',
    flags: 'afgerond op 5',
  };
  const nl = lines(w.csvFor(w.DOWNLOADS.indicator!, [row], 'nl'));
  assert.equal(
    nl[0],
    'indicator_code;indicator;gemeente_code;gemeente;periode_code;periode;periode_begin;periode_einde;' +
      'splitsing_code;splitsing;sleutel_code;sleutel;waarde;teller;noemer;eenheid_code;eenheid;' +
      'kanttekeningen_code;kanttekeningen',
  );
  assert.equal(
    nl[1],
    'pct_jeugdhulp;% jeugdigen met jeugdhulp;9001;Brakelhoven;2025H1;1e halfjaar 2025;2025-01-01;2025-06-30;' +
      'zorgvorm;zorgvorm;ambulant;ambulant, lokaal;12,5;1250;10000;procent;percentage;afgerond;afgerond op 5',
  );
  const en = lines(w.csvFor(w.DOWNLOADS.indicator!, [row], 'en'));
  assert.equal(
    en[0],
    'indicator_code,indicator,municipality_code,municipality,period_code,period,period_start,period_end,' +
      'split_code,split,key_code,key,value,numerator,denominator,unit_code,unit,flags_code,flags',
  );
  assert.equal(
    en[1],
    'pct_jeugdhulp,% jeugdigen met jeugdhulp,9001,Brakelhoven,2025H1,1e halfjaar 2025,2025-01-01,2025-06-30,' +
      'zorgvorm,zorgvorm,ambulant,"ambulant, lokaal",12.5,1250,10000,procent,percentage,afgerond,afgerond op 5',
    'a label with a comma is quoted; the labels stay Dutch',
  );
  assert.equal(w.csvName('pct_jeugdhulp-2025H1.csv', 'en'), 'pct_jeugdhulp-2025H1-en.csv');
  assert.deepEqual(w.periodColumns('2024-02'), {
    periodCode: '2024-02',
    period: 'februari 2024',
    periodStart: '2024-02-01',
    periodEnd: '2024-02-29',
  });
  assert.equal(w.periodColumns('2025Q4').periodEnd, '2025-12-31');
  assert.equal(w.periodColumns('2025').period, '2025');
});

it('each web download: its columns in the definition order in both languages; absent ones leave no gap', async () => {
  const w = await webDownloads();
  for (const d of Object.values(w.DOWNLOADS)) {
    const row = Object.fromEntries(
      d.columns.map((c, i) => [c.key, c.type === 'number' ? i + 0.5 : c.type === 'integer' ? i : `v${i}`]),
    );
    for (const h of ['nl', 'en'] as const) {
      const [head, data] = lines(w.csvFor(d, [row], h));
      const sep = h === 'nl' ? ';' : ',';
      assert.deepEqual(
        head!.split(sep),
        d.columns.map((c) => c[h]),
        `${d.id} ${h}`,
      );
      const cells = data!.split(sep);
      d.columns.forEach((c, i) => {
        if (c.type === 'number') assert.equal(cells[i], h === 'nl' ? `${i},5` : `${i}.5`, `${d.id} ${c.nl}`);
        else if (c.type === 'integer') assert.equal(cells[i], String(i), `${d.id} ${c.nl}`);
        else assert.equal(cells[i], `v${i}`, `${d.id} ${c.nl}: the value under its own header`);
      });
    }
  }
  // no cost columns without money rights: the rest keep their order
  const pc = w.DOWNLOADS.productcodes!;
  const only = new Set(pc.columns.map((c) => c.key).filter((k) => !k.startsWith('cost')));
  const [head] = lines(w.csvFor(pc, [], 'en', only));
  assert.deepEqual(
    head!.split(','),
    pc.columns.filter((c) => only.has(c.key)).map((c) => c.en),
  );
});

it('the access-log CSV (server, CLI): Dutch or English headers over the same columns, role code and label', () => {
  const entry = {
    seq: 7,
    at: '2026-12-01T10:00:00.000Z',
    event: 'export_persoonsgegevens',
    username: 'j.jansen',
    role: 'analist',
    onBehalfOf: null,
    scope: 'gemeente=9001',
    subjects: ['P1', 'P2'],
    query: '=SUM(1)',
    purpose: null,
    outcome: 'ok',
    origin: 'web',
    hash: 'ab',
    prevHash: 'aa',
  };
  const nl = lines(auditCsv([entry]));
  assert.equal(nl[0], AUDIT_CSV.columns.map((c) => c.nl).join(';'));
  assert.match(nl[0]!, /^volgnummer;tijdstip;gebeurtenis_code;gebeurtenis;gebruiker;rol_code;rol;/);
  assert.match(
    nl[1]!,
    /^7;"2026-12-01T10:00:00.000Z";"export_persoonsgegevens";"export persoonsgegevens";"j\.jansen";"analist";"analist \(/,
  );
  assert.ok(nl[1]!.includes(`"'=SUM(1)"`), 'no live formula');
  const en = lines(auditCsv([entry], 'en'));
  assert.equal(en[0], AUDIT_CSV.columns.map((c) => c.en).join(','));
  assert.match(en[0]!, /^sequence_number,timestamp,event_code,event,username,role_code,role,/);
});

it('every CSV the web app writes goes through a definition (a new download without one fails here)', async () => {
  const { DOWNLOADS } = await webDownloads();
  const web = files('src/web').filter((f) => /\.tsx?$/.test(f));
  const allowed = ['src/web/format.ts', 'src/web/downloads.ts', 'src/web/components/CsvButtons.tsx'];
  for (const f of web) {
    if (allowed.includes(f)) continue;
    const src = read(f);
    assert.doesNotMatch(src, /\b(toCsv|download)\(/, `${f}: write a CSV through CsvButtons and downloads.ts`);
  }
  // every definition is used by a page, and every CsvButtons or SortableTable download names one
  const used = new Set<string>();
  for (const f of web) for (const m of read(f).matchAll(/DOWNLOADS\.(\w+)/g)) used.add(m[1]!);
  assert.deepEqual([...used].sort(), Object.keys(DOWNLOADS).sort());
  const buttons = web.flatMap((f) => [...read(f).matchAll(/<CsvButtons\s+def=\{(\w+)/g)].map((m) => `${f}:${m[1]}`));
  assert.ok(buttons.length >= 3, buttons.join(' '));
  for (const b of buttons) assert.match(b, /:(DOWNLOADS|csv)$/, b);
  // the server's CSV answers: the access log and the public sociale kaart (reports are PDF or Excel; see
  // docs/downloads.md), each through its definition
  const csvRoutes = files('src/server/routes').filter((f) => !f.endsWith('.test.ts') && /text\/csv/.test(read(f)));
  assert.deepEqual(csvRoutes.sort(), ['src/server/routes/admin.ts', 'src/server/routes/socialMap.ts']);
  assert.match(read('src/server/routes/admin.ts'), /auditCsv\(/);
  assert.match(read('src/server/routes/socialMap.ts'), /socialMapCsv\(/);
});

it('the server tables behind Per productcode and Per maand have every column in a definition', async () => {
  const { DOWNLOADS } = await webDownloads();
  const src = read('src/app/productMonth.ts');
  const keys = new Set([...src.matchAll(/\{ key: '(\w+)', label:/g)].map((m) => m[1]!));
  for (const k of Object.keys(REFERRER_LABELS)) keys.add(`ref_${k}`);
  const defined = new Set(
    [DOWNLOADS.productcodes!, DOWNLOADS.maandoverzicht!, DOWNLOADS.maandoverzichtClienten!].flatMap((d) =>
      d.columns.map((c) => c.key),
    ),
  );
  assert.ok(keys.size > 15, [...keys].join(' '));
  for (const k of keys) assert.ok(defined.has(k), `column ${k} of app/productMonth.ts is in no download definition`);
});

it('docs/downloads.md lists every download with its columns in order, both headers', async () => {
  const doc = read('docs/downloads.md');
  for (const d of await allDefs()) {
    const at = doc.indexOf(`### ${d.id}\n`);
    assert.ok(at >= 0, `docs/downloads.md: no section "### ${d.id}"`);
    const section = doc.slice(at + 4).split('\n### ')[0]!;
    const rows = [...section.matchAll(/^\| (\d+) \| `([a-z0-9_]+)` \| `([a-z0-9_]+)` \| (\w+) \|/gm)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`,
    );
    assert.deepEqual(
      rows,
      d.columns.map((c, i) => `${i + 1} ${c.nl} ${c.en} ${c.type}`),
      `docs/downloads.md, ${d.id}`,
    );
  }
});

it('a hidden cell ("<10") is empty in the ISO file, whose number columns hold numbers only; the Dutch file keeps it', async () => {
  const w = await webDownloads();
  const pc = w.DOWNLOADS.productcodes!;
  const only = new Set(['productCode', 'children', 'cost']);
  const row = { productCode: '45A02', children: '<10', cost: '<10' };
  assert.deepEqual(lines(w.csvFor(pc, [row], 'nl', only)).slice(0, 2), [
    'productcode;kinderen;kosten_euro',
    '45A02;<10;<10',
  ]);
  assert.deepEqual(lines(w.csvFor(pc, [row], 'en', only)).slice(0, 2), ['product_code,children,cost_eur', '45A02,,']);
  // a code column keeps its text
  const text = lines(w.csvFor(pc, [{ productCode: '<10', children: 12, cost: 3100.5 }], 'en', only))[1];
  assert.equal(text, '<10,12,3100.5');
});
