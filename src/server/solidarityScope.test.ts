/**
 * solidarity_share stands on the whole jeugdregio: a gemeente's cost under the key is a share of the region's total,
 * so with the share beside it the total comes back. A controller who sees only 9001 gets the figures published (as a
 * report publishes a regio figure for such a caller); a regio-wide analist gets them exact; other indicators stay
 * exact for the controller.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';

interface Row {
  gemeente: string;
  key: string | null;
  value: number | null;
  flags: string[];
}

onOneBackend('solidarity_share beyond the caller’s scope is published', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const cookies = new Map<string, string>();
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    for (const user of ['controller', 'analist']) {
      f.clock.now = new Date(f.clock.now.getTime() + 30_000);
      cookies.set(user, await login(f, user));
    }
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });
  const rows = async (user: string, id: string, query: string) => {
    const res = await f.app.inject({
      method: 'GET',
      url: `/api/v1/indicators/${id}?${query}`,
      headers: { cookie: cookies.get(user)! },
    });
    assert.equal(res.statusCode, 200, `${user}: ${res.body}`);
    return res.json() as { rows: Row[]; disclosureControl: boolean };
  };
  const isPublished = (r: Row) => r.flags.includes('afgerond') || r.flags.includes('onderdrukt');

  it('the controller of 9001 gets the published figures, the regio-wide analist the exact ones', async () => {
    const own = await rows('controller', 'solidarity_share', 'period=2024&by=post&gemeente=9001');
    assert.ok(own.rows.length > 0, 'rows for 9001');
    assert.ok(own.rows.every((r) => r.gemeente === '9001'));
    assert.ok(own.rows.every(isPublished), JSON.stringify(own.rows));
    assert.equal(own.disclosureControl, true);
    const all = await rows('analist', 'solidarity_share', 'period=2024&by=post&gemeente=9001');
    assert.ok(all.rows.length > 0 && !all.rows.some(isPublished), JSON.stringify(all.rows));
    assert.equal(all.disclosureControl, false);
    // the OData feed publishes the same way
    const feed = async (user: string) => {
      const filter = encodeURIComponent("indicator eq 'solidarity_share' and period eq '2024' and split eq 'post'");
      const res = await f.app.inject({
        method: 'GET',
        url: `/api/v1/odata/IndicatorRows?$filter=${filter}`,
        headers: { cookie: cookies.get(user)! },
      });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { value: Array<{ flags: string; gemeente: string }> }).value;
    };
    const published = (flags: string) => /afgerond|onderdrukt/.test(flags);
    const odataOwn = await feed('controller');
    assert.ok(odataOwn.length > 0 && odataOwn.every((r) => published(r.flags)), JSON.stringify(odataOwn));
    const odataAll = await feed('analist');
    assert.ok(odataAll.length > 0 && !odataAll.some((r) => published(r.flags)), JSON.stringify(odataAll));
    // the controller's other figures of its own gemeente stay exact
    const cost = await rows('controller', 'cost_total', 'period=2024&gemeente=9001');
    assert.ok(cost.rows.length > 0 && !cost.rows.some(isPublished));
  });
});
