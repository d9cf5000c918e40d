/**
 * ReportData on the lens (indicator values) and the truth store (names, explanations, goals).
 * Used by `zicht report` and by the web server, so a report holds the dashboard's figures.
 */
import { dataEnd } from '../indicators/sql.js';
import { claimsStart } from '../lens/productMonth.js';
import { findIndicator } from '../indicators/catalogue.js';
import { combineRows } from '../indicators/region.js';
import { formatPeriod, parsePeriod, periodEnd, periodOf, periodStart, type Period } from '../domain/periods.js';
import type { Store } from '../store/sql.js';
import type { LensHolder } from '../app/lensHolder.js';
import { evaluateGoals, loadGoals } from '../app/goals.js';
import { loadPilots, pilotRegister } from '../app/pilots.js';
import { regionOf } from '../app/selection.js';
import type { ReportData, Story } from './model.js';
import { benchmark, BenchmarkError } from '../benchmark/benchmark.js';
import { qualityChecks } from '../indicators/quality.js';
import { productCodeTable } from '../app/productMonth.js';
import { providerProductTable } from '../app/providerProducts.js';
import { talkAgreements } from '../app/agreements.js';
import { providerContracts } from '../app/contractTalk.js';
import { activeSolidarity } from '../indicators/solidarityConfig.js';

/**
 * `asOf`: the data as they stood at the end of that day (lens/scope.ts asOfViews); the list of sources then leaves
 * out iJw messages sent later.
 */
export function reportData(store: Store, lens: LensHolder, asOf: string | null = null): ReportData {
  const members = async (code: string): Promise<string[]> =>
    (await store.query<{ code: string }>('SELECT code FROM gemeente WHERE region_code = $1 ORDER BY code', [code])).map(
      (r) => r.code,
    );
  /** The gemeenten a code stands for: a regio:<code> its members, a gemeente itself. */
  const membersOf = async (code: string): Promise<string[]> => {
    const region = regionOf(code);
    return region === null ? [code] : members(region);
  };
  return {
    async compute(id, periods, gemeenten, by) {
      const region = gemeenten.length === 1 ? regionOf(gemeenten[0]!) : null;
      if (region === null) return lens.rows(id, periods, gemeenten, by);
      const ms = await members(region);
      // no members: nothing (an empty list asks the lens for every gemeente)
      if (ms.length === 0) return [];
      const rows = await lens.rows(id, periods, ms, by);
      // lists of persons (top-cost) stay lists; figures are summed or pooled where that is sound
      return findIndicator(id)?.definition.personLevel ? rows : combineRows(id, rows, gemeenten[0]!);
    },
    async stories(gemeente, periods, who) {
      const params: unknown[] = [gemeente, periods];
      const where: string[] = [];
      // a team's report holds the published notes and that team's own, not another team's or the gemeente's internal
      // ones: the notes API already kept those from a team manager, the report did not (red team 30)
      if (who.team !== undefined)
        where.push(
          `((visibility = 'extern' AND scope_kind <> 'team') OR (scope_kind = 'team' AND scope_key = $${params.push(who.team)}))`,
        );
      else if (who.externOnly) where.push("visibility = 'extern' AND scope_kind <> 'team'");
      // a provider's report: nothing written about another provider
      if (who.provider !== undefined)
        where.push(`(scope_kind <> 'aanbieder' OR scope_key = $${params.push(who.provider)})`);
      const rows = await store.query<{
        indicator_id: string;
        period: string;
        author: string;
        created_at: Date | string;
        body: string;
      }>(
        `SELECT indicator_id, period, author, created_at, body FROM narrative
          WHERE gemeente_code = $1 AND period = ANY($2) AND subject_kind = 'indicator'
            ${where.map((w) => `AND ${w}`).join(' ')}
          ORDER BY period, indicator_id, created_at`,
        params,
      );
      return rows.map((r): Story => ({
        indicator: r.indicator_id,
        period: r.period,
        author: r.author,
        date: new Date(r.created_at).toISOString(),
        body: r.body,
      }));
    },
    async goals(gemeente, published) {
      const evaluated = await evaluateGoals(lens, await loadGoals(store, [gemeente]), published);
      return evaluated.map((g) => ({
        title: g.title,
        status: g.evaluation.status,
        current: g.evaluation.current,
        target: g.target,
        deadline: g.deadline,
        indicator: g.indicator,
        explanation: g.evaluation.explanationNl,
        projected: g.evaluation.projected,
        series: g.series,
      }));
    },
    async pilots(gemeente, day, published) {
      const pilots = await loadPilots(store, [gemeente]);
      const linked = new Set(pilots.flatMap((p) => p.goalIds));
      const goals = (await loadGoals(store, [gemeente])).filter((x) => linked.has(x.id));
      const evaluated = goals.length === 0 ? [] : await evaluateGoals(lens, goals, published);
      return pilotRegister(pilots, evaluated, [], day, [gemeente]);
    },
    async gemeenteName(code) {
      const region = regionOf(code);
      const [r] =
        region === null
          ? await store.query<{ name: string }>('SELECT name FROM gemeente WHERE code = $1', [code])
          : await store.query<{ name: string }>('SELECT name FROM region WHERE code = $1', [region]);
      return r?.name ?? code;
    },
    async regionGemeenten(code) {
      if (regionOf(code) !== null) return [code];
      const rows = await store.query<{ code: string }>(
        'SELECT code FROM gemeente WHERE region_code = (SELECT region_code FROM gemeente WHERE code = $1) ORDER BY code',
        [code],
      );
      return rows.length > 0 ? rows.map((r) => r.code) : [code];
    },
    async agreements(gemeente, agb, quarter) {
      const region = regionOf(gemeente);
      // a report names no one: the same reading as a provider's
      return talkAgreements(store, region === null ? [gemeente] : await members(region), agb, quarter, 'aanbieder');
    },
    async providerContracts(gemeenten, agb, period, published) {
      // a regio:<code> stands for its gemeenten (contracts are stored per party gemeente)
      const codes = (await Promise.all(gemeenten.map(membersOf))).flat();
      // on this (as-of) lens: nothing paid or claimed after the period's end counts
      return providerContracts(await lens.get(), {
        gemeenten: codes,
        agb,
        from: periodStart(period),
        to: periodEnd(period),
        published,
      });
    },
    async providerName(agb) {
      const [r] = await store.query<{ name: string | null }>('SELECT name FROM provider WHERE agb = $1', [agb]);
      return r?.name ?? null;
    },
    dataEnd: () => lens.cached('dataEnd', (l) => dataEnd(l)),
    claimsStart: () => lens.cached('claimsStart', (l) => claimsStart(l)),
    async sourceDates(gemeente) {
      const region = regionOf(gemeente);
      const gemeenten = region === null ? [gemeente] : await members(region);
      // the runs with records of these gemeenten (lineage: source_run_id); a run of another gemeente is no
      // source of this report, however recent
      const of = (table: string) => `SELECT source_run_id AS id FROM ${table} WHERE gemeente_code = ANY($2::text[])`;
      const rows = await store.query<{
        record_type: string;
        file_name: string;
        finished_at: Date | string;
        sent: string | null;
        n: number;
        rows_accepted: number;
      }>(
        `
        WITH mine AS (
          ${['ijw_event', 'trajectory', 'claim_line', 'youth', 'basic_support_episode', 'population', 'budget', 'satisfaction', 'iv3_amount'].map(of).join(' UNION ')}
          UNION SELECT t.source_run_id FROM cbs_table t
           WHERE EXISTS (SELECT 1 FROM cbs_observation o WHERE o.table_id = t.table_id AND o.gemeente_code = ANY($2::text[]))
        ), runs AS (
          SELECT r.id, r.record_type, i.file_name, r.finished_at, r.report->>'dagtekening' AS sent,
                 count(*) OVER w AS n, sum(r.rows_accepted) OVER w AS rows_accepted
            FROM import_run r JOIN raw_input i ON i.sha256 = r.raw_sha256
           WHERE r.id IN (SELECT id FROM mine) AND r.status = 'committed' AND r.finished_at IS NOT NULL
             -- an iJw message records the day it was sent (ISO text); a file without one (CSV) is named as imported
             AND ($1::text IS NULL OR r.report->>'dagtekening' IS NULL OR r.report->>'dagtekening' <= $1::text)
          WINDOW w AS (PARTITION BY r.record_type)
        )
        SELECT DISTINCT ON (record_type) record_type, file_name, finished_at, sent, n::int AS n, rows_accepted::int AS rows_accepted
          FROM runs
         -- the latest: sent last (iJw), else imported last
         ORDER BY record_type, sent DESC NULLS LAST, finished_at DESC, id DESC`,
        [asOf, gemeenten],
      );
      return rows.map((r) => ({
        recordType: r.record_type,
        file: r.file_name,
        importedAt: new Date(r.finished_at).toISOString(),
        sentDate: r.sent,
        runs: r.n,
        rows: r.rows_accepted,
      }));
    },
    async quality(gemeente, period) {
      const checks = await lens.cached(`quality|${formatPeriod(period)}`, (l) =>
        qualityChecks(l, { period, gemeenten: [] }),
      );
      return checks.get(gemeente) ?? [];
    },
    solidarity: () => lens.cached('solidarity-config', (l) => Promise.resolve(activeSolidarity(l.dataDir).config)),
    async benchmark(gemeente, period) {
      const { mapping, from } = lens.cbsMapping();
      const run = (half: Period | undefined) =>
        lens.cached(`report-benchmark|${gemeente}|${half ? formatPeriod(half) : ''}`, (l) =>
          benchmark(l, {
            gemeente,
            reference: { kind: 'vergelijkbaar', k: 10 },
            mapping,
            mappingFrom: from,
            period: half,
          }),
        );
      try {
        // the CBS half-year of the report's period, or the latest one before it (CBS lags behind)
        const wanted = formatPeriod(periodOf('half', periodEnd(period)));
        const latest = (await run(undefined)).halfYears.filter((h) => h <= wanted).at(-1);
        return await run(latest === undefined ? undefined : parsePeriod(latest));
      } catch (err) {
        if (err instanceof BenchmarkError) return null; // no CBS data for this gemeente: the report leaves the section out
        throw err;
      }
    },
    asOf: (date) => reportData(store, lens.asOf(date), date),
    viewDate: asOf,
    // the monthly report's per-productcode table, on this (as-of, team) lens
    async productCodes(gemeente, from, to, published) {
      const region = regionOf(gemeente);
      const gemeenten = region === null ? [gemeente] : await members(region);
      const answer = await productCodeTable(await lens.get(), {
        gemeenten,
        from,
        to,
        money: true,
        published,
        ownProvider: null,
      });
      return answer.table;
    },
    membersOf,
    async providerStories(gemeenten, agb, externOnly) {
      const rows = await store.query<{
        gemeente_code: string;
        period: string | null;
        source: string;
        author: string;
        created_at: Date | string;
        body: string;
      }>(
        `SELECT gemeente_code, period, source, author, created_at, body FROM narrative
          WHERE gemeente_code = ANY($1) AND subject_kind = 'aanbieder' AND subject_key = $2
            AND (scope_kind <> 'aanbieder' OR scope_key = $2)
            -- the report belongs to no team: a team's story never, released or not (red team 34)
            AND scope_kind <> 'team'
            ${externOnly ? "AND visibility = 'extern'" : ''}
          ORDER BY created_at, id`,
        [gemeenten, agb],
      );
      return rows.map((r) => ({
        gemeente: r.gemeente_code,
        period: r.period,
        source: r.source,
        author: r.author,
        date: new Date(r.created_at).toISOString(),
        body: r.body,
      }));
    },
    async providerProducts(gemeenten, agb, from, to, published) {
      return providerProductTable(await lens.get(), { gemeenten, agb, from, to, published });
    },
    async demo(gemeente) {
      const region = regionOf(gemeente);
      const [r] =
        region === null
          ? await store.query<{ demo: boolean }>('SELECT demo FROM gemeente WHERE code = $1', [gemeente])
          : await store.query<{ demo: boolean }>('SELECT demo FROM region WHERE code = $1', [region]);
      return r?.demo ?? false;
    },
  };
}
