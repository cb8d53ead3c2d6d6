import type { ActivityStats } from '../types';

/**
 * Journeys that reached an activity. A wait records every arrival as a 'waiting' step and later one more step
 * for the port it leaves by, so its arrivals are its 'waiting' steps; any other activity records one step per
 * arrival, and journeys parked on it right now have not recorded theirs yet.
 */
export function enteredCount(stats: ActivityStats | undefined, kind: string | undefined): number {
  if (!stats) return 0;
  if (kind === 'Wait' && stats.outcomes.waiting !== undefined) return stats.outcomes.waiting;
  return Object.values(stats.outcomes).reduce((s, n) => s + n, 0) + stats.waiting;
}
