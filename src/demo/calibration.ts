/**
 * The demo's model parameters, each next to the published figure it aims at
 * (docs/domain/calibration.md; line numbers refer to seed 001 unless another is named).
 * The calibration tests (calibration.test.ts) check the generated data against the targets.
 */

/** Share of youths 0–17 with any jeugdhulp in a year: 7.6%–13.6% in the portraits, NL ~10–11% (L699, L1119). */
export function targetAnyCareShare(sesDecile: number, povertyDecile: number, noise: number): number {
  // lower SES and a lower poverty decile (more child poverty) → more youth care
  const share = 0.106 + 0.004 * (5.5 - sesDecile) + 0.0025 * (5.5 - povertyDecile) + noise;
  return Math.min(0.13, Math.max(0.084, share));
}

/** Product categories of a client's first trajectory (JZ020), weights. */
export const FIRST_CATEGORY = {
  '45': 56, // ambulant
  '54': 12, // jeugd-ggz
  '41': 5, // dagbehandeling
  '40': 3, // persoonlijke verzorging
  '42': 2, // vervoer
  '43': 1.3, // verblijf incl. behandeling — with 44: ~0.4–1% of youths (L483, L541, L632)
  '44': 1.1, // verblijf excl. behandeling (incl. pleegzorg)
  '46': 1.5, // crisis
  '48': 4.2, // jeugdbescherming — ~1% of youths (seed 003)
  '47': 1.6, // jeugdreclassering
  '50': 4, // maatwerkarrangement
} as const;
export type DemoCategory = keyof typeof FIRST_CATEGORY;

/** Categories added when a youth gets several provisions at once. */
export const STACKED_CATEGORY: Readonly<Record<DemoCategory, number>> = {
  '45': 30,
  '54': 14,
  '41': 10,
  '40': 12,
  '42': 12,
  '43': 0.7,
  '44': 1.2,
  '46': 1,
  '48': 2.5,
  '47': 1,
  '50': 8,
};

/**
 * Number of distinct provisions per client episode. Peel en Maas 2019 (L1123): 1: 71.6%, 2: 14.1%,
 * 3: 8.2%, 4: 4.8%, 5: 1.3% of youths in a period. Drawn a little heavier than the target because
 * provisions of one youth do not all overlap in every period.
 */
export const STACK_SIZE = { '1': 66.5, '2': 16, '3': 9.8, '4': 5.9, '5': 1.8 } as const;

/** Median duration in days (log-normal, sd 0.65) per category. */
export const MEDIAN_DAYS: Readonly<Record<DemoCategory, number>> = {
  '45': 190,
  '54': 250,
  '41': 280,
  '40': 320,
  '42': 300,
  '43': 330,
  '44': 480,
  '46': 30,
  '48': 430,
  '47': 250,
  '50': 240,
};

/** Intensity A–I distribution (Hart van Brabant classes, seed 002), for categories that carry one. */
export const INTENSITY_WEIGHTS = { A: 13, B: 16, C: 15, D: 17, E: 14, F: 11, G: 7, H: 4.5, I: 2.5 } as const;
export const INTENSITY_CATEGORIES: ReadonlySet<string> = new Set(['45', '54', '41', '43', '44', '50']);

/**
 * Monthly cost in euros of a full month per category (and intensity step). Chosen so that the
 * cost per client lands in the range of lasten per gebruiker €6,336–€19,105 (Tabel 2–10) and the
 * verblijf / JB figures of seed 003 (ZHZ 2018: €26 M for 1,249 youths in residential care;
 * 914 OTS youths costing €5 M).
 */
export const MONTHLY_EUR: Readonly<Record<DemoCategory, number>> = {
  '45': 720,
  '54': 1150,
  '41': 2900,
  '40': 620,
  '42': 430,
  '43': 10_500,
  '44': 4_900,
  '46': 6_800,
  '48': 470,
  '47': 430,
  '50': 1_600,
};
/** Multiplier per intensity letter. */
export const INTENSITY_COST = { A: 0.45, B: 0.7, C: 0.9, D: 1.1, E: 1.35, F: 1.65, G: 2.0, H: 1.5, I: 1.9 } as const;

/** Tariff and unit per category: WJ756 unit code and euros per unit. */
export const TARIFF: Readonly<Record<DemoCategory, { unit: string; eur: number; frequency: string }>> = {
  '45': { unit: '04', eur: 98, frequency: '2' },
  '54': { unit: '04', eur: 118, frequency: '2' },
  '41': { unit: '16', eur: 142, frequency: '2' },
  '40': { unit: '04', eur: 62, frequency: '2' },
  '42': { unit: '82', eur: 21, frequency: '2' },
  '43': { unit: '14', eur: 345, frequency: '1' },
  '44': { unit: '14', eur: 161, frequency: '1' },
  '46': { unit: '14', eur: 224, frequency: '1' },
  '48': { unit: '82', eur: 470, frequency: '4' },
  '47': { unit: '82', eur: 430, frequency: '4' },
  '50': { unit: '83', eur: 1, frequency: '4' },
};

/**
 * Referrer mix (COD327). Targets: gemeente 30–65% (Noord-Limburg ~60%, L1123), huisarts 15–50%
 * (ZHZ 50/50 toegang/huisarts, seed 003), GI below 10%; JB and JR come from GI or the court.
 */
export function referrerWeights(gemeenteShare: number): Record<string, number> {
  return { '01': gemeenteShare, '02': 0.86 - gemeenteShare, '03': 0.05, '05': 0.05, '06': 0.04 };
}

/** Share of ended trajectories per end reason (JZ588); uitval (32+33) ~10–15%, varying by provider. */
export const END_REASONS_EXCL_DROPOUT = { '31': 66, '34': 9, '35': 5, '36': 5, '38': 6, '39': 3 } as const;

/**
 * Verlengde jeugdhulp: young people 18–22 in care, about 1–2% of that age group (CBS, jeugdhulp 18 tot 23 jaar).
 * Care that runs past 18 gives most of it already; when a youth's care ends between 17½ and 18½, a share gets a
 * follow-on trajectory (straight on, or after a gap of one to six months: resumed, as the Jeugdwet allows within half a
 * year). Mostly ambulant, ggz and verlengde pleegzorg (44).
 */
export const VERLENGD = {
  endAgeFrom: 17.5,
  endAgeTo: 18.5,
  share: 0.2,
  afterGapShare: 0.3,
  category: { '45': 50, '54': 25, '44': 25 } as Record<'45' | '54' | '44', number>,
} as const;

/** Request → allocation in working days (OP274: within 5); allocation → start in days (Utrecht ~2 weeks, L2001). */
export const WAIT = { requestMedianWorkdays: 2.5, allocationToStartMedianDays: 11, ggzAllocationToStartMedianDays: 38 };

/** Client satisfaction: Lokalis Utrecht 8.2, Heusden target 8 (seed 000). */
export const SATISFACTION = { meanRange: [7.3, 8.4] as const, sd: 1.2, responseRate: 0.35 };

/** Basic support reach per year (Utrecht: 10.8% only buurtteam + 2.3% both, of children under 21, L2001). */
export const BASIC_SUPPORT = { onlyShare: 0.085, alsoWithCareShare: 0.3 };
