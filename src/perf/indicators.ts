/**
 * Indicator timings on an existing lens (`node dist/perf/indicators.js <dataDir> <year>`): a full
 * recompute of every catalogue indicator for every gemeente, each indicator's time, and the headline
 * figure through Zicht next to one hand-written DuckDB query (aim: within 2×). Prints one JSON line.
 */
import { Lens } from '../lens/lens.js';
import { parsePeriod } from '../domain/periods.js';
import { INDICATORS } from '../indicators/catalogue.js';
import { pctYouthInCare } from '../indicators/use.js';
import { headlineByHand } from '../indicators/independent.js';

const [dataDir, yearText] = process.argv.slice(2);
const lens = await Lens.open(dataDir!);
const q = { period: parsePeriod(yearText ?? '2025'), gemeenten: [] as string[] };
const [{ n }] = (await lens.query<{ n: number }>('SELECT count(*)::BIGINT AS n FROM trajectory')) as [{ n: number }];
const per: Record<string, number> = {};
const t0 = performance.now();
for (const i of INDICATORS) {
  const t = performance.now();
  await i.compute(lens, q);
  per[i.definition.id] = Math.round(performance.now() - t);
}
const fullMs = Math.round(performance.now() - t0);
const best = async (fn: () => Promise<unknown>) => {
  let b = Infinity;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    await fn();
    b = Math.min(b, performance.now() - t);
  }
  return Math.round(b * 10) / 10;
};
const viaZicht = await best(() => pctYouthInCare.compute(lens, q));
const byHand = await best(() => headlineByHand(lens, q.period));
lens.close();
const slowest = Object.entries(per)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 3);
console.log(
  JSON.stringify({
    trajectories: n,
    indicators: INDICATORS.length,
    fullRecomputeMs: fullMs,
    headlineViaZichtMs: viaZicht,
    headlineByHandMs: byHand,
    ratio: Math.round((viaZicht / byHand) * 100) / 100,
    slowest,
  }),
);
