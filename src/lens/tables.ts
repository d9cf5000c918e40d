/**
 * What the lens copies from the truth store: per table the SELECT on the truth side and the
 * DuckDB column types. Codes stay VARCHAR (leading zeros); booleans travel as 0/1 and arrays as
 * '|'-joined text, because CSV is the bridge. Large tables are copied per gemeente so no copy
 * chunk grows with the size of the whole region. Over 400 lines: the one list of the tables every lens copies
 * (issues 19–21 keep their own tables in files of their own and are spread into it here).
 */
import { CONTRACT_LENS_TABLES } from './contractTables.js';
import { VOICE_LENS_TABLES } from './voiceTables.js';
import { EVALUATION_LENS_TABLES } from './evaluationTables.js';
import { LIAISON_LENS_TABLES } from './liaisonTables.js';
import { POPULATION_BAND_SQL } from './populationTables.js';

export interface LensTable {
  readonly name: string;
  readonly columns: ReadonlyArray<readonly [name: string, duckType: string, truthExpr?: string]>;
  readonly from: string;
  readonly perGemeente: boolean;
  /**
   * A key unique within a gemeente, to copy a large gemeente in slices: the embedded store hands a
   * COPY over in one piece, so an unsliced copy of millions of claim lines needs gigabytes.
   */
  readonly sliceKey?: string;
  /**
   * Columns the lens adds while it loads the table, from tables loaded before it: `expr` over the loaded row (`csv`)
   * and `joins`. What every figure would otherwise join again for each row on each call.
   */
  readonly enrich?: {
    readonly columns: ReadonlyArray<readonly [name: string, duckType: string, expr: string]>;
    /** Copied columns the lens resolves while it loads: `expr` replaces the stored value (same type). */
    readonly replace?: ReadonlyArray<readonly [name: string, expr: string]>;
    readonly joins: string;
  };
}

/** Every column of a lens table: copied from the truth store, then added while loading (enrich). */
export const lensColumns = (t: LensTable): string[] => [
  ...t.columns.map(([n]) => n),
  ...(t.enrich?.columns.map(([n]) => n) ?? []),
];

const bool = (c: string): string => `CASE WHEN ${c} THEN 1 ELSE 0 END`;

export const LENS_TABLES: readonly LensTable[] = [
  {
    name: 'region',
    from: 'region',
    perGemeente: false,
    columns: [
      ['code', 'VARCHAR'],
      ['name', 'VARCHAR'],
      ['demo', 'BOOLEAN', bool('demo')],
    ],
  },
  {
    name: 'gemeente',
    from: 'gemeente',
    perGemeente: false,
    columns: [
      ['code', 'VARCHAR'],
      ['name', 'VARCHAR'],
      ['region_code', 'VARCHAR'],
      ['demo', 'BOOLEAN', bool('demo')],
    ],
  },
  {
    name: 'norm',
    from: 'norm',
    perGemeente: false,
    columns: [
      ['region_code', 'VARCHAR'],
      ['key', 'VARCHAR'],
      ['value', 'DOUBLE'],
    ],
  },
  {
    name: 'wijk',
    from: 'wijk',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['code', 'VARCHAR'],
      ['name', 'VARCHAR'],
    ],
  },
  {
    name: 'provider',
    from: 'provider',
    perGemeente: false,
    columns: [
      ['agb', 'VARCHAR'],
      ['name', 'VARCHAR'],
      ['size_class', 'VARCHAR'],
    ],
  },
  {
    name: 'care_form_mapping',
    from: 'care_form_mapping',
    perGemeente: false,
    columns: [
      ['region_code', 'VARCHAR'],
      ['product_category', 'VARCHAR'],
      ['care_form', 'VARCHAR'],
      ['care_level', 'VARCHAR'],
    ],
  },
  {
    name: 'youth',
    from: 'youth',
    perGemeente: true,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['pseudonym', 'VARCHAR'],
      ['birth_month', 'VARCHAR'],
      ['gender', 'VARCHAR'],
      ['wijk_code', 'VARCHAR'],
      ['team_code', 'VARCHAR'],
      ['secret_address', 'BOOLEAN', bool('secret_address')],
    ],
  },
  {
    name: 'trajectory',
    from: 'trajectory',
    perGemeente: true,
    sliceKey: 'trajectory_id',
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['trajectory_id', 'VARCHAR'],
      ['youth_pseudonym', 'VARCHAR'],
      ['provider_agb', 'VARCHAR'],
      ['product_category', 'VARCHAR'],
      ['product_code', 'VARCHAR'],
      ['intensity', 'VARCHAR'],
      ['referrer_type', 'VARCHAR'],
      ['referrer_detail', 'VARCHAR'],
      ['team_code', 'VARCHAR'],
      ['allocation_number', 'VARCHAR'],
      ['request_date', 'DATE'],
      ['allocation_date', 'DATE'],
      ['allocation_start', 'DATE'],
      ['allocation_end', 'DATE'],
      ['start_date', 'DATE'],
      ['end_date', 'DATE'],
      ['end_reason', 'VARCHAR'],
      ['goal_attainment', 'VARCHAR'],
      ['volume', 'DOUBLE'],
      ['unit', 'VARCHAR'],
      ['frequency', 'VARCHAR'],
      ['budget_cents', 'BIGINT'],
      ['tariff_cents', 'BIGINT'],
      ['dates_from_allocation', 'BOOLEAN', bool('dates_from_allocation')],
      ['withdrawn', 'BOOLEAN', bool('withdrawn')],
    ],
  },
  {
    name: 'ijw_event',
    from: 'ijw_event',
    perGemeente: true,
    sliceKey: 'id',
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['message_type', 'VARCHAR'],
      ['event_type', 'VARCHAR'],
      ['logical_key', 'VARCHAR'],
      ['delivery_status', 'VARCHAR'],
      ['event_date', 'DATE'],
      ['sent_date', 'DATE', "(payload->>'dagtekening')"],
      ['allocation_number', 'VARCHAR'],
      ['retour_codes', 'VARCHAR', "(payload->>'codes')"],
    ],
  },
  {
    // every JW301 version of an allocation (the fold keeps only the latest in trajectory): a report
    // as of a past date uses the version valid then (lens/scope.ts asOfViews)
    name: 'allocation_version',
    // the send day from the message (JW301s imported since it is kept in the event), else from its import run
    from: `(SELECT e.*, r.report->>'dagtekening' AS run_sent FROM ijw_event e LEFT JOIN import_run r ON r.id = e.source_run_id
            WHERE e.event_type = 'toewijzing') AS toewijzing`,
    perGemeente: true,
    sliceKey: 'id',
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['allocation_number', 'VARCHAR'],
      ['allocation_date', 'DATE', "(payload->>'toewijzingsdatum')"],
      ['allocation_time', 'VARCHAR', "(payload->>'toewijzingstijd')"],
      ['allocation_start', 'DATE', "(payload->>'ingangsdatum')"],
      ['allocation_end', 'DATE', "(payload->>'einddatum')"],
      ['withdrawn', 'BOOLEAN', bool("(payload->>'redenWijziging') = '13'")],
      ['sent_date', 'DATE', "coalesce(payload->>'dagtekening', run_sent)"],
    ],
  },
  {
    // every JW305 (start) and JW307 (stop) delivery or deletion with the day it was sent: a report as of
    // a past date knows a start or stop only when its message was sent by then (lens/scope.ts asOfViews)
    name: 'care_event_version',
    from: "(SELECT * FROM ijw_event WHERE event_type IN ('start', 'stop')) AS start_stop",
    perGemeente: true,
    sliceKey: 'id',
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['allocation_number', 'VARCHAR'],
      ['event_type', 'VARCHAR'],
      ['logical_key', 'VARCHAR'],
      ['delivery_status', 'VARCHAR'],
      ['sent_date', 'DATE', "coalesce(payload->>'dagtekening', event_date::text)"],
      ['begin_date', 'DATE', "(payload->>'begindatum')"],
      ['end_date', 'DATE', "(payload->>'einddatum')"],
      ['end_reason', 'VARCHAR', "(payload->>'redenBeeindiging')"],
    ],
  },
  {
    name: 'claim_line',
    from: 'claim_line',
    perGemeente: true,
    sliceKey: 'claim_id',
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['claim_id', 'VARCHAR'],
      ['trajectory_id', 'VARCHAR'],
      ['allocation_number', 'VARCHAR'],
      ['provider_agb', 'VARCHAR'],
      ['product_category', 'VARCHAR'],
      ['product_code', 'VARCHAR'],
      ['period_start', 'DATE'],
      ['period_end', 'DATE'],
      // the JW323 declaration the line came in (NULL for the gemeente's own files): its JW325 answers in claim_answer
      ['declaration_number', 'VARCHAR'],
      ['volume', 'DOUBLE'],
      ['unit', 'VARCHAR'],
      ['amount_cents', 'BIGINT'],
      ['debit_credit', 'VARCHAR'],
      ['status', 'VARCHAR'],
      // the day the JW323 was sent (NULL for the gemeente's own files): a report as of a past date counts
      // the line only when it was sent by then (lens/scope.ts asOfViews)
      ['sent_date', 'DATE'],
      // the day the JW325 that set the status was sent (NULL: the gemeente's own files, older answers): a report as
      // of an earlier day sees the line as submitted (lens/scope.ts asOfViews)
      ['status_date', 'DATE'],
    ],
    // The care form of the line's product category (the region's mapping, else the default '*', else 'onbekend', as
    // `traj` has it for trajectories: cost by care form, issue 16.6) and the trajectory the line belongs to with its
    // youth: the youths behind an amount, which disclosure control counts. Every cost figure joined them again on
    // each call: at national size 19 M lines against 2,2 M trajectories, about two thirds of cost_total's 530 ms
    // (issue 18.3). An as-of view leaves out the youth of a trajectory not known by its date (lens/scope.ts
    // asOfViews), as the join with its trajectories did.
    // The trajectory a line belongs to (`trajectory_id` in the lens): the one it names (traject_id), else the one
    // with its allocation number (toewijzingnummer) when exactly one trajectory of the gemeente has that number, else
    // the id as given. A gemeente's own declaraties.csv may name only the allocation (the iJw fold links those in the
    // store; the CSV import does not, and the trajectory may arrive later): red team 27 found their youths missing
    // from cost per client, the wijk split and the top trajectories, while claims_without_allocation counted them as
    // matched. An allocation number on two trajectories names neither: a line would otherwise count twice.
    enrich: {
      columns: [
        ['care_form', 'VARCHAR', "coalesce(rm.care_form, dm.care_form, 'onbekend')"],
        ['claim_youth', 'VARCHAR', 'coalesce(t.youth_pseudonym, a.youth_pseudonym)'],
      ],
      replace: [['trajectory_id', 'coalesce(t.trajectory_id, a.trajectory_id, csv.trajectory_id)']],
      joins: `LEFT JOIN gemeente g ON g.code = csv.gemeente_code
        LEFT JOIN care_form_mapping rm ON rm.region_code = g.region_code AND rm.product_category = csv.product_category
        LEFT JOIN care_form_mapping dm ON dm.region_code = '*' AND dm.product_category = csv.product_category
        LEFT JOIN trajectory t ON t.gemeente_code = csv.gemeente_code AND t.trajectory_id = csv.trajectory_id
        LEFT JOIN (SELECT gemeente_code, allocation_number, min(trajectory_id) AS trajectory_id, min(youth_pseudonym) AS youth_pseudonym
                   FROM trajectory WHERE allocation_number IS NOT NULL GROUP BY ALL HAVING count(*) = 1) a
          ON a.gemeente_code = csv.gemeente_code AND a.allocation_number = csv.allocation_number`,
    },
  },
  {
    // every JW325 answer with the day it was sent and the lines it rejected ('|'-joined claim ids): a report as of a
    // day between two answers to one declaration takes the answer sent last by then (lens/scope.ts asOfViews)
    name: 'claim_answer',
    from: "(SELECT * FROM ijw_event WHERE event_type = 'antwoord' AND payload->>'dagtekening' IS NOT NULL) AS answer",
    perGemeente: true,
    sliceKey: 'id',
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['id', 'BIGINT'],
      // logical key antw:<agb>:<declaratienummer>
      ['provider_agb', 'VARCHAR', "split_part(logical_key, ':', 2)"],
      ['declaration_number', 'VARCHAR', "substr(logical_key, length(split_part(logical_key, ':', 2)) + 7)"],
      ['sent_date', 'DATE', "(payload->>'dagtekening')"],
      ['rejected', 'VARCHAR', "array_to_string(ARRAY(SELECT jsonb_array_elements_text(payload->'rejected')), '|')"],
    ],
  },
  {
    name: 'basic_support_episode',
    from: 'basic_support_episode',
    perGemeente: true,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['episode_id', 'VARCHAR'],
      ['youth_pseudonym', 'VARCHAR'],
      ['wijk_code', 'VARCHAR'],
      ['team_code', 'VARCHAR'],
      ['start_date', 'DATE'],
      ['end_date', 'DATE'],
      ['life_domains', 'VARCHAR', "array_to_string(life_domains, '|')"],
      // the vindplaats: the location id of a liaison position's practice or school (issue 21), or none
      ['location_id', 'VARCHAR'],
    ],
  },
  {
    name: 'population',
    from: 'population',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['wijk_code', 'VARCHAR'],
      ['year', 'INTEGER'],
      ['age_from', 'INTEGER'],
      ['age_to', 'INTEGER'],
      ['count', 'INTEGER'],
    ],
  },
  {
    name: 'budget',
    from: 'budget',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['year', 'INTEGER'],
      ['budget_line', 'VARCHAR'],
      ['budget_cents', 'BIGINT'],
      ['realised_cents', 'BIGINT'],
      // the gemeente's own programme and a planned reserve mutation (migration 25; draw-down positive)
      ['programme', 'VARCHAR'],
      ['reserve_cents', 'BIGINT'],
      ['reserve_name', 'VARCHAR'],
    ],
  },
  {
    name: 'satisfaction',
    from: 'satisfaction',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['period', 'VARCHAR'],
      ['provider_agb', 'VARCHAR'],
      ['trajectory_id', 'VARCHAR'],
      ['score', 'INTEGER'],
    ],
  },
  {
    name: 'cbs_observation',
    from: 'cbs_observation',
    perGemeente: false,
    columns: [
      ['table_id', 'VARCHAR'],
      ['region_key', 'VARCHAR'],
      ['gemeente_code', 'VARCHAR'],
      ['period_key', 'VARCHAR'],
      ['dims_key', 'VARCHAR'],
      ['topic', 'VARCHAR'],
      ['value', 'DOUBLE'],
      ['status', 'VARCHAR'],
      ['text_value', 'VARCHAR'],
    ],
  },
  {
    name: 'cbs_region',
    from: 'cbs_region',
    perGemeente: false,
    columns: [
      ['table_id', 'VARCHAR'],
      ['region_key', 'VARCHAR'],
      ['title', 'VARCHAR'],
    ],
  },
  {
    name: 'iv3_amount',
    from: 'iv3_amount',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['year', 'INTEGER'],
      ['kind', 'VARCHAR'],
      ['taakveld', 'VARCHAR'],
      ['youth_line', 'VARCHAR'],
      ['category', 'VARCHAR'],
      ['amount_cents', 'BIGINT'],
    ],
  },
  ...CONTRACT_LENS_TABLES,
  ...VOICE_LENS_TABLES,
  ...EVALUATION_LENS_TABLES,
  ...LIAISON_LENS_TABLES,
  {
    name: 'context_figure',
    from: 'context_figure',
    perGemeente: false,
    columns: [
      ['gemeente_code', 'VARCHAR'],
      ['year', 'INTEGER'],
      ['key', 'VARCHAR'],
      ['value', 'DOUBLE'],
      ['status', 'VARCHAR'],
      ['source', 'VARCHAR'],
    ],
  },
];

/**
 * Derived tables computed once per rebuild. `traj` applies the catalogue's conventions: effective
 * start and end (actual dates, else the allocation's, flagged), withdrawn allocations (JZ002 13)
 * left out, and the care form from the region's mapping with the default ('*') as fallback.
 *
 * Effective end: the stop date (JW307), else the Einddatum of the allocation that is valid last —
 * the iJw fold keeps the latest JW301 of an allocation number, so an extension is included. Stop
 * messages go missing in real traffic; without this a started trajectory would count as active in
 * every later period. Such an end is flagged (`end_from_allocation`). An allocation that ended
 * before its actual start still lasts one day (the start), so eff_end never precedes eff_start.
 * `effectiveColumns` spells these columns once, for `traj` here and for the as-of lens (scope.ts), whose start and
 * end are those known on its date.
 */
export function effectiveColumns(start: string, end: string, prefix = ''): string {
  const effStart = `coalesce(${start}, ${prefix}allocation_start, ${prefix}allocation_date)`;
  // (DuckDB's greatest skips NULLs, but an open-ended allocation is caught by the CASE and stays open)
  return `${effStart} AS eff_start,
       coalesce(${end}, CASE WHEN ${prefix}allocation_end IS NOT NULL THEN greatest(${prefix}allocation_end, ${effStart}) END) AS eff_end,
       (${start}) IS NULL AS start_from_allocation,
       ((${start}) IS NOT NULL AND (${end}) IS NULL AND ${prefix}allocation_end IS NOT NULL) AS end_from_allocation`;
}

const trajSelect = (where: string) => `
SELECT t.*,
       ${effectiveColumns('t.start_date', 't.end_date', 't.')},
       coalesce(rm.care_form, dm.care_form) AS care_form,
       coalesce(rm.care_level, dm.care_level) AS care_level,
       y.birth_month, y.gender, y.wijk_code, y.secret_address,
       g.region_code
FROM trajectory t
JOIN gemeente g ON g.code = t.gemeente_code
LEFT JOIN youth y ON y.gemeente_code = t.gemeente_code AND y.pseudonym = t.youth_pseudonym
LEFT JOIN care_form_mapping rm ON rm.region_code = g.region_code AND rm.product_category = t.product_category
LEFT JOIN care_form_mapping dm ON dm.region_code = '*' AND dm.product_category = t.product_category
WHERE ${where} AND coalesce(t.start_date, t.allocation_start, t.allocation_date) IS NOT NULL`;

/**
 * The statements that make the derived tables, in order. `traj_withdrawn` holds the withdrawn
 * trajectories in the shape of `traj`: an as-of view (lens/scope.ts) brings one back when it was
 * withdrawn only after the as-of date.
 */
export const DERIVED_SQL: readonly string[] = [
  `CREATE TABLE traj AS ${trajSelect('NOT t.withdrawn')}`,
  `CREATE TABLE traj_withdrawn AS ${trajSelect('t.withdrawn')}`,
  POPULATION_BAND_SQL,
];
