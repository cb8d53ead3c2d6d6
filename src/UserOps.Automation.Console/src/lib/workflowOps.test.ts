import { describe, expect, it } from 'vitest';
import type { LaunchPreview, WorkflowDocument, WorkflowSummary } from '../types';
import { deleteConfirmation, duplicateOf, launchConfirmation, newRequestKey, parseExternalIds, uploadPercent } from './workflowOps';

const preview: LaunchPreview = {
  definitionId: 'mayday', version: 3, name: 'May Day', trigger: 'Schedule', segment: 'paying-lapsed-30d',
  segmentName: 'Paying, lapsed 30 days', members: 1234, lastRefreshedAt: '2026-05-01T00:00:00Z', canLaunch: true,
};

const summary: WorkflowSummary = {
  definitionId: 'recall', name: 'Recall', latestVersion: 2, publishedVersion: null, latestStatus: 'Draft', updatedAt: '2026-05-01T00:00:00Z', activeJourneys: 0,
};

describe('launchConfirmation', () => {
  it('names the audience and its size, and says the size on the button', () => {
    const c = launchConfirmation(preview, '5m ago');
    expect(c.title).toBe('Launch “May Day” v3 now?');
    expect(c.lines[0]).toBe('Audience: Paying, lapsed 30 days (paying-lapsed-30d) — 1,234 contacts at its last refresh (5m ago).');
    expect(c.confirm).toBe('Launch to 1,234 contacts');
  });

  it('says one contact, and an unknown size when the segment was never refreshed', () => {
    expect(launchConfirmation({ ...preview, members: 1 }, null).confirm).toBe('Launch to 1 contact');
    const never = launchConfirmation({ ...preview, members: null }, null);
    expect(never.lines[0]).toMatch(/not known yet/);
    expect(never.confirm).toBe('Launch');
  });

  it('offers no launch for a workflow that is not a blast', () => {
    const c = launchConfirmation({ ...preview, trigger: 'ApiTrigger', canLaunch: false }, null);
    expect(c.confirm).toBeNull();
    expect(c.lines[0]).toMatch(/ApiTrigger trigger/);
  });
});

describe('deleteConfirmation', () => {
  it('refuses while journeys run, naming how many', () => {
    const c = deleteConfirmation({ ...summary, activeJourneys: 12 });
    expect(c.confirm).toBeNull();
    expect(c.lines[0]).toBe('12 journeys are running in it. Retire it so nobody new enters, and delete it once they have ended.');
    expect(deleteConfirmation({ ...summary, activeJourneys: 1 }).lines[0]).toMatch(/^1 journey is running/);
  });

  it('says what goes and what stays, and warns when a version is live', () => {
    expect(deleteConfirmation(summary)).toMatchObject({ confirm: 'Delete workflow', lines: [expect.stringMatching(/^All 2 versions/)] });
    expect(deleteConfirmation({ ...summary, publishedVersion: 2 }).lines[1]).toBe('v2 is live: deleting it stops its trigger.');
  });
});

describe('parseExternalIds', () => {
  it('splits on lines, commas and spaces, dropping blanks and repeats', () => {
    expect(parseExternalIds('u-1\nu-2, u-3;u-1\n\n  u-4 ')).toEqual(['u-1', 'u-2', 'u-3', 'u-4']);
    expect(parseExternalIds('  ')).toEqual([]);
  });
});

describe('uploadPercent', () => {
  it('is a whole percent of a known size, null for an unknown one', () => {
    expect(uploadPercent(0, 200)).toBe(0);
    expect(uploadPercent(199, 200)).toBe(99);
    expect(uploadPercent(250, 200)).toBe(100);
    expect(uploadPercent(10, 0)).toBeNull();
  });
});

describe('newRequestKey', () => {
  it('differs each time', () => {
    expect(newRequestKey()).not.toBe(newRequestKey());
  });
});

describe('duplicateOf', () => {
  const source: WorkflowDocument = {
    definitionId: 'recall-7-15-30', version: 3, name: 'Recall 7/15/30', isPublished: true, isLatest: true,
    settings: { entry: { policy: 'Once' } },
    root: {
      type: 'Flowchart',
      activities: [{ id: 'start', type: 'SegmentEntered', segment: 'inactive-7d', metadata: { designer: { position: { x: 10, y: 20 } } } }],
      connections: [],
    },
  };

  it('keeps the flow, settings and layout under the new id and name, without version or publication', () => {
    const copy = duplicateOf(source, '  Recall for VIPs ');
    expect(copy.definitionId).toBe('recall-for-vips');
    expect(copy.name).toBe('Recall for VIPs');
    expect(copy.settings).toEqual(source.settings);
    expect(copy.root).toEqual(source.root);
    expect('version' in copy || 'isPublished' in copy || 'isLatest' in copy).toBe(false);
  });

  it('copies, so editing the duplicate leaves the original alone', () => {
    const copy = duplicateOf(source, 'Other');
    copy.root.activities[0].id = 'changed';
    expect(source.root.activities[0].id).toBe('start');
  });
});
