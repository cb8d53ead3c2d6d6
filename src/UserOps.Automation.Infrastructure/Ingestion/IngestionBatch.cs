using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>One unit of work of <see cref="IngestionService"/>: a handful of queries and one SaveChanges, whatever the batch size.</summary>
internal sealed class IngestionBatch(AutomationDb db, FactsPolicy policy, IReadOnlyList<SegmentRule> segmentRules, DateTime now)
{
    /// <summary>The events this batch stored (their ids are set once it is saved), for the journeys to react to.</summary>
    public List<ContactEvent> StoredEvents { get; } = [];

    private readonly Dictionary<string, Contact> _contacts = new(StringComparer.Ordinal);
    private readonly HashSet<Contact> _touched = [];
    private long _nextTemporaryId = -1;

    public async Task WriteAsync(
        List<ValidContact> contacts, List<ValidEvent> events, ItemResult[] contactResults, ItemResult[] eventResults, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var externalIds = contacts.Select(c => c.Input.ExternalId!).Concat(events.Select(e => e.ExternalId)).Distinct(StringComparer.Ordinal).ToList();
        var loaded = await db.Contacts
            .Include(c => c.PushTokens)
            .Include(c => c.Interests)
            .AsSplitQuery()
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
            ContactUpsert.Apply(contact, item.Input, now);
            _touched.Add(contact);
            contactResults[item.Index] = new ItemResult(item.Index, contact.ExternalId, created ? ItemStatus.Created : ItemStatus.Updated);
        }

        // A contact first met through an event starts at its earliest event, so history imports do not make it look active now.
        var firstSeen = events.GroupBy(e => e.ExternalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(e => e.Timestamp), StringComparer.Ordinal);
        foreach (var item in events)
        {
            if (item.MessageId is not null && !seen.Add(item.MessageId))
            {
                eventResults[item.Index] = new ItemResult(item.Index, item.ExternalId, ItemStatus.Duplicate);
                continue;
            }

            var (contact, _) = GetOrCreate(item.ExternalId, firstSeen[item.ExternalId] < now ? firstSeen[item.ExternalId] : now);
            var contactEvent = new ContactEvent(ContactIdOf(contact), item.Name, item.Timestamp, now)
            {
                MessageId = item.MessageId,
                Properties = item.Properties,
                AmountMinor = item.AmountMinor,
                Currency = item.AmountMinor is null ? null : item.Currency,
                Category = item.Category,
            };
            db.Events.Add(contactEvent);
            StoredEvents.Add(contactEvent);
            contact.Apply(contactEvent, policy, now);
            _touched.Add(contact);
            eventResults[item.Index] = new ItemResult(item.Index, item.ExternalId, ItemStatus.Accepted);
        }

        await UpdateMembershipsAsync(cancellationToken);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }

    private (Contact Contact, bool Created) GetOrCreate(string externalId, DateTime createdAt)
    {
        if (_contacts.TryGetValue(externalId, out var existing))
        {
            return (existing, false);
        }

        var contact = new Contact(externalId, createdAt);
        var entry = db.Contacts.Add(contact);

        // An explicit temporary key lets events and memberships point at the new contact before it has its real id;
        // EF replaces it in their foreign keys on SaveChanges, so the whole batch still saves in one go.
        var id = entry.Property(c => c.Id);
        id.CurrentValue = _nextTemporaryId--;
        id.IsTemporary = true;
        _contacts[externalId] = contact;
        return (contact, true);
    }

    private long ContactIdOf(Contact contact) => db.Entry(contact).Property(c => c.Id).CurrentValue;

    private async Task UpdateMembershipsAsync(CancellationToken cancellationToken)
    {
        if (segmentRules.Count == 0 || _touched.Count == 0)
        {
            return;
        }

        var storedIds = _touched.Select(ContactIdOf).Where(id => id > 0).ToList();
        var open = storedIds.Count == 0
            ? []
            : await db.SegmentMemberships.Where(m => storedIds.Contains(m.ContactId) && m.LeftAt == null).ToListAsync(cancellationToken);
        var openByKey = open.ToDictionary(m => (m.ContactId, m.SegmentId));
        foreach (var contact in _touched)
        {
            var contactId = ContactIdOf(contact);
            var facts = ContactFacts.From(contact, now);
            foreach (var segment in segmentRules)
            {
                var member = segment.Rule.Evaluate(facts);
                var stay = openByKey.GetValueOrDefault((contactId, segment.SegmentId));
                if (member && stay is null)
                {
                    db.SegmentMemberships.Add(new SegmentMembership(segment.SegmentId, contactId, now));
                }
                else if (!member && stay is not null)
                {
                    stay.Leave(now);
                }
            }
        }
    }
}
