/**
 * Iv3 taakvelden (budget lines) for youth care. From 2023 the lines 6.72 and 6.82 were split
 * (6.72a–d, 6.73a–c, 6.74a–c, 6.82a–b); for time series they fold back into the pre-2023 lines, and
 * "lasten jeugd" is 6.72 + 6.82 (Verwey-Jonker 2021, Bijlage 3; indicators.md burden_per_user).
 */
export type YouthLine = '6.72' | '6.82';

/** The pre-2023 youth line a taakveld folds into, or null when it is not a youth line. */
export function foldTaakveld(code: string): YouthLine | null {
  const c = code.trim().toLowerCase();
  if (/^6\.72[a-d]?$/.test(c) || /^6\.73[a-c]$/.test(c) || /^6\.74[a-c]$/.test(c)) return '6.72';
  if (/^6\.82[ab]?$/.test(c)) return '6.82';
  return null;
}

export type Iv3Kind = 'begroting' | 'jaarrekening';

/** CBS Verslagsoort keys: YYYYX000 = begroting (primitive), YYYYX005 = jaarrekening. */
export function parseVerslagsoort(key: string): { year: number; kind: Iv3Kind } | null {
  const m = /^(\d{4})X(\d{3})$/.exec(key.trim());
  if (!m) return null;
  if (m[2] === '000') return { year: Number(m[1]), kind: 'begroting' };
  if (m[2] === '005') return { year: Number(m[1]), kind: 'jaarrekening' };
  return null;
}

/**
 * A budget line in words (budget.csv `taakveld_of_post`): a youth taakveld by the name of the Iv3 line it belongs to,
 * with its code after it (controllers know the codes, the raad the words); another taakveld code as "taakveld 7.1";
 * an own post as the gemeente wrote it.
 */
export function budgetLineLabel(line: string): string {
  const c = line.trim().toLowerCase();
  if (c === '6.82a') return 'Jeugdbescherming (taakveld 6.82a)';
  if (c === '6.82b') return 'Jeugdreclassering (taakveld 6.82b)';
  const fold = foldTaakveld(c);
  if (fold === '6.72') return `Maatwerkdienstverlening 18- (taakveld ${c})`;
  if (fold === '6.82') return `Geëscaleerde zorg 18- (taakveld ${c})`;
  return /^\d\.\d{1,2}[a-z]?$/.test(c) ? `taakveld ${c}` : line.trim();
}
