/**
 * Redrawing the canvas from the document builds new node objects. React Flow treats a node object without `measured`
 * as new: it hides the node (`visibility: hidden`) and forgets its handle positions until its ResizeObserver measures it
 * again — every node flickers on each validation verdict or live-count refresh, and a drag that starts in that window
 * finds no handle. A redrawn node keeps the size React Flow measured for it, unless its output ports changed (handles
 * added or removed without the box changing size would otherwise keep stale handle positions). A real size change is
 * still seen: React Flow's ResizeObserver re-measures the box and its handles whenever it changes.
 */
export interface Redrawable {
  id: string;
  measured?: { width?: number; height?: number };
  data: { ports: string[] };
}

export function keepMeasured<T extends Redrawable>(previous: readonly T[], next: T[]): T[] {
  const before = new Map(previous.map(n => [n.id, n]));
  return next.map(node => {
    const old = before.get(node.id);
    if (!old?.measured || node.measured || !samePorts(old.data.ports, node.data.ports)) return node;
    return { ...node, measured: old.measured };
  });
}

function samePorts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((port, i) => port === b[i]);
}
