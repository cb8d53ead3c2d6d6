import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Spinner } from '../components/Sparkline';
import { SecretOnce } from '../components/SecretOnce';
import { useResource } from '../components/useResource';
import { useToasts } from '../components/Toasts';
import { dateTime } from '../format';
import { roleLabels, roles, type Role } from '../lib/roles';

/** Admins: API keys for scripts and ingestion, each acting with its role. The secret is shown once, at creation. */
export function KeysPage() {
  const keys = useResource(() => api.keys(), [], 'Loading API keys');
  const toasts = useToasts();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const created = await api.createKey(name.trim(), role);
      setSecret({ name: created.name, key: created.key });
      setName('');
      keys.reload();
    } catch (err) {
      toasts.error(err, 'Creating the key');
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (prefix: string, keyName: string) => {
    if (!window.confirm(`Revoke '${keyName}' (${prefix}…)? Scripts using it stop working within a minute.`)) return;
    try { await api.revokeKey(prefix); toasts.success(`Revoked ${keyName}`); keys.reload(); } catch (e) { toasts.error(e, 'Revoking the key'); }
  };
  return (
    <div className="page">
      <div className="page-main">
        <header className="page-header"><div><h1>API keys</h1><p className="muted">For scripts and ingestion (<code>/v1/*</code>, <code>/api/*</code>). A key acts with its role; only its hash is stored.</p></div></header>
        {secret && <SecretOnce title={`API key '${secret.name}'`} secret={secret.key} onDone={() => setSecret(null)} />}
        <form className="inline-form" onSubmit={create} aria-label="New API key">
          <div className="field"><label htmlFor="new-key-name">Key name</label>
            <input id="new-key-name" autoComplete="off" placeholder="e.g. shop-ingestion" value={name} onChange={e => setName(e.target.value)} required maxLength={100} /></div>
          <div className="field"><label htmlFor="new-key-role">Role</label>
            <select id="new-key-role" value={role} onChange={e => setRole(e.target.value as Role)}>{roles.map(r => <option key={r} value={r} title={roleLabels[r]}>{r}</option>)}</select></div>
          <button type="submit" className="button primary" disabled={busy || !name.trim()}>{busy ? 'Creating…' : 'Create key'}</button>
        </form>
        {keys.loading && !keys.data && <Spinner />}
        {keys.data && (
          <table className="table" aria-label="API keys">
            <thead><tr><th>Name</th><th>Prefix</th><th>Role</th><th>Created</th><th>State</th><th><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {keys.data.map((k, i) => (
                <tr key={`${k.prefix}-${i}`}>
                  <td><strong>{k.name}</strong></td>
                  <td className="mono small">{k.prefix}…</td>
                  <td>{k.role}</td>
                  <td className="muted nowrap">{dateTime(k.createdAt)}</td>
                  <td>{k.revokedAt ? <span className="badge badge-retired" title={dateTime(k.revokedAt)}>revoked</span> : <span className="badge badge-active">active</span>}</td>
                  <td>{!k.revokedAt && <button type="button" className="button small ghost danger-text" onClick={() => void revoke(k.prefix, k.name)}>Revoke</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
