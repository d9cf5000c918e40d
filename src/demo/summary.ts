/**
 * Summary figures per gemeente for a year, computed on the lens with the catalogue's indicators:
 * inhabitants, youths 0–17, youths in care (and %), trajectories started, cost.
 */
import type { Lens } from '../lens/lens.js';
import { sql } from '../lens/sql.js';
import { parsePeriod } from '../domain/periods.js';
import { pctYouthInCare, trajectoriesStarted } from '../indicators/use.js';
import { costAllForms } from '../indicators/money.js';
import { INHABITANTS_BAND } from '../domain/population.js';

export interface GemeenteSummary {
  gemeente: string;
  naam: string;
  demo: boolean;
  jaar: number;
  inwoners: number | null;
  jeugdigen_0_17: number | null;
  jeugdigen_met_jeugdhulp: number;
  pct_jeugdhulp: number | null;
  gestarte_trajecten: number;
  kosten_euro: number;
}

export async function summarise(lens: Lens, year: number): Promise<GemeenteSummary[]> {
  const q = { period: parsePeriod(String(year)), gemeenten: [] };
  const gemeenten = await lens.query<{ code: string; name: string; demo: boolean }>(
    'SELECT code, name, demo FROM gemeente ORDER BY code',
  );
  const inhabitants = new Map(
    (
      await lens.query<{ g: string; n: number }>(sql`
      SELECT gemeente_code AS g, count AS n FROM population_band
      WHERE wijk_code = '' AND band = ${INHABITANTS_BAND} AND year = ${year}`)
    ).map((r) => [r.g, r.n]),
  );
  const pct = new Map((await pctYouthInCare.compute(lens, q)).map((r) => [r.gemeente, r]));
  const started = new Map((await trajectoriesStarted.compute(lens, q)).map((r) => [r.gemeente, r.value ?? 0]));
  // internal figures printed in the terminal: the published-version mark is not needed (and costs seconds per gemeente)
  const cost = new Map(
    (await costAllForms.compute(lens, q, { hiddenAmounts: false })).map((r) => [r.gemeente, r.value ?? 0]),
  );
  return gemeenten.map((g) => ({
    gemeente: g.code,
    naam: g.name,
    demo: g.demo,
    jaar: year,
    inwoners: inhabitants.get(g.code) ?? null,
    jeugdigen_0_17: pct.get(g.code)?.denominator ?? null,
    jeugdigen_met_jeugdhulp: pct.get(g.code)?.numerator ?? 0,
    pct_jeugdhulp: pct.get(g.code)?.value ?? null,
    gestarte_trajecten: started.get(g.code) ?? 0,
    kosten_euro: Math.round(cost.get(g.code) ?? 0),
  }));
}
