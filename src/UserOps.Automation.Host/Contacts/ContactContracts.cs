using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Host.Contacts;

/// <summary>A bulk call: up to <see cref="IngestionOptions.MaxBatchItems"/> items.</summary>
internal sealed record BulkRequest<T>(IReadOnlyList<T>? Items);

/// <summary>Counts and one result per item, in order; a rejected item's errors are named <c>items[i].field</c>.</summary>
internal sealed record BulkResponse(int Created, int Updated, int Accepted, int Duplicates, int Rejected, IReadOnlyList<ItemResult> Items)
{
    public static BulkResponse From(IReadOnlyList<ItemResult> items) => new(
        items.Count(i => i.Status == ItemStatus.Created),
        items.Count(i => i.Status == ItemStatus.Updated),
        items.Count(i => i.Status == ItemStatus.Accepted),
        items.Count(i => i.Status == ItemStatus.Duplicate),
        items.Count(i => i.Status == ItemStatus.Rejected),
        items.Select(i => i.Errors is null ? i : i with { Errors = i.Errors.ToDictionary(e => $"items[{i.Index}].{e.Key}", e => e.Value) }).ToList());
}

internal sealed record ContactSummary(string ExternalId, string? Email, string? Phone, string? FirstName, string? LastName, string Lifecycle, DateTime LastActiveAt, DateTime CreatedAt);

internal sealed record ContactDetail(
    string ExternalId,
    string? Email,
    string? Phone,
    string? FirstName,
    string? LastName,
    string? Locale,
    string? TimeZone,
    string? Country,
    string? City,
    JsonObject Attributes,
    IReadOnlyList<string> Tags,
    ConsentView Consent,
    IReadOnlyList<PushTokenView> PushTokens,
    FactsView Facts,
    IReadOnlyList<EventView> RecentEvents,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>The segments the contact is in now (open stays), with when it entered each.</summary>
    public IReadOnlyList<ContactSegmentView> Segments { get; init; } = [];

    public static ContactDetail From(Contact c, IReadOnlyList<ContactEvent> events) => new(
        c.ExternalId, c.Email, c.Phone, c.FirstName, c.LastName, c.Locale, c.TimeZone, c.Country, c.City, c.Attributes, c.Tags,
        new ConsentView(c.Consent.Email, c.Consent.Sms, c.Consent.Push),
        c.PushTokens.Select(t => new PushTokenView(t.Token, t.Platform, t.Keys is null ? null : JsonNode.Parse(t.Keys) as JsonObject, t.CreatedAt)).ToList(),
        new FactsView(
            c.LastActiveAt, c.LastPurchaseAt, c.VisitCount, c.PurchaseCount, c.TotalSpendMinor, c.VisitsInWindow, c.PurchasesInWindow,
            c.SpendInWindowMinor, c.RecencyScore, c.FrequencyScore, c.MonetaryScore, c.Lifecycle.ToString(),
            c.Interests.OrderByDescending(i => i.LastSeenAt).Select(i => new InterestView(i.Category, i.Count, i.LastSeenAt)).ToList()),
        events.Select(e => new EventView(e.Name, e.Timestamp, e.Properties, e.AmountMinor, e.Currency, e.Category, e.MessageId)).ToList(),
        c.CreatedAt,
        c.UpdatedAt);
}

internal sealed record ConsentView(bool Email, bool Sms, bool Push);

internal sealed record PushTokenView(string Token, string Platform, JsonObject? Keys, DateTime CreatedAt);

internal sealed record FactsView(
    DateTime LastActiveAt,
    DateTime? LastPurchaseAt,
    int VisitCount,
    int PurchaseCount,
    long TotalSpendMinor,
    int VisitsInWindow,
    int PurchasesInWindow,
    long SpendInWindowMinor,
    int RecencyScore,
    int FrequencyScore,
    int MonetaryScore,
    string Lifecycle,
    IReadOnlyList<InterestView> Interests);

internal sealed record InterestView(string Category, int Count, DateTime LastSeenAt);

internal sealed record ContactSegmentView(string Key, string Name, DateTime EnteredAt);

internal sealed record EventView(string Name, DateTime Timestamp, JsonObject Properties, long? AmountMinor, string? Currency, string? Category, string? MessageId);
