/**
 * Folds the iJw event log into trajectories, for the allocation numbers a batch touched. Pure
 * rules on the events of one allocation, independent of arrival order (iJw OP080):
 *  - the allocation with the latest Toewijzingsdatum + Toewijzingstijd wins;
 *  - RedenWijziging 13 (verwijderd) means the allocation never counts (withdrawn);
 *  - a start or stop counts when its logical key has more deliveries (StatusAanlevering 1) than
 *    deletions (3), whichever came first;
 *  - the request (JW315) is matched by provider + ReferentieAanbieder and gives referrer and request date.
 * A trajectory from the gemeente's own administration with the same allocation number is updated
 * (iJw supplies the chain dates); otherwise the trajectory "TW<number>" is created.
 */
import type { Sql } from '../../store/sql.js';

export interface EventRow {
  event_type: string;
  logical_key: string;
  delivery_status: string | null;
  payload: Record<string, string | null>;
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
}

/** The rules above for the events of one allocation (and the requests of its provider). */
export function foldAllocation(events: readonly EventRow[], requests: readonly EventRow[]): FoldedAllocation | null {
  const allocations = events.filter((e) => e.event_type === 'toewijzing');
  if (allocations.length === 0) return null; // a start or stop before its allocation: folded when it arrives
  const latest = allocations.reduce((a, b) => {
    const ka = `${a.payload.toewijzingsdatum}T${a.payload.toewijzingstijd ?? '00:00:00'}`;
    const kb = `${b.payload.toewijzingsdatum}T${b.payload.toewijzingstijd ?? '00:00:00'}`;
    return kb > ka ? b : a;
  });
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
  const starts = live('start').map((e) => e.payload.begindatum!).sort();
  const stops = live('stop').sort((x, y) => (x.payload.einddatum ?? '').localeCompare(y.payload.einddatum ?? ''));
  const lastStop = stops[stops.length - 1];
  const request = requests.find((r) => r.payload.referentie && r.payload.referentie === a.referentie && r.payload.agb === a.agb);
  return {
    allocationNumber: a.toewijzingNummer!, youth: a.youth!, birth: a.birth ?? null, gender: a.gender ?? null, agb: a.agb!,
    category: a.categorie!, code: a.code ?? null, allocationDate: a.toewijzingsdatum!, allocationStart: a.ingangsdatum!,
    allocationEnd: a.einddatum ?? null, withdrawn: a.redenWijziging === '13',
    start: starts[0] ?? null, end: lastStop?.payload.einddatum ?? null, endReason: lastStop?.payload.redenBeeindiging ?? null,
    referrer: request?.payload.verwijzerType ?? null, referrerDetail: request?.payload.verwijzerDetail ?? null,
    requestDate: request?.payload.dagtekening ?? null,
  };
}

/** Re-folds the given allocations of one gemeente and writes the trajectories. */
export async function foldAllocations(tx: Sql, gemeente: string, allocationNumbers: readonly string[], runId: number): Promise<number> {
  if (allocationNumbers.length === 0) return 0;
  const events = await tx.query<EventRow & { nr: string }>(
    `SELECT event_type, logical_key, delivery_status, payload, allocation_number AS nr FROM ijw_event
     WHERE gemeente_code = $1 AND allocation_number = ANY($2::text[])`,
    [gemeente, allocationNumbers],
  );
  const refs = [...new Set(events.filter((e) => e.event_type === 'toewijzing').map((e) => `vot:${e.payload.agb}:${e.payload.referentie}`))];
  const requests = refs.length === 0 ? [] : await tx.query<EventRow>(
    `SELECT event_type, logical_key, delivery_status, payload || jsonb_build_object('dagtekening', event_date::text) AS payload
     FROM ijw_event WHERE gemeente_code = $1 AND event_type = 'verzoek' AND logical_key = ANY($2::text[])`,
    [gemeente, refs],
  );
  const byNr = new Map<string, EventRow[]>();
  for (const e of events) byNr.set(e.nr, [...(byNr.get(e.nr) ?? []), e]);
  let written = 0;
  for (const nr of allocationNumbers) {
    const f = foldAllocation(byNr.get(nr) ?? [], requests);
    if (!f) continue;
    await tx.query(
      `INSERT INTO youth (gemeente_code, pseudonym, birth_month, gender, source_run_id, source_ref) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (gemeente_code, pseudonym) DO UPDATE SET birth_month = coalesce(youth.birth_month, EXCLUDED.birth_month), gender = coalesce(youth.gender, EXCLUDED.gender)`,
      [gemeente, f.youth, f.birth, f.gender, runId, `toewijzing ${nr}`],
    );
    await tx.query('INSERT INTO provider (agb) VALUES ($1) ON CONFLICT DO NOTHING', [f.agb]);
    const values = [f.allocationDate, f.allocationStart, f.allocationEnd, f.start, f.end, f.endReason, f.withdrawn, f.start === null, f.category, f.code, f.agb, f.referrer, f.referrerDetail, f.requestDate, runId];
    const updated = await tx.query(
      `UPDATE trajectory SET allocation_date = $3, allocation_start = $4, allocation_end = $5, start_date = $6, end_date = $7, end_reason = $8,
         withdrawn = $9, dates_from_allocation = $10, product_category = $11, product_code = coalesce($12, product_code), provider_agb = $13,
         referrer_type = coalesce(referrer_type, $14), referrer_detail = coalesce(referrer_detail, $15), request_date = coalesce(request_date, $16::date),
         source_run_id = $17, source_ref = 'iJw toewijzing ' || $2
       WHERE gemeente_code = $1 AND allocation_number = $2 RETURNING 1`,
      [gemeente, nr, ...values],
    );
    if (updated.length === 0) {
      await tx.query(
        `INSERT INTO trajectory (gemeente_code, trajectory_id, allocation_number, youth_pseudonym, allocation_date, allocation_start, allocation_end,
           start_date, end_date, end_reason, withdrawn, dates_from_allocation, product_category, product_code, provider_agb, referrer_type,
           referrer_detail, request_date, source_run_id, source_ref)
         VALUES ($1, 'TW' || $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::date, $18, 'iJw toewijzing ' || $2)
         ON CONFLICT (gemeente_code, trajectory_id) DO UPDATE SET allocation_date = EXCLUDED.allocation_date, allocation_start = EXCLUDED.allocation_start,
           allocation_end = EXCLUDED.allocation_end, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, end_reason = EXCLUDED.end_reason,
           withdrawn = EXCLUDED.withdrawn, dates_from_allocation = EXCLUDED.dates_from_allocation, referrer_type = EXCLUDED.referrer_type,
           referrer_detail = EXCLUDED.referrer_detail, request_date = EXCLUDED.request_date, source_run_id = EXCLUDED.source_run_id`,
        [gemeente, nr, f.youth, ...values],
      );
    }
    written++;
  }
  // claim lines that arrived before (or with) their allocation get their trajectory now
  await tx.query(
    `UPDATE claim_line c SET trajectory_id = t.trajectory_id FROM trajectory t
     WHERE c.gemeente_code = $1 AND c.trajectory_id IS NULL AND t.gemeente_code = c.gemeente_code
       AND t.allocation_number = c.allocation_number AND c.allocation_number = ANY($2::text[])`,
    [gemeente, allocationNumbers],
  );
  return written;
}
