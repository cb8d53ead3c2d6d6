import { describe, expect, it } from 'vitest';
import { diffLines, diffStats } from './diff';

describe('diffLines', () => {
  it('marks equal texts as all same', () => {
    const rows = diffLines('a\nb', 'a\nb');
    expect(rows.map(r => r.kind)).toEqual(['same', 'same']);
  });

  it('pairs a replaced line as changed and keeps line numbers', () => {
    const rows = diffLines('a\nb\nc', 'a\nB\nc');
    expect(rows).toEqual([
      { kind: 'same', left: 'a', right: 'a', leftNo: 1, rightNo: 1 },
      { kind: 'changed', left: 'b', leftNo: 2, right: 'B', rightNo: 2 },
      { kind: 'same', left: 'c', right: 'c', leftNo: 3, rightNo: 3 },
    ]);
  });

  it('shows insertions and deletions on their own side', () => {
    const rows = diffLines('a\nx\nb', 'a\nb\ny');
    expect(diffStats(rows)).toEqual({ added: 1, removed: 1, changed: 0 });
    expect(rows.find(r => r.kind === 'removed')).toMatchObject({ left: 'x', leftNo: 2 });
    expect(rows.find(r => r.kind === 'added')).toMatchObject({ right: 'y', rightNo: 3 });
  });
});
