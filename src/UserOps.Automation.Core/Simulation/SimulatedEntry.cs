using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Core.Simulation;

/// <summary>
/// Whether the trigger would let the contact in at the start, judged as the engine judges it: the segment's rule
/// (segment refresh), the event and its rule (event observer), then the entry policy against the contact's journeys.
/// </summary>
internal static class SimulatedEntry
{
    public static EntryCheck Check(SimulationInput input, ContactFacts facts, EventFacts? trigger)
    {
        var workflow = input.Workflow;
        var node = workflow.Trigger;
        var triggered = node.Type switch
        {
            ActivityTypes.SegmentEntered or ActivityTypes.Schedule => Segment(input, ActivityInputs.RequiredText(node, "segment"), facts, node.Type == ActivityTypes.Schedule),
            ActivityTypes.EventReceived => Event(workflow, node, facts, trigger),
            _ => new EntryCheck(true, "enrolled by an API call"),
        };
        return triggered.Enters ? Policy(input) ?? triggered : triggered;
    }

    private static EntryCheck Segment(SimulationInput input, string segment, ContactFacts facts, bool blast)
    {
        if (!input.SegmentRules.TryGetValue(segment, out var ruleName) || input.Workflow.Rules.Find(ruleName) is not { } rule)
        {
            return new EntryCheck(false, $"segment '{segment}' does not exist");
        }

        if (!rule.Evaluate(facts))
        {
            return new EntryCheck(false, $"not in segment '{segment}' now: rule '{rule.Name}' ({rule.Source.Expression}) does not hold");
        }

        return new EntryCheck(true, blast
            ? $"in the audience '{segment}' when the blast fires (rule '{rule.Name}' holds)"
            : $"in segment '{segment}' (rule '{rule.Name}' holds), so it enters at the next segment refresh");
    }

    private static EntryCheck Event(ExecutableWorkflow workflow, ActivityNode node, ContactFacts facts, EventFacts? trigger)
    {
        var name = ActivityInputs.RequiredText(node, "event");
        if (trigger is null || !string.Equals(trigger.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            return new EntryCheck(false, $"the workflow starts on event '{name}'");
        }

        if (ActivityInputs.Text(node, "rule") is { } ruleName && !workflow.Rules.Get(ruleName).Evaluate(facts, trigger))
        {
            return new EntryCheck(false, $"event '{name}' arrives but rule '{ruleName}' ({workflow.Rules.Get(ruleName).Source.Expression}) does not hold");
        }

        return new EntryCheck(true, $"the contact sends event '{name}'");
    }

    /// <summary>The entry policy against the contact's earlier journeys of this workflow (a described contact has none).</summary>
    private static EntryCheck? Policy(SimulationInput input)
    {
        var journeys = input.History.Journeys;
        if (journeys.FirstOrDefault(j => j.Active) is { } active)
        {
            return new EntryCheck(false, $"already in a journey of this workflow (entered {active.EnteredAt:yyyy-MM-dd HH:mm} UTC)");
        }

        var entry = input.Workflow.Definition.Settings.Entry;
        var last = journeys.Count == 0 ? (DateTime?)null : journeys.Max(j => j.EnteredAt);
        return (entry.Policy, last) switch
        {
            (EntryPolicy.Once, { } at) => new EntryCheck(false, $"entry policy Once: already entered on {at:yyyy-MM-dd}"),
            (EntryPolicy.OncePerPeriod, { } at) when at > input.StartAt.AddDays(-(entry.PeriodDays ?? 0)) =>
                new EntryCheck(false, $"entry policy once per {entry.PeriodDays} days: last entered on {at:yyyy-MM-dd}"),
            _ => null,
        };
    }
}
