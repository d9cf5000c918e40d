/**
 * The contract register (issue 19) over the API, on the server fixture's region (testing/server.ts) with three
 * contracts and three payments, checked against a hand computation. Bad input and refusals first; then the figures
 * as the contractmanager (regio) sees them, the six-month warning on two reference days, and the scope: the
 * controller of 9001 sees neither the 9002-only contract nor any euro or youth of 9002 in the shared one.
 *
 * Fixture (testing/server.ts): trajectories allocated 2024-01-08, started 2024-02-01, two in three ended 2024-10-31
 * (the first of every three stays open); product 45 / 45A01; one claim line each for March 2024 of € 400 + 10 i.
 *   9001, 11111111: 13 youths (Noord 8, Zuid 4, one with a secret address); claims K0–K11 and K29. Open after
 *     October (the first of every three per team): Noord 3, Zuid 2, secret 1 → 6
 *   9001, 22222222: T12–T14 (3 youths); claims K12–K14
 *   9002, 22222222: T15–T28 (14 youths); claims K15–K28
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import type { ContractRegister, RegisterContract } from '../app/contractRegister.js';

const CONTRACTS = [
  'contract_id;naam;aanbieder_agb;consortium;perceel;financieringsvorm;tranches;productcategorieen;productcodes;plafond_euro;startdatum;einddatum;verlengingen;verlengingen_benut;evaluatiemomenten;gemeenten',
  // 9001 with provider Een, p×q, ceiling € 10.000, ends 2024-12-31 (1+1, none used)
  'C-A;Ambulant Een;11111111;;perceel 1;inspanningsgericht;;45;;10000;2022-01-01;2024-12-31;1+1;0;2024-06-30|2025-06-30;9001',
  // regional with provider Twee, ceiling € 50.000, 2024–2026 (2+2), evaluation mid-2025
  'C-B;Regionaal Twee;22222222;;perceel 2;outputgericht;;;;50000;2024-01-01;2026-12-31;2+2;0;2025-06-30;9001|9002',
  // 9002 only, pgb for a product nobody has: ends within six months, but no youth is affected
  'C-C;PGB Twee;22222222;;;pgb;;;45A99;;2024-01-01;2024-12-31;;;;9002',
].join('\n');
const PAYMENTS = [
  'betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro',
  'B1;C-A;9001;2024-05;voorschot;;1000,00',
  // the previous contract year: not in 2024's use
  'B2;C-A;9001;2023-06;termijn;;500,00',
  'B3;C-B;9002;2024-02;termijn;;2000,00',
].join('\n');

forEachBackend('contract register (issue 19)', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store, {}, { files: { 'contracten.csv': CONTRACTS, 'betalingen.csv': PAYMENTS } });
    for (const who of ['contractmanager', 'controller', 'bestuur', 'analist']) cookies.set(who, await login(f, who));
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  const get = (who: string | null, url: string) =>
    f.app.inject({ method: 'GET', url, headers: who ? { cookie: cookies.get(who)! } : {} });
  const register = async (who: string, day: string) => {
    const res = await get(who, `/api/v1/contracten?peildatum=${day}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as ContractRegister;
  };
  const one = (r: ContractRegister, id: string): RegisterContract => {
    const c = r.contracts.find((x) => x.id === id);
    assert.ok(c, `${id} in the register`);
    return c;
  };

  it('refuses bad input and other roles in the error vocabulary', async () => {
    assert.equal((await get(null, '/api/v1/contracten')).statusCode, 401);
    for (const who of ['bestuur', 'analist']) {
      const res = await get(who, '/api/v1/contracten');
      assert.equal(res.statusCode, 403, who);
      assert.equal(res.json().code, 'geen_toegang');
    }
    const bad = await get('contractmanager', '/api/v1/contracten?peildatum=2024-02-30');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'ongeldige_datum');
    assert.match(bad.json().message, /peildatum: 2024-02-30/);
    assert.equal((await get('contractmanager', '/api/v1/contracten?peildatum=morgen')).statusCode, 400);
    const unknown = await get('contractmanager', '/api/v1/contracten/C-ONBEKEND?peildatum=2024-09-15');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(unknown.json().code, 'onbekend_contract');
    const outside = await get('controller', '/api/v1/contracten?gemeente=9002');
    assert.equal(outside.statusCode, 403);
    assert.equal(outside.json().code, 'buiten_scope');
  });

  it('gives the figures of the hand computation to the contractmanager (regio)', async () => {
    const r = await register('contractmanager', '2024-09-15');
    assert.deepEqual(
      r.contracts.map((c) => c.id),
      ['C-A', 'C-C', 'C-B'],
      'the next decision first',
    );
    const a = one(r, 'C-A');
    assert.deepEqual(a.providers, [{ agb: '11111111', name: 'Aanbieder Een' }]);
    assert.equal(a.financingFormNl, 'inspanningsgericht (prijs × aantal per tijdseenheid)');
    assert.deepEqual(a.term, {
      start: '2022-01-01',
      initialEnd: '2024-12-31',
      currentEnd: '2024-12-31',
      maxEnd: '2026-12-31',
      extensions: '1+1',
      extensionsUsed: 0,
      extensionsLeft: 2,
    });
    assert.equal(a.nextDecisionDate, '2024-12-31');
    assert.equal(a.nextEvaluationDate, '2025-06-30');
    assert.deepEqual(a.contractYear, { from: '2024-01-01', to: '2024-12-31' });
    // claims K0–K11 (12 × 400 + 10 × 66 = 5.460) and K29 (690) = € 6.150; payment B1 € 1.000 (B2 is 2023)
    assert.deepEqual(a.use, { claimsCents: 615_000, paymentsCents: 100_000, totalCents: 715_000, pct: 71.5 });
    assert.equal(a.ceilingCents, 1_000_000);
    // 13 youths of provider Een in 9001 are running on 15 September; the term ends within six months
    assert.equal(a.youthsRunning, 13);
    assert.equal(a.endsSoon, true);
    assert.equal(a.warning, true);

    const b = one(r, 'C-B');
    assert.deepEqual(b.parties, ['9001', '9002']);
    assert.deepEqual(b.gemeenten, ['9001', '9002']);
    assert.equal(b.complete, true);
    // claims K12–K28: 17 × 400 + 10 × 340 = 10.200; payment B3 € 2.000 → € 12.200 of € 50.000
    assert.deepEqual(b.use, { claimsCents: 1_020_000, paymentsCents: 200_000, totalCents: 1_220_000, pct: 24.4 });
    assert.equal(b.youthsRunning, 17);
    assert.equal(b.endsSoon, false);
    assert.equal(b.warning, false);
    assert.equal(b.nextDecisionDate, '2026-12-31');

    const c = one(r, 'C-C');
    assert.equal(c.financingFormNl, 'persoonsgebonden budget (pgb)');
    assert.equal(c.ceilingCents, null);
    assert.equal(c.use.pct, null);
    assert.equal(c.youthsRunning, 0);
    assert.equal(c.endsSoon, true, 'ends 2024-12-31, within six months');
    assert.equal(c.warning, false, 'no youth has a running allocation for its product');
  });

  it('counts only the allocations still running on the reference day; an ended term has no decision left', async () => {
    // after 31 October only the open trajectories run: Noord 3, Zuid 2, secret 1
    const a = one(await register('contractmanager', '2024-11-15'), 'C-A');
    assert.equal(a.youthsRunning, 6);
    assert.equal(a.warning, true);
    // more than six months before the end: no warning, though 13 youths run
    const early = one(await register('contractmanager', '2024-06-15'), 'C-A');
    assert.equal(early.youthsRunning, 13);
    assert.equal(early.endsSoon, false);
    assert.equal(early.warning, false);
    const ended = one(await register('contractmanager', '2025-02-01'), 'C-A');
    assert.equal(ended.nextDecisionDate, null);
    assert.equal(ended.endsSoon, false);
    assert.deepEqual(ended.contractYear, { from: '2024-01-01', to: '2024-12-31' }, 'the last year it ran');
  });

  it('keeps the controller of 9001 inside 9001: no 9002-only contract, no 9002 euro or youth', async () => {
    const r = await register('controller', '2024-09-15');
    assert.deepEqual(r.gemeenten, ['9001']);
    assert.deepEqual(
      r.contracts.map((c) => c.id),
      ['C-A', 'C-B'],
    );
    const b = one(r, 'C-B');
    assert.deepEqual(b.gemeenten, ['9001']);
    assert.equal(b.complete, false, 'the ceiling is for all parties; the use shown is 9001 only');
    // K12–K14: 520 + 530 + 540 = € 1.590; B3 is 9002's
    assert.deepEqual(b.use, { claimsCents: 159_000, paymentsCents: 0, totalCents: 159_000, pct: 3.2 });
    assert.equal(b.youthsRunning, 3);
    const hidden = await get('controller', '/api/v1/contracten/C-C?peildatum=2024-09-15');
    assert.equal(hidden.statusCode, 404, "another gemeente's contract is not there for this caller");
    assert.equal(hidden.json().code, 'onbekend_contract');
    const detail = await get('controller', '/api/v1/contracten/C-A?peildatum=2024-09-15');
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().use.totalCents, 715_000);
    assert.equal(detail.json().referenceDate, '2024-09-15');
  });
});
