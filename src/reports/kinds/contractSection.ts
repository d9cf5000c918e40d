/**
 * The section "Contract" of the provider quarterly report (issue 19; docs/indicators.md "Contract in het
 * kwartaalgesprek"): per contract of the provider in force in the quarter, its form and term, the ceiling against
 * the contract year's use with a linear forecast, the contracted tariffs against the provider's effective price, and
 * for a result-based contract the tranches. The figures come from app/contractTalk.ts; here they become words and
 * cells. In the external version a hidden figure reads "onderdrukt" (a count "<10": the report's disclosure step).
 */
import { MOMENT_WORDS, type TrancheMoment } from '../../domain/contracts.js';
import { PRODUCT_CATEGORY, UNIT, label as codeLabel } from '../../domain/codelists.js';
import { centsToEuro } from '../../domain/decimal.js';
import { periodEnd, type Period } from '../../domain/periods.js';
import type { TalkContract, TalkTariff } from '../../app/contractTalk.js';
import { formatCell, formatDateNl as longDate, type Cell } from '../format.js';
import { section } from '../builder.js';
import type { ReportData, Section, Table } from '../types.js';

export const NO_CONTRACT = 'Voor deze aanbieder is geen contract vastgelegd in de contractenlijst.';
const HIDDEN = '<10';

/** 31 december 2026, from an ISO day (noon UTC: the day itself in every time zone). */
const day = (iso: string): string => longDate(`${iso}T12:00:00Z`);
const euro = (cents: number): string => formatCell(centsToEuro(cents), 'euro');
const unitWords = (code: string): string => (code === '' ? 'onbekende eenheid' : codeLabel(UNIT, code).toLowerCase());

function contractName(c: TalkContract['contract']): string {
  return c.name ? `${c.name} (${c.id})` : c.id;
}

function productWords(t: TalkTariff): string {
  const cat = `categorie ${t.category} ${codeLabel(PRODUCT_CATEGORY, t.category)}`;
  return t.code === '' ? `${cat} (hele categorie)` : `${t.code} (${cat})`;
}

function validWords(from: string, to: string | null): string {
  return to === null ? `vanaf ${day(from)}` : `${day(from)} t/m ${day(to)}`;
}

export async function contractSection(
  data: ReportData,
  q: { region: string[]; agb: string; pname: string; period: Period; label: string; extern: boolean },
): Promise<Section | null> {
  if (!data.providerContracts) return null;
  const { contracts, notInForce } = await data.providerContracts(q.region, q.agb, q.period, q.extern);
  if (contracts.length === 0)
    return section('Contract', {
      paragraphs: [
        notInForce === 0
          ? NO_CONTRACT
          : `Voor deze aanbieder is in de contractenlijst geen contract vastgelegd dat in ${q.label} van kracht was (wel ${notInForce === 1 ? 'een contract' : `${notInForce} contracten`} daarbuiten).`,
      ],
    });
  const end = day(periodEnd(q.period));
  const paragraphs: string[] = [
    `De contracten met ${q.pname} (AGB ${q.agb}) die in ${q.label} van kracht waren, in de gemeenten van de regio die partij zijn, zoals de contractenlijst ze op ${end} kent. Looptijd, plafond en tarieven zijn contractafspraken en staan er altijd; bedragen en aantallen zijn berekend uit declaraties en betalingen.`,
    `Gebruikt = declaraties van de aanbieders van het contract voor de producten die het dekt (afgewezen regels niet, creditregels in mindering) plus betalingen op het contract, met een periode in het contractjaar tot en met ${end}. De prognose voor het contractjaar is een rechte lijn: het gebruik gedeeld door het aantal maanden van het contractjaar tot en met de laatste maand met declaraties of betalingen, maal het aantal maanden van het contractjaar. Seizoen, instroom en nog niet ontvangen declaraties rekent ze niet mee.`,
  ];
  for (const t of contracts) {
    if (t.overCeiling && !t.useHidden && t.forecastCents !== null && t.contract.ceilingCents !== null)
      paragraphs.push(
        `Let op: bij ${contractName(t.contract)} dreigt het plafond overschreden te worden: de prognose voor het contractjaar is ${euro(t.forecastCents)} bij een plafond van ${euro(t.contract.ceilingCents)}.`,
      );
  }
  if (q.extern)
    paragraphs.push(
      'Externe versie: een bedrag of aandeel waarachter weinig jeugdigen zitten staat er als "onderdrukt", een aantal onder 10 als "<10"; de bedragen per tranche staan er niet in, omdat een vast bedrag per tranche naast het aantal trajecten dat aantal exact teruggeeft.',
    );
  const text = { unit: 'tekst' as const };
  const tables: Table[] = [
    {
      caption: `Contracten van ${q.pname}: vorm en looptijd`,
      columns: [
        { label: 'contract', ...text },
        { label: 'financieringsvorm', ...text },
        { label: 'ingang', ...text },
        { label: 'einde huidige looptijd', ...text },
        { label: 'verlengingsopties', ...text },
        { label: 'uiterste einde', ...text },
      ],
      rows: contracts.map(({ contract: c }) => [
        contractName(c),
        c.trancheRuleNl ? `${c.financingFormNl}: ${c.trancheRuleNl}` : c.financingFormNl,
        day(c.term.start),
        day(c.term.currentEnd),
        c.term.extensions === ''
          ? 'geen'
          : `${c.term.extensionsLeft} van ${c.term.extensions.split('+').length} over (${c.term.extensions} jaar)`,
        day(c.term.maxEnd),
      ]),
      codes: { label: 'contract_id', values: contracts.map((t) => t.contract.id) },
    },
    {
      caption: `Gebruik tegen het plafond, contractjaar tot en met ${end}`,
      columns: [
        { label: 'contract', ...text },
        { label: 'contractjaar', ...text },
        // a ceiling is a contract setting, not a figure about persons
        { label: 'plafond', unit: 'euro', published: true },
        { label: 'gebruikt', unit: 'euro' },
        { label: 'gebruikt in % van het plafond', unit: 'procent' },
        { label: 'prognose contractjaar', unit: 'euro' },
        { label: 'signaal', ...text },
      ],
      rows: contracts.map((t): Cell[] => {
        const c = t.contract;
        // a share of no ceiling stays empty: nothing to hide
        const hide = (v: number | null): Cell => (t.useHidden && v !== null ? HIDDEN : v);
        const signal =
          c.ceilingCents === null
            ? 'geen plafond (open einde)'
            : t.useHidden
              ? 'niet gepubliceerd (weinig jeugdigen)'
              : t.forecastCents === null
                ? 'nog geen gebruik'
                : t.overCeiling
                  ? 'plafond dreigt overschreden'
                  : 'prognose binnen het plafond';
        return [
          contractName(c),
          `${day(c.contractYear.from)} t/m ${day(c.contractYear.to)}`,
          c.ceilingCents === null ? null : centsToEuro(c.ceilingCents),
          hide(centsToEuro(c.use.totalCents)),
          hide(c.use.pct),
          hide(t.forecastCents === null ? null : centsToEuro(t.forecastCents)),
          signal,
        ];
      }),
      codes: { label: 'contract_id', values: contracts.map((t) => t.contract.id) },
    },
  ];
  for (const t of contracts) {
    if (t.tariffs.length > 0) tables.push(tariffTable(t, q.label));
    if (t.tranches) tables.push(trancheTable(t, q.label, q.extern));
  }
  return section('Contract', { paragraphs, tables });
}

/** Tariffs against the effective price: one row per tariff and claim unit. */
function tariffTable(t: TalkContract, label: string): Table {
  const rows: Cell[][] = [];
  for (const tariff of t.tariffs) {
    const head = [productWords(tariff), unitWords(tariff.unit), validWords(tariff.validFrom, tariff.validTo)];
    const tariffEuro = centsToEuro(tariff.tariffCents);
    const over = `${day(tariff.window.from)} t/m ${day(tariff.window.to)}`;
    if (tariff.prices.length === 0) {
      rows.push([...head, tariffEuro, null, null, `geen declaraties van deze aanbieder ${over}`]);
      continue;
    }
    for (const p of tariff.prices) {
      const compared =
        tariff.unit === ''
          ? `tarief zonder eenheid: niet vergeleken met de declaraties per ${unitWords(p.unit)}`
          : p.unit !== tariff.unit
            ? `andere eenheid: declaraties per ${unitWords(p.unit)}, tarief per ${unitWords(tariff.unit)}; niet vergeleken`
            : `effectieve prijs over de declaraties ${over}`;
      const note = p.hidden ? `${compared}; minder dan 10 jeugdigen: effectieve prijs niet gepubliceerd` : compared;
      rows.push([...head, tariffEuro, p.hidden ? HIDDEN : p.price, p.hidden ? HIDDEN : p.diffPct, note]);
    }
  }
  return {
    caption: `Tarieven tegen de effectieve prijs, ${contractName(t.contract)}, ${label}`,
    columns: [
      { label: 'product', unit: 'tekst' },
      { label: 'tariefeenheid', unit: 'tekst' },
      { label: 'tarief geldig', unit: 'tekst' },
      { label: 'tarief', unit: 'prijs' },
      { label: 'effectieve prijs', unit: 'prijs' },
      { label: 'verschil %', unit: 'procent' },
      { label: 'toelichting', unit: 'tekst' },
    ],
    rows,
    note: 'Effectieve prijs = som van de bedragen ÷ som van het geleverde volume van de niet-afgewezen declaratieregels van deze aanbieder voor het product (creditregels in mindering), per eenheid, zoals de indicator effectieve prijs; verschil = (effectieve prijs − tarief) ÷ tarief × 100.',
  };
}

/** Tranches paid in the quarter per tranche number, and trajectories closed after the first without a second. */
function trancheTable(t: TalkContract, label: string, extern: boolean): Table {
  const tr = t.tranches!;
  const name = (no: number, share: number | null, moment: string | null) =>
    `tranche ${no}${share !== null ? ` (${share.toLocaleString('nl-NL')}%${moment && moment in MOMENT_WORDS ? ` ${MOMENT_WORDS[moment as TrancheMoment]}` : ''})` : ''}`;
  const rows: Cell[][] = tr.paid.map((p) => [
    `betaald: ${name(p.tranche_no, p.share_pct, p.moment)}`,
    p.trajectories,
    ...(extern ? [] : [centsToEuro(p.cents)]),
  ]);
  rows.push(['afgesloten na de eerste tranche zonder doelrealisatie', tr.closedAfterFirst, ...(extern ? [] : [null])]);
  return {
    caption: `Tranches, ${contractName(t.contract)}, ${label}`,
    columns: [
      { label: 'tranche', unit: 'tekst' },
      { label: 'trajecten', unit: 'aantal' },
      ...(extern ? [] : [{ label: 'bedrag', unit: 'euro' as const }]),
    ],
    rows,
    note: `Betaald: tranchebetalingen op het contract met een periode in ${label}, per tranchenummer (trajecten geteld per gemeente). Afgesloten na de eerste tranche zonder doelrealisatie: trajecten die in ${label} eindigden, waarvoor tranche 1 is betaald en tot en met het einde van ${label} geen volgende tranche, en waarvan de doelen niet als bereikt zijn vastgelegd (zoals het trancheboek op de pagina Geld).${tr.paid.length === 0 ? ` In ${label} is geen tranche betaald.` : ''}`,
  };
}
