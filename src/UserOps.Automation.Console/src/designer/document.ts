// Pure edits of a workflow document. The document (the same JSON as workflows/*.json) is the single source of
// truth of the designer: the canvas is drawn from it and every gesture becomes one of these edits.
import { layeredLayout } from '../lib/layout';
import type { Activity, ActivityDescriptor, Connection, Position, WorkflowDocument } from '../types';

export const RESERVED = new Set(['id', 'type', 'metadata']);

export function inputsOf(activity: Activity): Record<string, unknown> {
  return Object.fromEntries(Object.entries(activity).filter(([k]) => !RESERVED.has(k)));
}

export function positionOf(activity: Activity): Position {
  return activity.metadata?.designer?.position ?? { x: 0, y: 0 };
}

/** Output ports: Switch and RandomSplit take theirs from their inputs, the rest from the palette. */
export function portsOf(activity: Activity, descriptor: ActivityDescriptor | undefined): string[] {
  if (activity.type === 'Switch') {
    const cases = Array.isArray(activity.cases) ? activity.cases as Array<{ port?: string }> : [];
    return [...cases.map(c => c.port ?? '').filter(Boolean), 'Default'];
  }
  if (activity.type === 'RandomSplit') {
    const branches = Array.isArray(activity.branches) ? activity.branches as Array<{ port?: string }> : [];
    return branches.map(b => b.port ?? '').filter(Boolean);
  }
  return descriptor?.fixedPorts ?? ['Done'];
}

export function uniqueId(doc: WorkflowDocument, base: string): string {
  const taken = new Set(doc.root.activities.map(a => a.id));
  const stem = base.replace(/([A-Z])/g, (_m, c: string, i: number) => (i ? '-' : '') + c.toLowerCase()).replace(/[^a-z0-9-]+/g, '-');
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** Sensible starting inputs, so a dropped activity is close to valid. */
export function defaultInputs(type: string): Record<string, unknown> {
  switch (type) {
    case 'Delay': return { duration: { amount: 1, unit: 'days' } };
    case 'WaitForEvent': return { event: 'visit', timeout: { amount: 3, unit: 'days' } };
    case 'RandomSplit': return { branches: [{ port: 'A', weight: 50 }, { port: 'B', weight: 50 }] };
    case 'Switch': return { cases: [] };
    case 'IssueCoupon': return { campaign: '', value: '10%', validFor: { amount: 7, unit: 'days' } };
    case 'Schedule': return { timeZone: 'UTC' };
    default: return {};
  }
}

const withRoot = (doc: WorkflowDocument, activities: Activity[], connections: Connection[]): WorkflowDocument =>
  ({ ...doc, root: { ...doc.root, activities, connections } });

export function addActivity(doc: WorkflowDocument, type: string, position: Position): { doc: WorkflowDocument; id: string } {
  const id = uniqueId(doc, type);
  const activity: Activity = { id, type, ...defaultInputs(type), metadata: { designer: { position: round(position) } } };
  return { doc: withRoot(doc, [...doc.root.activities, activity], doc.root.connections), id };
}

export function removeActivities(doc: WorkflowDocument, ids: Set<string>): WorkflowDocument {
  return withRoot(doc,
    doc.root.activities.filter(a => !ids.has(a.id)),
    doc.root.connections.filter(c => !ids.has(c.source.activity) && !ids.has(c.target.activity)));
}

export function connectionKey(c: Connection): string {
  return `${c.source.activity}:${c.source.port ?? 'Done'}->${c.target.activity}`;
}

export function removeConnections(doc: WorkflowDocument, keys: Set<string>): WorkflowDocument {
  return withRoot(doc, doc.root.activities, doc.root.connections.filter(c => !keys.has(connectionKey(c))));
}

/** A port leads to one activity, so connecting a port replaces what it led to. */
export function connect(doc: WorkflowDocument, source: string, port: string, target: string): WorkflowDocument {
  const rest = doc.root.connections.filter(c => !(c.source.activity === source && (c.source.port ?? 'Done') === port));
  return withRoot(doc, doc.root.activities, [...rest, { source: { activity: source, port }, target: { activity: target, port: 'In' } }]);
}

export function updateActivity(doc: WorkflowDocument, id: string, change: (a: Activity) => Activity): WorkflowDocument {
  return withRoot(doc, doc.root.activities.map(a => (a.id === id ? change(a) : a)), doc.root.connections);
}

export function setInput(doc: WorkflowDocument, id: string, name: string, value: unknown): WorkflowDocument {
  return updateActivity(doc, id, a => {
    const next: Activity = { ...a };
    if (value === undefined || value === '' || value === null) delete next[name]; else next[name] = value;
    return next;
  });
}

/** Renames an activity and every connection that names it. */
export function renameActivity(doc: WorkflowDocument, from: string, to: string): WorkflowDocument {
  const rename = (id: string) => (id === from ? to : id);
  return withRoot(doc,
    doc.root.activities.map(a => (a.id === from ? { ...a, id: to } : a)),
    doc.root.connections.map(c => ({ source: { ...c.source, activity: rename(c.source.activity) }, target: { ...c.target, activity: rename(c.target.activity) } })));
}

/**
 * Keeps connections when a branch or case port is renamed in place (same position in the list), so typing a new
 * port name does not cut the line that leaves it.
 */
export function followPortRenames(doc: WorkflowDocument, id: string, before: string[], after: string[]): WorkflowDocument {
  if (before.length !== after.length) return doc;
  const renamed = new Map<string, string>(before.map((p, i): [string, string] => [p, after[i]]).filter(([a, b]) => a !== b && a !== '' && b !== ''));
  if (renamed.size === 0) return doc;
  return withRoot(doc, doc.root.activities, doc.root.connections.map(c =>
    c.source.activity === id && renamed.has(c.source.port ?? 'Done') ? { ...c, source: { ...c.source, port: renamed.get(c.source.port ?? 'Done') } } : c));
}

/** Drops connections from ports that no longer exist (a renamed branch or case). */
export function pruneDanglingPorts(doc: WorkflowDocument, descriptors: Map<string, ActivityDescriptor>): WorkflowDocument {
  const ports = new Map(doc.root.activities.map(a => [a.id, new Set(portsOf(a, descriptors.get(a.type)))]));
  const kept = doc.root.connections.filter(c => ports.get(c.source.activity)?.has(c.source.port ?? 'Done') ?? true);
  return kept.length === doc.root.connections.length ? doc : withRoot(doc, doc.root.activities, kept);
}

export function setPositions(doc: WorkflowDocument, positions: Record<string, Position>): WorkflowDocument {
  return withRoot(doc, doc.root.activities.map(a => positions[a.id]
    ? { ...a, metadata: { ...a.metadata, designer: { ...a.metadata?.designer, position: round(positions[a.id]) } } }
    : a), doc.root.connections);
}

export function autoLayout(doc: WorkflowDocument, descriptors: Map<string, ActivityDescriptor>): WorkflowDocument {
  const order = new Map(doc.root.activities.map(a => [a.id, portsOf(a, descriptors.get(a.type))]));
  const edges = doc.root.connections.map(c => ({
    source: c.source.activity, target: c.target.activity,
    order: Math.max(0, order.get(c.source.activity)?.indexOf(c.source.port ?? 'Done') ?? 0),
  }));
  return setPositions(doc, layeredLayout(doc.root.activities.map(a => a.id), edges, { columnWidth: 280, rowHeight: 150 }));
}

export interface Clip { activities: Activity[]; connections: Connection[] }

export function copySelection(doc: WorkflowDocument, ids: Set<string>): Clip {
  return {
    activities: doc.root.activities.filter(a => ids.has(a.id)),
    connections: doc.root.connections.filter(c => ids.has(c.source.activity) && ids.has(c.target.activity)),
  };
}

/** Pastes with fresh ids, shifted so the copy does not hide the original; returns the new ids. */
export function paste(doc: WorkflowDocument, clip: Clip, offset: Position = { x: 40, y: 40 }): { doc: WorkflowDocument; ids: string[] } {
  let next = doc;
  const renamed = new Map<string, string>();
  const added: Activity[] = [];
  for (const a of clip.activities) {
    const id = uniqueId({ ...next, root: { ...next.root, activities: [...next.root.activities, ...added] } }, a.id);
    renamed.set(a.id, id);
    const p = positionOf(a);
    added.push({ ...structuredClone(a), id, metadata: { ...a.metadata, designer: { position: { x: p.x + offset.x, y: p.y + offset.y } } } });
  }
  const connections = clip.connections.map(c => ({
    source: { ...c.source, activity: renamed.get(c.source.activity)! }, target: { ...c.target, activity: renamed.get(c.target.activity)! },
  }));
  next = withRoot(next, [...next.root.activities, ...added], [...next.root.connections, ...connections]);
  return { doc: next, ids: [...renamed.values()] };
}

function round(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** The document as the files in workflows/ are written: two-space JSON. */
export function toJson(doc: WorkflowDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Reads an imported file; says what is wrong in words rather than failing later on the canvas. */
export function parseWorkflow(text: string): WorkflowDocument {
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) { throw new Error(`Not JSON: ${(e as Error).message}`); }
  const doc = value as WorkflowDocument;
  if (!doc || typeof doc !== 'object') throw new Error('The file holds no workflow object.');
  if (typeof doc.definitionId !== 'string') throw new Error("The workflow has no 'definitionId'.");
  if (!doc.root || !Array.isArray(doc.root.activities) || !Array.isArray(doc.root.connections)) throw new Error("The workflow needs 'root.activities' and 'root.connections' arrays.");
  return doc;
}
