/**
 * client_id at the door: a BSN (elfproef) or a local client number becomes a keyed pseudonym; an
 * existing Zicht pseudonym is kept. Nothing that identifies a person is stored or reported.
 */
import { isPlaceholderBsn, maskBsnRuns, passesElfproef } from '../../domain/bsn.js';
import type { PseudonymKey } from '../../domain/pseudonym.js';
import { fail, ok, parseBirthMonth, type Parsed } from './fields.js';

const ZICHT_PSEUDONYM = /^P[0-9a-f]{32}$/;

/** recordRef makes placeholder BSNs unique per record: a placeholder never links two records. */
export function pseudonymFor(raw: string, key: PseudonymKey, recordRef: string): Parsed<string> {
  const s = raw.trim();
  if (s === '') return fail('required', 'verplicht veld is leeg', 'required field is empty');
  if (ZICHT_PSEUDONYM.test(s)) return ok(s);
  if (/^\d{8,9}$/.test(s)) {
    const bsn = s.padStart(9, '0');
    if (isPlaceholderBsn(bsn)) return ok(key.pseudonymise(`placeholder:${recordRef}`));
    if (!passesElfproef(bsn))
      return fail('invalid_bsn', 'BSN voldoet niet aan de elfproef', 'BSN fails the elfproef check');
    return ok(key.pseudonymise(bsn));
  }
  if (!/^[\w.-]{1,64}$/.test(s)) return fail('invalid_client_id', 'ongeldig client-id', 'invalid client id');
  return ok(key.pseudonymise(`local:${s}`));
}

/** What a client number or BSN becomes in reports and quarantine: not one digit (privacy.md rule 1). */
export const MASKED_ID = '*********';

/**
 * Columns whose values identify a person are masked in reports and quarantine: a client number or
 * BSN entirely (even the last digits narrow it down), a birth date to its month (the month is all
 * Zicht keeps of it anywhere), an unreadable birth date to '**'.
 */
export function maskValue(column: string, value: string): string {
  if (column === 'client_id' || column === 'bsn') return value.trim() === '' ? '' : MASKED_ID;
  if (column === 'geboortedatum') {
    if (value.trim() === '') return '';
    const m = parseBirthMonth(value);
    return m.ok ? m.value : '**';
  }
  // a number that may be a BSN in any other column (a team "BSN 999990019 Jan Jansen", an id) is not kept either (red
  // teams 33 and 34); the refused row is found by its line, and corrected from the kept raw file (quarantine.ts)
  return maskBsnRuns(value);
}
