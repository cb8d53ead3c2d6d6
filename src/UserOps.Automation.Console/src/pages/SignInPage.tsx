import { useState, type FormEvent } from 'react';
import { api, describeProblem, type Session } from '../api';

/** User name and password; the host answers with the session cookie. Lock-outs and refusals are shown as the host says them. */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(userName.trim(), password));
    } catch (err) {
      const { title, lines } = describeProblem(err);
      setError(lines[0] ?? title);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="key-screen">
      <form className="key-card" onSubmit={submit} aria-label="Sign in">
        <div className="brand big"><span className="brand-mark" aria-hidden="true">U</span><span>UserOps console</span></div>
        <p className="muted">Sign in with your operator account. On a first start the host prints the admin's one-time password.</p>
        <label htmlFor="sign-in-user">User name</label>
        <input id="sign-in-user" autoComplete="username" autoFocus value={userName} onChange={e => setUserName(e.target.value)} required />
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" type="password" autoComplete="current-password" value={password} onChange={e => setPassword(e.target.value)} required />
        {error && <p className="field-error" role="alert">{error}</p>}
        <button type="submit" className="button primary" disabled={busy || !userName.trim() || !password}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </div>
  );
}
