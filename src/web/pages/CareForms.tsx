/**
 * Beheer: the region's care-form mapping. Every product category with its zorgvorm and care level,
 * the catalogue default beside it; a change is saved per row and all figures follow (the server
 * rebuilds the lens).
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
import { ApiFailure, get, post } from '../api.js';
import { LangContext } from '../i18n.js';
import { TableWrap } from '../components/TableWrap.js';
import { FormMessage } from '../components/FormMessage.js';

interface MappingRow {
  productCategory: string;
  name: string;
  careForm: string;
  careLevel: string | null;
  defaultCareForm: string | null;
  defaultCareLevel: string | null;
  overridden: boolean;
}
interface Mapping {
  region: string;
  careForms: Array<{ id: string; nl: string; en: string }>;
  careLevels: string[];
  rows: MappingRow[];
}

export function CareFormMapping() {
  const nl = useContext(LangContext) === 'nl';
  const [data, setData] = useState<Mapping | null>(null);
  const [edits, setEdits] = useState<Record<string, { careForm: string; careLevel: string | null }>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = () => {
    get<Mapping>('/care-forms').then(
      (d) => {
        setData(d);
        setEdits({});
      },
      () => setData(null),
    );
  };
  useEffect(load, []);
  if (!data) return null;
  const formName = (id: string | null) => data.careForms.find((f) => f.id === id)?.[nl ? 'nl' : 'en'] ?? id ?? '–';
  const save = async (r: MappingRow) => {
    const e = edits[r.productCategory] ?? { careForm: r.careForm, careLevel: r.careLevel };
    setBusy(r.productCategory);
    setMessage(null);
    try {
      await post('/care-forms', { productCategory: r.productCategory, careForm: e.careForm, careLevel: e.careLevel });
      setMessage({
        ok: true,
        text: nl
          ? `Productcategorie ${r.productCategory} (${r.name}) telt nu als ${formName(e.careForm)}; alle cijfers zijn bijgewerkt.`
          : `Category ${r.productCategory} now counts as ${formName(e.careForm)}; all figures updated.`,
      });
      load();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="zicht-panel" aria-labelledby="careforms-title">
      <Heading level={2} id="careforms-title">
        {nl ? `Indeling in zorgvormen (regio ${data.region})` : `Care-form mapping (region ${data.region})`}
      </Heading>
      <Paragraph small className="zicht-muted">
        {nl
          ? 'Welke productcategorie (JZ020) telt als jeugdhulp zonder verblijf, met verblijf, jeugdbescherming of jeugdreclassering, en op welk niveau (voor op- en afschaling). Gelijk aan de standaard opslaan heft een afwijking op.'
          : 'Which product category counts as which care form and level. Saving the default removes an override.'}
      </Paragraph>
      <FormMessage message={message} />
      <TableWrap label={nl ? 'Indeling in zorgvormen' : 'Care-form mapping'}>
        <table className="utrecht-table zicht-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {(nl
                ? ['Productcategorie', 'Zorgvorm', 'Zorgniveau', 'Standaard', '']
                : ['Product category', 'Care form', 'Care level', 'Default', '']
              ).map((h, i) => (
                <th key={i} scope="col" className="utrecht-table__header-cell">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.rows.map((r) => {
              const e = edits[r.productCategory] ?? { careForm: r.careForm, careLevel: r.careLevel };
              const changed = e.careForm !== r.careForm || e.careLevel !== r.careLevel;
              return (
                <tr key={r.productCategory} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {r.productCategory} {r.name}
                    {r.overridden ? (nl ? ' (eigen indeling)' : ' (own)') : ''}
                  </th>
                  <td className="utrecht-table__cell">
                    <Select
                      aria-label={`${nl ? 'Zorgvorm van' : 'Care form of'} ${r.productCategory} ${r.name}`}
                      value={e.careForm}
                      onChange={(ev) =>
                        setEdits({ ...edits, [r.productCategory]: { ...e, careForm: ev.target.value } })
                      }
                    >
                      {data.careForms.map((f) => (
                        <SelectOption key={f.id} value={f.id}>
                          {nl ? f.nl : f.en}
                        </SelectOption>
                      ))}
                    </Select>
                  </td>
                  <td className="utrecht-table__cell">
                    <Select
                      aria-label={`${nl ? 'Zorgniveau van' : 'Care level of'} ${r.productCategory} ${r.name}`}
                      value={e.careLevel ?? ''}
                      onChange={(ev) =>
                        setEdits({ ...edits, [r.productCategory]: { ...e, careLevel: ev.target.value || null } })
                      }
                    >
                      <SelectOption value="">–</SelectOption>
                      {data.careLevels.map((l) => (
                        <SelectOption key={l} value={l}>
                          {l}
                        </SelectOption>
                      ))}
                    </Select>
                  </td>
                  <td className="utrecht-table__cell">
                    {formName(r.defaultCareForm)} / {r.defaultCareLevel ?? '–'}
                  </td>
                  <td className="utrecht-table__cell">
                    <Button
                      appearance="secondary-action-button"
                      disabled={!changed || busy !== null}
                      onClick={() => save(r)}
                    >
                      {busy === r.productCategory ? (nl ? 'Bezig …' : 'Saving …') : nl ? 'Opslaan' : 'Save'}
                      <span className="zicht-sr"> {r.productCategory}</span>
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

interface Norm {
  key: string;
  nl: string;
  en: string;
  unit: string;
  min: number;
  max: number;
  default: number;
  value: number;
  own: boolean;
}

/** Beheer: the region's norms, each with its default and allowed range; saving rebuilds the figures. */
export function Norms() {
  const nl = useContext(LangContext) === 'nl';
  const [data, setData] = useState<{ region: string; norms: Norm[] } | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = () => {
    get<{ region: string; norms: Norm[] }>('/norms').then(
      (d) => {
        setData(d);
        setValues(Object.fromEntries(d.norms.map((n) => [n.key, String(n.value)])));
      },
      () => setData(null),
    );
  };
  useEffect(load, []);
  if (!data) return null;
  const save = async (n: Norm) => {
    setMessage(null);
    try {
      await post('/norms', { key: n.key, value: Number(values[n.key]) });
      setMessage({
        ok: true,
        text: nl
          ? `${n.nl} ${values[n.key]} ${n.unit}: opgeslagen, de cijfers zijn bijgewerkt.`
          : `${n.en} ${values[n.key]}: saved.`,
      });
      load();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
    }
  };
  return (
    <section className="zicht-panel" aria-labelledby="norms-title">
      <Heading level={2} id="norms-title">
        {nl ? `Normen (regio ${data.region})` : `Norms (region ${data.region})`}
      </Heading>
      {data.norms.map((n) => (
        <form
          key={n.key}
          className="zicht-filters"
          onSubmit={(e) => {
            e.preventDefault();
            void save(n);
          }}
          aria-label={nl ? n.nl : n.en}
        >
          <FormField>
            <FormLabel htmlFor={`norm-${n.key}`}>
              {nl ? `${n.nl} (${n.unit}; standaard ${n.default})` : `${n.en} (${n.unit}; default ${n.default})`}
            </FormLabel>
            <Textbox
              id={`norm-${n.key}`}
              inputMode="numeric"
              required
              pattern="[0-9]{1,3}"
              value={values[n.key] ?? ''}
              onChange={(e) => setValues({ ...values, [n.key]: e.target.value })}
            />
          </FormField>
          <Button type="submit" appearance="secondary-action-button" disabled={values[n.key] === String(n.value)}>
            {nl ? 'Opslaan' : 'Save'}
            <span className="zicht-sr"> {n.nl}</span>
          </Button>
        </form>
      ))}
      <FormMessage message={message} />
    </section>
  );
}
