/** Data: import runs with their reports, and uploading a file with progress and a readable error report. */
import { TableWrap } from '../components/TableWrap.js';
import { useContext, useEffect, useState } from 'react';
import { Alert, Button, FormField, FormLabel, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Checkbox } from '@utrecht/component-library-react';
import { ApiFailure, get, upload } from '../api.js';
import { fmtDateTime, fmtInt } from '../format.js';
import { LangContext, useT } from '../i18n.js';

interface Run { id: number; file_name: string; record_type: string; status: string; started_at: string; rows_read: number; rows_accepted: number; rows_rejected: number; quarantined: number }
interface Problem { line: number; column: string | null; value: string | null; code: string; nl: string; en: string }
interface Report { file: string; status: string; recordType: string | null; rowsRead: number; rowsAccepted: number; rowsRejected: number; problems: Problem[]; problemsTotal: number }

const STATUS_NL: Record<string, string> = { committed: 'ingelezen', rejected: 'geweigerd', unchanged: 'al eerder ingelezen (niets veranderd)', 'dry-run': 'proefrun' };

export function DataPage() {
  const t = useT();
  const lang = useContext(LangContext);
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [acceptValid, setAcceptValid] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [reports, setReports] = useState<Report[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => { get<Run[]>('/imports').then(setRuns, () => setRuns([])); };
  useEffect(load, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setReports(null);
    setProgress(0);
    const form = new FormData();
    form.append('acceptValid', String(acceptValid));
    form.append('bestand', file);
    try {
      const r = await upload<{ reports: Report[] }>('/imports', form, setProgress);
      setReports(r.reports);
      load();
    } catch (err) {
      setError(err instanceof ApiFailure ? (lang === 'nl' ? err.message : err.messageEn) : String(err));
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <section aria-labelledby="upload-title" className="zicht-panel">
        <Heading level={2} id="upload-title">{t('upload')}</Heading>
        <form onSubmit={submit}>
          <FormField>
            <FormLabel htmlFor="upload-file">{t('chooseFile')}</FormLabel>
            <input id="upload-file" type="file" accept=".csv,.txt,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="utrecht-textbox" />
          </FormField>
          <div className="zicht-radio">
            <Checkbox id="upload-accept" checked={acceptValid} onChange={(e) => setAcceptValid(e.target.checked)} />
            <FormLabel htmlFor="upload-accept" type="checkbox">{t('acceptValid')}</FormLabel>
          </div>
          <Button type="submit" appearance="primary-action-button" disabled={!file || progress !== null}>{t('upload')}</Button>
        </form>
        {progress !== null && (
          <div role="status" aria-live="polite">
            <label htmlFor="upload-progress">{progress < 1 ? `${t('uploading')} ${Math.round(progress * 100)}%` : t('checking')}</label>
            <progress id="upload-progress" max={1} value={progress < 1 ? progress : undefined} />
          </div>
        )}
        {error && <div role="alert"><Alert type="error">{error}</Alert></div>}
        {reports?.map((r) => (
          <div key={r.file} role="status" className="zicht-report">
            <Alert type={r.status === 'rejected' ? 'error' : 'ok'}>
              <Heading level={3}>{r.file}: {lang === 'nl' ? STATUS_NL[r.status] ?? r.status : r.status}</Heading>
              <Paragraph>{r.recordType ?? '?'} · {fmtInt(r.rowsRead, lang)} {lang === 'nl' ? 'regels gelezen' : 'rows read'}, {fmtInt(r.rowsAccepted, lang)} {lang === 'nl' ? 'goed' : 'accepted'}, {fmtInt(r.rowsRejected, lang)} {lang === 'nl' ? 'fout' : 'rejected'}</Paragraph>
            </Alert>
            {r.problems.length > 0 && (
              <TableWrap label={`${r.file}: ${lang === 'nl' ? 'fouten' : 'errors'}`}>
                <Table>
                  <TableHeader><TableRow>
                    <TableHeaderCell scope="col">{lang === 'nl' ? 'Regel' : 'Line'}</TableHeaderCell>
                    <TableHeaderCell scope="col">{lang === 'nl' ? 'Kolom' : 'Column'}</TableHeaderCell>
                    <TableHeaderCell scope="col">{lang === 'nl' ? 'Waarde' : 'Value'}</TableHeaderCell>
                    <TableHeaderCell scope="col">{lang === 'nl' ? 'Wat is er mis' : 'What is wrong'}</TableHeaderCell>
                  </TableRow></TableHeader>
                  <TableBody>
                    {r.problems.slice(0, 200).map((p, i) => (
                      <TableRow key={i}><TableCell>{p.line || '–'}</TableCell><TableCell>{p.column ?? '–'}</TableCell><TableCell>{p.value ?? ''}</TableCell><TableCell>{lang === 'nl' ? p.nl : p.en}</TableCell></TableRow>
                    ))}
                  </TableBody>
                </Table>
                {r.problemsTotal > 200 && <Paragraph small>… {fmtInt(r.problemsTotal - 200, lang)} {lang === 'nl' ? 'meer' : 'more'}</Paragraph>}
              </TableWrap>
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="runs-title" className="zicht-panel">
        <Heading level={2} id="runs-title">{lang === 'nl' ? 'Ingelezen bestanden' : 'Imported files'}</Heading>
        {runs === null ? <Paragraph>{t('loading')}</Paragraph> : (
          <TableWrap label={lang === 'nl' ? 'Ingelezen bestanden' : 'Imported files'}>
            <Table>
              <TableHeader><TableRow>
                {(lang === 'nl' ? ['Bestand', 'Soort', 'Status', 'Tijdstip', 'Gelezen', 'Goed', 'Fout', 'Quarantaine'] : ['File', 'Kind', 'Status', 'Time', 'Read', 'Accepted', 'Rejected', 'Quarantine'])
                  .map((h) => <TableHeaderCell key={h} scope="col">{h}</TableHeaderCell>)}
              </TableRow></TableHeader>
              <TableBody>
                {runs.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>{r.file_name}</TableCell><TableCell>{r.record_type}</TableCell><TableCell>{lang === 'nl' ? STATUS_NL[r.status] ?? r.status : r.status}</TableCell>
                    <TableCell>{fmtDateTime(r.started_at, lang)}</TableCell><TableCell className="zicht-num">{fmtInt(r.rows_read, lang)}</TableCell>
                    <TableCell className="zicht-num">{fmtInt(r.rows_accepted, lang)}</TableCell><TableCell className="zicht-num">{fmtInt(r.rows_rejected, lang)}</TableCell>
                    <TableCell className="zicht-num">{fmtInt(r.quarantined, lang)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        )}
      </section>
    </>
  );
}
