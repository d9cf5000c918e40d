/**
 * The reference for pilots_on_track (issue 21), written from the definition in docs/indicators.md ("Pilots op
 * koers"), not from indicators/pilots.ts: it imports nothing of it, counts days as calendar numbers instead of
 * comparing date strings, and rounds the share with its own integer arithmetic. The differential test
 * (pilotsDifferential.test.ts) holds the two against each other on generated registers.
 */

/** One pilot as the register holds it, restated: dates as YYYY-MM-DD, the goals by their status in words. */
export interface RefPilot {
  readonly startDay: string;
  readonly endDay: string;
  readonly moments: ReadonlyArray<{
    readonly plannedDay: string;
    readonly result: string | null;
    readonly on: string | null;
  }>;
  readonly goalStatuses: readonly string[];
}

/** Days since 1 January 1970 for a calendar day, by the civil-from-days algorithm's inverse. */
function dayCount(iso: string): number {
  const [y0, m, d] = iso.split('-').map((x) => parseInt(x, 10)) as [number, number, number];
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Is the pilot running on the day, and if so on track? */
export function refPilotState(p: RefPilot, day: string): 'niet lopend' | 'op koers' | 'niet op koers' {
  const t = dayCount(day);
  for (const m of p.moments) if (m.result === 'stoppen' && m.on !== null && dayCount(m.on) <= t) return 'niet lopend';
  if (t < dayCount(p.startDay) || t > dayCount(p.endDay)) return 'niet lopend';
  if (p.goalStatuses.length === 0) return 'niet op koers';
  for (const s of p.goalStatuses) if (s !== 'op koers') return 'niet op koers';
  // an outcome decided after the day was not there yet on the day
  for (const m of p.moments)
    if ((m.result === null || m.on === null || dayCount(m.on) > t) && dayCount(m.plannedDay) < t)
      return 'niet op koers';
  return 'op koers';
}

/** Count of running pilots, of those on track, and the share in percent at one decimal (half away from zero). */
export function refPilotsOnTrack(
  pilots: readonly RefPilot[],
  day: string,
): { running: number; onTrack: number; share: number | null } {
  let running = 0;
  let onTrack = 0;
  for (const p of pilots) {
    const s = refPilotState(p, day);
    if (s !== 'niet lopend') running += 1;
    if (s === 'op koers') onTrack += 1;
  }
  if (running === 0) return { running, onTrack, share: null };
  // tenths of a percent: onTrack × 1000 / running, rounded half up on whole numbers
  const tenths = Math.floor((onTrack * 2000 + running) / (2 * running));
  return { running, onTrack, share: tenths / 10 };
}
