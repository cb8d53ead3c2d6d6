using System.Text.Json.Nodes;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>An event as clients send it (own API, Segment track, CSV).</summary>
public sealed record EventInput
{
    public string? ExternalId { get; init; }
    public string? Name { get; init; }

    /// <summary>When it happened; the time of receipt when absent.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public JsonObject? Properties { get; init; }

    /// <summary>Decimal amount in major units (19.99); stored as minor units of <see cref="Currency"/>.</summary>
    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary>Idempotency key: a second event with the same id is reported as a duplicate and ignored.</summary>
    public string? MessageId { get; init; }
}
