using UserOps.Automation.Core.Simulation;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Infrastructure.Simulation;

/// <summary>A simulation asked for: a validated definition, a stored or described contact, and what the contact does.</summary>
public sealed record SimulationOrder(WorkflowDefinition Definition)
{
    /// <summary>A stored contact, by external id; else <see cref="Described"/>.</summary>
    public string? ContactExternalId { get; init; }

    public ContactDescription? Described { get; init; }

    /// <summary>The triggering event of an Event workflow (its <see cref="ScriptedEvent.After"/> is ignored).</summary>
    public ScriptedEvent? TriggerEvent { get; init; }

    public IReadOnlyList<ScriptedEvent> Events { get; init; } = [];
    public IReadOnlyDictionary<string, WaitChoice> Waits { get; init; } = new Dictionary<string, WaitChoice>();

    /// <summary>When the contact enters; default: now, or a Schedule trigger's next firing.</summary>
    public DateTime? StartAt { get; init; }

    public bool IgnoreEntry { get; init; }
}
