import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { OperationView } from '../types';

const STARTED = 'userops:operation-started';

/** Tells the operations indicator that an operation was just started here, so it looks at once instead of at its next poll. */
export function announceOperation(operation: OperationView): void {
  window.dispatchEvent(new CustomEvent(STARTED, { detail: operation }));
}

/** Follows one operation until it finishes, reading it every second (the host writes progress about as often). */
export function useOperation(initial: OperationView | null): OperationView | null {
  const [operation, setOperation] = useState(initial);
  useEffect(() => setOperation(initial), [initial]);
  const id = operation?.id;
  const running = operation?.status === 'Running';
  useEffect(() => {
    if (id == null || !running) return;
    let stopped = false;
    const timer = window.setInterval(() => {
      api.operation(id).then(o => { if (!stopped) setOperation(o); }, () => { /* the next tick tries again */ });
    }, 1000);
    return () => { stopped = true; window.clearInterval(timer); };
  }, [id, running]);
  return operation;
}

/** The recent operations, polled every 3 s while one runs and every 20 s otherwise. */
export function useRecentOperations(take = 10): { operations: OperationView[]; failed: boolean; reload: () => void } {
  const [operations, setOperations] = useState<OperationView[]>([]);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  const running = operations.some(o => o.status === 'Running');
  const alive = useRef(true);
  useEffect(() => () => { alive.current = false; }, []);
  const reload = useCallback(() => setTick(t => t + 1), []);
  useEffect(() => {
    api.operations({ take }).then(
      list => { if (alive.current) { setOperations(list); setFailed(false); } },
      () => { if (alive.current) setFailed(true); },
    );
    const timer = window.setTimeout(reload, running ? 3000 : 20000);
    return () => window.clearTimeout(timer);
  }, [take, tick, running, reload]);
  useEffect(() => {
    window.addEventListener(STARTED, reload);
    return () => window.removeEventListener(STARTED, reload);
  }, [reload]);
  return { operations, failed, reload };
}
