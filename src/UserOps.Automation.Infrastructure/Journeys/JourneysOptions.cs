using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>How the sweep claims journeys (<c>Journeys</c> section).</summary>
public sealed class JourneysOptions
{
    public const string SectionName = "Journeys";

    /// <summary>
    /// How long a claimed batch is a host's alone. A host that dies holding a batch delays those journeys by this much
    /// (another host takes them when it lapses), so it must be longer than a batch takes, and no longer.
    /// </summary>
    [Range(1, 86_400)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Journeys claimed and advanced together; one transaction per round of a batch.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;
}
