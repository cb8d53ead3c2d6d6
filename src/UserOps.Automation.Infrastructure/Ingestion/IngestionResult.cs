namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>What happened to each item of a batch, in the order they were sent.</summary>
public sealed record IngestionResult(IReadOnlyList<ItemResult> Contacts, IReadOnlyList<ItemResult> Events)
{
    public int Rejected => Contacts.Count(c => c.Status == ItemStatus.Rejected) + Events.Count(e => e.Status == ItemStatus.Rejected);
}

/// <summary>The outcome of one item; <see cref="Errors"/> names each bad field (API names, e.g. <c>email</c>, <c>pushTokens[0].platform</c>).</summary>
public sealed record ItemResult(int Index, string? ExternalId, string Status, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>Item statuses as the API reports them.</summary>
public static class ItemStatus
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}
