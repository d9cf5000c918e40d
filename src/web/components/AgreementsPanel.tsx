/**
 * The agreements of the quarterly talk with a provider (issue 19): recording what was agreed and updating the status
 * of earlier agreements, for the roles that hold the contract register. The Kwartaalgesprek page (pages/ProviderTalk)
 * shows it below the report, whose section "Afspraken" shows the agreements to everyone.
 */
import { useContext, useEffect, useState } from 'react';
import {
  Button,
  FormField,
  FormLabel,
  Heading,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, patch, post } from '../api.js';
import { fmtDateTime } from '../format.js';
import { LangContext } from '../i18n.js';
import { TableWrap } from './TableWrap.js';
import { FormMessage } from './FormMessage.js';

interface Agreement {
  id: number;
  quarter: string;
  body: string;
  owner: string | null;
  dueDate: string | null;
  status: 'open' | 'afgerond' | 'vervallen';
  statusNote: string | null;
  history: Array<{ status: 'open' | 'afgerond' | 'vervallen'; note: string | null; by: string | null; at: string }>;
}
const STATUS_LABEL: Record<Agreement['status'], [string, string]> = {
  open: ['open', 'open'],
  afgerond: ['afgerond', 'done'],
  vervallen: ['vervallen', 'dropped'],
};

/**
 * Recording what was agreed in the talk, and the status of earlier agreements (the roles of the contract register).
 * The report section above shows them to everyone; `onChange` reloads it.
 */
export function AgreementsPanel({
  gemeente,
  agb,
  quarter,
  onChange,
}: {
  gemeente: string;
  agb: string;
  quarter: string;
  onChange: () => void;
}) {
  const nl = useContext(LangContext) === 'nl';
  const [list, setList] = useState<{ current: Agreement[]; earlier: Agreement[] } | null>(null);
  const [form, setForm] = useState({ afspraak: '', eigenaar: '', uiterlijk: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fail = (err: unknown) =>
    setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
  const load = () =>
    get<{ current: Agreement[]; earlier: Agreement[] }>('/afspraken', {
      gemeente,
      aanbieder: agb,
      kwartaal: quarter,
    }).then(setList, fail);
  useEffect(() => {
    setList(null);
    setMessage(null);
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gemeente, agb, quarter]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await post('/afspraken', {
        gemeente,
        aanbieder: agb,
        kwartaal: quarter,
        afspraak: form.afspraak,
        ...(form.eigenaar.trim() ? { eigenaar: form.eigenaar.trim() } : {}),
        ...(form.uiterlijk ? { uiterlijk: form.uiterlijk } : {}),
      });
      setForm({ afspraak: '', eigenaar: '', uiterlijk: '' });
      setMessage({ ok: true, text: nl ? 'Afspraak vastgelegd.' : 'Agreement recorded.' });
      await load();
      onChange();
    } catch (err) {
      fail(err);
    }
  };
  const setStatus = async (a: Agreement, status: Agreement['status']) => {
    try {
      await patch(`/afspraken/${a.id}`, { status });
      setMessage({ ok: true, text: nl ? 'Stand bijgewerkt.' : 'Status updated.' });
      await load();
      onChange();
    } catch (err) {
      fail(err);
    }
  };
  const all = list ? [...list.earlier, ...list.current] : [];
  return (
    <section className="zicht-panel" aria-labelledby="pt-afspraken">
      <Heading level={2} id="pt-afspraken">
        {nl ? 'Afspraken vastleggen en bijwerken' : 'Record and update agreements'}
      </Heading>
      {all.length > 0 && (
        <TableWrap label={nl ? 'Afspraken en hun stand' : 'Agreements and their status'} full>
          <table className="utrecht-table zicht-table">
            <caption className="zicht-sr">{nl ? 'Afspraken en hun stand' : 'Agreements and their status'}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  {nl ? 'Afspraak' : 'Agreement'}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {nl ? 'Kwartaal' : 'Quarter'}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {nl ? 'Stand' : 'Status'}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {nl ? 'Eerdere standen' : 'Earlier statuses'}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {all.map((a) => (
                <tr key={a.id} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {a.body}
                  </th>
                  <td className="utrecht-table__cell">{a.quarter.replace('Q', ' kwartaal ')}</td>
                  <td className="utrecht-table__cell">
                    <Select
                      aria-label={`${nl ? 'Stand van' : 'Status of'} ${a.body.slice(0, 60)}`}
                      value={a.status}
                      onChange={(e) => void setStatus(a, e.target.value as Agreement['status'])}
                    >
                      {(Object.keys(STATUS_LABEL) as Agreement['status'][]).map((k) => (
                        <SelectOption key={k} value={k}>
                          {STATUS_LABEL[k][nl ? 0 : 1]}
                        </SelectOption>
                      ))}
                    </Select>
                    {a.statusNote && <span className="zicht-note"> {a.statusNote}</span>}
                  </td>
                  <td className="utrecht-table__cell">
                    {a.history.length === 0 ? (
                      nl ? (
                        'nog niet gewijzigd'
                      ) : (
                        'not changed yet'
                      )
                    ) : (
                      <ul className="utrecht-unordered-list">
                        {a.history.map((h, i) => (
                          <li key={i}>
                            {STATUS_LABEL[h.status][nl ? 0 : 1]}, {fmtDateTime(h.at, nl ? 'nl' : 'en')}
                            {h.by ? ` (${h.by})` : ''}
                            {h.note ? `: ${h.note}` : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <form onSubmit={submit} className="zicht-filters" aria-label={nl ? 'Nieuwe afspraak' : 'New agreement'}>
        <FormField>
          <FormLabel htmlFor="pt-afspraak">{nl ? 'Afspraak' : 'Agreement'}</FormLabel>
          <Textarea
            id="pt-afspraak"
            required
            minLength={3}
            maxLength={2000}
            value={form.afspraak}
            onChange={(e) => setForm({ ...form, afspraak: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="pt-eigenaar">{nl ? 'Eigenaar' : 'Owner'}</FormLabel>
          <Textbox
            id="pt-eigenaar"
            maxLength={100}
            value={form.eigenaar}
            onChange={(e) => setForm({ ...form, eigenaar: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="pt-uiterlijk">{nl ? 'Uiterlijk' : 'Due'}</FormLabel>
          <Textbox
            id="pt-uiterlijk"
            type="date"
            value={form.uiterlijk}
            onChange={(e) => setForm({ ...form, uiterlijk: e.target.value })}
          />
        </FormField>
        <Button type="submit" appearance="primary-action-button">
          {nl ? 'Afspraak vastleggen' : 'Record agreement'}
        </Button>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
