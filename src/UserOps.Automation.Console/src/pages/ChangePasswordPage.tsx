import { useState, type FormEvent } from 'react';
import { api, describeProblem, type Session } from '../api';
import { passwordProblem } from '../lib/passwords';

/** Shown instead of the console while the operator holds a one-time password: the host allows nothing else. */
export function ChangePasswordPage({ session, onChanged, onSignOut }: { session: Session; onChanged: (session: Session) => void; onSignOut: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[]>([]);
  const local = passwordProblem(next, repeat, session.userName);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (local) { setError([local]); return; }
    setBusy(true);
    setError([]);
    try {
      onChanged(await api.changePassword(current, next));
    } catch (err) {
      const { title, lines } = describeProblem(err);
      setError(lines.length ? lines : [title]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="key-screen">
      <form className="key-card" onSubmit={submit} aria-label="Choose a new password">
        <div className="brand big"><span className="brand-mark" aria-hidden="true">U</span><span>Choose a new password</span></div>
        <p className="muted">{session.userName}, you signed in with a one-time password. Choose your own to continue.</p>
        <label htmlFor="current-password">Current password</label>
        <input id="current-password" type="password" autoComplete="current-password" autoFocus value={current} onChange={e => setCurrent(e.target.value)} required />
        <label htmlFor="new-password">New password</label>
        <input id="new-password" type="password" autoComplete="new-password" value={next} onChange={e => setNext(e.target.value)} required />
        <label htmlFor="repeat-password">Repeat the new password</label>
        <input id="repeat-password" type="password" autoComplete="new-password" value={repeat} onChange={e => setRepeat(e.target.value)} required />
        {error.length > 0 && <ul className="field-error" role="alert">{error.map(l => <li key={l}>{l}</li>)}</ul>}
        <button type="submit" className="button primary" disabled={busy || !current || !next}>{busy ? 'Saving…' : 'Change password'}</button>
        <button type="button" className="button ghost" onClick={onSignOut}>Sign out</button>
      </form>
    </div>
  );
}
