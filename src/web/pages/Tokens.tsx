/**
 * Beheer: service tokens for a nightly import or a data-warehouse pull (issue 17.4). Lists every token
 * (never its secret), issues one — the secret is shown once, right here — and revokes. A role with
 * person-level data needs the explicit decision with a reason, which the server writes to the access log.
 */
import { useContext, useEffect, useState } from 'react';
import {
  Button,
  Checkbox,
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
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, del, get, post } from '../api.js';
import { TableWrap } from '../components/TableWrap.js';
import { LangContext } from '../i18n.js';
import { FormMessage } from '../components/FormMessage.js';
import { addDaysIso, dutchToday } from '../format.js';

const ROLES = ['beheerder', 'analist', 'controller', 'teammanager', 'contractmanager', 'aanbieder', 'bestuur'];
/** the roles whose token needs the explicit decision (app/auth/serviceTokens.ts needsPersonLevelDecision) */
const PERSON_LEVEL = ['beheerder', 'analist', 'teammanager', 'aanbieder'];
const KINDS = ['regio', 'gemeente', 'team', 'aanbieder'];

interface Token {
  name: string;
  role: string;
  scopes: { kind: string; key: string }[];
  personLevelReason: string | null;
  createdBy: string;
  expiresAt: string;
  lastUsedAt: string | null;
  status: 'actief' | 'verlopen' | 'ingetrokken';
}

const STATUS_EN = { actief: 'active', verlopen: 'expired', ingetrokken: 'revoked' } as const;

export function ServiceTokens() {
  const nl = useContext(LangContext) === 'nl';
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const inDays = (d: number) => addDaysIso(dutchToday(), d);
  const [f, setF] = useState({
    name: '',
    role: 'controller',
    kind: 'gemeente',
    key: '',
    expires: inDays(90),
    reason: '',
  });
  const [personLevel, setPersonLevel] = useState(false);
  const fail = (err: unknown) =>
    setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
  const load = () => {
    get<{ tokens: Token[] }>('/tokens').then((r) => setTokens(r.tokens), fail);
  };
  useEffect(load, []);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const needsDecision = PERSON_LEVEL.includes(f.role);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const r = await post<{ name: string; token: string; expiresAt: string }>('/tokens', {
        name: f.name,
        role: f.role,
        scopes: [{ kind: f.kind, key: f.key }],
        expiresAt: f.expires,
        ...(needsDecision ? { personLevelData: personLevel, reason: f.reason } : {}),
      });
      setMessage({
        ok: true,
        text: `${nl ? 'Token aangemaakt (één keer getoond, bewaar het als geheim)' : 'Token created (shown once, keep it secret)'}: ${r.name} → ${r.token}`,
      });
      setF({ ...f, name: '', reason: '' });
      setPersonLevel(false);
      load();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <section className="zicht-panel" aria-labelledby="tokens-title">
      <Heading level={2} id="tokens-title">
        {nl ? 'Servicetokens' : 'Service tokens'}
      </Heading>
      <Paragraph small>
        {nl
          ? 'Voor koppelingen zonder persoon (nachtelijke import, datawarehouse): Authorization: Bearer <token>. Power BI en Excel (OData-feed /api/v1/odata/): verificatie "Basis", het token als wachtwoord. Hoogstens een jaar geldig; elk gebruik staat in het toegangslog als token:<naam>. Ook: zicht tokens create|list|revoke.'
          : 'For integrations without a person (nightly import, data warehouse): Authorization: Bearer <token>. Power BI and Excel (OData feed /api/v1/odata/): "Basic" authentication with the token as the password. At most a year; every use is in the access log as token:<name>. Also: zicht tokens create|list|revoke.'}
      </Paragraph>
      {tokens && (
        <TableWrap label={nl ? 'Servicetokens' : 'Service tokens'}>
          <Table>
            <TableHeader>
              <TableRow>
                {(nl
                  ? ['Naam', 'Rol', 'Scope', 'Verloopt', 'Laatst gebruikt', 'Status', 'Reden persoonsgegevens', 'Actie']
                  : ['Name', 'Role', 'Scope', 'Expires', 'Last used', 'Status', 'Person-level reason', 'Action']
                ).map((h) => (
                  <TableHeaderCell key={h} scope="col">
                    {h}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((x) => (
                <TableRow key={x.name}>
                  <TableCell>{x.name}</TableCell>
                  <TableCell>{x.role}</TableCell>
                  <TableCell>{x.scopes.map((s) => `${s.kind} ${s.key}`).join(', ')}</TableCell>
                  <TableCell>{x.expiresAt.slice(0, 10)}</TableCell>
                  <TableCell>{x.lastUsedAt ? x.lastUsedAt.slice(0, 16).replace('T', ' ') : '–'}</TableCell>
                  <TableCell>{nl ? x.status : STATUS_EN[x.status]}</TableCell>
                  <TableCell>{x.personLevelReason ?? ''}</TableCell>
                  <TableCell>
                    {x.status === 'actief' && (
                      <Button
                        appearance="subtle-button"
                        onClick={() => del(`/tokens/${encodeURIComponent(x.name)}`).then(load, fail)}
                      >
                        {nl ? 'Intrekken' : 'Revoke'}
                        <span className="zicht-sr"> {x.name}</span>
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
      <form onSubmit={submit} aria-labelledby="new-token-title">
        <Heading level={3} id="new-token-title">
          {nl ? 'Token uitgeven' : 'Issue a token'}
        </Heading>
        <div className="zicht-filters">
          <FormField>
            <FormLabel htmlFor="t-name">{nl ? 'Naam' : 'Name'}</FormLabel>
            <Textbox id="t-name" required pattern="[a-z0-9._\-]{3,40}" value={f.name} onChange={set('name')} />
          </FormField>
          <FormField>
            <FormLabel htmlFor="t-role">{nl ? 'Rol' : 'Role'}</FormLabel>
            <Select id="t-role" value={f.role} onChange={set('role')}>
              {ROLES.map((r) => (
                <SelectOption key={r} value={r}>
                  {r}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField>
            <FormLabel htmlFor="t-kind">{nl ? 'Soort scope' : 'Scope kind'}</FormLabel>
            <Select id="t-kind" value={f.kind} onChange={set('kind')}>
              {KINDS.map((k) => (
                <SelectOption key={k} value={k}>
                  {k}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField>
            <FormLabel htmlFor="t-key">
              {nl ? 'Scope (code, gemeente/team of AGB)' : 'Scope (code, gemeente/team or AGB)'}
            </FormLabel>
            <Textbox id="t-key" required value={f.key} onChange={set('key')} />
          </FormField>
          <FormField>
            <FormLabel htmlFor="t-expires">
              {nl ? 'Verloopt op (hoogstens een jaar)' : 'Expires (at most a year)'}
            </FormLabel>
            <Textbox
              id="t-expires"
              type="date"
              required
              min={inDays(1)}
              max={inDays(365)}
              value={f.expires}
              onChange={set('expires')}
            />
          </FormField>
        </div>
        {needsDecision && (
          <div className="zicht-filters">
            <FormField type="checkbox">
              <Checkbox id="t-person" checked={personLevel} onChange={(e) => setPersonLevel(e.target.checked)} />
              <FormLabel htmlFor="t-person" type="checkbox">
                {nl
                  ? `Besluit: dit token ziet persoonsgegevens (rol ${f.role})`
                  : `Decision: this token sees person-level data (role ${f.role})`}
              </FormLabel>
            </FormField>
            <FormField>
              <FormLabel htmlFor="t-reason">
                {nl ? 'Reden (komt in het toegangslog)' : 'Reason (goes into the access log)'}
              </FormLabel>
              <Textbox id="t-reason" required minLength={10} value={f.reason} onChange={set('reason')} />
            </FormField>
          </div>
        )}
        <Button type="submit" appearance="primary-action-button">
          {nl ? 'Uitgeven' : 'Issue'}
        </Button>
        <FormMessage message={message} />
      </form>
    </section>
  );
}
