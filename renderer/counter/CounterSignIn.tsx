import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import type { CounterState } from '../../shared/counter/counterSession.js';

// Counter staff sign in with their court account; the agent asks the hub, which admits only
// counter staff of this terminal's site. The password leaves this form at once and is not kept.

export function CounterSignIn({ api, onSignedIn, onCancel }: { api: KioskApi; onSignedIn: (state: CounterState) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await api.call('counter.signIn', { username, password });
    setBusy(false);
    setPassword('');
    if (result.ok) onSignedIn(result.value);
    else setError(result.error.issues?.[0]?.message ?? 'counter.errors.offline');
  };

  return (
    <section className="screen counter-screen" aria-labelledby="counter-signin-title">
      <form className="counter-card counter-signin" onSubmit={(e) => void submit(e)}>
        <h1 id="counter-signin-title" className="counter-title">
          {t('counter.signIn.title')}
        </h1>
        <p className="counter-intro">{t('counter.signIn.intro')}</p>
        <div className="counter-field">
          <label className="counter-label" htmlFor="counter-username">
            {t('counter.signIn.username')}
          </label>
          <input id="counter-username" className="counter-input" autoComplete="username" data-testid="counter-username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="counter-field">
          <label className="counter-label" htmlFor="counter-password">
            {t('counter.signIn.password')}
          </label>
          <input
            id="counter-password"
            className="counter-input"
            type="password"
            autoComplete="current-password"
            data-testid="counter-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={error ? 'counter-signin-error' : undefined}
          />
        </div>
        {error && (
          <p className="counter-error" id="counter-signin-error" role="alert" data-testid="counter-signin-error">
            {t(error)}
          </p>
        )}
        <div className="counter-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('counter.back')}
          </button>
          <button type="submit" className="button button-primary" data-testid="counter-signin-submit" disabled={busy}>
            {t('counter.signIn.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
