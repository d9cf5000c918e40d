/**
 * Hand-worked results for the iJw message families (waiting.ts message timeliness, chain.ts rejections), loaded
 * through the real iJw importer from the shared example messages (as missingStop.test.ts does):
 *   JW301 → 0384 from 42420001: allocations 300201 and 300202
 *   JW305 (aligned to 0384 / 42420001), Dagtekening Wed 2026-04-15: 300201 began Fri 2026-04-03, 300202 Wed 2026-04-15
 *   retour messages of gemeente 0384: JW302 (2023-07-16, code 8848), JW316 (2023-07-16, codes 0200, 9347, 0200, 0200),
 *   JW320 (2023-04-04, codes 0200 and 9360, here edited to 0200 and 0200: no remark at all)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { TEST_KEY, tempDir, writeCsv } from '../testing/fixtures.js';
import { handworked } from '../testing/handworked.js';
import { importIjwFiles } from '../ingest/ijw/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { findIndicator } from './catalogue.js';

// ../shared beside the checkout (main), or one level up from a helper's worktree
const EX = fileURLToPath(new URL('../../../shared/reference/ijw-3.2/examples/', import.meta.url));
const ALT = fileURLToPath(new URL('../../../../shared/reference/ijw-3.2/examples/', import.meta.url));
const dir = existsSync(EX) ? EX : ALT;
const example = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('iJw message families on the shared example messages', { timeout: 180_000 }, () => {
  let lens: Lens;
  before(async () => {
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    const work = tempDir('zicht-hw-ijw-');
    const files: Array<[string, string]> = [
      ['a301.xml', example('JW301.xml')],
      [
        'a305.xml',
        example('JW305.xml')
          .replace('<jw305:Afzender>65656055', '<jw305:Afzender>42420001')
          .replace('<jw305:Ontvanger>0363', '<jw305:Ontvanger>0384'),
      ],
      ['r302.xml', example('JW302.xml')],
      ['r316.xml', example('JW316.xml')],
      ['r320.xml', example('JW320.xml').replace('<jw320:RetourCode>9360<', '<jw320:RetourCode>0200<')],
    ];
    const reports = await importIjwFiles(
      { store, dataDir: work, key: TEST_KEY },
      files.map(([name, text]) => writeCsv(work, name, text)),
    );
    assert.deepEqual(
      reports.map((r) => r.status),
      files.map(() => 'committed'),
      JSON.stringify(reports.map((r) => r.problems)),
    );
    await rebuildLens(store, work);
    await store.close();
    lens = await Lens.open(work);
  });
  after(() => lens?.close());

  const rows = async (id: string, period: string, by?: string) =>
    (await findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: ['0384'], by })).map((r) => [
      r.key,
      r.value,
      r.numerator,
      r.denominator,
    ]);

  it(
    handworked(['message_timeliness'], 'message timeliness: one start message on time, one 7 working days late'),
    async () => {
      // working days after the begin date up to and including the Dagtekening (15 April 2026), norm 5:
      // 300201 Fri 3 April → 6 April is Easter Monday (no working day), 7, 8, 9, 10, 13, 14, 15 April = 7: late
      // 300202 Wed 15 April → 15 April = 0: on time. 1 of 2 = 50%
      assert.deepEqual(await rows('message_timeliness', '2026Q2'), [[null, 50, 1, 2]]);
      assert.deepEqual(await rows('message_timeliness', '2026Q2', 'bericht'), [['JW305', 50, 1, 2]]);
      assert.deepEqual(await rows('message_timeliness', '2026Q1'), [], 'no start or stop in Q1');
    },
  );

  it(
    handworked(['message_rejections'], 'rejections: JW302 and JW316 carry a code other than 0200, JW320 does not'),
    async () => {
      // retour dates (DagtekeningRetour) in 2023: JW320 4 April, JW302 and JW316 16 July.
      // JW302 (8848) and JW316 (9347 beside 0200) are rejections; JW320 (0200 only) is not: 2 of 3 = 66.667%
      assert.deepEqual(await rows('message_rejections', '2023'), [[null, 66.667, 2, 3]]);
      // Q2 holds only JW320: 0 of 1
      assert.deepEqual(await rows('message_rejections', '2023Q2'), [[null, 0, 0, 1]]);
      // per code, messages carrying it out of 3: 0200 in JW316 and JW320, 8848 in JW302, 9347 in JW316
      assert.deepEqual(await rows('message_rejections', '2023', 'retourcode'), [
        ['0200', 2, 2, 3],
        ['8848', 1, 1, 3],
        ['9347', 1, 1, 3],
      ]);
    },
  );
});
