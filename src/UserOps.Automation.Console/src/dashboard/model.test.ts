import { describe, expect, it } from 'vitest';
import { customRange, niceScale, perBucket, pointsDelta, progressPercent, rateSeries, sumCounts } from './model';
import type { MessageCounts } from '../types';

const counts = (c: Partial<MessageCounts>): MessageCounts => sumCounts([{
  sent: 0, delivered: 0, failed: 0, suppressed: 0, expired: 0, pending: 0,
  total: 0, finished: 0, deliveryRate: 0, failureRate: 0, suppressionRate: 0, expiryRate: 0, ...c,
}]);

describe('customRange', () => {
  it('includes the end date and goes hourly for short ranges', () => {
    expect(customRange('2025-06-01', '2025-06-02')).toEqual({ from: '2025-06-01T00:00:00.000Z', to: '2025-06-03T00:00:00.000Z', bucket: 'hour' });
    expect(customRange('2025-06-01', '2025-06-10')).toMatchObject({ bucket: 'day' });
  });

  it('refuses an end before the start', () => {
    expect(customRange('2025-06-05', '2025-06-01')).toMatch(/end date/);
  });
});

describe('niceScale', () => {
  it('rounds the maximum up to a round step', () => {
    expect(niceScale(87)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(niceScale(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
  });

  it('draws an empty chart from 0 to 1', () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
  });
});

describe('rates', () => {
  it('leaves out pending messages and skips buckets where nothing finished', () => {
    const points = [counts({ sent: 3, failed: 1, pending: 5 }), counts({ pending: 2 })];
    expect(rateSeries(points, 'deliveryRate')).toEqual([0.75, null]);
  });

  it('sums the channels of each bucket', () => {
    const email = { channel: 'Email', totals: counts({}), points: [counts({ sent: 1 }), counts({ failed: 2 })] };
    const sms = { channel: 'Sms', totals: counts({}), points: [counts({ suppressed: 1 }), counts({})] };
    expect(perBucket([email, sms], 2).map(p => [p.total, p.suppressionRate])).toEqual([[2, 0.5], [2, 0]]);
  });

  it('gives the change in percentage points, none without a previous period', () => {
    expect(pointsDelta(0.9, 0.85, 10)).toBeCloseTo(5);
    expect(pointsDelta(0.9, 0, 0)).toBeNull();
  });
});

describe('progressPercent', () => {
  it('is indeterminate while the total is unknown and full once finished', () => {
    expect(progressPercent({ fraction: null, status: 'Running' })).toBeNull();
    expect(progressPercent({ fraction: 0.4567, status: 'Running' })).toBe(45.7);
    expect(progressPercent({ fraction: null, status: 'Failed' })).toBe(100);
  });
});
