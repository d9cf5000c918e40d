/**
 * A new goal recorded with a pilot (issue 21, `nieuweDoelen` of POST/PUT /pilots): indicator, words, target and
 * deadline, checked by the server as on the Doelen page. Empty words: no new goal.
 */
import { useContext } from 'react';
import { FormField, FormLabel, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import type { Definition } from '../api.js';
import { LangContext } from '../i18n.js';

export interface NewGoalState {
  indicator: string;
  title: string;
  target: string;
  deadline: string;
}

export const EMPTY_NEW_GOAL: NewGoalState = { indicator: 'pct_youth_in_care', title: '', target: '', deadline: '' };

/** The goal as the API takes it, or null when none was written. */
export function newGoalBody(g: NewGoalState) {
  if (!g.title.trim()) return null;
  return { indicator: g.indicator, title: g.title, target: Number(g.target.replace(',', '.')), deadline: g.deadline };
}

export function PilotNewGoal({
  defs,
  value,
  onChange,
}: {
  defs: Definition[];
  value: NewGoalState;
  onChange: (v: NewGoalState) => void;
}) {
  const nl = useContext(LangContext) === 'nl';
  const usable = defs.filter((d) => d.allowed && !d.personLevel);
  const writing = value.title.trim() !== '';
  return (
    <fieldset className="zicht-fieldset">
      <legend>{nl ? 'Nieuw doel bij deze pilot (optioneel)' : 'New goal with this pilot (optional)'}</legend>
      <FormField>
        <FormLabel htmlFor="p-nd-title">{nl ? 'Omschrijving nieuw doel' : 'New goal’s title'}</FormLabel>
        <Textbox
          id="p-nd-title"
          maxLength={200}
          value={value.title}
          onChange={(e) => onChange({ ...value, title: e.target.value })}
        />
      </FormField>
      <FormField>
        <FormLabel htmlFor="p-nd-ind">{nl ? 'Indicator nieuw doel' : 'New goal’s indicator'}</FormLabel>
        <Select
          id="p-nd-ind"
          value={value.indicator}
          onChange={(e) => onChange({ ...value, indicator: e.target.value })}
        >
          {usable.map((d) => (
            <SelectOption key={d.id} value={d.id}>
              {nl ? d.nameNl : d.nameEn}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="p-nd-target">{nl ? 'Streefwaarde nieuw doel' : 'New goal’s target'}</FormLabel>
        <Textbox
          id="p-nd-target"
          required={writing}
          inputMode="decimal"
          pattern="-?[0-9]+([,.][0-9]+)?"
          value={value.target}
          onChange={(e) => onChange({ ...value, target: e.target.value })}
        />
      </FormField>
      <FormField>
        <FormLabel htmlFor="p-nd-deadline">{nl ? 'Deadline nieuw doel' : 'New goal’s deadline'}</FormLabel>
        <Textbox
          id="p-nd-deadline"
          type="date"
          required={writing}
          value={value.deadline}
          onChange={(e) => onChange({ ...value, deadline: e.target.value })}
        />
      </FormField>
    </fieldset>
  );
}
