import { useId, useState } from 'react';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { useToasts } from '../components/Toasts';
import type { Channel } from '../types';

const placeholders: Record<Channel, string> = { Email: 'you@company.com', Sms: '+14155550123', Push: 'Device or browser push token' };
const labels: Record<Channel, string> = { Email: 'Email address', Sms: 'Phone number (E.164)', Push: 'Push token' };

/** Sends the saved version, rendered for the chosen contact, to an address the operator gives (marked [TEST] for email). */
export function TestSendForm({ templateKey, locale, channel, contactExternalId, dirty }: {
  templateKey: string; locale: string; channel: Channel; contactExternalId: string | null; dirty: boolean;
}) {
  const id = useId();
  const toasts = useToasts();
  const [to, setTo] = useState('');
  const [platform, setPlatform] = useState('fcm');
  const [sending, setSending] = useState(false);

  const send = async () => {
    setSending(true);
    try {
      const { result } = await api.testSend(templateKey, locale, to.trim(), { contactExternalId }, channel === 'Push' ? platform : undefined);
      if (result.succeeded) toasts.success(`Test sent to ${to.trim()}`, [`${result.status}${result.providerMessageId ? ` · ${result.providerMessageId}` : ''}`]);
      else toasts.error(new Error(result.failure ? `${result.failure.kind}${result.failure.providerCode ? ` ${result.failure.providerCode}` : ''}: ${result.failure.message}` : 'The channel refused the message.'), 'Test send failed');
    } catch (e) {
      toasts.error(e, 'Test send');
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="test-send" onSubmit={e => { e.preventDefault(); if (to.trim() && !dirty) void send(); }}>
      <h3>Test send</h3>
      <label htmlFor={`${id}-to`} className="field-label">{labels[channel]}</label>
      <div className="row">
        <input id={`${id}-to`} type={channel === 'Email' ? 'email' : 'text'} inputMode={channel === 'Sms' ? 'tel' : undefined} autoComplete="off"
          placeholder={placeholders[channel]} value={to} onChange={e => setTo(e.target.value)} aria-describedby={`${id}-hint`} />
        {channel === 'Push' && (
          <select aria-label="Push platform" value={platform} onChange={e => setPlatform(e.target.value)}>
            <option value="fcm">FCM</option><option value="webpush">Web Push</option>
          </select>
        )}
        <button type="submit" className="button" disabled={!to.trim() || dirty || sending}>
          {sending ? <span className="spinner small" /> : <Icon name="publish" size={14} />} Send
        </button>
      </div>
      <p id={`${id}-hint`} className="small muted">
        {dirty ? 'Save first: a test sends the saved version.' : 'Sends the saved version through the configured channel (captured in the default set-up).'}
      </p>
    </form>
  );
}
