/**
 * The trajectories with a stopping provider (GET /stoppende-aanbieders/{gemeente}/{aanbieder}/trajecten), for the
 * roles that see person-level data (analist, the team manager for its own team); the server logs every request.
 * Status in words, Dutch dates, the provider taken over by name.
 */
import { useContext, useEffect, useState } from 'react';
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import { ApiFailure, get } from '../api.js';
import { fmtDate } from '../format.js';
import { LangContext } from '../i18n.js';
import { providerLabel } from '../labels.js';
import { TableWrap } from './TableWrap.js';
import type { ExitTrajectory, ProviderExit } from './providerExitTypes.js';

export function ExitTrajectories({ exit, day, title }: { exit: ProviderExit; day: string; title: string }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [rows, setRows] = useState<ExitTrajectory[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRows(null);
    setError(null);
    get<{ trajectories: ExitTrajectory[] }>(`/stoppende-aanbieders/${exit.gemeente}/${exit.provider}/trajecten`, {
      peildatum: day || undefined,
    }).then(
      (a) => setRows(a.trajectories),
      (e: unknown) => setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e)),
    );
  }, [exit.gemeente, exit.provider, day, nl]);
  const transfer = (t: ExitTrajectory): string =>
    t.transferStart === null
      ? nl
        ? t.statusNl
        : t.statusEn
      : nl
        ? `overgedragen aan ${providerLabel(t.transferProvider ?? '', t.transferProviderName)} per ${fmtDate(t.transferStart, lang)}`
        : `transferred to ${providerLabel(t.transferProvider ?? '', t.transferProviderName)} from ${fmtDate(t.transferStart, lang)}`;
  return (
    <section aria-labelledby="ps-lijst-titel" className="zicht-panel">
      <Heading level={3} id="ps-lijst-titel" tabIndex={-1}>
        {title}
      </Heading>
      {error && <Alert type="error">{error}</Alert>}
      {!rows && !error && <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>}
      {rows && rows.length === 0 && (
        <Paragraph>{nl ? 'Geen trajecten binnen uw toegang.' : 'No trajectories within your access.'}</Paragraph>
      )}
      {rows && rows.length > 0 && (
        <TableWrap label={title}>
          <table className="utrecht-table zicht-table">
            <caption className="zicht-sr">{title}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {(nl
                  ? ['Pseudoniem', 'Product', 'Start', 'Einde', 'Team', 'Overdracht']
                  : ['Pseudonym', 'Product', 'Start', 'End', 'Team', 'Transfer']
                ).map((h) => (
                  <th key={h} scope="col" className="utrecht-table__header-cell">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {rows.map((t) => (
                <tr key={t.trajectory} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    <code>{t.youth.slice(0, 12)}…</code>
                  </th>
                  <td className="utrecht-table__cell">{t.productNl}</td>
                  <td className="utrecht-table__cell">{fmtDate(t.start, lang)}</td>
                  <td className="utrecht-table__cell">{t.end ? fmtDate(t.end, lang) : nl ? 'loopt' : 'running'}</td>
                  <td className="utrecht-table__cell">{t.team ?? (nl ? 'onbekend' : 'unknown')}</td>
                  <td className="utrecht-table__cell">{transfer(t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
