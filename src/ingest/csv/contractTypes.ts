/**
 * Canonical CSV `contracten` for money as it is really contracted (issue 19; docs/csv-formaat.md): one row per
 * contract with its financing form, tranche rule, products, ceiling, term with extension options, evaluation
 * moments and the gemeenten that are party. A contract is stored once per gemeente that is party to it (row-level
 * security per gemeente, migration 20). Its tariffs and payments: contractMoneyTypes.ts.
 */
import { csvField, type Sql } from '../../store/sql.js';
import { toCents } from '../../domain/decimal.js';
import { PRODUCT_CATEGORY } from '../../domain/codelists.js';
import {
  FINANCING_FORMS,
  contractTerm,
  isFinancingForm,
  parseExtensions,
  parseTrancheRule,
  trancheRuleText,
  type TrancheRule,
} from '../../domain/contracts.js';
import { fail, ok, parseAgb, parseCode, parseDate, parseInteger, type Parsed } from './fields.js';
import {
  RowParser,
  euroParser,
  gemeenteParser,
  lineage,
  stageAndUpsert,
  text,
  freeText,
  type FieldProblem,
  type RecordType,
} from './recordKit.js';

/** A `|`-separated list, each item through `parse`; the first bad item is the problem. */
function list<T>(parse: (raw: string) => Parsed<T>) {
  return (raw: string): Parsed<T[]> => {
    const out: T[] = [];
    for (const part of raw
      .split('|')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const r = parse(part);
      if (!r.ok) return fail(r.code, `"${part}": ${r.nl}`, `"${part}": ${r.en}`);
      if (!out.includes(r.value)) out.push(r.value);
    }
    return ok(out);
  };
}

const financingForm = (raw: string): Parsed<string> => {
  const s = raw.toLowerCase();
  return isFinancingForm(s)
    ? ok(s)
    : fail(
        'unknown_financing_form',
        `onbekende financieringsvorm; kies uit ${FINANCING_FORMS.join(', ')}`,
        `unknown financing form; choose from ${FINANCING_FORMS.join(', ')}`,
      );
};

export const fieldProblem = (column: string, code: string, nl: string, en: string): FieldProblem => ({
  column,
  code,
  nl,
  en,
});
const problem = fieldProblem;

// ---- contracten ----

interface ContractState {
  /** contract id → line of its first row in this file */
  readonly seen: Map<string, number>;
  /** contract id → gemeente → first and last day paid (payments already stored) */
  readonly payments: Map<string, Map<string, { first: string; last: string }>>;
}

const CONTRACT_COLUMNS = [
  'gemeente_code',
  'contract_id',
  'name',
  'provider_agbs',
  'consortium',
  'perceel',
  'financing_form',
  'tranche_rule',
  'product_categories',
  'product_codes',
  'ceiling_cents',
  'start_date',
  'end_date',
  'extension_years',
  'extensions_used',
  'current_end_date',
  'max_end_date',
  'evaluation_dates',
  'parties',
  'source_run_id',
  'source_ref',
] as const;

export const CONTRACTEN: RecordType = {
  id: 'contracten',
  description: 'contracten met financieringsvorm, looptijd en partijen / contracts',
  columns: [
    { name: 'contract_id', required: true },
    { name: 'naam', required: false },
    { name: 'aanbieder_agb', required: false },
    { name: 'consortium', required: false },
    { name: 'perceel', required: false },
    { name: 'financieringsvorm', required: true },
    { name: 'tranches', required: false },
    { name: 'productcategorieen', required: false },
    { name: 'productcodes', required: false },
    { name: 'plafond_euro', required: false, numeric: true },
    { name: 'startdatum', required: true },
    { name: 'einddatum', required: true },
    { name: 'verlengingen', required: false },
    { name: 'verlengingen_benut', required: false },
    { name: 'evaluatiemomenten', required: false },
    { name: 'gemeenten', required: true },
  ],
  async prepare(sql: Sql): Promise<ContractState> {
    const rows = await sql.query<{ contract_id: string; gemeente_code: string; first: string; last: string }>(
      `SELECT contract_id, gemeente_code, min(period_start) AS first, max(period_end) AS last
         FROM payment GROUP BY contract_id, gemeente_code`,
    );
    const payments = new Map<string, Map<string, { first: string; last: string }>>();
    for (const r of rows) {
      const m = payments.get(r.contract_id) ?? new Map<string, { first: string; last: string }>();
      m.set(r.gemeente_code, { first: String(r.first), last: String(r.last) });
      payments.set(r.contract_id, m);
    }
    return { seen: new Map(), payments };
  },
  parse(get, ctx) {
    const state = ctx.state as ContractState;
    const p = new RowParser(get);
    const id = p.req('contract_id', text);
    if (id !== undefined) {
      const earlier = state.seen.get(id);
      if (earlier !== undefined)
        p.problems.push(
          problem(
            'contract_id',
            'duplicate_id',
            `contract "${id}" staat ook op regel ${earlier}: één regel per contract (tarieven in contracttarieven.csv)`,
            `contract "${id}" is also on line ${earlier}: one row per contract (tariffs go in contracttarieven.csv)`,
          ),
        );
      else state.seen.set(id, ctx.line);
    }
    const agbs = p.opt('aanbieder_agb', list(parseAgb)) ?? [];
    const consortium = p.opt('consortium', freeText);
    if (p.raw('aanbieder_agb') === '' && consortium === null)
      p.problems.push(
        problem(
          'aanbieder_agb',
          'no_provider',
          'geef de AGB-code(s) van de aanbieder(s) of de naam van het consortium',
          'give the provider AGB code(s) or the consortium name',
        ),
      );
    const form = p.req('financieringsvorm', financingForm);
    let rule: TrancheRule | null = null;
    if (form === 'resultaat') {
      rule =
        p.req('tranches', (r) => {
          const x = parseTrancheRule(r);
          return x.ok ? ok(x.value) : fail(x.code, x.nl, x.en);
        }) ?? null;
    } else if (form !== undefined && p.raw('tranches') !== '')
      p.problems.push(
        problem(
          'tranches',
          'tranches_without_result',
          `tranches horen alleen bij financieringsvorm resultaat, niet bij ${form}`,
          `tranches belong to financing form resultaat only, not to ${form}`,
        ),
      );
    const categories =
      p.opt(
        'productcategorieen',
        list((r) => parseCode(PRODUCT_CATEGORY, r, 2)),
      ) ?? [];
    const codes = p.opt('productcodes', list(text)) ?? [];
    const ceiling = p.opt('plafond_euro', euroParser(ctx, 'plafond_euro'));
    if (ceiling !== null && ceiling !== undefined)
      p.check(
        ceiling >= 0,
        'plafond_euro',
        'negative_amount',
        'een plafond is niet negatief',
        'a ceiling is not negative',
      );
    const start = p.req('startdatum', parseDate);
    const end = p.req('einddatum', parseDate);
    const extensions =
      p.opt('verlengingen', (r) => {
        const x = parseExtensions(r);
        return x.ok ? ok(x.value) : fail(x.code, x.nl, x.en);
      }) ?? [];
    const used = p.opt('verlengingen_benut', (r) => parseInteger(r, 0, 20)) ?? 0;
    p.check(
      used <= extensions.length,
      'verlengingen_benut',
      'extensions_used',
      `${used} verlengingen benut, maar het contract heeft er ${extensions.length}`,
      `${used} extensions used, but the contract has ${extensions.length}`,
    );
    const evaluations = p.opt('evaluatiemomenten', list(parseDate)) ?? [];
    const parties = p.req('gemeenten', list(gemeenteParser(ctx)));
    if (parties !== undefined && parties.length === 0)
      p.problems.push(problem('gemeenten', 'required', 'verplicht veld is leeg', 'required field is empty'));
    let term = null;
    if (start && end) {
      p.check(
        end >= start,
        'einddatum',
        'end_before_start',
        'einddatum ligt vóór startdatum',
        'end date is before start date',
      );
      term = contractTerm(start, end, extensions, Math.min(used, extensions.length));
      for (const e of evaluations)
        p.check(
          e >= start && e <= term.maxEnd,
          'evaluatiemomenten',
          'outside_term',
          `evaluatiemoment ${e} valt buiten de looptijd (${start} t/m ${term.maxEnd}, met alle verlengingen)`,
          `evaluation ${e} falls outside the term (${start} to ${term.maxEnd}, with every extension)`,
        );
    }
    // what is stored already must still fit: payments of a gemeente that is no longer party, or outside the new term
    for (const [g, paid] of (id !== undefined && state.payments.get(id)) || []) {
      if (parties && !parties.includes(g))
        p.problems.push(
          problem(
            'gemeenten',
            'party_has_payments',
            `gemeente ${g} staat niet meer in de lijst, maar heeft al betalingen op dit contract`,
            `gemeente ${g} is no longer listed, but already has payments on this contract`,
          ),
        );
      else if (term && (paid.first < term.start || paid.last > term.maxEnd))
        p.problems.push(
          problem(
            'einddatum',
            'payments_outside_term',
            `gemeente ${g} heeft al betalingen van ${paid.first} t/m ${paid.last}, buiten de nieuwe looptijd ${term.start} t/m ${term.maxEnd}`,
            `gemeente ${g} already has payments from ${paid.first} to ${paid.last}, outside the new term ${term.start} to ${term.maxEnd}`,
          ),
        );
    }
    if (p.problems.length > 0 || !term || !parties) {
      // a refused contract is quarantined with its first party (when that code can be read)
      const first = p.raw('gemeenten').split('|')[0]!.trim();
      const gemeente = parties?.[0] ?? (/^\d{1,4}$/.test(first) ? first.padStart(4, '0') : null);
      return { record: null, problems: p.problems, gemeente };
    }
    return {
      record: {
        gemeente: parties[0]!,
        key: id!,
        values: {
          contract_id: id,
          name: p.opt('naam', freeText),
          provider_agbs: agbs,
          consortium,
          perceel: p.opt('perceel', freeText),
          financing_form: form,
          tranche_rule: rule ? trancheRuleText(rule) : null,
          product_categories: categories,
          product_codes: codes,
          ceiling_cents: ceiling === null || ceiling === undefined ? null : toCents(ceiling),
          start_date: term.start,
          end_date: term.end,
          extension_years: extensions,
          extensions_used: used,
          current_end_date: term.currentEnd,
          max_end_date: term.maxEnd,
          evaluation_dates: evaluations,
          parties,
          _rule: rule,
          ...lineage(ctx),
        },
      },
      problems: [],
    };
  },
  async write(tx, batch, runId) {
    const rows = batch.flatMap((r) =>
      (r.values.parties as string[]).map((g) =>
        CONTRACT_COLUMNS.map((c) =>
          c === 'gemeente_code' ? g : c === 'source_run_id' ? runId : (r.values as Record<string, unknown>)[c],
        ),
      ),
    );
    const updates = CONTRACT_COLUMNS.filter((c) => c !== 'gemeente_code' && c !== 'contract_id')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    await stageAndUpsert(tx, 'contract', CONTRACT_COLUMNS, rows, 'gemeente_code, contract_id', updates, null);
    const ids = batch.map((r) => r.key!);
    // a gemeente no longer listed loses its copy (with its tariffs and tranches; parse refused it when it has payments)
    await tx.query('DELETE FROM contract WHERE contract_id = ANY($1) AND source_run_id IS DISTINCT FROM $2', [
      ids,
      runId,
    ]);
    // a gemeente newly listed gets the tariffs the other parties have
    await tx.query(
      `INSERT INTO contract_tariff (gemeente_code, contract_id, product_category, product_code, unit, tariff_cents,
                                    valid_from, valid_to, source_run_id, source_ref)
       SELECT DISTINCT ON (c.gemeente_code, t.contract_id, t.product_category, t.product_code, t.valid_from)
              c.gemeente_code, t.contract_id, t.product_category, t.product_code, t.unit, t.tariff_cents,
              t.valid_from, t.valid_to, t.source_run_id, t.source_ref
         FROM contract c JOIN contract_tariff t ON t.contract_id = c.contract_id AND t.gemeente_code <> c.gemeente_code
        WHERE c.contract_id = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM contract_tariff x WHERE x.gemeente_code = c.gemeente_code AND x.contract_id = c.contract_id)
       ON CONFLICT DO NOTHING`,
      [ids],
    );
    await tx.query('DELETE FROM contract_tranche WHERE contract_id = ANY($1)', [ids]);
    const tranches = batch.flatMap((r) => {
      const rule = r.values._rule as TrancheRule | null;
      if (!rule || rule.kind !== 'momenten') return [];
      return (r.values.parties as string[]).flatMap((g) =>
        rule.tranches.map((t) => [g, r.key, t.no, t.sharePct, t.moment, runId, r.values.source_ref]),
      );
    });
    if (tranches.length > 0)
      await tx.copyFrom(
        'contract_tranche',
        ['gemeente_code', 'contract_id', 'tranche_no', 'share_pct', 'moment', 'source_run_id', 'source_ref'],
        tranches.map((t) => t.map(csvField).join(',')).join('\n') + '\n',
      );
    const agbs = [...new Set(batch.flatMap((r) => r.values.provider_agbs as string[]))];
    await tx.query('INSERT INTO provider (agb) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [agbs]);
    return new Set();
  },
};
