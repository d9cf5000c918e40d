/**
 * Contracten (issue 19, contractmanager and controller; GET /api/v1/contracten): the contract register. Per contract
 * its providers, financing form in words, term with extension options, the next decision date, the yearly ceiling
 * against what the contract year used (claims + payments), and a warning in words when the term ends within six
 * months while youths still have running allocations with its providers. Definitions: docs/indicators.md
 * "Contractregister".
 */
import type { PageProps } from './pageProps.js';
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get } from '../api.js';
import { LangContext } from '../i18n.js';
import { param, setParams } from '../url.js';
import { fmtDate, fmtInt, fmtValue, type Lang } from '../format.js';
import { DOWNLOADS, type CsvRow } from '../downloads.js';
import { CsvButtons } from '../components/CsvButtons.js';
import { TableWrap } from '../components/TableWrap.js';
import { ProviderExitSection } from '../components/ProviderExitSection.js';

interface Contract {
  id: string;
  name: string | null;
  providers: { agb: string; name: string | null }[];
  consortium: string | null;
  financingForm: string;
  financingFormNl: string;
  financingFormEn: string;
  trancheRuleNl: string | null;
  gemeenten: string[];
  complete: boolean;
  term: {
    start: string;
    currentEnd: string;
    maxEnd: string;
    extensions: string;
    extensionsLeft: number;
  };
  nextDecisionDate: string | null;
  nextEvaluationDate: string | null;
  contractYear: { from: string; to: string };
  ceilingCents: number | null;
  use: { claimsCents: number | null; paymentsCents: number | null; totalCents: number | null; pct: number | null };
  youthsRunning: number | null;
  endsSoon: boolean;
  warning: boolean;
}
interface Answer {
  referenceDate: string;
  gemeenten: string[];
  contracts: Contract[];
}

const euros = (cents: number | null): number | null => (cents === null ? null : cents / 100);
const providerText = (c: Contract): string =>
  [
    ...c.providers.map((p) => (p.name ? `${p.name} (AGB ${p.agb})` : `AGB ${p.agb}`)),
    ...(c.consortium ? [c.consortium] : []),
  ].join('; ');

/** The warning in words (null: none); a suppressed count reads "minder dan 10". */
function warningText(c: Contract, lang: Lang): string | null {
  if (!c.warning) return null;
  const n = c.youthsRunning;
  const nl = lang === 'nl';
  const who =
    n === null
      ? nl
        ? 'minder dan 10 jeugdigen hebben'
        : 'fewer than 10 youths have'
      : n === 1
        ? nl
          ? '1 jeugdige heeft'
          : '1 youth has'
        : nl
          ? `${fmtInt(n, lang)} jeugdigen hebben`
          : `${fmtInt(n, lang)} youths have`;
  const end = fmtDate(c.term.currentEnd, lang);
  // a contract with several providers (a perceel): "bij deze aanbieder" read wrong beside 38 names (red team 8)
  const many = c.providers.length > 1;
  return nl
    ? `Let op: het contract eindigt op ${end}, binnen zes maanden, en ${who} nog een lopende toewijzing bij ${many ? 'de aanbieders van dit contract' : 'deze aanbieder'}.`
    : `Note: the contract ends on ${end}, within six months, and ${who} a running allocation with ${many ? "this contract's providers" : 'this provider'}.`;
}

function termText(c: Contract, lang: Lang): string {
  const nl = lang === 'nl';
  const base = `${fmtDate(c.term.start, lang)} – ${fmtDate(c.term.currentEnd, lang)}`;
  if (!c.term.extensions) return nl ? `${base}; geen verlengingen` : `${base}; no extensions`;
  return nl
    ? `${base}; verlengingen ${c.term.extensions} jaar, nog ${c.term.extensionsLeft} over (uiterlijk tot ${fmtDate(c.term.maxEnd, lang)})`
    : `${base}; extensions ${c.term.extensions} years, ${c.term.extensionsLeft} left (at most until ${fmtDate(c.term.maxEnd, lang)})`;
}

function decisionText(c: Contract, lang: Lang): string {
  const nl = lang === 'nl';
  if (!c.nextDecisionDate) return nl ? 'afgelopen' : 'ended';
  const what =
    c.term.extensionsLeft > 0
      ? nl
        ? 'verlengen of beëindigen'
        : 'extend or end'
      : nl
        ? 'beëindigen of opnieuw inkopen'
        : 'end or procure again';
  return `${fmtDate(c.nextDecisionDate, lang)} (${what})`;
}

/** Used so far: the total with its share of the ceiling, then what it is made of. */
function useText(c: Contract, lang: Lang): { total: string; detail: string } {
  const nl = lang === 'nl';
  const eur = (cents: number | null) => fmtValue(euros(cents), 'euro', lang);
  const pct =
    c.use.pct === null
      ? ''
      : nl
        ? ` (${fmtValue(c.use.pct, 'procent', lang)} van het plafond)`
        : ` (${fmtValue(c.use.pct, 'procent', lang)} of the ceiling)`;
  const year = `${fmtDate(c.contractYear.from, lang)} – ${fmtDate(c.contractYear.to, lang)}`;
  const only = c.complete ? '' : nl ? '; alleen uw gemeente(n)' : '; your gemeente(n) only';
  return {
    total: `${eur(c.use.totalCents)}${pct}`,
    detail: nl
      ? `declaraties ${eur(c.use.claimsCents)}, betalingen ${eur(c.use.paymentsCents)}; contractjaar ${year}${only}`
      : `claims ${eur(c.use.claimsCents)}, payments ${eur(c.use.paymentsCents)}; contract year ${year}${only}`,
  };
}

/** The warning column: short, the alert above the table has the whole sentence. */
function warningCell(c: Contract, lang: Lang): string {
  const nl = lang === 'nl';
  if (c.warning) {
    const n = c.youthsRunning === null ? (nl ? 'minder dan 10' : 'fewer than 10') : fmtInt(c.youthsRunning, lang);
    return nl
      ? `eindigt binnen zes maanden terwijl ${n} jeugdigen nog zorg krijgen`
      : `ends within six months while ${n} youths are still in care`;
  }
  if (c.endsSoon)
    return nl
      ? 'eindigt binnen zes maanden; geen jeugdige met een lopende toewijzing'
      : 'ends within six months; no youth with a running allocation';
  return nl ? 'geen' : 'none';
}

function csvRows(data: Answer): CsvRow[] {
  return data.contracts.map((c) => ({
    referenceDate: data.referenceDate,
    contract: c.id,
    name: c.name,
    providerCodes: c.providers.map((p) => p.agb).join(' '),
    providers: providerText(c),
    financingFormCode: c.financingForm,
    financingForm: c.financingFormNl,
    gemeenteCodes: c.gemeenten.join(' '),
    complete: c.complete ? 'ja' : 'nee',
    start: c.term.start,
    currentEnd: c.term.currentEnd,
    maxEnd: c.term.maxEnd,
    extensions: c.term.extensions,
    extensionsLeft: c.term.extensionsLeft,
    nextDecision: c.nextDecisionDate,
    yearFrom: c.contractYear.from,
    yearTo: c.contractYear.to,
    ceiling: euros(c.ceilingCents),
    claims: euros(c.use.claimsCents),
    payments: euros(c.use.paymentsCents),
    used: euros(c.use.totalCents),
    usedPct: c.use.pct,
    youths: c.youthsRunning ?? '<10',
    warningCode: c.warning ? 1 : 0,
    warning: warningText(c, 'nl'),
  }));
}

export function ContractsPage({ me }: PageProps) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') ?? '';
  const day = param('peildatum') ?? '';
  const [data, setData] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    get<Answer>('/contracten', { gemeente: gemeente || undefined, peildatum: day || undefined }).then(
      setData,
      (e: unknown) => setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e)),
    );
  }, [gemeente, day, nl]);
  const warnings = data?.contracts.filter((c) => c.warning) ?? [];
  return (
    <section aria-labelledby="ct-title">
      <form className="zicht-filters" onSubmit={(e) => e.preventDefault()}>
        <FormField>
          <FormLabel htmlFor="ct-peildatum">{nl ? 'Peildatum' : 'Reference date'}</FormLabel>
          <Textbox
            id="ct-peildatum"
            type="date"
            value={day || data?.referenceDate || ''}
            onChange={(e) => setParams({ peildatum: e.target.value || undefined })}
          />
        </FormField>
      </form>
      <Paragraph small>
        {nl
          ? 'Volgend beslismoment: het einde van de huidige termijn, wanneer verlengd of beëindigd moet worden. Gebruik: ' +
            'de declaraties van de aanbieder(s) voor de producten van het contract met een prestatieperiode die in het ' +
            'contractjaar begint (afgewezen telt niet, credit in mindering), plus de betalingen op het contract in dat jaar. ' +
            'Waarschuwing: de termijn eindigt binnen zes maanden na de peildatum terwijl jeugdigen op de peildatum nog een ' +
            'lopende toewijzing bij de aanbieder hebben. Definities: docs/indicators.md.'
          : 'Next decision: the end of the current term, when the contract must be extended or ended. Use: the claims of ' +
            'its provider(s) for its products whose service period starts in the contract year, plus the payments on the ' +
            'contract in that year. Warning: the term ends within six months of the reference date while youths still ' +
            'have a running allocation with the provider.'}
      </Paragraph>
      {error && <Alert type="error">{error}</Alert>}
      {!data && !error && <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>}
      {data && (
        <>
          <Heading level={2} id="ct-title">
            {nl
              ? `Contracten op ${fmtDate(data.referenceDate, lang)}`
              : `Contracts on ${fmtDate(data.referenceDate, lang)}`}
          </Heading>
          {warnings.map((c) => (
            <Alert key={c.id} type="warning">
              {`${c.name ?? c.id} (${providerText(c)}): ${warningText(c, lang)}`}
            </Alert>
          ))}
          {data.contracts.length === 0 ? (
            <Paragraph>{nl ? 'Geen contracten in uw gemeenten.' : 'No contracts in your gemeenten.'}</Paragraph>
          ) : (
            <>
              <TableWrap label={nl ? 'Contractregister' : 'Contract register'}>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{nl ? 'Contract' : 'Contract'}</TableHeaderCell>
                      <TableHeaderCell scope="col">{nl ? 'Aanbieder(s)' : 'Provider(s)'}</TableHeaderCell>
                      <TableHeaderCell scope="col">{nl ? 'Financieringsvorm' : 'Financing form'}</TableHeaderCell>
                      <TableHeaderCell scope="col">{nl ? 'Looptijd' : 'Term'}</TableHeaderCell>
                      <TableHeaderCell scope="col">{nl ? 'Volgend beslismoment' : 'Next decision'}</TableHeaderCell>
                      <TableHeaderCell scope="col" className="zicht-num">
                        {nl ? 'Plafond per jaar' : 'Yearly ceiling'}
                      </TableHeaderCell>
                      <TableHeaderCell scope="col">
                        {nl ? 'Gebruikt dit contractjaar' : 'Used this contract year'}
                      </TableHeaderCell>
                      <TableHeaderCell scope="col" className="zicht-num">
                        {nl ? 'Jeugdigen met lopende toewijzing' : 'Youths with a running allocation'}
                      </TableHeaderCell>
                      <TableHeaderCell scope="col">{nl ? 'Waarschuwing' : 'Warning'}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {data.contracts.map((c) => (
                      <TableRow key={c.id}>
                        <TableHeaderCell scope="row">{c.name ? `${c.name} (${c.id})` : c.id}</TableHeaderCell>
                        <TableCell>{providerText(c)}</TableCell>
                        <TableCell>
                          {nl ? c.financingFormNl : c.financingFormEn}
                          {c.trancheRuleNl ? ` — ${c.trancheRuleNl}` : ''}
                        </TableCell>
                        <TableCell>{termText(c, lang)}</TableCell>
                        <TableCell>{decisionText(c, lang)}</TableCell>
                        <TableCell className="zicht-num">
                          {c.ceilingCents === null
                            ? nl
                              ? 'geen'
                              : 'none'
                            : fmtValue(euros(c.ceilingCents), 'euro', lang)}
                        </TableCell>
                        <TableCell>
                          {useText(c, lang).total}
                          <br />
                          <small>{useText(c, lang).detail}</small>
                        </TableCell>
                        <TableCell className="zicht-num">
                          {c.youthsRunning === null ? '<10' : fmtInt(c.youthsRunning, lang)}
                        </TableCell>
                        <TableCell>{warningCell(c, lang)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableWrap>
              <CsvButtons
                def={DOWNLOADS.contracten}
                file={`contracten-${data.referenceDate}.csv`}
                rows={() => csvRows(data)}
                text={nl ? 'Download als CSV' : 'Download as CSV'}
              />
            </>
          )}
        </>
      )}
      <ProviderExitSection
        me={me}
        gemeente={gemeente}
        day={day}
        canMark={me.permissions.contracts}
        canList={me.role === 'analist' || me.role === 'teammanager'}
      />
    </section>
  );
}
