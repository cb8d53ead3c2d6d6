// What the audit page shows of an entry: the before and after snapshots as stable, indented JSON (keys sorted,
// so the line diff shows content rather than order) and a one-line summary of the top-level fields that changed.

export interface AuditEntry {
  id: number; at: string; actor: string; actorKind: string; entityType: string; entityId: string; action: string;
  before: unknown; after: unknown;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as Record<string, unknown>).sort().map(k => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Indented JSON with sorted keys; '' for a missing snapshot (created or deleted). */
export function snapshotText(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(sortKeys(value), null, 2);
}

const NOISE = new Set(['updatedAt']);

function short(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'object') return Array.isArray(value) ? `[${value.length}]` : '{…}';
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** "role: viewer → editor, disabled: false → true"; for a create or delete, what the action did. */
export function changeSummary(entry: Pick<AuditEntry, 'before' | 'after'>): string {
  const { before, after } = entry;
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(before) && isObject(after)) return 'created';
  if (isObject(before) && !isObject(after)) return 'deleted';
  if (!isObject(before) || !isObject(after)) return '';
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const differs = keys.filter(k => JSON.stringify(sortKeys(before[k])) !== JSON.stringify(sortKeys(after[k])));
  // A save moves the timestamp; name it only when nothing else changed.
  const changed = differs.some(k => !NOISE.has(k)) ? differs.filter(k => !NOISE.has(k)) : differs;
  return changed.map(k => (typeof before[k] === 'object' && before[k] !== null) || (typeof after[k] === 'object' && after[k] !== null)
    ? `${k} changed`
    : `${k}: ${short(before[k])} → ${short(after[k])}`).join(', ');
}

/** The query string of the audit filters, leaving out empty ones. */
export function auditQuery(filters: { entityType?: string; entityId?: string; actor?: string; take?: number }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '' && v !== null) params.set(k, String(v).trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}
