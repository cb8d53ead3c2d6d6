import { describe, expect, it } from 'vitest';
import { describeEvent, firstEvents } from './contactEvents';

const event = { name: 'purchase', timestamp: '2026-03-01T09:00:00Z', amountMinor: 49900, currency: 'CNY', category: 'phones' };

describe('describeEvent', () => {
  it('names the event, its category and its amount in major units', () => {
    expect(describeEvent(event)).toBe('purchase · phones · 499.00 CNY');
  });

  it('leaves out what the event does not have', () => {
    expect(describeEvent({ ...event, category: null, amountMinor: null })).toBe('purchase');
    expect(describeEvent({ ...event, category: null, currency: null, amountMinor: 5 })).toBe('purchase · 0.05');
  });
});

describe('firstEvents', () => {
  it('keeps the first ones and counts the rest', () => {
    expect(firstEvents([1, 2, 3, 4], 3)).toEqual({ items: [1, 2, 3], hidden: 1 });
    expect(firstEvents([1], 3)).toEqual({ items: [1], hidden: 0 });
  });
});
