/** Trajecten: person-level (pseudonymised) rows within the user's scope; the server logs each request. */
import { TableWrap } from '../components/TableWrap.js';
import { useContext, useEffect, useState } from 'react';
import { Alert, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Button } from '@utrecht/component-library-react';
import { ApiFailure, get, type Me } from '../api.js';
import { download, fmtDate, toCsv } from '../format.js';
import { LangContext, useT } from '../i18n.js';
import { param } from '../url.js';

interface Trajectory { gemeente: string; trajectory: string; youth: string; provider: string | null; productCategory: string; team: string | null; start: string | null; end: string | null; endReason: string | null }

export function TrajectoriesPage({ me }: { me: Me }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [rows, setRows] = useState<Trajectory[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const gemeente = param('gemeente') ?? '';
  useEffect(() => {
    setRows(null);
    setError(null);
    get<Trajectory[]>('/trajecten', { gemeente: gemeente || undefined, open: 'true', limit: '200' })
      .then(setRows, (e: unknown) => setError(e instanceof ApiFailure ? (lang === 'nl' ? e.message : e.messageEn) : String(e)));
  }, [gemeente, lang]);
  return (
    <>
      <Paragraph small className="zicht-muted">{me.provider ? `Aanbieder ${me.provider}` : me.team ? `Team ${me.team.code}` : ''}</Paragraph>
      {error && <Alert type="error">{error}</Alert>}
      {rows === null && !error && <Paragraph>{t('loading')}</Paragraph>}
      {rows && (
        <>
          <Button appearance="subtle-button" onClick={() => download('trajecten.csv', toCsv(['gemeente', 'traject', 'pseudoniem', 'aanbieder', 'productcategorie', 'team', 'start', 'einde'],
            rows.map((r) => [r.gemeente, r.trajectory, r.youth, r.provider, r.productCategory, r.team, r.start, r.end])))}>{t('downloadCsv')}</Button>
          <TableWrap label={lang === 'nl' ? 'Trajecten' : 'Trajectories'}>
            <Table>
              <TableHeader>
                <TableRow>
                  {['Gemeente', 'Traject', 'Pseudoniem', 'Aanbieder', 'Productcategorie', 'Team', 'Start'].map((h) => <TableHeaderCell key={h} scope="col">{h}</TableHeaderCell>)}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={`${r.gemeente}-${r.trajectory}`}>
                    <TableCell>{r.gemeente}</TableCell><TableCell>{r.trajectory}</TableCell><TableCell><code>{r.youth.slice(0, 12)}…</code></TableCell>
                    <TableCell>{r.provider}</TableCell><TableCell>{r.productCategory}</TableCell><TableCell>{r.team}</TableCell><TableCell>{fmtDate(r.start, lang)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        </>
      )}
    </>
  );
}
