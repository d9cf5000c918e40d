/**
 * The demo's sociale kaart (issue 21): about 60 offers of preventive help that needs no decision, spread over the
 * demo gemeenten and their wijken (aanbod.csv, imported by the demo load like a gemeente's own file). Invented
 * organisations with example.nl websites and general numbers; a few offers ended, so the page shows what ending
 * does. Drawn from a hash of what each offer is about, never from the demo's seeded stream: no other demo figure
 * changes.
 */
import { join } from 'node:path';
import { CsvWriter } from './csvWriter.js';
import { hash32 } from './random.js';
import { addDays } from '../domain/dates.js';
import type { DemoGemeente } from './region.js';
import { AANBOD_COLUMNS } from '../ingest/csv/socialMapTypes.js';
import type { SocialTheme } from '../domain/socialMap.js';

interface Template {
  readonly organisation: string;
  readonly name: string;
  readonly targetGroup: string;
  readonly description: string;
  readonly ages: readonly [number, number];
  readonly themes: readonly SocialTheme[];
  readonly open: boolean;
  /** in a wijk (true) or for the whole gemeente */
  readonly local: boolean;
}

const TEMPLATES: readonly Template[] = [
  {
    organisation: 'Centrum voor Jeugd en Gezin',
    name: 'Opvoedspreekuur',
    targetGroup: 'ouders en verzorgers',
    description: 'Vragen over slapen, eten, driftbuien of grenzen stellen, zonder afspraak.',
    ages: [0, 12],
    themes: ['opvoeden'],
    open: true,
    local: true,
  },
  {
    organisation: 'Centrum voor Jeugd en Gezin',
    name: 'Cursus Positief Opvoeden (Triple P)',
    targetGroup: 'ouders',
    description: 'Groepscursus van vier bijeenkomsten.',
    ages: [2, 12],
    themes: ['opvoeden', 'gezin_en_relaties'],
    open: true,
    local: false,
  },
  {
    organisation: 'Jeugdgezondheidszorg',
    name: 'Consultatiebureau',
    targetGroup: 'ouders van baby’s en peuters',
    description: 'Groei, ontwikkeling en vaccinaties.',
    ages: [0, 4],
    themes: ['ontwikkeling', 'gezondheid'],
    open: true,
    local: true,
  },
  {
    organisation: 'Logopediepraktijk De Klank',
    name: 'Taalspreekuur voor peuters',
    targetGroup: 'peuters met een taalachterstand',
    description: 'Een eerste advies over praten en begrijpen.',
    ages: [2, 6],
    themes: ['ontwikkeling'],
    open: true,
    local: false,
  },
  {
    organisation: 'Bibliotheek',
    name: 'Huiswerkklas',
    targetGroup: 'scholieren',
    description: 'Hulp bij plannen en huiswerk, twee middagen per week.',
    ages: [10, 16],
    themes: ['school'],
    open: true,
    local: true,
  },
  {
    organisation: 'Stichting Leerwerk',
    name: 'Schoolmaatjes',
    targetGroup: 'leerlingen die dreigen uit te vallen',
    description: 'Een vrijwillige maatje voor een schooljaar.',
    ages: [11, 18],
    themes: ['school', 'psychisch_welzijn'],
    open: false,
    local: false,
  },
  {
    organisation: 'Jongerenwerk',
    name: 'Inloop jongerencentrum',
    targetGroup: 'jongeren',
    description: 'Ontmoeten, praten met een jongerenwerker, activiteiten.',
    ages: [12, 23],
    themes: ['vrije_tijd', 'psychisch_welzijn'],
    open: true,
    local: true,
  },
  {
    organisation: 'Jongerenwerk',
    name: 'Weerbaarheidstraining',
    targetGroup: 'jongeren die gepest worden',
    description: 'Acht lessen in groepjes.',
    ages: [10, 16],
    themes: ['veiligheid', 'psychisch_welzijn'],
    open: true,
    local: false,
  },
  {
    organisation: 'Welzijnsstichting',
    name: 'Gezinscoach (lichte ondersteuning)',
    targetGroup: 'gezinnen met meerdere vragen',
    description: 'Kortdurend meedenken thuis, zonder indicatie.',
    ages: [0, 18],
    themes: ['opvoeden', 'gezin_en_relaties'],
    open: false,
    local: true,
  },
  {
    organisation: 'Welzijnsstichting',
    name: 'Kinderen uit de knel',
    targetGroup: 'kinderen van gescheiden ouders',
    description: 'Groep voor kinderen en een traject voor ouders.',
    ages: [6, 14],
    themes: ['gezin_en_relaties'],
    open: true,
    local: false,
  },
  {
    organisation: 'Stichting Praatpunt',
    name: 'Chat en luisterlijn',
    targetGroup: 'jongeren met zorgen',
    description: 'Anoniem praten met een getrainde vrijwilliger.',
    ages: [12, 23],
    themes: ['psychisch_welzijn'],
    open: true,
    local: false,
  },
  {
    organisation: 'GGD',
    name: 'Mentaal fit op school',
    targetGroup: 'klassen in het voortgezet onderwijs',
    description: 'Voorlichting en een spreekuur op school.',
    ages: [12, 18],
    themes: ['psychisch_welzijn', 'school'],
    open: true,
    local: false,
  },
  {
    organisation: 'Verslavingspreventie',
    name: 'Spreekuur alcohol, drugs en gamen',
    targetGroup: 'jongeren en hun ouders',
    description: 'Een gesprek over gebruik, zonder oordeel.',
    ages: [12, 23],
    themes: ['verslaving'],
    open: true,
    local: false,
  },
  {
    organisation: 'Sportbedrijf',
    name: 'Buurtsportcoach',
    targetGroup: 'kinderen die niet sporten',
    description: 'Kennismaken met sport in de wijk.',
    ages: [4, 18],
    themes: ['vrije_tijd', 'gezondheid'],
    open: true,
    local: true,
  },
  {
    organisation: 'Jeugdfonds Sport en Cultuur',
    name: 'Contributie en lesgeld',
    targetGroup: 'gezinnen met een laag inkomen',
    description: 'Vergoeding van sportclub of muziekles.',
    ages: [4, 18],
    themes: ['geldzaken', 'vrije_tijd'],
    open: false,
    local: false,
  },
  {
    organisation: 'Schuldhulp',
    name: 'Geldzorgen-spreekuur',
    targetGroup: 'ouders met geldzorgen',
    description: 'Samen de post en de rekeningen op orde.',
    ages: [0, 23],
    themes: ['geldzaken'],
    open: true,
    local: true,
  },
  {
    organisation: 'Mantelzorgsteunpunt',
    name: 'Jonge mantelzorgers',
    targetGroup: 'kinderen die thuis zorgen',
    description: 'Lotgenoten, uitjes en een luisterend oor.',
    ages: [8, 23],
    themes: ['mantelzorg'],
    open: true,
    local: false,
  },
  {
    organisation: 'MEE',
    name: 'Cliëntondersteuning',
    targetGroup: 'gezinnen met een kind met een beperking',
    description: 'Onafhankelijk advies over wat er mogelijk is.',
    ages: [0, 23],
    themes: ['beperking'],
    open: true,
    local: false,
  },
  {
    organisation: 'Veilig Thuis-preventie',
    name: 'Voorlichting huiselijk geweld',
    targetGroup: 'ouders en professionals',
    description: 'Signalen herkennen en wat je kunt doen.',
    ages: [0, 18],
    themes: ['veiligheid', 'gezin_en_relaties'],
    open: true,
    local: false,
  },
  {
    organisation: 'Speel-o-theek',
    name: 'Spelinloop voor ouder en kind',
    targetGroup: 'ouders met jonge kinderen',
    description: 'Samen spelen en andere ouders ontmoeten.',
    ages: [0, 6],
    themes: ['ontwikkeling', 'opvoeden'],
    open: true,
    local: true,
  },
];

/** Offers per gemeente: by size, 6 to 12 (62 over the demo region). */
const perGemeente = (g: DemoGemeente): number => Math.max(6, Math.min(12, Math.round(g.inhabitants / 12_000)));

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export async function writeDemoSocialMap(
  outDir: string,
  gemeenten: ReadonlyArray<DemoGemeente & { wijken: ReadonlyArray<{ name: string }> }>,
  windowStart: string,
  windowEnd: string,
): Promise<Record<string, { path: string; rows: number }>> {
  const path = join(outDir, 'aanbod.csv');
  const w = new CsvWriter(path, AANBOD_COLUMNS);
  for (const g of gemeenten) {
    const n = perGemeente(g);
    const first = hash32(`aanbod|${g.code}`) % TEMPLATES.length;
    for (let i = 0; i < n; i++) {
      // every gemeente gets n different templates, starting somewhere of its own
      const t = TEMPLATES[(first + i * 7) % TEMPLATES.length]!;
      const h = hash32(`aanbod|${g.code}|${i}`);
      const wijk = t.local && g.wijken.length > 0 ? g.wijken[h % g.wijken.length]!.name : '';
      const org = `${t.organisation} ${g.name}`;
      const site = `https://www.${slug(t.organisation)}-${slug(g.name)}.example.nl`;
      // a general number of the organisation: a fixed line with the demo's own area code (never an 06)
      const phone =
        h % 3 === 0 ? '' : `0${10 + (hash32(g.code) % 50)}-${String(1_000_000 + (h % 8_999_999)).slice(0, 7)}`;
      const email = h % 2 === 0 ? `info@${slug(t.organisation)}-${slug(g.name)}.example.nl` : '';
      // one offer in eight ended during the data's window: the page and its export leave it out
      const ended = h % 8 === 5;
      await w.row([
        `${g.code}-${String(i + 1).padStart(2, '0')}`,
        g.code,
        org,
        t.name,
        t.targetGroup,
        t.description,
        t.ages[0],
        t.ages[1],
        t.themes.join('|'),
        wijk,
        t.open ? 'ja' : 'nee',
        site,
        phone,
        email,
        windowStart,
        ended ? addDays(windowEnd, -90) : '',
      ]);
    }
  }
  await w.close();
  return { aanbod: { path, rows: w.rows } };
}
