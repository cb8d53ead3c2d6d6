import type { ActivityStats, WorkflowStats } from '../types';

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

/**
 * The host's per-activity counts keyed by activity id, with the trigger filled in. The host counts the steps journeys
 * record as they leave an activity they ran, but a journey is enrolled straight onto the activity after the trigger:
 * the trigger never runs, records no step and is missing from the answer, so it showed "0 in" while the live bar
 * said how many entered. Every journey of the workflow, treated or held out, came in through it and left by its port.
 */
export function statsByActivity(stats: WorkflowStats | null, triggerIds: Iterable<string>): Map<string, ActivityStats> {
  const byId = new Map(stats?.activities.map(a => [a.activityId, a]) ?? []);
  if (!stats) return byId;
  const journeys = stats.conversion.treated + stats.conversion.holdout;
  for (const id of triggerIds) {
    // Should the host ever count the trigger itself, its own numbers win.
    if (!byId.has(id)) byId.set(id, { activityId: id, outcomes: { Done: journeys }, waiting: 0, messages: {} });
  }
  return byId;
}
