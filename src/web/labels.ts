/**
 * Words instead of codes: the names of splits (dimensions) and of their keys as users read them.
 * The indicator rows carry keys (`zonder_verblijf`, `binnen_norm`, an AGB code, a JZ020 product
 * category); this module turns them into Dutch or English. It imports nothing, because the web bundle
 * may not import from outside src/web and the domain test compiles this file on its own: the copy of
 * the care-form labels and of the iJw JZ020 product categories is checked against src/domain there
 * (src/domain/webLabels.test.ts). Over 400 lines: one table of words per vocabulary the screen shows, in one file
 * because the domain test compiles this file on its own to check the copies.
 */
type Lang = 'nl' | 'en';
type Pair = readonly [nl: string, en: string];

/** The splits (the `by` of a row) as words. */
export const SPLIT_LABELS: Record<string, Pair> = {
  zorgvorm: ['naar zorgvorm', 'by care form'],
  leeftijd: ['naar leeftijd', 'by age'],
  wijk: ['naar wijk', 'by district'],
  kern: ['naar kern', 'by village'],
  post: ['naar post', 'by item'],
  aantal_voorzieningen: ['naar aantal voorzieningen tegelijk', 'by number of services at once'],
  statistiek: ['mediaan, spreiding en norm', 'median, spread and norm'],
  regio: ['per gemeente en voor de regio', 'per municipality and for the region'],
  intensiteit: ['naar intensiteit', 'by intensity'],
  overgang: ['overgangen tussen vormen van hulp', 'transitions between forms of care'],
  richting: ['op- en afschaling', 'step-up and step-down'],
  uitkomst: ['naar uitkomst', 'by outcome'],
  termijn: ['na 6 en na 12 maanden', 'after 6 and after 12 months'],
  groep: [
    'in vier groepen: geen hulp, alleen basishulp, alleen jeugdhulp, beide',
    'in four groups: no help, basic support only, youth care only, both',
  ],
  aanbieder: ['naar aanbieder', 'by provider'],
  productcategorie: ['naar productcategorie', 'by product category'],
  productcode: ['naar productcode', 'by product code'],
  traject: ['naar traject', 'by trajectory'],
  bericht: ['naar bericht', 'by message'],
  retourcode: ['naar retourcode', 'by return code'],
  reden: ['naar reden', 'by reason'],
  verwijzer: ['naar verwijzer', 'by referrer'],
  verwijzer_detail: [
    'naar huisartsenpraktijk, school en andere verwijzer',
    'by GP practice, school and other referrer',
  ],
  team: ['naar team', 'by team'],
  maat: ['feitelijk, verwacht en marges', 'actual, expected and bounds'],
  financieringsvorm: ['naar financieringsvorm', 'by financing form'],
  status: ['naar stand van de tranches', 'by tranche status'],
  contract: ['naar contract', 'by contract'],
  programma: ['naar programma', 'by programme'],
  thema: ['naar thema', 'by theme'],
  soort: ['klachten en vertrouwenspersoon', 'complaints and confidential adviser'],
  // evaluation_timeliness (issue 21)
  stand: ['op tijd, te laat en achterstallig', 'on time, late and overdue'],
  herkomst: ['vastgelegd of afgeleid uit het ritme', 'recorded or derived from the rhythm'],
  functie: ['naar verbindingsfunctie', 'by liaison position'],
  vindplaats: ['naar huisartsenpraktijk of school', 'by GP practice or school'],
};

/**
 * The measures of tranche_ledger and lumpsum_volume (indicators/contractMoney.ts): a key is the measure, or in a
 * split the measure and the split's value (`openstaand|12345678`).
 */
export const CONTRACT_MONEY_TEXT: Record<string, Pair> = {
  eerste_tranche: ['eerste tranche betaald (trajecten)', 'first tranche paid (trajectories)'],
  eerste_tranche_bedrag: ['eerste tranche betaald (bedrag)', 'first tranche paid (amount)'],
  laatste_tranche: ['laatste tranche betaald (trajecten)', 'last tranche paid (trajectories)'],
  laatste_tranche_bedrag: ['laatste tranche betaald (bedrag)', 'last tranche paid (amount)'],
  openstaand: [
    'openstaand: laatste tranche nog niet betaald (trajecten)',
    'pending: last tranche not yet paid (trajectories)',
  ],
  openstaand_bedrag: ['openstaand: al betaald (bedrag)', 'pending: paid so far (amount)'],
  afgesloten_na_eerste: [
    'afgesloten na de eerste tranche zonder doelrealisatie (trajecten)',
    'closed after the first tranche without goal realisation (trajectories)',
  ],
  afgesloten_na_eerste_bedrag: [
    'afgesloten na de eerste tranche zonder doelrealisatie (betaald bedrag)',
    'closed after the first tranche without goal realisation (amount paid)',
  ],
  bedrag: ['lumpsum betaald', 'lump sum paid'],
  jeugdigen: ['jeugdigen bediend', 'youths served'],
  trajecten: ['trajecten bediend', 'trajectories served'],
  bedrag_per_jeugdige: ['lumpsum per jeugdige', 'lump sum per youth'],
};

/**
 * The measures of cost_per_youth_by_form (indicators/costPerYouthByForm.ts), keyed `measure|form` in the split
 * financieringsvorm.
 */
export const FORM_REACH_TEXT: Record<string, Pair> = {
  bedrag: ['kosten', 'cost'],
  jeugdigen: ['jeugdigen bereikt', 'youths reached'],
  niet_toegerekend: ['niet toe te rekenen aan een jeugdige', 'not attributable to a youth'],
  per_jeugdige: ['kosten per bereikte jeugdige', 'cost per youth reached'],
};

/** Copy of FINANCING_FORM_WORDS in src/domain/contracts.ts (checked by src/domain/webLabels.test.ts). */
export const FINANCING_FORM_TEXT: Record<string, Pair> = {
  inspanningsgericht: ['inspanningsgericht (prijs × aantal per tijdseenheid)', 'effort-based (price × units)'],
  outputgericht: ['outputgericht (vast bedrag per traject)', 'output-based (fixed price per trajectory)'],
  taakgericht: ['taakgericht (vast budget)', 'task-based (lump sum)'],
  resultaat: ['resultaatgericht (betaling in tranches)', 'result-based (paid in tranches)'],
  pgb: ['persoonsgebonden budget (pgb)', 'personal budget (pgb)'],
  subsidie: ['subsidie', 'subsidy'],
};

/** Copy of CARE_FORM_LABELS in src/domain/careForms.ts (checked by src/domain/webLabels.test.ts). */
export const CARE_FORM_TEXT: Record<string, Pair> = {
  zonder_verblijf: ['jeugdhulp zonder verblijf', 'youth care without residence'],
  met_verblijf: ['jeugdhulp met verblijf', 'youth care with residence'],
  jeugdbescherming: ['jeugdbescherming', 'child protection'],
  jeugdreclassering: ['jeugdreclassering', 'youth probation'],
  lokaal: ['volgens lokale indeling', 'by local mapping'],
};

/** Copy of the iJw 3.2 code list JZ020 (src/domain/data/JZ020_Productcategorie.json; checked by the same test). */
export const PRODUCT_CATEGORY_TEXT: Record<string, string> = {
  '31': '(2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam',
  '32': '(2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder',
  '33': '(2015) Zonder verblijf: daghulp op locatie van de aanbieder',
  '34': '(2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige',
  '35': '(2015) Met verblijf: pleegzorg',
  '36': '(2015) Met verblijf: gezinsgericht',
  '37': '(2015) Met verblijf: gesloten plaatsing',
  '38': '(2015) Met verblijf: overig residentieel',
  '40': 'Persoonlijke verzorging',
  '41': 'Dagbehandeling',
  '42': 'Vervoerdiensten',
  '43': 'Jeugdhulp verblijf (incl. behandeling)',
  '44': 'Jeugdhulp verblijf (excl. behandeling)',
  '45': 'Jeugdhulp ambulant',
  '46': 'Jeugdhulp crisis',
  '47': 'Jeugdreclassering',
  '48': 'Jeugdbescherming',
  '49': 'Activiteiten in het preventief justitieel kader',
  '50': 'Maatwerkarrangementen jeugd',
  '51': 'Generalistische basis-ggz',
  '52': 'Specialistische ggz',
  '53': 'Kindergeneeskunde',
  '54': 'Jeugd-ggz',
  '55': 'Landelijk ingekochte zorg',
};

/** Keys the indicators use, in words (the same key means the same thing under every split). */
const KEY_TEXT: Record<string, Pair> = {
  ...CARE_FORM_TEXT,
  mediaan: ['mediaan', 'median'],
  p75: ['75e percentiel', '75th percentile'],
  p90: ['90e percentiel', '90th percentile'],
  gemiddelde: ['gemiddelde', 'mean'],
  binnen_norm: ['binnen de norm', 'within the norm'],
  // the voice of clients (issue 20): complaint themes and kinds, experience themes
  besluit_toegang: ['besluit en toegang', 'decision and access'],
  bereikbaarheid: ['bereikbaarheid', 'reachability'],
  bejegening: ['bejegening', 'treatment by staff'],
  uitvoering: ['uitvoering van de hulp', 'delivery of care'],
  anders: ['anders', 'other'],
  klacht: ['klacht', 'complaint'],
  vertrouwenspersoon: ['contact vertrouwenspersoon (AKJ)', 'confidential adviser contact (AKJ)'],
  algemeen: ['algemeen oordeel', 'overall'],
  informatie: ['informatie', 'information'],
  samenwerking: ['samenwerking', 'cooperation'],
  resultaat: ['resultaat', 'result'],
  veiligheid: ['veiligheid', 'safety'],
  begin: ['stand begin', 'stock at start'],
  instroom: ['instroom (nieuw)', 'new inflow'],
  herinstroom: ['herinstroom', 're-entry'],
  uitstroom: ['uitstroom', 'outflow'],
  eind: ['stand eind', 'stock at end'],
  iv3_lasten: ['lasten volgens Iv3', 'burden according to Iv3'],
  declaraties: ['gedeclareerd', 'claimed'],
  betalingen: ['betalingen buiten iJw', 'payments outside iJw'],
  verschil: ['verschil', 'difference'],
  // solidarity_share by post
  aandeel_sleutel: ['aandeel volgens de verdeelsleutel', 'share under the key'],
  volgens_sleutel: ['kosten volgens de verdeelsleutel', 'cost under the key'],
  gerealiseerd: ['gerealiseerde kosten', 'realised cost'],
  verschil_pct: ['verschil in % van het deel volgens de sleutel', 'difference in % of the key\u2019s share'],
  opschaling: ['opschaling (naar zwaardere hulp)', 'step-up (to heavier care)'],
  afschaling: ['afschaling (naar lichtere hulp)', 'step-down (to lighter care)'],
  ja: ['doel bereikt', 'goal attained'],
  nee: ['doel niet bereikt', 'goal not attained'],
  deels: ['doel deels bereikt', 'goal partly attained'],
  onbekend: ['onbekend', 'unknown'],
  // lasting_outcome by term, transition_at_18 by outcome
  '6_maanden': ['binnen 6 maanden geen nieuw traject', 'no new trajectory within 6 months'],
  '12_maanden': ['binnen 12 maanden geen nieuw traject', 'no new trajectory within 12 months'],
  doorloopt: ['hulp loopt door na 18', 'care continues after 18'],
  beeindigd: ['hulp beëindigd, geen nieuwe binnen een jaar', 'care ended, none new within a year'],
  nog_onbekend: ['nog niet bekend', 'not known yet'],
  // youth_segments by group (and by wijk: "<wijk>:<group>")
  geen_hulp: ['geen hulp', 'no help'],
  alleen_basishulp: ['alleen basishulp', 'basic support only'],
  alleen_jeugdhulp: ['alleen jeugdhulp', 'youth care only'],
  basishulp_en_jeugdhulp: ['basishulp én jeugdhulp', 'basic support and youth care'],
  // evaluation_timeliness by stand and by herkomst (issue 21)
  op_tijd: ['op tijd gehouden', 'held on time'],
  te_laat: ['te laat gehouden', 'held late'],
  achterstallig: ['achterstallig (niet gehouden)', 'overdue (not held)'],
  vastgelegd: ['vastgelegd door de gemeente', 'recorded by the gemeente'],
  afgeleid: ['afgeleid uit het ritme', 'derived from the rhythm'],
  'onbekende toewijzing': ['geen toewijzing gevonden', 'no allocation found'],
  'buiten looptijd toewijzing': ['buiten de looptijd van de toewijzing', 'outside the allocation period'],
  basishulp: ['basishulp', 'basic support'],
  ambulant: ['ambulant', 'outpatient'],
  dagbehandeling: ['dagbehandeling', 'day treatment'],
  verblijf: ['verblijf', 'residence'],
  feitelijk: ['feitelijk', 'actual'],
  verwacht: ['verwacht', 'expected'],
  ondergrens: ['ondergrens', 'lower bound'],
  bovengrens: ['bovengrens', 'upper bound'],
};

/** iJw 3.2 messages by their name (the code stays beside it: it is what suppliers and the VNG speak of). */
const MESSAGE_TEXT: Record<string, Pair> = {
  JW301: ['toewijzing', 'allocation'],
  JW305: ['start zorg', 'start of care'],
  JW307: ['stop zorg', 'end of care'],
  JW315: ['verzoek om toewijzing', 'request for allocation'],
  JW317: ['verzoek om wijziging', 'request for change'],
  JW319: ['antwoord op verzoek om wijziging', 'reply to request for change'],
  JW323: ['declaratie', 'claim'],
  JW325: ['declaratie-antwoord', 'claim reply'],
  JW303: ['declaratie/factuur', 'claim/invoice'],
};

function pick(p: Pair, lang: Lang): string {
  return p[lang === 'nl' ? 0 : 1];
}

/** A split's name in words; an unknown split keeps its name with spaces for underscores. */
export function splitLabel(by: string, lang: Lang): string {
  const p = SPLIT_LABELS[by];
  return p ? pick(p, lang) : by.replace(/_/g, ' ');
}

/** An AGB code as users see it when no name is known ("AGB 12345678", never a bare number). */
export function agbLabel(agb: string): string {
  return /^\d{8}$/.test(agb) ? `AGB ${agb}` : agb;
}

/** A provider by name with its AGB code beside it; without a registered name, "AGB 12345678". */
export function providerLabel(agb: string, name: string | null | undefined): string {
  return name ? `${name} (${agbLabel(agb)})` : agbLabel(agb);
}

/**
 * A key of a split by aanbieder in words: the provider by name, with what follows its AGB code when the key has more
 * ("12345678:6_maanden", lasting_outcome), or "geen aanbieder" (a complaint about the gemeente itself).
 */
export function providerKeyLabel(
  key: string,
  names: ReadonlyMap<string, string | null> | null | undefined,
  lang: Lang,
): string {
  const m = /^(\d{8}):(.+)$/.exec(key);
  if (m) return `${providerLabel(m[1]!, names?.get(m[1]!))} — ${keyLabel('statistiek', m[2]!, lang)}`;
  if (key === 'geen_aanbieder') return keyLabel('aanbieder', key, lang);
  return providerLabel(key, names?.get(key));
}

/** A GP practice (AGB, 8 digits) or school (BRIN, 2 digits 2 letters) code said as what it is. */
function referrerCode(code: string): string {
  if (/^\d{8}$/.test(code)) return `AGB ${code}`;
  if (/^\d{2}[A-Z]{2}$/.test(code)) return `BRIN ${code}`;
  return code;
}

/** A product category code with its JZ020 name, e.g. "45 Jeugdhulp ambulant". */
export function productCategoryLabel(code: string): string {
  const name = PRODUCT_CATEGORY_TEXT[code];
  return name ? `${code} ${name}` : code;
}

/** Replaces every code-like token in a composite key (e.g. "zonder intensiteit: met_verblijf"). */
function wordsIn(text: string, lang: Lang): string {
  return text.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (tok) => {
    const p = KEY_TEXT[tok];
    return p ? pick(p, lang) : tok.replace(/_/g, ' ');
  });
}

/** liaison_referral_shift's keys (docs/indicators.md "Verbindingsfuncties"). */
const SHIFT_TEXT: Record<string, Pair> = {
  voor: ['vóór de start', 'before the start'],
  na: ['na de start', 'after the start'],
  verschil: ['verschil (procentpunt)', 'difference (percentage points)'],
};

const YOUTH_GROUP_KEY = /^(.+):(geen_hulp|alleen_basishulp|alleen_jeugdhulp|basishulp_en_jeugdhulp)$/;

/**
 * A key of a split in words. `serverLabel` is the label the API sent (referrers, wijken), which wins
 * when present. Providers become "AGB 12345678", product categories carry their JZ020 name.
 */
export function keyLabel(by: string | null, key: string | null, lang: Lang, serverLabel?: string): string {
  // tranche_ledger and lumpsum_volume: the measure in words (before the server's Dutch label, so English is English)
  if ((by === 'status' || by === 'contract' || by === 'aanbieder') && key !== null) {
    const [measure, value] = key.split('|');
    const m = CONTRACT_MONEY_TEXT[measure!];
    if (m && value === undefined) return pick(m, lang);
    if (m) return `${pick(m, lang)} — ${by === 'aanbieder' ? agbLabel(value!) : value}`;
  }
  // cost_per_youth_by_form: the measure, then the form in words (before the server's Dutch label, as above)
  if (by === 'financieringsvorm' && key !== null && key.includes('|')) {
    const [measure, form] = key.split('|');
    const m = FORM_REACH_TEXT[measure!];
    if (m) return `${pick(m, lang)} — ${keyLabel(by, form!, lang)}`;
  }
  // referrer detail comes as "Huisarts — 12345678": the source has no practice or school names
  if (serverLabel && by === 'verwijzer_detail')
    return wordsIn(
      serverLabel.replace(/ — (\S+)$/, (_m, c: string) => ` — ${referrerCode(c)}`),
      lang,
    );
  // liaison_referral_shift: before, after and the difference, per practice "<AGB>:voor" with its name from the server
  const side = key !== null ? /^(?:(.+):)?(voor|na|verschil)$/.exec(key) : null;
  if (side && (by === 'vindplaats' || by === null)) {
    const words = pick(SHIFT_TEXT[side[2]!]!, lang);
    if (!side[1]) return words;
    return `${serverLabel ?? referrerCode(side[1])} — ${words}`;
  }
  // youth_segments by wijk: "<wijk>:<group>", the wijk by the name the server sent and the group in words
  const group = by === 'wijk' && key !== null ? YOUTH_GROUP_KEY.exec(key) : null;
  if (group) return `${serverLabel ?? keyLabel(by, group[1]!, lang)} — ${keyLabel('groep', group[2]!, lang)}`;
  if (serverLabel) return wordsIn(serverLabel, lang);
  if (key === null) return lang === 'nl' ? 'totaal' : 'total';
  if (by === 'aanbieder' && key === 'geen_aanbieder') return lang === 'nl' ? 'geen aanbieder' : 'no provider';
  if (by === 'aanbieder' && !key.includes(':')) return agbLabel(key);
  if (by === 'financieringsvorm') {
    if (key === 'declaraties') return lang === 'nl' ? 'declaraties (prijs × aantal)' : 'claims (price × units)';
    const f = FINANCING_FORM_TEXT[key];
    if (f) return pick(f, lang);
  }
  if (by === 'bericht' && MESSAGE_TEXT[key]) return `${key} ${pick(MESSAGE_TEXT[key], lang)}`;
  if (by === 'productcategorie') {
    // duration by category has keys "45:mediaan"
    const [cat, stat] = key.split(':');
    return stat ? `${productCategoryLabel(cat!)} — ${keyLabel('statistiek', stat, lang)}` : productCategoryLabel(key);
  }
  // duration by care form has keys "met_verblijf:mediaan", lasting_outcome by provider "12345678:6_maanden"
  const withStat = /^(.+):(mediaan|p75|p90|gemiddelde|6_maanden|12_maanden)$/.exec(key);
  if (withStat) return `${keyLabel(by, withStat[1]!, lang)} — ${keyLabel('statistiek', withStat[2]!, lang)}`;
  if (by === 'aantal_voorzieningen' && /^\d+\+?$/.test(key)) {
    return lang === 'nl'
      ? `${key} ${key === '1' ? 'voorziening' : 'voorzieningen'}`
      : `${key} ${key === '1' ? 'service' : 'services'}`;
  }
  const p = KEY_TEXT[key];
  return p ? pick(p, lang) : wordsIn(key, lang);
}

/** A gemeente, or a regio figure ("regio:DEMO-MW") in words. */
export function gemeenteLabel(code: string, names: Record<string, string>, lang: Lang): string {
  if (names[code]) return names[code];
  if (code.startsWith('regio:')) return `${lang === 'nl' ? 'regio' : 'region'} ${code.slice(6)}`;
  return code;
}

/** Splits a user may not choose on a panel: a drill-down of its own (referrer detail), a list of trajectories. */
export const FIXED_SPLITS: ReadonlySet<string> = new Set(['verwijzer_detail', 'traject']);

/** Splits whose keys are many and unordered (providers, codes): shown as sorted bars, top N plus "overige". */
export const RANKED_SPLITS: ReadonlySet<string> = new Set([
  'aanbieder',
  'productcategorie',
  'productcode',
  'traject',
  'verwijzer_detail',
]);

export function othersLabel(lang: Lang): string {
  return lang === 'nl' ? 'overige' : 'other';
}

/** Who may read an explanation, and what kind of text it is (narratives API). */
export const VISIBILITY_TEXT: Record<string, Pair> = {
  intern: ['intern', 'internal'],
  extern: ['extern', 'external'],
};
export const SOURCE_TEXT: Record<string, Pair> = {
  duiding: ['duiding', 'explanation'],
  client: ['verhaal van een cliënt', 'story of a client'],
  professional: ['verhaal van een professional', 'story of a professional'],
};

/** What a story is about (issue 20, the Vertelpunt): a heading per group on Verhalen, never the stored code. */
export const STORY_SUBJECT_TEXT: Record<string, Pair> = {
  indicator: ['Bij een cijfer', 'About a figure'],
  aanbieder: ['Over een aanbieder', 'About a provider'],
  product: ['Over een product', 'About a product'],
  thema: ['Over een thema', 'About a theme'],
};
/** Themes offered when writing a story (the seeds' words); any other theme may be written. */
export const SUGGESTED_THEMES: readonly string[] = [
  'wachttijd',
  'bejegening',
  'samenwerking',
  'overgang naar 18+',
  'thuis en gezin',
  'school',
  'toegang',
  'veiligheid',
];

/** Copy of BUDGET_SOURCE_LABELS in src/domain/pilots.ts, Dutch first (checked by src/domain/webLabels.test.ts). */
export const BUDGET_SOURCE_TEXT: Record<string, Pair> = {
  innovatie: ['innovatiebudget', 'innovation budget'],
  maatwerk: ['maatwerkbudget', 'tailored-care budget'],
  subsidie: ['subsidie', 'subsidy'],
  transformatie: ['transformatiefonds', 'transformation fund'],
  regulier: ['reguliere begroting', 'regular budget'],
  rijksmiddelen: ['rijksmiddelen (bijvoorbeeld Hervormingsagenda)', 'central-government funds (e.g. Reform Agenda)'],
  overig: ['overig', 'other'],
};

/** Copy of EVALUATION_OUTCOME_LABELS in src/domain/pilots.ts (checked by src/domain/webLabels.test.ts). */
export const EVALUATION_OUTCOME_TEXT: Record<string, Pair> = {
  doorgaan: ['doorgaan', 'continue'],
  structureel_maken: ['structureel maken', 'make structural'],
  bijstellen: ['bijstellen', 'adjust'],
  stoppen: ['stoppen', 'stop'],
};

/** Where a pilot stands on the day (indicators/pilots.ts): running is shown as on track or not. */
export const PILOT_PHASE_TEXT: Record<string, Pair> = {
  gepland: ['nog niet gestart', 'not started yet'],
  afgelopen: ['afgelopen', 'ended'],
  gestopt: ['gestopt na evaluatie', 'stopped after evaluation'],
  op_koers: ['op koers', 'on track'],
  niet_op_koers: ['niet op koers', 'not on track'],
};

/**
 * English words of the sociale kaart's themes (src/domain/socialMap.ts SOCIAL_THEMES; the API sends the Dutch ones):
 * src/domain/webLabels.test.ts checks that every theme has one.
 */
export const SOCIAL_THEME_EN: Record<string, string> = {
  opvoeden: 'parenting and growing up',
  ontwikkeling: 'development (language, motor skills, behaviour)',
  school: 'school and learning',
  psychisch_welzijn: 'mental well-being',
  gezin_en_relaties: 'family, divorce and relationships',
  veiligheid: 'safety at home',
  verslaving: 'alcohol, drugs and gaming',
  gezondheid: 'health and lifestyle',
  beperking: 'living with a disability',
  vrije_tijd: 'leisure and taking part',
  geldzaken: 'money matters and poverty',
  mantelzorg: 'young carers',
};
