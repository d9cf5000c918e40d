/**
 * Canonical CSV `contracttarieven` (one row per contract × product × tariff period) and `betalingen` (payments
 * outside iJw: lump-sum instalments, advances, tranches, PGB through the SVB, subsidies), issue 19 and
 * docs/csv-formaat.md. Both are checked against the contracts already stored (read once per file by `prepare`),
 * tariff periods also against the file's own earlier rows, so every problem names its line and column.
 */
import { csvField, type Sql } from '../../store/sql.js';
import { toCents } from '../../domain/decimal.js';
import { PRODUCT_CATEGORY, UNIT } from '../../domain/codelists.js';
import { daysInMonth, isoDate } from '../../domain/dates.js';
import { PAYMENT_KINDS } from '../../domain/contracts.js';
import { fail, ok, parseCode, parseDate, parseInteger, type Parsed } from './fields.js';
import { pseudonymFor } from './identity.js';
import {
  RowParser,
  euroParser,
  gemeenteParser,
  lineage,
  text,
  freeText,
  upsert,
  withRun,
  type FieldProblem,
  type RecordType,
} from './recordKit.js';
import { fieldProblem as problem } from './contractTypes.js';
// ---- what tariffs and payments are checked against ----

interface StoredContract {
  readonly id: string;
  readonly form: string;
  readonly parties: string[];
  readonly categories: string[];
  readonly codes: string[];
  readonly start: string;
  readonly maxEnd: string;
  readonly trancheRule: string | null;
}

/** Every stored contract by id (a contract's copies agree; the gemeenten holding one are its parties). */
async function storedContracts(sql: Sql): Promise<Map<string, StoredContract>> {
  const rows = await sql.query<{
    contract_id: string;
    financing_form: string;
    parties: string[];
    product_categories: string[];
    product_codes: string[];
    start_date: string;
    max_end_date: string;
    tranche_rule: string | null;
  }>(
    `SELECT DISTINCT ON (contract_id) contract_id, financing_form, array_agg(gemeente_code) OVER (PARTITION BY contract_id) AS parties,
            product_categories, product_codes, start_date, max_end_date, tranche_rule
       FROM contract ORDER BY contract_id`,
  );
  return new Map(
    rows.map((r) => [
      r.contract_id,
      {
        id: r.contract_id,
        form: r.financing_form,
        parties: r.parties,
        categories: r.product_categories,
        codes: r.product_codes,
        start: String(r.start_date),
        maxEnd: String(r.max_end_date),
        trancheRule: r.tranche_rule,
      },
    ]),
  );
}

const unknownContract = (id: string): FieldProblem =>
  problem(
    'contract_id',
    'unknown_contract',
    `contract "${id}" is onbekend: lees eerst contracten.csv in`,
    `contract "${id}" is unknown: import contracten.csv first`,
  );

// ---- contracttarieven ----

interface TariffState {
  readonly contracts: Map<string, StoredContract>;
  /** contract|category|code → the periods of this file so far */
  readonly periods: Map<string, Array<{ from: string; to: string | null; line: number }>>;
}

const TARIFF_COLUMNS = [
  'gemeente_code',
  'contract_id',
  'product_category',
  'product_code',
  'unit',
  'tariff_cents',
  'valid_from',
  'valid_to',
  'source_run_id',
  'source_ref',
] as const;

export const CONTRACTTARIEVEN: RecordType = {
  id: 'contracttarieven',
  after: ['contracten'],
  description: 'tarieven per contract, product en periode / contract tariffs',
  columns: [
    { name: 'contract_id', required: true },
    { name: 'productcategorie', required: true },
    { name: 'productcode', required: false },
    { name: 'eenheid', required: false },
    { name: 'tarief_euro', required: true, numeric: true },
    { name: 'geldig_van', required: true },
    { name: 'geldig_tot', required: false },
  ],
  async prepare(sql: Sql): Promise<TariffState> {
    return { contracts: await storedContracts(sql), periods: new Map() };
  },
  parse(get, ctx) {
    const state = ctx.state as TariffState;
    const p = new RowParser(get);
    const id = p.req('contract_id', text);
    const contract = id === undefined ? undefined : state.contracts.get(id);
    if (id !== undefined && !contract) p.problems.push(unknownContract(id));
    const category = p.req('productcategorie', (r) => parseCode(PRODUCT_CATEGORY, r, 2));
    const code = p.opt('productcode', freeText) ?? '';
    const tariff = p.req('tarief_euro', euroParser(ctx, 'tarief_euro'));
    if (tariff !== undefined)
      p.check(tariff >= 0, 'tarief_euro', 'negative_amount', 'een tarief is niet negatief', 'a tariff is not negative');
    const from = p.req('geldig_van', parseDate);
    const to = p.opt('geldig_tot', parseDate);
    if (from && to)
      p.check(
        to >= from,
        'geldig_tot',
        'end_before_start',
        'geldig_tot ligt vóór geldig_van',
        'valid_to is before valid_from',
      );
    if (contract && category) {
      const covered =
        (contract.categories.length === 0 && contract.codes.length === 0) ||
        contract.categories.includes(category) ||
        (code !== '' && contract.codes.includes(code));
      p.check(
        covered,
        code === '' ? 'productcategorie' : 'productcode',
        'product_not_in_contract',
        `product ${category}${code ? ` ${code}` : ''} valt niet onder contract "${id}"`,
        `product ${category}${code ? ` ${code}` : ''} is not covered by contract "${id}"`,
      );
    }
    if (contract && from && (to === null || to >= from))
      p.check(
        from <= contract.maxEnd && (to === null || to >= contract.start),
        'geldig_van',
        'outside_term',
        `de tariefperiode valt buiten de looptijd van contract "${id}" (${contract.start} t/m ${contract.maxEnd}, met alle verlengingen)`,
        `the tariff period falls outside the term of contract "${id}" (${contract.start} to ${contract.maxEnd}, with every extension)`,
      );
    if (id !== undefined && category && from && (to === null || to >= from)) {
      const key = `${id}|${category}|${code}`;
      const periods = state.periods.get(key) ?? [];
      const clash = periods.find((q) => q.from <= (to ?? '9999-12-31') && from <= (q.to ?? '9999-12-31'));
      if (clash)
        p.problems.push(
          problem(
            'geldig_van',
            'overlapping_tariff',
            `tariefperiode ${from} t/m ${to ?? 'open'} overlapt met regel ${clash.line} (${clash.from} t/m ${clash.to ?? 'open'}) voor contract "${id}", product ${category}${code ? ` ${code}` : ''}`,
            `tariff period ${from} to ${to ?? 'open'} overlaps line ${clash.line} (${clash.from} to ${clash.to ?? 'open'}) for contract "${id}", product ${category}${code ? ` ${code}` : ''}`,
          ),
        );
      else {
        periods.push({ from, to, line: ctx.line });
        state.periods.set(key, periods);
      }
    }
    const unit = p.opt('eenheid', (r) => parseCode(UNIT, r, 2));
    if (p.problems.length > 0 || !contract)
      return { record: null, problems: p.problems, gemeente: contract?.parties[0] ?? null };
    return {
      record: {
        gemeente: contract.parties[0]!,
        key: `${id}|${category}|${code}|${from}`,
        values: {
          contract_id: id,
          product_category: category,
          product_code: code,
          unit,
          tariff_cents: toCents(tariff!),
          valid_from: from,
          valid_to: to,
          _parties: contract.parties,
          ...lineage(ctx),
        },
      },
      problems: [],
    };
  },
  async write(tx, batch, runId) {
    // the file gives each contract in it all its tariffs: what an earlier file said about that contract goes
    const ids = [...new Set(batch.map((r) => r.values.contract_id as string))];
    await tx.query('DELETE FROM contract_tariff WHERE contract_id = ANY($1) AND source_run_id IS DISTINCT FROM $2', [
      ids,
      runId,
    ]);
    const rows = batch.flatMap((r) =>
      (r.values._parties as string[]).map((g) =>
        TARIFF_COLUMNS.map((c) =>
          c === 'gemeente_code' ? g : c === 'source_run_id' ? runId : (r.values as Record<string, unknown>)[c],
        ),
      ),
    );
    if (rows.length > 0)
      await tx.copyFrom(
        'contract_tariff',
        TARIFF_COLUMNS,
        rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n',
      );
    return new Set();
  },
};

// ---- betalingen ----

/** `JJJJ-MM` (the whole month) or a date (that day). */
function paymentPeriod(raw: string): Parsed<{ start: string; end: string }> {
  const m = /^(\d{4})-(\d{1,2})$/.exec(raw.trim());
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) return fail('impossible_date', 'deze maand bestaat niet', 'this month does not exist');
    return ok({ start: isoDate(y, mo, 1), end: isoDate(y, mo, daysInMonth(y, mo)) });
  }
  const d = parseDate(raw);
  if (!d.ok)
    return fail(
      'invalid_period',
      'geen maand of datum (verwacht JJJJ-MM, JJJJ-MM-DD of DD-MM-JJJJ)',
      'not a month or date (expected YYYY-MM, YYYY-MM-DD or DD-MM-YYYY)',
    );
  return ok({ start: d.value, end: d.value });
}

const paymentKind = (raw: string): Parsed<string> => {
  const s = raw.toLowerCase();
  return (PAYMENT_KINDS as readonly string[]).includes(s)
    ? ok(s)
    : fail(
        'unknown_payment_kind',
        `onbekende soort betaling; kies uit ${PAYMENT_KINDS.join(', ')}`,
        `unknown kind of payment; choose from ${PAYMENT_KINDS.join(', ')}`,
      );
};

export const BETALINGEN: RecordType = {
  id: 'betalingen',
  bulkTables: ['payment'],
  after: ['contracten'],
  description: 'betalingen buiten iJw (termijnen, tranches, pgb, subsidies) / payments outside iJw',
  columns: [
    { name: 'betaling_id', required: true },
    { name: 'contract_id', required: true },
    { name: 'gemeente', required: true },
    { name: 'periode', required: true },
    { name: 'soort', required: true },
    { name: 'tranche_nummer', required: false },
    { name: 'bedrag_euro', required: true, numeric: true },
    { name: 'client_id', required: false },
    { name: 'traject_id', required: false },
  ],
  async prepare(sql: Sql): Promise<Map<string, StoredContract>> {
    return storedContracts(sql);
  },
  parse(get, ctx) {
    const contracts = ctx.state as Map<string, StoredContract>;
    const p = new RowParser(get);
    const id = p.req('betaling_id', text);
    const contractId = p.req('contract_id', text);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const period = p.req('periode', paymentPeriod);
    const kind = p.req('soort', paymentKind);
    const trancheNo = p.opt('tranche_nummer', (r) => parseInteger(r, 1, 1000));
    const amount = p.req('bedrag_euro', euroParser(ctx, 'bedrag_euro'));
    const contract = contractId === undefined ? undefined : contracts.get(contractId);
    if (contractId !== undefined && !contract) p.problems.push(unknownContract(contractId));
    if (contract && gemeente && !contract.parties.includes(gemeente))
      p.problems.push(
        problem(
          'gemeente',
          'not_a_party',
          `gemeente ${gemeente} is geen partij bij contract "${contractId}" (partijen: ${contract.parties.join(', ')})`,
          `gemeente ${gemeente} is not a party to contract "${contractId}" (parties: ${contract.parties.join(', ')})`,
        ),
      );
    if (contract && period)
      p.check(
        period.end >= contract.start && period.start <= contract.maxEnd,
        'periode',
        'outside_term',
        `de betaling valt buiten de looptijd van contract "${contractId}" (${contract.start} t/m ${contract.maxEnd}, met alle verlengingen)`,
        `the payment falls outside the term of contract "${contractId}" (${contract.start} to ${contract.maxEnd}, with every extension)`,
      );
    if (kind === 'tranche') {
      if (trancheNo === null)
        p.problems.push(
          problem('tranche_nummer', 'required', 'een tranche heeft een nummer', 'a tranche has a number'),
        );
      if (contract && contract.form !== 'resultaat')
        p.problems.push(
          problem(
            'soort',
            'tranche_without_result',
            `contract "${contractId}" is ${contract.form}: tranches horen bij resultaat`,
            `contract "${contractId}" is ${contract.form}: tranches belong to resultaat`,
          ),
        );
      else if (contract?.trancheRule && contract.trancheRule !== 'maandelijks' && trancheNo) {
        const n = contract.trancheRule.split('|').length;
        p.check(
          trancheNo <= n,
          'tranche_nummer',
          'unknown_tranche',
          `contract "${contractId}" kent ${n} tranches (${contract.trancheRule})`,
          `contract "${contractId}" has ${n} tranches (${contract.trancheRule})`,
        );
      }
    } else if (kind !== undefined && trancheNo !== null)
      p.problems.push(
        problem(
          'tranche_nummer',
          'tranche_number_without_tranche',
          'een tranchenummer hoort alleen bij soort tranche',
          'a tranche number belongs to kind tranche only',
        ),
      );
    if (kind === 'pgb' && contract && contract.form !== 'pgb')
      p.problems.push(
        problem(
          'soort',
          'pgb_without_pgb_contract',
          `contract "${contractId}" is ${contract.form}: een pgb-betaling hoort bij een pgb-contract`,
          `contract "${contractId}" is ${contract.form}: a pgb payment belongs to a pgb contract`,
        ),
      );
    const values = {
      gemeente_code: gemeente,
      payment_id: id,
      contract_id: contractId,
      period_start: period?.start,
      period_end: period?.end,
      kind,
      tranche_no: kind === 'tranche' ? trancheNo : null,
      amount_cents: amount === undefined ? null : toCents(amount),
      youth_pseudonym: p.opt('client_id', (r) => pseudonymFor(r, ctx.key, ctx.recordRef)),
      trajectory_id: p.opt('traject_id', text),
      source_run_id: 0,
      ...lineage(ctx),
    };
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return { record: { gemeente: gemeente!, key: id!, values }, problems: [] };
  },
  write: (tx, batch, runId) =>
    upsert(tx, 'payment', ['gemeente_code', 'payment_id'], withRun(batch, runId), runId, 'payment_id'),
};
