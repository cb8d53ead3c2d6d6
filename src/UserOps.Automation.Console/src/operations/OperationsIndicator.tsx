import { useEffect, useRef, useState } from 'react';
import { Icon } from '../components/Icon';
import { href } from '../router';
import { OperationRow } from './OperationProgress';
import { useRecentOperations } from './useOperations';

/** A sidebar button with the number of running operations; it opens a panel of the recent ones with their progress. */
export function OperationsIndicator() {
  const { operations, failed } = useRecentOperations(8);
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const running = operations.filter(o => o.status === 'Running').length;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setOpen(false); };
    window.addEventListener('keydown', onKey);
    panel.current?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div className="ops-indicator">
      <button type="button" className="sidebar-foot ops-button" aria-expanded={open} aria-controls="operations-panel" onClick={() => setOpen(o => !o)} data-testid="operations-indicator">
        <Icon name="hourglass" size={16} /> <span>Operations</span>
        {running > 0 && <span className="ops-count" aria-label={`${running} running`}>{running}</span>}
      </button>
      {open && (
        <div id="operations-panel" className="ops-panel" ref={panel} tabIndex={-1} role="dialog" aria-label="Operations">
          <div className="aside-head">
            <h2>Operations</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={() => setOpen(false)}><Icon name="close" size={14} /></button>
          </div>
          <div aria-live="polite">
            {failed && <p className="down small">The operations cannot be read right now.</p>}
            {!failed && operations.length === 0 && <p className="muted small">Nothing has run yet. Imports, segment refreshes and blasts show their progress here.</p>}
            {operations.map(o => <OperationRow key={o.id} operation={o} />)}
          </div>
          <a className="small" href={href('imports')} onClick={() => setOpen(false)}>Import a CSV file →</a>
        </div>
      )}
    </div>
  );
}
