/**
 * Issue 19 through the Data page's upload: contracts and payments arrive in one request, payments first, and are
 * read in the order they need (contracts first); a refused payments file says which line and column.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, listenLoopback, serverFixture, type ServerFixture } from '../testing/server.js';
import type { FileReport } from '../ingest/report.js';

const CONTRACTS =
  'contract_id;aanbieder_agb;financieringsvorm;tranches;startdatum;einddatum;gemeenten\n' +
  'C-RES;12345678;resultaat;50 start | 50 doelrealisatie;2024-01-01;2027-12-31;9001\n';
const PAYMENTS =
  'betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro\n' +
  'B1;C-RES;9001;2024-02;tranche;1;925,00\n';

forEachBackend('contracts and payments uploaded together', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  let base: string;
  let cookie: string;
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    base = await listenLoopback(f);
    // a TOTP code works once: one log-in for the suite
    cookie = await login(f, 'analist');
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  const upload = async (files: Array<[string, string]>) => {
    const fd = new FormData();
    for (const [name, text] of files) fd.append('bestand', new Blob([text]), name);
    const res = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: { cookie }, body: fd });
    return { status: res.status, body: (await res.json()) as { reports: FileReport[] } };
  };

  it('reads the contracts before the payments checked against them', async () => {
    const r = await upload([
      ['betalingen.csv', PAYMENTS],
      ['contracten.csv', CONTRACTS],
    ]);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.reports.map((x) => [x.recordType, x.status]),
      [
        ['contracten', 'committed'],
        ['betalingen', 'committed'],
      ],
    );
    const rows = await db.store.query<{ amount_cents: number }>('SELECT amount_cents FROM payment');
    assert.deepEqual(rows, [{ amount_cents: 92500 }]);
  });

  it('refuses a payment for a contract that is not there, naming line and column', async () => {
    const r = await upload([['betalingen-2.csv', PAYMENTS.replace('B1;C-RES', 'B2;C-ONBEKEND')]]);
    assert.equal(r.status, 200);
    const [report] = r.body.reports;
    assert.equal(report!.status, 'rejected');
    assert.deepEqual(
      report!.problems.map((p) => [p.line, p.column, p.code]),
      [[2, 'contract_id', 'unknown_contract']],
    );
  });
});
