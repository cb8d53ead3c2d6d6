import { useEffect, useState } from 'react';
import { api } from '../api';
import { ContactProfile } from '../contacts/ContactProfile';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago, dateTime } from '../format';
import { href } from '../router';

export function ContactsPage({ selected }: { selected?: string }) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => { const t = setTimeout(() => setDebounced(query), 300); return () => clearTimeout(t); }, [query]);
  const contacts = useResource(() => api.contacts(debounced, 50), [debounced], 'Searching contacts');
  return (
    <div className={`page ${selected ? 'with-aside wide-aside' : ''}`}>
      <div className="page-main">
        <header className="page-header"><div><h1>Contacts</h1><p className="muted">Search by id, email, phone or name.</p></div></header>
        <div className="input-with-icon search"><Icon name="search" /><input type="search" aria-label="Search contacts" placeholder="demo-0001, @example.net, +86…" value={query} onChange={e => setQuery(e.target.value)} /></div>
        {contacts.loading && <Spinner label="Searching" />}
        {contacts.data && (
          <table className="table">
            <thead><tr><th>Contact</th><th>Email / phone</th><th>Lifecycle</th><th className="nowrap">Last active</th></tr></thead>
            <tbody>
              {contacts.data.map(c => (
                <tr key={c.externalId} className={c.externalId === selected ? 'selected' : undefined}>
                  <td><a className="row-link" href={href('contacts', c.externalId)}><strong>{[c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId}</strong><span className="muted mono small">{c.externalId}</span></a></td>
                  <td className="small">{c.email}<div className="muted">{c.phone}</div></td>
                  <td><span className={`badge lifecycle-${c.lifecycle.toLowerCase()}`}>{c.lifecycle}</span></td>
                  <td className="muted nowrap" title={dateTime(c.lastActiveAt)}>{ago(c.lastActiveAt)}</td>
                </tr>
              ))}
              {contacts.data.length === 0 && <tr><td colSpan={4} className="muted">No contact matches.</td></tr>}
            </tbody>
          </table>
        )}
      </div>
      {selected && <ContactProfile id={selected} />}
    </div>
  );
}
