/**
 * client_id at the door: a BSN (elfproef) or a local client number becomes a keyed pseudonym; an
 * existing Zicht pseudonym is kept. Nothing that identifies a person is stored or reported.
 */
import { isPlaceholderBsn, maskBsn, passesElfproef } from '../../domain/bsn.js';
import type { PseudonymKey } from '../../domain/pseudonym.js';
import { fail, ok, type Parsed } from './fields.js';

const ZICHT_PSEUDONYM = /^P[0-9a-f]{32}$/;

/** recordRef makes placeholder BSNs unique per record: a placeholder never links two records. */
export function pseudonymFor(raw: string, key: PseudonymKey, recordRef: string): Parsed<string> {
  const s = raw.trim();
  if (s === '') return fail('required', 'verplicht veld is leeg', 'required field is empty');
  if (ZICHT_PSEUDONYM.test(s)) return ok(s);
  if (/^\d{8,9}$/.test(s)) {
    const bsn = s.padStart(9, '0');
    if (isPlaceholderBsn(bsn)) return ok(key.pseudonymise(`placeholder:${recordRef}`));
    if (!passesElfproef(bsn)) return fail('invalid_bsn', 'BSN voldoet niet aan de elfproef', 'BSN fails the elfproef check');
    return ok(key.pseudonymise(bsn));
  }
  if (!/^[\w.-]{1,64}$/.test(s)) return fail('invalid_client_id', 'ongeldig client-id', 'invalid client id');
  return ok(key.pseudonymise(`local:${s}`));
}

/** Columns whose values identify a person are masked in reports and quarantine. */
export function maskValue(column: string, value: string): string {
  return column === 'client_id' || column === 'bsn' ? maskBsn(value.trim()) : value;
}
