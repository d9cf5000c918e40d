/**
 * zicht sociale-kaart (issue 21): the offers of the sociale kaart, listed with the filters of the page (list), or one
 * gemeente's public export as on /sociale-kaart/{gemeente} (export: offers valid today, public fields, CSV or Excel
 * by the file's extension). Offers come in with `zicht import aanbod.csv` like every canonical CSV.
 */
import { writeFileSync } from 'node:fs';
import { gemeenteName, listOffers, publicOf, socialMapCsv, socialMapXlsx } from '../../app/socialMap.js';
import { dutchToday, isIsoDate } from '../../domain/dates.js';
import { UserError } from '../../domain/errors.js';
import { SOCIAL_THEME_LABELS, readTheme } from '../../domain/socialMap.js';
import { withScope } from '../../store/sql.js';
import { open, type Config } from '../config.js';
import { table } from '../format.js';
import { defineCommand } from '../options.js';

export interface SocialMapFlags {
  gemeente?: string | undefined;
  thema?: string | undefined;
  wijk?: string | undefined;
  leeftijd?: string | undefined;
  zoek?: string | undefined;
  vrij?: string | undefined;
  op?: string | undefined;
  out?: string | undefined;
  headers?: string | undefined;
  json?: boolean | undefined;
}

const USAGE =
  'Gebruik / usage: zicht sociale-kaart list [--gemeente <code,…>] [--thema t] [--wijk w] [--leeftijd n] ' +
  '[--zoek woorden] [--vrij ja|nee] [--op JJJJ-MM-DD] [--json] | export --gemeente <code> --out <bestand.csv|.xlsx> [--headers en]';

const usage = (why: string) => new UserError('gebruik', { nl: `${why}\n${USAGE}` });

export async function socialMapCommand(cfg: Config, args: string[], flags: SocialMapFlags): Promise<number> {
  const [sub] = args;
  if (sub !== 'list' && sub !== 'export') throw usage('Kies list of export.');
  const gemeenten = (flags.gemeente ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .map((g) => g.replace(/^GM/i, '').padStart(4, '0'));
  if (gemeenten.some((g) => !/^\d{4}$/.test(g)))
    throw usage(`--gemeente: viercijferige codes, niet "${flags.gemeente}"`);
  const theme = flags.thema === undefined ? undefined : readTheme(flags.thema);
  if (theme === null)
    throw usage(`--thema: onbekend thema "${flags.thema}"; kies uit ${Object.keys(SOCIAL_THEME_LABELS).join(', ')}`);
  const age = flags.leeftijd === undefined ? undefined : Number(flags.leeftijd);
  if (age !== undefined && !(Number.isInteger(age) && age >= 0 && age <= 27))
    throw usage(`--leeftijd: een heel getal van 0 tot en met 27, niet "${flags.leeftijd}"`);
  if (flags.vrij !== undefined && flags.vrij !== 'ja' && flags.vrij !== 'nee') throw usage('--vrij: ja of nee');
  if (flags.op !== undefined && !isIsoDate(flags.op)) throw usage(`--op: een dag als JJJJ-MM-DD, niet "${flags.op}"`);
  if (flags.headers !== undefined && flags.headers !== 'nl' && flags.headers !== 'en')
    throw usage('--headers: nl of en');
  const filter = {
    text: flags.zoek,
    theme,
    area: flags.wijk,
    age,
    openAccess: flags.vrij === undefined ? undefined : flags.vrij === 'ja',
  };
  const store = await open(cfg);
  try {
    if (sub === 'export') {
      if (gemeenten.length !== 1 || !flags.out) throw usage('export: één --gemeente en --out.');
      const code = gemeenten[0]!;
      const today = dutchToday();
      // the public export: what /sociale-kaart/{gemeente} shows today, read in that gemeente's scope alone
      const found = await withScope(store, { gemeenten: [code] }, async (tx) => {
        const name = await gemeenteName(tx, code);
        return name === null
          ? null
          : { name, offers: (await listOffers(tx, { gemeenten: [code], ...filter, validOn: today })).map(publicOf) };
      });
      if (!found) throw new UserError('geen_sociale_kaart');
      if (/\.xlsx$/i.test(flags.out)) writeFileSync(flags.out, await socialMapXlsx(found.offers, found.name));
      else writeFileSync(flags.out, socialMapCsv(found.offers, found.name, flags.headers === 'en' ? 'en' : 'nl'));
      console.log(`${found.offers.length} aanbod van ${found.name} (geldig op ${today}) geschreven naar ${flags.out}`);
      return 0;
    }
    const all =
      gemeenten.length > 0
        ? gemeenten
        : (await store.query<{ code: string }>('SELECT code FROM gemeente ORDER BY code')).map((g) => g.code);
    const offers = await withScope(store, { gemeenten: '*' }, (tx) =>
      listOffers(tx, { gemeenten: all, ...filter, validOn: flags.op }),
    );
    if (flags.json) {
      console.log(JSON.stringify(offers, null, 2));
      return 0;
    }
    console.log(
      table(
        ['gemeente', 'aanbod', 'naam', 'organisatie', 'leeftijd', 'thema’s', 'wijk', 'vrij', 'geldig'],
        offers.map((o) => [
          o.gemeente,
          o.id,
          o.name,
          o.organisation,
          `${o.ageFrom}–${o.ageTo}`,
          o.themes.join(', '),
          o.area || 'hele gemeente',
          o.openAccess ? 'ja' : 'nee',
          `${o.validFrom} – ${o.validTo ?? ''}`,
        ]),
      ),
    );
    console.log(`${offers.length} aanbod`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `zicht sociale-kaart`: its help, its options and what runs it (the registry is commands/index.ts). */
export const socialMapSpec = defineCommand({
  name: 'sociale-kaart',
  help: [
    'beschikkingsvrij aanbod (inlezen: zicht import aanbod.csv): list [--gemeente …] [--thema …] [--wijk …]',
    '[--leeftijd n] [--zoek …] [--vrij ja|nee] [--op JJJJ-MM-DD] [--json]',
    'export --gemeente <code> --out <bestand.csv|.xlsx> [--headers en]: de openbare lijst van vandaag',
  ],
  options: {
    gemeente: { type: 'string', value: '<code,…>', nl: 'gemeenten', en: 'municipalities' },
    thema: { type: 'string', value: '<thema>', nl: 'alleen dit thema', en: 'only this theme' },
    wijk: {
      type: 'string',
      value: '<wijk>',
      nl: 'alleen deze wijk of kern (en de hele gemeente)',
      en: 'only this area',
    },
    leeftijd: { type: 'string', value: '<n>', nl: 'aanbod voor deze leeftijd', en: 'offers for this age' },
    zoek: { type: 'string', value: '<woorden>', nl: 'zoekwoorden', en: 'search words' },
    vrij: { type: 'string', value: 'ja|nee', nl: 'vrij toegankelijk', en: 'freely accessible' },
    op: { type: 'string', value: '<JJJJ-MM-DD>', nl: 'geldig op deze dag', en: 'valid on this day' },
    out: { type: 'string', value: '<bestand>', nl: 'exportbestand (.csv of .xlsx)', en: 'export file (.csv or .xlsx)' },
    headers: { type: 'string', value: 'nl|en', nl: 'export: kolomnamen', en: 'export: headers' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, p, f) => socialMapCommand(cfg, p, f),
});
