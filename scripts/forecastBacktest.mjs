// Backtest of forecast_year_end on a loaded data directory: for each month of YEAR, the forecast as a report makes it
// (a lens as of the month's end) against the actual cost of the year (all data), per gemeente.
// Usage: node scripts/forecastBacktest.mjs <dataDir> <year>   (after `npm run build`; docs/indicators.md)
import { Lens } from '../dist/lens/lens.js';
import { parsePeriod, periodEnd } from '../dist/domain/periods.js';
import { forecastYearEnd } from '../dist/indicators/forecast.js';
import { costTotal } from '../dist/indicators/money.js';

const [dir, year] = process.argv.slice(2);
if (!dir || !/^\d{4}$/.test(year ?? '')) {
  console.error('usage: node scripts/forecastBacktest.mjs <dataDir> <year>');
  process.exit(2);
}
const q = (p) => ({ period: parsePeriod(p), gemeenten: [] });
const opts = { hiddenAmounts: false };
const all = await Lens.open(dir);
const actual = new Map((await costTotal.compute(all, q(year), opts)).map((r) => [r.gemeente, r.value]));
all.close();
console.log('maand  gemiddelde afwijking  gemiddeld teken  grootste (gemeente)');
for (let m = 1; m <= 11; m++) {
  const month = `${year}-${String(m).padStart(2, '0')}`;
  const lens = await Lens.open(dir, undefined, periodEnd(parsePeriod(month)));
  try {
    const gaps = [];
    for (const f of await forecastYearEnd.compute(lens, q(month), opts)) {
      const a = actual.get(f.gemeente);
      if (!a || f.value === null) continue;
      gaps.push([f.gemeente, (f.value - a) / a]);
    }
    const mad = gaps.reduce((s, [, g]) => s + Math.abs(g), 0) / gaps.length;
    const bias = gaps.reduce((s, [, g]) => s + g, 0) / gaps.length;
    const [wg, wv] = gaps.reduce((w, x) => (Math.abs(x[1]) > Math.abs(w[1]) ? x : w), ['', 0]);
    const pct = (v) => `${(v * 100).toFixed(1).replace('.', ',')}%`;
    console.log(`${month}  ${pct(mad).padStart(8)}  ${pct(bias).padStart(8)}  ${pct(wv)} (${wg}), n=${gaps.length}`);
  } finally {
    lens.close();
  }
}
