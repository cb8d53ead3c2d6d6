using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Writes a batch of contacts and events: validates each item, then in one transaction loads the batch's
/// contacts with one query, drops repeated messageIds with one query, creates unknown contacts, folds each
/// event into its contact's facts, and writes events, facts and segment stays set-based (<see cref="IngestionBatch"/>).
/// </summary>
public sealed class IngestionService(
    IDbContextFactory<AutomationDb> dbFactory,
    IngestionValidator validator,
    FactsPolicyProvider policies,
    SegmentRuleCache segments,
    TimeProvider time,
    ILogger<IngestionService> logger,
    IEnumerable<IContactEventObserver> observers)
{
    public Task<IngestionResult> UpsertContactsAsync(IReadOnlyList<ContactInput> contacts, CancellationToken cancellationToken) =>
        IngestAsync(contacts, [], cancellationToken);

    public Task<IngestionResult> RecordEventsAsync(IReadOnlyList<EventInput> events, CancellationToken cancellationToken) =>
        IngestAsync([], events, cancellationToken);

    /// <summary>Contacts are upserted before events are recorded, so an identify and a track of one batch meet in order.</summary>
    public async Task<IngestionResult> IngestAsync(IReadOnlyList<ContactInput> contacts, IReadOnlyList<EventInput> events, CancellationToken cancellationToken)
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
            await WriteWithRetryAsync(validContacts, validEvents, contactResults, eventResults, now, cancellationToken);
        }

        return new IngestionResult(contactResults, eventResults);
    }

    private async Task WriteWithRetryAsync(
        List<ValidContact> contacts, List<ValidEvent> events, ItemResult[] contactResults, ItemResult[] eventResults, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            try
            {
                var policy = await policies.GetAsync(db, cancellationToken);
                var segmentRules = await segments.GetAsync(db, cancellationToken);
                var batch = new IngestionBatch(db, policy, segmentRules, now);
                await batch.WriteAsync(contacts, events, contactResults, eventResults, cancellationToken);
                foreach (var observer in observers)
                {
                    // After the commit: journeys react to what is stored, never to what might roll back.
                    await observer.OnEventsAsync(batch.StoredEvents, cancellationToken);
                }

                return;
            }
            catch (Exception e) when (attempt == 1 && e is DbUpdateException or DbException)
            {
                // Another writer inserted one of our contacts or messageIds between our read and our write
                // (unique index), or two batches about the same contacts deadlocked. Nothing of this batch was
                // saved; read again and the race resolves itself: the contact is now found, the messageId is now
                // a duplicate. (Stays never conflict: they are written conflict-tolerantly.)
                logger.LogInformation(e, "Ingestion batch hit a concurrent write; retrying once");
            }
        }
    }
}
