import { describe, expect, it } from 'vitest';
import type { ActivityDescriptor, WorkflowDocument } from '../types';
import { addActivity, autoLayout, connect, copySelection, followPortRenames, paste, pruneDanglingPorts, renameActivity, uniqueId } from './document';

const doc = (): WorkflowDocument => ({
  definitionId: 'w', name: 'W',
  root: {
    type: 'Flowchart',
    activities: [
      { id: 'start', type: 'ApiTrigger', metadata: { designer: { position: { x: 0, y: 0 } } } },
      { id: 'split', type: 'RandomSplit', branches: [{ port: 'A', weight: 50 }, { port: 'B', weight: 50 }] },
      { id: 'end', type: 'End' },
    ],
    connections: [
      { source: { activity: 'start', port: 'Done' }, target: { activity: 'split', port: 'In' } },
      { source: { activity: 'split', port: 'A' }, target: { activity: 'end', port: 'In' } },
    ],
  },
});

const descriptors = new Map<string, ActivityDescriptor>([
  ['ApiTrigger', { type: 'ApiTrigger', kind: 'Trigger', displayName: 'API', description: '', inputs: [], fixedPorts: ['Done'] }],
  ['RandomSplit', { type: 'RandomSplit', kind: 'Flow', displayName: 'Split', description: '', inputs: [], fixedPorts: [] }],
  ['End', { type: 'End', kind: 'Flow', displayName: 'End', description: '', inputs: [], fixedPorts: [] }],
]);

describe('document edits', () => {
  it('makes kebab-case unique ids', () => {
    expect(uniqueId(doc(), 'SendEmail')).toBe('send-email');
    expect(uniqueId(doc(), 'end')).toBe('end-2');
  });

  it('adds an activity with default inputs at a rounded position', () => {
    const { doc: next, id } = addActivity(doc(), 'Delay', { x: 10.4, y: 20.6 });
    expect(next.root.activities.find(a => a.id === id)).toEqual({
      id: 'delay', type: 'Delay', duration: { amount: 1, unit: 'days' }, metadata: { designer: { position: { x: 10, y: 21 } } },
    });
  });

  it('lets a port lead to one activity: connecting again replaces the old target', () => {
    const next = connect(doc(), 'split', 'A', 'start');
    expect(next.root.connections.filter(c => c.source.activity === 'split')).toEqual([
      { source: { activity: 'split', port: 'A' }, target: { activity: 'start', port: 'In' } },
    ]);
  });

  it('renames an activity in its connections too', () => {
    const next = renameActivity(doc(), 'split', 'ab-test');
    expect(next.root.connections.map(c => `${c.source.activity}->${c.target.activity}`)).toEqual(['start->ab-test', 'ab-test->end']);
  });

  it('drops connections from ports that no longer exist', () => {
    const d = doc();
    d.root.activities[1] = { ...d.root.activities[1], branches: [{ port: 'B', weight: 100 }] };
    expect(pruneDanglingPorts(d, descriptors).root.connections).toHaveLength(1);
  });

  it('keeps the connection of a branch port renamed in place', () => {
    const next = followPortRenames(doc(), 'split', ['A', 'B'], ['Control', 'B']);
    expect(next.root.connections).toContainEqual({ source: { activity: 'split', port: 'Control' }, target: { activity: 'end', port: 'In' } });
    const original = doc();
    expect(followPortRenames(original, 'split', ['A', 'B'], ['B'])).toBe(original); // a removed branch is no rename
  });

  it('pastes a copy with fresh ids and its inner connections', () => {
    const clip = copySelection(doc(), new Set(['split', 'end']));
    const { doc: next, ids } = paste(doc(), clip);
    expect(ids).toEqual(['split-2', 'end-2']);
    expect(next.root.connections).toContainEqual({ source: { activity: 'split-2', port: 'A' }, target: { activity: 'end-2', port: 'In' } });
    expect(next.root.activities).toHaveLength(5);
  });

  it('lays out top-down from the trigger', () => {
    const next = autoLayout(doc(), descriptors);
    const y = Object.fromEntries(next.root.activities.map(a => [a.id, a.metadata?.designer?.position?.y]));
    expect(y).toEqual({ start: 0, split: 150, end: 300 });
  });
});
