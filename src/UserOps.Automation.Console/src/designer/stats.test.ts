import { describe, expect, it } from 'vitest';
import { enteredCount } from './stats';

const stats = (outcomes: Record<string, number>, waiting = 0) => ({ activityId: 'a', outcomes, waiting, messages: {} });

describe('enteredCount', () => {
  it('counts a wait by its arrivals, not arrivals plus departures', () => {
    expect(enteredCount(stats({ waiting: 100, Done: 60 }, 40), 'Wait')).toBe(100);
  });

  it('counts other activities by their outcomes', () => {
    expect(enteredCount(stats({ True: 30, False: 70 }), 'Flow')).toBe(100);
  });

  it('is zero without stats', () => {
    expect(enteredCount(undefined, 'Action')).toBe(0);
  });
});
