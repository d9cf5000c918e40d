/**
 * Red team finding F1 over the API, as bestuur of the test region: every published split of percentages
 * (indicators from the catalogue, dimensions from their definitions) is set beside every published
 * rounded count of the same gemeente and period (the totals of the count indicators: one of them is the
 * split's denominator, the attacker need not know which). For each exact D the rounded count allows, the
 * disclosure function is the oracle (the attacker knows the rules): D fits when every visible share has an
 * exact numerator that publishes as that share. Exactly one fitting D pins the denominator, and with it
 * the cells; the check fails then. The same for each share of a split on its own.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { INDICATORS } from '../indicators/catalogue.js';
import { applyDisclosureControl } from '../app/disclosure.js';
import type { IndicatorRow } from '../indicators/types.js';

const PERIODS = ['2024H1', '2024H2', '2024Q2', '2024-03'];

function publishedShare(n: number, d: number): number | null {
  const r: IndicatorRow = {
    indicator: 'x',
    gemeente: '9001',
    period: 'p',
    by: null,
    key: null,
    value: (100 * n) / d,
    numerator: n,
    denominator: d,
    unit: 'procent',
    flags: [],
  };
  return applyDisclosureControl([r])[0]!.value;
}

/** The exact denominators in the rounding interval of `total` that fit every share. */
function fitting(shares: readonly number[], total: number): number[] {
  const out: number[] = [];
  for (let d = Math.max(1, total - 2); d <= total + 2; d++) {
    if (
      shares.every((s) => {
        for (let n = 0; n <= d; n++) if (publishedShare(n, d) === s) return true;
        return false;
      })
    )
      out.push(d);
  }
  return out;
}

forEachBackend('the rate attack of red team F1 over the API', (kind) => {
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

  it('no split of shares beside a rounded count pins the exact denominator (bestuur)', async () => {
    const cookie = await login(f, 'bestuur');
    const get = async (url: string) => {
      const res = await f.app.inject({ method: 'GET', url, headers: { cookie } });
      return res.statusCode === 200 ? ((res.json() as { rows?: IndicatorRow[] }).rows ?? []) : [];
    };
    const pinned: string[] = [];
    let pairs = 0;
    for (const period of PERIODS) {
      const totals = new Map<string, number>();
      for (const def of INDICATORS.map((i) => i.definition).filter((d) => d.unit === 'aantal' && !d.personLevel)) {
        const head = (await get(`/api/v1/indicators/${def.id}?period=${period}&gemeente=9001`)).find(
          (r) => r.key === null,
        );
        if (typeof head?.value === 'number') totals.set(def.id, head.value);
      }
      for (const def of INDICATORS.map((i) => i.definition).filter((d) => d.unit === 'procent' && !d.personLevel)) {
        for (const by of def.dimensions) {
          const rows = (await get(`/api/v1/indicators/${def.id}?period=${period}&gemeente=9001&by=${by}`)).filter(
            (r) => r.by === by,
          );
          const shares = rows.map((r) => r.value).filter((v): v is number => typeof v === 'number');
          if (shares.length === 0) continue;
          for (const [countId, total] of totals) {
            pairs++;
            for (const set of [shares, ...shares.map((s) => [s])]) {
              const ds = fitting(set, total);
              if (ds.length === 1)
                pinned.push(`${def.id} by ${by} ${period} (${set.join('/')}) beside ${countId} ${total}: D = ${ds[0]}`);
            }
          }
        }
      }
    }
    assert.ok(pairs > 0, 'the attack had splits and counts to work with');
    assert.deepEqual(pinned.slice(0, 10), [], `${pinned.length} exact denominators pinned`);
  });
});
