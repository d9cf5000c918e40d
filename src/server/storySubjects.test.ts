/**
 * Stories beyond one figure (issue 20, the Vertelpunt): an explanation or client story about a provider, a product or
 * a theme, over real HTTP as the roles use it. Bad input first: a subject without its key, a key of the wrong form, an
 * unknown provider, an indicator beside a subject; then who reads what — a provider only what is about itself, the
 * published roles only external texts, the team manager its own team's — and the subject in words, never its code.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { listenLoopback, login, serverFixture, type ServerFixture } from '../testing/server.js';
import type { Narrative } from './apiTypes.js';

forEachBackend('stories about a provider, product or theme', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  const cookies = new Map<string, string>();

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    base = await listenLoopback(f);
    for (const u of ['analist9001', 'controller', 'aanbieder1', 'aanbieder2', 'bestuur', 'teammanager'])
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
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : {}, text };
  }
  const tell = (user: string, fields: Record<string, unknown>) =>
    call(user, 'POST', '/narratives', { gemeente: '9001', visibility: 'intern', body: 'Een verhaal.', ...fields });
  const read = async (user: string, query = '') => (await call(user, 'GET', `/narratives${query}`)).json as Narrative[];

  it('refuses a subject without its key, a key of the wrong form, an unknown provider, and a subject beside an indicator', async () => {
    const refused: Array<[Record<string, unknown>, RegExp]> = [
      [{ subject: 'thema' }, /sleutel/],
      [{ subject: 'aanbieder', subjectKey: '1234' }, /AGB-code van 8 cijfers/],
      [{ subject: 'aanbieder', subjectKey: '99999999' }, /komt er niet in voor/],
      [{ subject: 'product', subjectKey: '99' }, /productcategorie/],
      [{ subject: 'product', subjectKey: 'ambulant' }, /productcategorie/],
      [{ subject: 'thema', subjectKey: 'x' }, /2 tot 60 tekens/],
      [{ subject: 'thema', subjectKey: 'wachttijd', indicator: 'dropout' }, /geen indicator/],
      [{ subjectKey: 'wachttijd' }, /een indicator met een periode/],
      [{ indicator: 'dropout' }, /een indicator met een periode/],
      [{ subject: 'indicator', subjectKey: 'x' }, /.+/],
      // red team 32: a theme is words, not a number or markup
      [{ subject: 'thema', subjectKey: '+31612345678' }, /vijf cijfers/],
      [{ subject: 'thema', subjectKey: '12345678２' }, /vijf cijfers/],
      [{ subject: 'thema', subjectKey: '<img src=x onerror=alert(1)>' }, /letters, cijfers/],
      [{ subject: 'thema', subjectKey: '١٢٣٤٥' }, /vijf cijfers/],
      // red team 35: a team's key on a story for the whole gemeente
      [{ subject: 'thema', subjectKey: 'wachttijd', scopeKind: 'gemeente', scopeKey: 'Noord' }, /zonder scopeKey/],
      [{ subject: 'thema', subjectKey: '-2+3' }, /letters, cijfers/],
      [
        { subject: 'aanbieder', subjectKey: '22222222', scopeKind: 'aanbieder', scopeKey: '11111111' },
        /over die aanbieder/,
      ],
    ];
    for (const [fields, words] of refused) {
      const r = await tell('analist9001', fields);
      assert.equal(r.status, 400, `${JSON.stringify(fields)}: ${r.text}`);
      assert.match((r.json as { message: string }).message, words, JSON.stringify(fields));
    }
    // nothing was kept
    assert.deepEqual(await read('analist9001'), []);
    // a client story needs consent here too; a theme naming a person is refused on an external text
    assert.equal(
      (await tell('analist9001', { subject: 'thema', subjectKey: 'wachttijd', source: 'client' })).status,
      400,
    );
    const named = await tell('analist9001', { subject: 'thema', subjectKey: 'gezin 1234 AB', visibility: 'extern' });
    assert.equal(named.status, 400, named.text);
    assert.match((named.json as { message: string }).message, /postcode/);
    // a theme is stored in lower case: there "1234 ab" is a postcode and "jan at voorbeeld nl" an address
    for (const [key, what] of [
      ['1234 ab', /postcode/],
      ['1234-ab', /postcode/],
      ['geb 12 mrt 11', /geboortedatum/],
      ['jan at voorbeeld nl', /e-mailadres/],
    ] as const) {
      const r = await tell('analist9001', { subject: 'thema', subjectKey: key, visibility: 'extern' });
      assert.equal(r.status, 400, `${key}: ${r.text}`);
      assert.match((r.json as { message: string }).message, what, key);
    }
    // personal data written as people write it, in an external text (red teams 32, 33): refused, nothing kept
    for (const [body, what] of [
      ['BSN 9990 00 019 met spaties', /BSN/],
      ['BSN 999.000.019 met punten', /BSN/],
      ['BSN ９９９００００１９ in brede cijfers', /BSN/],
      ['cliënt 9990\u200b00019 met een onzichtbaar teken', /BSN/],
      ['cliënt ٩٩٩٠٠٠٠١٩ in Arabische cijfers', /BSN/],
      ['cliënt 999/000/019 of 999_000_019', /BSN/],
      ['geboren 12-03-2008, Pietje Puk', /geboortedatum/],
      ['geboren 2012-03-12', /geboortedatum/],
      ['geb. 12 mrt 2012', /geboortedatum/],
      ['bel 06 1234 5678 voor meer', /telefoonnummer/],
      ['bel 0031612345678', /telefoonnummer/],
      ['bel (020) 123 45 67', /telefoonnummer/],
      ['mail jan [at] voorbeeld [dot] nl', /e-mailadres/],
      ['woont op 1234ab', /postcode/],
      ['rekening NL91ABNA0417164300', /IBAN/],
      // red team 35
      ['BSN:99900001 met acht cijfers', /BSN/],
      ['BSN 123456789, faalt de elfproef', /BSN/],
      ['burgerservicenummer negen negen negen nul', /BSN/],
      ['bel 06\u201112345678', /telefoonnummer/],
      ['bel +31(0)612345678', /telefoonnummer/],
      ['mail jan @ voorbeeld.nl', /e-mailadres/],
      ['mail jan.de.vries at gmail.com', /e-mailadres/],
      ["geb. 12 mrt '11", /geboortedatum/],
      ['geboortedatum 3-12-11', /geboortedatum/],
      ['geb 01012012', /geboortedatum/],
      ['woont op 1234-AB', /postcode/],
      ['postcode 1234 ab', /postcode/],
      ['woont op 1234 A B', /postcode/],
    ] as const) {
      const r = await tell('analist9001', { subject: 'thema', subjectKey: 'wachttijd', body, visibility: 'extern' });
      assert.equal(r.status, 400, `${body}: ${r.text}`);
      assert.match((r.json as { message: string }).message, what, body);
    }
  });

  it('keeps a story about a theme, a provider and a product, and says each subject in words', async () => {
    const made = [
      await tell('analist9001', {
        subject: 'thema',
        subjectKey: '  Wachttijd ',
        body: 'Ouders vertellen dat het wachten het zwaarst was.',
        source: 'client',
        consent: true,
        visibility: 'extern',
      }),
      await tell('analist9001', {
        subject: 'aanbieder',
        subjectKey: '11111111',
        body: 'Goede samenwerking met de school.',
      }),
      await tell('analist9001', { subject: 'aanbieder', subjectKey: '22222222', body: 'Intern: wachtlijst loopt op.' }),
      await tell('controller', {
        subject: 'product',
        subjectKey: '45a01',
        period: '2024H1',
        body: 'Veel korte trajecten.',
      }),
      await tell('analist9001', {
        subject: 'thema',
        subjectKey: 'wachttijd',
        period: '2024',
        body: 'Een tweede over wachten.',
      }),
    ];
    for (const r of made) assert.equal(r.status, 201, r.text);
    const all = await read('analist9001');
    const by = (kindOf: string) => all.filter((n) => n.subjectKind === kindOf);
    // what an explanation says about money and time is no person: amounts, years and dates pass
    for (const body of [
      'De begroting van € 123.456.789 is overschreden.',
      'In 2024 en 2025 stegen de kosten; per 1 januari 2025 een nieuw contract tot 31 december 2026.',
      'Wachttijd 45 dagen, 12 jongeren, 2024-2025.',
    ]) {
      const r = await tell('analist9001', { subject: 'thema', subjectKey: 'geld', body, visibility: 'extern' });
      assert.equal(r.status, 201, `${body}: ${r.text}`);
    }
    // one theme whatever its case or spaces: "  Wachttijd " is wachttijd
    assert.deepEqual(
      by('thema').map((n) => [n.subjectKey, n.subjectLabel, n.indicator]),
      [
        ['wachttijd', 'wachttijd', null],
        ['wachttijd', 'wachttijd', null],
      ],
    );
    assert.deepEqual(
      by('aanbieder')
        .map((n) => n.subjectLabel)
        .sort(),
      ['Aanbieder Een (AGB 11111111)', 'Aanbieder Twee (AGB 22222222)'],
    );
    const [product] = by('product');
    assert.equal(product!.subjectKey, '45A01');
    assert.match(product!.subjectLabel ?? '', /^product 45A01 \(.*ambulant.*\)$/i);
    assert.deepEqual([product!.period, product!.periodLabel], ['2024H1', '1e halfjaar 2024']);
    // filtered by subject and key (a theme whatever its case)
    assert.equal((await read('analist9001', '?onderwerp=thema&sleutel=WACHTTIJD')).length, 2);
    assert.equal((await read('analist9001', '?onderwerp=aanbieder')).length, 2);
    // a figure's explanation is still a figure's
    const fig = await tell('analist9001', {
      indicator: 'youth_in_care',
      period: '2024',
      body: 'Duiding bij het cijfer.',
    });
    assert.equal(fig.status, 201, fig.text);
    const [explained] = await read('analist9001', '?onderwerp=indicator');
    assert.deepEqual(
      [explained!.indicator, explained!.subjectKind, explained!.subjectLabel],
      ['youth_in_care', 'indicator', null],
    );
  });

  it('a provider reads only what is about itself, published roles only external texts, a team its own', async () => {
    const own = await read('aanbieder1');
    // external only, and no story about another provider (also not an internal one about itself)
    assert.ok(
      own.every((n) => n.visibility === 'extern'),
      JSON.stringify(own),
    );
    assert.ok(!own.some((n) => n.subjectKind === 'aanbieder' && n.subjectKey !== '11111111'));
    const ext = await tell('analist9001', {
      subject: 'aanbieder',
      subjectKey: '22222222',
      body: 'Extern over aanbieder twee.',
      visibility: 'extern',
    });
    assert.equal(ext.status, 201, ext.text);
    assert.ok(!(await read('aanbieder1')).some((n) => n.subjectKey === '22222222'), 'not about another provider');
    assert.ok(
      (await read('aanbieder2')).some((n) => n.subjectKey === '22222222'),
      'about itself, external',
    );
    assert.ok((await read('bestuur')).every((n) => n.visibility === 'extern'));
    assert.equal((await read('bestuur', '?onderwerp=aanbieder')).length, 1);
    // a provider and bestuur cannot write
    for (const u of ['aanbieder1', 'bestuur'])
      assert.equal((await tell(u, { subject: 'thema', subjectKey: 'wachttijd' })).status, 403, u);
    // a team manager writes for its own team only, and reads its team's internal stories, not the gemeente's
    const team = await tell('teammanager', { subject: 'thema', subjectKey: 'school', scopeKind: 'team' });
    assert.equal(team.status, 201, team.text);
    const seen = await read('teammanager');
    assert.ok(seen.some((n) => n.subjectKey === 'school'));
    assert.ok(
      seen.every((n) => n.visibility === 'extern' || n.scopeKind === 'team'),
      JSON.stringify(seen),
    );
  });

  it('a team’s story is never external: refused for the team manager and the analist alike (red team 34)', async () => {
    for (const [user, fields] of [
      ['teammanager', { scopeKind: 'team' }],
      ['analist9001', { scopeKind: 'team', scopeKey: 'Noord' }],
    ] as const) {
      const r = await tell(user, {
        subject: 'aanbieder',
        subjectKey: '11111111',
        visibility: 'extern',
        body: `Team extern door ${user}.`,
        ...fields,
      });
      assert.equal(r.status, 400, `${user}: ${r.text}`);
      assert.match(r.text, /Een verhaal bij een team is intern/);
    }
    // one released before the rule (written directly) reaches no published reader
    await db.store.query(
      `INSERT INTO narrative (gemeente_code, subject_kind, subject_key, scope_kind, scope_key, author, body, visibility)
       VALUES ('9001', 'aanbieder', '11111111', 'team', 'Noord', 'oud', 'Oud team extern.', 'extern')`,
    );
    for (const u of ['aanbieder1', 'bestuur'])
      assert.ok(!(await read(u)).some((n) => n.body === 'Oud team extern.'), u);
  });
});
