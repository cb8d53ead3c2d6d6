using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Core.Journeys;

/// <summary>
/// How a journey reacts to an event of its contact, decided in memory: the goal is reached, the exit rule now holds
/// (a recalled contact came back), or an awaited event wakes a Wait for event. The event observer applies it to stored
/// journeys; the simulator to its one journey, so both take the same decisions.
/// </summary>
public static class JourneyEvents
{
    /// <summary>Moves <paramref name="journey"/> as the event requires; returns the step to record when it exited, else null.</summary>
    public static JourneyStep? React(ExecutableWorkflow workflow, Journey journey, ContactFacts facts, EventFacts eventFacts, ContactEvent contactEvent, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(contactEvent);
        if (workflow.Definition.Settings.Goal is { } goal && journey.GoalReachedAt is null
            && string.Equals(goal.Event, contactEvent.Name, StringComparison.OrdinalIgnoreCase)
            && contactEvent.Timestamp >= journey.EnteredAt && contactEvent.Timestamp <= journey.EnteredAt.AddDays(goal.WithinDays)
            && (goal.Rule is null || workflow.Rules.Get(goal.Rule).Evaluate(facts, eventFacts)))
        {
            journey.ReachGoal(contactEvent.Timestamp);
        }

        if (!journey.IsActive)
        {
            return null;
        }

        if (workflow.ExitRule is { } exit && exit.Evaluate(facts))
        {
            var step = new JourneyStep(journey, journey.ActivityId, "exited", now, $"exit rule '{exit.Name}' holds");
            journey.Exit($"exit rule '{exit.Name}' holds", now);
            return step;
        }

        if (journey.Status == JourneyStatus.Waiting && journey.WaitingEvent is { } awaited
            && string.Equals(awaited, contactEvent.Name, StringComparison.OrdinalIgnoreCase))
        {
            var node = workflow.Activity(journey.ActivityId);
            var rule = ActivityInputs.Text(node, "rule") is { } name ? workflow.Rules.Get(name) : null;
            if (rule is null || rule.Evaluate(facts, eventFacts))
            {
                journey.Resume("Received", now);
            }
        }

        return null;
    }
}
