using NpgsqlTypes;
using UserOps.Automation.Core.Events;

namespace UserOps.Automation.Bench.Data;

/// <summary>The stored columns of contacts and events, as EF Core's migrations create them on both databases.</summary>
internal static class ContactColumns
{
    private static readonly object True = true;
    private static readonly object Zero = 0;

    public static IReadOnlyList<Column<SyntheticContact>> Contacts { get; } =
    [
        new("Id", c => c.Id, NpgsqlDbType.Bigint),
        new("ExternalId", c => c.ExternalId, NpgsqlDbType.Varchar),
        new("Email", c => c.Email, NpgsqlDbType.Varchar),
        new("Phone", c => c.Phone, NpgsqlDbType.Varchar),
        new("Locale", c => c.Locale, NpgsqlDbType.Varchar),
        new("TimeZone", _ => "Asia/Shanghai", NpgsqlDbType.Varchar),
        new("Attributes", _ => "{}", NpgsqlDbType.Text),
        new("Tags", _ => Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text, _ => "[]"),
        new("CreatedAt", c => c.CreatedAt, NpgsqlDbType.TimestampTz),
        new("UpdatedAt", c => c.LastActiveAt, NpgsqlDbType.TimestampTz),
        new("LastActiveAt", c => c.LastActiveAt, NpgsqlDbType.TimestampTz),
        new("LastPurchaseAt", c => c.LastPurchaseAt, NpgsqlDbType.TimestampTz),
        new("VisitCount", c => c.VisitCount, NpgsqlDbType.Integer),
        new("PurchaseCount", c => c.PurchaseCount, NpgsqlDbType.Integer),
        new("TotalSpendMinor", c => c.TotalSpendMinor, NpgsqlDbType.Bigint),
        new("VisitsInWindow", c => Math.Min(c.VisitCount, 8), NpgsqlDbType.Integer),
        new("PurchasesInWindow", c => c.PurchaseCount, NpgsqlDbType.Integer),
        new("SpendInWindowMinor", c => c.TotalSpendMinor, NpgsqlDbType.Bigint),
        new("RecencyScore", _ => Zero, NpgsqlDbType.Integer),
        new("FrequencyScore", _ => Zero, NpgsqlDbType.Integer),
        new("MonetaryScore", _ => Zero, NpgsqlDbType.Integer),
        new("Lifecycle", c => c.Lifecycle, NpgsqlDbType.Varchar),
        new("Consent_Email", _ => True, NpgsqlDbType.Boolean),
        new("Consent_Push", _ => True, NpgsqlDbType.Boolean),
        new("Consent_Sms", _ => True, NpgsqlDbType.Boolean),
    ];

    /// <summary>The history behind the facts: the last visit of every contact and the last purchase of buyers.</summary>
    public static IReadOnlyList<Column<SyntheticEvent>> Events { get; } =
    [
        new("ContactId", e => e.ContactId, NpgsqlDbType.Bigint),
        new("Name", e => e.Name, NpgsqlDbType.Varchar),
        new("Timestamp", e => e.Timestamp, NpgsqlDbType.TimestampTz),
        new("ReceivedAt", e => e.Timestamp, NpgsqlDbType.TimestampTz),
        new("MessageId", e => e.MessageId, NpgsqlDbType.Varchar),
        new("Properties", e => e.Properties, NpgsqlDbType.Text),
        new("AmountMinor", e => e.AmountMinor, NpgsqlDbType.Bigint),
        new("Currency", e => e.AmountMinor is null ? null : "CNY", NpgsqlDbType.Varchar),
        new("Category", _ => null, NpgsqlDbType.Varchar),
    ];

    public static IEnumerable<SyntheticContact> Generate(int count, bool inactiveOnly = false)
    {
        for (long id = 1; id <= count; id++)
        {
            yield return SyntheticContact.Create(id, inactiveOnly);
        }
    }

    public static IEnumerable<SyntheticEvent> History(int count, bool inactiveOnly = false)
    {
        foreach (var c in Generate(count, inactiveOnly))
        {
            yield return new SyntheticEvent(c.Id, EventNames.Visit, c.LastActiveAt, null, "{}", null);
            if (c.LastPurchaseAt is { } bought)
            {
                yield return new SyntheticEvent(c.Id, EventNames.Purchase, bought, null, "{}", 4_990);
            }
        }
    }

}

/// <summary>An event row to load.</summary>
internal readonly record struct SyntheticEvent(long ContactId, string Name, DateTime Timestamp, string? MessageId, string Properties, long? AmountMinor);
