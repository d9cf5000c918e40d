/**
 * The demo's voice of clients (issue 20): client-experience results per provider, product category and half-year
 * (ervaringen.csv) and complaints with contacts of the vertrouwenspersoon (klachten.csv). Read from the trajectories
 * the simulation wrote (trajecten.csv), after it: the youths a provider served in a half-year are those it invites.
 * Every figure is drawn from a hash of what it is about, never from the demo's seeded random stream, so adding this
 * changes no other demo figure.
 *
 * Calibration: response 15–35% of those invited (kwaliteitsmonitors report a fifth to a third); complaints on the
 * scale of seed document 001, where a gemeente of about 100,000 inhabitants had 11 AKJ contacts and 11 complaints in
 * a year: per gemeente and year round(11 × inhabitants / 100,000) of each, with a little spread.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { CsvWriter } from './csvWriter.js';
import { hash32 } from './random.js';
import type { DemoProvider } from './providers.js';
import type { DemoGemeente } from './region.js';
import { COMPLAINT_OUTCOMES, COMPLAINT_THEMES, EXPERIENCE_THEMES } from '../domain/voice.js';

/** A number in [0, 1) from the hash of its words. */
const unit = (...words: Array<string | number>): number => hash32(words.join('|')) / 2 ** 32;

interface Served {
  /** gemeente|agb|category|half → the clients served */
  readonly clients: Map<string, Set<string>>;
  /** gemeente → its trajectories' (client, provider) pairs, for complaints about a provider's care */
  readonly pairs: Map<string, Array<{ client: string; agb: string }>>;
}

/** Half-years wholly inside the window, as 2024H1. */
function halves(from: string, to: string): Array<{ label: string; start: string; end: string }> {
  const out: Array<{ label: string; start: string; end: string }> = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    for (const h of [1, 2]) {
      const start = `${y}-${h === 1 ? '01' : '07'}-01`;
      const end = `${y}-${h === 1 ? '06-30' : '12-31'}`;
      if (start >= from && end <= to) out.push({ label: `${y}H${h}`, start, end });
    }
  return out;
}

async function readServed(outDir: string, periods: ReturnType<typeof halves>): Promise<Served> {
  const clients = new Map<string, Set<string>>();
  const pairs = new Map<string, Array<{ client: string; agb: string }>>();
  const lines = createInterface({
    input: createReadStream(join(outDir, 'trajecten.csv'), 'utf8'),
    crlfDelay: Infinity,
  });
  let cols: string[] | null = null;
  for await (const line of lines) {
    const f = line.split(';');
    if (!cols) {
      cols = f;
      continue;
    }
    const v = (c: string) => f[cols!.indexOf(c)] ?? '';
    const start = v('startdatum') || v('toewijzingsdatum');
    const end = v('einddatum');
    const [g, agb, cat, client] = [v('gemeente'), v('aanbieder_agb'), v('productcategorie'), v('client_id')];
    const list = pairs.get(g) ?? [];
    list.push({ client, agb });
    pairs.set(g, list);
    for (const p of periods) {
      if (start > p.end || (end !== '' && end < p.start)) continue;
      const k = `${g}|${agb}|${cat}|${p.label}`;
      const set = clients.get(k) ?? new Set<string>();
      set.add(client);
      clients.set(k, set);
    }
  }
  return { clients, pairs };
}

/** One survey's rows: every theme, responses a share of the invited, marks around the provider's own level. */
async function writeSurvey(
  out: CsvWriter,
  key: string,
  invited: number,
  provider: DemoProvider | undefined,
): Promise<void> {
  const [g, agb, cat, half] = key.split('|') as [string, string, string, string];
  const rate = 0.15 + 0.2 * unit('respons', key);
  // rounded within the bounds, so a small survey is not pushed outside 15–35% by rounding alone
  const respondents = Math.min(
    Math.floor(invited * 0.35),
    Math.max(Math.ceil(invited * 0.15), Math.round(invited * rate)),
  );
  // the provider's level on the 1–10 scale of satisfaction, a little lower for reachability, higher for treatment
  const level = provider?.satisfactionMean ?? 7.4;
  for (const theme of EXPERIENCE_THEMES) {
    // not everyone answers every question
    const responses =
      theme === 'algemeen' ? respondents : Math.round(respondents * (0.8 + 0.2 * unit('q', key, theme)));
    const shift = theme === 'bereikbaarheid' ? -0.4 : theme === 'bejegening' ? 0.3 : 0;
    const mean = Math.min(9.6, Math.max(4.5, level + shift + (unit('score', key, theme) - 0.5) * 1.2));
    const score = responses === 0 ? '' : mean.toFixed(2).replace('.', ',');
    // share at 7 or more: about half at a mean of 6.5, nearly all at 8.5
    const share = Math.min(0.97, Math.max(0.2, 0.5 + (mean - 6.5) * 0.23));
    const positive = Math.round(responses * share);
    await out.row([g, half, agb, cat, '', theme, '', score, responses, invited, positive]);
  }
}

/** Writes ervaringen.csv and klachten.csv beside the other demo files; returns them as manifest entries. */
export async function writeDemoVoice(
  outDir: string,
  gemeenten: readonly DemoGemeente[],
  providers: readonly DemoProvider[],
  windowStart: string,
  windowEnd: string,
): Promise<Record<string, { path: string; rows: number }>> {
  const periods = halves(windowStart, windowEnd);
  const served = await readServed(outDir, periods);
  const byAgb = new Map(providers.map((p) => [p.agb, p]));

  const ervaringen = new CsvWriter(join(outDir, 'ervaringen.csv'), [
    'gemeente',
    'periode',
    'aanbieder_agb',
    'productcategorie',
    'productcode',
    'thema',
    'vraag',
    'score',
    'aantal_antwoorden',
    'aantal_uitgenodigd',
    'aantal_positief',
  ]);
  // a provider with a handful of clients in a half-year is not surveyed there: fewer than 10 would hardly answer
  for (const [key, clients] of [...served.clients].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (clients.size >= 10) await writeSurvey(ervaringen, key, clients.size, byAgb.get(key.split('|')[1]!));
  await ervaringen.close();

  const klachten = new CsvWriter(join(outDir, 'klachten.csv'), [
    'klacht_id',
    'gemeente',
    'soort',
    'thema',
    'aanbieder_agb',
    'datum',
    'uitkomst',
    'client_id',
  ]);
  const themes: ReadonlyArray<readonly [string, number]> = [
    ['bejegening', 0.3],
    ['besluit_toegang', 0.25],
    ['uitvoering', 0.25],
    ['bereikbaarheid', 0.12],
    ['anders', 0.08],
  ];
  const pick = (x: number): string => {
    let acc = 0;
    for (const [t, w] of themes) if ((acc += w) > x) return t;
    return COMPLAINT_THEMES[COMPLAINT_THEMES.length - 1]!;
  };
  const days = (from: string, to: string) =>
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  for (const g of gemeenten) {
    const pairs = served.pairs.get(g.code) ?? [];
    for (let y = Number(windowStart.slice(0, 4)); y <= Number(windowEnd.slice(0, 4)); y++) {
      const from = `${y}-01-01` < windowStart ? windowStart : `${y}-01-01`;
      const to = `${y}-12-31` > windowEnd ? windowEnd : `${y}-12-31`;
      if (from > to) continue;
      const part = (days(from, to) + 1) / 365;
      for (const kind of ['klacht', 'vertrouwenspersoon'] as const) {
        const expected = (11 * g.inhabitants) / 100_000;
        const n = Math.round(expected * part * (0.75 + 0.5 * unit('n', g.code, y, kind)));
        for (let i = 0; i < n; i++) {
          const id = `${kind === 'klacht' ? 'K' : 'AKJ'}-${g.code}-${y}-${String(i + 1).padStart(3, '0')}`;
          const date = new Date(
            Date.parse(`${from}T00:00:00Z`) + Math.floor(unit('d', id) * (days(from, to) + 1)) * 86_400_000,
          )
            .toISOString()
            .slice(0, 10);
          const theme = pick(unit('t', id));
          // a complaint about access is about the gemeente's decision, not a provider's care
          const about =
            theme === 'besluit_toegang' || pairs.length === 0 ? null : pairs[Math.floor(unit('p', id) * pairs.length)]!;
          const outcome =
            kind === 'vertrouwenspersoon'
              ? ''
              : COMPLAINT_OUTCOMES[Math.floor(unit('o', id) * COMPLAINT_OUTCOMES.length)]!;
          // half of them name the client (the register knows who); the importer pseudonymises at the door
          const client = about && unit('c', id) < 0.5 ? about.client : '';
          await klachten.row([id, g.code, kind, theme, about?.agb ?? '', date, outcome, client]);
        }
      }
    }
  }
  await klachten.close();
  return {
    ervaringen: { path: join(outDir, 'ervaringen.csv'), rows: ervaringen.rows },
    klachten: { path: join(outDir, 'klachten.csv'), rows: klachten.rows },
  };
}
