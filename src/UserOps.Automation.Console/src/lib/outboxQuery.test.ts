import { describe, expect, it } from 'vitest';
import { activeFilterCount, dayStart, filterProblem, firstPage, nextPage, outboxQuery, previousPage } from './outboxQuery';

describe('outboxQuery', () => {
  it('asks for the first page with only the limit when nothing is filtered', () => {
    expect(outboxQuery({})).toBe('limit=50');
  });

  it('names every filter as the host expects and leaves blanks out', () => {
    const q = new URLSearchParams(outboxQuery({ status: 'Failed', channel: 'Sms', workflow: 'inactivity-recall', reason: ' consent ', contact: 'c-42', template: '', fromDate: '' }, 1234, 20));
    expect(Object.fromEntries(q)).toEqual({
      status: 'Failed', channel: 'Sms', workflow: 'inactivity-recall', reason: 'consent', contactExternalId: 'c-42', beforeId: '1234', limit: '20',
    });
  });

  it('turns a day range into local midnights, the last day inclusive', () => {
    const q = new URLSearchParams(outboxQuery({ fromDate: '2026-05-01', toDate: '2026-05-03' }));
    expect(new Date(q.get('from')!).getTime()).toBe(new Date(2026, 4, 1).getTime());
    expect(new Date(q.get('to')!).getTime()).toBe(new Date(2026, 4, 4).getTime());
  });

  it('ignores a day that is not yyyy-mm-dd and flags a backwards range', () => {
    expect(dayStart('05/01/2026')).toBeNull();
    expect(filterProblem({ fromDate: '2026-05-03', toDate: '2026-05-01' })).toMatch(/after/);
    expect(filterProblem({ fromDate: '2026-05-03', toDate: '2026-05-03' })).toBeNull();
  });

  it('counts the filters in use', () => {
    expect(activeFilterCount({ status: 'Sent', reason: '  ', contact: 'x' })).toBe(2);
  });
});

describe('keyset paging', () => {
  it('walks forward with the next cursor and back to the first page', () => {
    const second = nextPage(firstPage, 900);
    const third = nextPage(second, 800);
    expect(third).toEqual({ stack: [null, 900], current: 800 });
    expect(previousPage(third)).toEqual(second);
    expect(previousPage(previousPage(third))).toEqual(firstPage);
    expect(previousPage(firstPage)).toBe(firstPage);
  });

  it('stays on the last page when there is no next cursor', () => {
    const page = nextPage(firstPage, 900);
    expect(nextPage(page, null)).toBe(page);
  });
});
