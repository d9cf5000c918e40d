/**
 * budget.csv: the gemeente's budget and realisation per taakveld or own post and year (docs/csv-formaat.md), since
 * issue 19 with the gemeente's own programme of a line and a planned reserve mutation: `reserve_euro` is a draw-down
 * (onttrekking) from a reserve for that line in that year, negative an addition (toevoeging). The three new columns are
 * optional, so a file of the old five columns reads as before. Its own file (it was an entry in recordTypes.ts) because
 * the rows are now checked against each other: one line per gemeente, year and taakveld or post.
 */
import { fail, ok, parseInteger, type Parsed } from './fields.js';
import { toCents } from '../../domain/decimal.js';
import {
  RowParser,
  decimalParser,
  euroParser,
  freeText,
  gemeenteParser,
  lineage,
  upsert,
  withRun,
  type RecordType,
} from './recordKit.js';

/**
 * A line that looks like a taakveld code (digits, a dot or comma) must be one: `6.72` or `6.72a`. "672" or "6,72c"
 * would otherwise be stored as an own post, and the youth budget (taakvelden 6.72 and 6.82) would silently miss it.
 * A name ("Jeugd overig") is an own post and stays as written.
 */
function budgetLine(raw: string): Parsed<string> {
  // an own post has a name, which is free text (no number that may be a BSN)
  if (!/^[\d.,\s]+[a-z]?$/i.test(raw)) return freeText(raw);
  return /^\d\.\d{1,2}[a-z]?$/i.test(raw)
    ? ok(raw)
    : fail(
        'invalid_taakveld',
        `"${raw}" lijkt een taakveldcode maar is er geen (zoals 6.72 of 6.72a); een eigen post heeft een naam`,
        `"${raw}" looks like a taakveld code but is not one (like 6.72 or 6.72a); an own post has a name`,
      );
}

interface BudgetState {
  /** gemeente|year|line (line in lower case: 6.72A and 6.72a are one taakveld) → the first row's line number */
  readonly seen: Map<string, number>;
}

export const BUDGET: RecordType = {
  id: 'budget',
  description: 'begroting en realisatie per taakveld of programma, met reservemutaties / budget and realisation',
  columns: [
    { name: 'gemeente', required: true },
    { name: 'jaar', required: true },
    { name: 'taakveld_of_post', required: true },
    { name: 'begroot_euro', required: true, numeric: true },
    { name: 'gerealiseerd_euro', required: true, numeric: true },
    { name: 'programma', required: false },
    { name: 'reserve_euro', required: false, numeric: true },
    { name: 'reserve_naam', required: false },
  ],
  prepare: () => Promise.resolve<BudgetState>({ seen: new Map() }),
  parse(get, ctx) {
    const state = ctx.state as BudgetState;
    const p = new RowParser(get);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const year = p.req('jaar', (r) => parseInteger(r, 2000, 2100));
    const line = p.req('taakveld_of_post', budgetLine);
    const budget = p.opt('begroot_euro', decimalParser(ctx, 'begroot_euro'));
    const realised = p.opt('gerealiseerd_euro', decimalParser(ctx, 'gerealiseerd_euro'));
    const programme = p.opt('programma', freeText);
    const reserve = p.opt('reserve_euro', euroParser(ctx, 'reserve_euro'));
    const reserveName = p.opt('reserve_naam', freeText);
    if (budget !== null && budget !== undefined)
      p.check(
        budget >= 0,
        'begroot_euro',
        'negative_amount',
        'een begroting is niet negatief (een toevoeging aan een reserve staat negatief in reserve_euro)',
        'a budget is not negative (an addition to a reserve is a negative reserve_euro)',
      );
    // a reserve mutation belongs to a budget line: without a budget there is nothing it adds to or frees
    if (reserve !== null && p.raw('begroot_euro') === '')
      p.problems.push({
        column: 'reserve_euro',
        code: 'reserve_without_budget',
        nl: 'een onttrekking of toevoeging aan een reserve hoort bij een begrotingsregel: begroot_euro is leeg',
        en: 'a reserve draw-down or addition belongs to a budget line: begroot_euro is empty',
      });
    if (reserveName !== null && p.raw('reserve_euro') === '')
      p.problems.push({
        column: 'reserve_naam',
        code: 'reserve_name_without_amount',
        nl: 'reserve_naam zonder bedrag in reserve_euro',
        en: 'reserve_naam without an amount in reserve_euro',
      });
    if (gemeente !== undefined && year !== undefined && line !== undefined) {
      const key = `${gemeente}|${year}|${line.toLowerCase()}`;
      const earlier = state.seen.get(key);
      if (earlier !== undefined)
        p.problems.push({
          column: 'taakveld_of_post',
          code: 'duplicate_line',
          nl: `taakveld of post "${line}" van ${year} staat ook op regel ${earlier}: één regel per gemeente, jaar en taakveld of post`,
          en: `taakveld or post "${line}" of ${year} is also on line ${earlier}: one row per gemeente, year and taakveld or post`,
        });
      else state.seen.set(key, ctx.line);
    }
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return {
      record: {
        gemeente: gemeente!,
        key: `${year}|${line}`,
        values: {
          gemeente_code: gemeente,
          year,
          budget_line: line,
          budget_cents: budget === null ? null : toCents(budget!),
          realised_cents: realised === null ? null : toCents(realised!),
          programme,
          reserve_cents: reserve === null ? null : toCents(reserve!),
          reserve_name: reserveName,
          source_run_id: 0,
          ...lineage(ctx),
        },
      },
      problems: [],
    };
  },
  write: (tx, batch, runId) =>
    upsert(
      tx,
      'budget',
      ['gemeente_code', 'year', 'budget_line'],
      withRun(batch, runId),
      runId,
      "year || '|' || budget_line",
    ),
};
