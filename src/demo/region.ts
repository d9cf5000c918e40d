/**
 * The fictional demo region. Names and codes are invented (codes 9001 and up, which CBS does not
 * use) and every output says it is demo data: invented figures are never attached to a real
 * municipality. SES and poverty deciles spread over the range so that benchmarking has something
 * to find (lower SES and more child poverty go with more youth care, calibration.md).
 */
import { Rng, hash32 } from './random.js';

export interface DemoGemeente {
  readonly code: string;
  readonly name: string;
  readonly inhabitants: number;
  /** decile of standardised median household income; 1 = lowest */
  readonly sesDecile: number;
  /** decile of children in poverty; 1 = highest share (most vulnerable) */
  readonly povertyDecile: number;
  readonly youthShare: number;
}

export interface DemoRegion {
  readonly code: string;
  readonly name: string;
  readonly gemeenten: readonly DemoGemeente[];
}

export const REGION_GEMEENTEN: readonly DemoGemeente[] = [
  { code: '9001', name: 'Aldervaart', inhabitants: 218_000, sesDecile: 4, povertyDecile: 2, youthShare: 0.205 },
  { code: '9002', name: 'Brakelhoven', inhabitants: 96_500, sesDecile: 2, povertyDecile: 3, youthShare: 0.222 },
  { code: '9003', name: 'Dommelveld', inhabitants: 61_800, sesDecile: 6, povertyDecile: 6, youthShare: 0.215 },
  { code: '9004', name: 'Eikenrode', inhabitants: 47_900, sesDecile: 8, povertyDecile: 9, youthShare: 0.232 },
  { code: '9005', name: 'Gravenmeer', inhabitants: 40_600, sesDecile: 3, povertyDecile: 1, youthShare: 0.214 },
  { code: '9006', name: 'Hoogzande', inhabitants: 33_200, sesDecile: 9, povertyDecile: 10, youthShare: 0.238 },
  { code: '9007', name: 'Kromdijk', inhabitants: 26_700, sesDecile: 5, povertyDecile: 7, youthShare: 0.221 },
  { code: '9008', name: 'Lindewaard', inhabitants: 19_300, sesDecile: 7, povertyDecile: 8, youthShare: 0.226 },
  { code: '9009', name: 'Oosterbroek', inhabitants: 15_400, sesDecile: 1, povertyDecile: 4, youthShare: 0.209 },
];

export const DEMO_REGION: DemoRegion = {
  code: 'DEMO-MW',
  name: 'Jeugdregio Middenwaard (demo)',
  gemeenten: REGION_GEMEENTEN,
};

const SYLLABLES_A = [
  'Al',
  'Bra',
  'Dom',
  'Eik',
  'Gra',
  'Hoog',
  'Krom',
  'Lin',
  'Oos',
  'Ree',
  'Sta',
  'Ter',
  'Val',
  'Wes',
  'Zui',
  'Ber',
  'Hel',
  'Mar',
  'Nie',
  'Vel',
];
const SYLLABLES_B = [
  'dervaart',
  'kelhoven',
  'melveld',
  'enrode',
  'venmeer',
  'zande',
  'dijk',
  'dewaard',
  'terbroek',
  'wijk',
  'hem',
  'loo',
  'horst',
  'dam',
  'veen',
  'beek',
  'lo',
  'wolde',
  'sel',
  'dorp',
];

/**
 * A fictional national comparison set (about 340 gemeenten, ~17.9 M inhabitants, the Dutch size
 * distribution), for benchmarks and the --size national demo. Region gemeenten come first.
 */
export function nationalGemeenten(seed: number, count = 342): DemoGemeente[] {
  const rng = new Rng(seed ^ hash32('national'));
  const out: DemoGemeente[] = [...REGION_GEMEENTEN];
  const used = new Set(out.map((g) => g.name));
  for (let i = out.length; i < count; i++) {
    let name: string;
    do name = `${rng.pick(SYLLABLES_A)}${rng.pick(SYLLABLES_B)}`;
    while (used.has(name) && used.size < 400);
    if (used.has(name)) name = `${name} ${i}`;
    used.add(name);
    // Dutch sizes: median ~40k, a long tail of cities; 342 gemeenten add up to ~17.9 M like the Netherlands
    const inhabitants = Math.round(Math.min(900_000, Math.max(1_000, rng.logNormal(40_000, 0.75))) / 100) * 100;
    out.push({
      code: String(9001 + i),
      name,
      inhabitants,
      sesDecile: rng.int(1, 10),
      povertyDecile: rng.int(1, 10),
      youthShare: rng.uniform(0.19, 0.245),
    });
  }
  return out;
}

/** Inhabitants on 1 January of a year: the same rule for the population file and the CBS mirror. */
export function inhabitantsIn(g: DemoGemeente, year: number): number {
  return Math.round(g.inhabitants * (1 + 0.003 * (year - 2020)));
}

/** Youths aged 0–17 on 1 January of a year (a slowly ageing population). */
export function youthPopulation(g: DemoGemeente, year: number): number {
  return Math.round(g.inhabitants * g.youthShare * (1 - 0.004 * (year - 2020)));
}
