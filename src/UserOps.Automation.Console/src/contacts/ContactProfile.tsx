import { useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { ago, dateTime, money, number } from '../format';
import { describeEvent, firstEvents } from '../lib/contactEvents';
import { outboxQuery } from '../lib/outboxQuery';
import { channelIcon } from '../pages/TemplatesPage';
import { statusClass } from '../pages/MessagesPage';
import { href } from '../router';

const EVENTS_SHOWN = 10;
const MESSAGES_SHOWN = 10;

/** One contact as an operator looks them up: who, consent, facts, the segments they are in, events, journeys, messages. */
export function ContactProfile({ id }: { id: string }) {
  const contact = useResource(() => api.contact(id), [id], 'Loading the contact');
  const journeys = useResource(() => api.journeys(id), [id], 'Loading journeys');
  const messages = useResource(() => api.outbox(outboxQuery({ contact: id }, null, MESSAGES_SHOWN)), [id], 'Loading messages');
  const [allEvents, setAllEvents] = useState(false);
  const c = contact.data;
  const events = c ? (allEvents ? { items: c.recentEvents, hidden: 0 } : firstEvents(c.recentEvents, EVENTS_SHOWN)) : null;
  const consent = (given: boolean) => given ? '' : <span className="badge">no consent</span>;
  return (
    <aside className="aside contact-profile" aria-label="Contact profile">
      <div className="aside-head"><h2>{c ? [c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId : id}</h2><a href={href('contacts')} className="button ghost small">Close</a></div>
      {contact.loading && <Spinner />}
      {c && (
        <dl className="facts">
          <dt>Id</dt><dd className="mono">{c.externalId}</dd>
          <dt>Email</dt><dd>{c.email ?? '—'} {consent(c.consent.email)}</dd>
          <dt>Phone</dt><dd>{c.phone ?? '—'} {consent(c.consent.sms)}</dd>
          <dt>Push</dt><dd>{c.pushTokens.length ? c.pushTokens.map(t => t.platform).join(', ') : '—'} {c.pushTokens.length > 0 && consent(c.consent.push)}</dd>
          <dt>Locale / zone</dt><dd>{c.locale ?? '—'} · {c.timeZone ?? '—'}</dd>
          <dt>Lifecycle</dt><dd><span className={`badge lifecycle-${c.facts.lifecycle.toLowerCase()}`}>{c.facts.lifecycle}</span></dd>
          <dt>RFM</dt><dd className="mono">R{c.facts.recencyScore} F{c.facts.frequencyScore} M{c.facts.monetaryScore}</dd>
          <dt>Last active</dt><dd>{dateTime(c.facts.lastActiveAt)} ({ago(c.facts.lastActiveAt)})</dd>
          <dt>Purchases</dt><dd>{number(c.facts.purchaseCount)} · spend {money(c.facts.totalSpendMinor)}</dd>
          <dt>Interests</dt><dd>{c.facts.interests.length ? c.facts.interests.map(i => <span key={i.category} className="badge" title={`${i.count} times, last ${dateTime(i.lastSeenAt)}`}>{i.category}</span>) : '—'}</dd>
          <dt>Tags</dt><dd>{c.tags.length ? c.tags.map(t => <span key={t} className="badge">{t}</span>) : '—'}</dd>
        </dl>
      )}

      <h3>Segments</h3>
      {c && (c.segments.length === 0
        ? <p className="muted">In no segment now.</p>
        : <ul className="chip-list" aria-label="Segments the contact is in">
          {c.segments.map(s => <li key={s.key}><a className="badge" href={href('segments', s.key)} title={`Since ${dateTime(s.enteredAt)}`}>{s.name}</a></li>)}
        </ul>)}

      <h3>Events</h3>
      {events && events.items.length === 0 && <p className="muted">No events yet.</p>}
      {events && events.items.length > 0 && (
        <ol className="event-list" aria-label="Recent events">
          {events.items.map((e, i) => <li key={i}><span>{describeEvent(e)}</span><span className="muted small nowrap" title={dateTime(e.timestamp)}>{ago(e.timestamp)}</span></li>)}
        </ol>
      )}
      {events && events.hidden > 0 && <button type="button" className="button ghost small" onClick={() => setAllEvents(true)}>Show {events.hidden} more</button>}

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

      <h3>Messages</h3>
      {messages.loading && <Spinner />}
      {messages.data?.items.length === 0 && <p className="muted">No messages yet.</p>}
      {messages.data && messages.data.items.length > 0 && (
        <ol className="event-list" aria-label="Latest messages">
          {messages.data.items.map(m => (
            <li key={m.id}>
              <span><a href={href('messages', String(m.id))}><Icon name={channelIcon[m.channel] ?? 'message'} size={14} /> #{m.id}</a> <span className="mono small">{m.templateKey}</span> <span className={statusClass(m.status)}>{m.status}</span></span>
              <span className="muted small nowrap" title={dateTime(m.createdAt)}>{ago(m.createdAt)}</span>
            </li>
          ))}
        </ol>
      )}
      {messages.data?.nextBeforeId != null && <p className="muted small">Only the latest {MESSAGES_SHOWN}: the Messages page filters by this contact's id for the rest.</p>}
    </aside>
  );
}
