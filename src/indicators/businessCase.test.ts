/**
 * Business case arithmetic on a hand-computed example shaped like Heusden's Jeugd- en gezinsteam
 * (seed 000: €1,370,000 invested in 2022, €1,035,000 savings aimed for in 2022, budget-neutral in
 * 2023, net saving from 2024), and the edges: a trend baseline, incomplete years, no baseline.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateBusinessCase,
  publishedCost,
  publishedResult,
  trendGrowth,
  type BusinessCaseSpec,
} from './businessCase.js';

/** euros (in thousands, as the plan states them) to eurocent integers */
const k = (thousands: number): number => Math.round(thousands * 1000) * 100;
const heusden: BusinessCaseSpec = {
  gemeente: '0797',
  title: 'Jeugd- en gezinsteam',
  intensities: ['A', 'B'],
  productCategories: [],
  baselineYear: 2021,
  startYear: 2022,
  baselineMethod: 'vast',
  investmentCents: { 2022: k(1370), 2023: k(1370), 2024: k(1370) },
  targetSavingsCents: { 2022: k(1035) },
};
const cost = {
  byYear: new Map([
    [2020, k(4800)],
    [2021, k(5000)],
    [2022, k(3965)],
    [2023, k(3600)],
    [2024, k(3300)],
    [2025, k(2000)],
  ]),
  firstCompleteYear: 2020,
  lastCompleteYear: 2024,
};

describe('business case', () => {
  it('savings = baseline − realised; budget-neutral and break-even years as in the Heusden plan', () => {
    const r = evaluateBusinessCase(heusden, cost);
    const l = (y: number) => r.lines.find((x) => x.year === y)!;
    assert.equal(l(2022).savingsCents, k(1035), 'the aimed-for 2022 savings, exactly');
    assert.equal(l(2022).netCents, k(-335));
    assert.equal(l(2023).netCents, k(30));
    assert.equal(l(2024).cumulativeNetCents, k(-335) + k(30) + k(330));
    assert.deepEqual([r.budgetNeutralYear, r.breakEvenYear], [2023, 2024]);
    assert.equal(r.totalInvestmentCents, k(4110));
    assert.equal(r.investedSoFarCents, k(4110), '2022–2024 are complete');
    assert.equal(l(2022).targetSavingsCents, k(1035));
  });

  it('an incomplete year shows its cost but no savings, and does not count for break-even', () => {
    const r = evaluateBusinessCase(heusden, cost);
    const y2025 = r.lines.find((x) => x.year === 2025)!;
    assert.deepEqual(
      [y2025.complete, y2025.realisedCents, y2025.savingsCents, y2025.cumulativeNetCents],
      [false, k(2000), null, null],
    );
  });

  it('a trend baseline grows with the years before the baseline year', () => {
    assert.ok(Math.abs(trendGrowth(cost.byYear, 2021, 2020) - 5 / 4.8 + 1) < 1e-12);
    const r = evaluateBusinessCase({ ...heusden, baselineMethod: 'trend' }, cost);
    assert.equal(r.lines.find((x) => x.year === 2023)!.baselineCents, Math.round(k(5000) * (5 / 4.8) ** 2));
    assert.match(r.methodNl, /4,2% per jaar/);
  });

  it('says so when the baseline year is not covered by the data', () => {
    const r = evaluateBusinessCase({ ...heusden, baselineYear: 2019 }, cost);
    assert.match(r.problems[0]!, /basisjaar 2019 valt niet volledig binnen de gegevens \(2020 t\/m 2024\)/);
    assert.ok(r.lines.every((x) => x.savingsCents === null));
    assert.deepEqual([r.budgetNeutralYear, r.breakEvenYear], [null, null]);
  });
});

describe('a business case as published (bestuur, aanbieder, a team manager beyond its team)', () => {
  // red team 12: a case for one product category × intensity gave € 242.814 for 9 youths, to the euro
  const youths = (n: Record<number, number>) => new Map(Object.entries(n).map(([y, v]) => [Number(y), v]));
  it('a year whose cost rests on fewer than 10 youths is hidden, with its savings and the running net', () => {
    const few = publishedCost({
      ...cost,
      youthsByYear: youths({ 2020: 40, 2021: 40, 2022: 40, 2023: 9, 2024: 40, 2025: 40 }),
    });
    const r = evaluateBusinessCase(heusden, few);
    const y2023 = r.lines.find((l) => l.year === 2023)!;
    assert.deepEqual(
      [y2023.realisedCents, y2023.savingsCents, y2023.netCents, y2023.cumulativeNetCents],
      [null, null, null, null],
    );
    const y2022 = r.lines.find((l) => l.year === 2022)!;
    assert.equal(y2022.realisedCents, k(3965), 'a year of 10 or more stays');
    assert.equal(
      r.lines.find((l) => l.year === 2024)!.cumulativeNetCents,
      null,
      'the running net passed a hidden year',
    );
  });
  it('a baseline year of fewer than 10 youths hides the whole baseline path, and says why', () => {
    const r = evaluateBusinessCase(
      heusden,
      publishedCost({ ...cost, youthsByYear: youths({ 2021: 9, 2022: 40, 2023: 40, 2024: 40 }) }),
    );
    assert.ok(r.lines.every((l) => l.baselineCents === null && l.savingsCents === null));
    assert.match(r.problems.join(' '), /basispad is onderdrukt/);
  });
  it('without the youths per year (no claims named a youth) every year is hidden', () => {
    const r = evaluateBusinessCase(heusden, publishedCost({ ...cost }));
    assert.ok(r.lines.every((l) => l.realisedCents === null));
  });
  it('published, a case keeps its plan and verdict but no amount per year: two cases subtract to any group (red team 14)', () => {
    const exact = evaluateBusinessCase(heusden, cost);
    const shown = publishedResult(
      evaluateBusinessCase(
        heusden,
        publishedCost({ ...cost, youthsByYear: new Map([...cost.byYear.keys()].map((y) => [y, 40])) }),
      ),
    );
    assert.ok(
      shown.lines.every((l) =>
        [l.baselineCents, l.realisedCents, l.savingsCents, l.netCents, l.cumulativeNetCents].every((v) => v === null),
      ),
    );
    assert.equal(shown.totalSavingsCents, null);
    assert.deepEqual([shown.budgetNeutralYear, shown.breakEvenYear], [exact.budgetNeutralYear, exact.breakEvenYear]);
    assert.deepEqual(
      shown.lines.map((l) => l.investmentCents),
      exact.lines.map((l) => l.investmentCents),
    );
    assert.match(shown.problems.join(' '), /alleen in de interne versie/);
  });
});
