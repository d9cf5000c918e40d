/**
 * Every CSV download of the web application, as data: per download its columns in a fixed order, each with
 * its key, its Dutch and its English (ISO) header, its type and meaning. This list is the one source: the
 * pages build their files through csvFor(), docs/downloads.md is checked against it, and a test fails on a
 * download() or toCsv() call outside this module (src/domain/webDownloads.test.ts). BI teams of gemeenten load
 * these files into Power BI and Excel, so a column never moves and a coded value always has its Dutch label
 * beside it. Imports nothing but format.ts, so node tests can compile it from its source.
 */
import { toCsv, type CsvDialect } from './format.js';

export type HeaderLang = 'nl' | 'en';
/** code: a stable key (gemeente code, AGB, split key); label: its Dutch name; date: ISO 8601 (JJJJ-MM-DD) */
export type ColumnType = 'code' | 'label' | 'text' | 'integer' | 'number' | 'date' | 'month';
export type Cell = string | number | null;
export type CsvRow = Readonly<Record<string, Cell>>;

export interface DownloadColumn {
  /** the key a row holds the value under (for server tables: the API's column key) */
  readonly key: string;
  readonly nl: string;
  readonly en: string;
  readonly type: ColumnType;
  /** what the column holds, for docs/downloads.md (Dutch or English: the doc is English) */
  readonly meaning: string;
}
export interface DownloadDef {
  readonly id: string;
  /** where the download button is, for the doc */
  readonly where: string;
  /** the file name; `{…}` parts are filled in by the page */
  readonly file: string;
  readonly columns: readonly DownloadColumn[];
}

const c = (key: string, nl: string, en: string, type: ColumnType, meaning: string): DownloadColumn => ({
  key,
  nl,
  en,
  type,
  meaning,
});

const GEMEENTE = [
  c(
    'gemeenteCode',
    'gemeente_code',
    'municipality_code',
    'code',
    'CBS gemeente code without GM (9001), or regio:<code> for a regio total',
  ),
  c('gemeente', 'gemeente', 'municipality', 'label', 'gemeente name'),
];
const PERIOD = [
  c('periodCode', 'periode_code', 'period_code', 'code', 'period: 2025, 2025H1, 2025Q3 or 2025-06'),
  c('period', 'periode', 'period', 'label', 'period in Dutch words ("1e halfjaar 2025")'),
  c('periodStart', 'periode_begin', 'period_start', 'date', 'first day of the period'),
  c('periodEnd', 'periode_einde', 'period_end', 'date', 'last day of the period'),
];

export const DOWNLOADS = {
  indicator: {
    id: 'indicator',
    where: 'every indicator panel (Overzicht, Gebruik en stroom, Verwijzers, Aanbieders, Geld, Wachttijden, …)',
    file: '{indicator}-{periode}.csv',
    columns: [
      c('indicatorCode', 'indicator_code', 'indicator_code', 'code', 'indicator id (docs/indicators.md)'),
      c('indicator', 'indicator', 'indicator', 'label', 'indicator name'),
      ...GEMEENTE,
      ...PERIOD,
      c(
        'splitCode',
        'splitsing_code',
        'split_code',
        'code',
        'split (zorgvorm, aanbieder, wijk, leeftijd, …); empty: total',
      ),
      c('split', 'splitsing', 'split', 'label', 'split name'),
      c('keyCode', 'sleutel_code', 'key_code', 'code', 'value of the split (zorgvorm code, AGB, wijk code, age band)'),
      c('key', 'sleutel', 'key', 'label', 'name of that value'),
      c('value', 'waarde', 'value', 'number', 'the figure, in the unit of eenheid_code; empty: none or suppressed'),
      c('numerator', 'teller', 'numerator', 'number', 'numerator of a share; empty under disclosure control'),
      c('denominator', 'noemer', 'denominator', 'number', 'denominator of a share; empty under disclosure control'),
      c('unitCode', 'eenheid_code', 'unit_code', 'code', 'aantal, procent (0–100), euro, dagen or score'),
      c('unit', 'eenheid', 'unit', 'label', 'unit in Dutch'),
      c('flagCodes', 'kanttekeningen_code', 'flags_code', 'code', 'data-quality and disclosure flags, space-separated'),
      c('flags', 'kanttekeningen', 'flags', 'label', 'the flags in Dutch words, "; "-separated'),
    ],
  },
  productcodes: {
    id: 'productcodes',
    where: 'Per productcode (also the drill-down of one code to its providers)',
    file: 'productcodes-{jaren}[-{productcode}].csv',
    columns: [
      ...GEMEENTE.map((x) => ({ ...x, meaning: `${x.meaning}; a selection of several: codes space-separated` })),
      c('periodStart', 'periode_begin', 'period_start', 'date', 'first day of the years'),
      c('periodEnd', 'periode_einde', 'period_end', 'date', 'last day of the years'),
      c('productCategory', 'productcategorie_code', 'product_category_code', 'code', 'iJw product category (JZ020)'),
      c('productCategoryName', 'productcategorie', 'product_category', 'label', 'product category name'),
      c('productCode', 'productcode', 'product_code', 'code', 'iJw product code (no name in the data)'),
      c('agb', 'aanbieder_code', 'provider_code', 'code', 'AGB code (drill-down only)'),
      c('providerName', 'aanbieder', 'provider', 'label', 'provider name (drill-down only)'),
      c('children', 'kinderen', 'children', 'integer', 'children active in the years'),
      c('trajectories', 'trajecten', 'trajectories', 'integer', 'trajectories active in the years'),
      c('meanDays', 'gemiddelde_duur_dagen', 'mean_duration_days', 'number', 'mean duration of ended trajectories'),
      c('cost', 'kosten_euro', 'cost_eur', 'number', 'claimed cost in euro (roles with money rights only)'),
      c('costPerChild', 'kosten_per_kind_euro', 'cost_per_child_eur', 'number', 'cost per child with a claim'),
      c('ref_gemeente', 'verwijzer_gemeente_pct', 'referrer_municipality_pct', 'number', '% referred by the gemeente'),
      c('ref_huisarts', 'verwijzer_huisarts_pct', 'referrer_gp_pct', 'number', '% referred by a GP'),
      c('ref_medisch', 'verwijzer_medisch_pct', 'referrer_medical_pct', 'number', '% youth doctor/specialist'),
      c('ref_jeugdbescherming', 'verwijzer_gi_rechter_pct', 'referrer_court_pct', 'number', '% child protection/court'),
      c('ref_zelf_onbekend', 'verwijzer_zelf_onbekend_pct', 'referrer_self_unknown_pct', 'number', '% self/unknown'),
      c('providers', 'aanbieders', 'providers', 'integer', 'number of providers (not in the drill-down)'),
    ],
  },
  maandoverzicht: {
    id: 'maandoverzicht',
    where: 'Per maand, the month-by-month table',
    file: 'maandoverzicht-{jaar}.csv',
    columns: [
      c('gemeenteCode', 'gemeente_code', 'municipality_code', 'code', 'CBS gemeente code'),
      c('gemeente', 'gemeente', 'municipality', 'label', 'gemeente name'),
      c('team', 'team', 'team', 'text', 'team name; "hele gemeente" for the gemeente as a whole, "zonder team"'),
      c('month', 'maand', 'month', 'month', 'month, ISO 8601 (JJJJ-MM)'),
      c('youths', 'jeugdigen_in_zorg', 'youths_in_care', 'integer', 'youths with a trajectory active in the month'),
      c('costMonth', 'kosten_maand_euro', 'cost_month_eur', 'number', 'claims of the month'),
      c('costYear', 'kosten_tm_maand_euro', 'cost_year_to_date_eur', 'number', 'claims from January up to the month'),
      c('budget', 'budget_euro', 'budget_eur', 'number', "the year's youth-care budget (gemeente as a whole only)"),
      c('budgetUsed', 'budget_gebruikt_pct', 'budget_used_pct', 'number', 'cost so far as % of the budget'),
      c('budgetLeft', 'budget_over_euro', 'budget_left_eur', 'number', 'budget minus cost so far'),
    ],
  },
  maandoverzichtClienten: {
    id: 'maandoverzichtClienten',
    where: 'Per maand, the clients of one month (analist, teammanager; logged)',
    file: 'maandoverzicht-clienten-{jaar}-{maand}.csv',
    columns: [
      c('gemeenteCode', 'gemeente_code', 'municipality_code', 'code', 'CBS gemeente code'),
      c('gemeente', 'gemeente', 'municipality', 'label', 'gemeente name'),
      c('pseudonym', 'pseudoniem', 'pseudonym', 'code', 'pseudonymised youth'),
      c('teams', 'team', 'team', 'text', 'team(s) of the youth'),
      c('inCareCode', 'in_zorg_code', 'in_care_code', 'code', '1: a trajectory active in the month, 0: cost only'),
      c('inCare', 'in_zorg', 'in_care', 'label', 'ja / nee'),
      c('costMonth', 'kosten_maand_euro', 'cost_month_eur', 'number', 'claims of the month'),
      c('costYear', 'kosten_tm_maand_euro', 'cost_year_to_date_eur', 'number', 'claims from January up to the month'),
    ],
  },
  vergelijking: {
    id: 'vergelijking',
    where: 'Vergelijken ("Download als CSV")',
    file: 'vergelijking-{gemeente}-{periode}.csv',
    columns: [
      ...GEMEENTE.map((x) => ({ ...x, meaning: `${x.meaning}; empty for a pooled group row` })),
      c('basePeriodCode', 'basisperiode_code', 'base_period_code', 'code', 'the period the index compares with'),
      c('periodCode', 'periode_code', 'period_code', 'code', 'the period compared'),
      c('inhabitants', 'inwoners', 'inhabitants', 'integer', 'inhabitants (CBS)'),
      c('sesDecile', 'ses_deciel', 'ses_decile', 'integer', 'socio-economic status decile (CBS)'),
      c('povertyDecile', 'armoede_deciel', 'poverty_decile', 'integer', 'poverty decile (CBS)'),
      c('pctBase', 'pct_basisperiode', 'pct_base_period', 'number', '% youths with youth care in the base period'),
      c('pct', 'pct_periode', 'pct_period', 'number', '% youths with youth care in the period'),
      c('index', 'index', 'index', 'number', 'pct_periode / pct_basisperiode × 100'),
      c('yearCode', 'iv3_jaar', 'iv3_year', 'code', 'the Iv3 accounts year of the burden columns'),
      c('burdenPerUser', 'iv3_lasten_per_gebruiker_euro', 'iv3_cost_per_user_eur', 'number', 'Iv3 burden per user'),
      c(
        'burdenPerInhabitant',
        'iv3_lasten_per_inwoner_euro',
        'iv3_cost_per_inhabitant_eur',
        'number',
        'per inhabitant',
      ),
      c('burdenIndex', 'iv3_lasten_index', 'iv3_cost_index', 'number', 'Iv3 burden index'),
      c('expected', 'verwacht_pct', 'expected_pct', 'number', 'expected % from the model'),
      c('lower', 'ondergrens_pct', 'lower_bound_pct', 'number', 'lower bound of the expected range'),
      c('upper', 'bovengrens_pct', 'upper_bound_pct', 'number', 'upper bound of the expected range'),
      c(
        'verdictCode',
        'oordeel_code',
        'verdict_code',
        'code',
        'hoger_dan_verwacht, zoals_verwacht or lager_dan_verwacht',
      ),
      c('verdict', 'oordeel', 'verdict', 'label', 'the verdict in Dutch words'),
      c('flagCodes', 'kanttekeningen_code', 'flags_code', 'code', 'flags, space-separated'),
      c('flags', 'kanttekeningen', 'flags', 'label', 'the flags in Dutch words, "; "-separated'),
    ],
  },
  contracten: {
    id: 'contracten',
    where: 'Contracten, the contract register (contractmanager, controller)',
    file: 'contracten-{peildatum}.csv',
    columns: [
      c(
        'referenceDate',
        'peildatum',
        'reference_date',
        'date',
        'the day term, contract year and allocations are taken on',
      ),
      c('contract', 'contract_code', 'contract_code', 'code', 'contract id'),
      c('name', 'contract', 'contract', 'text', 'contract name'),
      c('providerCodes', 'aanbieders_code', 'providers_code', 'code', 'AGB codes, space-separated'),
      c('providers', 'aanbieders', 'providers', 'label', 'provider names (or the consortium), "; "-separated'),
      c('financingFormCode', 'financieringsvorm_code', 'financing_form_code', 'code', 'inspanningsgericht … subsidie'),
      c('financingForm', 'financieringsvorm', 'financing_form', 'label', 'the financing form in Dutch words'),
      c('gemeenteCodes', 'gemeente_codes', 'municipality_codes', 'code', 'the party gemeenten the figures cover'),
      c('complete', 'alle_partijen', 'all_parties', 'code', 'ja: the figures cover every party; nee: only yours'),
      c('start', 'start', 'start_date', 'date', 'start of the contract'),
      c('currentEnd', 'einde_huidige_termijn', 'current_term_end', 'date', 'end of the current term'),
      c('maxEnd', 'einde_na_verlengingen', 'end_after_extensions', 'date', 'end when every option is used'),
      c('extensions', 'verlengingen', 'extensions', 'text', 'extension options in years, as written (2+2+2)'),
      c('extensionsLeft', 'verlengingen_over', 'extensions_left', 'integer', 'extension options not used yet'),
      c('nextDecision', 'volgend_beslismoment', 'next_decision', 'date', 'end of the current term; empty: ended'),
      c('yearFrom', 'contractjaar_begin', 'contract_year_start', 'date', 'first day of the contract year'),
      c('yearTo', 'contractjaar_einde', 'contract_year_end', 'date', 'last day of the contract year'),
      c('ceiling', 'plafond_euro', 'ceiling_eur', 'number', 'yearly ceiling; empty: none'),
      c('claims', 'declaraties_euro', 'claims_eur', 'number', 'claims of its providers and products in the year'),
      c('payments', 'betalingen_euro', 'payments_eur', 'number', 'payments on the contract in the year'),
      c('used', 'gebruikt_euro', 'used_eur', 'number', 'claims + payments'),
      c('usedPct', 'gebruikt_pct', 'used_pct', 'number', 'used as % of the ceiling'),
      c('youths', 'jeugdigen_lopend', 'youths_running', 'integer', 'youths with a running allocation on the day'),
      c('warningCode', 'waarschuwing_code', 'warning_code', 'code', '1: ends within six months with youths in care'),
      c('warning', 'waarschuwing', 'warning', 'label', 'the warning in Dutch words; empty: none'),
    ],
  },
  trajecten: {
    id: 'trajecten',
    where: 'Trajecten (person-level; analist, teammanager, aanbieder; logged)',
    file: 'trajecten.csv',
    columns: [
      ...GEMEENTE,
      c('trajectory', 'traject_code', 'trajectory_code', 'code', 'trajectory id'),
      c('pseudonym', 'pseudoniem', 'pseudonym', 'code', 'pseudonymised youth'),
      c('providerCode', 'aanbieder_code', 'provider_code', 'code', 'AGB code'),
      c('provider', 'aanbieder', 'provider', 'label', 'provider name'),
      c('productCategoryCode', 'productcategorie_code', 'product_category_code', 'code', 'iJw product category'),
      c('productCategory', 'productcategorie', 'product_category', 'label', 'product category name'),
      c('team', 'team', 'team', 'text', 'team'),
      c('start', 'start', 'start_date', 'date', 'start date'),
      c('end', 'einde', 'end_date', 'date', 'end date; empty while running'),
    ],
  },
} as const satisfies Record<string, DownloadDef>;

export type DownloadId = keyof typeof DOWNLOADS;

/** The Dutch dialect opens in Dutch Excel by double-click; the English one is the ISO/RFC 4180 form for any locale. */
export const DIALECT: Record<HeaderLang, CsvDialect> = { nl: 'nl', en: 'iso' };

/**
 * The file: the columns of the definition in their order (`only`: the ones this answer has, e.g. no cost
 * columns without money rights; their order stays that of the definition), headers in the chosen language.
 */
export function csvFor(
  def: DownloadDef,
  rows: readonly CsvRow[],
  headers: HeaderLang,
  only?: ReadonlySet<string>,
): string {
  const cols = def.columns.filter((x) => !only || only.has(x.key));
  // the ISO file is for machines (Power BI types a column by its values): a number column holds numbers only, so a
  // hidden cell ("<10" in the published tables) is empty there; the Dutch file keeps "<10" for people reading it
  const cell = (x: DownloadColumn, v: Cell): Cell =>
    headers === 'en' && (x.type === 'integer' || x.type === 'number') && typeof v === 'string' ? null : v;
  return toCsv(
    cols.map((x) => x[headers]),
    rows.map((r) => cols.map((x) => cell(x, r[x.key] ?? null))),
    DIALECT[headers],
  );
}

/** The file name of the English variant, so both can sit side by side. */
export function csvName(file: string, headers: HeaderLang): string {
  return headers === 'nl' ? file : file.replace(/\.csv$/, '-en.csv');
}

const MONTHS = 'januari februari maart april mei juni juli augustus september oktober november december'.split(' ');

/** A period key in Dutch words and its first and last day (ISO 8601), as the CSV's periode columns hold it. */
export function periodColumns(key: string): { periodCode: string; period: string; periodStart: Cell; periodEnd: Cell } {
  const m = /^(\d{4})(?:H([12])|Q([1-4])|-(\d{2}))?$/.exec(key);
  if (!m) return { periodCode: key, period: key, periodStart: null, periodEnd: null };
  const [, y, half, quarter, month] = m;
  const [first, last, label] = half
    ? [6 * Number(half) - 5, 6 * Number(half), `${half}e halfjaar ${y}`]
    : quarter
      ? [3 * Number(quarter) - 2, 3 * Number(quarter), `${quarter}e kwartaal ${y}`]
      : month
        ? [Number(month), Number(month), `${MONTHS[Number(month) - 1]} ${y}`]
        : [1, 12, y!];
  const mm = (n: number) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(Number(y), last, 0)).getUTCDate();
  return {
    periodCode: key,
    period: label,
    periodStart: `${y}-${mm(first)}-01`,
    periodEnd: `${y}-${mm(last)}-${lastDay}`,
  };
}

/** Units in Dutch words beside their codes. */
export const UNIT_NL: Record<string, string> = {
  aantal: 'aantal',
  procent: 'percentage',
  euro: 'bedrag in euro',
  dagen: 'aantal dagen',
  score: 'score',
  per_1000: 'aantal per 1.000',
};
