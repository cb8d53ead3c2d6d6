using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// The accepting half of <see cref="IngestionService"/> (ADR 0009): makes a batch durable and leaves its derivation to the
/// <see cref="EventApplier"/>. Contact ids are looked up with one query; contact upserts and contacts first met go through
/// change tracking (generated ids, push tokens, attributes); events and their queue rows are one statement on
/// PostgreSQL (<see cref="EventQueue"/>). The common case on PostgreSQL — events of known contacts — is two round
/// trips and no explicit transaction; anything more is one transaction.
/// </summary>
internal sealed class IngestionBatch(AutomationDb db, DateTime now)
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);

    /// <summary>The last queue row this batch wrote (0 if none): the own API waits until the applier is past it.</summary>
    public long LastQueueId { get; private set; }

    public async Task WriteAsync(
        List<ValidContact> contacts, List<ValidEvent> events, ItemResult[] contactResults, ItemResult[] eventResults, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // Raw statements run on the context's connection: keep it open between them when there is no transaction.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var upserted = contacts.Select(c => c.Input.ExternalId!).ToHashSet(StringComparer.Ordinal);
        var others = events.Select(e => e.ExternalId).Where(id => !upserted.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            foreach (var known in await db.Contacts.AsNoTracking().Where(c => EF.Parameter(others).Contains(c.ExternalId)).Select(c => new { c.Id, c.ExternalId }).ToListAsync(cancellationToken))
            {
                _ids[known.ExternalId] = known.Id;
            }
        }

        // A contact first met through an event starts at its earliest event, so history imports do not make it look active now.
        var unknown = events.Where(e => !upserted.Contains(e.ExternalId) && !_ids.ContainsKey(e.ExternalId))
            .GroupBy(e => e.ExternalId, StringComparer.Ordinal)
            .Select(g => new Contact(g.Key, g.Min(e => e.Timestamp) is var first && first < now ? first : now))
            .ToList();
        var single = contacts.Count == 0 && unknown.Count == 0 && db.Provider == DatabaseProvider.Postgres;
        await using var transaction = single ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        var queue = new List<PendingEvent>();
        if (contacts.Count > 0)
        {
            await UpsertAsync(contacts, contactResults, cancellationToken);
        }

        if (unknown.Count > 0)
        {
            db.Contacts.AddRange(unknown);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var contact in unknown)
            {
                _ids[contact.ExternalId] = contact.Id;

                // The applier moves only contacts whose rule results its events change (ADR 0022); one first met has no
                // stays at all yet, so it is queued to be evaluated whole, as an upsert is.
                queue.Add(new PendingEvent(contact.Id, null, now));
            }
        }

        // Repeats within the batch are dropped here; repeats of earlier batches by the insert (PostgreSQL) or one query.
        var batchIds = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<(ValidEvent Item, ContactEvent Event)>(events.Count);
        var seen = db.Provider == DatabaseProvider.Postgres ? [] : await SeenAsync(events, cancellationToken);
        foreach (var item in events)
        {
            if (item.MessageId is not null && (!batchIds.Add(item.MessageId) || seen.Contains(item.MessageId)))
            {
                eventResults[item.Index] = new ItemResult(item.Index, item.ExternalId, ItemStatus.Duplicate);
                continue;
            }

            fresh.Add((item, new ContactEvent(_ids[item.ExternalId], item.Name, item.Timestamp, now)
            {
                MessageId = item.MessageId,
                Properties = item.Properties,
                AmountMinor = item.AmountMinor,
                Currency = item.AmountMinor is null ? null : item.Currency,
                Category = item.Category,
            }));
        }

        var (inserted, lastEvent) = await EventQueue.InsertAsync(db, fresh.Select(f => f.Event).ToList(), now, cancellationToken);
        foreach (var (item, _) in fresh)
        {
            var status = item.MessageId is null || inserted.Contains(item.MessageId) ? ItemStatus.Accepted : ItemStatus.Duplicate;
            eventResults[item.Index] = new ItemResult(item.Index, item.ExternalId, status);
        }

        // Upserted and first-met contacts are queued after their events: consent or attributes may move them across segments.
        var lastContact = await EventQueue.EnqueueAsync(db, queue, cancellationToken);
        LastQueueId = Math.Max(lastEvent, lastContact);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        async Task UpsertAsync(List<ValidContact> items, ItemResult[] results, CancellationToken ct)
        {
            var ids = upserted.ToList();
            var loaded = await db.Contacts.Include(c => c.PushTokens).AsSingleQuery().Where(c => EF.Parameter(ids).Contains(c.ExternalId)).ToDictionaryAsync(c => c.ExternalId, StringComparer.Ordinal, ct);
            foreach (var item in items)
            {
                var externalId = item.Input.ExternalId!;
                var isNew = !loaded.TryGetValue(externalId, out var contact);
                if (contact is null)
                {
                    contact = new Contact(externalId, now);
                    db.Contacts.Add(contact);
                    loaded[externalId] = contact;
                }

                ContactUpsert.Apply(contact, item.Input, now);
                results[item.Index] = new ItemResult(item.Index, externalId, isNew ? ItemStatus.Created : ItemStatus.Updated);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            foreach (var contact in loaded.Values)
            {
                _ids[contact.ExternalId] = contact.Id;
                queue.Add(new PendingEvent(contact.Id, null, now));
            }
        }
    }

    private async Task<HashSet<string>> SeenAsync(List<ValidEvent> events, CancellationToken cancellationToken)
    {
        var messageIds = events.Where(e => e.MessageId is not null).Select(e => e.MessageId!).Distinct(StringComparer.Ordinal).ToList();
        return messageIds.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await db.Events.AsNoTracking().Where(e => EF.Parameter(messageIds).Contains(e.MessageId!)).Select(e => e.MessageId!).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
    }
}
