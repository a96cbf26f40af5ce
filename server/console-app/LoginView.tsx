import { useState, type FormEvent } from 'react';
import { Bi } from './bilingual.js';
import { mediatorPaths } from '../../shared/signalling.js';
import { signIn, type MediatorUser } from './sessionApi.js';

const messages = {
  wrong: { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  locked: { zh: '尝试次数过多，账号暂时锁定，请稍后再试。', en: 'Too many attempts; sign-in is locked for now. Try again later.' },
  notMediator: { zh: '此账号不能接听来电。', en: 'This account does not take calls.' },
  failed: { zh: '暂时无法登录，请稍后再试。', en: 'Sign-in is not possible just now; try again shortly.' },
};

export function LoginView({ onSignedIn }: { onSignedIn: (user: MediatorUser) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<keyof typeof messages | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await signIn(username.trim(), password);
    // the desk's page sends an account whose password must still be changed to that form
    if (result === 'password') return window.location.assign(mediatorPaths.app);
    setBusy(false);
    if (typeof result === 'string') setProblem(result);
    else onSignedIn(result);
  };
  return (
    <main className="login">
      <h1>
        <Bi zh="调解员工作台" en="Mediator desk" />
      </h1>
      {problem && (
        <p className="alert" role="alert" data-testid="call-login-error">
          <Bi {...messages[problem]} />
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="username">
          <Bi zh="用户名" en="Username" />
        </label>
        <input id="username" data-testid="call-login-username" autoComplete="username" required maxLength={100} value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">
          <Bi zh="密码" en="Password" />
        </label>
        <input
          id="password"
          data-testid="call-login-password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" data-testid="call-login-submit" disabled={busy}>
          <Bi zh="登录" en="Sign in" />
        </button>
      </form>
    </main>
  );
}
