import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { describeProblem } from '../api';
import { Icon } from './Icon';

interface Toast { id: number; kind: 'error' | 'success' | 'info'; title: string; lines: string[] }

interface ToastApi {
  error: (error: unknown, context?: string) => void;
  success: (title: string, lines?: string[]) => void;
  info: (title: string, lines?: string[]) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function useToasts(): ToastApi {
  const context = useContext(ToastContext);
  if (!context) throw new Error('useToasts outside ToastProvider');
  return context;
}

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts(ts => ts.filter(t => t.id !== id)), []);
  const push = useCallback((toast: Omit<Toast, 'id'>) => {
    const id = nextId++;
    setToasts(ts => [...ts.slice(-4), { ...toast, id }]);
    // Errors stay until dismissed: an operator must be able to read a refusal in full.
    if (toast.kind !== 'error') setTimeout(() => dismiss(id), 4000);
  }, [dismiss]);
  const api = useMemo<ToastApi>(() => ({
    error: (error, context) => {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      const { title, lines } = describeProblem(error);
      push({ kind: 'error', title: context ? `${context}: ${title}` : title, lines });
    },
    success: (title, lines = []) => push({ kind: 'success', title, lines }),
    info: (title, lines = []) => push({ kind: 'info', title, lines }),
  }), [push]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="region" aria-live="polite" aria-label="Notifications">
        {toasts.map(t => (
          <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            <Icon name={t.kind === 'error' ? 'alert' : t.kind === 'success' ? 'check' : 'flow'} size={18} />
            <div className="toast-body">
              <strong>{t.title}</strong>
              {t.lines.length > 0 && <ul>{t.lines.slice(0, 8).map((l, i) => <li key={i}>{l}</li>)}</ul>}
            </div>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}><Icon name="close" size={14} /></button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
