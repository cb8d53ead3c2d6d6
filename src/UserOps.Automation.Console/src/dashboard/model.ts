// Pure helpers of the dashboard: time ranges, axis scales, per-bucket rates. Tested without a browser.
import type { ChannelSends, DashboardPreset, MessageCounts, OperationView } from '../types';

export type Bucket = 'hour' | 'day';
/** Preset ranges are reckoned by the host on its clock (GET /api/dashboard?range=7d). */
export type Preset = DashboardPreset;
export interface TimeRange { from: string; to: string; bucket: Bucket }

export const presets: Array<{ id: Preset; label: string }> = [
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A custom range from two dates (YYYY-MM-DD, inclusive), hourly when it spans at most three days. */
export function customRange(fromDate: string, toDate: string): TimeRange | string {
  const from = Date.parse(`${fromDate}T00:00:00Z`);
  const to = Date.parse(`${toDate}T00:00:00Z`) + DAY;
  if (Number.isNaN(from) || Number.isNaN(to)) return 'Pick both dates.';
  if (to <= from) return 'The end date must not be before the start date.';
  if (to - from > 400 * DAY) return 'Pick at most 400 days.';
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: to - from <= 3 * DAY ? 'hour' : 'day' };
}

export function bucketLabel(iso: string, bucket: Bucket): string {
  const d = new Date(iso);
  return bucket === 'hour'
    ? `${String(d.getUTCHours()).padStart(2, '0')}:00`
    : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A round axis maximum (1, 2, 2.5, 5 × 10ⁿ) at or above `max`, and its ticks. */
export function niceScale(max: number, tickCount = 4): { max: number; ticks: number[] } {
  if (max <= 0) return { max: 1, ticks: [0, 1] };
  const raw = max / tickCount;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * power).find(s => s >= raw) ?? 10 * power;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return { max: top, ticks };
}

export function sumCounts(points: MessageCounts[]): MessageCounts {
  const keys = ['sent', 'delivered', 'failed', 'suppressed', 'expired', 'pending'] as const;
  const sum = Object.fromEntries(keys.map(k => [k, points.reduce((a, p) => a + p[k], 0)])) as Record<(typeof keys)[number], number>;
  const total = keys.reduce((a, k) => a + sum[k], 0);
  const finished = total - sum.pending;
  const rate = (n: number) => (finished === 0 ? 0 : n / finished);
  return {
    ...sum, total, finished,
    deliveryRate: rate(sum.sent + sum.delivered), failureRate: rate(sum.failed),
    suppressionRate: rate(sum.suppressed), expiryRate: rate(sum.expired),
  };
}

/** All channels' counts per bucket. */
export function perBucket(sends: ChannelSends[], buckets: number): MessageCounts[] {
  return Array.from({ length: buckets }, (_, i) => sumCounts(sends.map(s => s.points[i]).filter(Boolean)));
}

export type RateKey = 'deliveryRate' | 'failureRate' | 'suppressionRate';

/** The rate per bucket, or null for a bucket with no finished message (the trend line skips it rather than dropping to 0). */
export function rateSeries(points: MessageCounts[], key: RateKey): Array<number | null> {
  return points.map(p => (p.finished === 0 ? null : p[key]));
}

/** A rate's change in percentage points, or null when the previous period had nothing to compare with. */
export function pointsDelta(current: number, previous: number, previousFinished: number): number | null {
  return previousFinished === 0 ? null : (current - previous) * 100;
}

/** An operation's progress as a percentage (null while its total is unknown: an indeterminate bar). */
export function progressPercent(op: Pick<OperationView, 'fraction' | 'status'>): number | null {
  if (op.status !== 'Running') return 100;
  return op.fraction == null ? null : Math.round(op.fraction * 1000) / 10;
}

const kindLabels: Record<string, string> = {
  'contact-import': 'Contact import', 'event-import': 'Event import', 'segment-refresh': 'Segment refresh', blast: 'Blast',
};
export const operationLabel = (kind: string) => kindLabels[kind] ?? kind;

/** Bytes as B / KB / MB for an import's progress. */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
