import type { Position } from '../types';

export interface LayoutEdge { source: string; target: string; order?: number }

export interface LayoutOptions { columnWidth: number; rowHeight: number }

const defaults: LayoutOptions = { columnWidth: 260, rowHeight: 150 };

/**
 * A layered top-down layout: each node's row is its longest path from a root (back edges of cycles ignored),
 * nodes in a row are ordered by the mean column of their parents (then by the parent's port order), and each row
 * is centred on x = 0. Good enough for flowcharts of tens of nodes and fully deterministic.
 */
export function layeredLayout(ids: string[], edges: LayoutEdge[], options: Partial<LayoutOptions> = {}): Record<string, Position> {
  const { columnWidth, rowHeight } = { ...defaults, ...options };
  const known = new Set(ids);
  const outgoing = new Map<string, LayoutEdge[]>(ids.map(id => [id, []]));
  const incoming = new Map<string, LayoutEdge[]>(ids.map(id => [id, []]));
  for (const e of edges) {
    if (!known.has(e.source) || !known.has(e.target) || e.source === e.target) continue;
    outgoing.get(e.source)!.push(e);
    incoming.get(e.target)!.push(e);
  }

  // Drop back edges found by a depth-first search from the roots, so the rest is acyclic.
  const forward = new Set<LayoutEdge>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const e of outgoing.get(id)!) {
      const s = state.get(e.target);
      if (s === 'open') continue; // back edge
      forward.add(e);
      if (s === undefined) visit(e.target);
    }
    state.set(id, 'done');
  };
  const roots = ids.filter(id => incoming.get(id)!.length === 0);
  for (const id of [...roots, ...ids]) if (!state.has(id)) visit(id);

  // Longest-path rank in topological order.
  const rank = new Map<string, number>(ids.map(id => [id, 0]));
  const indegree = new Map<string, number>(ids.map(id => [id, 0]));
  for (const e of forward) indegree.set(e.target, indegree.get(e.target)! + 1);
  const queue = ids.filter(id => indegree.get(id) === 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const e of outgoing.get(id)!) {
      if (!forward.has(e)) continue;
      rank.set(e.target, Math.max(rank.get(e.target)!, rank.get(id)! + 1));
      indegree.set(e.target, indegree.get(e.target)! - 1);
      if (indegree.get(e.target) === 0) queue.push(e.target);
    }
  }

  const rows: string[][] = [];
  for (const id of ids) (rows[rank.get(id)!] ??= []).push(id);

  const column = new Map<string, number>();
  const positions: Record<string, Position> = {};
  rows.forEach((row, r) => {
    if (!row) return;
    const key = (id: string) => {
      const parents = incoming.get(id)!.filter(e => forward.has(e) && column.has(e.source));
      if (parents.length === 0) return { mean: Number.POSITIVE_INFINITY, order: 0 };
      const mean = parents.reduce((s, e) => s + column.get(e.source)!, 0) / parents.length;
      const order = Math.min(...parents.map(e => e.order ?? 0));
      return { mean, order };
    };
    const sorted = [...row].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka.mean - kb.mean || ka.order - kb.order || ids.indexOf(a) - ids.indexOf(b);
    });
    sorted.forEach((id, c) => {
      const x = (c - (sorted.length - 1) / 2) * columnWidth;
      column.set(id, x);
      positions[id] = { x, y: r * rowHeight };
    });
  });
  return positions;
}
