using System.Text.Json.Nodes;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>A contact input that passed validation, normalised (E.164 phone, canonical locale, upper-case country).</summary>
internal sealed record ValidContact(int Index, ContactInput Input);

/// <summary>An event input that passed validation, with its instant (UTC) and amount in minor units.</summary>
internal sealed record ValidEvent(
    int Index,
    string ExternalId,
    string Name,
    DateTime Timestamp,
    JsonObject Properties,
    long? AmountMinor,
    string? Currency,
    string? Category,
    string? MessageId);
