/**
 * The form of Pilots en projecten (issue 21): record or change a pilot, for the roles that keep the register. Plain
 * labelled fields; evaluation moments added and removed by buttons, each in its own fieldset with its number in every
 * label; goals, stories and business cases of the gemeente chosen by checkboxes in fieldsets; the heading takes the
 * focus when a pilot is opened for change; the answer is said in a status region (FormMessage). Over 400 lines: one
 * form, its fields in the order a user fills them in, each with its label in both languages.
 */
import { useContext, useEffect, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, put, type Definition, type Me } from '../api.js';
import { EMPTY_NEW_GOAL, newGoalBody, PilotNewGoal, type NewGoalState } from './PilotNewGoal.js';
import { LangContext } from '../i18n.js';
import { FormMessage } from '../components/FormMessage.js';
import type { Goal } from './Goals.js';
import { BUDGET_SOURCE_TEXT, EVALUATION_OUTCOME_TEXT } from '../labels.js';

export interface FormState {
  id: number | null;
  gemeente: string;
  naam: string;
  omschrijving: string;
  budgetbron: string;
  budget: string;
  start: string;
  einde: string;
  eigenaar: string;
  doelen: number[];
  verhalen: number[];
  businessCases: number[];
  evaluaties: Array<{ gepland: string; uitkomst: string; besloten: string; besluit: string }>;
  nieuwDoel: NewGoalState;
}

export const emptyPilotForm = (gemeente: string): FormState => ({
  id: null,
  gemeente,
  naam: '',
  omschrijving: '',
  budgetbron: 'innovatie',
  budget: '',
  start: '',
  einde: '',
  eigenaar: '',
  doelen: [],
  verhalen: [],
  businessCases: [],
  evaluaties: [],
  nieuwDoel: EMPTY_NEW_GOAL,
});

/** "450.000,50" or "450000.5" → 450000.5; null when it is not an amount. */
export function parseEuro(text: string): number | null {
  const t = text.replace(/[€\s]/g, '');
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(t) ?? /^(\d+)\.(\d{1,2})$/.exec(t);
  if (!m) return null;
  return Number(`${m[1]!.replace(/\./g, '')}.${m[2] ?? '0'}`);
}

export function PilotForm({
  me,
  defs,
  initial,
  onSaved,
  onCancel,
}: {
  me: Me;
  defs: Definition[];
  initial: FormState;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [form, setForm] = useState<FormState>(initial);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [goals, setGoals] = useState<Goal[]>([]);
  const [stories, setStories] = useState<Array<{ id: number; body: string; gemeente: string }>>([]);
  const [cases, setCases] = useState<Array<{ spec: { id: number; title: string; gemeente: string } }>>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => setForm(initial), [initial]);
  useEffect(() => heading.current?.focus(), [initial]);
  useEffect(() => {
    const g = form.gemeente;
    get<Goal[]>('/goals', { gemeente: g }).then(setGoals, () => setGoals([]));
    get<Array<{ id: number; body: string; gemeente: string }>>('/narratives', { gemeente: g }).then(
      (s) => setStories(s.slice(0, 30)),
      () => setStories([]),
    );
    get<Array<{ spec: { id: number; title: string; gemeente: string } }>>('/business-cases', { gemeente: g }).then(
      setCases,
      () => setCases([]),
    );
    // again after a save (initial is reset then): a goal the pilot brought is a goal to link next time
  }, [form.gemeente, initial]);
  const toggle = (field: 'doelen' | 'verhalen' | 'businessCases', id: number) =>
    setForm({
      ...form,
      [field]: form[field].includes(id) ? form[field].filter((x) => x !== id) : [...form[field], id],
    });
  const setMoment = (i: number, patch: Partial<FormState['evaluaties'][number]>) =>
    setForm({ ...form, evaluaties: form.evaluaties.map((e, j) => (j === i ? { ...e, ...patch } : e)) });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const budget = parseEuro(form.budget);
    if (budget === null) {
      setMessage({
        ok: false,
        text: nl
          ? `Budget: "${form.budget}" is geen bedrag (bijvoorbeeld 450.000 of 450.000,50).`
          : `Budget: "${form.budget}" is not an amount (e.g. 450,000 or 450000.50).`,
      });
      return;
    }
    const body = {
      gemeente: form.gemeente,
      naam: form.naam,
      ...(form.omschrijving.trim() ? { omschrijving: form.omschrijving } : {}),
      budgetbron: form.budgetbron,
      budget,
      start: form.start,
      einde: form.einde,
      eigenaar: form.eigenaar,
      doelen: form.doelen,
      ...(newGoalBody(form.nieuwDoel) ? { nieuweDoelen: [newGoalBody(form.nieuwDoel)] } : {}),
      verhalen: form.verhalen,
      businessCases: form.businessCases,
      evaluaties: form.evaluaties.map((m) => ({
        gepland: m.gepland,
        ...(m.uitkomst ? { uitkomst: m.uitkomst, besloten: m.besloten } : {}),
        ...(m.uitkomst && m.besluit.trim() ? { besluit: m.besluit } : {}),
      })),
    };
    try {
      if (form.id === null) await post('/pilots', body);
      else await put(`/pilots/${form.id}`, body);
      setMessage({ ok: true, text: nl ? `Pilot "${form.naam}" opgeslagen.` : `Pilot "${form.naam}" saved.` });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
    }
  };
  const title =
    form.id === null
      ? nl
        ? 'Pilot of project vastleggen'
        : 'Record a pilot or project'
      : `${nl ? 'Wijzigen' : 'Change'}: ${initial.naam}`;
  return (
    <section className="zicht-panel" aria-labelledby="pilot-form-title">
      <Heading level={2} id="pilot-form-title" ref={heading} tabIndex={-1}>
        {title}
      </Heading>
      <form onSubmit={submit} aria-labelledby="pilot-form-title">
        {me.gemeenten.length > 1 && form.id === null && (
          <FormField>
            <FormLabel htmlFor="p-gemeente">{nl ? 'Gemeente' : 'Municipality'}</FormLabel>
            <Select
              id="p-gemeente"
              value={form.gemeente}
              onChange={(e) =>
                setForm({ ...form, gemeente: e.target.value, doelen: [], verhalen: [], businessCases: [] })
              }
            >
              {me.gemeenten.map((g) => (
                <SelectOption key={g.code} value={g.code}>
                  {g.name}
                </SelectOption>
              ))}
            </Select>
          </FormField>
        )}
        <FormField>
          <FormLabel htmlFor="p-naam">{nl ? 'Naam' : 'Name'}</FormLabel>
          <Textbox
            id="p-naam"
            required
            minLength={3}
            maxLength={200}
            value={form.naam}
            onChange={(e) => setForm({ ...form, naam: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="p-omschrijving">{nl ? 'Omschrijving' : 'Description'}</FormLabel>
          <Textarea
            id="p-omschrijving"
            maxLength={2000}
            value={form.omschrijving}
            onChange={(e) => setForm({ ...form, omschrijving: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="p-bron">{nl ? 'Budgetbron' : 'Budget source'}</FormLabel>
          <Select
            id="p-bron"
            value={form.budgetbron}
            onChange={(e) => setForm({ ...form, budgetbron: e.target.value })}
          >
            {Object.entries(BUDGET_SOURCE_TEXT).map(([k, [n, en]]) => (
              <SelectOption key={k} value={k}>
                {nl ? n : en}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField>
          <FormLabel htmlFor="p-budget">
            {nl ? 'Budget in euro (voor de hele looptijd)' : 'Budget in euros (whole horizon)'}
          </FormLabel>
          <Textbox
            id="p-budget"
            required
            inputMode="decimal"
            value={form.budget}
            onChange={(e) => setForm({ ...form, budget: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="p-start">{nl ? 'Startdatum' : 'Start date'}</FormLabel>
          <Textbox
            id="p-start"
            type="date"
            required
            value={form.start}
            onChange={(e) => setForm({ ...form, start: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="p-einde">{nl ? 'Einddatum' : 'End date'}</FormLabel>
          <Textbox
            id="p-einde"
            type="date"
            required
            value={form.einde}
            onChange={(e) => setForm({ ...form, einde: e.target.value })}
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor="p-eigenaar">
            {nl ? 'Eigenaar (rol of team, geen naam van een persoon)' : 'Owner (role or team, not a person’s name)'}
          </FormLabel>
          <Textbox
            id="p-eigenaar"
            required
            minLength={2}
            maxLength={100}
            value={form.eigenaar}
            onChange={(e) => setForm({ ...form, eigenaar: e.target.value })}
          />
        </FormField>
        <fieldset className="zicht-fieldset">
          <legend>{nl ? 'Doelen waaraan de pilot wordt gemeten' : 'Goals the pilot is measured by'}</legend>
          {goals.length === 0 ? (
            <Paragraph small>
              {nl ? 'Nog geen doelen: leg ze vast op de pagina Doelen.' : 'No goals yet: set them on Goals.'}
            </Paragraph>
          ) : (
            goals.map((g) => (
              <FormField key={g.id} type="checkbox">
                <Checkbox
                  id={`p-doel-${g.id}`}
                  checked={form.doelen.includes(g.id)}
                  onChange={() => toggle('doelen', g.id)}
                />
                <FormLabel htmlFor={`p-doel-${g.id}`} type="checkbox">
                  {g.title}
                </FormLabel>
              </FormField>
            ))
          )}
        </fieldset>
        <PilotNewGoal defs={defs} value={form.nieuwDoel} onChange={(v) => setForm({ ...form, nieuwDoel: v })} />
        {stories.length > 0 && (
          <fieldset className="zicht-fieldset">
            <legend>{nl ? 'Verhalen als onderbouwing' : 'Stories as evidence'}</legend>
            {stories.map((s) => (
              <FormField key={s.id} type="checkbox">
                <Checkbox
                  id={`p-verhaal-${s.id}`}
                  checked={form.verhalen.includes(s.id)}
                  onChange={() => toggle('verhalen', s.id)}
                />
                <FormLabel htmlFor={`p-verhaal-${s.id}`} type="checkbox">
                  {s.body.length > 120 ? `${s.body.slice(0, 117)}…` : s.body}
                </FormLabel>
              </FormField>
            ))}
          </fieldset>
        )}
        {cases.length > 0 && (
          <fieldset className="zicht-fieldset">
            <legend>{nl ? 'Business cases' : 'Business cases'}</legend>
            {cases.map((c) => (
              <FormField key={c.spec.id} type="checkbox">
                <Checkbox
                  id={`p-bc-${c.spec.id}`}
                  checked={form.businessCases.includes(c.spec.id)}
                  onChange={() => toggle('businessCases', c.spec.id)}
                />
                <FormLabel htmlFor={`p-bc-${c.spec.id}`} type="checkbox">
                  {c.spec.title}
                </FormLabel>
              </FormField>
            ))}
          </fieldset>
        )}
        <fieldset className="zicht-fieldset">
          <legend>{nl ? 'Evaluatiemomenten' : 'Evaluation moments'}</legend>
          {form.evaluaties.map((m, i) => {
            const n = i + 1;
            return (
              <fieldset key={i} className="zicht-fieldset">
                <legend>{nl ? `Evaluatiemoment ${n}` : `Evaluation moment ${n}`}</legend>
                <FormField>
                  <FormLabel htmlFor={`p-ev-${i}-gepland`}>
                    {nl ? `Gepland (moment ${n})` : `Planned (moment ${n})`}
                  </FormLabel>
                  <Textbox
                    id={`p-ev-${i}-gepland`}
                    type="date"
                    required
                    value={m.gepland}
                    onChange={(e) => setMoment(i, { gepland: e.target.value })}
                  />
                </FormField>
                <FormField>
                  <FormLabel htmlFor={`p-ev-${i}-uitkomst`}>
                    {nl ? `Uitkomst (moment ${n})` : `Outcome (moment ${n})`}
                  </FormLabel>
                  <Select
                    id={`p-ev-${i}-uitkomst`}
                    value={m.uitkomst}
                    onChange={(e) => setMoment(i, { uitkomst: e.target.value })}
                  >
                    <SelectOption value="">{nl ? 'nog niet besloten' : 'not decided yet'}</SelectOption>
                    {Object.entries(EVALUATION_OUTCOME_TEXT).map(([k, [a, b]]) => (
                      <SelectOption key={k} value={k}>
                        {nl ? a : b}
                      </SelectOption>
                    ))}
                  </Select>
                </FormField>
                {m.uitkomst && (
                  <>
                    <FormField>
                      <FormLabel htmlFor={`p-ev-${i}-besloten`}>
                        {nl ? `Besloten op (moment ${n})` : `Decided on (moment ${n})`}
                      </FormLabel>
                      <Textbox
                        id={`p-ev-${i}-besloten`}
                        type="date"
                        required
                        value={m.besloten}
                        onChange={(e) => setMoment(i, { besloten: e.target.value })}
                      />
                    </FormField>
                    <FormField>
                      <FormLabel htmlFor={`p-ev-${i}-besluit`}>
                        {nl
                          ? `Besluit in het kort, zonder persoonsgegevens (moment ${n})`
                          : `Decision in short, no personal data (moment ${n})`}
                      </FormLabel>
                      <Textbox
                        id={`p-ev-${i}-besluit`}
                        maxLength={500}
                        value={m.besluit}
                        onChange={(e) => setMoment(i, { besluit: e.target.value })}
                      />
                    </FormField>
                  </>
                )}
                <Button
                  appearance="subtle-button"
                  onClick={() => setForm({ ...form, evaluaties: form.evaluaties.filter((_, j) => j !== i) })}
                >
                  {nl ? `Evaluatiemoment ${n} verwijderen` : `Remove evaluation moment ${n}`}
                </Button>
              </fieldset>
            );
          })}
          <Button
            appearance="secondary-action-button"
            onClick={() =>
              setForm({
                ...form,
                evaluaties: [...form.evaluaties, { gepland: '', uitkomst: '', besloten: '', besluit: '' }],
              })
            }
          >
            {nl ? 'Evaluatiemoment toevoegen' : 'Add an evaluation moment'}
          </Button>
        </fieldset>
        <Button type="submit" appearance="primary-action-button">
          {nl ? 'Pilot opslaan' : 'Save pilot'}
        </Button>{' '}
        {form.id !== null && (
          <Button appearance="subtle-button" onClick={onCancel}>
            {nl ? 'Annuleren' : 'Cancel'}
          </Button>
        )}
      </form>
      <FormMessage message={message} />
    </section>
  );
}
