/**
 * A header column that is not in the format is ignored — a gemeente's export often carries more than Zicht reads —
 * but not when it looks like a column of the format spelled differently, or when a column stands twice: then the value
 * the user meant would be dropped without a word (red team 8: `ontvangst_datum` made a claim count before it was
 * received). Such a header is refused, naming the column and the one meant. A name no rule recognises (`datum_ontvangen`)
 * is ignored, and not kept: a gemeente's export may carry more columns than Zicht reads (docs/csv-formaat.md,
 * Algemeen). Refusing every column not in the format was tried: it made a mapping profile necessary for every real
 * export, for columns Zicht would never read.
 */
import { problem, type Problem } from '../report.js';

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const letters = (s: string) => [...squash(s)].sort().join('');

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length]!;
}

/** The format's column an unknown header name most likely means, or null. */
export function meantColumn(name: string, known: readonly string[]): string | null {
  if (known.includes(name)) return null;
  // Narrow on purpose: a real export carries columns of its own, and a file refused for one of them is a file not
  // loaded. Same letters in another spelling (ontvangst_datum), the same word parts turned round (datum_ontvangst:
  // an anagram of 8 letters or more, not meta/team), or one typing slip (eindatum). Two edits took project_id for
  // traject_id and aanvangdatum for aanvraagdatum (red team 9 follow-up).
  const a = squash(name);
  for (const k of known) {
    const b = squash(k);
    if (a === b || (a.length >= 8 && letters(k) === letters(name))) return k;
    if (Math.min(a.length, b.length) >= 6 && distance(a, b) <= 1) return k;
  }
  return null;
}

export function headerProblems(cols: readonly string[], known: readonly string[]): Problem[] {
  const out: Problem[] = [];
  cols.forEach((c, i) => {
    if (c !== '' && cols.indexOf(c) !== i)
      out.push(
        problem(
          1,
          c,
          null,
          'duplicate_column',
          `kolom "${c}" staat twee keer in de kopregel`,
          `column "${c}" appears twice in the header`,
        ),
      );
    const meant = meantColumn(c, known);
    // also beside the right column: `ontvangstdatum;ontvangst_datum` dropped the second one's date (red team 9)
    if (meant !== null)
      out.push(
        problem(
          1,
          c,
          null,
          'misspelled_column',
          `kolom "${c}" hoort niet bij dit formaat; bedoelt u "${meant}"? Zo zou de waarde ongemerkt wegvallen`,
          `column "${c}" is not part of this format; did you mean "${meant}"? Its values would be dropped unnoticed`,
        ),
      );
  });
  return out;
}
