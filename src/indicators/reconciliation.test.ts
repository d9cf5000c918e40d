/**
 * issue 14 point 10, Geld: the Iv3 lasten and the claims of a calendar year side by side, and their
 * difference, through the real app; the Iv3 amount recomputed by hand from the mirror files and the claims
 * from the fixture's own lines, not from the indicator's SQL.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { DEMO_CBS_TABLES } from '../demo/cbsMirror.js';

forEachBackend('Geld: Iv3 lasten reconciled with claims', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });

  it('shows Iv3 lasten, claims and their difference for the calendar year, in whole cents', async () => {
    const iv3 = (
      JSON.parse(readFileSync(join(f.dataDir, 'cbs', DEMO_CBS_TABLES.iv3, 'TypedDataSet.json'), 'utf8')) as {
        value: Array<Record<string, unknown>>;
      }
    ).value;
    // 2024 has only a begroting in the fixture's mirror (accounts lag a year): thousands of euros
    const lasten = iv3
      .filter((r) => r.Gemeenten === 'GM9001  ' && r.Verslagsoort === '2024X000')
      .reduce((s, r) => s + (r.Bedrag_1 as number) * 1000, 0);
    // the fixture's claim lines of 9001 (testing/server.ts): K0–K14 and K29, € 400 + 10 × i, all in March 2024
    const claims = [...Array.from({ length: 15 }, (_, i) => i), 29].reduce((s, i) => s + 400 + i * 10, 0);
    const cookie = await login(f, 'controller');
    for (const period of ['2024', '2024H1']) {
      const res = await f.app.inject({
        method: 'GET',
        url: `/api/v1/indicators/cost_reconciliation?period=${period}&gemeente=9001&by=post`,
        headers: { cookie },
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as {
        definition: { costBasis: { nl: string } };
        rows: Array<{ key: string; value: number; flags: string[] }>;
      };
      const v = Object.fromEntries(body.rows.map((r) => [r.key, r.value]));
      // the fixture has no payments outside iJw (betalingen.csv): 0, and the difference is the claims' alone
      assert.deepEqual(
        v,
        { iv3_lasten: lasten, declaraties: claims, betalingen: 0, verschil: lasten - claims },
        period,
      );
      assert.ok(
        body.rows.every((r) => r.flags.includes('lasten_uit_begroting')),
        'no accounts for 2024 yet: from the budget, flagged',
      );
      assert.match(body.definition.costBasis.nl, /Iv3.*declaraties.*kalenderjaar/);
    }
  });

  it('is money: a role without access to money does not see it', async () => {
    const cookie = await login(f, 'aanbieder1');
    const res = await f.app.inject({
      method: 'GET',
      url: '/api/v1/indicators/cost_reconciliation?period=2024',
      headers: { cookie },
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'geen_toegang');
  });
});
