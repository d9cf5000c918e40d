/** Interface texts in Dutch (default) and English. Figures' names and definitions come from the API. */
import { createContext, useContext } from 'react';
import type { Lang } from './format.js';

const TEXTS = {
  appTitle: ['Zicht', 'Zicht'],
  appSubtitle: ['stuurinformatie jeugdhulp', 'steering information for youth care'],
  skip: ['Naar de inhoud', 'Skip to content'],
  demoBanner: [
    'Demogegevens: fictieve gemeenten, geen echte cijfers.',
    'Demo data: fictional municipalities, not real figures.',
  ],
  login: ['Inloggen', 'Log in'],
  logout: ['Uitloggen', 'Log out'],
  username: ['Gebruikersnaam', 'User name'],
  password: ['Wachtwoord', 'Password'],
  code: ['Code uit de authenticator-app (6 cijfers)', 'Code from the authenticator app (6 digits)'],
  codeNeeded: [
    'Alleen voor rollen die persoonsgegevens zien; vraagt uw account geen code, laat dit veld dan leeg.',
    'Only for roles that see personal data; if your account asks for no code, leave this field empty.',
  ],
  gemeente: ['Gemeente', 'Municipality'],
  allGemeenten: ['Alle gemeenten in mijn scope', 'All municipalities in my scope'],
  period: ['Periode', 'Period'],
  selectHint: [
    'Kies met de pijltjestoetsen en bevestig met Enter.',
    'Choose with the arrow keys and confirm with Enter.',
  ],
  split: ['Splitsing', 'Split by'],
  noSplit: ['Geen (totaal)', 'None (total)'],
  chart: ['Grafiek', 'Chart'],
  table: ['Tabel', 'Table'],
  definition: ['Definitie', 'Definition'],
  trust: ['Betrouwbaarheid', 'Reliability'],
  sources: ['Bronnen', 'Sources'],
  downloadCsv: ['Download de gegevens (CSV)', 'Download the data (CSV)'],
  loading: ['Bezig met laden …', 'Loading …'],
  noData: ['Geen gegevens voor deze selectie.', 'No data for this selection.'],
  value: ['Waarde', 'Value'],
  numerator: ['Teller', 'Numerator'],
  denominator: ['Noemer', 'Denominator'],
  flags: ['Kanttekeningen', 'Caveats'],
  explanations: ['Duiding en verhalen', 'Explanations and stories'],
  addExplanation: ['Duiding toevoegen', 'Add explanation'],
  explanationText: ['Tekst van de duiding', 'Text of the explanation'],
  visibility: ['Zichtbaarheid', 'Visibility'],
  intern: ['Intern (alleen voor wie persoonsgegevens of detailcijfers mag zien)', 'Internal'],
  extern: ['Extern (ook bestuur en aanbieders; geen persoonsgegevens)', 'External (no personal data)'],
  save: ['Opslaan', 'Save'],
  cancel: ['Annuleren', 'Cancel'],
  saved: ['Opgeslagen.', 'Saved.'],
  writtenAbout: ['geschreven bij de waarde', 'written about the value'],
  noExplanations: ['Nog geen duiding bij dit cijfer.', 'No explanation yet.'],
  source: ['Soort', 'Kind'],
  consent: [
    'De verteller heeft toestemming gegeven om dit verhaal te bewaren',
    'The storyteller consented to keeping this story',
  ],
  language: ['English', 'Nederlands'],
  languageLabel: ['Switch to English', 'Schakel naar Nederlands'],
  outlier: ['opvallend hoog', 'notably high'],
  drillDown: ['Bekijk per huisarts, school en andere verwijzer', 'Show per GP practice, school and other referrer'],
  back: ['Terug', 'Back'],
  search: ['Zoeken', 'Search'],
  upload: ['Bestand inlezen', 'Import a file'],
  chooseFile: ['Kies een CSV- of Excel-bestand', 'Choose a CSV or Excel file'],
  acceptValid: ['Goede regels inlezen, foute regels in quarantaine', 'Import valid rows, quarantine the rest'],
  uploading: ['Uploaden', 'Uploading'],
  checking: ['Bestand wordt gecontroleerd en ingelezen …', 'Checking and importing the file …'],
  suppressedNote: [
    'Onthullingsbeheersing: aantallen afgerond op 5, cellen onder 10 als "<10", percentages op één decimaal uit de afgeronde aantallen, zonder teller en noemer.',
    'Disclosure control: counts rounded to 5, cells below 10 shown as "<10", percentages at one decimal from the rounded counts, without numerator and denominator.',
  ],
} as const;

export type TextKey = keyof typeof TEXTS;
export const LangContext = createContext<Lang>('nl');

export function text(lang: Lang, k: TextKey): string {
  return TEXTS[k][lang === 'nl' ? 0 : 1];
}

export function useT(): (k: TextKey) => string {
  const lang = useContext(LangContext);
  return (k) => text(lang, k);
}

export const FLAG_TEXT: Record<string, [string, string]> = {
  einde_uit_toewijzing: [
    'einde uit de toewijzing (stopbericht ontbreekt)',
    'end from the allocation (stop message missing)',
  ],
  gebaseerd_op_toewijzingsdatums: [
    'begin/einde uit de toewijzing (start- of stopbericht ontbreekt)',
    'start/end from the allocation (start or stop message missing)',
  ],
  periode_niet_compleet: ['periode loopt voorbij de laatste gegevens', 'period runs past the latest data'],
  declaraties_onvolledig: [
    'declaraties nog niet compleet (ze komen na afloop van de maand binnen)',
    'claims not complete yet (they arrive after the month)',
  ],
  declaraties_deels: [
    'declaraties pas vanaf een latere maand: het bedrag dekt de periode maar voor een deel',
    'claims only from a later month: the amount covers part of the period',
  ],
  weinig_waarnemingen: ['weinig waarnemingen', 'few observations'],
  lage_respons: [
    'lage respons: minder dan 30 antwoorden of minder dan 20%',
    'low response: fewer than 30 responses or below 20%',
  ],
  vervolg_onvolledig: [
    'vervolgtermijn nog niet voorbij: wie die termijn nog niet heeft, telt niet mee of is nog onbekend',
    'follow-up not over yet: those without it are left out or not known yet',
  ],
  geen_noemer: ['noemer ontbreekt', 'denominator missing'],
  venster_te_kort: [
    'minder dan 3 maanden sinds de start van de functie: voor en na zijn nog niet te vergelijken',
    'under 3 months since the position started: before and after cannot be compared yet',
  ],
  bevolking_te_klein: [
    'bevolking kleiner dan het aantal jeugdigen met hulp: geen hulp is niet bekend',
    'population smaller than the youths helped: no help is not known',
  ],
  geen_basishulp: [
    'geen basishulp ingelezen voor deze gemeente: het bereik is niet bekend',
    'no basic support loaded for this gemeente: the reach is not known',
  ],
  onderdrukt: ['onderdrukt (minder dan 10)', 'suppressed (fewer than 10)'],
  afgerond: ['afgerond op 5', 'rounded to 5'],
  cbs_voorlopig: ['CBS-cijfer voorlopig', 'CBS figure preliminary'],
  lasten_uit_begroting: [
    'lasten uit de begroting (jaarrekening ontbreekt nog)',
    'burden from the budget (accounts not yet available)',
  ],
  som_van_gemeenten: [
    'opgeteld over de gemeenten (een jeugdige in twee gemeenten telt twee keer)',
    'summed over the gemeenten (a youth in two counts twice)',
  ],
  niet_optelbaar: [
    'niet op te tellen over gemeenten (mediaan, score of model)',
    'cannot be combined over gemeenten (median, score or model)',
  ],
  boven_solidariteitsdrempel: [
    'gerealiseerde kosten boven de solidariteitsdrempel van de regio',
    'realised cost above the region\u2019s solidarity trigger',
  ],
  alleen_per_halfjaar: [
    'CBS meet dit per halfjaar: kies een halfjaar',
    'CBS measures this per half-year: choose a half-year',
  ],
  niet_alle_gemeenten: [
    'gepoold over de gemeenten met een cijfer (zie dekking)',
    'pooled over the gemeenten with a figure (see coverage)',
  ],
  cbs_landelijk_cijfer: ['landelijk cijfer van CBS (NL01)', 'national figure of CBS (NL01)'],
  ...Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => 2015 + i).map((y) => [
      `cbs_jaar_${y}`,
      [
        `CBS-jaarcijfer van ${y} (het gevraagde jaar is nog niet gepubliceerd; voor alle gemeenten)`,
        `CBS yearly figure of ${y} (the year asked for is not yet published; for all gemeenten)`,
      ],
    ]),
  ),
};
