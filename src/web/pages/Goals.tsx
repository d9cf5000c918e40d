/** Doelen: goals with their derived status, the numbers behind it, and a form to set a goal. */
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, type Definition, type Me } from '../api.js';
import { fmtDate, fmtValue } from '../format.js';
import { LangContext } from '../i18n.js';
import { param } from '../url.js';
import { FormMessage } from '../components/FormMessage.js';

export interface Goal {
  id: number;
  gemeente: string;
  indicator: string;
  title: string;
  target: number;
  deadline: string;
  owner: string | null;
  series: Array<{ period: string; value: number | null }>;
  evaluation: {
    status: 'op koers' | 'aandacht' | 'achter' | 'onbekend';
    current: number | null;
    projected: number | null;
    explanationNl: string;
  };
  /** what the goal is measured with: the indicator or one of its splits (e.g. share within a norm) */
  measure?: { unit: string; nl: string; en: string };
}

const STATUS_EN: Record<Goal['evaluation']['status'], string> = {
  'op koers': 'on track',
  aandacht: 'needs attention',
  achter: 'behind',
  onbekend: 'unknown',
};

export function GoalList({
  goals,
  defs,
  me,
  compact = false,
}: {
  goals: Goal[];
  defs: Definition[];
  me: Me;
  compact?: boolean;
}) {
  const lang = useContext(LangContext);
  const indicatorUnit = (id: string) => defs.find((d) => d.id === id)?.unit ?? 'aantal';
  // a goal on a split has the split's unit (a share within a norm is a percentage, the waiting time days)
  const unitOf = (g: Goal) =>
    (g.measure?.unit as Parameters<typeof fmtValue>[1] | undefined) ?? indicatorUnit(g.indicator);
  const gname = (c: string) => me.gemeenten.find((g) => g.code === c)?.name ?? c;
  if (goals.length === 0)
    return <Paragraph>{lang === 'nl' ? 'Nog geen doelen vastgelegd.' : 'No goals yet.'}</Paragraph>;
  return (
    <ul className="zicht-goals">
      {goals.map((g) => (
        <li key={g.id} className={`zicht-goal zicht-goal--${g.evaluation.status.replace(' ', '-')}`}>
          <Paragraph>
            <strong>{g.title}</strong> · {gname(g.gemeente)}
          </Paragraph>
          {g.measure && (
            <Paragraph small className="zicht-muted">
              {lang === 'nl' ? 'Gemeten met' : 'Measured with'}: {lang === 'nl' ? g.measure.nl : g.measure.en}
            </Paragraph>
          )}
          <Paragraph>
            <span className="zicht-status">{lang === 'nl' ? g.evaluation.status : STATUS_EN[g.evaluation.status]}</span>
            {' · '}
            {lang === 'nl' ? 'nu' : 'now'} {fmtValue(g.evaluation.current, unitOf(g), lang)}
            {' · '}
            {lang === 'nl' ? 'streefwaarde' : 'target'} {fmtValue(g.target, unitOf(g), lang)}
            {' · '}
            {lang === 'nl' ? 'deadline' : 'deadline'} {fmtDate(g.deadline, lang)}
          </Paragraph>
          {!compact && (
            <Paragraph small className="zicht-muted">
              {g.series.map((s) => `${s.period}: ${fmtValue(s.value, unitOf(g), lang)}`).join(' · ')}
            </Paragraph>
          )}
          {!compact && (
            <Paragraph small className="zicht-muted">
              {g.evaluation.explanationNl}
              {g.owner ? ` Eigenaar: ${g.owner}.` : ''}
            </Paragraph>
          )}
        </li>
      ))}
    </ul>
  );
}

export function GoalsPage({ me, defs }: { me: Me; defs: Definition[] }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') ?? '';
  const [goals, setGoals] = useState<Goal[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ indicator: 'pct_youth_in_care', title: '', target: '', deadline: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = () => {
    get<Goal[]>('/goals', { gemeente: gemeente || undefined }).then(setGoals, (e: unknown) =>
      setError(e instanceof ApiFailure ? e.message : String(e)),
    );
  };
  useEffect(load, [gemeente]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await post('/goals', {
        gemeente: gemeente || me.gemeenten[0]!.code,
        indicator: form.indicator,
        title: form.title,
        target: Number(form.target.replace(',', '.')),
        deadline: form.deadline,
      });
      setMessage({ ok: true, text: nl ? 'Doel vastgelegd.' : 'Goal saved.' });
      load();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
    }
  };
  const usable = defs.filter((d) => d.allowed && !d.personLevel);
  return (
    <>
      {error && <Alert type="error">{error}</Alert>}
      {goals === null ? (
        <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>
      ) : (
        <GoalList goals={goals} defs={defs} me={me} />
      )}
      {me.permissions.narrative_write && (
        <section className="zicht-panel" aria-labelledby="goal-form-title">
          <Heading level={2} id="goal-form-title">
            {nl ? 'Doel vastleggen' : 'Set a goal'}
            {gemeente ? ` (${gemeente})` : ''}
          </Heading>
          <form onSubmit={submit} className="zicht-filters">
            <FormField>
              <FormLabel htmlFor="g-ind">{nl ? 'Indicator' : 'Indicator'}</FormLabel>
              <Select
                id="g-ind"
                value={form.indicator}
                onChange={(e) => setForm({ ...form, indicator: e.target.value })}
              >
                {usable.map((d) => (
                  <SelectOption key={d.id} value={d.id}>
                    {nl ? d.nameNl : d.nameEn}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
            <FormField>
              <FormLabel htmlFor="g-title">{nl ? 'Omschrijving' : 'Title'}</FormLabel>
              <Textbox
                id="g-title"
                required
                minLength={3}
                value={form.title}
                onChange={(e) => setForm({ ...form, title: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="g-target">{nl ? 'Streefwaarde' : 'Target'}</FormLabel>
              <Textbox
                id="g-target"
                required
                inputMode="decimal"
                pattern="-?[0-9]+([,.][0-9]+)?"
                value={form.target}
                onChange={(e) => setForm({ ...form, target: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="g-deadline">{nl ? 'Deadline' : 'Deadline'}</FormLabel>
              <Textbox
                id="g-deadline"
                type="date"
                required
                value={form.deadline}
                onChange={(e) => setForm({ ...form, deadline: e.target.value })}
              />
            </FormField>
            <Button type="submit" appearance="primary-action-button">
              {nl ? 'Opslaan' : 'Save'}
            </Button>
          </form>
          <FormMessage message={message} />
        </section>
      )}
    </>
  );
}
