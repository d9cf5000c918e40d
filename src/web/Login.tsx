/** The log-in form: name and password, a TOTP code when the role asks for one, or the organisation's identity provider. */
import { useEffect, useState } from 'react';
import { Alert, Button, FormField, FormLabel, Heading, Paragraph, Textbox } from '@utrecht/component-library-react';
import { ApiFailure, get, post, API_PREFIX } from './api.js';
import type { Lang } from './format.js';
import { useT } from './i18n.js';
import { param } from './url.js';

export function Login({ onDone, lang }: { onDone: () => void; lang: Lang }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  // a refused log-in via the identity provider comes back here with its reason in the address
  const [error, setError] = useState<string | null>(() => param('inlogfout') ?? null);
  // after five failures the server answers 429 with the wait: shown as a warning, not as a wrong password
  const [waiting, setWaiting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [oidc, setOidc] = useState<{ enabled: boolean; label: string | null } | null>(null);
  useEffect(() => {
    get<{ enabled: boolean; label: string | null }>('/oidc/config').then(setOidc, () => setOidc(null));
  }, []);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post('/login', { username, password, ...(code.trim() ? { code: code.trim() } : {}) });
      onDone();
    } catch (err) {
      // one answer to every failed log-in: the server does not say whether a name has a second factor (red team 26),
      // so the code field is always there, for the accounts that need it
      setWaiting(err instanceof ApiFailure && err.status === 429);
      setError(err instanceof ApiFailure ? (lang === 'nl' ? err.message : err.messageEn) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="zicht-login" onSubmit={submit} aria-labelledby="login-title">
      <Heading level={1} id="login-title">
        {t('login')}
      </Heading>
      <FormField>
        <FormLabel htmlFor="username">{t('username')}</FormLabel>
        <Textbox
          id="username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </FormField>
      <FormField>
        <FormLabel htmlFor="password">{t('password')}</FormLabel>
        <Textbox
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </FormField>
      <FormField>
        <FormLabel htmlFor="code">{t('code')}</FormLabel>
        <Paragraph id="code-hint" className="zicht-note">
          {t('codeNeeded')}
        </Paragraph>
        <Textbox
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          aria-describedby="code-hint"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </FormField>
      {/* the Alert is itself the live region (role alert on its message): no second one around it */}
      {error && <Alert type={waiting ? 'warning' : 'error'}>{error}</Alert>}
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('login')}
      </Button>
      {oidc?.enabled && (
        <Paragraph>
          <a className="utrecht-button utrecht-button--secondary-action" href={`${API_PREFIX}/oidc/login`}>
            {oidc.label ??
              (lang === 'nl' ? 'Inloggen met uw organisatie-account' : 'Log in with your organisation account')}
          </a>
        </Paragraph>
      )}
    </form>
  );
}
