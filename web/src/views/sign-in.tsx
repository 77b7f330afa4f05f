// Signing in with email and password: a session cookie is set by the server, and the app keeps the CSRF token.

import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../page-title.js';
import { useSession } from '../session.js';

/** Only paths inside the app may be a target after signing in. */
function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInView() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const { user, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    signIn(email, password).then(
      () => navigate(safeNext(params.get('next'))),
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      {user && <p>{t('signIn.already', { email: user.email })}</p>}
      <form className="sign-in" onSubmit={submit}>
        <label>
          <span>{t('signIn.email')}</span>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
            }}
          />
        </label>
        <label>
          <span>{t('signIn.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {t('signIn.failed', { message: error })}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </>
  );
}
