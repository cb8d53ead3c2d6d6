import { api } from '../api';
import { Icon } from '../components/Icon';
import { MessagePreview } from '../components/MessagePreview';
import { Spinner } from '../components/Sparkline';
import { useResource } from '../components/useResource';
import { dateTime } from '../format';
import { fromCaptured, fromRendered } from '../lib/messageView';
import { statusClass } from '../pages/MessagesPage';
import { href } from '../router';

const ms = (n: number) => (n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);

/** One outbox message: what happened to it, each delivery attempt, and the copy as the contact saw (or would have seen) it. */
export function MessageDetail({ id }: { id: number }) {
  const detail = useResource(() => api.outboxMessage(id), [id], `Loading message ${id}`);
  const d = detail.data;
  const locale = d?.captured?.locale ?? d?.rendered?.locale ?? null;
  return (
    <aside className="aside message-detail" aria-label={`Message ${id}`}>
      <div className="aside-head">
        <h2>Message #{id}</h2>
        <a className="icon-button" href={href('messages')} aria-label="Close the message"><Icon name="close" /></a>
      </div>
      {!d && detail.loading && <Spinner />}
      {d && (
        <>
          <p><span className={statusClass(d.message.status)}>{d.message.status}</span> <span className="badge">{d.message.channel === 'Sms' ? 'SMS' : d.message.channel}</span>
            {d.message.reason && <span className="reason">{d.message.reason}</span>}</p>
          <dl className="facts">
            <dt>Contact</dt>
            <dd>{d.contact ? <a href={href('contacts', d.contact.externalId)}>{[d.contact.firstName, d.contact.lastName].filter(Boolean).join(' ') || d.contact.externalId}</a> : d.message.contactId}
              {d.contact && <span className="small muted"> · {d.contact.locale ?? 'no locale'} · {d.contact.timeZone ?? 'no time zone'}</span>}</dd>
            <dt>Template</dt><dd><a className="mono" href={locale ? href('templates', d.message.templateKey, locale) : href('templates', d.message.templateKey)}>{d.message.templateKey}</a>{locale && <span className="small muted"> · {locale}</span>}</dd>
            <dt>Workflow</dt><dd>{d.message.definitionId ? <><a href={href('workflows', d.message.definitionId)}>{d.message.definitionId}</a>{d.message.activityId && <span className="muted"> · {d.message.activityId}</span>}</> : '—'}</dd>
            <dt>Created</dt><dd>{dateTime(d.message.createdAt)}</dd>
            {d.message.status === 'Deferred' && <><dt>Not before</dt><dd>{dateTime(d.message.notBefore)}</dd></>}
            {d.message.sentAt && <><dt>Sent</dt><dd>{dateTime(d.message.sentAt)}</dd></>}
            {d.message.deliveredAt && <><dt>Delivered</dt><dd>{dateTime(d.message.deliveredAt)}</dd></>}
            {d.message.expiresAt && <><dt>Expires</dt><dd>{dateTime(d.message.expiresAt)}</dd></>}
            {d.message.providerMessageId && <><dt>Provider id</dt><dd className="mono small break">{d.message.providerMessageId}</dd></>}
            <dt>Idempotency</dt><dd className="mono small break">{d.message.idempotencyKey}</dd>
            <dt>Frequency cap</dt><dd>{d.message.frequencyCapped ? 'counts' : 'exempt'}</dd>
          </dl>

          <h3>Delivery attempts</h3>
          {d.attempts.length === 0 ? <p className="small muted">No attempt: {d.message.status === 'Suppressed' || d.message.status === 'Expired' ? 'it never reached a provider.' : 'not sent yet.'}</p> : (
            <ol className="attempt-list">
              {d.attempts.map((a, i) => (
                <li key={i}>
                  <div className="attempt-head">
                    <strong>#{a.number}</strong> <span className={statusClass(a.outcome)}>{a.outcome}</span>
                    <span className="small muted">{dateTime(a.at)} · took {ms(a.durationMs)}</span>
                  </div>
                  {a.providerMessageId && <div className="small"><span className="muted">Provider id </span><span className="mono break">{a.providerMessageId}</span></div>}
                  {(a.errorCode || a.errorMessage) && <div className="small danger-text">{a.errorCode && <span className="mono">{a.errorCode} </span>}{a.errorMessage}</div>}
                </li>
              ))}
            </ol>
          )}

          <h3>As the contact sees it</h3>
          {d.captured ? (
            <>
              <p className="small muted">Captured {dateTime(d.captured.capturedAt)}: the channel is in capture mode, so this is exactly what would have left.</p>
              <MessagePreview view={fromCaptured(d.captured)} label={`Captured message ${id}`} />
            </>
          ) : d.rendered ? (
            <>
              <p className="small muted">{d.renderedFrom === 'sent-version'
                ? `Rendered again from template v${d.rendered.templateVersion} (${d.rendered.locale}), the version this message used.`
                : `Never rendered for sending: this is the current ${d.rendered.locale} v${d.rendered.templateVersion} for this contact.`}</p>
              <MessagePreview view={fromRendered(d.rendered, d.captured ? null : recipientOf(d))} label={`Message ${id} as rendered`} />
            </>
          ) : <p className="small muted">The copy cannot be shown: the template or the contact no longer exists.</p>}
        </>
      )}
    </aside>
  );
}

function recipientOf(d: { message: { channel: string }; contact: { email: string | null; phone: string | null } | null }): string | null {
  if (!d.contact) return null;
  return d.message.channel === 'Email' ? d.contact.email : d.message.channel === 'Sms' ? d.contact.phone : null;
}
