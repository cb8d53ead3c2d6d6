using System.Text.Json.Nodes;

namespace UserOps.Automation.Core.Events;

/// <summary>Something a contact did, at a time, with properties (visit, purchase with amount, search with query).</summary>
public sealed class ContactEvent
{
    private ContactEvent()
    {
        Name = string.Empty;
    }

    public ContactEvent(long contactId, string name, DateTime timestamp, DateTime receivedAt)
    {
        ContactId = contactId;
        Name = name;
        Timestamp = timestamp;
        ReceivedAt = receivedAt;
    }

    public long Id { get; private set; }
    public long ContactId { get; set; }
    public string Name { get; private set; }
    public DateTime Timestamp { get; private set; }
    public DateTime ReceivedAt { get; private set; }

    /// <summary>The sender's id for this message; a repeated delivery with the same id is ignored.</summary>
    public string? MessageId { get; set; }

    public JsonObject Properties { get; set; } = [];

    /// <summary>Monetary value in minor units (cents, fen): SQLite cannot compare decimals in SQL.</summary>
    public long? AmountMinor { get; set; }

    /// <summary>ISO 4217 code of <see cref="AmountMinor"/>.</summary>
    public string? Currency { get; set; }

    /// <summary>The product category the event is about, lifted out of <see cref="Properties"/> for interest facts.</summary>
    public string? Category { get; set; }
}
