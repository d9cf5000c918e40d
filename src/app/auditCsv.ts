/**
 * The access-log export for the access review (Beheer page, GET /api/v1/audit?format=csv, zicht audit export):
 * one column list, Dutch or English headers (docs/downloads.md).
 */
import { ROLE_LABELS, type Role } from './access.js';
import { col, toCsv, type DownloadDef, type HeaderLang } from '../domain/downloads.js';
import type { StoredEntry } from '../audit/log.js';

export const AUDIT_CSV: DownloadDef = {
  id: 'toegangslog',
  where: 'Beheer, "Export voor de toegangsreview"; GET /api/v1/audit?format=csv; zicht audit export --out',
  file: 'toegangslog.csv',
  columns: [
    col('seq', 'volgnummer', 'sequence_number', 'integer', 'position in the hash chain'),
    col('at', 'tijdstip', 'timestamp', 'datetime', 'ISO 8601, UTC'),
    col('eventCode', 'gebeurtenis_code', 'event_code', 'code', 'event (login, export_persoonsgegevens, …)'),
    col('event', 'gebeurtenis', 'event', 'label', 'the event in words'),
    col('username', 'gebruiker', 'username', 'text', 'account or token name'),
    col('roleCode', 'rol_code', 'role_code', 'code', 'role (analist, controller, …)'),
    col('role', 'rol', 'role', 'label', 'role in words'),
    col('onBehalfOf', 'namens', 'on_behalf_of', 'text', 'the account a token acted for'),
    col('scope', 'scope', 'scope', 'code', 'scope of the role (gemeente=9001, …)'),
    col('subjects', 'pseudoniemen', 'pseudonyms', 'code', 'pseudonymised youths concerned, space-separated'),
    col('query', 'vraag', 'query', 'text', 'what was asked'),
    col('purpose', 'doel', 'purpose', 'text', 'stated purpose'),
    col('outcome', 'uitkomst', 'outcome', 'code', 'ok, geweigerd or mislukt (Dutch words)'),
    col('origin', 'herkomst', 'origin', 'text', 'web, api, cli, …'),
    col('hash', 'hash', 'hash', 'code', 'SHA-256 of the entry in the chain'),
  ],
};

export function auditCsv(entries: readonly StoredEntry[], headers: HeaderLang = 'nl'): string {
  return toCsv(
    AUDIT_CSV,
    entries.map((e) => ({
      seq: e.seq,
      at: e.at,
      eventCode: e.event,
      // the event codes are Dutch words already: their label is the code read as words
      event: e.event.replace(/_/g, ' '),
      username: e.username,
      roleCode: e.role,
      role: e.role ? (ROLE_LABELS[e.role as Role] ?? e.role) : null,
      onBehalfOf: e.onBehalfOf,
      scope: e.scope,
      subjects: e.subjects.join(' '),
      query: e.query,
      purpose: e.purpose,
      outcome: e.outcome,
      origin: e.origin,
      hash: e.hash,
    })),
    headers,
  );
}
