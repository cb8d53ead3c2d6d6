import { useState, type FormEvent } from 'react';
import { Icon } from '../components/Icon';

/** The write key is asked once per browser tab and kept in sessionStorage only. */
export function KeyEntry({ onKey }: { onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecking(true);
    setError(null);
    try {
      const response = await fetch('/api/activities', { headers: { Authorization: `Bearer ${key.trim()}` } });
      if (response.status === 401 || response.status === 403) setError('The host refused this key. Check it, or create one with `keys create <name>`.');
      else if (!response.ok) setError(`The host answered ${response.status}. Is it running?`);
      else onKey(key.trim());
    } catch {
      setError('The host cannot be reached. Start it with `dotnet run --project src/UserOps.Automation.Host`.');
    } finally {
      setChecking(false);
    }
  };
  return (
    <div className="key-screen">
      <form className="key-card" onSubmit={submit}>
        <div className="brand big"><span className="brand-mark" aria-hidden="true">U</span><span>UserOps console</span></div>
        <p className="muted">Enter an API write key. The host prints the first one when it starts; it stays in this tab only.</p>
        <label htmlFor="api-key">API write key</label>
        <div className="input-with-icon">
          <Icon name="key" size={16} />
          <input id="api-key" type="password" autoComplete="off" autoFocus placeholder="uak_…" value={key} onChange={e => setKey(e.target.value)} />
        </div>
        {error && <p className="field-error" role="alert">{error}</p>}
        <button type="submit" className="button primary" disabled={checking || key.trim().length < 8}>{checking ? 'Checking…' : 'Continue'}</button>
      </form>
    </div>
  );
}
