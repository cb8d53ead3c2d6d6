import { describe, expect, it } from 'vitest';
import { auditQuery, changeSummary, snapshotText } from './audit';

describe('audit', () => {
  it('summarizes changed top-level fields, old to new', () => {
    expect(changeSummary({ before: { role: 'viewer', disabled: false, userName: 'olga' }, after: { role: 'editor', disabled: true, userName: 'olga' } }))
      .toBe('disabled: false → true, role: viewer → editor');
  });

  it('leaves out the moved timestamp unless it is the only change', () => {
    expect(changeSummary({ before: { status: 'Draft', updatedAt: '1' }, after: { status: 'Published', updatedAt: '2' } })).toBe('status: Draft → Published');
    expect(changeSummary({ before: { updatedAt: '1' }, after: { updatedAt: '2' } })).toBe('updatedAt: 1 → 2');
  });

  it('names a nested change without printing it, and creates and deletes as such', () => {
    expect(changeSummary({ before: { content: { smsBody: 'a' }, version: 1 }, after: { content: { smsBody: 'b' }, version: 2 } })).toBe('content changed, version: 1 → 2');
    expect(changeSummary({ before: null, after: { key: 'x' } })).toBe('created');
    expect(changeSummary({ before: { key: 'x' }, after: null })).toBe('deleted');
  });

  it('writes snapshots with sorted keys so key order never shows as a change', () => {
    expect(snapshotText({ b: 1, a: { d: 2, c: 3 } })).toBe(snapshotText({ a: { c: 3, d: 2 }, b: 1 }));
    expect(snapshotText({ b: 1, a: 2 }).split('\n')[1]).toBe('  "a": 2,');
    expect(snapshotText(null)).toBe('');
  });

  it('builds the query from the filters that are set', () => {
    expect(auditQuery({ entityType: 'workflow', entityId: '', actor: ' ed ', take: 100 })).toBe('?entityType=workflow&actor=ed&take=100');
    expect(auditQuery({})).toBe('');
  });
});
