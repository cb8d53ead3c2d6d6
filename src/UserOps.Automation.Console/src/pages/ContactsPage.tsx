import { useEffect, useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago, dateTime, number } from '../format';
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

function ContactProfile({ id }: { id: string }) {
  const contact = useResource(() => api.contact(id), [id], 'Loading the contact');
  const journeys = useResource(() => api.journeys(id), [id], 'Loading journeys');
  const c = contact.data;
  return (
    <aside className="aside" aria-label="Contact profile">
      <div className="aside-head"><h2>{c ? [c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId : id}</h2><a href={href('contacts')} className="button ghost small">Close</a></div>
      {contact.loading && <Spinner />}
      {c && (
        <>
          <dl className="facts">
            <dt>Id</dt><dd className="mono">{c.externalId}</dd>
            <dt>Email</dt><dd>{c.email ?? '—'} {c.consent.email ? '' : <span className="badge">no consent</span>}</dd>
            <dt>Phone</dt><dd>{c.phone ?? '—'} {c.consent.sms ? '' : <span className="badge">no consent</span>}</dd>
            <dt>Push</dt><dd>{c.pushTokens.length ? c.pushTokens.map(t => t.platform).join(', ') : '—'}</dd>
            <dt>Locale / zone</dt><dd>{c.locale ?? '—'} · {c.timeZone ?? '—'}</dd>
            <dt>Lifecycle</dt><dd><span className={`badge lifecycle-${c.facts.lifecycle.toLowerCase()}`}>{c.facts.lifecycle}</span></dd>
            <dt>RFM</dt><dd className="mono">R{c.facts.recencyScore} F{c.facts.frequencyScore} M{c.facts.monetaryScore}</dd>
            <dt>Last active</dt><dd>{dateTime(c.facts.lastActiveAt)} ({ago(c.facts.lastActiveAt)})</dd>
            <dt>Purchases</dt><dd>{number(c.facts.purchaseCount)} · spend {number(c.facts.totalSpendMinor / 100)}</dd>
            <dt>Tags</dt><dd>{c.tags.length ? c.tags.map(t => <span key={t} className="badge">{t}</span>) : '—'}</dd>
          </dl>
        </>
      )}
      <h3>Journeys</h3>
      {journeys.loading && <Spinner />}
      {journeys.data?.length === 0 && <p className="muted">Never entered a workflow.</p>}
      <ol className="timeline">
        {journeys.data?.map(j => (
          <li key={j.id} className={`journey journey-${j.status.toLowerCase()}`}>
            <div className="journey-head">
              <a href={href('workflows', j.workflow)}><strong>{j.workflow}</strong></a> <span className="muted">v{j.version}</span>
              <span className={`badge badge-${j.status.toLowerCase()}`}>{j.status}</span>
              {j.variant && <span className="badge">{j.variant}</span>}
              {j.goalReachedAt && <span className="badge badge-published">goal reached</span>}
            </div>
            <div className="muted small">entered {dateTime(j.enteredAt)}{j.endedAt ? ` · ended ${dateTime(j.endedAt)}${j.endReason ? ` (${j.endReason})` : ''}` : j.dueAt ? ` · at ${j.activity}, due ${dateTime(j.dueAt)}` : ` · at ${j.activity}`}</div>
            <ol className="steps">
              {j.steps.map((s, i) => (
                <li key={i}><span className="mono">{s.activity}</span> → <strong>{s.outcome}</strong> <span className="muted small">{dateTime(s.at)}</span>{s.detail && <div className="muted small">{s.detail}</div>}</li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </aside>
  );
}
