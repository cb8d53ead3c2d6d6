using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Takes in a batch of contacts and events (ADR 0009): validates each item, makes the valid ones durable
/// (<see cref="IngestionBatch"/>: contact upserts, events, their queue rows; repeated messageIds dropped) and hands their
/// derivation — facts, segment stays, journeys — to the <see cref="EventApplier"/>. With
/// <see cref="IngestionDurability.Applied"/> (the own API, CSV imports) it answers once the applier has applied them,
/// sharing rounds with every other waiter; with <see cref="IngestionDurability.Accepted"/> (the Segment-spec endpoints) once
/// they are stored, and the applier follows within its lag.
/// </summary>
public sealed class IngestionService(
    IDbContextFactory<AutomationDb> dbFactory,
    IngestionValidator validator,
    EventApplier applier,
    TimeProvider time,
    ILogger<IngestionService> logger)
{
    public Task<IngestionResult> UpsertContactsAsync(IReadOnlyList<ContactInput> contacts, CancellationToken cancellationToken) =>
        IngestAsync(contacts, [], IngestionDurability.Applied, cancellationToken);

    public Task<IngestionResult> RecordEventsAsync(IReadOnlyList<EventInput> events, CancellationToken cancellationToken) =>
        IngestAsync([], events, IngestionDurability.Applied, cancellationToken);

    /// <summary>Contacts are upserted before events are recorded, so an identify and a track of one batch meet in order.</summary>
    public async Task<IngestionResult> IngestAsync(
        IReadOnlyList<ContactInput> contacts, IReadOnlyList<EventInput> events, IngestionDurability durability, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(events);
        var now = time.GetUtcNow().UtcDateTime;
        var contactResults = new ItemResult[contacts.Count];
        var eventResults = new ItemResult[events.Count];
        var validContacts = new List<ValidContact>(contacts.Count);
        var validEvents = new List<ValidEvent>(events.Count);
        for (var i = 0; i < contacts.Count; i++)
        {
            var (contact, errors) = validator.Validate(contacts[i]);
            if (contact is null)
            {
                contactResults[i] = new ItemResult(i, contacts[i].ExternalId, ItemStatus.Rejected, errors);
            }
            else
            {
                validContacts.Add(new ValidContact(i, contact));
            }
        }

        for (var i = 0; i < events.Count; i++)
        {
            var (contactEvent, errors) = validator.Validate(events[i], i, now);
            if (contactEvent is null)
            {
                eventResults[i] = new ItemResult(i, events[i].ExternalId, ItemStatus.Rejected, errors);
            }
            else
            {
                validEvents.Add(contactEvent);
            }
        }

        if (validContacts.Count > 0 || validEvents.Count > 0)
        {
            var lastQueueId = await WriteWithRetryAsync(validContacts, validEvents, contactResults, eventResults, now, cancellationToken);
            if (lastQueueId > 0)
            {
                applier.Pulse();
                if (durability == IngestionDurability.Applied)
                {
                    await applier.WaitAppliedAsync(lastQueueId, cancellationToken);
                }
            }
        }

        return new IngestionResult(contactResults, eventResults);
    }

    private async Task<long> WriteWithRetryAsync(
        List<ValidContact> contacts, List<ValidEvent> events, ItemResult[] contactResults, ItemResult[] eventResults, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            try
            {
                var batch = new IngestionBatch(db, now);
                await batch.WriteAsync(contacts, events, contactResults, eventResults, cancellationToken);
                return batch.LastQueueId;
            }
            catch (Exception e) when (attempt == 1 && e is DbUpdateException or DbException)
            {
                // Another writer inserted one of our contacts (or, on SQLite and SQL Server, messageIds) between our
                // read and our write (unique index). Nothing of this batch was saved; read again and the race resolves
                // itself: the contact is now found, the messageId is now a duplicate.
                logger.LogInformation(e, "Ingestion batch hit a concurrent write; retrying once");
            }
        }
    }
}
