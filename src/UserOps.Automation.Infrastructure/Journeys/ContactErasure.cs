using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// Erases a contact with everything about it, in one transaction. The database cascades to push tokens and interests;
/// events (ADR 0018), segment stays and the rows journeys write (journeys, their steps, coupons, outbox messages and so
/// their attempts) carry no foreign key (ADR 0010: on the hot paths each was a per-row check), so they are deleted here.
/// An event accepted for the contact while it is erased is deleted by the applier round that meets it.
/// </summary>
public static class ContactErasure
{
    /// <summary>False when there is no such contact.</summary>
    public static async Task<bool> EraseAsync(AutomationDb db, string externalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contactId = await db.Contacts.Where(c => c.ExternalId == externalId).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (contactId is not { } id)
        {
            return false;
        }

        var journeys = await db.Journeys.Where(j => j.ContactId == id).Select(j => j.Id).ToListAsync(cancellationToken);
        await db.JourneySteps.Where(s => journeys.Contains(s.JourneyId)).ExecuteDeleteAsync(cancellationToken);
        await db.Journeys.Where(j => j.ContactId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Coupons.Where(c => c.ContactId == id).ExecuteDeleteAsync(cancellationToken);
        await db.OutboxMessages.Where(m => m.ContactId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SegmentMemberships.Where(m => m.ContactId == id).ExecuteDeleteAsync(cancellationToken);
        await db.ClosedSegmentStays.Where(m => m.ContactId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Events.Where(e => e.ContactId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Contacts.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
