namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Work the <see cref="EventApplier"/> has not done yet: an event stored but not yet folded into its contact's facts,
/// stays and journeys, or (no <see cref="EventId"/>) a contact upserted whose segments must be evaluated again.
/// Written in the same statement or transaction as the event; deleted in the same transaction as the event's effects,
/// so a crash neither applies an event twice nor loses one (ADR 0009). No foreign keys: an erased contact's rows are
/// skipped by the applier, and every index here would cost each accepted event one more write.
/// </summary>
internal sealed class PendingEvent
{
    private PendingEvent()
    {
    }

    public PendingEvent(long contactId, long? eventId, DateTime queuedAt)
    {
        ContactId = contactId;
        EventId = eventId;
        QueuedAt = queuedAt;
    }

    /// <summary>A row as a round took it (its instant is not read back).</summary>
    public static PendingEvent Taken(long id, long contactId, long? eventId) => new(contactId, eventId, default) { Id = id };

    public long Id { get; private set; }
    public long ContactId { get; private set; }
    public long? EventId { get; private set; }
    public DateTime QueuedAt { get; private set; }
}
