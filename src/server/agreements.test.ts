/**
 * The agreements of the quarterly talk with a provider (issue 19: the "Afspraken" section was an empty placeholder).
 * Over real HTTP as the roles use them: the contract roles record agreements and their status; the next quarter's talk
 * opens with the quarter before's agreements and older ones still open; a provider reads only its own; the provider
 * report carries them; bad input gets a clear refusal.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { listenLoopback, login, serverFixture, type ServerFixture } from '../testing/server.js';

interface Agreement {
  id: number;
  quarter: string;
  body: string;
  owner: string | null;
  dueDate: string | null;
  status: string;
  statusNote: string | null;
  createdBy: string | null;
  history: Array<{ status: string; note: string | null; by: string | null }>;
}

forEachBackend('agreements of the quarterly talk', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  const cookies = new Map<string, string>();

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    base = await listenLoopback(f);
    // a TOTP code works once: one log-in per account for the suite
    for (const u of ['contractmanager', 'controller', 'aanbieder1', 'bestuur', 'teammanager'])
      cookies.set(u, await login(f, u));
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
  /** An agreement for provider 11111111 in gemeente 9001, 2024Q1, unless `fields` say otherwise. */
  const record = (user: string, fields: Record<string, unknown>) =>
    call(user, 'POST', '/afspraken', { gemeente: '9001', aanbieder: '11111111', kwartaal: '2024Q1', ...fields });
  const talk = async (user: string, period: string, agb = '11111111', gemeente = '9001') =>
    (await call(user, 'GET', `/afspraken?gemeente=${gemeente}&aanbieder=${agb}&kwartaal=${period}`)).json as {
      current: Agreement[];
      earlier: Agreement[];
    };

  it('records agreements and opens the next talk with them, done ones only for one quarter', async () => {
    const a = await record('contractmanager', {
      afspraak: 'Wachtlijst ambulant terugbrengen naar 6 weken',
      eigenaar: 'J. de Vries',
      uiterlijk: '2024-06-30',
    });
    assert.equal(a.status, 201, a.text);
    const b = await record('controller', {
      afspraak: 'Tarief 45A01 herzien',
    });
    assert.equal(b.status, 201, b.text);

    const q1 = await talk('contractmanager', '2024Q1');
    assert.deepEqual(
      q1.current.map((x) => [x.body, x.owner, x.dueDate, x.status]),
      [
        ['Wachtlijst ambulant terugbrengen naar 6 weken', 'J. de Vries', '2024-06-30', 'open'],
        ['Tarief 45A01 herzien', null, null, 'open'],
      ],
    );
    assert.deepEqual(q1.earlier, []);

    // the next quarter opens with both
    assert.deepEqual(
      (await talk('contractmanager', '2024Q2')).earlier.map((x) => x.body),
      ['Wachtlijst ambulant terugbrengen naar 6 weken', 'Tarief 45A01 herzien'],
    );
    const done = await call('contractmanager', 'PATCH', `/afspraken/${b.json.id as number}`, {
      status: 'afgerond',
      toelichting: 'nieuw tarief per 1 juli',
    });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual([done.json.status, done.json.statusNote], ['afgerond', 'nieuw tarief per 1 juli']);
    // the quarter after that: only what is still open
    assert.deepEqual(
      (await talk('contractmanager', '2024Q3')).earlier.map((x) => [x.body, x.status]),
      [['Wachtlijst ambulant terugbrengen naar 6 weken', 'open']],
    );
  });

  it('a status change without a note keeps the note; every change is kept; a provider sees no names (red team 18)', async () => {
    const a = await record('contractmanager', { afspraak: 'Inzet gezinscoach evalueren', kwartaal: '2023Q4' });
    const id = a.json.id as number;
    const patch = (body: Record<string, unknown>) => call('contractmanager', 'PATCH', `/afspraken/${id}`, body);
    assert.equal((await patch({ status: 'afgerond', toelichting: 'rapport ontvangen' })).status, 200);
    const reopened = await patch({ status: 'open' });
    assert.equal(reopened.status, 200, reopened.text);
    assert.deepEqual([reopened.json.status, reopened.json.statusNote], ['open', 'rapport ontvangen']);
    const cleared = await patch({ status: 'vervallen', toelichting: '' });
    assert.deepEqual([cleared.json.status, cleared.json.statusNote], ['vervallen', null]);
    const mine = (await talk('contractmanager', '2023Q4')).current.find((x) => x.id === id)!;
    assert.equal(mine.createdBy, 'contractmanager');
    assert.deepEqual(
      mine.history.map((h) => [h.status, h.note, h.by]),
      [
        ['afgerond', 'rapport ontvangen', 'contractmanager'],
        ['open', 'rapport ontvangen', 'contractmanager'],
        ['vervallen', null, 'contractmanager'],
      ],
    );
    const theirs = (await talk('aanbieder1', '2023Q4')).current.find((x) => x.id === id)!;
    assert.equal(theirs.createdBy, null, "the provider is not told which of the gemeente's staff wrote it");
    assert.deepEqual(
      theirs.history.map((h) => [h.status, h.by]),
      [
        ['afgerond', null],
        ['open', null],
        ['vervallen', null],
      ],
    );
  });

  it('the provider report carries them in its Afspraken section, as the provider sees it too', async () => {
    for (const user of ['contractmanager', 'aanbieder1']) {
      const r = await call(
        user,
        'GET',
        '/reports/aanbieder?gemeente=9001&period=2024Q2&aanbieder=11111111&format=json',
      );
      assert.equal(r.status, 200, r.text);
      const sections = r.json.sections as Array<{
        heading: string;
        paragraphs: string[];
        tables: Array<{ rows: unknown[][] }>;
      }>;
      const s = sections.find((x) => x.heading === 'Afspraken')!;
      assert.match(s.paragraphs.join(' '), /opent met 2 afspraken uit eerdere gesprekken/);
      assert.deepEqual(
        s.tables[0]!.rows.map((row) => [row[0], row[4]]),
        [
          ['Wachtlijst ambulant terugbrengen naar 6 weken', 'open'],
          ['Tarief 45A01 herzien', 'afgerond (nieuw tarief per 1 juli)'],
        ],
      );
      assert.ok(!JSON.stringify(s).includes('…'), 'no placeholder left');
    }
  });

  it('a report over a month shows the agreements of the quarter it falls in (red team 18)', async () => {
    const r = await call(
      'contractmanager',
      'GET',
      '/reports/aanbieder?gemeente=9001&period=2024-06&aanbieder=11111111&format=json',
    );
    assert.equal(r.status, 200, r.text);
    const s = (r.json.sections as Array<{ heading: string; paragraphs: string[] }>).find(
      (x) => x.heading === 'Afspraken',
    )!;
    assert.match(s.paragraphs.join(' '), /opent met 2 afspraken uit eerdere gesprekken/);
  });

  it('a year like 0000 or 1000, or a due date outside 2000–2199, is refused in words, never a server error (red team 18)', async () => {
    for (const kwartaal of ['0000Q1', '1000Q1', '2300Q1']) {
      const r = await record('contractmanager', {
        kwartaal,
        afspraak: 'iets',
      });
      assert.equal(r.status, 400, `${kwartaal}: ${r.text}`);
    }
    for (const uiterlijk of ['0000-01-01', '1999-12-31', '9999-12-31']) {
      const r = await record('contractmanager', {
        afspraak: 'iets',
        uiterlijk,
      });
      assert.equal(r.status, 400, `${uiterlijk}: ${r.text}`);
    }
    const report = await call(
      'contractmanager',
      'GET',
      '/reports/aanbieder?gemeente=9001&period=0000Q1&aanbieder=11111111&format=json',
    );
    assert.equal(report.status, 400, report.text);
  });

  it('a provider reads only its own agreements; other gemeenten and other roles are refused', async () => {
    assert.equal((await talk('aanbieder1', '2024Q1')).current.length, 2);
    const other = await call('aanbieder1', 'GET', '/afspraken?gemeente=9001&aanbieder=22222222&kwartaal=2024Q1');
    assert.equal(other.status, 403, other.text);
    assert.match(other.json.detail as string, /alleen de afspraken met zichzelf/);
    const outside = await call('controller', 'GET', '/afspraken?gemeente=9002&aanbieder=11111111&kwartaal=2024Q1');
    assert.equal(outside.status, 403, outside.text);
    for (const user of ['bestuur', 'teammanager', 'aanbieder1']) {
      const w = await record(user, {
        afspraak: 'mag niet',
      });
      assert.equal(w.status, 403, `${user}: ${w.text}`);
      const p = await call(user, 'PATCH', '/afspraken/1', { status: 'vervallen' });
      assert.equal(p.status, 403, `${user}: ${p.text}`);
    }
  });

  it('refuses bad input with words: an unknown provider, a month for a quarter, an empty text, an unknown agreement', async () => {
    const stored = async () =>
      (await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM provider_agreement'))[0]!.n;
    const before = await stored();
    const unknown = await record('contractmanager', {
      aanbieder: '99999999',
      afspraak: 'iets',
    });
    assert.equal(unknown.status, 400, unknown.text);
    assert.match(unknown.json.message as string, /Aanbieder 99999999 is niet bekend/);
    const month = await record('contractmanager', {
      kwartaal: '2024-03',
      afspraak: 'iets',
    });
    assert.equal(month.status, 400, month.text);
    const blank = await record('contractmanager', {
      afspraak: '      ',
    });
    assert.equal(blank.status, 400, blank.text);
    const status = await call('contractmanager', 'PATCH', '/afspraken/1', { status: 'klaar' });
    assert.equal(status.status, 400, status.text);
    const missing = await call('contractmanager', 'PATCH', '/afspraken/999999', { status: 'afgerond' });
    assert.equal(missing.status, 404, missing.text);
    assert.match(missing.json.message as string, /Deze afspraak bestaat niet/);
    const control = await record('contractmanager', {
      afspraak: 'tekst \uffff\ufffe met \u0001',
    });
    assert.equal(control.status, 400, control.text);
    assert.match(control.json.message as string, /bevat een teken dat geen tekst is \(U\+FFFF, een niet-teken/);
    // C1 controls print as "€" or "…" in a PDF; a lone surrogate and U+FFFD are broken text (red team 19)
    for (const [text, code] of [
      ['x\u0085y', 'U\\+0085, een stuurteken'],
      ['x\u0080y', 'U\\+0080, een stuurteken'],
      ['x\ud800y', 'U\\+D800, een losse surrogaathelft'],
      ['x\ufffdy', 'U\\+FFFD, een teken voor bytes'],
    ] as const) {
      const c1 = await record('contractmanager', { afspraak: `tekst ${text}` });
      assert.equal(c1.status, 400, c1.text);
      assert.match(c1.json.message as string, new RegExp(code));
    }
    assert.equal(await stored(), before, 'nothing of the refused requests was saved');
  });

  it('a character XML does not allow, stored before it was refused, does not break the Excel report (red team 18)', async () => {
    await db.store.query(
      `INSERT INTO provider_agreement (gemeente_code, provider_agb, quarter, body, owner, created_by)
       VALUES ('9001', '11111111', '2024Q3', $1, $2, 'oud')`,
      ['oude tekst \uffff\ufffe \u0001 blijft leesbaar', '\uffff'],
    );
    const res = await fetch(
      `${base}/api/v1/reports/aanbieder?gemeente=9001&period=2024Q3&aanbieder=11111111&format=xlsx`,
      { headers: { cookie: cookies.get('contractmanager')! } },
    );
    assert.equal(res.status, 200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value)))));
    assert.ok(
      texts.some((t) => t.includes('oude tekst') && t.includes('blijft leesbaar')),
      'the agreement is in it',
    );
    assert.ok(!texts.some((t) => /[\uffff\ufffe\u0001]/.test(t)), 'without the characters');
  });
});
