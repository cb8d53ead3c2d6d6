import { describe, expect, it } from 'vitest';
import { createHistory, historyReducer, HISTORY_LIMIT } from './history';

describe('historyReducer', () => {
  it('undoes and redoes edits in order', () => {
    let h = createHistory('a');
    h = historyReducer(h, { type: 'edit', doc: 'b' });
    h = historyReducer(h, { type: 'edit', doc: 'c' });
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe('b');
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe('a');
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe('a');
    h = historyReducer(h, { type: 'redo' });
    expect(h.present).toBe('b');
    expect(h.future).toEqual(['c']);
  });

  it('drops the redo branch on a new edit', () => {
    let h = createHistory(1);
    h = historyReducer(h, { type: 'edit', doc: 2 });
    h = historyReducer(h, { type: 'undo' });
    h = historyReducer(h, { type: 'edit', doc: 3 });
    expect(h.future).toEqual([]);
    expect(h.past).toEqual([1]);
  });

  it('coalesces consecutive edits of one field into one undo step', () => {
    let h = createHistory('');
    for (const doc of ['h', 'he', 'hel']) h = historyReducer(h, { type: 'edit', doc, coalesce: 'name' });
    h = historyReducer(h, { type: 'edit', doc: 'hel!', coalesce: 'other' });
    expect(h.past).toEqual(['', 'hel']);
    h = historyReducer(h, { type: 'undo' });
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe('');
  });

  it('does not coalesce across an undo', () => {
    let h = createHistory('a');
    h = historyReducer(h, { type: 'edit', doc: 'ab', coalesce: 'f' });
    h = historyReducer(h, { type: 'undo' });
    h = historyReducer(h, { type: 'edit', doc: 'ax', coalesce: 'f' });
    expect(h.past).toEqual(['a']);
  });

  it('keeps at most HISTORY_LIMIT past documents', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = historyReducer(h, { type: 'edit', doc: i });
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
