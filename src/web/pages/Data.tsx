/**
 * Data: import runs with their reports, and uploading a file with progress and a readable error report.
 * Over 400 lines: imports, upload and the profile editor share the page state; next split: the upload form.
 */
import { TableWrap } from '../components/TableWrap.js';
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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  Textbox,
  Checkbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, upload } from '../api.js';
import { fmtDateTime, fmtInt } from '../format.js';
import { LangContext, useT } from '../i18n.js';
import { FormMessage } from '../components/FormMessage.js';

/** A run, or (file_name null) the iJw messages of one type read without remark on one day, `messages` of them. */
interface Run {
  id: number;
  file_name: string | null;
  record_type: string;
  status: string;
  started_at: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  quarantined: number;
  messages: number;
}
interface Problem {
  line: number;
  column: string | null;
  value: string | null;
  code: string;
  nl: string;
  en: string;
}
interface Report {
  file: string;
  status: string;
  recordType: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  problems: Problem[];
  problemsTotal: number;
  /** what was done to accepted rows without refusing them (an amount rounded to whole cents) */
  notices?: Array<{ code: string; column: string | null; nl: string; en: string; count: number; lines: number[] }>;
}

const STATUS_NL: Record<string, string> = {
  committed: 'ingelezen',
  rejected: 'geweigerd',
  unchanged: 'al eerder ingelezen (niets veranderd)',
  'dry-run': 'proefrun',
};

export function DataPage() {
  const t = useT();
  const lang = useContext(LangContext);
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [acceptValid, setAcceptValid] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [reports, setReports] = useState<Report[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [profiles, setProfiles] = useState<ProfilesResponse | null>(null);
  const [profile, setProfile] = useState('');
  const [sheet, setSheet] = useState('');
  const load = () => {
    get<Run[]>('/imports').then(setRuns, () => setRuns([]));
  };
  const loadProfiles = () => {
    get<ProfilesResponse>('/profiles').then(setProfiles, () => setProfiles(null));
  };
  useEffect(load, []);
  useEffect(loadProfiles, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setReports(null);
    setProgress(0);
    const form = new FormData();
    form.append('acceptValid', String(acceptValid));
    if (profile) form.append('profiel', profile);
    if (sheet) form.append('blad', sheet);
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
      <QualityOverview />
      {profiles && <ProfileEditor data={profiles} onSaved={loadProfiles} />}
      <section aria-labelledby="upload-title" className="zicht-panel">
        <Heading level={2} id="upload-title">
          {t('upload')}
        </Heading>
        <form onSubmit={submit}>
          <FormField>
            <FormLabel htmlFor="upload-file">{t('chooseFile')}</FormLabel>
            <input
              id="upload-file"
              type="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              className="utrecht-textbox"
            />
          </FormField>
          <div className="zicht-filters">
            <FormField>
              <FormLabel htmlFor="upload-profile">
                {lang === 'nl' ? 'Koppelprofiel (eigen kolomnamen)' : 'Mapping profile (own column names)'}
              </FormLabel>
              <Select id="upload-profile" value={profile} onChange={(e) => setProfile(e.target.value)}>
                <SelectOption value="">
                  {lang === 'nl' ? 'geen: canonieke kolomnamen' : 'none: canonical column names'}
                </SelectOption>
                {(profiles?.profiles ?? []).map((p) => (
                  <SelectOption key={p.naam} value={p.naam}>
                    {p.naam}
                    {p.soort ? ` (${p.soort})` : ''}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
            {file && /\.xlsx$/i.test(file.name) && (
              <FormField>
                <FormLabel htmlFor="upload-sheet">
                  {lang === 'nl' ? 'Blad (leeg = eerste)' : 'Sheet (empty = first)'}
                </FormLabel>
                <Textbox id="upload-sheet" value={sheet} maxLength={31} onChange={(e) => setSheet(e.target.value)} />
              </FormField>
            )}
          </div>
          <div className="zicht-radio">
            <Checkbox id="upload-accept" checked={acceptValid} onChange={(e) => setAcceptValid(e.target.checked)} />
            <FormLabel htmlFor="upload-accept" type="checkbox">
              {t('acceptValid')}
            </FormLabel>
          </div>
          <Button type="submit" appearance="primary-action-button" disabled={!file || progress !== null}>
            {t('upload')}
          </Button>
        </form>
        {progress !== null && (
          <div role="status" aria-live="polite">
            <label htmlFor="upload-progress">
              {progress < 1 ? `${t('uploading')} ${Math.round(progress * 100)}%` : t('checking')}
            </label>
            <progress id="upload-progress" max={1} value={progress < 1 ? progress : undefined} />
          </div>
        )}
        {error && (
          <div role="alert">
            <Alert type="error">{error}</Alert>
          </div>
        )}
        {reports?.map((r) => (
          <div key={r.file} role="status" className="zicht-report">
            <Alert type={r.status === 'rejected' ? 'error' : 'ok'}>
              <Heading level={3}>
                {r.file}: {lang === 'nl' ? (STATUS_NL[r.status] ?? r.status) : r.status}
              </Heading>
              <Paragraph>
                {r.recordType ?? '?'} · {fmtInt(r.rowsRead, lang)} {lang === 'nl' ? 'regels gelezen' : 'rows read'},{' '}
                {fmtInt(r.rowsAccepted, lang)} {lang === 'nl' ? 'goed' : 'accepted'}, {fmtInt(r.rowsRejected, lang)}{' '}
                {lang === 'nl' ? 'fout' : 'rejected'}
              </Paragraph>
              {(r.notices ?? []).map((n) => (
                <Paragraph key={`${n.code}|${n.column ?? ''}`}>
                  {lang === 'nl' ? 'Let op' : 'Note'}: {fmtInt(n.count, lang)} ×{' '}
                  {n.column ? `${lang === 'nl' ? 'kolom' : 'column'} ${n.column}: ` : ''}
                  {lang === 'nl' ? n.nl : n.en} ({lang === 'nl' ? 'regel' : 'line'} {n.lines.join(', ')}
                  {n.count > n.lines.length ? ' …' : ''})
                </Paragraph>
              ))}
            </Alert>
            {r.problems.length > 0 && (
              <TableWrap label={`${r.file}: ${lang === 'nl' ? 'fouten' : 'errors'}`}>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{lang === 'nl' ? 'Regel' : 'Line'}</TableHeaderCell>
                      <TableHeaderCell scope="col">{lang === 'nl' ? 'Kolom' : 'Column'}</TableHeaderCell>
                      <TableHeaderCell scope="col">{lang === 'nl' ? 'Waarde' : 'Value'}</TableHeaderCell>
                      <TableHeaderCell scope="col">{lang === 'nl' ? 'Wat is er mis' : 'What is wrong'}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {r.problems.slice(0, 200).map((p, i) => (
                      <TableRow key={i}>
                        <TableCell>{p.line || '–'}</TableCell>
                        <TableCell>{p.column ?? '–'}</TableCell>
                        <TableCell>{p.value ?? ''}</TableCell>
                        <TableCell>{lang === 'nl' ? p.nl : p.en}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
                {r.problemsTotal > 200 && (
                  <Paragraph small>
                    … {fmtInt(r.problemsTotal - 200, lang)} {lang === 'nl' ? 'meer' : 'more'}
                  </Paragraph>
                )}
              </TableWrap>
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="runs-title" className="zicht-panel">
        <Heading level={2} id="runs-title">
          {lang === 'nl' ? 'Ingelezen bestanden' : 'Imported files'}
        </Heading>
        <Paragraph small className="zicht-muted">
          {lang === 'nl'
            ? 'Quarantaine = regels die geweigerd zijn terwijl de rest werd ingelezen. Corrigeren: zicht import quarantine --out <map> schrijft de oorspronkelijke regels per bestand; pas ze aan en lees het bestand weer in. Een regel met hetzelfde id die dan goed is, verdwijnt uit de quarantaine.'
            : 'Quarantine = rows refused while the rest was imported. To correct: zicht import quarantine --out <folder> writes the original rows; fix and import them again.'}
        </Paragraph>
        {runs === null ? (
          <Paragraph>{t('loading')}</Paragraph>
        ) : (
          <TableWrap label={lang === 'nl' ? 'Ingelezen bestanden' : 'Imported files'}>
            <Table>
              <TableHeader>
                <TableRow>
                  {(lang === 'nl'
                    ? ['Bestand', 'Soort', 'Status', 'Tijdstip', 'Gelezen', 'Goed', 'Fout', 'Quarantaine']
                    : ['File', 'Kind', 'Status', 'Time', 'Read', 'Accepted', 'Rejected', 'Quarantine']
                  ).map((h) => (
                    <TableHeaderCell key={h} scope="col">
                      {h}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {runs.map((r) => (
                  <TableRow key={`${r.file_name === null ? 'g' : 'r'}${r.id}`}>
                    <TableCell>
                      {r.file_name ??
                        (lang === 'nl'
                          ? `${fmtInt(r.messages, lang)} iJw-berichten`
                          : `${fmtInt(r.messages, lang)} iJw messages`)}
                    </TableCell>
                    <TableCell>{r.record_type}</TableCell>
                    <TableCell>{lang === 'nl' ? (STATUS_NL[r.status] ?? r.status) : r.status}</TableCell>
                    <TableCell>{fmtDateTime(r.started_at, lang)}</TableCell>
                    <TableCell className="zicht-num">{fmtInt(r.rows_read, lang)}</TableCell>
                    <TableCell className="zicht-num">{fmtInt(r.rows_accepted, lang)}</TableCell>
                    <TableCell className="zicht-num">{fmtInt(r.rows_rejected, lang)}</TableCell>
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

interface Check {
  id: string;
  nameNl: string;
  nameEn: string;
  share: number | null;
  numerator: number | null;
  denominator: number | null;
  source: string;
  consequenceNl: string;
  consequenceEn: string;
}

/**
 * Data quality per source for the last complete half-year: the checks behind the reliability
 * score shown beside every figure (server: indicators/quality.ts).
 */
function QualityOverview() {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [data, setData] = useState<{ period: string; rows: Array<{ gemeente: string; checks: Check[] }> } | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    get<{ defaultPeriod: string }>('/periods')
      .then((p) =>
        get<Array<{ gemeente: string; checks: Check[] }>>('/quality', { period: p.defaultPeriod }).then((rows) =>
          setData({ period: p.defaultPeriod, rows }),
        ),
      )
      .catch(() => setData(null));
    get<{ gemeenten: Array<{ code: string; name: string }> }>('/me').then(
      (m) => setNames(Object.fromEntries(m.gemeenten.map((g) => [g.code, g.name]))),
      () => undefined,
    );
  }, []);
  if (!data || data.rows.length === 0) return null;
  const checks = data.rows[0]!.checks;
  const cell = (c: Check | undefined) =>
    !c || c.share === null
      ? nl
        ? 'n.v.t.'
        : 'n/a'
      : `${Math.round(c.share * 100)}%${c.numerator === null || c.denominator === null ? '' : ` (${fmtInt(c.numerator, lang)}/${fmtInt(c.denominator, lang)})`}`;
  return (
    <section aria-labelledby="quality-title" className="zicht-panel">
      <Heading level={2} id="quality-title">
        {nl ? `Datakwaliteit per bron (${data.period})` : `Data quality per source (${data.period})`}
      </Heading>
      <Paragraph small className="zicht-muted">
        {nl
          ? 'Aandeel in orde per controle. De betrouwbaarheid naast elk cijfer is het gemiddelde van de controles die bij de bronnen van dat cijfer horen; n.v.t. = niets te controleren (bijvoorbeeld geen iJw-berichten ingelezen).'
          : 'Share in order per check. The reliability beside each figure is the mean of the checks that belong to its sources; n/a = nothing to check.'}
      </Paragraph>
      <TableWrap label={nl ? 'Datakwaliteit' : 'Data quality'}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{nl ? 'Bron' : 'Source'}</TableHeaderCell>
              <TableHeaderCell scope="col">{nl ? 'Controle' : 'Check'}</TableHeaderCell>
              {data.rows.map((r) => (
                <TableHeaderCell key={r.gemeente} scope="col" className="zicht-num">
                  {names[r.gemeente] ?? r.gemeente}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {checks.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{c.source}</TableCell>
                <TableHeaderCell scope="row">{nl ? c.nameNl : c.nameEn}</TableHeaderCell>
                {data.rows.map((r) => (
                  <TableCell key={r.gemeente} className="zicht-num">
                    {cell(r.checks.find((x) => x.id === c.id))}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableWrap>
    </section>
  );
}

interface Profile {
  naam: string;
  soort?: string;
  blad?: string;
  omschrijving?: string;
  kolommen: Record<string, string>;
}
interface ProfilesResponse {
  profiles: Profile[];
  recordTypes: Array<{ id: string; columns: Array<{ name: string; required: boolean }> }>;
}

/** "Eigen kolom = canonieke kolom" per line ⇄ the profile's kolommen. */
const toLines = (k: Record<string, string>) =>
  Object.entries(k)
    .map(([a, b]) => `${a} = ${b}`)
    .join('\n');
function fromLines(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const m = /^(.+?)\s*=\s*([a-z_]+)\s*$/.exec(line.trim());
    if (!m) return `regel ${i + 1}: schrijf "eigen kolom = canonieke kolom"`;
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** Create or change a mapping profile; the server checks every canonical column name. */
function ProfileEditor({ data, onSaved }: { data: ProfilesResponse; onSaved: () => void }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [form, setForm] = useState({ naam: '', soort: 'trajecten', blad: '', kolommen: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const columns = data.recordTypes.find((t) => t.id === form.soort)?.columns ?? [];
  const edit = (name: string) => {
    const p = data.profiles.find((x) => x.naam === name);
    if (p) setForm({ naam: p.naam, soort: p.soort ?? 'trajecten', blad: p.blad ?? '', kolommen: toLines(p.kolommen) });
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const kolommen = fromLines(form.kolommen);
    if (typeof kolommen === 'string') {
      setMessage({ ok: false, text: kolommen });
      return;
    }
    try {
      await post('/profiles', {
        naam: form.naam,
        soort: form.soort,
        ...(form.blad ? { blad: form.blad } : {}),
        kolommen,
      });
      setMessage({ ok: true, text: nl ? `Profiel ${form.naam} opgeslagen.` : `Profile ${form.naam} saved.` });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
    }
  };
  return (
    <section aria-labelledby="profile-title" className="zicht-panel">
      <Heading level={2} id="profile-title">
        {nl ? 'Koppelprofielen' : 'Mapping profiles'}
      </Heading>
      <Paragraph small className="zicht-muted">
        {nl
          ? 'Een koppelprofiel vertaalt de kolomnamen van uw eigen export naar de canonieke kolommen, zodat u de export zonder aanpassen kunt inlezen. Kolommen die niet in het profiel staan houden hun naam.'
          : 'A mapping profile translates the column names of your own export to the canonical ones.'}
      </Paragraph>
      {data.profiles.length > 0 && (
        <FormField>
          <FormLabel htmlFor="pf-edit">{nl ? 'Bestaand profiel aanpassen' : 'Edit an existing profile'}</FormLabel>
          <Select id="pf-edit" value="" onChange={(e) => edit(e.target.value)}>
            <SelectOption value="">{nl ? 'kies …' : 'choose …'}</SelectOption>
            {data.profiles.map((p) => (
              <SelectOption key={p.naam} value={p.naam}>
                {p.naam}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      )}
      <form onSubmit={submit}>
        <div className="zicht-filters">
          <FormField>
            <FormLabel htmlFor="pf-naam">{nl ? 'Naam' : 'Name'}</FormLabel>
            <Textbox
              id="pf-naam"
              required
              pattern="[a-z0-9][a-z0-9_\-]{0,59}"
              value={form.naam}
              onChange={(e) => setForm({ ...form, naam: e.target.value })}
            />
          </FormField>
          <FormField>
            <FormLabel htmlFor="pf-soort">{nl ? 'Soort gegevens' : 'Record type'}</FormLabel>
            <Select id="pf-soort" value={form.soort} onChange={(e) => setForm({ ...form, soort: e.target.value })}>
              {data.recordTypes.map((t) => (
                <SelectOption key={t.id} value={t.id}>
                  {t.id}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField>
            <FormLabel htmlFor="pf-blad">{nl ? 'Excel-blad (optioneel)' : 'Excel sheet (optional)'}</FormLabel>
            <Textbox
              id="pf-blad"
              maxLength={31}
              value={form.blad}
              onChange={(e) => setForm({ ...form, blad: e.target.value })}
            />
          </FormField>
        </div>
        <FormField>
          <FormLabel htmlFor="pf-kolommen">
            {nl
              ? 'Kolommen: per regel "eigen kolom = canonieke kolom"'
              : 'Columns: one "own column = canonical column" per line'}
          </FormLabel>
          <Textarea
            id="pf-kolommen"
            rows={6}
            value={form.kolommen}
            placeholder={'Cliëntnummer = client_id\nBegin zorg = startdatum'}
            onChange={(e) => setForm({ ...form, kolommen: e.target.value })}
          />
        </FormField>
        <Paragraph small className="zicht-muted">
          {nl ? 'Canonieke kolommen van' : 'Canonical columns of'} {form.soort}:{' '}
          {columns.map((c, i) => (
            <span key={c.name}>
              {i > 0 ? ', ' : ''}
              <code>{c.name}</code>
              {c.required ? '*' : ''}
            </span>
          ))}{' '}
          {nl ? '(* verplicht)' : '(* required)'}
        </Paragraph>
        <Button type="submit" appearance="secondary-action-button">
          {nl ? 'Profiel opslaan' : 'Save profile'}
        </Button>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
