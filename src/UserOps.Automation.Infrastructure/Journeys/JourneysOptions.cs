using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>How the sweep claims journeys (<c>Journeys</c> section).</summary>
public sealed class JourneysOptions
{
    public const string SectionName = "Journeys";
    public const int DefaultBatchSize = 5000;
    public const int DefaultWorkers = 2;

    /// <summary>
    /// The longest a claimed batch may sit in an open transaction without the host talking to the database (ADR 0006).
    /// A host that dies with its connection closed frees its batch at once; one that vanishes silently (a frozen VM, a
    /// cut network) frees it after this long on PostgreSQL. Must be longer than running a batch in memory takes.
    /// </summary>
    [Range(1, 86_400)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Journeys claimed and advanced together, in one transaction: all of their activities up to the next wait or end.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Batches a host's sweep runs side by side on PostgreSQL and SQL Server (SQLite: always one).</summary>
    [Range(1, 16)]
    public int Workers { get; set; } = DefaultWorkers;
}
