/**
 * The lens gives each claim line the care form of its product category and the youth of its trajectory (claim_youth,
 * lens/tables.ts) while it loads them, instead of every cost figure joining them again. As of a past date a line's
 * youth is the youth of its trajectory only when that trajectory is known then, as the join with the trajectories
 * known on the date gave. 9001, 2024:
 *   T1 youth A: allocated 2024-01-08, started 2024-01-15; claim K1 € 300 for January.
 *   T2 youth B: allocated and started 2024-03-15 (a late allocation: the provider started before it); claim K2 € 200
 *   for January, from the gemeente's own file, so known from the end of February.
 *   T3 youth C: like T1, with toewijzingnummer 300003; claim K3 € 100 for January names only that allocation (red
 *   team 27: its youth was missing, as the line names no traject_id).
 * As of 2024-02-29 all lines are known (€ 600) but only T1 and T3 are: two youths behind the amount. On all data:
 * three.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { Lens } from './lens.js';
import { parsePeriod } from '../domain/periods.js';
import { DECLARATIES_HEADER, TRAJECTEN_HEADER, tempDir, testBsn, trajectRow } from '../testing/fixtures.js';
import { csvLens } from '../testing/csvLens.js';
import { findIndicator } from '../indicators/catalogue.js';

const [A, B, C] = [testBsn(60), testBsn(61), testBsn(62)];

describe('claim lines carry their care form and youth; as of a date only a known trajectory gives the youth', () => {
  let dir: string;
  let store: PgliteStore;
  let lens: Lens;
  before(async () => {
    dir = tempDir('zicht-claim-youth-');
    store = await PgliteStore.open('memory://');
    await migrate(store);
    await store.exec(`INSERT INTO region VALUES ('R','Regio',true);
      INSERT INTO gemeente VALUES ('9001','Testdorp','R',true);`);
    lens = await csvLens(store, dir, [
      [
        'trajecten.csv',
        [
          TRAJECTEN_HEADER,
          trajectRow({ traject_id: 'T1', client_id: A }),
          trajectRow({
            traject_id: 'T2',
            client_id: B,
            aanvraagdatum: '2024-03-01',
            toewijzingsdatum: '2024-03-15',
            startdatum: '2024-03-15',
          }),
        ].join('\n'),
      ],
      [
        'trajecten-toewijzing.csv',
        [`${TRAJECTEN_HEADER};toewijzingnummer`, `${trajectRow({ traject_id: 'T3', client_id: C })};300003`].join('\n'),
      ],
      [
        'declaraties.csv',
        [
          DECLARATIES_HEADER,
          'K1;9001;T1;;12345678;45;45A01;2024-01-01;2024-01-31;10;04;300,00;D;toegekend',
          'K2;9001;T2;;12345678;45;45A01;2024-01-01;2024-01-31;6;04;200,00;D;toegekend',
          'K3;9001;;300003;12345678;45;45A01;2024-01-01;2024-01-31;2;04;100,00;D;toegekend',
        ].join('\n'),
      ],
    ]);
  });
  after(async () => {
    lens.close();
    await store.close();
  });

  it('on all data each line has its care form and its youth', async () => {
    const rows = await lens.query<{ claim_id: string; care_form: string; youth: boolean; same: boolean }>(
      `SELECT c.claim_id, c.care_form, c.claim_youth IS NOT NULL AS youth, c.claim_youth = t.youth_pseudonym AS same
       FROM claim_line c JOIN trajectory t USING (gemeente_code, trajectory_id) ORDER BY 1`,
    );
    assert.deepEqual(
      rows.map((r) => [r.claim_id, r.youth, r.same]),
      [
        ['K1', true, true],
        ['K2', true, true],
        ['K3', true, true],
      ],
    );
    const [traj] = await lens.query<{ care_form: string }>(`SELECT care_form FROM traj WHERE trajectory_id = 'T1'`);
    assert.equal(rows[0]!.care_form, traj!.care_form, 'the care form traj has for the same category');
    const [cost] = await findIndicator('cost_total')!.compute(lens, { period: parsePeriod('2024-01'), gemeenten: [] });
    assert.equal(cost!.value, 600);
    assert.equal(cost!.youths, 3);
  });

  it('as of 2024-02-29 the line of a trajectory allocated later names no youth yet', async () => {
    const past = await Lens.open(dir, undefined, '2024-02-29');
    try {
      const [cost] = await findIndicator('cost_total')!.compute(past, {
        period: parsePeriod('2024-01'),
        gemeenten: [],
      });
      assert.equal(cost!.value, 600, 'every line is known by then');
      assert.equal(cost!.youths, 2, 'only the youths of the trajectories known by then');
      const [client] = await findIndicator('cost_per_client')!.compute(past, {
        period: parsePeriod('2024-01'),
        gemeenten: [],
      });
      assert.equal(client!.denominator, 2);
    } finally {
      past.close();
    }
  });
});
