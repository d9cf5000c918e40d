/**
 * "Aanbieder stopt" (issue 19, the provider-exit view): the providers marked as stopping with, per mark, the
 * trajectories it touches in words and counts — affected, transferred, ended without transfer, still open after the
 * end date (the alarm), not yet transferred; definitions in docs/indicators.md "Aanbieder stopt". The roles of the
 * contract register mark, change and withdraw (`canMark`); the roles that see person-level data open the list of
 * trajectories (`canList`). Counts reach bestuur-like roles published ("minder dan 10").
 */
import { useContext, useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, del, get, put, type Me } from '../api.js';
import { fmtDate, fmtDateTime, fmtInt, type Lang } from '../format.js';
import { LangContext } from '../i18n.js';
import { providerLabel } from '../labels.js';
import { FormMessage } from './FormMessage.js';
import { TableWrap } from './TableWrap.js';
import { ExitTrajectories } from './ExitTrajectories.js';
import { REASONS, type Cell, type ExitOverview, type ExitReason, type ProviderExit } from './providerExitTypes.js';

const ACTION_WORDS: Record<ProviderExit['history'][number]['action'], [string, string]> = {
  gemeld: ['gemeld', 'marked'],
  gewijzigd: ['gewijzigd', 'changed'],
  ingetrokken: ['ingetrokken', 'withdrawn'],
};

/** A count in words: a hidden one is "minder dan 10". */
const count = (c: Cell, lang: Lang): string =>
  typeof c === 'number' ? fmtInt(c, lang) : lang === 'nl' ? 'minder dan 10' : 'fewer than 10';

const who = (e: ProviderExit) => providerLabel(e.provider, e.providerName);

export function ProviderExitSection({
  me,
  gemeente,
  day,
  canMark,
  canList,
}: {
  me: Me;
  gemeente: string;
  day: string;
  canMark: boolean;
  canList: boolean;
}) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gname = (code: string) => me.gemeenten.find((g) => g.code === code)?.name ?? code;
  const [data, setData] = useState<ExitOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [providers, setProviders] = useState<Array<{ agb: string; name: string | null }>>([]);
  const empty = {
    gemeente: gemeente || me.gemeenten[0]?.code || '',
    agb: '',
    einddatum: '',
    reden: '',
    toelichting: '',
  };
  const [form, setForm] = useState(empty);
  const [listOf, setListOf] = useState<ProviderExit | null>(null);
  const first = useRef<HTMLSelectElement | null>(null);
  const fail = (err: unknown) => (err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err));
  const load = () =>
    get<ExitOverview>('/stoppende-aanbieders', { gemeente: gemeente || undefined, peildatum: day || undefined }).then(
      setData,
      (e: unknown) => setError(fail(e)),
    );
  useEffect(() => {
    setData(null);
    setError(null);
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gemeente, day, nl]);
  useEffect(() => {
    if (!canMark || !form.gemeente) return;
    get<Array<{ agb: string; name: string | null }>>('/providers', { gemeente: form.gemeente }).then(setProviders, () =>
      setProviders([]),
    );
  }, [canMark, form.gemeente]);
  useEffect(() => {
    if (listOf) document.getElementById('ps-lijst-titel')?.focus();
  }, [listOf]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await put(`/stoppende-aanbieders/${form.gemeente}/${form.agb}`, {
        einddatum: form.einddatum,
        reden: form.reden,
        ...(form.toelichting.trim() ? { toelichting: form.toelichting.trim() } : {}),
      });
      setMessage({ ok: true, text: nl ? 'Stop vastgelegd.' : 'Exit recorded.' });
      setForm({ ...empty, gemeente: form.gemeente });
      await load();
    } catch (err) {
      setMessage({ ok: false, text: fail(err) });
    }
  };
  const edit = (x: ProviderExit) => {
    setForm({
      gemeente: x.gemeente,
      agb: x.provider,
      einddatum: x.endDate,
      reden: x.reason,
      toelichting: x.note ?? '',
    });
    setMessage(null);
    first.current?.focus();
  };
  const withdraw = async (x: ProviderExit) => {
    try {
      await del(`/stoppende-aanbieders/${x.gemeente}/${x.provider}`);
      setMessage({ ok: true, text: nl ? `Melding voor ${who(x)} ingetrokken.` : `Exit of ${who(x)} withdrawn.` });
      if (listOf?.provider === x.provider && listOf.gemeente === x.gemeente) setListOf(null);
      await load();
    } catch (err) {
      setMessage({ ok: false, text: fail(err) });
    }
  };

  const active = data?.exits.filter((x) => x.status === 'actief') ?? [];
  const withdrawn = data?.exits.filter((x) => x.status === 'ingetrokken') ?? [];
  const heads = nl
    ? [
        'Aanbieder',
        'Einddatum en reden',
        'Betrokken trajecten',
        'Overgedragen',
        'Beëindigd zonder overdracht',
        'Nog open na de einddatum',
        'Nog over te dragen',
        'Geschiedenis',
      ]
    : [
        'Provider',
        'End date and reason',
        'Trajectories affected',
        'Transferred',
        'Ended without transfer',
        'Still open after the end date',
        'Not yet transferred',
        'History',
      ];
  return (
    <section aria-labelledby="ps-titel" className="zicht-panel">
      <Heading level={2} id="ps-titel">
        {nl ? 'Aanbieder stopt' : 'Provider stops'}
      </Heading>
      <Paragraph small>
        {nl
          ? `Betrokken: trajecten bij de aanbieder die lopen op een dag vanaf de melding (of de einddatum, als die eerder is) tot en met de einddatum. Overgedragen: dezelfde jeugdige heeft een traject bij een andere aanbieder dat begint vanaf de melding of binnen ${data?.transferWindowDays ?? 30} dagen rond de einddatum. Nog open na de einddatum: niet overgedragen en na de einddatum niet beëindigd. Definities: docs/indicators.md.`
          : `Affected: trajectories with the provider running on a day from the marking (or the end date, if earlier) up to the end date. Transferred: the same youth has a trajectory with another provider starting from the marking or within ${data?.transferWindowDays ?? 30} days around the end date. Still open after the end date: not transferred and not ended after the end date.`}
      </Paragraph>
      {error && <Alert type="error">{error}</Alert>}
      {!data && !error && <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>}
      {active
        .filter((x) => x.alarm)
        .map((x) => (
          <Alert key={`${x.gemeente}-${x.provider}`} type="warning">
            {nl
              ? `Let op: ${count(x.counts!.openAfterEnd, lang)} trajecten bij ${who(x)} in ${gname(x.gemeente)} lopen na de einddatum ${fmtDate(x.endDate, lang)} nog door zonder overdracht.`
              : `Note: ${count(x.counts!.openAfterEnd, lang)} trajectories with ${who(x)} in ${gname(x.gemeente)} are still open after the end date ${fmtDate(x.endDate, lang)} without a transfer.`}
          </Alert>
        ))}
      {data && active.length === 0 && (
        <Paragraph>{nl ? 'Geen stoppende aanbieders gemeld.' : 'No stopping providers marked.'}</Paragraph>
      )}
      {data && active.length > 0 && (
        <TableWrap
          label={
            nl
              ? `Stoppende aanbieders op ${fmtDate(data.referenceDate, lang)}`
              : `Stopping providers on ${fmtDate(data.referenceDate, lang)}`
          }
        >
          <table className="utrecht-table zicht-table">
            <caption className="zicht-sr">
              {nl
                ? `Stoppende aanbieders op ${fmtDate(data.referenceDate, lang)}`
                : `Stopping providers on ${fmtDate(data.referenceDate, lang)}`}
            </caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {heads.map((h) => (
                  <th key={h} scope="col" className="utrecht-table__header-cell">
                    {h}
                  </th>
                ))}
                {(canMark || canList) && (
                  <th scope="col" className="utrecht-table__header-cell">
                    {nl ? 'Acties' : 'Actions'}
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {active.map((x) => (
                <tr key={`${x.gemeente}-${x.provider}`} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {who(x)}
                    <br />
                    <small>{gname(x.gemeente)}</small>
                  </th>
                  <td className="utrecht-table__cell">
                    {fmtDate(x.endDate, lang)} ({nl ? x.reasonNl : x.reasonEn})
                    {x.note && <span className="zicht-note"> {x.note}</span>}
                  </td>
                  {(
                    ['affected', 'transferred', 'endedWithoutTransfer', 'openAfterEnd', 'notYetTransferred'] as const
                  ).map((k) => (
                    <td key={k} className="utrecht-table__cell zicht-num">
                      {count(x.counts![k], lang)}
                    </td>
                  ))}
                  <td className="utrecht-table__cell">
                    <ul className="utrecht-unordered-list">
                      {x.history.map((h, i) => (
                        <li key={i}>
                          {ACTION_WORDS[h.action][nl ? 0 : 1]} {fmtDateTime(h.at, lang)}
                          {h.by ? ` (${h.by})` : ''}: {fmtDate(h.endDate, lang)},{' '}
                          {REASONS.find((r) => r[0] === h.reason)?.[nl ? 1 : 2]}
                        </li>
                      ))}
                    </ul>
                  </td>
                  {(canMark || canList) && (
                    <td className="utrecht-table__cell">
                      {canList && (
                        <Button appearance="secondary-action-button" onClick={() => setListOf(x)}>
                          {nl ? `Trajecten bij ${who(x)}` : `Trajectories with ${who(x)}`}
                        </Button>
                      )}
                      {canMark && (
                        <>
                          <Button appearance="secondary-action-button" onClick={() => edit(x)}>
                            {nl ? `Wijzig melding ${who(x)}` : `Change exit ${who(x)}`}
                          </Button>{' '}
                          <Button appearance="subtle-button" onClick={() => void withdraw(x)}>
                            {nl ? `Trek melding ${who(x)} in` : `Withdraw exit ${who(x)}`}
                          </Button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {withdrawn.length > 0 && (
        <Paragraph small>
          {nl ? 'Ingetrokken meldingen: ' : 'Withdrawn exits: '}
          {withdrawn.map((x) => `${who(x)} in ${gname(x.gemeente)} (einddatum ${fmtDate(x.endDate, lang)})`).join('; ')}
        </Paragraph>
      )}
      {listOf && (
        <ExitTrajectories
          exit={listOf}
          day={day}
          title={
            nl
              ? `Trajecten bij ${who(listOf)} in ${gname(listOf.gemeente)}`
              : `Trajectories with ${who(listOf)} in ${gname(listOf.gemeente)}`
          }
        />
      )}
      {canMark && (
        <form onSubmit={submit} className="zicht-filters" aria-labelledby="ps-form-titel">
          <Heading level={3} id="ps-form-titel">
            {nl ? 'Stoppende aanbieder melden of wijzigen' : 'Mark or change a stopping provider'}
          </Heading>
          <FormField>
            <FormLabel htmlFor="ps-gemeente">{nl ? 'Gemeente' : 'Municipality'}</FormLabel>
            <Select
              id="ps-gemeente"
              ref={first}
              required
              value={form.gemeente}
              onChange={(e) => setForm({ ...form, gemeente: e.target.value, agb: '' })}
            >
              {me.gemeenten.map((g) => (
                <SelectOption key={g.code} value={g.code}>
                  {g.name}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField>
            <FormLabel htmlFor="ps-aanbieder">{nl ? 'Aanbieder' : 'Provider'}</FormLabel>
            <Select
              id="ps-aanbieder"
              required
              value={form.agb}
              onChange={(e) => setForm({ ...form, agb: e.target.value })}
            >
              <SelectOption value="">{nl ? 'Kies een aanbieder' : 'Choose a provider'}</SelectOption>
              {providers.map((p) => (
                <SelectOption key={p.agb} value={p.agb}>
                  {providerLabel(p.agb, p.name)}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField>
            <FormLabel htmlFor="ps-einddatum">{nl ? 'Einddatum (laatste dag)' : 'End date (last day)'}</FormLabel>
            <Textbox
              id="ps-einddatum"
              type="date"
              required
              value={form.einddatum}
              onChange={(e) => setForm({ ...form, einddatum: e.target.value })}
            />
          </FormField>
          <FormField>
            <FormLabel htmlFor="ps-reden">{nl ? 'Reden' : 'Reason'}</FormLabel>
            <Select
              id="ps-reden"
              required
              value={form.reden}
              onChange={(e) => setForm({ ...form, reden: e.target.value as ExitReason })}
            >
              <SelectOption value="">{nl ? 'Kies een reden' : 'Choose a reason'}</SelectOption>
              {REASONS.map(([code, rnl, ren]) => (
                <SelectOption key={code} value={code}>
                  {nl ? rnl : ren}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField>
            <FormLabel htmlFor="ps-toelichting">{nl ? 'Toelichting' : 'Note'}</FormLabel>
            <Textarea
              id="ps-toelichting"
              maxLength={2000}
              value={form.toelichting}
              onChange={(e) => setForm({ ...form, toelichting: e.target.value })}
            />
          </FormField>
          <Button type="submit" appearance="primary-action-button">
            {nl ? 'Stop vastleggen' : 'Record exit'}
          </Button>
        </form>
      )}
      <FormMessage message={message} />
    </section>
  );
}
