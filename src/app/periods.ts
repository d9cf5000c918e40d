/**
 * The periods the doors offer: how far the data reaches and the suggested half-years, years, quarters and months
 * up to its end. `GET /api/periods` answers it and the OData feed's Periods entity set lists the same periods
 * (server/routes/odata.ts), so a Power BI table and the dashboard offer one list.
 */
import {
  formatPeriod,
  lastCompletePeriod,
  periodLabelNl,
  periodOf,
  shiftPeriod,
  type PeriodKind,
} from '../domain/periods.js';
import { dataEnd } from '../indicators/sql.js';
import type { Lens } from '../lens/lens.js';
import { dutchToday, isIsoDate, type IsoDate } from '../domain/dates.js';
import { UserError } from '../domain/errors.js';

/**
 * The day whose data a figure is computed from (`standVan` in the API, `--stand-van` in the CLI): the lens as it stood
 * at the end of that day (lens/scope.ts asOfViews), as a report over a period uses it. So a reader can check a
 * report's figure through the API. A day after today would read as "the data as they will be" and is refused.
 */
export function parseAsOf(day: string, now: Date, field = 'standVan'): IsoDate {
  const today = dutchToday(now);
  if (!isIsoDate(day) || day < '2000-01-01' || day > today)
    throw new UserError('ongeldige_datum.stand', { field, day: day.slice(0, 20), today });
  return day as IsoDate;
}

export interface PeriodChoice {
  readonly key: string;
  readonly label: string;
}

export interface PeriodsOverview {
  readonly dataStart: string | null;
  readonly dataEnd: string;
  readonly defaultPeriod: string;
  readonly halfYears: PeriodChoice[];
  readonly years: PeriodChoice[];
  readonly quarters: PeriodChoice[];
  readonly months: PeriodChoice[];
}

/** The last `n` periods of a kind up to the end of the data, oldest first (8 half-years, 5 years, 8 quarters, 12 months). */
export async function periodsOverview(lens: Lens): Promise<PeriodsOverview> {
  const end = await dataEnd(lens);
  const [first] = await lens.query<{ d: string | null }>('SELECT CAST(min(eff_start) AS VARCHAR) AS d FROM traj');
  const list = (kind: PeriodKind, n: number): PeriodChoice[] => {
    const last = periodOf(kind, end);
    return Array.from({ length: n }, (_, i) => shiftPeriod(last, i - n + 1)).map((p) => ({
      key: formatPeriod(p),
      label: periodLabelNl(p),
    }));
  };
  return {
    dataStart: first?.d ?? null,
    dataEnd: end,
    defaultPeriod: formatPeriod(lastCompletePeriod('half', end)),
    halfYears: list('half', 8),
    years: list('year', 5),
    quarters: list('quarter', 8),
    months: list('month', 12),
  };
}
