using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// One unit of work of <see cref="IngestionService"/>, in one transaction and a handful of statements whatever the
/// batch size: contacts loaded untracked in one query, repeated messageIds found with one query, events inserted in
/// bulk, facts updated set-based and relative, segment rules evaluated in memory and stay changes written in bulk.
/// Only contact upserts and contacts first met here go through change tracking (they need generated ids, push tokens
/// and attributes merged); the common case, events of known contacts, does not.
/// </summary>
internal sealed class IngestionBatch(AutomationDb db, FactsPolicy policy, IReadOnlyList<SegmentRule> segmentRules, DateTime now)
{
    /// <summary>The events this batch stored, with their ids, for the journeys to react to.</summary>
    public List<ContactEvent> StoredEvents { get; } = [];

    private readonly Dictionary<string, Contact> _contacts = new(StringComparer.Ordinal);
    private readonly HashSet<Contact> _tracked = [];
    private readonly HashSet<Contact> _touched = [];

    public async Task WriteAsync(
        List<ValidContact> contacts, List<ValidEvent> events, ItemResult[] contactResults, ItemResult[] eventResults, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var externalIds = contacts.Select(c => c.Input.ExternalId!).Concat(events.Select(e => e.ExternalId)).Distinct(StringComparer.Ordinal).ToList();
        // One query, one round trip: a contact has few push tokens and interests, so the joined rows stay few.
        var loaded = await db.Contacts.AsNoTracking()
            .Include(c => c.PushTokens)
            .Include(c => c.Interests)
            .AsSingleQuery()
            .Where(c => externalIds.Contains(c.ExternalId))
            .ToListAsync(cancellationToken);
        foreach (var contact in loaded)
        {
            _contacts[contact.ExternalId] = contact;
        }

        var messageIds = events.Where(e => e.MessageId is not null).Select(e => e.MessageId!).Distinct(StringComparer.Ordinal).ToList();
        var seen = messageIds.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await db.Events.AsNoTracking().Where(e => messageIds.Contains(e.MessageId!)).Select(e => e.MessageId!).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);

        foreach (var item in contacts)
        {
            var (contact, created) = GetOrCreate(item.Input.ExternalId!, now);
            if (!created && _tracked.Add(contact))
            {
                db.Attach(contact);
            }

            ContactUpsert.Apply(contact, item.Input, now);
            _touched.Add(contact);
            contactResults[item.Index] = new ItemResult(item.Index, contact.ExternalId, created ? ItemStatus.Created : ItemStatus.Updated);
        }

        // A contact first met through an event starts at its earliest event, so history imports do not make it look active now.
        var firstSeen = events.GroupBy(e => e.ExternalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(e => e.Timestamp), StringComparer.Ordinal);
        var accepted = new List<ValidEvent>(events.Count);
        foreach (var item in events)
        {
            if (item.MessageId is not null && !seen.Add(item.MessageId))
            {
                eventResults[item.Index] = new ItemResult(item.Index, item.ExternalId, ItemStatus.Duplicate);
                continue;
            }

            GetOrCreate(item.ExternalId, firstSeen[item.ExternalId] < now ? firstSeen[item.ExternalId] : now);
            accepted.Add(item);
        }

        if (_tracked.Count > 0)
        {
            // New contacts get their ids here; the events below are written with them.
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var before = new Dictionary<Contact, FactsBefore>();
        foreach (var item in accepted)
        {
            var contact = _contacts[item.ExternalId];
            if (!before.ContainsKey(contact))
            {
                before[contact] = FactsBefore.Of(contact);
            }

            var contactEvent = new ContactEvent(contact.Id, item.Name, item.Timestamp, now)
            {
                MessageId = item.MessageId,
                Properties = item.Properties,
                AmountMinor = item.AmountMinor,
                Currency = item.AmountMinor is null ? null : item.Currency,
                Category = item.Category,
            };
            StoredEvents.Add(contactEvent);
            contact.Apply(contactEvent, policy, now);
            _touched.Add(contact);
            eventResults[item.Index] = new ItemResult(item.Index, item.ExternalId, ItemStatus.Accepted);
        }

        await EventRows.InsertAsync(db, StoredEvents, cancellationToken);
        await UpdateStaysAsync(cancellationToken);

        // Contacts last: their row locks are what concurrent batches about the same contacts wait for, so they are
        // held only for this statement and the commit.
        await ContactFactsWriter.WriteAsync(db, [.. before.Values], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private (Contact Contact, bool Created) GetOrCreate(string externalId, DateTime createdAt)
    {
        if (_contacts.TryGetValue(externalId, out var existing))
        {
            return (existing, false);
        }

        var contact = new Contact(externalId, createdAt);
        db.Contacts.Add(contact);
        _tracked.Add(contact);
        _contacts[externalId] = contact;
        return (contact, true);
    }

    /// <summary>
    /// Moves the touched contacts in and out of segments: the rules run in memory on the facts as this batch left them;
    /// opening is conflict-tolerant, because a refresh running meanwhile may open the same stay (and is authoritative).
    /// </summary>
    private async Task UpdateStaysAsync(CancellationToken cancellationToken)
    {
        if (segmentRules.Count == 0 || _touched.Count == 0)
        {
            return;
        }

        var ids = _touched.Select(c => c.Id).ToList();
        var open = (await db.SegmentMemberships.AsNoTracking()
                .Where(m => ids.Contains(m.ContactId) && m.LeftAt == null)
                .Select(m => new { m.SegmentId, m.ContactId })
                .ToListAsync(cancellationToken))
            .Select(m => new SegmentStay(m.SegmentId, m.ContactId))
            .ToHashSet();
        var enter = new List<SegmentStay>();
        var leave = new List<SegmentStay>();
        foreach (var contact in _touched.OrderBy(c => c.Id))
        {
            var facts = ContactFacts.From(contact, now);
            foreach (var segment in segmentRules)
            {
                var stay = new SegmentStay(segment.SegmentId, contact.Id);
                var member = segment.Rule.Evaluate(facts);
                if (member && !open.Contains(stay))
                {
                    enter.Add(stay);
                }
                else if (!member && open.Contains(stay))
                {
                    leave.Add(stay);
                }
            }
        }

        await SegmentStays.CloseAsync(db, leave, now, cancellationToken);
        await SegmentStays.OpenAsync(db, enter, now, cancellationToken);
    }
}
