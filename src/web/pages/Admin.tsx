/** Beheer: accounts with role and scope, service tokens, the access log per user or pseudonym, its verification and export. */
import { TableWrap } from '../components/TableWrap.js';
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, API_PREFIX } from '../api.js';
import { NewUserForm } from './NewUser.js';
import { ServiceTokens } from './Tokens.js';
import { CareFormMapping, Norms } from './CareForms.js';
import { fmtDateTime } from '../format.js';
import { LangContext, useT } from '../i18n.js';
import { param, setParams } from '../url.js';

interface User {
  username: string;
  displayName: string;
  role: string;
  disabled: boolean;
  locked: boolean;
  totp: boolean;
  scopes: { kind: string; key: string }[];
}
interface Entry {
  seq: number;
  at: string;
  event: string;
  username: string | null;
  role: string | null;
  scope: string | null;
  subjects: string[];
  query: string | null;
  outcome: string;
  origin: string | null;
}
interface Verify {
  entries: number;
  ok: boolean;
  problems: string[];
  headHash: string;
}

export function AdminPage() {
  const t = useT();
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [users, setUsers] = useState<User[] | null>(null);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [error, setError] = useState<string | null>(null);
  const user = param('gebruiker') ?? '';
  const subject = param('pseudoniem') ?? '';
  const [u, setU] = useState(user);
  const [s, setS] = useState(subject);
  const loadUsers = () => {
    get<{ users: User[] }>('/users').then(
      (r) => setUsers(r.users),
      (e: unknown) => setError(e instanceof ApiFailure ? e.message : String(e)),
    );
  };
  useEffect(loadUsers, []);
  useEffect(() => {
    get<Entry[]>('/audit', { username: user || undefined, subject: subject || undefined, limit: '200' }).then(
      setEntries,
      (e: unknown) => setError(e instanceof ApiFailure ? e.message : String(e)),
    );
  }, [user, subject]);
  const csvHref = `${API_PREFIX}/audit?format=csv&limit=10000${user ? `&username=${encodeURIComponent(user)}` : ''}${subject ? `&subject=${encodeURIComponent(subject)}` : ''}`;
  return (
    <>
      {error && <Alert type="error">{error}</Alert>}
      <section className="zicht-panel" aria-labelledby="users-title">
        <Heading level={2} id="users-title">
          {nl ? 'Accounts' : 'Accounts'}
        </Heading>
        <Paragraph small>
          {nl
            ? 'Ook vanaf de opdrachtregel: zicht users add <naam> --role <rol> --scope <soort>=<sleutel>.'
            : 'Also from the command line: zicht users add.'}
        </Paragraph>
        {users === null ? (
          <Paragraph>{t('loading')}</Paragraph>
        ) : (
          <TableWrap label={nl ? 'Accounts' : 'Accounts'}>
            <Table>
              <TableHeader>
                <TableRow>
                  {(nl
                    ? ['Gebruiker', 'Naam', 'Rol', 'Scope', 'Tweede factor', 'Status', 'Actie']
                    : ['User', 'Name', 'Role', 'Scope', 'Second factor', 'Status', 'Action']
                  ).map((h) => (
                    <TableHeaderCell key={h} scope="col">
                      {h}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {users.map((x) => (
                  <TableRow key={x.username}>
                    <TableCell>{x.username}</TableCell>
                    <TableCell>{x.displayName}</TableCell>
                    <TableCell>{x.role}</TableCell>
                    <TableCell>{x.scopes.map((sc) => `${sc.kind} ${sc.key}`).join(', ')}</TableCell>
                    <TableCell>{x.totp ? (nl ? 'ja' : 'yes') : nl ? 'nee' : 'no'}</TableCell>
                    <TableCell>
                      {x.disabled
                        ? nl
                          ? 'uitgeschakeld'
                          : 'disabled'
                        : x.locked
                          ? nl
                            ? 'geblokkeerd'
                            : 'locked'
                          : nl
                            ? 'actief'
                            : 'active'}
                    </TableCell>
                    <TableCell>
                      <Button
                        appearance="subtle-button"
                        onClick={() =>
                          post(`/users/${encodeURIComponent(x.username)}/disabled`, { disabled: !x.disabled }).then(
                            loadUsers,
                            (e: unknown) => setError(e instanceof ApiFailure ? e.message : String(e)),
                          )
                        }
                      >
                        {x.disabled ? (nl ? 'Inschakelen' : 'Enable') : nl ? 'Uitschakelen' : 'Disable'}
                        <span className="zicht-sr"> {x.username}</span>
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        )}
        <NewUserForm onCreated={loadUsers} />
      </section>
      <ServiceTokens />
      <section className="zicht-panel" aria-labelledby="audit-title">
        <Heading level={2} id="audit-title">
          {nl ? 'Toegangslog' : 'Access log'}
        </Heading>
        <form
          className="zicht-filters"
          onSubmit={(e) => {
            e.preventDefault();
            setParams({ gebruiker: u || undefined, pseudoniem: s || undefined });
          }}
        >
          <FormField>
            <FormLabel htmlFor="a-user">{nl ? 'Gebruiker' : 'User'}</FormLabel>
            <Textbox id="a-user" value={u} onChange={(e) => setU(e.target.value)} />
          </FormField>
          <FormField>
            <FormLabel htmlFor="a-subject">{nl ? 'Pseudoniem' : 'Pseudonym'}</FormLabel>
            <Textbox id="a-subject" value={s} onChange={(e) => setS(e.target.value)} />
          </FormField>
          <Button type="submit" appearance="secondary-action-button">
            {t('search')}
          </Button>
        </form>
        <div className="zicht-toolbar">
          <Button appearance="secondary-action-button" onClick={() => get<Verify>('/audit/verify').then(setVerify)}>
            {nl ? 'Controleer de hashketen' : 'Verify the hash chain'}
          </Button>
          <a className="utrecht-link" href={csvHref} download>
            {nl ? 'Export voor de toegangsreview (CSV)' : 'Export for the access review (CSV)'}
          </a>
          {/* the same columns with English headers (src/app/auditCsv.ts, docs/downloads.md) */}
          <a className="utrecht-link" href={`${csvHref}&headers=en`} download>
            {nl ? 'CSV met Engelse kolomnamen (ISO)' : 'CSV with English headers (ISO)'}
          </a>
        </div>
        {verify && (
          <div role="status">
            <Alert type={verify.ok ? 'ok' : 'error'}>
              {verify.ok
                ? `${nl ? 'In orde' : 'Intact'}: ${verify.entries} ${nl ? 'regels' : 'entries'}.`
                : verify.problems.join(' · ')}
            </Alert>
          </div>
        )}
        {entries && (
          <TableWrap label={nl ? 'Toegangslog' : 'Access log'}>
            <Table>
              <TableHeader>
                <TableRow>
                  {(nl
                    ? ['Nr', 'Tijdstip', 'Gebeurtenis', 'Gebruiker', 'Rol', 'Uitkomst', 'Vraag', 'Pseudoniemen']
                    : ['No', 'Time', 'Event', 'User', 'Role', 'Outcome', 'Query', 'Pseudonyms']
                  ).map((h) => (
                    <TableHeaderCell key={h} scope="col">
                      {h}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {entries.map((e) => (
                  <TableRow key={e.seq}>
                    <TableCell>{e.seq}</TableCell>
                    <TableCell>{fmtDateTime(e.at, lang)}</TableCell>
                    <TableCell>{e.event}</TableCell>
                    <TableCell>{e.username ?? '–'}</TableCell>
                    <TableCell>{e.role ?? '–'}</TableCell>
                    <TableCell>{e.outcome}</TableCell>
                    <TableCell>{e.query ?? ''}</TableCell>
                    <TableCell>{e.subjects.length}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        )}
      </section>
      <Norms />
      <CareFormMapping />
    </>
  );
}
