/** Test helpers: temporary directories, test BSNs (999 range, elfproef-valid), CSV writing. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passesElfproef } from '../domain/bsn.js';
import { PseudonymKey } from '../domain/pseudonym.js';

export function tempDir(prefix = 'zicht-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The n-th test BSN in the 999 range that passes the elfproef (never a real person). */
export function testBsn(n: number): string {
  let found = -1;
  for (let i = 0; i < 1_000_000; i++) {
    const s = `999${String(i).padStart(6, '0')}`;
    if (s !== '999999999' && passesElfproef(s) && ++found === n) return s;
  }
  throw new Error('out of test BSNs');
}

export const TEST_KEY = PseudonymKey.fromHex('ab'.repeat(32));

export function writeCsv(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export const TRAJECTEN_HEADER =
  'traject_id;client_id;geboortedatum;geslacht;gemeente;wijk;team;aanbieder_agb;productcategorie;productcode;intensiteit;verwijzer;verwijzer_detail;aanvraagdatum;toewijzingsdatum;startdatum;einddatum;reden_einde;doelrealisatie;bedrag_toegekend';

/** The canonical claim file's columns without `ontvangstdatum` (a claim then arrives by the end of the month after). */
export const DECLARATIES_HEADER =
  'declaratie_id;gemeente;traject_id;toewijzingnummer;aanbieder_agb;productcategorie;productcode;periode_start;periode_eind;volume;eenheid;bedrag_euro;debet_credit;status';

/** A trajectory still running: no end, no reason, no goal result (the rest as trajectRow). */
export function openTrajectRow(over: Partial<Record<string, string>> = {}): string {
  return trajectRow({ einddatum: '', reden_einde: '', doelrealisatie: '', ...over });
}

export function trajectRow(over: Partial<Record<string, string>> = {}): string {
  const base: Record<string, string> = {
    traject_id: 'T1',
    client_id: testBsn(0),
    geboortedatum: '2012-05-17',
    geslacht: 'V',
    gemeente: '9001',
    wijk: '900101',
    team: 'J&G Noord',
    aanbieder_agb: '12345678',
    productcategorie: '45',
    productcode: '45A01',
    intensiteit: 'B',
    verwijzer: '02',
    verwijzer_detail: '01234567',
    aanvraagdatum: '2024-01-03',
    toewijzingsdatum: '2024-01-08',
    startdatum: '2024-01-15',
    einddatum: '2024-06-30',
    reden_einde: '31',
    doelrealisatie: 'ja',
    bedrag_toegekend: '3250,50',
  };
  const v = { ...base, ...over };
  return TRAJECTEN_HEADER.split(';')
    .map((c) => v[c] ?? '')
    .join(';');
}
