/**
 * Money as contracted beyond p×q (issue 19, seeds on resultaatgericht and taakgericht financing): the tranche ledger
 * of result-based contracts and the lump sum against the volume a lump-sum provider realised. Definitions in
 * docs/indicators.md ("Trancheboek", "Lumpsum tegen gerealiseerd volume"); the lens fragments in lens/contractMoney.ts.
 *
 * Both return several measures per gemeente: the key names the measure (`openstaand`, `bedrag`, …), and in a split
 * the measure and the split's value (`openstaand|12345678`), with the words in `label`. Counts are exact here; the
 * disclosure step rounds and hides them on published output (app/disclosure.ts), and every amount carries the count
 * of trajectories or clients behind it (`youths`) so it is hidden with them.
 */
import { sql } from '../lens/sql.js';
import { CONTRACT_COVERS, CONTRACT_PROVIDER_KEY, trancheLedger } from '../lens/contractMoney.js';
import { smallClientPaymentMonths } from '../lens/money.js';
import { centsToEuro } from '../domain/decimal.js';
import { defineIndicator, type Figure } from './kernel.js';
import { bounds, gemeenteFilter } from './sql.js';
import { perUnit } from './money.js';

/** The ledger's four counts, in the order shown, with their words. */
export const TRANCHE_STATUSES = [
  ['eerste_tranche', 'eerste tranche betaald'],
  ['laatste_tranche', 'laatste tranche betaald'],
  ['openstaand', 'openstaand (eerste tranche betaald, laatste nog niet)'],
  ['afgesloten_na_eerste', 'afgesloten na de eerste tranche zonder doelrealisatie'],
] as const;

/** The lump-sum measures, in the order shown, with their words. */
export const LUMPSUM_MEASURES = [
  ['bedrag', 'lumpsum betaald'],
  ['jeugdigen', 'jeugdigen bediend'],
  ['trajecten', 'trajecten bediend'],
  ['bedrag_per_jeugdige', 'lumpsum per jeugdige'],
] as const;

const splitKey = (measure: string, k: string | null) => (k === null ? measure : `${measure}|${k}`);
const splitLabel = (words: string, k: string | null) => (k === null ? words : `${words} — ${k}`);

type LedgerRow = { gemeente_code: string; k: string | null } & Record<
  `${(typeof TRANCHE_STATUSES)[number][0]}_${'n' | 'c' | 'h'}`,
  number | boolean | null
>;

/**
 * Per status: its trajectories and its amount (each column written
 * out: the sql tag has no raw text to build names from).
 */
const LEDGER_COLUMNS = sql`
  count(*) FILTER (WHERE first_in)::INTEGER AS eerste_tranche_n,
  coalesce(sum(first_cents) FILTER (WHERE first_in), 0)::BIGINT AS eerste_tranche_c,
  count(*) FILTER (WHERE last_in)::INTEGER AS laatste_tranche_n,
  coalesce(sum(last_cents) FILTER (WHERE last_in), 0)::BIGINT AS laatste_tranche_c,
  count(*) FILTER (WHERE pending)::INTEGER AS openstaand_n,
  coalesce(sum(paid_cents) FILTER (WHERE pending), 0)::BIGINT AS openstaand_c,
  count(*) FILTER (WHERE closed)::INTEGER AS afgesloten_na_eerste_n,
  coalesce(sum(paid_cents) FILTER (WHERE closed), 0)::BIGINT AS afgesloten_na_eerste_c`;

export const trancheLedgerIndicator = defineIndicator<LedgerRow>({
  definition: {
    id: 'tranche_ledger',
    nameNl: 'trancheboek resultaatfinanciering',
    nameEn: 'tranche ledger (result-based financing)',
    definitionNl:
      'Per traject op een resultaatcontract met tranches per moment (betalingen.csv, soort tranche): trajecten waarvoor in de periode tranche 1 is betaald en waarvoor de laatste tranche van het contract is betaald, met de bedragen; openstaand op de laatste dag (tranche 1 betaald, de laatste nog niet, niet afgesloten zonder doelrealisatie) met wat er tot dan op betaald is; en afgesloten na de eerste tranche zonder doelrealisatie: trajecten die in de periode eindigden, met tranche 1 betaald en tot het einde van de periode geen volgende tranche, en doelrealisatie niet "ja". Een tranche telt als betaald als het saldo van haar betalingen positief is.',
    definitionEn:
      'Per trajectory on a result-based contract with tranches by moment (payments of kind tranche): trajectories with tranche 1 paid in the period and with the contract\u2019s last tranche paid in it, with the amounts; pending on the last day (tranche 1 paid, the last not yet, not closed without goal realisation) with what was paid so far; and closed after the first tranche without goal realisation: trajectories that ended in the period with tranche 1 paid, no later tranche by the period\u2019s end, and goal attainment not "ja". A tranche counts as paid when the net sum of its payments is positive.',
    // euro: its amounts need the money permission (app/access.ts indicatorAllowed goes by the definition's unit), so
    // a role without it (aanbieder) gets neither; each row carries its own unit (counts 'aantal', amounts 'euro')
    unit: 'euro',
    direction: 'neutraal',
    sources: ['betalingen', 'contracten', 'trajecten'],
    costBasis: {
      nl: 'tranchebetalingen buiten iJw, betaalperiode in de gekozen periode (openstaand: tot en met het einde ervan)',
      en: 'tranche payments outside iJw, payment period in the chosen period (pending: up to its end)',
    },
    cbsNote: null,
  },
  dimensions: { status: null, aanbieder: sql`provider_key`, contract: sql`contract_id` },
  query: ({ q, by, dim }) => {
    const b = bounds(q.period);
    const k = by === 'status' ? sql`NULL` : dim;
    return sql`
      SELECT l.gemeente_code, ${k} AS k,
        ${LEDGER_COLUMNS}
      FROM ${trancheLedger(b.start, b.end, gemeenteFilter(q, sql`p.gemeente_code`))} l
      GROUP BY ALL ORDER BY 1, 2`;
  },
  toRows: (rows, { by }) =>
    rows.flatMap((r) =>
      TRANCHE_STATUSES.flatMap(([status, words]): Figure[] => {
        const n = Number(r[`${status}_n`] ?? 0);
        if (n === 0) return [];
        const euros = centsToEuro(Number(r[`${status}_c`] ?? 0));
        return [
          {
            gemeente: r.gemeente_code,
            by: by ?? 'status',
            key: splitKey(status, r.k),
            label: splitLabel(words, r.k),
            value: n,
            numerator: n,
            unit: 'aantal',
          },
          {
            gemeente: r.gemeente_code,
            by: by ?? 'status',
            key: splitKey(`${status}_bedrag`, r.k),
            label: splitLabel(`${words}: bedrag`, r.k),
            value: euros,
            numerator: euros,
            unit: 'euro',
            // a tranche is a fixed share of a fixed price: the amount gives the count of trajectories back — exactly,
            // beside a count rounded to 5, and by difference a hidden one (red team 31: first − pending amounts gave
            // the three closures hidden in the same answer). Published, the ledger is its counts: every amount hidden,
            // as the provider report's external version leaves them out
            youths: n,
            hiddenWhenPublished: true,
          },
        ];
      }),
    ),
});

interface LumpsumRow {
  gemeente_code: string;
  k: string;
  cents: number;
  clients: number;
  youths: number;
  trajectories: number;
  small: boolean;
}

export const lumpsumVolume = defineIndicator<LumpsumRow>({
  definition: {
    id: 'lumpsum_volume',
    nameNl: 'lumpsum tegen gerealiseerd volume',
    nameEn: 'lump sum against realised volume',
    definitionNl:
      'Per taakgericht contract (lumpsum) dat in de periode loopt of waarop in de periode is betaald: de betalingen op het contract waarvan de periode in de periode begint (terugvorderingen in mindering), de jeugdigen en trajecten die de aanbieder(s) van het contract in de periode bedienden (trajecten, niet ingetrokken, met een aanbieder van het contract voor een product dat het dekt, actief op minstens één dag van de periode; ook zonder declaraties) en de lumpsum per jeugdige = betaald ÷ jeugdigen. Naar aanbieder: de contracten met precies die ene AGB-code samen (meer aanbieders of een consortium: onbekend).',
    definitionEn:
      'Per lump-sum (taakgericht) contract running in the period or paid in it: the payments on the contract whose period starts in the period (recoveries subtracted), the youths and trajectories its provider(s) served in the period (trajectories, not withdrawn, with one of its providers for a product it covers, active on at least one day of the period; also without claims) and the lump sum per youth = paid ÷ youths. By provider: the contracts naming exactly that one AGB together (several providers or a consortium: unknown).',
    unit: 'euro',
    direction: 'neutraal',
    sources: ['betalingen', 'contracten', 'trajecten'],
    costBasis: {
      nl: 'betalingen op taakgerichte contracten buiten iJw, betaalperiode in de gekozen periode',
      en: 'payments on lump-sum contracts outside iJw, payment period in the chosen period',
    },
    cbsNote: null,
  },
  dimensions: { contract: sql`c.contract_id`, aanbieder: CONTRACT_PROVIDER_KEY },
  query: ({ q, by, dim }) => {
    const b = bounds(q.period);
    const key = by === null ? sql`c.contract_id` : dim;
    return sql`
      WITH paid AS (
        SELECT gemeente_code, contract_id FROM payment WHERE period_start BETWEEN ${b.start} AND ${b.end} GROUP BY ALL),
      keyed AS (
        SELECT c.*, ${key} AS k FROM contract c
        WHERE c.financing_form = 'taakgericht' AND ${gemeenteFilter(q, sql`c.gemeente_code`)}
          AND ((c.start_date <= ${b.end} AND c.current_end_date >= ${b.start})
               OR EXISTS (SELECT 1 FROM paid WHERE paid.gemeente_code = c.gemeente_code AND paid.contract_id = c.contract_id))),
      money AS (
        SELECT c.gemeente_code, c.k, sum(p.amount_cents)::BIGINT AS cents, count(DISTINCT p.youth_pseudonym)::INTEGER AS clients
        FROM keyed c JOIN payment p ON p.gemeente_code = c.gemeente_code AND p.contract_id = c.contract_id
        WHERE p.period_start BETWEEN ${b.start} AND ${b.end} GROUP BY ALL),
      served AS (
        SELECT c.gemeente_code, c.k, count(DISTINCT t.youth_pseudonym)::INTEGER AS youths,
          count(DISTINCT t.trajectory_id)::INTEGER AS trajectories
        FROM keyed c JOIN traj t ON ${CONTRACT_COVERS}
        WHERE t.eff_start <= ${b.end} AND (t.eff_end IS NULL OR t.eff_end >= ${b.start}) GROUP BY ALL),
      small AS ${smallClientPaymentMonths(
        b.start,
        b.end,
        by === 'aanbieder' ? sql`cost_line.provider_key` : sql`cost_line.contract_id`,
        sql`cost_line.financing_form = 'taakgericht' AND ${gemeenteFilter(q, sql`cost_line.gemeente_code`)}`,
      )}
      SELECT DISTINCT c.gemeente_code, c.k, coalesce(m.cents, 0)::BIGINT AS cents, coalesce(m.clients, 0) AS clients,
        coalesce(s.youths, 0) AS youths, coalesce(s.trajectories, 0) AS trajectories,
        EXISTS (SELECT 1 FROM small WHERE small.gemeente_code = c.gemeente_code AND small.k = c.k) AS small
      FROM keyed c
      LEFT JOIN money m ON m.gemeente_code = c.gemeente_code AND m.k = c.k
      LEFT JOIN served s ON s.gemeente_code = c.gemeente_code AND s.k = c.k
      ORDER BY 1, 2`;
  },
  toRows: (rows, { by }) =>
    rows.flatMap((r): Figure[] => {
      const split = by ?? 'contract';
      const cents = Number(r.cents);
      const row = (measure: string, words: string, f: Omit<Figure, 'gemeente'>): Figure => ({
        gemeente: r.gemeente_code,
        by: split,
        key: `${measure}|${r.k}`,
        label: splitLabel(words, r.k),
        ...f,
      });
      const [bedrag, jeugdigen, trajecten, perJeugdige] = LUMPSUM_MEASURES;
      return [
        // a lump sum names no one; payments that name their client count them, as in cost_all_forms
        row(bedrag[0], bedrag[1], {
          value: centsToEuro(cents),
          numerator: centsToEuro(cents),
          youths: r.clients === 0 ? null : r.clients,
          ...(r.small ? { hiddenWhenPublished: true } : {}),
        }),
        row(jeugdigen[0], jeugdigen[1], { value: r.youths, numerator: r.youths, unit: 'aantal' }),
        row(trajecten[0], trajecten[1], { value: r.trajectories, numerator: r.trajectories, unit: 'aantal' }),
        row(perJeugdige[0], perJeugdige[1], {
          value: perUnit(cents, r.youths),
          numerator: centsToEuro(cents),
          denominator: r.youths,
          ...(r.small ? { hiddenWhenPublished: true } : {}),
        }),
      ];
    }),
});
