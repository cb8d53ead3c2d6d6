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

  // An edge that spans several rows gets a virtual node in each row between, so it claims a slot there and the
  // nodes of those rows move aside instead of sitting on top of the line (the classic Sugiyama step).
  const parents = new Map<string, Array<{ id: string; order: number }>>(ids.map(id => [id, []]));
  const rankOf = new Map(rank);
  let virtual = 0;
  for (const e of forward) {
    let from = e.source;
    for (let r = rank.get(e.source)! + 1; r < rank.get(e.target)!; r++) {
      const v = `\u0000v${virtual++}`;
      rankOf.set(v, r);
      parents.set(v, [{ id: from, order: e.order ?? 0 }]);
      from = v;
    }
    parents.get(e.target)!.push({ id: from, order: e.order ?? 0 });
  }

  const rows: string[][] = [];
  for (const [id, r] of rankOf) (rows[r] ??= []).push(id);

  const column = new Map<string, number>();
  const positions: Record<string, Position> = {};
  const sequence = (id: string) => (known.has(id) ? ids.indexOf(id) : ids.length + Number(id.slice(2)));
  rows.forEach((row, r) => {
    if (!row) return;
    const key = (id: string) => {
      const placed = parents.get(id)!.filter(p => column.has(p.id));
      if (placed.length === 0) return { mean: Number.POSITIVE_INFINITY, order: 0 };
      return { mean: placed.reduce((s, p) => s + column.get(p.id)!, 0) / placed.length, order: Math.min(...placed.map(p => p.order)) };
    };
    const sorted = [...row].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka.mean - kb.mean || ka.order - kb.order || sequence(a) - sequence(b);
    });
    sorted.forEach((id, c) => {
      const x = (c - (sorted.length - 1) / 2) * columnWidth;
      column.set(id, x);
      if (known.has(id)) positions[id] = { x, y: r * rowHeight };
    });
  });
  return positions;
}
