/**
 * Stories about a provider in its report (issue 20): the internal version holds every story about it that is not a
 * team's own note or scoped to another provider; the external version (what the provider itself and the bestuur
 * read) only those released for it; a story of another period or about another provider never.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestDb } from '../testing/backends.js';
import { serverFixture, type ServerFixture } from '../testing/server.js';
import { reportData } from './data.js';
import { buildReport, type ReportData } from './model.js';

let db: TestDb;
let f: ServerFixture;
let data: ReportData;

before(async () => {
  db = await freshStore('pglite');
  f = await serverFixture(db.store);
  const story = (o: {
    g?: string;
    period: string | null;
    agb?: string;
    scope?: [string, string | null];
    visibility: 'intern' | 'extern';
    source?: string;
    body: string;
  }) =>
    db.store.query(
      `INSERT INTO narrative (gemeente_code, indicator_id, period, subject_kind, subject_key, scope_kind, scope_key,
         author, body, visibility, source, consent, created_at)
       VALUES ($1, NULL, $2, 'aanbieder', $3, $4, $5, 'analist9001', $6, $7, $8, true, '2024-04-02T10:00:00Z')`,
      [
        o.g ?? '9001',
        o.period,
        o.agb ?? '11111111',
        o.scope?.[0] ?? 'gemeente',
        o.scope?.[1] ?? null,
        o.body,
        o.visibility,
        o.source ?? 'client',
      ],
    );
  await story({ period: '2024Q1', visibility: 'extern', body: 'Vrijgegeven: het wachten viel mee.' });
  await story({ period: null, visibility: 'intern', source: 'professional', body: 'Intern: goede samenwerking.' });
  await story({ g: '9002', period: '2024-02', visibility: 'intern', source: 'duiding', body: 'Proefstad: februari.' });
  await story({ period: '2023Q4', visibility: 'extern', body: 'Vorig kwartaal.' });
  await story({ period: '2024Q1', visibility: 'extern', agb: '22222222', body: 'Over Aanbieder Twee.' });
  await story({ period: '2024Q1', visibility: 'intern', scope: ['team', 'Noord'], body: 'Team Noord intern.' });
  await story({
    period: '2024Q1',
    visibility: 'intern',
    scope: ['aanbieder', '22222222'],
    body: 'Geschreven voor Aanbieder Twee.',
  });
  // a team's story released before that was refused: in neither version (the report belongs to no team)
  await story({ period: '2024Q1', visibility: 'extern', scope: ['team', 'Noord'], body: 'Team Noord extern.' });
  data = reportData(db.store, f.ctx.lens);
});
after(async () => {
  await f?.close();
  await db?.drop();
});

const stories = async (extern: boolean, gemeente = '9001', scope?: string[]) => {
  const m = await buildReport(data, {
    kind: 'aanbieder',
    gemeente,
    period: '2024Q1',
    provider: '11111111',
    extern,
    ...(scope ? { scope } : {}),
  });
  const s = m.sections.find((x) => x.heading === 'Verhalen over Aanbieder Een');
  assert.ok(s, 'the report has the section Verhalen over Aanbieder Een');
  return s.tables[0]?.rows ?? [];
};

it('internally: the stories about the provider in the quarter or without a period, in words', async () => {
  const rows = await stories(false);
  assert.deepEqual(
    rows.map((r) => r.slice(0, 4)),
    [
      ['Vrijgegeven: het wachten viel mee.', 'verhaal van een cliënt', 'Testdorp', '1e kwartaal 2024'],
      ['Intern: goede samenwerking.', 'verhaal van een professional', 'Testdorp', 'zonder periode'],
      ['Proefstad: februari.', 'duiding', 'Proefstad', 'februari 2024'],
    ],
  );
  assert.equal(rows[0]![5], '02-04-2024');
});

it('externally: only the released story', async () => {
  const rows = await stories(true);
  assert.deepEqual(
    rows.map((r) => r[0]),
    ['Vrijgegeven: het wachten viel mee.'],
  );
});

it('asked as regio:R the same stories; a reader with one gemeente in scope only that gemeente’s (red team 34)', async () => {
  assert.deepEqual(await stories(false, 'regio:R'), await stories(false));
  assert.deepEqual(
    (await stories(true, '9001', ['9001'])).map((r) => r[2]),
    ['Testdorp'],
  );
  assert.ok(!(await stories(false, '9001', ['9001'])).some((r) => r[2] === 'Proefstad'));
});
