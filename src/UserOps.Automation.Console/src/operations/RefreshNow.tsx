import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { useToasts } from '../components/Toasts';
import type { OperationView } from '../types';
import { ProgressBar } from './OperationProgress';
import { announceOperation, useOperation } from './useOperations';

/** "Refresh now" for one segment: starts the refresh on the host, shows its progress, and reloads the page's data when it ends. */
export function RefreshNow({ segmentKey, onDone }: { segmentKey: string; onDone: () => void }) {
  const toasts = useToasts();
  const [started, setStarted] = useState<OperationView | null>(null);
  const [starting, setStarting] = useState(false);
  const operation = useOperation(started);
  const reported = useRef<number | null>(null);
  const running = starting || operation?.status === 'Running';

  useEffect(() => {
    if (!operation || operation.status === 'Running' || reported.current === operation.id) return;
    reported.current = operation.id;
    if (operation.status === 'Failed') toasts.error(new Error(operation.message ?? 'The refresh failed'), `Refreshing ${segmentKey}`);
    else toasts.success(`${segmentKey} refreshed`, operation.message ? [operation.message] : []);
    onDone();
  }, [operation, segmentKey, onDone, toasts]);

  const start = async () => {
    setStarting(true);
    try {
      const op = await api.refreshSegment(segmentKey);
      setStarted(op);
      announceOperation(op);
    } catch (e) {
      toasts.error(e, `Refreshing ${segmentKey}`);
    } finally {
      setStarting(false);
    }
  };

  return (
    <div className="refresh-now">
      <button type="button" className="button small" onClick={start} disabled={running} data-testid="segment-refresh">
        {running ? 'Refreshing…' : 'Refresh now'}
      </button>
      {operation && operation.status === 'Running' && <ProgressBar operation={operation} label={`Refreshing ${segmentKey}`} />}
      {operation && operation.status !== 'Running' && <span className="small muted" role="status">{operation.message}</span>}
    </div>
  );
}
