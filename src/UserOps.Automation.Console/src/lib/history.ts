/**
 * Undo/redo over whole documents. Each edit pushes the previous document; an edit with the same
 * `coalesce` key as the one before it (typing in one field) replaces the present instead, so one
 * undo takes back the whole field edit, not one keystroke.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  lastKey: string | null;
}

export type HistoryAction<T> =
  | { type: 'edit'; doc: T; coalesce?: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; doc: T };

export const HISTORY_LIMIT = 200;

export function createHistory<T>(doc: T): History<T> {
  return { past: [], present: doc, future: [], lastKey: null };
}

export function historyReducer<T>(state: History<T>, action: HistoryAction<T>): History<T> {
  switch (action.type) {
    case 'edit': {
      if (action.doc === state.present) return state;
      const key = action.coalesce ?? null;
      if (key !== null && key === state.lastKey) {
        return { ...state, present: action.doc, future: [] };
      }
      const past = [...state.past, state.present].slice(-HISTORY_LIMIT);
      return { past, present: action.doc, future: [], lastKey: key };
    }
    case 'undo': {
      if (state.past.length === 0) return state;
      const previous = state.past[state.past.length - 1];
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future], lastKey: null };
    }
    case 'redo': {
      if (state.future.length === 0) return state;
      const [next, ...rest] = state.future;
      return { past: [...state.past, state.present], present: next, future: rest, lastKey: null };
    }
    case 'reset':
      return createHistory(action.doc);
  }
}
