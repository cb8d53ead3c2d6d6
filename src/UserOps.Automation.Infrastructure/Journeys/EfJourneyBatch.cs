using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // The effects are new rows whose generated keys nobody reads: multi-row INSERTs, not change tracking,
            // which sends them one by one and reads every key back (a sweep spent most of its time there).
            // The journeys (and contacts an activity changed) still go through SaveChanges for the Step check.
            await BatchedInsert.InsertAsync(db, effects.Steps, cancellationToken);
            await BatchedInsert.InsertAsync(db, effects.Messages, cancellationToken);
            await BatchedInsert.InsertAsync(db, effects.Coupons, cancellationToken);
            await BatchedInsert.InsertAsync(db, effects.Webhooks, cancellationToken);
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
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new JourneyConflictException("A step of the batch was already written by another host.", e);
        }
    }

    private static bool IsUniqueViolation(DbException e) => e switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        Microsoft.Data.SqlClient.SqlException q => q.Number is 2601 or 2627,
        _ => false,
    };

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var ids = journeys.Select(j => j.Id).ToList();
        await db.Journeys.Where(j => ids.Contains(j.Id) && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null), cancellationToken);
    }

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
