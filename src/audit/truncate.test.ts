/**
 * Found by the second red team: TRUNCATE audit_log emptied the access log without switching the
 * append-only trigger off (a row trigger does not fire on TRUNCATE). Now refused on both back ends.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { appendAudit } from './log.js';

forEachBackend('the access log refuses TRUNCATE', (kind) => {
  let db: TestDb;
  before(async () => {
    db = await freshStore(kind);
  });
  after(() => db.drop());

  it('TRUNCATE audit_log fails and the entries stay', async () => {
    await appendAudit(db.store, {
      event: 'login',
      username: 'x',
      role: 'analist',
      scope: 'regio',
      outcome: 'ok',
      origin: 'test',
    });
    await assert.rejects(db.store.exec('TRUNCATE audit_log'), /append-only/);
    const [n] = await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    assert.equal(n!.n, 1);
  });
});
