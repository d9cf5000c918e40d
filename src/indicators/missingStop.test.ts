/**
 * Issue 14.1: care with a start message (JW305) but no stop message (JW307) ends with the
 * Einddatum of the allocation that is valid last (extensions included), not never. Loaded through
 * the real iJw importer from the shared example messages, on both back ends.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachBackend, freshStore, type TestDb } from '../testing/backends.js';
import { TEST_KEY, tempDir, writeCsv } from '../testing/fixtures.js';
import { importIjwFiles } from '../ingest/ijw/import.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { findIndicator } from './catalogue.js';
import { qualityChecks } from './quality.js';

// ../shared beside the checkout (main), or one level up from a helper's worktree
const EX = fileURLToPath(new URL('../../../shared/reference/ijw-3.2/examples/', import.meta.url));
const ALT = fileURLToPath(new URL('../../../../shared/reference/ijw-3.2/examples/', import.meta.url));
const dir = existsSync(EX) ? EX : ALT;
const example = (name: string) => readFileSync(join(dir, name), 'utf8');

// the shared JW305 goes to another gemeente from another provider: align it with the JW301 (0384 → 42420001)
const aligned305 = () =>
  example('JW305.xml')
    .replace('<jw305:Afzender>65656055', '<jw305:Afzender>42420001')
    .replace('<jw305:Ontvanger>0363', '<jw305:Ontvanger>0384');

if (!existsSync(dir)) it('missing stop messages', { skip: `iJw examples not found at ${EX}` }, () => undefined);
else
  forEachBackend('care without a stop message ends with its allocation', (kind) => {
    let db: TestDb;
    let work: string;
    let lens: Lens | undefined;
    before(async () => {
      db = await freshStore(kind);
      work = tempDir('zicht-nostop-');
      // JW301: allocations 300201 (Ingangsdatum 2026-04-01, Einddatum 2026-07-14) and 300202 (… 2026-07-19), one youth;
      // JW305: both started (2026-04-03, 2026-04-15); no JW307 ever arrives
      const reports = await importIjwFiles({ store: db.store, dataDir: work, key: TEST_KEY }, [
        writeCsv(work, 'a301.xml', example('JW301.xml')),
        writeCsv(work, 'a305.xml', aligned305()),
      ]);
      assert.deepEqual(
        reports.map((r) => r.status),
        ['committed', 'committed'],
        JSON.stringify(reports.map((r) => r.problems)),
      );
      await rebuildLens(db.store, work);
      lens = await Lens.open(work);
    });
    after(async () => {
      lens?.close();
      await db.drop();
    });

    const rows = (id: string, period: string) =>
      findIndicator(id)!.compute(lens!, { period: parsePeriod(period), gemeenten: ['0384'] });
    const value = async (id: string, period: string) =>
      (await rows(id, period)).find((r) => r.key === null)?.value ?? 0;

    it('counts the youth while the allocation runs and not after its Einddatum', async () => {
      assert.equal(await value('youth_in_care', '2026-06'), 1);
      assert.equal(await value('youth_in_care', '2026-07'), 1, 'the last allocation day (07-19) is in July');
      assert.equal(
        await value('youth_in_care', '2026-08'),
        0,
        'no stop message, but the allocation ended on 2026-07-19',
      );
      assert.equal(await value('youth_in_care', '2027'), 0);
      assert.equal(await value('stock_youth', '2026-07'), 0, 'not in care on 31 July');
      assert.equal(await value('stock_youth', '2026Q2'), 1);
      assert.equal(await value('long_running', '2028'), 0);
      assert.equal(
        await value('outflow_youth', '2026Q3'),
        1,
        'the youth leaves care in the quarter its allocations end',
      );
    });

    it('flags the figures whose end comes from the allocation, and quality counts the missing stop messages', async () => {
      const [r] = await rows('youth_in_care', '2026-07');
      assert.ok(r!.flags.includes('einde_uit_toewijzing'), JSON.stringify(r!.flags));
      const [early] = await rows('youth_in_care', '2026-05');
      assert.ok(!early!.flags.includes('einde_uit_toewijzing'), 'in May no end is involved yet');
      const checks = (await qualityChecks(lens!, { period: parsePeriod('2026Q3'), gemeenten: ['0384'] })).get('0384')!;
      const stop = checks.find((c) => c.id === 'stopberichten')!;
      assert.deepEqual([stop.numerator, stop.denominator], [0, 2], 'two ended allocations, no stop message');
    });

    it('an extension (a later JW301 for the same allocation with a later Einddatum) moves the end', async () => {
      const extended = example('JW301.xml')
        .replace(
          '<jw301:Toewijzingstijd>12:34:56</jw301:Toewijzingstijd>',
          '<jw301:Toewijzingstijd>13:00:00</jw301:Toewijzingstijd>',
        )
        .replace('<jw301:Einddatum>2026-07-14</jw301:Einddatum>', '<jw301:Einddatum>2026-10-31</jw301:Einddatum>');
      const [r] = await importIjwFiles({ store: db.store, dataDir: work, key: TEST_KEY }, [
        writeCsv(work, 'ext301.xml', extended),
      ]);
      assert.equal(r!.status, 'committed', JSON.stringify(r!.problems));
      lens!.close();
      await rebuildLens(db.store, work);
      lens = await Lens.open(work);
      assert.equal(await value('youth_in_care', '2026-10'), 1);
      assert.equal(await value('youth_in_care', '2026-11'), 0);
      assert.equal(await value('stock_youth', '2026Q3'), 1);
    });
  });
