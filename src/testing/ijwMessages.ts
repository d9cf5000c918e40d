/**
 * iJw 3.2 messages for the as-of tests (reports/asOfVersions.test.ts, reports/asOfSent.test.ts): one gemeente, one
 * provider, youths numbered from 700 (testBsn), each message with its own Dagtekening.
 */
import { testBsn } from './fixtures.js';

export const G = '0363';
export const A = '65656055';

export interface Msg {
  readonly dag: string;
  readonly xml: string;
}

function message(m: string, code: string, from: string, to: string, dag: string, n: number, body: string): Msg {
  const bsn = testBsn(700 + n);
  const naam =
    m === 'jw301'
      ? '<ijw:Voorletters>T</ijw:Voorletters><ijw:NaamGebruik>1</ijw:NaamGebruik>'
      : '<ijw:Voorletters>T</ijw:Voorletters>';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<${m}:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:${m}="http://www.istandaarden.nl/ijw/3_2/${m}/schema">
<${m}:Header><${m}:BerichtCode>${code}</${m}:BerichtCode><${m}:BerichtVersie>3</${m}:BerichtVersie><${m}:BerichtSubversie>2</${m}:BerichtSubversie>
<${m}:Afzender>${from}</${m}:Afzender><${m}:Ontvanger>${to}</${m}:Ontvanger>
<${m}:BerichtIdentificatie><ijw:Identificatie>ID${String(++seq).padStart(10, '0')}</ijw:Identificatie><ijw:Dagtekening>${dag}</ijw:Dagtekening></${m}:BerichtIdentificatie>
<${m}:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></${m}:XsdVersie></${m}:Header>
<${m}:Client><${m}:Bsn>${bsn}</${m}:Bsn><${m}:Geboortedatum><ijw:Datum>2012-03-01</ijw:Datum></${m}:Geboortedatum><${m}:Geslacht>1</${m}:Geslacht>
<${m}:Naam><ijw:Geslachtsnaam><ijw:Achternaam>Test</ijw:Achternaam></ijw:Geslachtsnaam>${naam}</${m}:Naam>
${body}</${m}:Client>
</${m}:Bericht>
`;
  return { dag, xml };
}
let seq = 0;

/** A JW301 from the gemeente: allocation `nr` of youth `n`, dated `td`, sent on `dag` (default: `td`). */
export const jw301 = (
  n: number,
  nr: string,
  td: string,
  ing: string,
  eind: string | null,
  reden?: string,
  dag = td,
): Msg =>
  message(
    'jw301',
    '436',
    G,
    A,
    dag,
    n,
    `<jw301:JuridischeStatus>01</jw301:JuridischeStatus><jw301:Contactgegevens><jw301:Contact><jw301:Soort>01</jw301:Soort><jw301:Adres><ijw:Huis><ijw:Huisnummer>1</ijw:Huisnummer></ijw:Huis><ijw:Postcode>1011AB</ijw:Postcode><ijw:Straatnaam>Dam</ijw:Straatnaam><ijw:Plaatsnaam>Amsterdam</ijw:Plaatsnaam><ijw:LandCode>NL</ijw:LandCode></jw301:Adres></jw301:Contact></jw301:Contactgegevens><jw301:ToegewezenProducten><jw301:ToegewezenProduct><jw301:ToewijzingNummer>${nr}</jw301:ToewijzingNummer>
<jw301:Product><ijw:Categorie>45</ijw:Categorie></jw301:Product><jw301:Toewijzingsdatum>${td}</jw301:Toewijzingsdatum><jw301:Toewijzingstijd>10:00:00</jw301:Toewijzingstijd>
<jw301:Ingangsdatum>${ing}</jw301:Ingangsdatum>${eind ? `<jw301:Einddatum>${eind}</jw301:Einddatum>` : ''}${reden ? `<jw301:RedenWijziging>${reden}</jw301:RedenWijziging>` : ''}</jw301:ToegewezenProduct></jw301:ToegewezenProducten>`,
  );

/** A JW305 from the provider, sent on `dag`. */
export const jw305 = (dag: string, n: number, nr: string, ing: string, begin: string, status = '1'): Msg =>
  message(
    'jw305',
    '438',
    A,
    G,
    dag,
    n,
    `<jw305:StartProducten><jw305:StartProduct><jw305:ToewijzingNummer>${nr}</jw305:ToewijzingNummer><jw305:Product><ijw:Categorie>45</ijw:Categorie></jw305:Product>
<jw305:ToewijzingIngangsdatum>${ing}</jw305:ToewijzingIngangsdatum><jw305:Begindatum>${begin}</jw305:Begindatum><jw305:StatusAanlevering>${status}</jw305:StatusAanlevering></jw305:StartProduct></jw305:StartProducten>`,
  );

/** A JW307 from the provider, sent on `dag`. */
export const jw307 = (dag: string, n: number, nr: string, ing: string, begin: string, eind: string): Msg =>
  message(
    'jw307',
    '440',
    A,
    G,
    dag,
    n,
    `<jw307:StopProducten><jw307:StopProduct><jw307:ToewijzingNummer>${nr}</jw307:ToewijzingNummer><jw307:Product><ijw:Categorie>45</ijw:Categorie></jw307:Product>
<jw307:ToewijzingIngangsdatum>${ing}</jw307:ToewijzingIngangsdatum><jw307:Begindatum>${begin}</jw307:Begindatum><jw307:RedenBeeindiging>31</jw307:RedenBeeindiging><jw307:Einddatum>${eind}</jw307:Einddatum><jw307:StatusAanlevering>1</jw307:StatusAanlevering></jw307:StopProduct></jw307:StopProducten>`,
  );

/** A JW323 from the provider, sent on `dag`: one line for allocation `nr` of youth `n`, `cents` over [begin, end]. */
export const jw323 = (
  dag: string,
  n: number,
  nr: string,
  ref: string,
  begin: string,
  end: string,
  cents: number,
): Msg => ({
  dag,
  xml: `<?xml version="1.0" encoding="UTF-8"?>
<jw323:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw323="http://www.istandaarden.nl/ijw/3_2/jw323/schema">
<jw323:Header><jw323:BerichtCode>490</jw323:BerichtCode><jw323:BerichtVersie>3</jw323:BerichtVersie><jw323:BerichtSubversie>2</jw323:BerichtSubversie>
<jw323:Afzender>${A}</jw323:Afzender><jw323:Ontvanger>${G}</jw323:Ontvanger>
<jw323:BerichtIdentificatie><ijw:Identificatie>ID${String(++seq).padStart(10, '0')}</ijw:Identificatie><ijw:Dagtekening>${dag}</ijw:Dagtekening></jw323:BerichtIdentificatie>
<jw323:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw323:XsdVersie></jw323:Header>
<jw323:Declaratie><jw323:DeclaratieNummer>D${ref}</jw323:DeclaratieNummer>
<jw323:DeclaratiePeriode><ijw:Begindatum>${begin}</ijw:Begindatum><ijw:Einddatum>${end}</ijw:Einddatum></jw323:DeclaratiePeriode>
<jw323:DeclaratieDagtekening>${dag}</jw323:DeclaratieDagtekening>
<jw323:TotaalIngediendBedrag><ijw:TotaalBedrag>${cents}</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit></jw323:TotaalIngediendBedrag>
<jw323:Clienten><jw323:Client><jw323:Bsn>${testBsn(700 + n)}</jw323:Bsn><jw323:Prestaties><jw323:Prestatie>
<jw323:ProductReferentie><ijw:ReferentieNummer>${ref}</ijw:ReferentieNummer></jw323:ProductReferentie>
<jw323:ToewijzingNummer>${nr}</jw323:ToewijzingNummer><jw323:ProductCategorie>45</jw323:ProductCategorie><jw323:ProductCode>45A03</jw323:ProductCode>
<jw323:ProductPeriode><ijw:Begindatum>${begin}</ijw:Begindatum><ijw:Einddatum>${end}</ijw:Einddatum></jw323:ProductPeriode>
<jw323:GeleverdVolume>1</jw323:GeleverdVolume><jw323:Eenheid>04</jw323:Eenheid><jw323:ProductTarief>${cents}</jw323:ProductTarief>
<jw323:IngediendBedrag><ijw:Bedrag>${cents}</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></jw323:IngediendBedrag>
</jw323:Prestatie></jw323:Prestaties></jw323:Client></jw323:Clienten></jw323:Declaratie>
</jw323:Bericht>
`,
});

/** A JW325 from the gemeente, sent on `dag`: the answer to declaration D`ref`, its one line rejected or accepted. */
export const jw325 = (
  dag: string,
  n: number,
  nr: string,
  ref: string,
  begin: string,
  end: string,
  cents: number,
  rejected: boolean,
): Msg => {
  const prestatie = `<jw325:Prestatie><jw325:ProductReferentie><ijw:ReferentieNummer>${ref}</ijw:ReferentieNummer></jw325:ProductReferentie>
<jw325:ToewijzingNummer>${nr}</jw325:ToewijzingNummer><jw325:ProductCategorie>45</jw325:ProductCategorie><jw325:ProductCode>45A03</jw325:ProductCode>
<jw325:ProductPeriode><ijw:Begindatum>${begin}</ijw:Begindatum><ijw:Einddatum>${end}</ijw:Einddatum></jw325:ProductPeriode>
<jw325:GeleverdVolume>1</jw325:GeleverdVolume><jw325:Eenheid>04</jw325:Eenheid><jw325:ProductTarief>${cents}</jw325:ProductTarief>
<jw325:IngediendBedrag><ijw:Bedrag>${cents}</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></jw325:IngediendBedrag>
<jw325:RetourCodes><jw325:RetourCode>9321</jw325:RetourCode></jw325:RetourCodes></jw325:Prestatie>`;
  return {
    dag,
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<jw325:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw325="http://www.istandaarden.nl/ijw/3_2/jw325/schema">
<jw325:Header><jw325:BerichtCode>491</jw325:BerichtCode><jw325:BerichtVersie>3</jw325:BerichtVersie><jw325:BerichtSubversie>2</jw325:BerichtSubversie>
<jw325:Afzender>${G}</jw325:Afzender><jw325:Ontvanger>${A}</jw325:Ontvanger>
<jw325:BerichtIdentificatie><ijw:Identificatie>ID${String(++seq).padStart(10, '0')}</ijw:Identificatie><ijw:Dagtekening>${dag}</ijw:Dagtekening></jw325:BerichtIdentificatie>
<jw325:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw325:XsdVersie>
<jw325:DeclaratieIdentificatie><ijw:Identificatie>D${ref}</ijw:Identificatie><ijw:Dagtekening>${begin}</ijw:Dagtekening></jw325:DeclaratieIdentificatie>
<jw325:XsltVersie>1.0.0</jw325:XsltVersie><jw325:XsdVersieDeclaratie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw325:XsdVersieDeclaratie>
<jw325:RetourCodes><jw325:RetourCode>0200</jw325:RetourCode></jw325:RetourCodes></jw325:Header>
<jw325:DeclaratieAntwoord><jw325:DeclaratieNummer>D${ref}</jw325:DeclaratieNummer>
<jw325:TotaalIngediendBedrag><ijw:TotaalBedrag>${cents}</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit></jw325:TotaalIngediendBedrag>
<jw325:TotaalToegekendBedrag><ijw:TotaalBedrag>${rejected ? 0 : cents}</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit></jw325:TotaalToegekendBedrag>
${rejected ? `<jw325:Clienten><jw325:Client><jw325:Bsn>${testBsn(700 + n)}</jw325:Bsn><jw325:Prestaties>${prestatie}</jw325:Prestaties><jw325:RetourCodes><jw325:RetourCode>0200</jw325:RetourCode></jw325:RetourCodes></jw325:Client></jw325:Clienten>` : ''}
<jw325:RetourCodes><jw325:RetourCode>${rejected ? '0200' : '8001'}</jw325:RetourCode></jw325:RetourCodes></jw325:DeclaratieAntwoord>
</jw325:Bericht>
`,
  };
};

/** The same message for gemeente `g` instead of G (sender or receiver): for tests with more than one gemeente. */
export const inGemeente = (m: Msg, g: string): Msg => ({ ...m, xml: m.xml.replaceAll(`>${G}<`, `>${g}<`) });
