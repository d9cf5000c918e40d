/**
 * The beheerder's setting on the page Evaluaties (issue 21): the evaluation rhythm of a gemeente, for the whole gemeente,
 * a product category or a product code (PUT /api/v1/evaluaties/ritme). Without one Zicht derives no moments.
 */
import { useContext, useEffect, useState } from 'react';
import {
  Button,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, put, type Me } from '../api.js';
import { LangContext } from '../i18n.js';
import { FormMessage, type FormMessageValue } from './FormMessage.js';

interface RhythmView {
  gemeente: string;
  defaultRhythmMonths: number;
  settings: { productCategory: string; productCode: string; rhythmMonths: number }[];
}

/** The beheerder's setting: the evaluation rhythm of a gemeente, per product category or product code. */
export function RhythmPanel({ gemeenten, initial }: { gemeenten: Me['gemeenten']; initial: string }) {
  const nl = useContext(LangContext) === 'nl';
  const [gemeente, setGemeente] = useState(initial || (gemeenten[0]?.code ?? ''));
  const [view, setView] = useState<RhythmView | null>(null);
  const [form, setForm] = useState({ categorie: '', code: '', maanden: '3' });
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const say = (e: unknown) => (e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e));
  useEffect(() => {
    if (!gemeente) return;
    get<RhythmView>('/evaluaties/ritme', { gemeente }).then(setView, (e: unknown) =>
      setMessage({ ok: false, text: say(e) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gemeente]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const v = await put<RhythmView>('/evaluaties/ritme', {
        gemeente,
        productcategorie: form.categorie.trim(),
        productcode: form.code.trim(),
        maanden: Number(form.maanden),
      });
      setView(v);
      setMessage({ ok: true, text: nl ? 'Ritme vastgelegd.' : 'Rhythm recorded.' });
    } catch (err) {
      setMessage({ ok: false, text: say(err) });
    }
  };
  const scope = (c: string, p: string) =>
    p
      ? `${nl ? 'productcode' : 'product code'} ${p}`
      : c
        ? `${nl ? 'productcategorie' : 'product category'} ${c}`
        : nl
          ? 'de hele gemeente'
          : 'the whole municipality';
  return (
    <section className="zicht-panel" aria-labelledby="evaluatie-ritme">
      <Heading level={2} id="evaluatie-ritme">
        {nl ? 'Evaluatieritme' : 'Evaluation rhythm'}
      </Heading>
      <Paragraph>
        {nl
          ? 'Zonder ritme leidt Zicht geen momenten af en telt alleen wat de gemeente vastlegt. 0 maanden: geen evaluaties voor die producten.'
          : 'Without a rhythm Zicht derives no moments and counts only what the gemeente records. 0 months: no evaluations for those products.'}
      </Paragraph>
      {view && (
        <ul className="utrecht-unordered-list" aria-label={nl ? 'Ingesteld ritme' : 'Rhythm set'}>
          {view.settings.length === 0 && <li>{nl ? 'nog geen ritme ingesteld' : 'no rhythm set yet'}</li>}
          {view.settings.map((r) => (
            <li key={`${r.productCategory}|${r.productCode}`}>
              {scope(r.productCategory, r.productCode)}:{' '}
              {r.rhythmMonths === 0
                ? nl
                  ? 'geen evaluaties'
                  : 'no evaluations'
                : nl
                  ? `elke ${r.rhythmMonths} maanden`
                  : `every ${r.rhythmMonths} months`}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="zicht-filters" aria-label={nl ? 'Ritme instellen' : 'Set the rhythm'}>
        <FormField>
          <FormLabel htmlFor="ritme-gemeente">{nl ? 'Gemeente' : 'Municipality'}</FormLabel>
          <Select id="ritme-gemeente" value={gemeente} onChange={(e) => setGemeente(e.target.value)}>
            {gemeenten.map((g) => (
              <SelectOption key={g.code} value={g.code}>
                {g.name}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField>
          <FormLabel htmlFor="ritme-categorie">
            {nl ? 'Productcategorie (leeg: alle)' : 'Product category (empty: all)'}
          </FormLabel>
          <Textbox
            id="ritme-categorie"
            maxLength={2}
            inputMode="numeric"
            value={form.categorie}
            onChange={(e) => setForm({ ...form, categorie: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="ritme-code">{nl ? 'Productcode (leeg: alle)' : 'Product code (empty: all)'}</FormLabel>
          <Textbox
            id="ritme-code"
            maxLength={20}
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="ritme-maanden">{nl ? 'Elke … maanden' : 'Every … months'}</FormLabel>
          <Textbox
            id="ritme-maanden"
            type="number"
            min={0}
            max={24}
            required
            value={form.maanden}
            onChange={(e) => setForm({ ...form, maanden: e.target.value })}
          />
        </FormField>
        <Button type="submit" appearance="primary-action-button">
          {nl ? 'Ritme vastleggen' : 'Record rhythm'}
        </Button>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
