using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>A claimed batch bound to one context: each round's moves and effects go out in one transaction.</summary>
internal sealed class EfJourneyBatch(AutomationDb db, string owner, List<Journey> journeys, Dictionary<long, Contact> contacts) : IJourneyBatch
{
    public IReadOnlyList<Journey> Journeys => journeys;

    public Contact ContactOf(Journey journey) => contacts[journey.ContactId];

    public async Task CommitAsync(JourneyEffects effects, CancellationToken cancellationToken)
    {
        db.JourneySteps.AddRange(effects.Steps);
        db.OutboxMessages.AddRange(effects.Messages);
        db.Coupons.AddRange(effects.Coupons);
        db.WebhookDeliveries.AddRange(effects.Webhooks);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new JourneyConflictException("A journey of the batch was moved by another host.", e);
        }
        catch (DbUpdateException e)
        {
            // A unique idempotency key already written: another host ran this step.
            throw new JourneyConflictException("A step of the batch was already written by another host.", e);
        }

        // Written rows are done with; tracked, they would make every later round's change detection slower.
        Detach(effects.Steps);
        Detach(effects.Messages);
        Detach(effects.Coupons);
        Detach(effects.Webhooks);
    }

    private void Detach<T>(List<T> written)
        where T : class
    {
        foreach (var entity in written)
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var ids = journeys.Select(j => j.Id).ToList();
        await db.Journeys.Where(j => ids.Contains(j.Id) && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null), cancellationToken);
    }

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
