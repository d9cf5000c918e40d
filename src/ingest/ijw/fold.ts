/**
 * Folds the iJw event log into trajectories, for the allocation numbers a batch touched. Pure
 * rules on the events of one allocation, independent of arrival order (iJw OP080):
 *  - the allocation with the latest Toewijzingsdatum + Toewijzingstijd wins (ties: compareVersions);
 *  - RedenWijziging 13 (verwijderd) means the allocation never counts (withdrawn);
 *  - a start or stop counts when its logical key has more deliveries (StatusAanlevering 1) than
 *    deletions (3), whichever came first;
 *  - the request (JW315) is matched by provider + ReferentieAanbieder and gives referrer and request date.
 * A trajectory from the gemeente's own administration with the same allocation number is updated
 * (iJw supplies the chain dates); otherwise the trajectory "TW<number>" is created.
 */
import { insertRows, type Sql } from '../../store/sql.js';

export interface EventRow {
  event_type: string;
  logical_key: string;
  delivery_status: string | null;
  payload: Record<string, string | null>;
  /** the import run (one iJw message) the event came from */
  source_run_id?: number | null;
}

export interface FoldedAllocation {
  allocationNumber: string;
  youth: string;
  birth: string | null;
  gender: string | null;
  agb: string;
  category: string;
  code: string | null;
  allocationDate: string;
  allocationStart: string;
  allocationEnd: string | null;
  withdrawn: boolean;
  start: string | null;
  end: string | null;
  endReason: string | null;
  referrer: string | null;
  referrerDetail: string | null;
  requestDate: string | null;
  /** lineage: the run of the allocation message that won */
  runId: number | null;
}

type AllocationPayload = EventRow['payload'];
/**
 * Which of two JW301 versions of an allocation is later: the Toewijzingsdatum + Toewijzingstijd; on a tie the one
 * sent last (Dagtekening), then — so that no tie depends on arrival order — the later Einddatum (open counts as
 * latest), the later Ingangsdatum, a withdrawal. lens/scope.ts asOfViews orders the same way.
 */
export function compareVersions(a: AllocationPayload, b: AllocationPayload): number {
  const keys = (p: AllocationPayload): string[] => [
    `${p.toewijzingsdatum}T${p.toewijzingstijd ?? '00:00:00'}`,
    p.dagtekening ?? '',
    p.einddatum ?? '9999-12-31',
    p.ingangsdatum ?? '',
    p.redenWijziging === '13' ? '1' : '0',
  ];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]! ? 1 : -1;
  return 0;
}

/** The rules above for the events of one allocation (and the requests of its provider). */
export function foldAllocation(events: readonly EventRow[], requests: readonly EventRow[]): FoldedAllocation | null {
  const allocations = events.filter((e) => e.event_type === 'toewijzing');
  if (allocations.length === 0) return null; // a start or stop before its allocation: folded when it arrives
  const latest = allocations.reduce((a, b) => (compareVersions(b.payload, a.payload) > 0 ? b : a));
  const a = latest.payload;
  const live = (type: string) => {
    const net = new Map<string, { n: number; e: EventRow }>();
    for (const e of events.filter((x) => x.event_type === type)) {
      const cur = net.get(e.logical_key) ?? { n: 0, e };
      cur.n += e.delivery_status === '3' ? -1 : 1;
      if (e.delivery_status !== '3') cur.e = e;
      net.set(e.logical_key, cur);
    }
    return [...net.values()].filter((x) => x.n > 0).map((x) => x.e);
  };
  const starts = live('start')
    .map((e) => e.payload.begindatum!)
    .sort();
  const stops = live('stop').sort((x, y) => (x.payload.einddatum ?? '').localeCompare(y.payload.einddatum ?? ''));
  const lastStop = stops[stops.length - 1];
  const request = requests.find(
    (r) => r.payload.referentie && r.payload.referentie === a.referentie && r.payload.agb === a.agb,
  );
  return {
    allocationNumber: a.toewijzingNummer!,
    youth: a.youth!,
    birth: a.birth ?? null,
    gender: a.gender ?? null,
    agb: a.agb!,
    category: a.categorie!,
    code: a.code ?? null,
    allocationDate: a.toewijzingsdatum!,
    allocationStart: a.ingangsdatum!,
    allocationEnd: a.einddatum ?? null,
    withdrawn: a.redenWijziging === '13',
    start: starts[0] ?? null,
    end: lastStop?.payload.einddatum ?? null,
    endReason: lastStop?.payload.redenBeeindiging ?? null,
    referrer: request?.payload.verwijzerType ?? null,
    referrerDetail: request?.payload.verwijzerDetail ?? null,
    requestDate: request?.payload.dagtekening ?? null,
    runId: latest.source_run_id ?? null,
  };
}

/** An allocation to fold: its gemeente and ToewijzingNummer. */
export interface AllocationKey {
  readonly gemeente: string;
  readonly nr: string;
  /** the run that last touched it (foldPending); else the runId of the call */
  readonly run?: number;
}

/**
 * Re-folds the given allocations (of any gemeenten) and writes the trajectories: one statement per
 * step for the whole set, whatever the number of gemeenten in it. A trajectory made here points at
 * the run of the allocation message that won (runId only when the events do not say).
 */
export async function foldAllocations(tx: Sql, keys: readonly AllocationKey[], runId: number): Promise<number> {
  if (keys.length === 0) return 0;
  const events = await tx.query<EventRow & { g: string; nr: string }>(
    `SELECT e.gemeente_code AS g, e.event_type, e.logical_key, e.delivery_status, e.payload, e.allocation_number AS nr, e.source_run_id
     FROM unnest($1::text[], $2::text[]) AS k(g, nr) JOIN ijw_event e ON e.gemeente_code = k.g AND e.allocation_number = k.nr`,
    [keys.map((k) => k.gemeente), keys.map((k) => k.nr)],
  );
  const refs = [
    ...new Map(
      events
        .filter((e) => e.event_type === 'toewijzing')
        .map((e) => [
          `${e.g}|vot:${e.payload.agb}:${e.payload.referentie}`,
          { g: e.g, key: `vot:${e.payload.agb}:${e.payload.referentie}` },
        ]),
    ).values(),
  ];
  const requests =
    refs.length === 0
      ? []
      : await tx.query<EventRow & { g: string }>(
          `SELECT e.gemeente_code AS g, e.event_type, e.logical_key, e.delivery_status, e.payload || jsonb_build_object('dagtekening', e.event_date::text) AS payload
     FROM unnest($1::text[], $2::text[]) AS k(g, logical_key) JOIN ijw_event e ON e.gemeente_code = k.g AND e.logical_key = k.logical_key
     WHERE e.event_type = 'verzoek'`,
          [refs.map((r) => r.g), refs.map((r) => r.key)],
        );
  const byKey = new Map<string, EventRow[]>();
  for (const e of events) {
    const list = byKey.get(`${e.g}|${e.nr}`);
    if (list) list.push(e);
    else byKey.set(`${e.g}|${e.nr}`, [e]);
  }
  const requestsOf = new Map<string, EventRow[]>();
  for (const r of requests) {
    const list = requestsOf.get(r.g);
    if (list) list.push(r);
    else requestsOf.set(r.g, [r]);
  }
  const folded = keys
    .map((k) => {
      const f = foldAllocation(byKey.get(`${k.gemeente}|${k.nr}`) ?? [], requestsOf.get(k.gemeente) ?? []);
      if (!f) return null;
      const out: FoldedAllocation & { gemeente: string } = {
        ...f,
        gemeente: k.gemeente,
        runId: f.runId ?? k.run ?? runId,
      };
      return out;
    })
    .filter((f): f is FoldedAllocation & { gemeente: string } => f !== null);
  if (folded.length === 0) return 0;
  // one statement per kind of row for the whole set of allocations
  await insertRows(
    tx,
    'youth',
    ['gemeente_code', 'pseudonym', 'birth_month', 'gender', 'source_run_id', 'source_ref'],
    [
      ...new Map(
        folded.map((f) => [
          `${f.gemeente}|${f.youth}`,
          [f.gemeente, f.youth, f.birth, f.gender, f.runId ?? runId, `toewijzing ${f.allocationNumber}`],
        ]),
      ).values(),
    ],
    // only when it adds something: an allocation folded again would otherwise rewrite its youth's row each time
    `ON CONFLICT (gemeente_code, pseudonym) DO UPDATE SET birth_month = coalesce(youth.birth_month, EXCLUDED.birth_month), gender = coalesce(youth.gender, EXCLUDED.gender)
     WHERE (youth.birth_month IS NULL AND EXCLUDED.birth_month IS NOT NULL) OR (youth.gender IS NULL AND EXCLUDED.gender IS NOT NULL)`,
  );
  await tx.query('INSERT INTO provider (agb) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING', [
    folded.map((f) => f.agb),
  ]);
  const cols = (fs: Array<FoldedAllocation & { gemeente: string }>) => [
    fs.map((f) => f.gemeente),
    fs.map((f) => f.allocationNumber),
    fs.map((f) => f.allocationDate),
    fs.map((f) => f.allocationStart),
    fs.map((f) => f.allocationEnd),
    fs.map((f) => f.start),
    fs.map((f) => f.end),
    fs.map((f) => f.endReason),
    fs.map((f) => f.withdrawn),
    fs.map((f) => f.start === null),
    fs.map((f) => f.category),
    fs.map((f) => f.code),
    fs.map((f) => f.agb),
    fs.map((f) => f.referrer),
    fs.map((f) => f.referrerDetail),
    fs.map((f) => f.requestDate),
    fs.map((f) => f.youth),
    fs.map((f) => f.runId ?? runId),
  ];
  const V = `unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::date[], $6::date[], $7::date[], $8::text[], $9::bool[], $10::bool[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::date[], $17::text[], $18::bigint[])
    AS v(g, nr, allocation_date, allocation_start, allocation_end, start_date, end_date, end_reason, withdrawn, from_allocation, category, code, agb, referrer, referrer_detail, request_date, youth, run)`;
  // trajectories the gemeente's own administration already has (same allocation number): iJw supplies the chain dates;
  // the row keeps its own origin (the line of the gemeente's file), the messages are found through the allocation number
  const updated = new Set(
    (
      await tx.query<{ g: string; nr: string }>(
        `UPDATE trajectory t SET allocation_date = v.allocation_date, allocation_start = v.allocation_start, allocation_end = v.allocation_end,
       start_date = v.start_date, end_date = v.end_date, end_reason = v.end_reason, withdrawn = v.withdrawn, dates_from_allocation = v.from_allocation,
       product_category = v.category, product_code = coalesce(v.code, t.product_code), provider_agb = v.agb,
       referrer_type = coalesce(t.referrer_type, v.referrer), referrer_detail = coalesce(t.referrer_detail, v.referrer_detail),
       request_date = coalesce(t.request_date, v.request_date)
     FROM ${V} WHERE t.gemeente_code = v.g AND t.allocation_number = v.nr RETURNING v.g AS g, v.nr AS nr`,
        cols(folded),
      )
    ).map((r) => `${r.g}|${r.nr}`),
  );
  const fresh = folded.filter((f) => !updated.has(`${f.gemeente}|${f.allocationNumber}`));
  if (fresh.length > 0) {
    await tx.query(
      `INSERT INTO trajectory (gemeente_code, trajectory_id, allocation_number, youth_pseudonym, allocation_date, allocation_start, allocation_end,
         start_date, end_date, end_reason, withdrawn, dates_from_allocation, product_category, product_code, provider_agb, referrer_type,
         referrer_detail, request_date, source_run_id, source_ref)
       SELECT v.g, 'TW' || v.nr, v.nr, v.youth, v.allocation_date, v.allocation_start, v.allocation_end, v.start_date, v.end_date, v.end_reason,
         v.withdrawn, v.from_allocation, v.category, v.code, v.agb, v.referrer, v.referrer_detail, v.request_date, v.run, 'iJw toewijzing ' || v.nr
       FROM ${V}
       ON CONFLICT (gemeente_code, trajectory_id) DO UPDATE SET allocation_date = EXCLUDED.allocation_date, allocation_start = EXCLUDED.allocation_start,
         allocation_end = EXCLUDED.allocation_end, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, end_reason = EXCLUDED.end_reason,
         withdrawn = EXCLUDED.withdrawn, dates_from_allocation = EXCLUDED.dates_from_allocation, referrer_type = EXCLUDED.referrer_type,
         referrer_detail = EXCLUDED.referrer_detail, request_date = EXCLUDED.request_date, source_run_id = EXCLUDED.source_run_id`,
      cols(fresh),
    );
  }
  // claim lines that arrived before (or with) their allocation get their trajectory now
  await tx.query(
    `UPDATE claim_line c SET trajectory_id = t.trajectory_id FROM unnest($1::text[], $2::text[]) AS k(g, nr), trajectory t
     WHERE c.gemeente_code = k.g AND c.allocation_number = k.nr AND c.trajectory_id IS NULL
       AND t.gemeente_code = c.gemeente_code AND t.allocation_number = c.allocation_number`,
    [keys.map((k) => k.gemeente), keys.map((k) => k.nr)],
  );
  return folded.length;
}
