/** Dutch formats for report cells (the PDF prints them; Excel gets numbers with a number format). */
import type { Unit } from '../indicators/types.js';

export interface Column {
  readonly label: string;
  /**
   * 'prijs': a price per unit in euros to the cent (a contracted tariff, an effective price), where whole euros say
   * too little (€ 1,85 a minute). Disclosure control keeps it to the cent: whoever makes such a column hides a price
   * over too few youths itself (app/contractTalk.ts).
   */
  readonly unit: Unit | 'tekst' | 'prijs';
  /**
   * A figure CBS (or the Iv3 accounts) already published, such as inhabitants or a decile: not a
   * count of persons from the gemeente's own data, so disclosure control does not apply to it.
   */
  readonly published?: boolean;
}
export type Cell = string | number | null;

const int = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const eur = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const eurCents = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * A suppressed cell in words that fit its unit: "<10" reads right beside a count, but beside euros, days or a %
 * it would read as "less than € 10" (red team 7: regio kosten per jeugdige "<10" in the December report).
 */
export function cellText(v: Cell, unit: Column['unit'] | string): Cell {
  return v === '<10' && unit !== 'aantal' && unit !== 'tekst' ? 'onderdrukt' : v;
}

export function formatCell(v: Cell, unit: Column['unit'] | string): string {
  if (v === null) return '–';
  if (typeof v === 'string') return String(cellText(v, unit));
  switch (unit) {
    case 'procent':
      return `${one.format(v)}%`;
    case 'euro':
      return eur.format(v).replace(/\u00a0/g, ' ');
    case 'prijs':
      return eurCents.format(v).replace(/\u00a0/g, ' ');
    case 'score':
    case 'per_1000':
      return one.format(v);
    // days too: published days are whole (app/disclosure.ts), and "16,0" dagen suggested a precision there is not
    default:
      return Number.isInteger(v) ? int.format(v) : one.format(v);
  }
}

/** A row's own unit wins when the table has a unit column (headline tables mix units per row). */
export function cellUnit(columns: readonly Column[], row: readonly Cell[], i: number): string {
  const unitCol = columns.findIndex((c) => c.label === 'eenheid');
  const col = columns[i]!;
  if (col.unit === 'tekst') return 'tekst';
  // a change or deviation in % keeps its own unit; the other number columns take the row's
  if (unitCol >= 0 && !col.label.endsWith('%')) return String(row[unitCol] ?? col.unit);
  return col.unit;
}

export function formatDateNl(iso: string): string {
  return new Date(iso).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** The value-level flags in words, as the dashboard shows them (web/i18n.ts FLAG_TEXT), for report notes. */
export const FLAG_NL: Readonly<Record<string, string>> = {
  einde_uit_toewijzing: 'einde uit de toewijzing (stopbericht ontbreekt)',
  gebaseerd_op_toewijzingsdatums: 'begin/einde uit de toewijzing (start- of stopbericht ontbreekt)',
  periode_niet_compleet: 'periode loopt voorbij de laatste gegevens',
  declaraties_onvolledig: 'declaraties nog niet compleet (ze komen na afloop van de maand binnen)',
  declaraties_deels: 'declaraties pas vanaf een latere maand: het bedrag dekt de periode maar voor een deel',
  weinig_waarnemingen: 'weinig waarnemingen',
  lage_respons: 'lage respons (minder dan 30 antwoorden of minder dan 20% van de uitgenodigden): zwak cijfer',
  vervolg_onvolledig:
    'vervolgtermijn nog niet voorbij: wie die termijn nog niet heeft, telt niet mee of is nog onbekend',
  geen_noemer: 'noemer ontbreekt',
  bevolking_te_klein: 'bevolking kleiner dan het aantal jeugdigen met hulp: geen hulp is niet bekend',
  geen_basishulp: 'geen basishulp ingelezen voor deze gemeente: het bereik is niet bekend',
  venster_te_kort: 'minder dan 3 maanden sinds de start van de functie: voor en na zijn nog niet te vergelijken',
  cbs_voorlopig: 'CBS-cijfer voorlopig',
  lasten_uit_begroting: 'lasten uit de begroting (jaarrekening ontbreekt nog)',
  som_van_gemeenten: 'opgeteld over de gemeenten (een jeugdige in twee gemeenten telt twee keer)',
  niet_optelbaar: 'niet op te tellen over gemeenten (mediaan, score of model)',
  alleen_per_halfjaar: 'CBS meet dit per halfjaar',
  boven_solidariteitsdrempel: 'gerealiseerde kosten boven de solidariteitsdrempel van de regio',
};
