using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Core.Simulation;

/// <summary>
/// What to simulate: a workflow (validated, not necessarily saved), one contact (a copy: the simulation changes it as
/// events and Update contact steps would), the instant it starts, and what the contact does meanwhile.
/// </summary>
public sealed record SimulationInput(ExecutableWorkflow Workflow, Contact Contact, DateTime StartAt)
{
    /// <summary>The event that triggers an Event workflow; one without properties is assumed when null.</summary>
    public ContactEvent? TriggerEvent { get; init; }

    /// <summary>Events the contact will send, each at an offset from <see cref="StartAt"/>.</summary>
    public IReadOnlyList<ScriptedEvent> Events { get; init; } = [];

    /// <summary>The port each Wait for event leaves by (by activity id); <see cref="WaitChoice.TimedOut"/> unless named.</summary>
    public IReadOnlyDictionary<string, WaitChoice> Waits { get; init; } = new Dictionary<string, WaitChoice>();

    /// <summary>What the store knows of the contact: earlier journeys, sends that count toward the cap, suppressions.</summary>
    public ContactHistory History { get; init; } = ContactHistory.None;

    /// <summary>The rule of each segment the triggers may name (segment key → rule name).</summary>
    public IReadOnlyDictionary<string, string> SegmentRules { get; init; } = new Dictionary<string, string>();

    /// <summary>Run the journey even when the trigger or the entry policy would keep the contact out.</summary>
    public bool IgnoreEntry { get; init; }

    public FactsPolicy FactsPolicy { get; init; } = new();
    public DispatchPolicy DispatchPolicy { get; init; } = new();
    public TimeSpan MessageExpiry { get; init; } = Journeys.ActivityExecutor.DefaultMessageExpiry;

    /// <summary>Shown in rendered emails where the real signed link would be (a simulation signs nothing).</summary>
    public string UnsubscribeUrl { get; init; } = "https://example.invalid/u/simulated";

    /// <summary>How far ahead the simulation follows a journey before it stops and says so.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(400);
}

/// <summary>An event the contact sends <see cref="After"/> the simulation starts.</summary>
public sealed record ScriptedEvent(string Name, TimeSpan After)
{
    public System.Text.Json.Nodes.JsonObject Properties { get; init; } = [];
    public long? AmountMinor { get; init; }
    public string? Currency { get; init; }
    public string? Category { get; init; }
}

/// <summary>How a Wait for event ends in a simulation.</summary>
public enum WaitChoice
{
    /// <summary>Nothing arrives (unless a scripted event does): the wait runs to its timeout.</summary>
    TimedOut,

    /// <summary>The awaited event arrives as soon as the wait begins.</summary>
    Received,
}

/// <summary>What the store knows of a contact that the simulation must respect. Empty for a described contact.</summary>
/// <param name="Journeys">Earlier journeys of the simulated workflow: when each entered, and whether it is still active.</param>
/// <param name="CappedSends">When messages that count toward the frequency cap left (or are leaving: the start instant).</param>
/// <param name="SuppressedChannels">Channels whose address is on the suppression list.</param>
public sealed record ContactHistory(IReadOnlyList<PastJourney> Journeys, IReadOnlyList<DateTime> CappedSends, IReadOnlySet<Channel> SuppressedChannels)
{
    public static ContactHistory None { get; } = new([], [], new HashSet<Channel>());
}

/// <summary>An earlier journey of the contact in the simulated workflow.</summary>
public sealed record PastJourney(DateTime EnteredAt, bool Active);
