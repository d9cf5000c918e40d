/**
 * The provider-exit view (issue 19) over real HTTP on both back ends: bad input first (unknown provider, an end date
 * that is no day, a reason not in the list, unknown fields: 400 in words, nothing stored), then a hand-worked case of
 * the transfer classification (domain/providerExit.ts) counted by hand below, the history of a mark, and the roles:
 * the trajectory list only for the analist and the team manager (its own team), never the bestuur or a provider, and
 * no gemeente outside the scope.
 *
 * The hand-worked case, gemeente 9001, provider A = 11111111 stops on E = 2024-12-31, marked on M = 2024-10-01
 * (set in the store: the API marks on today), N = 30: affected = runs on a day from 2024-10-01 to 2024-12-31;
 * transfer window = 2024-10-01 … 2025-01-30. B = 22222222.
 *   X1  y1 A 2024-01-01 – 2024-09-15                       ended before M: not affected
 *   X2  y2 A 2024-02-01 – open      ; y2 B from 2024-11-01  transferred
 *   X3  y3 A 2024-03-01 – 2024-11-30                       ended without transfer
 *   X4  y4 A 2024-03-01 – open                              on 15-02-2025 open after E (alarm); on 15-12-2024 not yet
 *   X5  y5 A 2024-05-01 – 2024-12-20; y5 B from 2025-01-20  transferred (within E + 30)
 *   X6  y6 A 2024-06-01 – open      ; y6 B from 2025-03-01  B starts after E + 30: not a transfer; alarm / not yet
 *   X7  y7 A 2024-04-01 – 2024-10-15; y7 B from 2024-06-01  B began before the window: ended without transfer
 *   X8  y8 A 2024-07-01 – open (team Zuid); y8 B 2024-12-31 transferred
 *   X9  y9 A from 2025-01-10                                starts after E: not affected
 *   X10 y10 A 2024-08-01 – 2024-12-31                       on 15-02-2025 ended without transfer; on 15-12-2024 not yet
 *   X11 y11 A 2024-01-01 – open, secret address             counted (alarm / not yet), never listed
 *   X12 y12 A in 9002, open                                 another gemeente: not affected
 * On 15-02-2025: affected 9 = transferred 3 (X2, X5, X8) + ended without 3 (X3, X7, X10) + open after E 3 (X4, X6,
 * X11) + not yet 0. On 15-12-2024: transferred 3 + ended without 2 (X3, X7) + open after 0 + not yet 4 (X4, X6, X10,
 * X11) = 9.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { listenLoopback, login, serverFixture, type ServerFixture } from '../testing/server.js';
import { TRAJECTEN_HEADER, testBsn, trajectRow } from '../testing/fixtures.js';
import { publishCounts } from '../app/providerExitView.js';

const A = '11111111';
const B = '22222222';

function trajectories(): string {
  const lines = [`${TRAJECTEN_HEADER};geheim_adres`];
  let n = 0;
  const add = (
    youth: number,
    agb: string,
    start: string,
    end: string,
    o: { team?: string; g?: string; secret?: boolean } = {},
  ) => {
    lines.push(
      `${trajectRow({
        traject_id: `X${n++}`,
        client_id: testBsn(200 + youth),
        gemeente: o.g ?? '9001',
        team: o.team ?? (o.g === '9002' ? 'Centrum' : 'Noord'),
        wijk: `${o.g ?? '9001'}01`,
        aanbieder_agb: agb,
        aanvraagdatum: start,
        toewijzingsdatum: start,
        startdatum: start,
        einddatum: end,
        reden_einde: end ? '31' : '',
        doelrealisatie: end ? 'ja' : '',
      })};${o.secret ? 'ja' : ''}`,
    );
  };
  // X0 is a placeholder so that the numbers below match the comment's X1…X12
  add(0, B, '2023-01-01', '2023-02-01');
  add(1, A, '2024-01-01', '2024-09-15');
  add(2, A, '2024-02-01', '');
  add(3, A, '2024-03-01', '2024-11-30');
  add(4, A, '2024-03-01', '');
  add(5, A, '2024-05-01', '2024-12-20');
  add(6, A, '2024-06-01', '');
  add(7, A, '2024-04-01', '2024-10-15');
  add(8, A, '2024-07-01', '', { team: 'Zuid' });
  add(9, A, '2025-01-10', '');
  add(10, A, '2024-08-01', '2024-12-31');
  add(11, A, '2024-01-01', '', { secret: true });
  add(12, A, '2024-01-01', '', { g: '9002' });
  // the moves to B (X13…X17)
  add(2, B, '2024-11-01', '');
  add(5, B, '2025-01-20', '');
  add(6, B, '2025-03-01', '');
  add(7, B, '2024-06-01', '');
  add(8, B, '2024-12-31', '', { team: 'Zuid' });
  return lines.join('\n');
}
// one claim line: the fixture's claims name trajectories this file does not have
const CLAIMS =
  'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status;ontvangstdatum\n' +
  'K1;9001;X2;;11111111;45;45A01;2024-03-01;2024-03-31;4;04;440,00;D;toegekend;2024-03-31\n';

interface Counts {
  affected: number | string | null;
  transferred: number | string | null;
  endedWithoutTransfer: number | string | null;
  openAfterEnd: number | string | null;
  notYetTransferred: number | string | null;
}
interface Exit {
  gemeente: string;
  provider: string;
  providerName: string | null;
  endDate: string;
  reason: string;
  reasonNl: string;
  note: string | null;
  status: string;
  markedOn: string;
  createdBy: string | null;
  history: Array<{ action: string; endDate: string; reason: string; note: string | null; by: string | null }>;
  counts: Counts | null;
  alarm: boolean;
}

describe('published counts of an exit (hand-worked)', () => {
  it('rounds to 5, hides below 10, and hides one more part when exactly one part is hidden', () => {
    // 45 = 20 + 12 + 10 + 3: the 3 alone would be 45 − 20 − 12 − 10, so the smallest shown part (10) goes too
    assert.deepEqual(
      publishCounts({
        affected: 45,
        transferred: 20,
        endedWithoutTransfer: 12,
        openAfterEnd: 10,
        notYetTransferred: 3,
      }),
      { affected: 45, transferred: 20, endedWithoutTransfer: 10, openAfterEnd: '<10', notYetTransferred: '<10' },
    );
    // two parts already hidden: nothing more
    assert.deepEqual(
      publishCounts({ affected: 41, transferred: 22, endedWithoutTransfer: 13, openAfterEnd: 4, notYetTransferred: 2 }),
      { affected: 40, transferred: 20, endedWithoutTransfer: 15, openAfterEnd: '<10', notYetTransferred: '<10' },
    );
  });
});

forEachBackend('the provider-exit view', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  const cookies = new Map<string, string>();

  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store, {}, { files: { 'trajecten.csv': trajectories(), 'declaraties.csv': CLAIMS } });
    base = await listenLoopback(f);
    for (const u of [
      'contractmanager',
      'controller',
      'analist',
      'analist9001',
      'teammanager',
      'aanbieder1',
      'aanbieder2',
      'bestuur',
      'beheerder',
    ]) {
      f.clock.now = new Date(f.clock.now.getTime() + 30_000); // a fresh TOTP step per log-in
      cookies.set(u, await login(f, u));
    }
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
  const mark = (user: string, body: Record<string, unknown>, gemeente = '9001', agb = A) =>
    call(user, 'PUT', `/stoppende-aanbieders/${gemeente}/${agb}`, body);
  const overview = async (user: string, query = '') => {
    const r = await call(user, 'GET', `/stoppende-aanbieders${query}`);
    assert.equal(r.status, 200, r.text);
    return r.json as { referenceDate: string; transferWindowDays: number; exits: Exit[] };
  };
  const stored = async () =>
    (await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM provider_exit'))[0]!.n;

  it('refuses bad input in words and stores nothing', async () => {
    const bad: Array<[string, Record<string, unknown>, RegExp, string?]> = [
      [
        'unknown provider',
        { einddatum: '2024-12-31', reden: 'faillissement' },
        /Aanbieder 99999999 is niet bekend/,
        '99999999',
      ],
      ['no such day', { einddatum: '2024-02-30', reden: 'faillissement' }, /Ongeldige einddatum: 2024-02-30/],
      [
        'words for a date',
        { einddatum: 'volgende week', reden: 'faillissement' },
        /Ongeldige einddatum: volgende week/,
      ],
      ['a year out of reach', { einddatum: '1999-12-31', reden: 'faillissement' }, /Ongeldige einddatum/],
      [
        'reason not in the list',
        { einddatum: '2024-12-31', reden: 'failliet' },
        /'reden' moet een van deze zijn: faillissement, contract_beeindigd, aanbieder_stopt, anders/,
      ],
      ['no reason', { einddatum: '2024-12-31' }, /'reden' ontbreekt/],
      [
        'unknown field',
        { einddatum: '2024-12-31', reden: 'anders', Reden: 'anders' },
        /het veld 'Reden' bestaat hier niet/,
      ],
      [
        'a number for the note',
        { einddatum: '2024-12-31', reden: 'anders', toelichting: 5 },
        /'toelichting' is tekst|moet tekst zijn/,
      ],
    ];
    for (const [what, body, message, agb] of bad) {
      const r = await mark('contractmanager', body, '9001', agb ?? A);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.match(r.json.message as string, message, what);
    }
    const path = await call('contractmanager', 'PUT', '/stoppende-aanbieders/9001/1234', {
      einddatum: '2024-12-31',
      reden: 'anders',
    });
    assert.equal(path.status, 400, path.text);
    const query = await call('contractmanager', 'GET', '/stoppende-aanbieders?gemeentes=9001');
    assert.equal(query.status, 400, query.text);
    assert.match(query.json.message as string, /'gemeentes' bestaat hier niet/);
    const day = await call('contractmanager', 'GET', '/stoppende-aanbieders?peildatum=2025-02-30');
    assert.equal(day.status, 400, day.text);
    const none = await call('contractmanager', 'DELETE', `/stoppende-aanbieders/9001/${B}`);
    assert.equal(none.status, 404, none.text);
    assert.match(none.json.message as string, /geen stop gemeld/);
    assert.equal(await stored(), 0, 'nothing of the refused requests was stored');
  });

  it('marks, changes, withdraws and marks again, keeping every step', async () => {
    const first = await mark('contractmanager', {
      einddatum: '2024-11-30',
      reden: 'contract_beeindigd',
      toelichting: 'perceel niet gegund',
    });
    assert.equal(first.status, 201, first.text);
    const changed = await mark('controller', {
      einddatum: '2024-12-31',
      reden: 'faillissement',
      toelichting: 'curator benoemd',
    });
    assert.equal(changed.status, 200, changed.text);
    const gone = await call('contractmanager', 'DELETE', `/stoppende-aanbieders/9001/${A}`);
    assert.equal(gone.status, 200, gone.text);
    assert.equal(gone.json.status, 'ingetrokken');
    const withdrawn = (await overview('contractmanager', '?gemeente=9001')).exits.find((e) => e.provider === A)!;
    assert.equal(withdrawn.counts, null, 'a withdrawn mark has no counts');
    const again = await mark('contractmanager', {
      einddatum: '2024-12-31',
      reden: 'faillissement',
      toelichting: 'curator benoemd',
    });
    assert.equal(again.status, 201, again.text);
    const e = again.json as unknown as Exit;
    assert.deepEqual(
      e.history.map((h) => [h.action, h.endDate, h.reason, h.note, h.by]),
      [
        ['gemeld', '2024-11-30', 'contract_beeindigd', 'perceel niet gegund', 'contractmanager'],
        ['gewijzigd', '2024-12-31', 'faillissement', 'curator benoemd', 'controller'],
        ['ingetrokken', '2024-12-31', 'faillissement', 'curator benoemd', 'contractmanager'],
        ['gemeld', '2024-12-31', 'faillissement', 'curator benoemd', 'contractmanager'],
      ],
    );
    // the hand-worked case was marked on 1 October 2024
    await db.store.query(`UPDATE provider_exit SET marked_on = '2024-10-01' WHERE provider_agb = $1`, [A]);
    // and B stops in 9002 (for the provider's view below)
    assert.equal(
      (await mark('contractmanager', { einddatum: '2025-06-30', reden: 'aanbieder_stopt' }, '9002', B)).status,
      201,
    );
  });

  it('counts the hand-worked case on two reference days', async () => {
    const on = async (day: string) =>
      (await overview('contractmanager', `?gemeente=9001&peildatum=${day}`)).exits.find((e) => e.provider === A)!;
    const late = await on('2025-02-15');
    assert.equal(late.providerName, 'Aanbieder Een');
    assert.equal(late.reasonNl, 'faillissement');
    assert.deepEqual(late.counts, {
      affected: 9,
      transferred: 3,
      endedWithoutTransfer: 3,
      openAfterEnd: 3,
      notYetTransferred: 0,
    });
    assert.equal(late.alarm, true);
    const early = await on('2024-12-15');
    assert.deepEqual(early.counts, {
      affected: 9,
      transferred: 3,
      endedWithoutTransfer: 2,
      openAfterEnd: 0,
      notYetTransferred: 4,
    });
    assert.equal(early.alarm, false);
  });

  it('lists the trajectories for the analist (no secret address) and the team manager (its own team), logged', async () => {
    const path = `/stoppende-aanbieders/9001/${A}/trajecten?peildatum=2025-02-15`;
    const r = await call('analist', 'GET', path);
    assert.equal(r.status, 200, r.text);
    const rows = r.json.trajectories as Array<{
      trajectory: string;
      status: string;
      statusNl: string;
      team: string;
      transferProviderName: string | null;
      productNl: string;
    }>;
    assert.deepEqual(rows.map((x) => [x.trajectory, x.status]).sort(), [
      ['X10', 'beeindigd_zonder_overdracht'],
      ['X2', 'overgedragen'],
      ['X3', 'beeindigd_zonder_overdracht'],
      ['X4', 'open_na_einddatum'],
      ['X5', 'overgedragen'],
      ['X6', 'open_na_einddatum'],
      ['X7', 'beeindigd_zonder_overdracht'],
      ['X8', 'overgedragen'],
    ]);
    const x2 = rows.find((x) => x.trajectory === 'X2')!;
    assert.equal(x2.transferProviderName, 'Aanbieder Twee');
    assert.equal(x2.statusNl, 'overgedragen');
    assert.doesNotMatch(x2.productNl, /onbekend/);
    const team = await call('teammanager', 'GET', path);
    assert.equal(team.status, 200, team.text);
    const teamRows = team.json.trajectories as Array<{ trajectory: string; team: string }>;
    assert.equal(teamRows.length, 7);
    assert.ok(
      teamRows.every((x) => x.team === 'Noord'),
      'only its own team',
    );
    const logged = await db.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE event = 'lezen_persoonsgegevens' AND query LIKE 'stoppende aanbieder%'`,
    );
    assert.equal(logged[0]!.n, 2);
  });

  it('roles: the list never for bestuur, a provider or the contract roles; marking only by the contract roles', async () => {
    const path = `/stoppende-aanbieders/9001/${A}/trajecten`;
    for (const user of ['bestuur', 'aanbieder1', 'aanbieder2', 'contractmanager', 'controller', 'beheerder']) {
      const r = await call(user, 'GET', path);
      assert.equal(r.status, 403, `${user}: ${r.text}`);
    }
    for (const user of ['bestuur', 'aanbieder1', 'analist', 'teammanager', 'beheerder']) {
      const w = await mark(user, { einddatum: '2024-12-31', reden: 'anders' });
      assert.equal(w.status, 403, `${user}: ${w.text}`);
      const d = await call(user, 'DELETE', `/stoppende-aanbieders/9001/${A}`);
      assert.equal(d.status, 403, `${user}: ${d.text}`);
    }
    // every role reads the overview
    for (const user of [
      'contractmanager',
      'controller',
      'analist',
      'teammanager',
      'aanbieder1',
      'bestuur',
      'beheerder',
    ])
      assert.equal((await call(user, 'GET', '/stoppende-aanbieders')).status, 200, user);
  });

  it('a gemeente outside the scope is refused', async () => {
    const cases: Array<[string, string, string, unknown?]> = [
      ['controller', 'PUT', `/stoppende-aanbieders/9002/${B}`, { einddatum: '2025-06-30', reden: 'anders' }],
      ['controller', 'DELETE', `/stoppende-aanbieders/9002/${B}`],
      ['analist9001', 'GET', `/stoppende-aanbieders/9002/${B}/trajecten`],
      ['teammanager', 'GET', `/stoppende-aanbieders/9002/${B}/trajecten`],
      ['bestuur', 'GET', '/stoppende-aanbieders?gemeente=9002'],
    ];
    for (const [user, method, path, body] of cases) {
      const r = await call(user, method, path, body);
      assert.equal(r.status, 403, `${user} ${method} ${path}: ${r.text}`);
    }
    // the controller's overview holds 9001 only
    assert.deepEqual([...new Set((await overview('controller')).exits.map((e) => e.gemeente))], ['9001']);
  });

  it('bestuur and a provider read the counts published; a provider only its own mark, without names', async () => {
    // published counts are today's only: day by day side by side they gave a hidden count back (red team 28)
    const other = await call('bestuur', 'GET', '/stoppende-aanbieders?peildatum=2025-02-15');
    assert.equal(other.status, 403, other.text);
    const today = f.clock.now;
    f.clock.now = new Date('2025-02-15T10:00:00Z');
    try {
      const mine = (await overview('bestuur')).exits.find((e) => e.provider === A)!;
      // 9 affected, every part below 10: all hidden; no alarm from a hidden count. After the end date nothing can
      // still be "to transfer": that part is no count at all (null, as the answer's published zeros are) and takes
      // no part in the hiding (red team 28: hidden as "<10" it left the one real hidden part alone)
      assert.deepEqual(mine.counts, {
        affected: '<10',
        transferred: '<10',
        endedWithoutTransfer: '<10',
        openAfterEnd: '<10',
        notYetTransferred: null,
      });
      assert.equal(mine.alarm, false);
      const own = await overview('aanbieder1');
      assert.deepEqual(
        own.exits.map((e) => e.provider),
        [A],
        'only its own mark',
      );
      assert.equal(own.exits[0]!.createdBy, null);
      assert.ok(
        own.exits[0]!.history.every((h) => h.by === null),
        'no names of the gemeente staff',
      );
      assert.equal(own.exits[0]!.counts!.affected, '<10');
      // the team manager reads the gemeente's counts published, like its other figures beyond its team
      assert.equal((await overview('teammanager')).exits[0]!.counts!.affected, '<10');
    } finally {
      f.clock.now = today;
    }
    assert.deepEqual(
      (await overview('aanbieder2')).exits.map((e) => e.provider),
      [B],
    );
  });

  it('row-level security keeps another gemeente out even when the code asks for it', async () => {
    const { withScope } = await import('../store/sql.js');
    const seen = await withScope(db.store, { gemeenten: ['9001'] }, (tx) =>
      tx.query<{ gemeente_code: string }>('SELECT gemeente_code FROM provider_exit'),
    );
    assert.deepEqual([...new Set(seen.map((r) => r.gemeente_code))], ['9001']);
    const changes = await withScope(db.store, { gemeenten: ['9002'] }, (tx) =>
      tx.query<{ gemeente_code: string }>('SELECT gemeente_code FROM provider_exit_change'),
    );
    assert.deepEqual([...new Set(changes.map((r) => r.gemeente_code))], ['9002']);
    const provider = await withScope(db.store, { gemeenten: ['9001', '9002'], provider: B }, (tx) =>
      tx.query<{ provider_agb: string }>('SELECT provider_agb FROM provider_exit'),
    );
    assert.deepEqual(
      provider.map((r) => r.provider_agb),
      [B],
    );
  });
});
