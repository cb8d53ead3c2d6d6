import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';

/**
 * A modal confirmation in the page (not window.confirm, which a keyboard user cannot style nor a test read): its
 * title, lines, optional extra content, Cancel and — when `confirm` is set — the action. Escape cancels.
 */
export function ConfirmDialog({ id, title, lines, confirm, danger, busy, onConfirm, onClose, children }: {
  id: string; title: string; lines: string[]; confirm: string | null; danger?: boolean; busy?: boolean;
  onConfirm: () => void; onClose: () => void; children?: ReactNode;
}) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid={id}
      onKeyDown={e => { if (e.key === 'Escape') onClose(); }}>
      <div className="overlay-card narrow-card">
        <div className="overlay-head"><h2 id={`${id}-title`}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}><Icon name="close" /></button></div>
        {lines.map((l, i) => <p key={i} className={i === 0 ? undefined : 'muted small'}>{l}</p>)}
        {children}
        <div className="row end">
          <button ref={confirm ? undefined : first} type="button" className="button ghost" onClick={onClose}>{confirm ? 'Cancel' : 'Close'}</button>
          {confirm && <button ref={first} type="button" className={`button ${danger ? 'danger' : 'primary'}`} disabled={busy} onClick={onConfirm}
            data-testid={`${id}-confirm`}>{busy ? 'Working…' : confirm}</button>}
        </div>
      </div>
    </div>
  );
}
