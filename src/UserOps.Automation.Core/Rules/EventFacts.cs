namespace UserOps.Automation.Core.Rules;

/// <summary>What a rule sees as <c>event</c>: the triggering event (event triggers and waits only).</summary>
public sealed record EventFacts
{
    public required string Name { get; init; }
    public string? Category { get; init; }
    public long? AmountMinor { get; init; }
    public string? Currency { get; init; }

    /// <summary>Properties as strings: <c>event.Properties["query"]</c>. Missing keys are absent, so guard with <c>ContainsKey</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
