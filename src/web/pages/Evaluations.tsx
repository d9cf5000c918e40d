/**
 * Evaluaties na verwijzing (issue 21, light follow-up after referral): the share of due evaluation moments held on
 * time (evaluation_timeliness, split by team, status, product category or origin), the overdue evaluations of running
 * trajectories — a team manager its own team's, an analist every team's — and the form to record a moment (analist,
 * teammanager for its own team, beheerder). Pseudonymous: trajectory id, team, product, dates; no name, no note.
 */
import type { PageProps } from './pageProps.js';
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
import { param } from '../url.js';
import { fmtDate, fmtValue } from '../format.js';
import { TableWrap } from '../components/TableWrap.js';
import { IndicatorPanel } from '../components/IndicatorPanel.js';
import { FormMessage, type FormMessageValue } from '../components/FormMessage.js';
import { RhythmPanel } from '../components/RhythmPanel.js';

interface OverdueRow {
  gemeente: string;
  trajectory: string;
  team: string | null;
  productCategory: string;
  productCode: string | null;
  planned: string;
  daysOverdue: number;
  overdue: number;
  origin: 'vastgelegd' | 'afgeleid';
}

/** The outcomes as a user reads them (domain/evaluations.ts holds the codes). */
const OUTCOMES: ReadonlyArray<[string, string, string]> = [
  ['doorgaan', 'doorgaan', 'continue'],
  ['afschalen', 'afschalen', 'step down'],
  ['opschalen', 'opschalen', 'step up'],
  ['beeindigen', 'beëindigen', 'end'],
];
const ROLES: ReadonlyArray<[string, string]> = [
  ['jeugdconsulent', 'jeugdconsulent'],
  ['gezinscoach', 'gezinscoach'],
  ['casusregisseur', 'casusregisseur'],
  ['poh_jeugd', 'POH-jeugd'],
  ['gedragswetenschapper', 'gedragswetenschapper'],
  ['gecertificeerde_instelling', 'gecertificeerde instelling'],
];

const EMPTY = { traject: '', gepland: '', gehouden: '', uitkomst: '', door: '' };

export function EvaluationsPage({ me, periods, defs }: PageProps) {
  const nl = useContext(LangContext) === 'nl';
  const lang = nl ? 'nl' : 'en';
  const gemeente = param('gemeente') ?? (me.gemeenten.length === 1 ? me.gemeenten[0]!.code : '');
  const period = param('periode') ?? periods.defaultPeriod;
  const def = defs.find((d) => d.id === 'evaluation_timeliness');
  const names = Object.fromEntries(me.gemeenten.map((g) => [g.code, g.name]));
  const [list, setList] = useState<{ asOf: string; rows: OverdueRow[] } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [formGemeente, setFormGemeente] = useState(me.team?.gemeente ?? gemeente ?? '');
  const [message, setMessage] = useState<FormMessageValue | null>(null);
  const [version, setVersion] = useState(0);
  const say = (e: unknown) => (e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e));
  useEffect(() => {
    if (!me.permissions.person_level || me.role === 'aanbieder') return;
    setListError(null);
    get<{ asOf: string; rows: OverdueRow[] }>('/evaluaties/achterstallig', { gemeente: gemeente || undefined }).then(
      setList,
      (e: unknown) => setListError(say(e)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gemeente, version, nl]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await post('/evaluaties', {
        gemeente: formGemeente,
        traject: form.traject.trim(),
        geplandeDatum: form.gepland,
        gehoudenDatum: form.gehouden || null,
        uitkomst: form.uitkomst || null,
        uitgevoerdDoor: form.door || null,
      });
      setForm(EMPTY);
      setMessage({
        ok: true,
        text: nl
          ? `Evaluatie van traject ${form.traject.trim()} vastgelegd.`
          : `Evaluation of trajectory ${form.traject.trim()} recorded.`,
      });
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage({ ok: false, text: say(err) });
    }
  };
  const team = me.role === 'teammanager' ? me.team?.code : undefined;
  return (
    <>
      {def?.allowed && (
        <div className="zicht-panels">
          <IndicatorPanel
            def={def}
            gemeente={gemeente}
            periods={[period]}
            by="team"
            names={names}
            canWrite={me.permissions.narrative_write}
            team={team}
          />
          <IndicatorPanel
            def={def}
            gemeente={gemeente}
            periods={[period]}
            by="stand"
            names={names}
            canWrite={me.permissions.narrative_write}
            team={team}
          />
        </div>
      )}
      {me.permissions.person_level && me.role !== 'aanbieder' && (
        <section className="zicht-panel" aria-labelledby="evaluaties-achterstallig">
          <Heading level={2} id="evaluaties-achterstallig">
            {team
              ? nl
                ? `Achterstallige evaluaties van ${team}`
                : `Overdue evaluations of ${team}`
              : nl
                ? 'Achterstallige evaluaties'
                : 'Overdue evaluations'}
          </Heading>
          <Paragraph>
            {nl
              ? 'Lopende trajecten met een evaluatie die niet binnen 14 dagen na de geplande datum is gehouden. "Afgeleid" is een moment uit het ritme van de gemeente waarvoor niets is vastgelegd. Elke opvraging wordt gelogd.'
              : 'Running trajectories with an evaluation not held within 14 days of its planned date. "Derived" is a moment from the gemeente’s rhythm for which nothing was recorded. Every request is logged.'}
          </Paragraph>
          {listError && <FormMessage message={{ ok: false, text: listError }} />}
          {!list && !listError && <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>}
          {list && list.rows.length === 0 && (
            <Paragraph>
              {nl
                ? `Geen achterstallige evaluaties op ${fmtDate(list.asOf, lang)}.`
                : `No overdue evaluations on ${fmtDate(list.asOf, lang)}.`}
            </Paragraph>
          )}
          {list && list.rows.length > 0 && (
            <TableWrap label={nl ? 'Achterstallige evaluaties' : 'Overdue evaluations'}>
              <table className="utrecht-table">
                <caption className="utrecht-table__caption">
                  {nl
                    ? `${fmtValue(list.rows.length, 'aantal', lang)} trajecten met een achterstallige evaluatie op ${fmtDate(list.asOf, lang)}`
                    : `${fmtValue(list.rows.length, 'aantal', lang)} trajectories with an overdue evaluation on ${fmtDate(list.asOf, lang)}`}
                </caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    {(nl
                      ? ['Traject', 'Team', 'Product', 'Gepland', 'Dagen over tijd', 'Achterstallig', 'Herkomst']
                      : ['Trajectory', 'Team', 'Product', 'Planned', 'Days overdue', 'Overdue', 'Origin']
                    ).map((h) => (
                      <th key={h} scope="col" className="utrecht-table__header-cell">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {list.rows.map((r) => (
                    <tr key={`${r.gemeente}|${r.trajectory}`} className="utrecht-table__row">
                      <th scope="row" className="utrecht-table__header-cell">
                        {r.trajectory}
                      </th>
                      <td className="utrecht-table__cell">{r.team ?? (nl ? 'onbekend' : 'unknown')}</td>
                      <td className="utrecht-table__cell">{r.productCode ?? r.productCategory}</td>
                      <td className="utrecht-table__cell">{fmtDate(r.planned, lang)}</td>
                      <td className="utrecht-table__cell utrecht-table__cell--numeric">
                        {fmtValue(r.daysOverdue, 'aantal', lang)}
                      </td>
                      <td className="utrecht-table__cell utrecht-table__cell--numeric">
                        {fmtValue(r.overdue, 'aantal', lang)}
                      </td>
                      <td className="utrecht-table__cell">
                        {r.origin === 'afgeleid' ? (nl ? 'afgeleid' : 'derived') : nl ? 'vastgelegd' : 'recorded'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      )}
      {me.permissions.users && me.permissions.evaluations && (
        <RhythmPanel gemeenten={me.gemeenten} initial={gemeente} />
      )}
      {me.permissions.evaluations && (
        <section className="zicht-panel" aria-labelledby="evaluatie-invoeren">
          <Heading level={2} id="evaluatie-invoeren">
            {nl ? 'Evaluatie vastleggen' : 'Record an evaluation'}
          </Heading>
          <Paragraph>
            {nl
              ? 'Alleen datums, een uitkomst en wie het hield als rol of team: geen notities of namen.'
              : 'Only dates, an outcome and who held it as a role or team: no notes or names.'}
          </Paragraph>
          <form
            onSubmit={submit}
            className="zicht-filters"
            aria-label={nl ? 'Evaluatie vastleggen' : 'Record an evaluation'}
          >
            {!me.team && me.gemeenten.length > 1 && (
              <FormField>
                <FormLabel htmlFor="ev-gemeente">{nl ? 'Gemeente' : 'Municipality'}</FormLabel>
                <Select
                  id="ev-gemeente"
                  required
                  value={formGemeente}
                  onChange={(e) => setFormGemeente(e.target.value)}
                >
                  <SelectOption value="">{nl ? 'Kies een gemeente' : 'Choose a municipality'}</SelectOption>
                  {me.gemeenten.map((g) => (
                    <SelectOption key={g.code} value={g.code}>
                      {g.name}
                    </SelectOption>
                  ))}
                </Select>
              </FormField>
            )}
            <FormField>
              <FormLabel htmlFor="ev-traject">{nl ? 'Traject' : 'Trajectory'}</FormLabel>
              <Textbox
                id="ev-traject"
                required
                maxLength={80}
                value={form.traject}
                onChange={(e) => setForm({ ...form, traject: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="ev-gepland">{nl ? 'Geplande datum' : 'Planned date'}</FormLabel>
              <Textbox
                id="ev-gepland"
                type="date"
                required
                value={form.gepland}
                onChange={(e) => setForm({ ...form, gepland: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="ev-gehouden">
                {nl ? 'Gehouden op (leeg: nog niet)' : 'Held on (empty: not yet)'}
              </FormLabel>
              <Textbox
                id="ev-gehouden"
                type="date"
                value={form.gehouden}
                onChange={(e) => setForm({ ...form, gehouden: e.target.value })}
              />
            </FormField>
            <FormField>
              <FormLabel htmlFor="ev-uitkomst">{nl ? 'Uitkomst' : 'Outcome'}</FormLabel>
              <Select
                id="ev-uitkomst"
                value={form.uitkomst}
                onChange={(e) => setForm({ ...form, uitkomst: e.target.value })}
              >
                <SelectOption value="">{nl ? 'geen (niet gehouden)' : 'none (not held)'}</SelectOption>
                {OUTCOMES.map(([k, n, en]) => (
                  <SelectOption key={k} value={k}>
                    {nl ? n : en}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
            <FormField>
              <FormLabel htmlFor="ev-door">{nl ? 'Gehouden door (rol)' : 'Held by (role)'}</FormLabel>
              <Select id="ev-door" value={form.door} onChange={(e) => setForm({ ...form, door: e.target.value })}>
                <SelectOption value="">{nl ? 'niet opgegeven' : 'not given'}</SelectOption>
                {ROLES.map(([k, n]) => (
                  <SelectOption key={k} value={k}>
                    {n}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
            <Button type="submit" appearance="primary-action-button">
              {nl ? 'Evaluatie vastleggen' : 'Record evaluation'}
            </Button>
          </form>
          <FormMessage message={message} />
        </section>
      )}
    </>
  );
}
