// The Messages page's filters as the host's GET /api/outbox query string. Empty filters are left out, dates are whole
// local days turned into UTC instants ("to" inclusive for the operator, exclusive for the API).

export const outboxStatuses = ['Queued', 'Sending', 'Sent', 'Delivered', 'Failed', 'Suppressed', 'Expired', 'Deferred'] as const;
export const channels = ['Email', 'Sms', 'Push'] as const;

export interface OutboxFilters {
  status?: string;
  channel?: string;
  workflow?: string;
  reason?: string;
  /** The contact's external id. */
  contact?: string;
  template?: string;
  /** yyyy-mm-dd, first day shown (local). */
  fromDate?: string;
  /** yyyy-mm-dd, last day shown (local, inclusive). */
  toDate?: string;
}

export const pageSize = 50;

/** Local midnight of a yyyy-mm-dd day as an ISO instant; null for anything that is not such a day. */
export function dayStart(day: string | undefined, addDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function outboxQuery(filters: OutboxFilters, beforeId?: number | null, limit = pageSize): string {
  const params = new URLSearchParams();
  const put = (name: string, value: string | null | undefined) => { const v = value?.trim(); if (v) params.set(name, v); };
  put('status', filters.status);
  put('channel', filters.channel);
  put('workflow', filters.workflow);
  put('reason', filters.reason);
  put('contactExternalId', filters.contact);
  put('template', filters.template);
  put('from', dayStart(filters.fromDate));
  put('to', dayStart(filters.toDate, 1));
  if (beforeId != null) params.set('beforeId', String(beforeId));
  params.set('limit', String(limit));
  return params.toString();
}

/** A problem with the filters the operator can fix before asking the host, or null. */
export function filterProblem(filters: OutboxFilters): string | null {
  const from = dayStart(filters.fromDate);
  const to = dayStart(filters.toDate, 1);
  if (from && to && from >= to) return 'The first day is after the last day.';
  return null;
}

export function activeFilterCount(filters: OutboxFilters): number {
  return Object.values(filters).filter(v => typeof v === 'string' && v.trim() !== '').length;
}

/**
 * Keyset paging: the host pages newest-first with `beforeId`. Going forward pushes the cursor that fetched the
 * current page; going back pops it. `null` is the first page.
 */
export interface Cursor { stack: (number | null)[]; current: number | null }

export const firstPage: Cursor = { stack: [], current: null };

export function nextPage(cursor: Cursor, nextBeforeId: number | null | undefined): Cursor {
  return nextBeforeId == null ? cursor : { stack: [...cursor.stack, cursor.current], current: nextBeforeId };
}

export function previousPage(cursor: Cursor): Cursor {
  if (cursor.stack.length === 0) return cursor;
  return { stack: cursor.stack.slice(0, -1), current: cursor.stack[cursor.stack.length - 1] };
}
