import { useState } from 'react';
import { Icon } from './Icon';

/** A secret the host shows once (a one-time password, a new API key): copy it now, it cannot be shown again. */
export function SecretOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try { await navigator.clipboard.writeText(secret); setCopied(true); } catch { setCopied(false); }
  };
  return (
    <div className="secret-once" role="status" aria-live="polite">
      <div><strong>{title}</strong><p className="muted small">Shown once: copy it now. It cannot be shown again.</p></div>
      <code className="secret-value" aria-label={title}>{secret}</code>
      <div className="row">
        <button type="button" className="button small" onClick={() => void copy()}><Icon name={copied ? 'check' : 'key'} /> {copied ? 'Copied' : 'Copy'}</button>
        <button type="button" className="button small ghost" onClick={onDone}>Done</button>
      </div>
    </div>
  );
}
