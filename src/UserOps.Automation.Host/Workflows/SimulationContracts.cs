using System.Text.Json;
using System.Text.Json.Nodes;
using UserOps.Automation.Core.Simulation;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Host.Workflows;

/// <summary>
/// A simulation: the workflow as it is on the canvas (the same JSON as a file in <c>workflows/</c>, saved or not), and a
/// stored contact (<see cref="ContactExternalId"/>) or a described one (<see cref="Contact"/>).
/// </summary>
/// <param name="Waits">Per Wait for event activity id: <c>Received</c> or <c>TimedOut</c> (the default).</param>
/// <param name="StartAt">When the contact enters (UTC); default now, or a blast's next firing.</param>
/// <param name="IgnoreEntry">Run the path even if the trigger or the entry policy would keep the contact out.</param>
public sealed record SimulateRequest(
    JsonElement? Definition, string? ContactExternalId, ContactDescription? Contact, SimulatedEventRequest? TriggerEvent,
    IReadOnlyList<SimulatedEventRequest>? Events, IReadOnlyDictionary<string, string>? Waits, DateTime? StartAt, bool IgnoreEntry = false)
{
    /// <summary>The events, waits and start as the simulator takes them; problems by field (<c>events[1].after</c>).</summary>
    internal Dictionary<string, string[]> Read(WorkflowDefinition definition, out List<ScriptedEvent> events, out Dictionary<string, WaitChoice> waits, out ScriptedEvent? trigger)
    {
        var errors = new Dictionary<string, string[]>();
        events = [];
        for (var i = 0; i < (Events?.Count ?? 0); i++)
        {
            if (Events![i].ToScripted($"events[{i}]", errors) is { } e)
            {
                events.Add(e);
            }
        }

        trigger = TriggerEvent?.ToScripted("triggerEvent", errors, afterAllowed: false);
        waits = [];
        var waitIds = definition.Root.Activities.Where(a => a.Type == ActivityTypes.WaitForEvent).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (activity, choice) in Waits ?? new Dictionary<string, string>())
        {
            if (!waitIds.Contains(activity))
            {
                errors[$"waits.{activity}"] = [$"'{activity}' is not a Wait for event activity of this workflow."];
            }
            else if (!Enum.TryParse<WaitChoice>(choice, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                errors[$"waits.{activity}"] = [$"'{choice}' is not Received or TimedOut."];
            }
            else
            {
                waits[activity] = parsed;
            }
        }

        if (ContactExternalId is not null && Contact is not null)
        {
            errors["contact"] = ["Pick a stored contact (contactExternalId) or describe one (contact), not both."];
        }

        return errors;
    }
}

/// <summary>An event the contact sends: its name, when (<c>{ amount, unit }</c> after the start) and what it carries.</summary>
public sealed record SimulatedEventRequest(string? Name, JsonObject? After, JsonObject? Properties, long? AmountMinor, string? Currency, string? Category)
{
    internal ScriptedEvent? ToScripted(string field, Dictionary<string, string[]> errors, bool afterAllowed = true)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors[$"{field}.name"] = ["The event needs a name, e.g. visit."];
            return null;
        }

        var after = TimeSpan.Zero;
        if (afterAllowed && After is not null)
        {
            try
            {
                var node = new ActivityNode { Id = "event", Type = "Event", Inputs = { ["after"] = JsonSerializer.SerializeToElement(After) } };
                after = ActivityInputs.Duration(node, "after") ?? TimeSpan.Zero;
            }
            catch (FormatException e)
            {
                errors[$"{field}.after"] = [e.Message];
                return null;
            }
        }

        return new ScriptedEvent(Name.Trim(), after) { Properties = Properties ?? [], AmountMinor = AmountMinor, Currency = Currency, Category = Category };
    }
}

/// <summary>Whom a trigger reaches: a segment (Segment entered, a blast's audience), or an event with an optional rule.</summary>
/// <param name="Days">For an event: how far back to look for contacts who sent it (default 30).</param>
public sealed record AudienceRequest(string? Segment, string? Event, string? Rule, int? Days);

/// <summary>How many contacts a trigger reaches now, out of all contacts, with a few of them and what the count means.</summary>
public sealed record AudienceEstimate(string Kind, int Reaches, int Contacts, string Explanation, IReadOnlyList<string> Sample)
{
    public int? SegmentMembers { get; init; }
    public DateTime? LastRefreshedAt { get; init; }

    /// <summary>True when an event rule over the event itself was judged on the most recent events only.</summary>
    public bool Sampled { get; init; }
}
