/**
 * Hand-worked results for the CBS/Iv3 benchmark family (indicators/benchmark.ts) on the demo CBS mirror, with
 * gemeente 9004's own figures replaced by round numbers so every answer can be worked out on paper:
 *   kern: inhabitants 2017 40,000; 2024 50,000. For 2024 every one of the 40 gemeenten gets a hand-set income and
 *     poverty share: income 30 everywhere, 9004 40; children in low-income households 9.0 for the first 12 other
 *     codes in code order, 1.0 for the other 27, and 5.0 for 9004
 *   jeugdhulp: % without residence 2017 H1 4.2, 2024 H1 6.3; youths with jeugdzorg in 2024 3,500; every other
 *     gemeente's 2024 H1 % lies on the plane 0.8 + 0.5 × SES decile + 0.125 × poverty decile (9004's 6.3 too)
 *   Iv3 (thousands of euros): 2017 budget (2017X000) 6.72 = 8,000 and 6.82 = 2,000, nothing else;
 *     2024 accounts (2024X005) 1,000 on each of the twelve split youth taakvelden except 6.82b = 3,000
 *   claims of 9004: €1,234.56 (March 2024), €765.44 (November 2024) and €500.00 (December 2023)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PgliteStore } from '../store/pglite.js';
import { migrate } from '../store/migrate.js';
import { TEST_KEY, tempDir, writeCsv } from '../testing/fixtures.js';
import { importCsvFile } from '../ingest/csv/import.js';
import { handworked } from '../testing/handworked.js';
import { DEMO_CBS_TABLES, writeDemoCbsMirror } from '../demo/cbsMirror.js';
import { findCbsTables, importCbsTable } from '../ingest/cbs/mirror.js';
import { rebuildLens } from '../lens/build.js';
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { findIndicator } from './catalogue.js';

type Row = Record<string, unknown>;

function edit(dir: string, table: string, f: (r: Row) => Row): void {
  const path = join(dir, table, 'TypedDataSet.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as { value: Row[] };
  writeFileSync(path, JSON.stringify({ ...json, value: json.value.map(f) }));
}

describe('benchmark family on hand-set figures for 9004', { timeout: 180_000 }, () => {
  let lens: Lens;
  let others: string[] = [];
  before(async () => {
    const dir = tempDir('zicht-hw-cbs-');
    const mirror = writeDemoCbsMirror(join(dir, 'cbs'), 2026, '2026-06-30', 40).dir;
    const is9004 = (r: Row) => r.RegioS === 'GM9004  ' || r.Gemeenten === 'GM9004  ';
    const kernPath = join(mirror, DEMO_CBS_TABLES.kern, 'TypedDataSet.json');
    const kernRows = (JSON.parse(readFileSync(kernPath, 'utf8')) as { value: Row[] }).value;
    others = kernRows
      .filter((r) => r.Perioden === '2024JJ00' && !is9004(r))
      .map((r) => String(r.RegioS))
      .sort();
    assert.equal(others.length, 39, 'the demo mirror has 40 gemeenten');
    const poorest = new Set(others.slice(0, 12));
    edit(mirror, DEMO_CBS_TABLES.kern, (r) =>
      r.Perioden !== '2024JJ00'
        ? r
        : {
            ...r,
            MediaanGestandaardiseerdInkomen_3: is9004(r) ? 40 : 30,
            KinderenInLaagInkomen_4: is9004(r) ? 5 : poorest.has(String(r.RegioS)) ? 9 : 1,
          },
    );
    edit(mirror, DEMO_CBS_TABLES.kern, (r) =>
      !is9004(r)
        ? r
        : r.Perioden === '2017JJ00'
          ? { ...r, Bevolking_1: 40_000 }
          : r.Perioden === '2024JJ00'
            ? { ...r, Bevolking_1: 50_000 }
            : r,
    );
    edit(mirror, DEMO_CBS_TABLES.jeugdhulp, (r) => {
      // 2024 H1 on the plane 0.8 + 0.5 × SES decile + 0.125 × poverty decile (deciles as worked out below):
      // SES decile 1 everywhere but 9004; poverty decile 1 for the twelve, 4 for the rest
      if (!is9004(r) && r.Perioden === '2024HJ01')
        return { ...r, JongerenMetJeugdhulpZonderVerblijf_1: poorest.has(String(r.RegioS)) ? 1.425 : 1.8 };
      if (!is9004(r)) return r;
      if (r.Perioden === '2017HJ01') return { ...r, JongerenMetJeugdhulpZonderVerblijf_1: 4.2 };
      if (r.Perioden === '2024HJ01') return { ...r, JongerenMetJeugdhulpZonderVerblijf_1: 6.3 };
      if (r.Perioden === '2024JJ00') return { ...r, JongerenMetJeugdzorg_3: 3_500 };
      return r;
    });
    edit(mirror, DEMO_CBS_TABLES.iv3, (r) => {
      if (!is9004(r)) return r;
      const post = String(r.TaakveldBalanspost).trim();
      if (r.Verslagsoort === '2017X000')
        return { ...r, Bedrag_1: post === '6.72' ? 8_000 : post === '6.82' ? 2_000 : 0 };
      if (r.Verslagsoort === '2024X005') return { ...r, Bedrag_1: post === '6.82b' ? 3_000 : 1_000 };
      return r;
    });
    const store = await PgliteStore.open('memory://');
    await migrate(store);
    for (const t of findCbsTables([mirror])) {
      const r = await importCbsTable(store, dir, t);
      assert.equal(r.status, 'committed', JSON.stringify(r.problems));
    }
    await store.exec(
      "INSERT INTO region VALUES ('R','Regio',true); INSERT INTO gemeente VALUES ('9004','Middenwaard','R',true);",
    );
    const claims = [
      'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status',
      'K1;9004;T1;;12345678;45;45A01;2024-03-01;2024-03-31;1;04;1234,56;D;toegekend',
      'K2;9004;T1;;12345678;45;45A01;2024-11-01;2024-11-30;1;04;765,44;D;toegekend',
      'K3;9004;T1;;12345678;45;45A01;2023-12-01;2023-12-31;1;04;500,00;D;toegekend',
    ];
    const c = await importCsvFile(
      { store, dataDir: dir, key: TEST_KEY },
      writeCsv(dir, 'declaraties.csv', claims.join('\n')),
    );
    assert.equal(c.status, 'committed', JSON.stringify(c.problems));
    await rebuildLens(store, dir);
    await store.close();
    lens = await Lens.open(dir);
  });
  after(() => lens?.close());

  const one = async (id: string, period: string) => {
    const rows = await findIndicator(id)!.compute(lens, { period: parsePeriod(period), gemeenten: ['9004'] });
    assert.equal(rows.length, 1, `${id}: ${JSON.stringify(rows)}`);
    return rows[0]!;
  };

  it(
    handworked(['burden_per_inhabitant', 'burden_per_user', 'burden_index'], 'Iv3 burden: €14 million in 2024'),
    async () => {
      // 2024 accounts: 11 × 1,000 + 3,000 = 14,000 thousand = €14,000,000
      // per inhabitant: 14,000,000 ÷ 50,000 = €280.00; per user: 14,000,000 ÷ 3,500 = €4,000.00
      // base: 2017 budget (8,000 + 2,000) thousand ÷ 40,000 = €250.00; index 280 ÷ 250 × 100 = 112
      const inh = await one('burden_per_inhabitant', '2024');
      assert.deepEqual([inh.value, inh.numerator, inh.denominator], [280, 14_000_000, 50_000]);
      assert.ok(!inh.flags.includes('lasten_uit_begroting'), 'from the 2024 accounts, not the budget');
      const user = await one('burden_per_user', '2024');
      assert.deepEqual([user.value, user.numerator, user.denominator], [4_000, 14_000_000, 3_500]);
      const idx = await one('burden_index', '2024');
      assert.deepEqual([idx.value, idx.numerator, idx.denominator], [112, 280, 250]);
    },
  );

  it(
    handworked(['cbs_pct_without_residence', 'index_pct'], 'CBS % without residence and its 2017 H1 index'),
    async () => {
      // 6.3% in 2024 H1 as published; index 6.3 ÷ 4.2 × 100 = 150
      const pct = await one('cbs_pct_without_residence', '2024H1');
      assert.equal(pct.value, 6.3);
      const idx = await one('index_pct', '2024H1');
      assert.deepEqual([idx.value, idx.numerator, idx.denominator], [150, 6.3, 4.2]);
    },
  );

  it(
    handworked(['cost_reconciliation'], 'reconciliation: €14 million of Iv3 lasten against €2,000 of 2024 claims'),
    async () => {
      // claims with a service period in 2024: 1,234.56 + 765.44 = 2,000.00 (December 2023 is another year)
      // difference 14,000,000.00 − 2,000.00 = 13,998,000.00, from the accounts (no budget flag)
      const rows = await findIndicator('cost_reconciliation')!.compute(lens, {
        period: parsePeriod('2024H1'),
        gemeenten: ['9004'],
        by: 'post',
      });
      assert.deepEqual(
        rows.map((r) => [r.key, r.value]),
        [
          ['iv3_lasten', 14_000_000],
          ['declaraties', 2_000],
          // no betalingen.csv loaded: no payments outside iJw
          ['betalingen', 0],
          ['verschil', 13_998_000],
        ],
      );
      assert.ok(rows.every((r) => !r.flags.includes('lasten_uit_begroting')));
      const total = await one('cost_reconciliation', '2024');
      assert.deepEqual([total.value, total.numerator, total.denominator], [13_998_000, 14_000_000, 2_000]);
    },
  );

  it(
    handworked(['ses_decile', 'poverty_decile'], 'deciles over the 40 gemeenten of 2024, ties sharing one'),
    async () => {
      // decile = floor(position of the first of its tie × 10 ÷ 40) + 1, position counted from 0
      // income ascending: 39 gemeenten tie at 30 from position 0 → decile 1; 9004 (40) at position 39 → 9 + 1 = 10
      assert.equal((await one('ses_decile', '2024')).value, 10);
      // poverty descending: twelve at 9.0 (positions 0–11) → decile 1; 9004 (5.0) at position 12 → floor(3) + 1 = 4
      assert.equal((await one('poverty_decile', '2024')).value, 4);
      const first = others[0]!.trim().slice(2);
      const [richer] = await findIndicator('poverty_decile')!.compute(lens, {
        period: parsePeriod('2024'),
        gemeenten: [first],
      });
      assert.equal(richer!.value, 1, `${first} is among the twelve at 9.0`);
    },
  );

  it(
    handworked(['expected_vs_actual'], 'expected versus actual: every gemeente on one plane, so expected = actual'),
    async () => {
      // deciles (above): 9004 SES 10, poverty 4 → 0.8 + 0.5 × 10 + 0.125 × 4 = 6.3 = its actual %;
      // all 40 points lie on the plane (inhabitants play no part: coefficient 0), so the robust fit is the plane,
      // its scale is 0 and the band has width 0: expected 6.3, bounds 6.3, actual − expected = 0.00
      const rows = await findIndicator('expected_vs_actual')!.compute(lens, {
        period: parsePeriod('2024H1'),
        gemeenten: ['9004'],
        by: 'maat',
      });
      assert.deepEqual(
        rows.map((r) => [r.key, r.value]),
        [
          ['feitelijk', 6.3],
          ['verwacht', 6.3],
          ['ondergrens', 6.3],
          ['bovengrens', 6.3],
        ],
      );
      assert.equal((await one('expected_vs_actual', '2024H1')).value, 0);
      const q = await one('expected_vs_actual', '2024Q1');
      assert.deepEqual([q.value, q.flags], [null, ['alleen_per_halfjaar']], 'a quarter has no CBS half-year figure');
    },
  );
});
