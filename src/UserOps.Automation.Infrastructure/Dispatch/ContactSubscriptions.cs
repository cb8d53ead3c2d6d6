using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>What contacts and providers tell us back: unsubscribe clicks, STOP/START replies, delivery receipts.</summary>
public sealed class ContactSubscriptions(IDbContextFactory<AutomationDb> dbFactory, TimeProvider time)
{
    /// <summary>Carrier-standard opt-out words (and 退订, "unsubscribe" in Chinese).</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "退订" };

    public static readonly IReadOnlySet<string> StartWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP" };

    public const string InboundSource = "twilio-inbound";

    /// <summary>The contact clicked an unsubscribe link; false when it no longer exists.</summary>
    public async Task<bool> UnsubscribeAsync(long contactId, Channel channel, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return false;
        }

        if (!contact.Consent.IsUnsubscribed(channel))
        {
            contact.Consent.Unsubscribe(channel, time.GetUtcNow().UtcDateTime);
            contact.Touch(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>An SMS reply: STOP words unsubscribe every contact with the number and suppress it; START words undo that.</summary>
    public async Task<InboundKeyword> HandleInboundSmsAsync(string from, string? body, CancellationToken cancellationToken)
    {
        var word = (body ?? string.Empty).Trim().TrimEnd('.', '!', '。', '！');
        var keyword = StopWords.Contains(word) ? InboundKeyword.Stop : StartWords.Contains(word) ? InboundKeyword.Start : InboundKeyword.None;
        if (keyword == InboundKeyword.None)
        {
            return keyword;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var number = SuppressionEntry.Normalize(Channel.Sms, from);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contacts = await db.Contacts.Where(c => c.Phone == number).ToListAsync(cancellationToken);
        var entry = await db.Suppressions.SingleOrDefaultAsync(s => s.Channel == Channel.Sms && s.Address == number, cancellationToken);
        foreach (var contact in contacts)
        {
            if (keyword == InboundKeyword.Stop)
            {
                contact.Consent.Unsubscribe(Channel.Sms, now);
            }
            else
            {
                contact.Consent.Resubscribe(Channel.Sms);
            }

            contact.Touch(now);
        }

        if (keyword == InboundKeyword.Stop && entry is null)
        {
            db.Suppressions.Add(new SuppressionEntry(Channel.Sms, number, $"replied {word}", InboundSource, now));
        }
        else if (keyword == InboundKeyword.Start && entry is { Source: InboundSource })
        {
            // Only the STOP's own entry is lifted; an operator's or a complaint's stays.
            db.Suppressions.Remove(entry);
        }

        await db.SaveChangesAsync(cancellationToken);
        return keyword;
    }

    /// <summary>Twilio's status callback for one message sid; false when no row has that sid.</summary>
    public async Task<bool> ApplySmsStatusAsync(string messageSid, string status, string? errorCode, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.OutboxMessages.SingleOrDefaultAsync(m => m.ProviderMessageId == messageSid, cancellationToken);
        if (row is null)
        {
            return false;
        }

        switch (status.ToLowerInvariant())
        {
            case "delivered" or "read":
                row.Delivered(time.GetUtcNow().UtcDateTime);
                break;
            case "undelivered" or "failed":
                row.Undelivered(errorCode is { Length: > 0 } ? $"{status} by the carrier: Twilio error {errorCode}" : $"{status} by the carrier");
                break;
            default:
                return true; // queued, sending, sent: nothing new for the row.
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

public enum InboundKeyword
{
    None,
    Stop,
    Start,
}
