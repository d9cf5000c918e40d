/**
 * The demo's three pilots (issue 21) through the real app: each measured by a demo goal on an existing demo indicator,
 * the school pilot with an evaluation moment overdue (so not on track), the POH-jeugd pilot with its released story
 * (bestuur sees it), the wijk pilot with the demo business case; added once only.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { onOneBackend, freshStore, type TestDb } from '../testing/backends.js';
import { login, serverFixture, type ServerFixture } from '../testing/server.js';
import { ensureDemoBusinessCase, ensureDemoGoals } from './goals.js';
import { ensureDemoPilots } from './pilots.js';
import type { PilotRegister } from '../app/pilots.js';

onOneBackend('demo pilots', (kind) => {
  let db: TestDb;
  let f: ServerFixture;
  const TODAY = '2026-12-06';
  before(async () => {
    db = await freshStore(kind);
    f = await serverFixture(db.store);
    await db.store.query("UPDATE gemeente SET demo = true WHERE code = '9001'");
    await ensureDemoGoals(db.store);
    await ensureDemoBusinessCase(db.store);
    await ensureDemoPilots(db.store, TODAY);
    await ensureDemoPilots(db.store, TODAY);
  });
  after(async () => {
    await f?.close();
    await db?.drop();
  });
  const read = async (user: string) =>
    (
      await f.app.inject({
        method: 'GET',
        url: `/api/v1/pilots?peildatum=${TODAY}`,
        headers: { cookie: await login(f, user) },
      })
    ).json() as PilotRegister;

  it('three pilots, once, each on a demo goal; one overdue, one with a story, one with the business case', async () => {
    const reg = await read('analist');
    assert.deepEqual(reg.pilots.map((p) => p.name).sort(), [
      'Jeugdhulp op school',
      'POH-jeugd bij huisartsenpraktijken',
      'Wijkaanpak jeugd en gezin',
    ]);
    const by = (name: string) => reg.pilots.find((p) => p.name === name)!;
    assert.deepEqual(
      reg.pilots.map((p) => p.goals.map((g) => g.indicator)),
      reg.pilots.map((p) =>
        p.name.startsWith('POH')
          ? ['specialist_referral_rate']
          : p.name.startsWith('Jeugdhulp')
            ? ['dropout']
            : ['wait_allocation_to_start'],
      ),
    );
    assert.deepEqual(by('Jeugdhulp op school').status.overdue, ['2026-10-06']);
    assert.equal(by('Jeugdhulp op school').status.onTrack, false);
    assert.equal(by('POH-jeugd bij huisartsenpraktijken').stories.length, 1);
    assert.equal(by('Wijkaanpak jeugd en gezin').businessCases.length, 1);
    assert.equal(by('POH-jeugd bij huisartsenpraktijken').budget, 360_000);
    assert.ok(reg.pilots.every((p) => p.status.phase === 'lopend'));
    assert.equal(reg.summary.find((s) => s.gemeente === '9001')!.runningPilots, 3);
    // the story was released: bestuur reads it as evidence too
    const seen = await read('bestuur');
    assert.equal(seen.pilots.find((p) => p.name.startsWith('POH'))!.stories.length, 1);
  });
});
