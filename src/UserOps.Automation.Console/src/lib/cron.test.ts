import { describe, expect, it } from 'vitest';
import { CronError, describeCron, nextFirings, parseCron } from './cron';

const iso = (dates: Date[]) => dates.map(d => d.toISOString());

describe('nextFirings', () => {
  it('fires daily at a local time in the given zone', () => {
    const after = new Date('2027-04-29T12:00:00Z');
    expect(iso(nextFirings('0 0 9 * * ?', after, 'Asia/Shanghai', 3))).toEqual([
      '2027-04-30T01:00:00.000Z', '2027-05-01T01:00:00.000Z', '2027-05-02T01:00:00.000Z',
    ]);
  });

  it('keeps weekdays only for MON-FRI', () => {
    // 2027-05-01 is a Saturday.
    const firings = nextFirings('0 30 10 ? * MON-FRI', new Date('2027-05-01T00:00:00Z'), 'UTC', 5);
    expect(iso(firings)).toEqual([
      '2027-05-03T10:30:00.000Z', '2027-05-04T10:30:00.000Z', '2027-05-05T10:30:00.000Z',
      '2027-05-06T10:30:00.000Z', '2027-05-07T10:30:00.000Z',
    ]);
  });

  it('reads steps in minutes', () => {
    const firings = nextFirings('0 0/15 * * * ?', new Date('2027-01-01T00:07:00Z'), 'UTC', 3);
    expect(iso(firings)).toEqual(['2027-01-01T00:15:00.000Z', '2027-01-01T00:30:00.000Z', '2027-01-01T00:45:00.000Z']);
  });

  it('handles the last day of the month and the nth weekday', () => {
    expect(iso(nextFirings('0 0 12 L * ?', new Date('2027-02-01T00:00:00Z'), 'UTC', 2)))
      .toEqual(['2027-02-28T12:00:00.000Z', '2027-03-31T12:00:00.000Z']);
    // Second Sunday of May 2027 is the 9th.
    expect(iso(nextFirings('0 0 8 ? MAY 1#2', new Date('2027-01-01T00:00:00Z'), 'UTC', 1))).toEqual(['2027-05-09T08:00:00.000Z']);
    // Last Friday of January 2027 is the 29th.
    expect(iso(nextFirings('0 0 8 ? JAN 6L', new Date('2027-01-01T00:00:00Z'), 'UTC', 1))).toEqual(['2027-01-29T08:00:00.000Z']);
  });

  it('follows daylight saving time in the zone', () => {
    // New York moves to UTC-4 on 2027-03-14.
    const firings = nextFirings('0 0 9 * * ?', new Date('2027-03-13T00:00:00Z'), 'America/New_York', 2);
    expect(iso(firings)).toEqual(['2027-03-13T14:00:00.000Z', '2027-03-14T13:00:00.000Z']);
  });

  it('stops at the last year of a year field', () => {
    expect(nextFirings('0 0 9 1 5 ? 2027', new Date('2027-06-01T00:00:00Z'), 'UTC', 5)).toEqual([]);
  });
});

describe('parseCron', () => {
  it.each([
    ['0 0 9 * *', /6 or 7 fields/],
    ['0 0 9 * * MON', /'\?'/],
    ['0 0 25 * * ?', /hours/],
    ['0 0 9 15W * ?', /W/],
  ])('refuses %s', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(CronError);
    expect(() => parseCron(expression)).toThrow(message);
  });
});

describe('describeCron', () => {
  it('reads common schedules', () => {
    expect(describeCron('0 0 9 * * ?')).toBe('At 09:00, every day');
    expect(describeCron('0 30 10 ? * MON-FRI')).toBe('At 10:30, Monday to Friday');
    expect(describeCron('0 0 9 1 MAY ?')).toBe('At 09:00, on day 1 of the month, in May');
    expect(describeCron('0 0/15 * * * ?')).toBe('Every 15 minutes, every day');
  });
});
