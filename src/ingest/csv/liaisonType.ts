/**
 * Canonical CSV `verbindingsfuncties` (issue 21, liaison positions): a POH-jeugd, jeugdconsulent, gezinscoach … at a
 * GP practice (its AGB code) or a school (BRIN or own code), with hours per week and a period. The vocabulary is
 * domain/liaison.ts. One position id once per file (a second line would make the stored position depend on the
 * order read), so `prepare` keeps the lines seen and a problem names the earlier line.
 */
import {
  LIAISON_KINDS,
  LOCATION_KINDS,
  MAX_HOURS_PER_WEEK,
  locationIdProblem,
  locationNameProblem,
  type LocationKind,
} from '../../domain/liaison.js';
import { ok, oneOf, parseDate, type Parsed } from './fields.js';
import {
  RowParser,
  decimalParser,
  gemeenteParser,
  lineage,
  text,
  freeText,
  upsert,
  withRun,
  type RecordType,
} from './recordKit.js';

/** A location kind; `huisarts` and `praktijk` are read as the practice. */
const locationKind = (raw: string): Parsed<string> => {
  const s = raw.trim().toLowerCase();
  if (s === 'huisarts' || s === 'praktijk' || s === 'huisartspraktijk') return ok('huisartsenpraktijk');
  return oneOf(LOCATION_KINDS, 'unknown_location_kind', { nl: 'soort vindplaats', en: 'location kind' })(s);
};

/** The columns of the file, in the order written (docs/csv-formaat.md). */
export const VERBINDINGSFUNCTIES_COLUMNS = [
  'functie_id',
  'gemeente',
  'soort',
  'vindplaats_soort',
  'vindplaats',
  'vindplaats_naam',
  'uren_per_week',
  'startdatum',
  'einddatum',
] as const;

export const VERBINDINGSFUNCTIES: RecordType = {
  id: 'verbindingsfuncties',
  description:
    'verbindingsfuncties (POH-jeugd, jeugdconsulent, gezinscoach bij huisartsen en scholen) / liaison positions',
  columns: [
    { name: 'functie_id', required: true },
    { name: 'gemeente', required: true },
    { name: 'soort', required: true },
    { name: 'vindplaats_soort', required: true },
    { name: 'vindplaats', required: true },
    { name: 'vindplaats_naam', required: false },
    { name: 'uren_per_week', required: true, numeric: true },
    { name: 'startdatum', required: true },
    { name: 'einddatum', required: false },
  ],
  prepare: () => Promise.resolve(new Map<string, number>()),
  parse(get, ctx) {
    const seen = ctx.state as Map<string, number>;
    const p = new RowParser(get);
    const id = p.req('functie_id', text);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const kind = p.req('soort', oneOf(LIAISON_KINDS, 'unknown_kind', { nl: 'soort functie', en: 'position kind' }));
    const where = p.req('vindplaats_soort', locationKind) as LocationKind | undefined;
    const location = p.req('vindplaats', text);
    if (where && location) {
      const problem = locationIdProblem(where, location);
      p.check(problem === null, 'vindplaats', 'invalid_location', problem?.nl ?? '', problem?.en ?? '');
    }
    const name = p.opt('vindplaats_naam', freeText) ?? '';
    p.check(
      name.length <= 200,
      'vindplaats_naam',
      'too_long',
      'naam is langer dan 200 tekens',
      'name is over 200 characters',
    );
    const nameProblem = locationNameProblem(name);
    p.check(nameProblem === null, 'vindplaats_naam', 'personal_data', nameProblem?.nl ?? '', nameProblem?.en ?? '');
    const hours = p.req('uren_per_week', decimalParser(ctx, 'uren_per_week'));
    if (typeof hours === 'number')
      p.check(
        hours > 0 && hours <= MAX_HOURS_PER_WEEK,
        'uren_per_week',
        'out_of_range',
        `uren per week ligt tussen 0 en ${MAX_HOURS_PER_WEEK} (meer dan 0)`,
        `hours per week lie between 0 and ${MAX_HOURS_PER_WEEK} (more than 0)`,
      );
    const rawHours = p.raw('uren_per_week');
    const mark = ctx.decimals.get('uren_per_week') ?? '.';
    if (typeof hours === 'number' && rawHours.includes(mark))
      p.check(
        rawHours.length - rawHours.lastIndexOf(mark) - 1 <= 2,
        'uren_per_week',
        'too_many_decimals',
        'uren per week heeft hoogstens twee decimalen',
        'hours per week have at most two decimals',
      );
    const start = p.req('startdatum', parseDate);
    const end = p.opt('einddatum', parseDate);
    if (start && end)
      p.check(
        end >= start,
        'einddatum',
        'end_before_start',
        'einddatum ligt vóór startdatum',
        'end date is before start date',
      );
    if (id && gemeente) {
      const earlier = seen.get(`${gemeente}|${id}`);
      if (earlier !== undefined)
        p.problems.push({
          column: 'functie_id',
          code: 'duplicate_line',
          nl: `dezelfde functie (gemeente en functie_id) staat ook op regel ${earlier}`,
          en: `the same position (gemeente and functie_id) is also on line ${earlier}`,
        });
      else seen.set(`${gemeente}|${id}`, ctx.line);
    }
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return {
      record: {
        gemeente: gemeente!,
        key: id!,
        values: {
          gemeente_code: gemeente,
          position_id: id,
          kind,
          location_kind: where,
          location_id: location,
          location_name: name,
          hours_per_week: hours,
          start_date: start,
          end_date: end,
          source_run_id: 0,
          ...lineage(ctx),
        },
      },
      problems: [],
    };
  },
  async write(tx, batch, runId) {
    return upsert(
      tx,
      'liaison_position',
      ['gemeente_code', 'position_id'],
      withRun(batch, runId),
      runId,
      'position_id',
    );
  },
};
