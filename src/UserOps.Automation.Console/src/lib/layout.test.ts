import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layout';

describe('layeredLayout', () => {
  it('puts a chain in one column, one row per step', () => {
    const p = layeredLayout(['a', 'b', 'c'], [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }], { rowHeight: 100 });
    expect(p).toEqual({ a: { x: 0, y: 0 }, b: { x: 0, y: 100 }, c: { x: 0, y: 200 } });
  });

  it('ranks a node by its longest path, so a join sits below both branches', () => {
    const edges = [
      { source: 'if', target: 'yes', order: 0 }, { source: 'if', target: 'end', order: 1 },
      { source: 'yes', target: 'send' }, { source: 'send', target: 'end' },
    ];
    const p = layeredLayout(['if', 'yes', 'send', 'end'], edges, { rowHeight: 100 });
    expect(p.end.y).toBe(300);
    expect(p.yes.y).toBe(100);
  });

  it('orders siblings by their port order and centres each row', () => {
    const edges = [{ source: 'split', target: 'b', order: 1 }, { source: 'split', target: 'a', order: 0 }];
    const p = layeredLayout(['split', 'b', 'a'], edges, { columnWidth: 200 });
    expect(p.a.x).toBe(-100);
    expect(p.b.x).toBe(100);
  });

  it('survives a cycle', () => {
    const p = layeredLayout(['a', 'b'], [{ source: 'a', target: 'b' }, { source: 'b', target: 'a' }], { rowHeight: 10 });
    expect(p).toEqual({ a: { x: 0, y: 0 }, b: { x: 0, y: 10 } });
  });
});

describe('layeredLayout with long edges', () => {
  it('moves a node aside for an edge that passes through its row', () => {
    // wait → push → end, and wait → end directly: the direct edge must not run through push.
    const edges = [
      { source: 'wait', target: 'end', order: 0 }, { source: 'wait', target: 'push', order: 1 }, { source: 'push', target: 'end' },
    ];
    const p = layeredLayout(['wait', 'push', 'end'], edges, { columnWidth: 200, rowHeight: 100 });
    expect(p.push).toEqual({ x: 100, y: 100 });
    expect(p.end.y).toBe(200);
  });
});
