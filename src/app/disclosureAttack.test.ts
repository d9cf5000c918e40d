/**
 * The red team's attack on rates (finding F1), run generically against the disclosure function itself as
 * the oracle (Kerckhoffs: the attacker knows the rules). A split of shares of one denominator D is
 * published beside a rounded count of D (the total of a count indicator for the same gemeente and period).
 * For every exact D the rounded count allows, the attacker asks which exact numerators n would publish as
 * each visible share; a D for which some share has no such n is ruled out. The attack succeeds when one D
 * is left (the exact denominator is pinned) or when the suppressed cells' sum has one possible value.
 * With rates at one decimal from the exact counts (the old rule, as the issue text asked), D = 307 below
 * is the only candidate and the suppressed pair is exactly 15.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorRow } from '../indicators/types.js';
import { applyDisclosureControl, protectPayload } from './disclosure.js';

const row = (
  by: string | null,
  key: string | null,
  value: number,
  unit: IndicatorRow['unit'],
  numerator: number,
  denominator: number | null,
  indicator = 'referrer_mix',
): IndicatorRow => ({
  indicator,
  gemeente: '9001',
  period: '2026-03',
  by,
  key,
  value,
  numerator,
  denominator,
  unit,
  flags: [],
});

/** A split of exact counts published as shares, and the same total published as a count. */
function publish(counts: readonly number[]) {
  const d = counts.reduce((a, b) => a + b, 0);
  const shares = applyDisclosureControl(
    counts.map((n, i) => row('verwijzer', `0${i + 1}`, (100 * n) / d, 'procent', n, d)),
  );
  const [total] = applyDisclosureControl([row(null, null, d, 'aantal', d, null, 'trajectories_started')]);
  return { shares, total: total!.value };
}

/** How the rules publish one share n of D (the oracle). */
function publishedShare(n: number, d: number): number | null {
  return applyDisclosureControl([row(null, null, (100 * n) / d, 'procent', n, d)])[0]!.value;
}

/** The attack: which exact D (and which sums of the suppressed cells) are consistent with what was published. */
function attack(shares: readonly IndicatorRow[], total: number) {
  const candidates: number[] = [];
  const hiddenSums = new Set<number>();
  for (let d = total - 2; d <= total + 2; d++) {
    const options = shares
      .filter((s) => s.value !== null)
      .map((s) => {
        const ns: number[] = [];
        for (let n = 0; n <= d; n++) if (publishedShare(n, d) === s.value) ns.push(n);
        return ns;
      });
    if (options.some((ns) => ns.length === 0)) continue;
    candidates.push(d);
    // every possible sum of the visible cells, hence of the hidden ones
    let sums = new Set([0]);
    for (const ns of options) sums = new Set([...sums].flatMap((s) => ns.map((n) => s + n)));
    for (const s of sums) if (d - s >= 0) hiddenSums.add(d - s);
  }
  return { candidates, hiddenSums };
}

describe("disclosure control against the red team's rate attack (F1)", () => {
  it("does not pin the exact denominator or the suppressed cells (the red team's figures)", () => {
    const { shares, total } = publish([177, 79, 6, 9, 16, 10, 10]);
    assert.equal(total, 305);
    assert.ok(
      shares.some((s) => s.flags.includes('onderdrukt')),
      'the split has suppressed cells',
    );
    const { candidates, hiddenSums } = attack(shares, total!);
    assert.ok(candidates.length > 1, `the exact denominator is pinned: ${candidates.join(', ')}`);
    assert.ok(hiddenSums.size > 1, `the suppressed cells are pinned: sum ${[...hiddenSums].join(', ')}`);
  });

  it('pins nothing for generated splits of small denominators', () => {
    // a deterministic spread of splits with totals from about 60 to 900
    let seed = 7;
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    for (let t = 0; t < 40; t++) {
      const counts = Array.from({ length: 3 + rand(5) }, () => (rand(3) === 0 ? 1 + rand(9) : 10 + rand(200)));
      const { shares, total } = publish(counts);
      if (total === null || shares.every((s) => s.value === null)) continue;
      const { candidates, hiddenSums } = attack(shares, total);
      assert.ok(
        candidates.length > 1,
        `counts ${counts.join('/')}: exact denominator pinned (${candidates.join(', ')})`,
      );
      if (shares.some((s) => s.value === null)) {
        assert.ok(
          hiddenSums.size > 1,
          `counts ${counts.join('/')}: suppressed cells pinned (${[...hiddenSums].join(', ')})`,
        );
      }
    }
  });

  it('suppresses a share of 1 (a complement of 0) in data quality', () => {
    const out = protectPayload(
      { checks: [{ nameNl: 'BSN geldig', share: 1, numerator: 1733, denominator: 1733 }] },
      { provider: null },
    );
    assert.equal(out.checks[0]!.share, null);
    const ok = protectPayload(
      { checks: [{ nameNl: 'BSN geldig', share: 1500 / 1733, numerator: 1500, denominator: 1733 }] },
      { provider: null },
    );
    // from the published counts: 1500 / 1735
    assert.equal(ok.checks[0]!.share, 0.865);
  });
});

describe('disclosure control against the per-client amount attack (second red team)', () => {
  it('a whole-euro total beside cost per client does not pin the exact number of clients', () => {
    // bestuur, 9001, 2026-03: total 5,351,781 euro over 2,526 clients; with the per-client amount from the exact
    // count (2,119) the only d with round(total / d) = 2,119 was 2,526
    const total = 5_351_781;
    const clients = 2_526;
    const [t] = applyDisclosureControl([row(null, null, total, 'euro', total, null, 'cost_total')]);
    const [p] = applyDisclosureControl([
      row(null, null, Math.round((total / clients) * 100) / 100, 'euro', total, clients, 'cost_per_client'),
    ]);
    const candidates: number[] = [];
    for (let d = 1; d <= 10_000; d++) if (Math.round(t!.value! / d) === p!.value) candidates.push(d);
    assert.ok(!(candidates.length === 1 && candidates[0] === clients), `pinned: ${candidates.join(', ')}`);
    assert.equal(p!.value, Math.round(total / 2_525), 'the amount per client comes from the rounded count');
  });

  it('a euro row that is not an amount per unit (a difference) keeps its own value', () => {
    const [r] = applyDisclosureControl([
      row(null, null, 1_000_000.4, 'euro', 5_000_000, 4_000_000, 'cost_reconciliation'),
    ]);
    assert.equal(r!.value, 1_000_000);
  });
});
