import { emailDocument, type MessageView } from '../lib/messageView';
import '../messaging.css';
import { Icon } from './Icon';

/** A message drawn as the contact meets it: an email client pane, a phone's SMS bubble, a lock-screen notification. */
export function MessagePreview({ view, label }: { view: MessageView; label?: string }) {
  if (view.channel === 'Email') return <EmailPreview view={view} label={label} />;
  if (view.channel === 'Sms') return <SmsPreview view={view} label={label} />;
  return <PushPreview view={view} label={label} />;
}

function EmailPreview({ view, label }: { view: MessageView; label?: string }) {
  return (
    <figure className="msg-email" aria-label={label ?? 'Email preview'}>
      <dl className="msg-email-head">
        <dt>From</dt><dd>{view.fromName ?? <span className="muted">(default sender)</span>}</dd>
        {view.to && <><dt>To</dt><dd>{view.to}</dd></>}
        <dt>Subject</dt><dd className="msg-subject">{view.title || <span className="muted">(no subject)</span>}</dd>
        {view.headers?.map(([name, value]) => <HeaderRow key={name} name={name} value={value} />)}
      </dl>
      {view.html
        ? <iframe className="msg-email-body" title={`${label ?? 'Email'} HTML body`} sandbox="" srcDoc={emailDocument(view.html)} />
        : <pre className="msg-email-text">{view.body}</pre>}
      {view.html && view.body && (
        <details className="msg-email-alt"><summary>Text part</summary><pre className="msg-email-text">{view.body}</pre></details>
      )}
    </figure>
  );
}

function HeaderRow({ name, value }: { name: string; value: string }) {
  return <><dt className="small">{name}</dt><dd className="small mono">{value}</dd></>;
}

function SmsPreview({ view, label }: { view: MessageView; label?: string }) {
  return (
    <figure className="msg-phone" aria-label={label ?? 'SMS preview'}>
      <div className="msg-phone-head"><Icon name="sms" size={14} /> {view.to ?? 'Contact'}</div>
      <div className="msg-phone-screen">
        {view.body ? <p className="msg-bubble" lang={view.locale}>{view.body}</p> : <p className="muted small">(empty message)</p>}
      </div>
    </figure>
  );
}

function PushPreview({ view, label }: { view: MessageView; label?: string }) {
  const data = Object.entries(view.data ?? {});
  return (
    <figure className="msg-push-frame" aria-label={label ?? 'Push notification preview'}>
      <div className="msg-push" lang={view.locale}>
        <div className="msg-push-app"><span className="brand-mark small-mark" aria-hidden="true">U</span> SHOP <span className="muted">· now</span></div>
        <strong className="msg-push-title">{view.title || <span className="muted">(no title)</span>}</strong>
        <p className="msg-push-body">{view.body}</p>
      </div>
      {(view.deepLink || data.length > 0) && (
        <dl className="facts msg-push-meta">
          {view.deepLink && <><dt>Opens</dt><dd className="mono">{view.deepLink}</dd></>}
          {data.map(([k, v]) => <DataRow key={k} name={k} value={v} />)}
        </dl>
      )}
    </figure>
  );
}

function DataRow({ name, value }: { name: string; value: string }) {
  return <><dt className="mono">data.{name}</dt><dd className="mono">{value}</dd></>;
}
