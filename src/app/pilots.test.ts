/**
 * The register's tables in the database itself (migration 31), on both back ends: row-level security keeps another
 * gemeente's pilots out of a scoped session, for reading and for writing; and the links carry the gemeente in their
 * foreign keys, so even a session that sees both gemeenten cannot tie a pilot to another gemeente's goal, story or
 * business case. The CHECKs hold the vocabulary and the horizon.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { withScope } from '../store/sql.js';
import { insertPilot, loadPilots, type PilotInput } from './pilots.js';

forEachBackend('pilot register tables', (kind) => {
  let db: TestDb;
  const goals: Record<string, number> = {};
  before(async () => {
    db = await freshStore(kind);
    await db.store.query("INSERT INTO gemeente (code, name) VALUES ('9001', 'Een'), ('9002', 'Twee')");
    for (const g of ['9001', '9002']) {
      const [r] = await db.store.query<{ id: number }>(
        `INSERT INTO goal (gemeente_code, indicator_id, title, target_value, deadline)
         VALUES ($1, 'dropout', 'Minder uitval', 10, '2027-12-31') RETURNING id::int AS id`,
        [g],
      );
      goals[g] = r!.id;
    }
  });
  after(async () => db?.drop());

  const pilot = (gemeente: string, name: string, extra: Partial<PilotInput> = {}): PilotInput => ({
    gemeente,
    name,
    description: null,
    budgetSource: 'subsidie',
    budgetCents: 100_00,
    start: '2025-01-01',
    end: '2027-12-31',
    owner: 'wijkteam',
    goalIds: [],
    storyIds: [],
    businessCaseIds: [],
    evaluations: [],
    ...extra,
  });
  const as = <T>(gemeenten: string[], fn: Parameters<typeof withScope<T>>[2]) => withScope(db.store, { gemeenten }, fn);

  it('a scoped session reads and writes only its own gemeente', async () => {
    await insertPilot(db.store, pilot('9001', 'Pilot een'), 'test');
    await insertPilot(db.store, pilot('9002', 'Pilot twee'), 'test');
    const seen = await as(['9001'], (tx) => loadPilots(tx, ['9001', '9002']));
    assert.deepEqual(
      seen.map((p) => p.name),
      ['Pilot een'],
    );
    await assert.rejects(
      as(['9001'], (tx) =>
        tx.query(
          `INSERT INTO pilot (gemeente_code, name, budget_source, budget_cents, start_date, end_date, owner_team)
           VALUES ('9002', 'Ingeschoven', 'subsidie', 1, '2025-01-01', '2026-01-01', 'team')`,
        ),
      ),
      /row-level security/,
    );
    const hidden = await as(['9001'], (tx) =>
      tx.query("UPDATE pilot SET budget_cents = 0 WHERE gemeente_code = '9002' RETURNING id"),
    );
    assert.equal(hidden.length, 0, 'an update cannot reach the other gemeente');
  });

  it("a link to another gemeente's goal is refused by the database itself", async () => {
    await assert.rejects(
      as(['9001', '9002'], async (tx) => {
        const [p] = await loadPilots(tx, ['9001']);
        await tx.query('INSERT INTO pilot_goal (gemeente_code, pilot_id, goal_id) VALUES ($1, $2, $3)', [
          '9001',
          p!.id,
          goals['9002'],
        ]);
      }),
      /foreign key/,
    );
    // the application says it in words first (app/pilots.ts checkLinks)
    await assert.rejects(
      insertPilot(db.store, pilot('9001', 'Met vreemd doel', { goalIds: [goals['9002']!] }), 'test'),
      /doelen/,
    );
  });

  it('the CHECKs hold the vocabulary, the horizon and an outcome with its day', async () => {
    const row = (over: string) =>
      db.store.query(
        `INSERT INTO pilot (gemeente_code, name, budget_source, budget_cents, start_date, end_date, owner_team)
         VALUES ${over}`,
      );
    await assert.rejects(row("('9001', 'Bron', 'innovation', 1, '2025-01-01', '2026-01-01', 'team')"), /check/i);
    await assert.rejects(row("('9001', 'Horizon', 'subsidie', 1, '2026-01-01', '2025-01-01', 'team')"), /check/i);
    await assert.rejects(row("('9001', 'Negatief', 'subsidie', -1, '2025-01-01', '2026-01-01', 'team')"), /check/i);
    const [p] = await loadPilots(db.store, ['9001']);
    await assert.rejects(
      db.store.query(
        `INSERT INTO pilot_evaluation (gemeente_code, pilot_id, planned_date, outcome) VALUES ('9001', $1, '2025-06-01', 'stoppen')`,
        [p!.id],
      ),
      /check/i,
    );
    await assert.rejects(
      db.store.query(
        `INSERT INTO pilot_evaluation (gemeente_code, pilot_id, planned_date, outcome, decided_on)
         VALUES ('9001', $1, '2025-06-01', 'verlengen', '2025-06-02')`,
        [p!.id],
      ),
      /check/i,
    );
  });
});
