/** Beheer: create an account (role + one scope); the password is set by the beheerder, the TOTP secret shown once. */
import { useContext, useState } from 'react';
import { Button, FormField, FormLabel, Heading, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { ApiFailure, post } from '../api.js';
import { LangContext } from '../i18n.js';
import { FormMessage } from '../components/FormMessage.js';

const ROLES = ['beheerder', 'analist', 'controller', 'teammanager', 'contractmanager', 'aanbieder', 'bestuur'];
const KINDS = ['regio', 'gemeente', 'team', 'aanbieder'];

export function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const nl = useContext(LangContext) === 'nl';
  const [f, setF] = useState({
    username: '',
    displayName: '',
    role: 'controller',
    kind: 'gemeente',
    key: '',
    password: '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const r = await post<{ username: string; totpSecret: string | null }>('/users', {
        username: f.username,
        displayName: f.displayName,
        role: f.role,
        password: f.password,
        scopes: [{ kind: f.kind, key: f.key }],
      });
      setMessage({
        ok: true,
        text: `${nl ? 'Account aangemaakt' : 'Account created'}: ${r.username}.${r.totpSecret ? ` ${nl ? 'TOTP-geheim (één keer getoond)' : 'TOTP secret (shown once)'}: ${r.totpSecret}` : ''}`,
      });
      setF({ ...f, username: '', displayName: '', password: '' });
      onCreated();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? (nl ? err.message : err.messageEn) : String(err) });
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-user-title">
      <Heading level={3} id="new-user-title">
        {nl ? 'Account aanmaken' : 'Create an account'}
      </Heading>
      <div className="zicht-filters">
        <FormField>
          <FormLabel htmlFor="u-name">{nl ? 'Gebruikersnaam' : 'User name'}</FormLabel>
          <Textbox id="u-name" required pattern="[a-z0-9._\-]{3,40}" value={f.username} onChange={set('username')} />
        </FormField>
        <FormField>
          <FormLabel htmlFor="u-display">{nl ? 'Naam' : 'Name'}</FormLabel>
          <Textbox id="u-display" required value={f.displayName} onChange={set('displayName')} />
        </FormField>
        <FormField>
          <FormLabel htmlFor="u-role">{nl ? 'Rol' : 'Role'}</FormLabel>
          <Select id="u-role" value={f.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <SelectOption key={r} value={r}>
                {r}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField>
          <FormLabel htmlFor="u-kind">{nl ? 'Soort scope' : 'Scope kind'}</FormLabel>
          <Select id="u-kind" value={f.kind} onChange={set('kind')}>
            {KINDS.map((k) => (
              <SelectOption key={k} value={k}>
                {k}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField>
          <FormLabel htmlFor="u-key">
            {nl ? 'Scope (code, gemeente/team of AGB)' : 'Scope (code, gemeente/team or AGB)'}
          </FormLabel>
          <Textbox id="u-key" required value={f.key} onChange={set('key')} />
        </FormField>
        <FormField>
          <FormLabel htmlFor="u-pass">
            {nl ? 'Beginwachtwoord (min. 12 tekens)' : 'Initial password (12+ characters)'}
          </FormLabel>
          <Textbox
            id="u-pass"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={f.password}
            onChange={set('password')}
          />
        </FormField>
      </div>
      <Button type="submit" appearance="primary-action-button">
        {nl ? 'Aanmaken' : 'Create'}
      </Button>
      <FormMessage message={message} />
    </form>
  );
}
