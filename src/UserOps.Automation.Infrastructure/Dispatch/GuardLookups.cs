using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>What the guards need for one round, read in a few set queries: contacts, suppressed addresses, capped counts.</summary>
internal sealed class GuardLookups
{
    private readonly HashSet<(Channel, string)> _suppressed;
    private readonly Dictionary<long, int> _capped;

    private GuardLookups(Dictionary<long, Contact> contacts, HashSet<(Channel, string)> suppressed, Dictionary<long, int> capped)
    {
        Contacts = contacts;
        _suppressed = suppressed;
        _capped = capped;
    }

    public Dictionary<long, Contact> Contacts { get; }

    public static async Task<GuardLookups> LoadAsync(AutomationDb db, List<OutboxMessage> rows, DateTime windowStart, CancellationToken cancellationToken)
    {
        var contactIds = rows.Select(r => r.ContactId).Distinct().ToList();
        // Untracked: the guards only read them; the few outcomes that change a contact load it tracked (SendOutcomes).
        var contacts = rows.Any(r => r.Channel == Channel.Push)
            ? await db.Contacts.AsNoTracking().Include(c => c.PushTokens).Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken)
            : await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        // Only the addresses the round's rows go to: an email round need not look up every contact's phone number too.
        var addresses = rows.Where(r => contacts.ContainsKey(r.ContactId))
            .Select(r => r.Channel switch
            {
                Channel.Email => contacts[r.ContactId].Email?.Trim().ToLowerInvariant(),
                Channel.Sms => contacts[r.ContactId].Phone?.Trim(),
                _ => null,
            })
            .OfType<string>().Distinct().ToList();
        var suppressed = (await db.Suppressions.AsNoTracking().Where(s => addresses.Contains(s.Address)).Select(s => new { s.Channel, s.Address }).ToListAsync(cancellationToken))
            .Select(s => (s.Channel, s.Address)).ToHashSet();

        // Counted: what left (or is leaving, on any host) within the window; failed and suppressed rows never reached the contact.
        var capped = await db.OutboxMessages.AsNoTracking()
            .Where(m => contactIds.Contains(m.ContactId) && m.FrequencyCapped
                && (m.Status == OutboxStatus.Sending || ((m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Delivered) && m.SentAt >= windowStart)))
            .GroupBy(m => m.ContactId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new GuardLookups(contacts, suppressed, capped);
    }

    public bool IsSuppressed(Channel channel, Contact contact)
    {
        var address = channel switch
        {
            Channel.Email => contact.Email,
            Channel.Sms => contact.Phone,
            _ => null,
        };
        return address is not null && _suppressed.Contains((channel, SuppressionEntry.Normalize(channel, address)));
    }

    public int CappedCount(long contactId) => _capped.GetValueOrDefault(contactId);

    /// <summary>A row of this round about to be sent counts toward the cap of the rows after it.</summary>
    public void Counted(OutboxMessage row)
    {
        if (row.FrequencyCapped)
        {
            _capped[row.ContactId] = CappedCount(row.ContactId) + 1;
        }
    }
}
