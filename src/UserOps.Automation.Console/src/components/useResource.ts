import { useCallback, useEffect, useRef, useState } from 'react';
import { useToasts } from './Toasts';

export interface Resource<T> { data: T | undefined; loading: boolean; error: unknown; reload: () => void }

/** Loads once per change of `deps`, shows a failure as a toast, and ignores answers that arrive after a newer load. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[], context?: string): Resource<T> {
  const toasts = useToasts();
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    load().then(
      value => { if (mine === generation.current) { setData(value); setError(null); setLoading(false); } },
      e => { if (mine === generation.current) { setError(e); setLoading(false); toasts.error(e, context); } },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick(t => t + 1), []);
  return { data, loading, error, reload };
}
