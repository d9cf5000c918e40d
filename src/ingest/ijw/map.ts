/**
 * From a validated iJw message to what Zicht keeps: events (request, allocation, start, stop),
 * claim lines and claim answers. The BSN becomes a keyed pseudonym here; nothing else about the
 * person is taken but birth month and gender.
 */
import { municipalityValidOn } from '../../domain/municipalities.js';
import type { PseudonymKey } from '../../domain/pseudonym.js';
import { pseudonymFor } from '../csv/identity.js';
import { child, children, text, type Issue, type XmlNode } from './validate.js';

export interface IjwEvent {
  readonly eventType: 'verzoek' | 'toewijzing' | 'start' | 'stop' | 'retour';
  readonly logicalKey: string;
  readonly deliveryStatus: string | null;
  readonly eventDate: string | null;
  readonly payload: Record<string, string | null>;
  readonly ref: string;
}

export interface IjwClaim {
  readonly claimId: string;
  readonly allocationNumber: string;
  readonly youth: string;
  readonly agb: string;
  readonly category: string;
  readonly code: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly volume: number;
  readonly unit: string;
  readonly cents: number;
  readonly debitCredit: string;
  readonly declaration: string;
  /** the day the JW323 was sent (header Dagtekening): an as-of report counts the line from then */
  readonly sentDate: string | null;
  readonly ref: string;
}

export interface IjwAnswer {
  readonly agb: string;
  readonly declaration: string;
  readonly rejectedClaimIds: readonly string[];
}

export interface MappedMessage {
  readonly messageType: string;
  readonly gemeente: string;
  /** the header's Dagtekening: the day the message was sent */
  readonly sentDate: string | null;
  readonly events: IjwEvent[];
  readonly claims: IjwClaim[];
  answer: IjwAnswer | null;
  /** problems that refuse the whole message: nothing of it is kept */
  readonly issues: Issue[];
  /**
   * lines refused on their own while the rest of the message counts, as the gemeente's answer
   * message refuses single lines (a JW323 prestatie whose ReferentieNummer came earlier: 8021)
   */
  readonly refused: Issue[];
}

/**
 * Which party is the gemeente: the 4-digit code beside an 8-digit AGB code. Only when the codes do
 * not tell (a malformed header) the message type decides: gemeente → provider messages carry the
 * gemeente as sender, and a retour message keeps the parties of the message it answers.
 */
const FROM_GEMEENTE = new Set(['JW301', 'JW302', 'JW319', 'JW320', 'JW325']);
function gemeenteIsSender(type: string, sender: string, receiver: string): boolean {
  if (/^\d{4}$/.test(sender) && /^\d{8}$/.test(receiver)) return true;
  if (/^\d{8}$/.test(sender) && /^\d{4}$/.test(receiver)) return false;
  return FROM_GEMEENTE.has(type);
}

const RETOUR_TYPES = new Set(['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320']);

/** Every RetourCode in the message, header and records alike. */
function retourCodes(node: XmlNode): string[] {
  return [...(node.name === 'RetourCode' ? [node.text.trim()] : []), ...node.children.flatMap(retourCodes)];
}

export function mapMessage(
  type: string,
  root: XmlNode,
  key: PseudonymKey,
  isKnownGemeente: (code: string) => boolean,
  fileRef: string,
): MappedMessage {
  const header = child(root, 'Header');
  const sender = text(header, 'Afzender') ?? '';
  const receiver = text(header, 'Ontvanger') ?? '';
  const fromGemeente = gemeenteIsSender(type, sender, receiver);
  const gemeente = fromGemeente ? sender : receiver;
  const agb = fromGemeente ? receiver : sender;
  const dagtekening = text(header, 'BerichtIdentificatie', 'Dagtekening');
  const out: MappedMessage = {
    messageType: type,
    gemeente,
    sentDate: dagtekening ?? null,
    events: [],
    claims: [],
    answer: null,
    issues: [],
    refused: [],
  };
  const issue = (node: XmlNode | undefined, code: string, nl: string, en: string, value: string | null = null) =>
    out.issues.push({ path: node?.path ?? '/', line: node?.line ?? 0, code, value, nl, en });
  if (!isKnownGemeente(gemeente)) {
    issue(
      child(header, fromGemeente ? 'Afzender' : 'Ontvanger'),
      'unknown_gemeente',
      'gemeentecode staat niet in de CBS-lijst 2026, is geen sinds 2016 opgeheven gemeente en is geen ingerichte gemeente',
      'gemeente code is not in the CBS 2026 list, not a gemeente ended since 2016 and not a configured gemeente',
      gemeente,
    );
    return out;
  }
  // the gemeente must exist on the day the care it allocates or is asked for begins (herindelingen)
  const gemeenteValidOn = (date: XmlNode | undefined): boolean => {
    const v = date ? municipalityValidOn(gemeente, date.text.trim()) : { ok: true as const };
    if (!v.ok) issue(date, v.code, v.nl, v.en, gemeente);
    return v.ok;
  };
  const person = (
    client: XmlNode | undefined,
  ): { youth: string; birth: string | null; gender: string | null } | null => {
    const bsnNode = child(client, 'Bsn');
    const p = pseudonymFor(bsnNode?.text ?? '', key, `${fileRef}:${bsnNode?.path}`);
    if (!p.ok) {
      issue(bsnNode, p.code, p.nl, p.en, '*********');
      return null;
    }
    return {
      youth: p.value,
      birth: text(client, 'Geboortedatum', 'Datum')?.slice(0, 7) ?? null,
      gender: text(client, 'Geslacht'),
    };
  };
  const client = child(root, 'Client');
  switch (type) {
    case 'JW315': {
      const p = person(client);
      if (!p) break;
      for (const prod of children(child(client, 'AangevraagdeProducten'), 'AangevraagdProduct')) {
        if (!gemeenteValidOn(child(prod, 'ToewijzingIngangsdatum'))) continue;
        const ref = text(prod, 'ReferentieAanbieder');
        out.events.push({
          eventType: 'verzoek',
          logicalKey: `vot:${agb}:${ref ?? prod.path}`,
          deliveryStatus: null,
          eventDate: dagtekening,
          ref: prod.path,
          payload: {
            ...p,
            agb,
            referentie: ref,
            categorie: text(prod, 'Product', 'Categorie'),
            code: text(prod, 'Product', 'Code'),
            verwijzerType: text(prod, 'Verwijzer', 'Type'),
            verwijzerDetail: text(prod, 'Verwijzer', 'ZorgverlenerCode'),
            toewijzingIngangsdatum: text(prod, 'ToewijzingIngangsdatum'),
            toewijzingEinddatum: text(prod, 'ToewijzingEinddatum'),
          },
        });
      }
      break;
    }
    case 'JW301': {
      const p = person(client);
      if (!p) break;
      for (const prod of children(child(client, 'ToegewezenProducten'), 'ToegewezenProduct')) {
        if (!gemeenteValidOn(child(prod, 'Ingangsdatum'))) continue;
        const nr = text(prod, 'ToewijzingNummer')!;
        out.events.push({
          eventType: 'toewijzing',
          logicalKey: `tw:${nr}`,
          deliveryStatus: null,
          eventDate: text(prod, 'Toewijzingsdatum'),
          ref: prod.path,
          payload: {
            ...p,
            agb,
            toewijzingNummer: nr,
            referentie: text(prod, 'ReferentieAanbieder'),
            categorie: text(prod, 'Product', 'Categorie'),
            code: text(prod, 'Product', 'Code'),
            toewijzingsdatum: text(prod, 'Toewijzingsdatum'),
            toewijzingstijd: text(prod, 'Toewijzingstijd'),
            ingangsdatum: text(prod, 'Ingangsdatum'),
            einddatum: text(prod, 'Einddatum'),
            redenWijziging: text(prod, 'RedenWijziging'),
            volume: text(prod, 'Omvang', 'Volume'),
            eenheid: text(prod, 'Omvang', 'Eenheid'),
            frequentie: text(prod, 'Omvang', 'Frequentie'),
            budget: text(prod, 'Budget'),
            // the day the JW301 was sent: an as-of report knows this version only from then (lens/scope.ts), and of
            // two versions with the same Toewijzingsdatum and -tijd the one sent last wins (fold.ts)
            dagtekening,
          },
        });
      }
      break;
    }
    case 'JW305':
    case 'JW307': {
      const p = person(client);
      if (!p) break;
      const [list, item, kind] =
        type === 'JW305'
          ? (['StartProducten', 'StartProduct', 'start'] as const)
          : (['StopProducten', 'StopProduct', 'stop'] as const);
      for (const prod of children(child(client, list), item)) {
        const nr = text(prod, 'ToewijzingNummer')!;
        const begin = text(prod, 'Begindatum');
        const status = text(prod, 'StatusAanlevering');
        if (status === '2') {
          issue(
            child(prod, 'StatusAanlevering'),
            'invalid_status',
            'StatusAanlevering 2 (gewijzigd) is voor start- en stopberichten niet toegestaan: verwijder (3) en lever opnieuw aan (1)',
            'StatusAanlevering 2 (changed) is not allowed for start and stop messages: delete (3) and deliver again (1)',
            '2',
          );
          continue;
        }
        out.events.push({
          eventType: kind,
          logicalKey: `${kind}:${nr}:${begin}`,
          deliveryStatus: status,
          eventDate: kind === 'start' ? begin : text(prod, 'Einddatum'),
          ref: prod.path,
          payload: {
            youth: p.youth,
            agb,
            toewijzingNummer: nr,
            begindatum: begin,
            einddatum: text(prod, 'Einddatum'),
            redenBeeindiging: text(prod, 'RedenBeeindiging'),
            dagtekening,
          },
        });
      }
      break;
    }
    case 'JW323': {
      const decl = child(root, 'Declaratie');
      const number = text(decl, 'DeclaratieNummer')!;
      const seenRefs = new Set<string>();
      for (const c of children(child(decl, 'Clienten'), 'Client')) {
        const p = person(c);
        if (!p) continue;
        for (const pr of children(child(c, 'Prestaties'), 'Prestatie')) {
          const claimId = `${agb}:${text(pr, 'ProductReferentie', 'ReferentieNummer')}`;
          if (seenRefs.has(claimId)) {
            // TR314: the first line with this number counts, this one does not; the others stand
            const ref = child(child(pr, 'ProductReferentie'), 'ReferentieNummer');
            out.refused.push({
              path: ref?.path ?? pr.path,
              line: ref?.line ?? pr.line,
              code: 'duplicate_reference',
              value: ref?.text ?? null,
              nl: 'deze prestatie telt niet mee: haar ReferentieNummer komt al eerder in de declaratie voor (iJw-retourcode 8021); de andere prestaties zijn ingelezen',
              en: 'this line does not count: its ReferentieNummer occurs earlier in the declaration (iJw return code 8021); the other lines were imported',
            });
            continue;
          }
          seenRefs.add(claimId);
          out.claims.push({
            claimId,
            allocationNumber: text(pr, 'ToewijzingNummer')!,
            youth: p.youth,
            agb,
            category: text(pr, 'ProductCategorie')!,
            code: text(pr, 'ProductCode')!,
            periodStart: text(pr, 'ProductPeriode', 'Begindatum')!,
            periodEnd: text(pr, 'ProductPeriode', 'Einddatum')!,
            volume: Number(text(pr, 'GeleverdVolume')),
            unit: text(pr, 'Eenheid')!,
            cents: Number(text(pr, 'IngediendBedrag', 'Bedrag')),
            debitCredit: text(pr, 'IngediendBedrag', 'DebetCredit') ?? 'D',
            declaration: number,
            sentDate: dagtekening ?? null,
            ref: pr.path,
          });
        }
      }
      break;
    }
    case 'JW325': {
      const answer = child(root, 'DeclaratieAntwoord');
      const rejected = children(child(answer, 'Clienten'), 'Client').flatMap((c) =>
        children(child(c, 'Prestaties'), 'Prestatie').map(
          (pr) => `${agb}:${text(pr, 'ProductReferentie', 'ReferentieNummer')}`,
        ),
      );
      out.answer = { agb, declaration: text(answer, 'DeclaratieNummer')!, rejectedClaimIds: rejected };
      break;
    }
    default: {
      if (!RETOUR_TYPES.has(type)) break;
      // a retour message answers one message: which one, when, and with which codes (0200 = no remark)
      const original = text(header, 'IdentificatieRetour') ?? '';
      out.events.push({
        eventType: 'retour',
        logicalKey: `retour:${type}:${agb}:${original}`,
        deliveryStatus: null,
        eventDate: text(header, 'DagtekeningRetour') ?? dagtekening ?? null,
        payload: {
          agb,
          origineel: original,
          codes: [...new Set(retourCodes(root))].sort().join(','),
          dagtekening: dagtekening ?? null,
        },
        ref: `${fileRef}:${header?.path ?? '/'}`,
      });
      break;
    }
  }
  return out;
}
