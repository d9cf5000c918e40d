/**
 * Writes the demo's iJw-covered facts as iJw 3.2 XML messages (one message per file, the way
 * providers and gemeenten exchange them): JW315 (request with referrer, for referrals outside the
 * gemeente), JW301 (allocation), JW305 (start), JW307 (stop), JW323 (claims per provider, gemeente
 * and month) and JW325 (the answer, listing the rejected lines). Read from the demo's canonical
 * CSV so both describe the same facts; the files validate against the iJw 3.2 XSDs.
 * Names are required by the standard: the demo writes an obviously fictional placeholder.
 * Over 400 lines: one writer per iJw message type, each short, over one shared reading of the demo CSV.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { CsvWriter } from './csvWriter.js';
import { join } from 'node:path';
import { addDays, addMonths, daysInMonth } from '../domain/dates.js';
import { decodeFile } from '../ingest/csv/decode.js';
import { CsvTokenizer } from '../ingest/csv/tokenize.js';
import { TARIFF, type DemoCategory } from './calibration.js';

const NS = (m: string) =>
  `xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:${m}="http://www.istandaarden.nl/ijw/3_2/${m}/schema"`;
const CODES: Record<string, string> = {
  jw301: '436',
  jw305: '438',
  jw307: '440',
  jw315: '446',
  jw323: '490',
  jw325: '491',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A tiny XML builder: el('a', el('b', 'x')) — children joined, text escaped by the caller via t(). */
function el(tag: string, ...children: Array<string | null | undefined>): string {
  return `<${tag}>${children.filter((c) => c !== null && c !== undefined).join('')}</${tag}>`;
}
const t = (tag: string, value: string | number) => el(tag, esc(String(value)));
const optional = (tag: string, value: string | null) => (value === null ? null : t(tag, value));

let messageCounter = 0;

function header(m: string, from: string, to: string, date: string, extra = ''): string {
  return el(
    `${m}:Header`,
    t(`${m}:BerichtCode`, CODES[m]!),
    t(`${m}:BerichtVersie`, 3),
    t(`${m}:BerichtSubversie`, 2),
    t(`${m}:Afzender`, from),
    t(`${m}:Ontvanger`, to),
    el(`${m}:BerichtIdentificatie`, t('ijw:Identificatie', String(++messageCounter)), t('ijw:Dagtekening', date)),
    el(`${m}:XsdVersie`, t('ijw:BasisschemaXsdVersie', '1.0.0'), t('ijw:BerichtXsdVersie', '1.0.0')),
    extra,
  );
}

function message(m: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${m}:Bericht ${NS(m)}>${body}</${m}:Bericht>\n`;
}

export interface Traject {
  id: string;
  bsn: string;
  birth: string;
  gender: string;
  gemeente: string;
  agb: string;
  category: string;
  code: string;
  referrer: string;
  referrerDetail: string;
  request: string;
  allocation: string;
  start: string;
  end: string;
  reason: string;
  amount: string;
}

/** ToewijzingNummer (≤ 999,999,999): gemeente offset + the trajectory's own number. */
export function allocationNumber(trajectId: string): number {
  const [g] = trajectId.split('-');
  // verlengde jeugdhulp (generate.ts, `…-V0000001`) is numbered apart: its numbers lie above the others'
  return (Number(g) - 9000) * 2_500_000 + (trajectId.includes('-V') ? 2_000_000 : 0) + trajectNumber(trajectId);
}

/** The trajectory's number within its gemeente and series (`9001-T0000042` and `9001-V0000042` → 42). */
function trajectNumber(trajectId: string): number {
  return Number(trajectId.split(/-[TV]/)[1] ?? 0);
}

function client(m: string, tr: Traject): string {
  return [
    t(`${m}:Bsn`, tr.bsn),
    el(`${m}:Geboortedatum`, t('ijw:Datum', tr.birth)),
    t(`${m}:Geslacht`, tr.gender === 'M' ? '1' : tr.gender === 'V' ? '2' : '0'),
    el(
      `${m}:Naam`,
      el('ijw:Geslachtsnaam', t('ijw:Achternaam', 'Demo')),
      t('ijw:Voorletters', 'X'),
      ...(m === 'jw301' ? [t('ijw:NaamGebruik', '1')] : []),
    ),
  ].join('');
}

function product(m: string, tr: Traject): string {
  return el(`${m}:Product`, t('ijw:Categorie', tr.category), t('ijw:Code', tr.code));
}

function omvang(m: string, tr: Traject): string {
  const tariff = TARIFF[tr.category as DemoCategory] ?? { unit: '04', eur: 100, frequency: '2' };
  const monthly = Number(tr.amount.replace(',', '.')) / 12 || tariff.eur;
  const perPeriod = tariff.frequency === '2' ? monthly / 4.33 : tariff.frequency === '1' ? tariff.eur : monthly;
  const volume = Math.max(1, Math.round(perPeriod / tariff.eur));
  return el(
    `${m}:Omvang`,
    t('ijw:Volume', volume),
    t('ijw:Eenheid', tariff.unit),
    t('ijw:Frequentie', tariff.frequency),
  );
}

/**
 * The allocation's Einddatum as a gemeente sets it beforehand, not the day the care ended. It was the actual end
 * (known in advance) and running care open-ended: the year-end forecast then met perfect foresight on allocations
 * with an end and care that never stops on the open-ended ones, and ran 8–10% low on a year of iJw (red team 8 F3).
 * Now one allocation in five is open-ended; the others end at the end of a month 3 to 18 months after the start,
 * extended by six months at a time while the care runs on: never before the care ended, and for care still running
 * at the end of the data (`until`) after it, so the iJw route counts the same youths in care as the CSV one (a stop
 * message ends every ended care). An allocation that never started keeps no end (allocations_without_start stays the
 * same on both routes). Derived from the trajectory's number, not the simulation's random stream: the rest of the
 * demo is what it was.
 */
const PLANNED_MONTHS = [3, 6, 6, 9, 12, 12, 12, 18] as const;
function monthEnd(d: string): string {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  return `${d.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}
export function allocationEnd(tr: Traject, until: string | undefined): string | null {
  if (!tr.start || (tr.end && tr.end < tr.allocation)) return null;
  const n = trajectNumber(tr.id);
  if (n % 5 === 0 || (!tr.end && !until)) return null; // without the data's end, running care stays open-ended
  let end = monthEnd(addMonths(tr.start, PLANNED_MONTHS[Math.floor(n / 5) % PLANNED_MONTHS.length]!));
  const cover = tr.end || until;
  while (cover && end < cover) end = monthEnd(addMonths(end, 6));
  if (!tr.end && until && end === until) end = monthEnd(addMonths(end, 6));
  return end;
}

function jw315(tr: Traject, until: string | undefined): string {
  const verwijzer = el(
    'jw315:Verwijzer',
    t('ijw:Type', tr.referrer),
    tr.referrer === '02' && tr.referrerDetail ? t('ijw:ZorgverlenerCode', tr.referrerDetail) : null,
  );
  return message(
    'jw315',
    header('jw315', tr.agb, tr.gemeente, tr.request) +
      el(
        'jw315:Client',
        client('jw315', tr),
        el(
          'jw315:AangevraagdeProducten',
          el(
            'jw315:AangevraagdProduct',
            t('jw315:ReferentieAanbieder', tr.id),
            product('jw315', tr),
            t('jw315:ToewijzingIngangsdatum', tr.allocation),
            optional('jw315:ToewijzingEinddatum', allocationEnd(tr, until)),
            omvang('jw315', tr),
            verwijzer,
            t('jw315:Raamcontract', '1'),
          ),
        ),
      ),
  );
}

function jw301(tr: Traject, until: string | undefined): string {
  // Contactgegevens is required; the demo gives only the kind of address (01 BRP), never an address
  return message(
    'jw301',
    header('jw301', tr.gemeente, tr.agb, tr.allocation) +
      el(
        'jw301:Client',
        client('jw301', tr),
        el('jw301:Contactgegevens', el('jw301:Contact', t('jw301:Soort', '01'))),
        el(
          'jw301:ToegewezenProducten',
          el(
            'jw301:ToegewezenProduct',
            t('jw301:ToewijzingNummer', allocationNumber(tr.id)),
            t('jw301:ReferentieAanbieder', tr.id),
            product('jw301', tr),
            t('jw301:Toewijzingsdatum', tr.allocation),
            t('jw301:Toewijzingstijd', '09:00:00'),
            t('jw301:Ingangsdatum', tr.allocation),
            optional('jw301:Einddatum', allocationEnd(tr, until)),
            omvang('jw301', tr),
          ),
        ),
      ),
  );
}

/** Days between the actual date and the message: most within the week, every ninth trajectory late (OP271/OP272). */
export function messageDelay(trajectId: string, kind: 'start' | 'stop'): number {
  const n = trajectNumber(trajectId);
  if (n % 9 === 0) return kind === 'start' ? 12 : 20;
  return kind === 'start' ? 2 : 3;
}

function jw305(tr: Traject): string {
  return message(
    'jw305',
    header('jw305', tr.agb, tr.gemeente, addDays(tr.start, messageDelay(tr.id, 'start'))) +
      el(
        'jw305:Client',
        client('jw305', tr),
        el(
          'jw305:StartProducten',
          el(
            'jw305:StartProduct',
            t('jw305:ToewijzingNummer', allocationNumber(tr.id)),
            product('jw305', tr),
            t('jw305:ToewijzingIngangsdatum', tr.allocation),
            t('jw305:Begindatum', tr.start),
            t('jw305:StatusAanlevering', '1'),
          ),
        ),
      ),
  );
}

function jw307(tr: Traject): string {
  return message(
    'jw307',
    header('jw307', tr.agb, tr.gemeente, addDays(tr.end, messageDelay(tr.id, 'stop'))) +
      el(
        'jw307:Client',
        client('jw307', tr),
        el(
          'jw307:StopProducten',
          el(
            'jw307:StopProduct',
            t('jw307:ToewijzingNummer', allocationNumber(tr.id)),
            product('jw307', tr),
            t('jw307:ToewijzingIngangsdatum', tr.allocation),
            t('jw307:Begindatum', tr.start),
            t('jw307:RedenBeeindiging', tr.reason),
            t('jw307:Einddatum', tr.end),
            t('jw307:StatusAanlevering', '1'),
          ),
        ),
      ),
  );
}

export interface Claim {
  id: string;
  traject: Traject;
  start: string;
  end: string;
  volume: number;
  unit: string;
  cents: number;
  rejected: boolean;
}

function prestatie(m: string, c: Claim): string {
  const tariffCents = Math.round(c.cents / Math.max(1, c.volume));
  return el(
    `${m}:Prestatie`,
    el(`${m}:ProductReferentie`, t('ijw:ReferentieNummer', c.id)),
    t(`${m}:ToewijzingNummer`, allocationNumber(c.traject.id)),
    t(`${m}:ProductCategorie`, c.traject.category),
    t(`${m}:ProductCode`, c.traject.code),
    el(`${m}:ProductPeriode`, t('ijw:Begindatum', c.start), t('ijw:Einddatum', c.end)),
    t(`${m}:GeleverdVolume`, c.volume),
    t(`${m}:Eenheid`, c.unit),
    t(`${m}:ProductTarief`, tariffCents),
    el(`${m}:IngediendBedrag`, t('ijw:Bedrag', c.cents), t('ijw:DebetCredit', 'D')),
    m === 'jw325' ? el('jw325:RetourCodes', t('jw325:RetourCode', '9321')) : null,
  );
}

function byClient(claims: Claim[]): Map<string, Claim[]> {
  const m = new Map<string, Claim[]>();
  for (const c of claims) {
    const list = m.get(c.traject.bsn);
    if (list) list.push(c);
    else m.set(c.traject.bsn, [c]);
  }
  return m;
}

/** One declaration (JW323) and its answer (JW325) for a gemeente, provider and month. */
export function jw323and325(
  gemeente: string,
  agb: string,
  month: string,
  claims: Claim[],
  seq: number,
): [string, string] {
  const y = Number(month.slice(0, 4));
  const mo = Number(month.slice(5, 7));
  const periodEnd = `${month.slice(0, 8)}${String(daysInMonth(y, mo)).padStart(2, '0')}`;
  const date = addDays(periodEnd, 6);
  const number = `D${String(seq).padStart(9, '0')}`;
  const total = claims.reduce((s, c) => s + c.cents, 0);
  const rejected = claims.filter((c) => c.rejected);
  const accepted = total - rejected.reduce((s, c) => s + c.cents, 0);
  const id323 = String(++messageCounter);
  const body323 =
    header('jw323', agb, gemeente, date).replace(
      /<ijw:Identificatie>\d+<\/ijw:Identificatie>/,
      `<ijw:Identificatie>${id323}</ijw:Identificatie>`,
    ) +
    el(
      'jw323:Declaratie',
      t('jw323:DeclaratieNummer', number),
      el('jw323:DeclaratiePeriode', t('ijw:Begindatum', month), t('ijw:Einddatum', periodEnd)),
      t('jw323:DeclaratieDagtekening', date),
      el('jw323:TotaalIngediendBedrag', t('ijw:TotaalBedrag', total), t('ijw:DebetCredit', 'D')),
      el(
        'jw323:Clienten',
        ...[...byClient(claims)].map(([bsn, cs]) =>
          el('jw323:Client', t('jw323:Bsn', bsn), el('jw323:Prestaties', ...cs.map((c) => prestatie('jw323', c)))),
        ),
      ),
    );
  const answerDate = addDays(date, 5);
  const extra =
    el('jw325:DeclaratieIdentificatie', t('ijw:Identificatie', id323), t('ijw:Dagtekening', date)) +
    t('jw325:XsltVersie', '1.0.0') +
    el('jw325:XsdVersieDeclaratie', t('ijw:BasisschemaXsdVersie', '1.0.0'), t('ijw:BerichtXsdVersie', '1.0.0')) +
    el('jw325:RetourCodes', t('jw325:RetourCode', '0200'));
  const body325 =
    header('jw325', gemeente, agb, answerDate, extra) +
    el(
      'jw325:DeclaratieAntwoord',
      t('jw325:DeclaratieNummer', number),
      el('jw325:TotaalIngediendBedrag', t('ijw:TotaalBedrag', total), t('ijw:DebetCredit', 'D')),
      el('jw325:TotaalToegekendBedrag', t('ijw:TotaalBedrag', accepted), t('ijw:DebetCredit', 'D')),
      rejected.length > 0
        ? el(
            'jw325:Clienten',
            ...[...byClient(rejected)].map(([bsn, cs]) =>
              el(
                'jw325:Client',
                t('jw325:Bsn', bsn),
                el('jw325:Prestaties', ...cs.map((c) => prestatie('jw325', c))),
                el('jw325:RetourCodes', t('jw325:RetourCode', '0200')),
              ),
            ),
          )
        : null,
      el('jw325:RetourCodes', t('jw325:RetourCode', rejected.length > 0 ? '0200' : '8001')),
    );
  return [message('jw323', body323), message('jw325', body325)];
}

async function* records(path: string): AsyncGenerator<Record<string, string>> {
  const tok = new CsvTokenizer(';');
  let header: string[] | null = null;
  const rows = (recs: { fields: string[] }[]) => recs.map((r) => r.fields);
  for await (const { text } of decodeFile(path, 'utf-8')) {
    for (const f of rows(tok.push(text))) {
      if (!header) header = f;
      else yield Object.fromEntries(header.map((h, i) => [h, f[i] ?? '']));
    }
  }
  for (const f of rows(tok.end())) if (header) yield Object.fromEntries(header.map((h, i) => [h, f[i] ?? '']));
}

export interface IjwOutput {
  readonly dir: string;
  readonly counts: Record<string, number>;
  /** the claims that stayed CSV (before `from`, or of a trajectory without BSN), when asked for */
  readonly historicClaims: { path: string; rows: number } | null;
}

export interface IjwWriteOptions {
  /** only the first `limit` trajectories that have a BSN (tests, benchmarks) */
  readonly limit?: number;
  /**
   * The day the demo's iJw traffic begins: messages for the trajectories still running on it (or
   * allocated later), and the claims from it on. Without it: everything.
   */
  readonly from?: string;
  /** Where to write the claims that do not travel as iJw (the CSV header and rows as read). */
  readonly historicClaims?: string;
  /** The last day of the data: an allocation of care still running then ends after it (allocationEnd). */
  readonly until?: string;
}

/** One message of the demo's traffic: its type folder and file name (<JWxxx>/<gemeente>-<n>.xml) and its XML. */
export interface IjwDemoMessage {
  readonly type: string;
  readonly name: string;
  readonly xml: string;
}

/** The demo's iJw traffic, read from its CSV and ready to be made message by message. */
export interface IjwTraffic {
  readonly counts: Record<string, number>;
  /** the claims that stayed CSV (before `from`, or of a trajectory without BSN), when asked for */
  readonly historicClaims: { path: string; rows: number } | null;
  /** the messages, made one at a time (a year of traffic is ~60,000 messages, ~150 MB of XML) */
  messages(): Generator<IjwDemoMessage>;
}

/**
 * Reads the demo's trajectories and claims and returns its iJw traffic: the claims that do not travel as iJw are
 * written to `historicClaims` now (the CSV importer needs them before the messages), the messages are made when asked.
 */
export async function prepareIjwTraffic(
  files: { trajecten: string; declaraties: string },
  opts: IjwWriteOptions = {},
): Promise<IjwTraffic> {
  const limit = opts.limit ?? Infinity;
  const from = opts.from ?? '0000-00-00';
  const counts: Record<string, number> = { JW315: 0, JW301: 0, JW305: 0, JW307: 0, JW323: 0, JW325: 0 };
  const trajects = new Map<string, Traject>();
  const messaged: Traject[] = [];
  for await (const r of records(files.trajecten)) {
    if (trajects.size >= limit) break;
    if (!/^\d{9}$/.test(r.client_id!)) continue; // local client numbers do not travel through iJw
    const tr: Traject = {
      id: r.traject_id!,
      bsn: r.client_id!,
      birth: r.geboortedatum!,
      gender: r.geslacht!,
      gemeente: r.gemeente!,
      agb: r.aanbieder_agb!,
      category: r.productcategorie!,
      code: r.productcode!,
      referrer: r.verwijzer!,
      referrerDetail: r.verwijzer_detail!,
      request: r.aanvraagdatum!,
      allocation: r.toewijzingsdatum!,
      start: r.startdatum!,
      end: r.einddatum!,
      reason: r.reden_einde!,
      amount: r.bedrag_toegekend!,
    };
    trajects.set(tr.id, tr);
    if (tr.end && tr.end < from) continue; // ended before the iJw traffic began: its claims may still come
    messaged.push(tr);
    if (tr.referrer && tr.referrer !== '01') counts.JW315!++;
    counts.JW301!++;
    if (tr.start) counts.JW305!++;
    if (tr.end && tr.reason) counts.JW307!++;
  }
  // claims grouped into one declaration per gemeente, provider and month
  const groups = new Map<string, Claim[]>();
  const pending = new Set<string>();
  let historic: CsvWriter | null = null;
  for await (const r of records(files.declaraties)) {
    const tr = trajects.get(r.traject_id!);
    if (!tr || r.periode_start! < from) {
      if (opts.historicClaims) {
        historic ??= new CsvWriter(opts.historicClaims, Object.keys(r));
        await historic.row(Object.values(r));
      }
      continue;
    }
    const claim: Claim = {
      id: r.declaratie_id!.slice(-36),
      traject: tr,
      start: r.periode_start!,
      end: r.periode_eind!,
      volume: Math.max(1, Math.round(Number(r.volume!.replace(',', '.')))),
      unit: r.eenheid!,
      cents: Math.round(Number(r.bedrag_euro!.replace(',', '.')) * 100),
      rejected: r.status === 'afgewezen',
    };
    const key = `${tr.gemeente}|${tr.agb}|${claim.start.slice(0, 7)}-01`;
    const list = groups.get(key);
    if (list) list.push(claim);
    else groups.set(key, [claim]);
    if (r.status === 'ingediend') pending.add(key);
  }
  await historic?.close();
  counts.JW323 = groups.size;
  // a declaration the gemeente has not answered yet (its lines are still "ingediend") has no JW325
  counts.JW325 = [...groups.keys()].filter((k) => !pending.has(k)).length;
  const until = opts.until;
  function* messages(): Generator<IjwDemoMessage> {
    const n: Record<string, number> = {};
    const msg = (type: string, gemeente: string, xml: string): IjwDemoMessage => ({
      type,
      name: `${gemeente}-${(n[type] = (n[type] ?? 0) + 1)}.xml`,
      xml,
    });
    for (const tr of messaged) {
      if (tr.referrer && tr.referrer !== '01') yield msg('JW315', tr.gemeente, jw315(tr, until));
      yield msg('JW301', tr.gemeente, jw301(tr, until));
      if (tr.start) yield msg('JW305', tr.gemeente, jw305(tr));
      if (tr.end && tr.reason) yield msg('JW307', tr.gemeente, jw307(tr));
    }
    let seq = 0;
    for (const [key, claims] of groups) {
      const [gemeente, agb, month] = key.split('|') as [string, string, string];
      const [x323, x325] = jw323and325(gemeente, agb, month, claims, ++seq);
      yield msg('JW323', gemeente, x323);
      if (!pending.has(key)) yield msg('JW325', gemeente, x325);
    }
  }
  return {
    counts,
    historicClaims: historic && opts.historicClaims ? { path: opts.historicClaims, rows: historic.rows } : null,
    messages,
  };
}

/**
 * Writes the messages for the trajectories of the demo and their claims. Files go to
 * <outDir>/<JWxxx>/<gemeente>-<n>.xml.
 */
export async function writeIjwMessages(
  files: { trajecten: string; declaraties: string },
  outDir: string,
  opts: IjwWriteOptions = {},
): Promise<IjwOutput> {
  const traffic = await prepareIjwTraffic(files, opts);
  for (const k of Object.keys(traffic.counts)) mkdirSync(join(outDir, k), { recursive: true });
  for (const m of traffic.messages()) writeFileSync(join(outDir, m.type, m.name), m.xml);
  return { dir: outDir, counts: traffic.counts, historicClaims: traffic.historicClaims };
}
