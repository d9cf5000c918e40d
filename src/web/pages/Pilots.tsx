/**
 * Pilots en projecten (issue 21): the register with each pilot's status on today (op koers or not, and why), budget in
 * Dutch money, horizon, its goals with their status (the Doelen page's list), evaluation moments with their outcome,
 * stories as evidence and linked business cases; per gemeente how many running pilots are on track. A form to record
 * or change a pilot for the roles that keep the register (beheerder, analist): plain labelled fields, evaluation
 * moments added and removed by buttons, links chosen by checkboxes in fieldsets, the answer said in a status region.
 */
import { useContext, useEffect, useState } from 'react';
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { ApiFailure, get, type Definition, type Me } from '../api.js';
import { fmtDate, fmtPrice, fmtValue } from '../format.js';
import { LangContext } from '../i18n.js';
import { param } from '../url.js';
import { TableWrap } from '../components/TableWrap.js';
import { GoalList, type Goal } from './Goals.js';
import { BUDGET_SOURCE_TEXT, EVALUATION_OUTCOME_TEXT, PILOT_PHASE_TEXT } from '../labels.js';
import { emptyPilotForm, PilotForm, type FormState } from './PilotForm.js';
import { EMPTY_NEW_GOAL } from './PilotNewGoal.js';

interface Evaluation {
  planned: string;
  outcome: string | null;
  decidedOn: string | null;
  decision: string | null;
}
interface Pilot {
  id: number;
  gemeente: string;
  name: string;
  description: string | null;
  budgetSource: string;
  budget: number | null;
  start: string;
  end: string;
  owner: string;
  goals: Goal[];
  evaluations: Evaluation[];
  stories: Array<{ id: number; body: string; createdAt: string }>;
  businessCases: Array<{ id: number; title: string }>;
  status: { phase: string; onTrack: boolean; overdue: string[]; reasonsNl: string[] };
}
interface Register {
  peildatum: string;
  rule: string;
  summary: Array<{
    gemeente: string;
    runningPilots: number | null;
    pilotsOnTrack: number | null;
    sharePilotsOnTrack: number | null;
  }>;
  pilots: Pilot[];
}

const phaseKey = (p: Pilot) =>
  p.status.phase === 'lopend' ? (p.status.onTrack ? 'op_koers' : 'niet_op_koers') : p.status.phase;
const money = (v: number | null, lang: 'nl' | 'en') =>
  v !== null && !Number.isInteger(v) ? fmtPrice(v, lang) : fmtValue(v, 'euro', lang);

function PilotView({
  p,
  me,
  defs,
  onEdit,
}: {
  p: Pilot;
  me: Me;
  defs: Definition[];
  onEdit: ((p: Pilot) => void) | null;
}) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const words = (t: Record<string, readonly [string, string]>, k: string) => (t[k] ? t[k]![nl ? 0 : 1] : k);
  const gname = (c: string) => me.gemeenten.find((g) => g.code === c)?.name ?? c;
  const key = phaseKey(p);
  return (
    <section className="zicht-panel" aria-labelledby={`pilot-${p.id}`}>
      <Heading level={2} id={`pilot-${p.id}`}>
        {p.name}
      </Heading>
      <Paragraph>
        <span className={`zicht-status zicht-goal--${key === 'op_koers' ? 'op-koers' : 'achter'}`}>
          {words(PILOT_PHASE_TEXT, key)}
        </span>
        {' · '}
        {gname(p.gemeente)}
      </Paragraph>
      {p.status.reasonsNl.length > 0 && (
        <ul aria-label={nl ? `Waarom ${p.name} niet op koers is` : `Why ${p.name} is not on track`}>
          {p.status.reasonsNl.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {p.description && <Paragraph>{p.description}</Paragraph>}
      <dl className="zicht-facts">
        <dt>{nl ? 'Budget' : 'Budget'}</dt>
        <dd>
          {money(p.budget, lang)} ({words(BUDGET_SOURCE_TEXT, p.budgetSource)})
        </dd>
        <dt>{nl ? 'Looptijd' : 'Horizon'}</dt>
        <dd>
          {fmtDate(p.start, lang)} {nl ? 't/m' : 'to'} {fmtDate(p.end, lang)}
        </dd>
        <dt>{nl ? 'Eigenaar' : 'Owner'}</dt>
        <dd>{p.owner}</dd>
      </dl>
      <Heading level={3}>{nl ? 'Doelen' : 'Goals'}</Heading>
      {p.goals.length === 0 ? (
        <Paragraph>{nl ? 'Geen doel gekoppeld.' : 'No goal linked.'}</Paragraph>
      ) : (
        <GoalList goals={p.goals} defs={defs} me={me} compact />
      )}
      <Heading level={3}>{nl ? 'Evaluatiemomenten' : 'Evaluation moments'}</Heading>
      {p.evaluations.length === 0 ? (
        <Paragraph>{nl ? 'Geen evaluatiemoment gepland.' : 'No evaluation moment planned.'}</Paragraph>
      ) : (
        <TableWrap label={nl ? `Evaluatiemomenten: ${p.name}` : `Evaluation moments: ${p.name}`}>
          <table className="utrecht-table zicht-table">
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {(nl
                  ? ['Gepland', 'Uitkomst', 'Besloten', 'Besluit']
                  : ['Planned', 'Outcome', 'Decided', 'Decision']
                ).map((h) => (
                  <th key={h} scope="col" className="utrecht-table__header-cell">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {p.evaluations.map((e) => (
                <tr key={e.planned} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {fmtDate(e.planned, lang)}
                    {p.status.overdue.includes(e.planned) && <strong>{nl ? ' — te laat' : ' — overdue'}</strong>}
                  </th>
                  <td className="utrecht-table__cell">
                    {e.outcome ? words(EVALUATION_OUTCOME_TEXT, e.outcome) : nl ? 'nog niet besloten' : 'not decided'}
                  </td>
                  <td className="utrecht-table__cell">{e.decidedOn ? fmtDate(e.decidedOn, lang) : '–'}</td>
                  <td className="utrecht-table__cell">{e.decision ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {p.stories.length > 0 && (
        <>
          <Heading level={3}>{nl ? 'Verhalen als onderbouwing' : 'Stories as evidence'}</Heading>
          {p.stories.map((s) => (
            <blockquote key={s.id} className="zicht-quote">
              <Paragraph>{s.body}</Paragraph>
            </blockquote>
          ))}
        </>
      )}
      {p.businessCases.length > 0 && (
        <Paragraph>
          {nl ? 'Business case' : 'Business case'}:{' '}
          {p.businessCases.map((b, i) => (
            <span key={b.id}>
              {i > 0 ? ', ' : ''}
              <a href={`/business-cases?gemeente=${p.gemeente}`}>{b.title}</a>
            </span>
          ))}
        </Paragraph>
      )}
      {onEdit && (
        <Button appearance="secondary-action-button" onClick={() => onEdit(p)}>
          {nl ? `${p.name} wijzigen` : `Change ${p.name}`}
        </Button>
      )}
    </section>
  );
}

export function PilotsPage({ me, defs }: { me: Me; defs: Definition[] }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') ?? '';
  const [reg, setReg] = useState<Register | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<FormState>(() => emptyPilotForm(gemeente || me.gemeenten[0]?.code || ''));
  const load = () => {
    get<Register>('/pilots', { gemeente: gemeente || undefined }).then(setReg, (e: unknown) =>
      setError(e instanceof ApiFailure ? e.message : String(e)),
    );
  };
  useEffect(load, [gemeente]);
  const mayWrite = Boolean(me.permissions.register);
  const edit = (p: Pilot) =>
    setEditing({
      id: p.id,
      gemeente: p.gemeente,
      naam: p.name,
      omschrijving: p.description ?? '',
      budgetbron: p.budgetSource,
      budget: p.budget === null ? '' : String(p.budget).replace('.', ','),
      start: p.start,
      einde: p.end,
      eigenaar: p.owner,
      doelen: p.goals.map((g) => g.id),
      verhalen: p.stories.map((s) => s.id),
      businessCases: p.businessCases.map((b) => b.id),
      evaluaties: p.evaluations.map((e) => ({
        gepland: e.planned,
        uitkomst: e.outcome ?? '',
        besloten: e.decidedOn ?? '',
        besluit: e.decision ?? '',
      })),
      nieuwDoel: EMPTY_NEW_GOAL,
    });
  const gname = (c: string) => me.gemeenten.find((g) => g.code === c)?.name ?? c;
  return (
    <>
      {error && <Alert type="error">{error}</Alert>}
      {reg === null ? (
        <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>
      ) : (
        <>
          <section className="zicht-panel" aria-labelledby="pilots-summary">
            <Heading level={2} id="pilots-summary">
              {nl ? `Op koers op ${fmtDate(reg.peildatum, lang)}` : `On track on ${fmtDate(reg.peildatum, lang)}`}
            </Heading>
            <ul>
              {reg.summary.map((s) => (
                <li key={s.gemeente}>
                  {gname(s.gemeente)}:{' '}
                  {s.runningPilots === 0
                    ? nl
                      ? 'geen lopende pilots'
                      : 'no running pilots'
                    : nl
                      ? `${s.pilotsOnTrack} van ${s.runningPilots} lopende pilots op koers (${fmtValue(s.sharePilotsOnTrack, 'procent', lang)})`
                      : `${s.pilotsOnTrack} of ${s.runningPilots} running pilots on track (${fmtValue(s.sharePilotsOnTrack, 'procent', lang)})`}
                </li>
              ))}
            </ul>
            <details className="zicht-definition">
              <summary>{nl ? 'Wanneer is een pilot op koers?' : 'When is a pilot on track?'}</summary>
              <Paragraph>{reg.rule}</Paragraph>
            </details>
          </section>
          {reg.pilots.length === 0 && (
            <Paragraph>{nl ? 'Nog geen pilots of projecten vastgelegd.' : 'No pilots or projects yet.'}</Paragraph>
          )}
          {reg.pilots.map((p) => (
            <PilotView key={p.id} p={p} me={me} defs={defs} onEdit={mayWrite ? edit : null} />
          ))}
        </>
      )}
      {mayWrite && (
        <PilotForm
          me={me}
          defs={defs}
          initial={editing}
          onSaved={() => {
            load();
            setEditing(emptyPilotForm(gemeente || me.gemeenten[0]?.code || ''));
          }}
          onCancel={() => setEditing(emptyPilotForm(gemeente || me.gemeenten[0]?.code || ''))}
        />
      )}
    </>
  );
}
