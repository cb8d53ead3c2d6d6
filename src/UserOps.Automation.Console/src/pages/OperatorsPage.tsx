import { useState, type FormEvent } from 'react';
import { api, type OperatorInfo } from '../api';
import { Spinner } from '../components/Sparkline';
import { SecretOnce } from '../components/SecretOnce';
import { useResource } from '../components/useResource';
import { useToasts } from '../components/Toasts';
import { ago, dateTime } from '../format';
import { roleLabels, roles, type Role } from '../lib/roles';
import { useSession } from '../session';

/** Admins: who may sign in, with which role; disable, enable, and reset a password to a one-time one. */
export function OperatorsPage() {
  const operators = useResource(() => api.operators(), [], 'Loading operators');
  const toasts = useToasts();
  const me = useSession();
  const [secret, setSecret] = useState<{ userName: string; password: string } | null>(null);
  const act = async (what: string, run: () => Promise<unknown>) => {
    try { await run(); toasts.success(what); operators.reload(); } catch (e) { toasts.error(e, what); }
  };
  return (
    <div className="page">
      <div className="page-main">
        <header className="page-header"><div><h1>Operators</h1><p className="muted">People who sign in to this console, and what their role lets them do.</p></div></header>
        {secret && <SecretOnce title={`One-time password for ${secret.userName}`} secret={secret.password} onDone={() => setSecret(null)} />}
        <CreateOperator onCreated={name => { toasts.success(`Created ${name}`); operators.reload(); }} />
        {operators.loading && !operators.data && <Spinner />}
        {operators.data && (
          <table className="table" aria-label="Operators">
            <thead><tr><th>User</th><th>Role</th><th>State</th><th>Last sign-in</th><th>Created</th><th><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {operators.data.map(o => (
                <tr key={o.userName}>
                  <td><strong>{o.userName}</strong>{o.userName === me?.userName && <span className="muted small"> (you)</span>}</td>
                  <td>
                    <select aria-label={`Role of ${o.userName}`} value={o.role}
                      onChange={e => void act(`${o.userName} is now ${e.target.value}`, () => api.updateOperator(o.userName, { role: e.target.value as Role }))}>
                      {roles.map(r => <option key={r} value={r} title={roleLabels[r]}>{r}</option>)}
                    </select>
                  </td>
                  <td><OperatorState operator={o} /></td>
                  <td className="muted nowrap" title={dateTime(o.lastSignInAt)}>{o.lastSignInAt ? ago(o.lastSignInAt) : 'never'}</td>
                  <td className="muted nowrap">{dateTime(o.createdAt)}</td>
                  <td className="nowrap">
                    <button type="button" className="button small ghost"
                      onClick={() => void act(o.disabled ? `Enabled ${o.userName}` : `Disabled ${o.userName}`, () => api.updateOperator(o.userName, { disabled: !o.disabled }))}>
                      {o.disabled ? 'Enable' : 'Disable'}
                    </button>
                    <button type="button" className="button small ghost"
                      onClick={() => void act(`Reset the password of ${o.userName}`, async () => setSecret(await api.resetPassword(o.userName)))}>
                      Reset password
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function OperatorState({ operator: o }: { operator: OperatorInfo }) {
  if (o.disabled) return <span className="badge badge-retired">disabled</span>;
  if (o.lockedUntil && new Date(o.lockedUntil).getTime() > Date.now()) return <span className="badge badge-draft" title={`until ${dateTime(o.lockedUntil)}`}>locked out</span>;
  if (o.mustChangePassword) return <span className="badge badge-draft">one-time password</span>;
  return <span className="badge badge-active">active</span>;
}

function CreateOperator({ onCreated }: { onCreated: (userName: string) => void }) {
  const toasts = useToasts();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.createOperator(userName.trim(), password, role);
      onCreated(userName.trim());
      setUserName(''); setPassword('');
    } catch (err) {
      toasts.error(err, 'Creating the operator');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="New operator">
      <div className="field"><label htmlFor="new-operator-name">New user name</label>
        <input id="new-operator-name" autoComplete="off" value={userName} onChange={e => setUserName(e.target.value)} required /></div>
      <div className="field"><label htmlFor="new-operator-password">Initial password</label>
        <input id="new-operator-password" type="password" autoComplete="new-password" value={password} onChange={e => setPassword(e.target.value)} required /></div>
      <div className="field"><label htmlFor="new-operator-role">Role</label>
        <select id="new-operator-role" value={role} onChange={e => setRole(e.target.value as Role)}>{roles.map(r => <option key={r} value={r}>{r}</option>)}</select></div>
      <button type="submit" className="button primary" disabled={busy || !userName.trim() || !password}>{busy ? 'Creating…' : 'Create operator'}</button>
    </form>
  );
}
