/**
 * The demo region's contracts (issue 19): the Contracten page was empty on `npm start`. Three fictional percelen of a
 * regional procurement, each with the demo providers that offer its care, the tariffs the demo's claims are made at,
 * and a yearly ceiling a little above what the region claimed in the last complete year — so the register shows use
 * against a ceiling, a next decision and, for the ambulant perceel whose first term ends within six months of the day
 * the demo is looked at, the warning that youths still have running allocations with its providers.
 * Written as the canonical contracten.csv and contracttarieven.csv (docs/csv-formaat.md) and loaded like a
 * gemeente's own files.
 */
import { join } from 'node:path';
import { CsvWriter } from './csvWriter.js';
import { TARIFF, type DemoCategory } from './calibration.js';
import type { DemoProvider } from './providers.js';
import {
  lumpSumContractId,
  outsideClaimsForm,
  PAYMENT_CONTRACTS,
  RESULT_CONTRACT_ID,
  RESULT_TRANCHES,
} from './payments.js';

interface Perceel {
  readonly id: string;
  readonly name: string;
  readonly perceel: string;
  readonly form: 'inspanningsgericht' | 'outputgericht';
  readonly categories: readonly DemoCategory[];
  /** years relative to the last data year: the start is 1 January of (last + startYear) */
  readonly startYear: number;
  /**
   * the first term in whole years; 'halfYearAfterData': to the end of the half-year after the data — the demo is
   * looked at in that half-year (its data reach the last complete one), so the term ends within six months of the day
   */
  readonly years: number | 'halfYearAfterData';
  readonly extensions: string;
  /** evaluation moments as month-day in the years of the first term after the first */
  readonly evaluation: string;
}

const PERCELEN: readonly Perceel[] = [
  {
    id: 'MW-AMB',
    name: 'Jeugdhulp zonder verblijf',
    perceel: 'perceel 1 ambulant',
    form: 'inspanningsgericht',
    categories: ['45', '54', '40', '41', '42'],
    startYear: -2,
    years: 'halfYearAfterData',
    extensions: '2+2',
    evaluation: '06-30',
  },
  {
    id: 'MW-VBL',
    name: 'Jeugdhulp met verblijf',
    perceel: 'perceel 2 verblijf',
    form: 'outputgericht',
    categories: ['43', '44', '46'],
    startYear: -3,
    years: 5,
    extensions: '1+1',
    evaluation: '12-31',
  },
  {
    id: 'MW-JBJR',
    name: 'Jeugdbescherming en jeugdreclassering',
    perceel: 'perceel 3 gecertificeerde instellingen',
    form: 'outputgericht',
    categories: ['47', '48'],
    startYear: -1,
    years: 4,
    extensions: '',
    evaluation: '12-31',
  },
];

const euro = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',');

export interface DemoContractFiles {
  readonly contracten: { path: string; rows: number };
  readonly contracttarieven: { path: string; rows: number };
}

/**
 * `claimedByYear`: the region's claimed cents per year and category (rejected lines left out), for the ceilings.
 * `from`, `until`: the first and last day of the data; `youthsTotal`: the region's youths 0–17 (the wijkteams' lump
 * sum's ceiling); `outsideByYear`: per provider paid outside p×q the region's cents paid per year (lump sums, tranches).
 */
export async function writeDemoContracts(
  outDir: string,
  gemeenten: readonly string[],
  providers: readonly DemoProvider[],
  claimedByYear: ReadonlyMap<number, ReadonlyMap<string, number>>,
  from: string,
  until: string,
  youthsTotal: number,
  outsideByYear: ReadonlyMap<string, ReadonlyMap<number, number>>,
): Promise<DemoContractFiles> {
  const last = Number(until.slice(0, 4));
  // the last year the data cover whole
  const fullYear = until.endsWith('-12-31') ? last : last - 1;
  const contracts = new CsvWriter(join(outDir, 'contracten.csv'), [
    'contract_id',
    'naam',
    'aanbieder_agb',
    'consortium',
    'perceel',
    'financieringsvorm',
    'tranches',
    'productcategorieen',
    'productcodes',
    'plafond_euro',
    'startdatum',
    'einddatum',
    'verlengingen',
    'verlengingen_benut',
    'evaluatiemomenten',
    'gemeenten',
  ]);
  const tariffs = new CsvWriter(join(outDir, 'contracttarieven.csv'), [
    'contract_id',
    'productcategorie',
    'productcode',
    'eenheid',
    'tarief_euro',
    'geldig_van',
    'geldig_tot',
  ]);
  const outside = outsideClaimsForm(providers);
  for (const p of PERCELEN) {
    const agbs = providers
      .filter((x) => !outside.has(x.agb) && p.categories.some((c) => x.categories.has(c)))
      .map((x) => x.agb);
    if (agbs.length === 0) continue;
    const start = `${last + p.startYear}-01-01`;
    const end =
      p.years !== 'halfYearAfterData'
        ? `${last + p.startYear + p.years - 1}-12-31`
        : until.endsWith('-06-30')
          ? `${last}-12-31`
          : `${last + 1}-06-30`;
    const claimed = p.categories.reduce((s, c) => s + (claimedByYear.get(fullYear)?.get(c) ?? 0), 0);
    // 5% above the last whole year, in tens of thousands of euros; none when nothing was claimed (open end)
    const ceiling = claimed > 0 ? Math.ceil((claimed * 1.05) / 1_000_000) * 1_000_000 : null;
    // one a year after the first, within the term
    const evaluations = Array.from({ length: 6 }, (_, i) => `${last + p.startYear + i + 1}-${p.evaluation}`)
      .filter((d) => d < end)
      .join('|');
    await contracts.row([
      p.id,
      p.name,
      agbs.join('|'),
      null,
      p.perceel,
      p.form,
      null,
      p.categories.join('|'),
      null,
      ceiling === null ? null : euro(ceiling),
      start,
      end,
      p.extensions || null,
      p.extensions ? '0' : null,
      evaluations || null,
      gemeenten.join('|'),
    ]);
    for (const c of p.categories) {
      const t = TARIFF[c];
      await tariffs.row([p.id, c, null, t.unit, euro(Math.round(t.eur * 100)), start, null]);
    }
  }
  // the contracts paid outside iJw, for the whole data window and two years on; the lump sum's ceiling is its year
  const firstYear = Number(from.slice(0, 4));
  let lumpSums = 0;
  for (const [agb, form] of outside) {
    const provider = providers.find((x) => x.agb === agb)!;
    const taak = form === 'taakgericht';
    const id = taak ? lumpSumContractId(++lumpSums) : RESULT_CONTRACT_ID;
    // a lump sum's ceiling is the last whole year's sum; the result contract's 5% above the tranches paid in it
    const year = outsideByYear.get(agb)?.get(fullYear) ?? 0;
    const ceiling = year <= 0 ? null : taak ? year : Math.ceil((year * 1.05) / 1_000_000) * 1_000_000;
    await contracts.row([
      id,
      taak ? `Taakgericht: ${provider.name}` : `Resultaatgericht ambulant: ${provider.name}`,
      agb,
      null,
      taak ? 'perceel 4 taakgericht' : 'perceel 5 resultaat',
      form,
      taak ? null : RESULT_TRANCHES,
      null,
      null,
      ceiling === null ? null : euro(ceiling),
      `${firstYear}-01-01`,
      `${last + 2}-12-31`,
      '2+2',
      '0',
      null,
      gemeenten.join('|'),
    ]);
  }
  for (const c of PAYMENT_CONTRACTS) {
    const yearly = c.ceiling ? youthsTotal * c.perYouth * (12 / c.every) : null;
    await contracts.row([
      c.id,
      c.name,
      null,
      c.consortium,
      'buiten p×q',
      c.form,
      null,
      c.categories.join('|') || null,
      null,
      yearly === null ? null : euro(yearly),
      `${firstYear}-01-01`,
      `${last + 2}-12-31`,
      null,
      null,
      null,
      gemeenten.join('|'),
    ]);
  }
  await contracts.close();
  await tariffs.close();
  return {
    contracten: { path: join(outDir, 'contracten.csv'), rows: contracts.rows },
    contracttarieven: { path: join(outDir, 'contracttarieven.csv'), rows: tariffs.rows },
  };
}
