/**
 * The three reports on the two-gemeente test region: the figures equal the API's, the PDF has the
 * expected sections as text (pdftotext) and pages (pdftoppm), Excel reads back as numbers, the
 * external version shows no small cell and no pseudonym, and an empty period says so.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { UserError } from '../domain/errors.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { LensHolder } from '../app/lensHolder.js';
import { Lens } from '../lens/lens.js';
import { TEAM_TABLES } from '../lens/scope.js';
import { buildReport, type ReportModel, type ReportRequest } from './model.js';
import { reportData } from './data.js';
import { writePdf } from './pdf.js';
import { writeExcel } from './excel.js';
import { cellUnit } from './format.js';

const havePoppler = spawnSync('pdftotext', ['-v']).status === 0;
const popplerSkip = havePoppler || process.env.CI ? false : 'pdftotext not installed (apt-get install poppler-utils)';

describe('reports', { timeout: 300_000 }, () => {
  let store: PgliteStore;
  let f: ServerFixture;
  let controller: string;
  let pseudonyms: string[];
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    f = await serverFixture(store);
    controller = await login(f, 'controller');
    const analist = await login(f, 'analist');
    pseudonyms = (
      (
        await f.app.inject({ method: 'GET', url: '/api/v1/trajecten?limit=1000', headers: { cookie: analist } })
      ).json() as Array<{ youth: string }>
    ).map((r) => r.youth);
    await f.app.inject({
      method: 'POST',
      url: '/api/v1/narratives',
      headers: { cookie: controller },
      payload: {
        indicator: 'youth_in_care',
        gemeente: '9001',
        period: '2024-06',
        body: 'Interne duiding: wachtlijst bij Aanbieder Een.',
        visibility: 'intern',
      },
    });
    await f.app.inject({
      method: 'POST',
      url: '/api/v1/narratives',
      headers: { cookie: controller },
      payload: {
        indicator: 'youth_in_care',
        gemeente: '9001',
        period: '2024-06',
        body: 'Externe duiding: meer aanmeldingen via de huisarts.',
        visibility: 'extern',
      },
    });
  });
  after(async () => {
    await f?.close();
    await store?.close();
  });

  const model = (req: Omit<ReportRequest, 'now'>) =>
    buildReport(reportData(store, f.ctx.lens), { ...req, now: new Date('2024-07-15T10:00:00Z') });
  const apiValue = async (id: string, period: string, gemeente = '9001') => {
    const body = (
      await f.app.inject({
        method: 'GET',
        url: `/api/v1/indicators/${id}?period=${period}&gemeente=${gemeente}`,
        headers: { cookie: controller },
      })
    ).json() as { rows: Array<{ key: string | null; value: number }> };
    return body.rows.find((r) => r.key === null)?.value ?? null;
  };
  const cell = (m: ReportModel, heading: string, label: string, col: number) =>
    m.sections.find((s) => s.heading === heading)!.tables[0]!.rows.find((r) => r[0] === label)![col];
  const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

  it('the monthly report holds the API figures in the expected sections', async () => {
    const m = await model({ kind: 'maand', gemeente: '9001', period: '2024-06' });
    assert.deepEqual(
      m.sections.map((s) => s.heading),
      [
        'Kerncijfers',
        'Afwijking van de regio',
        'Welke hulp, hoeveel en tegen welke kosten',
        'Per productcode', // issue 16.4 (h/product)
        'Budget en prognose',
        'Verwijzers',
        'Wachttijden',
        'Lang lopende en duurste trajecten (intern, gepseudonimiseerd)',
        'Duiding',
      ],
    );
    assert.equal(cell(m, 'Kerncijfers', 'jeugdigen met jeugdhulp', 2), await apiValue('youth_in_care', '2024-06'));
    assert.equal(cell(m, 'Kerncijfers', 'jeugdigen met jeugdhulp', 1), await apiValue('youth_in_care', '2024-05'));
    assert.equal(cell(m, 'Kerncijfers', 'kosten declaraties', 2), await apiValue('cost_total', '2024-06'));
    assert.ok(m.definitions.some((d) => d.id === 'youth_in_care'));
    // the region figure is pooled: all numerators over all denominators of 9001 and 9002
    const regional = await login(f, 'contractmanager');
    const rowsOf = async (g: string) =>
      (
        (
          await f.app.inject({
            method: 'GET',
            url: `/api/v1/indicators/pct_youth_in_care?period=2024-06&gemeente=${g}`,
            headers: { cookie: regional },
          })
        ).json() as { rows: Array<{ key: string | null; numerator: number; denominator: number }> }
      ).rows.find((r) => r.key === null)!;
    const [a, b] = [await rowsOf('9001'), await rowsOf('9002')];
    assert.equal(
      cell(m, 'Afwijking van de regio', '% jeugdigen met jeugdhulp', 2),
      Math.round(((a.numerator + b.numerator) / (a.denominator + b.denominator)) * 100_000) / 1000,
    );
    assert.ok(
      m.sources.some((x) => /^trajecten: .*\.csv, ingelezen \d+ \w+ \d{4} \([\d.]+ regels\)$/.test(x)),
      m.sources.join(' | '),
    );
    assert.ok(m.sources.some((x) => /^Datakwaliteit juni 2024: startberichten aanwezig \d+% in orde/.test(x)));
    assert.equal(m.sections.at(-1)!.stories.length, 2, 'both explanations in the internal version');
  });

  it('the council report names care forms in words, as the web does, not by their codes', async () => {
    const m = await model({ kind: 'raad', gemeente: '9001', period: '2024H1' });
    const regio = m.sections.find((s) => s.heading === 'Vergelijking met de regio')!.tables[0]!;
    const firsts = regio.rows.map((r) => r[0]);
    assert.ok(firsts.includes('jeugdhulp zonder verblijf'), firsts.join(', '));
    assert.ok(firsts.includes('jeugdhulp met verblijf'), firsts.join(', '));
    assert.ok(!firsts.some((k) => typeof k === 'string' && /_verblijf$/.test(k)), firsts.join(', '));
    assert.equal(regio.columns[0]!.label, 'zorgvorm');
  });

  it('writes an A4 PDF with contents, page numbers, the figures and the appendix', { skip: popplerSkip }, async () => {
    const m = await model({ kind: 'maand', gemeente: '9001', period: '2024-06' });
    const path = join(f.dataDir, 'maand.pdf');
    await writePdf(m, path);
    const text = pdfText(path);
    for (const s of [
      'Inhoud',
      'Kerncijfers',
      'Verwijzers',
      'Wachttijden',
      'Duiding',
      'Bijlage: definities en bronnen',
      'pagina 1 van',
      'DEMOGEGEVENS',
    ])
      assert.ok(text.includes(s), `PDF shows "${s}"`);
    const value = (await apiValue('youth_in_care', '2024-06'))!;
    assert.match(text, new RegExp(`jeugdigen met jeugdhulp\\s+[\\d.]+\\s+${value.toLocaleString('nl-NL')}\\b`));
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+/, 'A4');
    assert.match(info, /Tagged:\s+yes/);
    execFileSync('pdftoppm', ['-r', '30', '-png', path, join(f.dataDir, 'page')]);
    const pages = readdirSync(f.dataDir).filter((n) => n.startsWith('page') && n.endsWith('.png'));
    assert.equal(pages.length, Number(/Pages:\s+(\d+)/.exec(info)![1]), 'every page renders');
  });

  it(
    'the external council report shows no small cell and no pseudonym, only external explanations',
    { skip: popplerSkip },
    async () => {
      const m = await model({ kind: 'raad', gemeente: '9001', period: '2024H1', extern: true });
      for (const s of m.sections)
        for (const t of s.tables)
          for (const r of t.rows)
            r.forEach((v, i) => {
              const unit = cellUnit(t.columns, r, i);
              // figures CBS already published (inhabitants, deciles) are not counts from the gemeente's data
              if (typeof v === 'number' && unit === 'aantal' && !t.columns[i]!.published)
                assert.ok(v >= 10 && v % 5 === 0, `${t.caption}: ${v} is disclosed`);
            });
      const path = join(f.dataDir, 'raad-extern.pdf');
      await writePdf(m, path);
      const text = pdfText(path);
      for (const p of pseudonyms) assert.ok(!text.includes(p.slice(0, 10)), 'no pseudonym in the external report');
      assert.ok(text.includes('externe versie'));
      const cmp = m.sections.find((s) => s.heading.startsWith('Vergelijking met vergelijkbare gemeenten'));
      assert.ok(cmp, 'the council report compares with similar gemeenten (CBS) when CBS data is loaded');
      assert.match(cmp.paragraphs[0]!, /(hoger dan|lager dan|zoals) verwacht/);
      assert.equal(
        cmp.tables[0]!.rows.length,
        1 + 10 + 2,
        'the gemeente, ten similar ones, the group and all gemeenten',
      );
      const internal = await model({ kind: 'maand', gemeente: '9001', period: '2024-06', extern: true });
      assert.ok(!internal.sections.some((s) => s.heading.includes('duurste')), 'no person-level section');
      assert.deepEqual(
        internal.sections.at(-1)!.stories.map((s) => s.body),
        ['Externe duiding: meer aanmeldingen via de huisarts.'],
      );
    },
  );

  it('writes Excel with numbers as numbers, the chart data and a definitions sheet', async () => {
    const m = await model({ kind: 'maand', gemeente: '9001', period: '2024-06' });
    const path = join(f.dataDir, 'maand.xlsx');
    await writeExcel(m, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Kerncijfers')!;
    let found: ExcelJS.Cell | null = null;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'jeugdigen met jeugdhulp') found = row.getCell(3);
    });
    assert.ok(found, 'headline row present');
    const c = found as ExcelJS.Cell;
    assert.equal(typeof c.value, 'number');
    assert.equal(c.value, await apiValue('youth_in_care', '2024-06'));
    assert.equal(c.numFmt, '#,##0');
    // the row's code as the last column, to join on (docs/downloads.md): the label's row carries the indicator id
    const headline = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).value === 'jeugdigen met jeugdhulp')!;
    const head = ws
      .getRows(1, ws.rowCount)!
      .filter((r) => r.number < headline.number && r.getCell(1).value === 'indicator')
      .at(-1)!;
    const last = head.cellCount;
    assert.equal(head.getCell(last).value, 'indicator_code');
    assert.equal(headline.getCell(last).value, 'youth_in_care');
    assert.ok(wb.getWorksheet('Definities')!.rowCount > 3);
    let chartData = false;
    wb.getWorksheet('Welke hulp, hoeveel en tegen')!.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('Gegevens bij de grafiek')) chartData = true;
    });
    assert.ok(chartData, 'the data behind the chart is in the workbook');
  });

  it('the provider report holds only that provider and the regional totals', async () => {
    const m = await model({ kind: 'aanbieder', gemeente: '9001', period: '2024Q1', provider: '22222222' });
    const kpi = m.sections[0]!.tables[0]!;
    assert.equal(kpi.columns[1]!.label, 'Aanbieder Twee');
    const cost = kpi.rows.find((r) => r[0] === 'kosten')!;
    assert.equal(typeof cost[1], 'number');
    assert.ok((cost[2] as number) >= (cost[1] as number), 'region total includes the provider');
    const trend = m.sections[1]!;
    assert.equal(trend.heading, 'Verloop bij Aanbieder Twee');
    assert.deepEqual(
      trend.tables[0]!.columns.slice(1, 5).map((c) => c.label),
      ['2e kwartaal 2023', '3e kwartaal 2023', '4e kwartaal 2023', '1e kwartaal 2024'],
    );
    assert.equal(
      trend.tables[0]!.rows.find((r) => r[0] === 'kosten')![4],
      cost[1],
      'the last column is the period of the report',
    );
    assert.deepEqual(
      trend.charts[0]!.series.map((x) => x.name),
      ['uitval Aanbieder Twee', 'uitval regio', 'doelrealisatie Aanbieder Twee', 'doelrealisatie regio'],
    );
  });

  it("a team report holds the team's figures: youths of team Noord only, counted independently on the lens", async () => {
    const team = new LensHolder(f.dataDir, { gemeente: '9001', team: 'Noord' });
    try {
      const m = await buildReport(reportData(store, team), {
        kind: 'maand',
        gemeente: '9001',
        period: '2024',
        team: 'Noord',
        now: new Date('2024-07-15T10:00:00Z'),
      });
      assert.match(m.subtitle, /team Noord/);
      const lens = await f.ctx.lens.get();
      const [expected] = await lens.query<{ n: number }>(`SELECT count(DISTINCT youth_pseudonym)::INTEGER AS n FROM traj
        WHERE gemeente_code = '9001' AND team_code = 'Noord' AND eff_start <= DATE '2024-12-31' AND (eff_end IS NULL OR eff_end >= DATE '2024-01-01')`);
      const whole = await apiValue('youth_in_care', '2024');
      assert.equal(cell(m, 'Kerncijfers', 'jeugdigen met jeugdhulp', 2), expected!.n);
      assert.ok(expected!.n > 0 && expected!.n < (whole as number), 'a part of the gemeente');
      await assert.rejects(
        buildReport(reportData(store, team), { kind: 'raad', gemeente: '9001', period: '2024H1', team: 'Noord' }),
        /teamrapport is een maandrapportage/,
      );
    } finally {
      team.close();
    }
  });

  it("a team report's Duiding holds the published notes and the team's own, not another team's or the gemeente's internal ones (red team 30)", async () => {
    const note = (body: string, visibility: string, scope: [string, string | null]) =>
      store.query(
        `INSERT INTO narrative (gemeente_code, indicator_id, period, subject_kind, subject_key, scope_kind, scope_key,
           author, body, visibility, source, consent)
         VALUES ('9001', 'youth_in_care', '2024-06', 'indicator', NULL, $1, $2, 'analist9001', $3, $4, 'duiding', true)`,
        [scope[0], scope[1], body, visibility],
      );
    await note('GEPUBLICEERD', 'extern', ['gemeente', null]);
    await note('GEMEENTEINTERN', 'intern', ['gemeente', null]);
    await note('NOORDINTERN', 'intern', ['team', 'Noord']);
    await note('ZUIDGEHEIM', 'intern', ['team', 'Zuid']);
    const bodies = async (team?: string) => {
      const holder = team ? new LensHolder(f.dataDir, { gemeente: '9001', team }) : f.ctx.lens;
      try {
        const m = await buildReport(reportData(store, holder), {
          kind: 'maand',
          gemeente: '9001',
          period: '2024-06',
          ...(team ? { team } : {}),
          now: new Date('2024-07-15T10:00:00Z'),
        });
        return m.sections
          .find((x) => x.heading === 'Duiding')!
          .stories!.map((x) => x.body)
          .filter((b) => /^(GEPUBLICEERD|GEMEENTEINTERN|NOORDINTERN|ZUIDGEHEIM)$/.test(b))
          .sort();
      } finally {
        if (team) holder.close();
      }
    };
    try {
      assert.deepEqual(await bodies('Noord'), ['GEPUBLICEERD', 'NOORDINTERN']);
      assert.deepEqual(await bodies('Zuid'), ['GEPUBLICEERD', 'ZUIDGEHEIM']);
      // the gemeente's internal report: every note, as the notes API gives them to the gemeente's own staff
      assert.deepEqual(await bodies(), ['GEMEENTEINTERN', 'GEPUBLICEERD', 'NOORDINTERN', 'ZUIDGEHEIM']);
    } finally {
      await store.query(
        "DELETE FROM narrative WHERE body IN ('GEPUBLICEERD','GEMEENTEINTERN','NOORDINTERN','ZUIDGEHEIM')",
      );
    }
  });

  it('a team lens as of a day reads nothing beyond the team from any table it narrows (red team 29)', async () => {
    // a team report is computed as of its period's end: the tables the as-of views did not remake (budget, youth,
    // population, contracts, …) were read from the whole lens, every gemeente's
    const scope = { gemeente: '9001', team: 'Noord' };
    const now = await Lens.open(f.dataDir, scope);
    const then = await Lens.open(f.dataDir, scope, '2024-12-31');
    try {
      for (const t of TEAM_TABLES) {
        const count = async (l: Lens) =>
          (await l.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t}`))[0]!.n;
        assert.ok((await count(then)) <= (await count(now)), `${t}: as of a day holds no more than the team's own`);
        const cols = await then.query<{ c: string }>(`SELECT column_name AS c FROM (DESCRIBE ${t})`);
        const key = cols.some((x) => x.c === 'gemeente_code')
          ? 'gemeente_code'
          : cols.some((x) => x.c === 'code')
            ? 'code'
            : null;
        if (key === null) continue;
        const others = await then.query<{ n: number }>(
          `SELECT count(*)::INTEGER AS n FROM ${t} WHERE ${key} <> '9001'`,
        );
        assert.equal(others[0]!.n, 0, `${t}: a row of another gemeente`);
      }
      assert.equal((await then.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM budget'))[0]!.n, 0);
    } finally {
      now.close();
      then.close();
    }
  });

  it('a regio report adds up the gemeenten where that is sound', async () => {
    const m = await model({ kind: 'maand', gemeente: 'regio:R', period: '2024-06' });
    assert.match(m.subtitle, /^Regio · juni 2024/);
    const regional = await login(f, 'contractmanager');
    const value = async (g: string) =>
      (
        (
          await f.app.inject({
            method: 'GET',
            url: `/api/v1/indicators/youth_in_care?period=2024-06&gemeente=${g}`,
            headers: { cookie: regional },
          })
        ).json() as { rows: Array<{ key: string | null; value: number }> }
      ).rows.find((r) => r.key === null)!.value;
    assert.equal(cell(m, 'Kerncijfers', 'jeugdigen met jeugdhulp', 2), (await value('9001')) + (await value('9002')));
    await assert.rejects(
      model({ kind: 'raad', gemeente: 'regio:R', period: '2024H1' }),
      /raadsrapportage is per gemeente/,
    );
    // red team 29: a regio nobody has is refused by name (its report summed every gemeente in the data), and a regio
    // code as the data writes it, with a colon, is accepted (it was refused)
    for (const region of ['XYZ', 'JZR:Nergensland'])
      await assert.rejects(model({ kind: 'maand', gemeente: `regio:${region}`, period: '2024-06' }), (e: UserError) => {
        assert.equal(e.nl, `Regio ${region} heeft geen gemeenten in de gegevens`);
        return true;
      });
  });

  it('an empty period says so instead of failing', async () => {
    const m = await model({ kind: 'maand', gemeente: '9001', period: '2010-01' });
    assert.equal(m.empty, true);
    assert.equal(m.sections[0]!.heading, 'Geen gegevens');
    const path = join(f.dataDir, 'leeg.pdf');
    await writePdf(m, path);
    assert.ok(existsSync(path));
  });

  it('serves reports from the API with the role rules applied', async () => {
    const bestuur = await login(f, 'bestuur');
    const res = await f.app.inject({
      method: 'GET',
      url: '/api/v1/reports/maand?gemeente=9001&period=2024-06&format=xlsx',
      headers: { cookie: bestuur },
    });
    assert.equal(res.statusCode, 200);
    assert.match(
      String(res.headers['content-disposition']),
      /extern\.xlsx/,
      'bestuur always gets the external version',
    );
    const other = await f.app.inject({
      method: 'GET',
      url: '/api/v1/reports/maand?gemeente=9002&period=2024-06&format=pdf',
      headers: { cookie: bestuur },
    });
    assert.equal(other.statusCode, 403);
  });
});
