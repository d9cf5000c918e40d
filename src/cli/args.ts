/** Command-line values that several commands read the same way. */
import { parsePeriod, PeriodError, type Period } from '../domain/periods.js';

/** The --period value, or null after saying on stderr what is wrong with it. */
export function periodFlag(text: string): Period | null {
  try {
    return parsePeriod(text);
  } catch (err) {
    if (err instanceof PeriodError) {
      console.error(err.message);
      return null;
    }
    throw err;
  }
}
