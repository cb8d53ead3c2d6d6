import { describe, expect, it } from 'vitest';
import { atLeast, can, isRole } from './roles';

describe('roles', () => {
  it('are hierarchical', () => {
    expect(atLeast('admin', 'viewer')).toBe(true);
    expect(atLeast('publisher', 'publisher')).toBe(true);
    expect(atLeast('editor', 'publisher')).toBe(false);
    expect(atLeast('viewer', 'editor')).toBe(false);
  });

  it('let only publishers and admins publish', () => {
    expect(['viewer', 'editor', 'publisher', 'admin'].map(r => can(r, 'publish'))).toEqual([false, false, true, true]);
  });

  it('let editors save drafts but not manage keys', () => {
    expect(can('editor', 'saveDraft')).toBe(true);
    expect(can('viewer', 'saveDraft')).toBe(false);
    expect(can('publisher', 'manageKeys')).toBe(false);
    expect(can('admin', 'readAudit')).toBe(true);
  });

  it('give an unknown or missing role nothing', () => {
    expect(isRole('Admin')).toBe(false);
    expect(can('root', 'read')).toBe(false);
    expect(can(null, 'read')).toBe(false);
    expect(can(undefined, 'read')).toBe(false);
  });
});
