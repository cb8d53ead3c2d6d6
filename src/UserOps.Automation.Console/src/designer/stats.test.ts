import { describe, expect, it } from 'vitest';
import { enteredCount, statsByActivity } from './stats';
import type { WorkflowStats } from '../types';

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

describe('statsByActivity', () => {
  // What /api/workflows/{id}/stats answers for a published recall flow three contacts entered (one held out at a
  // split): steps for the activities journeys ran, none for the trigger they were enrolled past.
  const answer: WorkflowStats = {
    definitionId: 'recall',
    activities: [
      { activityId: 'push', outcomes: { Done: 3 }, waiting: 0, messages: { Sent: 3 } },
      { activityId: 'wait', outcomes: { waiting: 3 }, waiting: 3, messages: {} },
    ],
    conversion: { treated: 2, treatedConverted: 0, holdout: 1, holdoutConverted: 0, treatedRate: 0, holdoutRate: 0, lift: null },
  };

  it('counts every journey, treated or held out, as having entered through the trigger', () => {
    const byId = statsByActivity(answer, ['start']);
    expect(enteredCount(byId.get('start'), 'Trigger')).toBe(3);
    expect(byId.get('start')?.outcomes).toEqual({ Done: 3 });
  });

  it('keeps the host counts of the other activities as they are', () => {
    const byId = statsByActivity(answer, ['start']);
    expect(enteredCount(byId.get('push'), 'Action')).toBe(3);
    expect(enteredCount(byId.get('wait'), 'Wait')).toBe(3);
  });

  it('keeps the host count of a trigger when the host sends one', () => {
    const counted = { ...answer, activities: [...answer.activities, { activityId: 'start', outcomes: { Done: 7 }, waiting: 0, messages: {} }] };
    expect(enteredCount(statsByActivity(counted, ['start']).get('start'), 'Trigger')).toBe(7);
  });

  it('has nothing before the first answer', () => {
    expect(statsByActivity(null, ['start']).size).toBe(0);
  });
});
