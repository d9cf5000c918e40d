/**
 * The canonical CSV v1 record types (docs/domain/formats.md §4), plus declaraties.csv (claim
 * lines) for gemeenten that export claims from their own administration. Each type says which
 * columns it has, how one row becomes a canonical record, and how a batch is written.
 * Over 400 lines: one entry per record type, each short; split per type when a type grows its own helpers.
 */
import { coversAges } from '../../domain/population.js';
import { formatDateNl } from '../../domain/dates.js';
import { decimalOf, toCents } from '../../domain/decimal.js';
import { csvField, type Sql } from '../../store/sql.js';
import { END_REASON, PRODUCT_CATEGORY, REFERRER, UNIT } from '../../domain/codelists.js';
import { isIntensity } from '../../domain/intensity.js';
import { foldTaakveld } from '../../domain/taakvelden.js';
import { parsePeriod } from '../../domain/periods.js';
import { endedMunicipality, municipalityExistedIn } from '../../domain/municipalities.js';
import {
  fail,
  ok,
  parseAgb,
  parseBirthMonth,
  parseCode,
  parseDate,
  parseGender,
  parseInteger,
  type Parsed,
} from './fields.js';
import { pseudonymFor } from './identity.js';
import {
  RowParser,
  decimalParser,
  gemeenteParser,
  lineage,
  stageAndUpsert,
  text,
  freeText,
  upsert,
  withRun,
  type Canonical,
  type FieldProblem,
  type ParseContext,
  type RecordType,
} from './recordKit.js';
import { CONTRACTEN } from './contractTypes.js';
import { BUDGET } from './budgetType.js';
import { BETALINGEN, CONTRACTTARIEVEN } from './contractMoneyTypes.js';
import { ERVARINGEN, KLACHTEN } from './voiceTypes.js';
import { AANBOD } from './socialMapTypes.js';
import { EVALUATIES } from './evaluationTypes.js';
import { VERBINDINGSFUNCTIES } from './liaisonType.js';
import { LOCATION_ID, LOCATION_ID_WORDS } from '../../domain/liaison.js';

export type { Canonical, ColumnSpec, FieldProblem, ParseContext, RecordType } from './recordKit.js';

/**
 * Iv3 accounts are yearly figures of any gemeente, also of one that has since merged (0457 Weesp,
 * 0788 Haaren): its base-year budget is what an index needs. A code is accepted when it existed in
 * the row's year (herindelingen.json); a gemeente that has ended is not registered as one to steer.
 */
function iv3GemeenteParser(ctx: ParseContext, year: number | undefined) {
  const current = gemeenteParser(ctx);
  return (raw: string): Parsed<string> => {
    const code = /^\d{1,4}$/.test(raw) ? raw.padStart(4, '0') : raw.replace(/^GM/i, '');
    if (year !== undefined && /^\d{4}$/.test(code)) {
      const existed = municipalityExistedIn(code, year);
      if (!existed.ok) return fail(existed.code, existed.nl, existed.en);
      if (endedMunicipality(code)) return ok(code);
    }
    // a jaar that did not parse is the row's problem, said at jaar: an ended code is a real one, not "not in the CBS
    // list" (the row is refused for its jaar either way)
    if (year === undefined && endedMunicipality(code)) return ok(code);
    return current(raw);
  };
}

const intensity = (raw: string): Parsed<string> => {
  const s = raw.toUpperCase();
  return isIntensity(s) ? ok(s) : fail('unknown_code', 'intensiteit moet A t/m I zijn', 'intensity must be A to I');
};
const goal = (raw: string): Parsed<string> => {
  const s = raw.toLowerCase();
  return ['ja', 'deels', 'nee'].includes(s)
    ? ok(s)
    : fail('unknown_code', 'doelrealisatie moet ja, deels of nee zijn', 'goal attainment must be ja, deels or nee');
};
const yesNo = (raw: string): Parsed<boolean> => {
  const s = raw.toLowerCase();
  if (['ja', 'j', '1', 'true'].includes(s)) return ok(true);
  if (['nee', 'n', '0', 'false'].includes(s)) return ok(false);
  return fail('unknown_code', 'moet ja of nee zijn', 'must be ja or nee');
};

export const LIFE_DOMAINS: Record<string, string> = {
  'opvoeden en opgroeien': 'opvoeden_opgroeien',
  'psychische gezondheid': 'psychische_gezondheid',
  beperkingen: 'beperkingen',
  'veranderend ouderschap': 'veranderend_ouderschap',
  veiligheid: 'veiligheid',
  wonen: 'wonen',
  financiën: 'financien',
  gezondheid: 'gezondheid',
  'taal- en digitale vaardigheid': 'taal_digitaal',
  participatie: 'participatie',
  onderwijs: 'onderwijs',
};
const LIFE_DOMAIN_CODES = new Set(Object.values(LIFE_DOMAINS));

function lifeDomains(raw: string): Parsed<string[]> {
  const out: string[] = [];
  for (const part of raw
    .split('|')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)) {
    const code = LIFE_DOMAINS[part] ?? (LIFE_DOMAIN_CODES.has(part) ? part : part === 'financien' ? 'financien' : null);
    if (!code) return fail('unknown_code', `onbekend leefgebied "${part}"`, `unknown life domain "${part}"`);
    out.push(code);
  }
  return ok(out);
}

const YOUTH_COLUMNS = [
  'gemeente_code',
  'pseudonym',
  'birth_month',
  'gender',
  'wijk_code',
  'team_code',
  'secret_address',
  'source_run_id',
  'source_ref',
];

/**
 * The rows of a batch whose id this run already wrote (the id stood earlier in the file) taken out before anything
 * of them is written: such a row is a duplicate, refused whole. Its youth's birth month, gender, wijk and team must
 * not reach the youth table either (red team 23: a quarantined second row of a trajectory rewrote the youth of the
 * first, and its client was stored without any trajectory). `again`: their ids, as `write` reports duplicates.
 */
async function withoutWrittenByRun(
  tx: Sql,
  table: 'trajectory' | 'basic_support_episode',
  idColumn: 'trajectory_id' | 'episode_id',
  batch: readonly Canonical[],
  runId: number,
): Promise<{ fresh: Canonical[]; again: Set<string> }> {
  if (runId === 0 || batch.length === 0) return { fresh: [...batch], again: new Set() };
  const written = await tx.query<{ g: string; id: string }>(
    `SELECT t.gemeente_code AS g, t.${idColumn} AS id
       FROM ${table} t JOIN unnest($1::text[], $2::text[]) AS b(g, id) ON t.gemeente_code = b.g AND t.${idColumn} = b.id
      WHERE t.source_run_id = $3`,
    [batch.map((r) => r.gemeente), batch.map((r) => r.key), runId],
  );
  if (written.length === 0) return { fresh: [...batch], again: new Set() };
  const done = new Set(written.map((w) => `${w.g}|${w.id}`));
  return {
    fresh: batch.filter((r) => !done.has(`${r.gemeente}|${r.key}`)),
    again: new Set(written.map((w) => w.id)),
  };
}

/**
 * Writes the youths a batch names. From the trajectories (`fill` false) a later non-empty value wins and an empty one
 * keeps what was there (a later row without wijk must not wipe the wijk). From the basic-support file (`fill` true)
 * a value only fills in what no record gave yet: the trajectories say where a youth lives, and a basishulp episode's
 * wijk is where the help was given (a wijk team may help a youth from another wijk). Before, the file loaded last set
 * the youth's wijk, so the same files gave other wijk figures in another order (red team 32).
 */
async function upsertYouth(tx: Sql, batch: readonly Canonical[], runId: number, fill = false): Promise<void> {
  // Rows of one youth within a batch merge as the upsert below merges them across batches
  const byKey = new Map<string, unknown[]>();
  for (const r of batch) {
    const v = r.values;
    const key = `${r.gemeente}|${v.youth_pseudonym}`;
    const before = byKey.get(key);
    const pick = (i: number, value: unknown): unknown =>
      (fill ? (before?.[i] ?? value) : (value ?? before?.[i])) ?? null;
    byKey.set(key, [
      r.gemeente,
      v.youth_pseudonym,
      pick(2, v._birth_month),
      pick(3, v._gender),
      pick(4, v._wijk),
      pick(5, v.team_code),
      Boolean(v._secret) || Boolean(before?.[6]),
      runId,
      v.source_ref,
    ]);
  }
  await stageAndUpsert(
    tx,
    'youth',
    YOUTH_COLUMNS,
    [...byKey.values()],
    'gemeente_code, pseudonym',
    fill
      ? `
       birth_month = coalesce(youth.birth_month, EXCLUDED.birth_month),
       gender = coalesce(youth.gender, EXCLUDED.gender),
       wijk_code = coalesce(youth.wijk_code, EXCLUDED.wijk_code),
       team_code = coalesce(youth.team_code, EXCLUDED.team_code),
       secret_address = youth.secret_address OR EXCLUDED.secret_address`
      : `
       birth_month = coalesce(EXCLUDED.birth_month, youth.birth_month),
       gender = coalesce(EXCLUDED.gender, youth.gender),
       wijk_code = coalesce(EXCLUDED.wijk_code, youth.wijk_code),
       team_code = coalesce(EXCLUDED.team_code, youth.team_code),
       secret_address = youth.secret_address OR EXCLUDED.secret_address,
       source_run_id = EXCLUDED.source_run_id, source_ref = EXCLUDED.source_ref`,
    null,
  );
}

/** Keeps the columns that go to the main table (helper fields for youth start with _). */
function stripHelpers(batch: readonly Canonical[]): Canonical[] {
  return batch.map((r) => ({
    ...r,
    values: Object.fromEntries(Object.entries(r.values).filter(([k]) => !k.startsWith('_'))),
  }));
}

// ---- the record types ----

export const TRAJECTEN: RecordType = {
  id: 'trajecten',
  bulkTables: ['trajectory', 'youth'],
  description: 'trajecten (beschikkingen/toewijzingen met verwijzer, team en data) / trajectories',
  columns: [
    { name: 'traject_id', required: true },
    { name: 'client_id', required: true },
    { name: 'geboortedatum', required: true },
    { name: 'geslacht', required: true },
    { name: 'gemeente', required: true },
    { name: 'wijk', required: false },
    { name: 'team', required: false },
    { name: 'aanbieder_agb', required: true },
    { name: 'productcategorie', required: true },
    { name: 'productcode', required: false },
    { name: 'intensiteit', required: false },
    { name: 'verwijzer', required: true },
    { name: 'verwijzer_detail', required: false },
    { name: 'aanvraagdatum', required: false },
    { name: 'toewijzingsdatum', required: true },
    { name: 'startdatum', required: true },
    { name: 'einddatum', required: true },
    { name: 'reden_einde', required: false },
    { name: 'doelrealisatie', required: false },
    { name: 'bedrag_toegekend', required: false, numeric: true },
    { name: 'geheim_adres', required: false },
    { name: 'toewijzingnummer', required: false },
  ],
  parse(get, ctx) {
    const p = new RowParser(get);
    const id = p.req('traject_id', text);
    const youth = p.req('client_id', (r) => pseudonymFor(r, ctx.key, ctx.recordRef));
    const birth = p.req('geboortedatum', parseBirthMonth);
    const gender = p.req('geslacht', parseGender);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const agb = p.req('aanbieder_agb', parseAgb);
    const category = p.req('productcategorie', (r) => parseCode(PRODUCT_CATEGORY, r, 2));
    const referrer = p.opt('verwijzer', (r) => parseCode(REFERRER, r, 2));
    const requestDate = p.opt('aanvraagdatum', parseDate);
    const allocationDate = p.req('toewijzingsdatum', parseDate);
    const start = p.opt('startdatum', parseDate);
    const end = p.opt('einddatum', parseDate);
    const reason = p.opt('reden_einde', (r) => parseCode(END_REASON, r, 2));
    const amount = p.opt('bedrag_toegekend', decimalParser(ctx, 'bedrag_toegekend'));
    if (start && end)
      p.check(
        end >= start,
        'einddatum',
        'end_before_start',
        'einddatum ligt vóór startdatum',
        'end date is before start date',
      );
    if (end && !start)
      p.check(false, 'startdatum', 'end_without_start', 'einddatum zonder startdatum', 'end date without a start date');
    if (requestDate && allocationDate)
      p.check(
        allocationDate >= requestDate,
        'toewijzingsdatum',
        'allocation_before_request',
        'toewijzingsdatum ligt vóór aanvraagdatum',
        'allocation date is before request date',
      );
    if (reason && !end)
      p.check(
        false,
        'reden_einde',
        'reason_without_end',
        'reden einde zonder einddatum',
        'end reason without an end date',
      );
    const values = {
      gemeente_code: gemeente,
      trajectory_id: id,
      youth_pseudonym: youth,
      provider_agb: agb,
      product_category: category,
      product_code: p.opt('productcode', freeText),
      intensity: p.opt('intensiteit', intensity),
      referrer_type: referrer,
      referrer_detail: p.opt('verwijzer_detail', freeText),
      team_code: p.opt('team', freeText),
      request_date: requestDate,
      allocation_number: p.opt('toewijzingnummer', (r) =>
        /^\d{1,9}$/.test(r)
          ? ok(r)
          : fail(
              'invalid_allocation_number',
              'toewijzingnummer moet een getal van hoogstens 9 cijfers zijn',
              'allocation number must be a number of at most 9 digits',
            ),
      ),
      allocation_date: allocationDate,
      allocation_start: allocationDate,
      start_date: start,
      end_date: end,
      end_reason: reason,
      goal_attainment: p.opt('doelrealisatie', goal),
      budget_cents: amount === null || amount === undefined ? null : toCents(amount),
      dates_from_allocation: start === null,
      _birth_month: birth,
      _gender: gender,
      _wijk: p.opt('wijk', freeText),
      _secret: p.opt('geheim_adres', yesNo) ?? false,
      ...lineage(ctx),
    };
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return { record: { gemeente: gemeente!, key: id!, values }, problems: [] };
  },
  async write(tx, batch, runId) {
    const { fresh, again } = await withoutWrittenByRun(tx, 'trajectory', 'trajectory_id', batch, runId);
    await upsertYouth(tx, fresh, runId);
    const agbs = [...new Set(fresh.map((r) => r.values.provider_agb as string))];
    await tx.query('INSERT INTO provider (agb) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [agbs]);
    const rows = stripHelpers(fresh).map((r) => ({ ...r, values: { ...r.values, source_run_id: runId } }));
    const dups = await upsert(tx, 'trajectory', ['gemeente_code', 'trajectory_id'], rows, runId, 'trajectory_id');
    await registerTeams(tx, fresh);
    return new Set([...dups, ...again]);
  },
};

/**
 * The teams a batch names (`team`), registered for the gemeente as the demo does (code and name the file's text): team
 * reports, team scopes and accounts look a team up there, and a gemeente's own files left it empty (red team 28).
 */
async function registerTeams(tx: Sql, batch: readonly Canonical[]): Promise<void> {
  const seen = new Map<string, [string, string]>();
  for (const r of batch) {
    const t = r.values.team_code;
    if (typeof t === 'string' && t !== '') seen.set(`${r.gemeente}|${t}`, [r.gemeente, t]);
  }
  if (seen.size === 0) return;
  const pairs = [...seen.values()];
  await tx.query(
    'INSERT INTO team (gemeente_code, code, name) SELECT g, t, t FROM unnest($1::text[], $2::text[]) AS x(g, t) ON CONFLICT DO NOTHING',
    [pairs.map(([g]) => g), pairs.map(([, t]) => t)],
  );
}

/** A basishulp episode's vindplaats: a location id as a liaison position names it (letters, digits, . _ -). */
const vindplaats = (raw: string): Parsed<string> =>
  LOCATION_ID.test(raw)
    ? ok(raw)
    : fail(
        'invalid_location',
        `vindplaats is de AGB-code van de huisartsenpraktijk of het BRIN-nummer of de eigen code van de school: ${LOCATION_ID_WORDS.nl}`,
        `vindplaats is the AGB code of the GP practice or the BRIN number or own code of the school: ${LOCATION_ID_WORDS.en}`,
      );

export const BASISHULP: RecordType = {
  id: 'basishulp',
  bulkTables: ['basic_support_episode'],
  description: 'basishulp zonder beschikking / basic support episodes',
  columns: [
    { name: 'episode_id', required: true },
    { name: 'client_id', required: true },
    { name: 'geboortedatum', required: true },
    { name: 'gemeente', required: true },
    { name: 'wijk', required: false },
    { name: 'team', required: false },
    { name: 'startdatum', required: true },
    { name: 'einddatum', required: true },
    { name: 'leefgebieden', required: true },
    // where the youth was found or helped: the location id of a liaison position (AGB code of a GP practice, BRIN or
    // own code of a school); optional, so files from before issue 21 import as they did
    { name: 'vindplaats', required: false },
  ],
  parse(get, ctx) {
    const p = new RowParser(get);
    const id = p.req('episode_id', text);
    const youth = p.req('client_id', (r) => pseudonymFor(r, ctx.key, ctx.recordRef));
    const birth = p.req('geboortedatum', parseBirthMonth);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const start = p.req('startdatum', parseDate);
    const end = p.opt('einddatum', parseDate);
    if (start && end)
      p.check(
        end >= start,
        'einddatum',
        'end_before_start',
        'einddatum ligt vóór startdatum',
        'end date is before start date',
      );
    const wijk = p.opt('wijk', freeText);
    const values = {
      gemeente_code: gemeente,
      episode_id: id,
      youth_pseudonym: youth,
      wijk_code: wijk,
      team_code: p.opt('team', freeText),
      start_date: start,
      end_date: end,
      life_domains: p.opt('leefgebieden', lifeDomains) ?? [],
      location_id: p.opt('vindplaats', vindplaats),
      _birth_month: birth,
      _wijk: wijk,
      ...lineage(ctx),
    };
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return { record: { gemeente: gemeente!, key: id!, values }, problems: [] };
  },
  async write(tx, batch, runId) {
    const { fresh, again } = await withoutWrittenByRun(tx, 'basic_support_episode', 'episode_id', batch, runId);
    await upsertYouth(tx, fresh, runId, true);
    const rows = stripHelpers(fresh).map((r) => ({ ...r, values: { ...r.values, source_run_id: runId } }));
    const dups = await upsert(tx, 'basic_support_episode', ['gemeente_code', 'episode_id'], rows, runId, 'episode_id');
    await registerTeams(tx, fresh);
    return new Set([...dups, ...again]);
  },
};

export const TEVREDENHEID: RecordType = {
  id: 'tevredenheid',
  bulkTables: ['satisfaction'],
  description: 'cliënttevredenheid (score 1–10) / client satisfaction',
  columns: [
    { name: 'gemeente', required: true },
    { name: 'periode', required: true },
    { name: 'aanbieder_agb', required: false },
    { name: 'traject_id', required: false },
    { name: 'score', required: true },
  ],
  parse(get, ctx) {
    const p = new RowParser(get);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const period = p.req('periode', (r) => {
      try {
        parsePeriod(r);
        return ok(r.toUpperCase());
      } catch {
        return fail(
          'invalid_period',
          'onbekende periode (verwacht 2024, 2024H1, 2024Q3 of 2024-03)',
          'unknown period (expected 2024, 2024H1, 2024Q3 or 2024-03)',
        );
      }
    });
    const values = {
      gemeente_code: gemeente,
      period,
      provider_agb: p.opt('aanbieder_agb', parseAgb),
      trajectory_id: p.opt('traject_id', text),
      score: p.req('score', (r) => parseInteger(r, 1, 10)),
      ...lineage(ctx),
    };
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return { record: { gemeente: gemeente!, key: null, values }, problems: [] };
  },
  async write(tx, batch, runId) {
    const columns = [
      'gemeente_code',
      'period',
      'provider_agb',
      'trajectory_id',
      'score',
      'source_ref',
      'source_run_id',
    ];
    const csv = batch
      .map((r) => columns.map((c) => csvField(c === 'source_run_id' ? runId : r.values[c])).join(','))
      .join('\n');
    if (batch.length > 0) await tx.copyFrom('satisfaction', columns, csv + '\n');
    return new Set();
  },
};

/** The rows of a population file by gemeente, wijk and year, for the notice of a 0–17 band they leave open. */
type PopulationRows = Map<string, { line: number; rows: Array<readonly [from: number, to: number]> }>;

export const BEVOLKING: RecordType = {
  id: 'bevolking',
  prepare: () => Promise.resolve(new Map() as PopulationRows),
  finish(state) {
    // rows inside 0–17 that do not make it up (0–3 and 12–17 without 4–11): every percentage of that gemeente or wijk
    // and year stays empty (lens population_band), which the user should hear at the import, not on the dashboard
    const open: Array<FieldProblem & { line: number }> = [];
    for (const { line, rows } of (state as PopulationRows).values()) {
      const inside = rows.filter(([, to]) => to <= 17);
      if (inside.length > 0 && !coversAges(inside, 0, 17))
        open.push({
          line,
          column: 'leeftijd_van',
          code: 'population_band_open',
          nl: 'de rijen tot en met 17 jaar vormen samen geen 0–17 (een leeftijdsgroep ontbreekt): de percentages van deze gemeente of wijk in dat jaar blijven leeg',
          en: 'the rows up to age 17 do not make up 0–17 together (an age group is missing): the percentages of this gemeente or wijk in that year stay empty',
        });
    }
    return open;
  },
  description: 'bevolking per leeftijd / population by age',
  columns: [
    { name: 'gemeente', required: true },
    { name: 'wijk', required: false },
    { name: 'jaar', required: true },
    { name: 'leeftijd_van', required: true },
    { name: 'leeftijd_tot', required: true },
    { name: 'aantal', required: true },
  ],
  parse(get, ctx) {
    const p = new RowParser(get);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const wijk = p.opt('wijk', freeText) ?? '';
    const year = p.req('jaar', (r) => parseInteger(r, 1990, 2100));
    const from = p.req('leeftijd_van', (r) => parseInteger(r, 0, 120));
    const to = p.req('leeftijd_tot', (r) => parseInteger(r, 0, 120));
    const count = p.req('aantal', (r) => parseInteger(r, 0, 100_000_000));
    if (from !== undefined && to !== undefined)
      p.check(
        to >= from,
        'leeftijd_tot',
        'age_range',
        'leeftijd_tot is kleiner dan leeftijd_van',
        'age_to is below age_from',
      );
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    const rows = ctx.state as PopulationRows | undefined;
    const k = `${gemeente}|${wijk}|${year}`;
    const seen = rows?.get(k) ?? { line: ctx.line, rows: [] };
    seen.rows.push([from!, to!]);
    rows?.set(k, seen);
    return {
      record: {
        gemeente: gemeente!,
        key: `${wijk}|${year}|${from}|${to}`,
        values: {
          gemeente_code: gemeente,
          wijk_code: wijk,
          year,
          age_from: from,
          age_to: to,
          count,
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
      'population',
      ['gemeente_code', 'wijk_code', 'year', 'age_from', 'age_to'],
      withRun(batch, runId),
      runId,
      "wijk_code || '|' || year || '|' || age_from || '|' || age_to",
    ),
};

export const DECLARATIES: RecordType = {
  id: 'declaraties',
  bulkTables: ['claim_line'],
  description: 'declaratieregels uit de eigen administratie / claim lines',
  columns: [
    { name: 'declaratie_id', required: true },
    { name: 'gemeente', required: true },
    { name: 'traject_id', required: false },
    { name: 'toewijzingnummer', required: false },
    { name: 'aanbieder_agb', required: true },
    { name: 'productcategorie', required: true },
    { name: 'productcode', required: false },
    { name: 'periode_start', required: true },
    { name: 'periode_eind', required: true },
    { name: 'volume', required: false, numeric: true },
    { name: 'eenheid', required: false },
    { name: 'bedrag_euro', required: true, numeric: true },
    { name: 'debet_credit', required: false },
    { name: 'status', required: false },
    // the day the claim reached the gemeente (a JW323's Dagtekening): a report as of an earlier day leaves it out.
    // Empty: assumed at the end of the month after its product period (docs/indicators.md "Claims arrive later")
    { name: 'ontvangstdatum', required: false },
  ],
  parse(get, ctx) {
    const p = new RowParser(get);
    const id = p.req('declaratie_id', text);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const start = p.req('periode_start', parseDate);
    const end = p.req('periode_eind', parseDate);
    if (start && end) {
      p.check(
        end >= start,
        'periode_eind',
        'end_before_start',
        'periode_eind ligt vóór periode_start',
        'period end is before period start',
      );
      p.check(
        start.slice(0, 7) === end.slice(0, 7),
        'periode_eind',
        'period_spans_months',
        'een prestatieperiode valt binnen één maand',
        'a product period lies within one month',
      );
    }
    const received = p.opt('ontvangstdatum', parseDate);
    if (start && received)
      p.check(
        received >= start,
        'ontvangstdatum',
        'received_before_period',
        'ontvangstdatum ligt vóór periode_start: een declaratie komt na het begin van haar periode binnen',
        'received before the period start: a claim arrives after its period has begun',
      );
    // a claim cannot have been received after the day it is loaded: a typo in the year would keep it out of every
    // report until that day while the dashboard counts it (red team 8)
    const today = ctx.today;
    if (received)
      p.check(
        received <= today,
        'ontvangstdatum',
        'received_in_future',
        `ontvangstdatum ligt na vandaag (${formatDateNl(today)}): een declaratie die nog niet binnen is, hoort niet in het bestand`,
        `received after today (${today}): a claim not yet received does not belong in the file`,
      );
    const amount = p.req('bedrag_euro', decimalParser(ctx, 'bedrag_euro'));
    const dc = p.opt('debet_credit', (r) =>
      /^[DC]$/i.test(r)
        ? ok(r.toUpperCase())
        : fail('unknown_code', 'debet_credit moet D of C zijn', 'debet_credit must be D or C'),
    );
    const status = p.opt('status', (r) =>
      ['ingediend', 'toegekend', 'afgewezen'].includes(r.toLowerCase())
        ? ok(r.toLowerCase())
        : fail(
            'unknown_code',
            'status moet ingediend, toegekend of afgewezen zijn',
            'status must be ingediend, toegekend or afgewezen',
          ),
    );
    // a credit carries its sign in debet_credit: "−100 C" would count +€ 100 (two minuses) where a correction of
    // € 100 was meant, so it is refused rather than guessed (red team 28)
    if (amount !== undefined && dc === 'C')
      p.check(
        amount >= 0,
        'bedrag_euro',
        'negative_credit',
        'een creditregel (debet_credit C) heeft een positief bedrag: het minteken staat al in de C; schrijf 100,00 met C, of -100,00 met D',
        'a credit line (debet_credit C) has a positive amount: the C is the minus sign; write 100.00 with C, or -100.00 with D',
      );
    const values = {
      gemeente_code: gemeente,
      claim_id: id,
      trajectory_id: p.opt('traject_id', text),
      allocation_number: p.opt('toewijzingnummer', text),
      provider_agb: p.req('aanbieder_agb', parseAgb),
      product_category: p.req('productcategorie', (r) => parseCode(PRODUCT_CATEGORY, r, 2)),
      product_code: p.opt('productcode', freeText),
      period_start: start,
      period_end: end,
      volume: p.opt('volume', (r) => {
        const v = decimalParser(ctx, 'volume')(r);
        // the direction of a line is in its amount and debet_credit; a negative volume would say it twice or against
        // them, and the effective price could not tell which (red team 29)
        return v.ok && v.value < 0
          ? fail(
              'negative_volume',
              'volume is niet negatief: een correctie schrijf je met debet_credit C (of een negatief bedrag), met het volume dat zij terugneemt',
              'volume is not negative: write a correction with debet_credit C (or a negative amount) and the volume it takes back',
            )
          : v;
      }),
      unit: p.opt('eenheid', (r) => parseCode(UNIT, r, 2)),
      amount_cents: amount === undefined ? null : toCents(amount),
      debit_credit: dc ?? 'D',
      status: status ?? 'ingediend',
      sent_date: received ?? null,
      source_run_id: 0,
      ...lineage(ctx),
    };
    // rounded to whole cents as documented, but said in the report: an amount of 12,345 is a computed one, and the
    // user should see that Zicht stored € 12,35 (a LOW left open since red team 8)
    if (amount !== undefined && decimalOf(amount).scale > 2)
      p.note(
        'bedrag_euro',
        'rounded_to_cents',
        'bedrag met meer dan twee decimalen afgerond op hele centen (half van nul af)',
        'amount with more than two decimals rounded to whole cents (half away from zero)',
      );
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return { record: { gemeente: gemeente!, key: id!, values }, problems: [], notes: p.notes };
  },
  write: (tx, batch, runId) =>
    upsert(tx, 'claim_line', ['gemeente_code', 'claim_id'], withRun(batch, runId), runId, 'claim_id'),
};

export const IV3: RecordType = {
  id: 'iv3',
  description: 'Iv3-lasten per taakveld (begroting/jaarrekening), ook van andere gemeenten / Iv3 accounts',
  columns: [
    { name: 'gemeente', required: true },
    { name: 'jaar', required: true },
    { name: 'soort', required: true },
    { name: 'taakveld', required: true },
    { name: 'bedrag_euro', required: true, numeric: true },
  ],
  parse(get, ctx) {
    const p = new RowParser(get);
    const year = p.req('jaar', (r) => parseInteger(r, 2000, 2100));
    const gemeente = p.req('gemeente', iv3GemeenteParser(ctx, year));
    const kind = p.req('soort', (r) =>
      ['begroting', 'jaarrekening'].includes(r.toLowerCase())
        ? ok(r.toLowerCase())
        : fail('unknown_code', 'soort moet begroting of jaarrekening zijn', 'soort must be begroting or jaarrekening'),
    );
    const taakveld = p.req('taakveld', (r) =>
      /^\d\.\d{1,2}[a-z]?$/i.test(r)
        ? ok(r.toLowerCase())
        : fail(
            'invalid_taakveld',
            'geen taakveldcode (zoals 6.72 of 6.72a)',
            'not a taakveld code (like 6.72 or 6.72a)',
          ),
    );
    const amount = p.req('bedrag_euro', decimalParser(ctx, 'bedrag_euro'));
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return {
      record: {
        gemeente: gemeente!,
        key: `${year}|${kind}|${taakveld}`,
        values: {
          gemeente_code: gemeente,
          year,
          kind,
          taakveld,
          youth_line: foldTaakveld(taakveld!),
          category: 'L',
          amount_cents: toCents(amount!),
          source: 'iv3.csv',
          source_run_id: 0,
        },
      },
      problems: [],
    };
  },
  write: (tx, batch, runId) =>
    upsert(
      tx,
      'iv3_amount',
      ['gemeente_code', 'year', 'kind', 'taakveld', 'category'],
      withRun(batch, runId),
      runId,
      "year || '|' || kind || '|' || taakveld",
    ),
};

export const RECORD_TYPES: readonly RecordType[] = [
  TRAJECTEN,
  BASISHULP,
  BUDGET,
  TEVREDENHEID,
  BEVOLKING,
  DECLARATIES,
  IV3,
  CONTRACTEN,
  CONTRACTTARIEVEN,
  BETALINGEN,
  ERVARINGEN,
  KLACHTEN,
  AANBOD,
  EVALUATIES,
  VERBINDINGSFUNCTIES,
];

/** By file name (trajecten*.csv …) or else by header: the type whose required columns are all there. */
export function recognise(fileName: string, header: readonly string[]): RecordType | null {
  const base = fileName.toLowerCase();
  const byName = RECORD_TYPES.find((t) => base.startsWith(t.id));
  if (byName) return byName;
  const cols = new Set(header);
  const fits = RECORD_TYPES.filter((t) => t.columns.filter((c) => c.required).every((c) => cols.has(c.name)));
  if (fits.length === 1) return fits[0]!;
  // an ervaringen.csv holds every required column of tevredenheid.csv (gemeente, periode, score) and more: the type
  // whose required columns include those of every other fit is the one meant; otherwise the header is ambiguous
  const required = (t: RecordType) => t.columns.filter((c) => c.required).map((c) => c.name);
  const widest = fits.filter((t) => fits.every((o) => required(o).every((c) => required(t).includes(c))));
  return widest.length === 1 ? widest[0]! : null;
}
