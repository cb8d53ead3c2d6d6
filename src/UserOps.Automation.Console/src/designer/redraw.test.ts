import { describe, expect, it } from 'vitest';
import { keepMeasured, type Redrawable } from './redraw';

const node = (id: string, ports: string[], measured?: { width: number; height: number }): Redrawable =>
  ({ id, data: { ports }, ...(measured ? { measured } : {}) });

describe('keepMeasured', () => {
  it('keeps the measured size of a redrawn node so React Flow does not hide it', () => {
    const [redrawn] = keepMeasured([node('a', ['True', 'False'], { width: 232, height: 80 })], [node('a', ['True', 'False'])]);
    expect(redrawn.measured).toEqual({ width: 232, height: 80 });
  });

  it('lets a node whose ports changed be measured again', () => {
    const [redrawn] = keepMeasured([node('s', ['a', 'Default'], { width: 232, height: 90 })], [node('s', ['a', 'b', 'Default'])]);
    expect(redrawn.measured).toBeUndefined();
  });

  it('leaves new nodes and nodes never measured alone', () => {
    const result = keepMeasured([node('a', ['Done'])], [node('a', ['Done']), node('b', ['Done'])]);
    expect(result.map(n => n.measured)).toEqual([undefined, undefined]);
  });
});
