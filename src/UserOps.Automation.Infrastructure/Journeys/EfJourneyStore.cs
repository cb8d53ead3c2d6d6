using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// Claims due journeys with a lease in one statement: <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL,
/// <c>READPAST</c> on SQL Server, SQLite's single writer elsewhere. Hosts never wait on each other's rows.
/// </summary>
public sealed class EfJourneyStore(IDbContextFactory<AutomationDb> dbFactory) : IJourneyStore
{
    public async Task<IJourneyBatch> ClaimDueAsync(DateTime now, int size, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var ids = await ClaimIdsAsync(db, now, size, owner, now + lease, cancellationToken);
            if (ids.Count == 0)
            {
                return new EfJourneyBatch(db, owner, [], []);
            }

            var journeys = await db.Journeys.Where(j => ids.Contains(j.Id)).ToListAsync(cancellationToken);
            var contactIds = journeys.Select(j => j.ContactId).Distinct().ToList();
            var contacts = await db.Contacts.Include(c => c.PushTokens).Include(c => c.Interests).AsSplitQuery()
                .Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            return new EfJourneyBatch(db, owner, journeys, contacts);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static async Task<List<long>> ClaimIdsAsync(AutomationDb db, DateTime now, int size, string owner, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        var j = new SqlNames<Journey>(db);
        var (id, due, leaseOwner, leaseEnd) = (j[nameof(Journey.Id)], j[nameof(Journey.DueAt)], j[nameof(Journey.LeaseOwner)], j[nameof(Journey.LeaseUntil)]);
        var free = $"{due} <= {{2}} AND ({leaseEnd} IS NULL OR {leaseEnd} < {{2}})";
        var sql = db.Provider switch
        {
            DatabaseProvider.Postgres =>
                $"UPDATE {j.Table} SET {leaseOwner} = {{0}}, {leaseEnd} = {{1}} WHERE {id} IN " +
                $"(SELECT {id} FROM {j.Table} WHERE {free} ORDER BY {due} LIMIT {{3}} FOR UPDATE SKIP LOCKED) RETURNING {id} AS \"Value\"",
            DatabaseProvider.SqlServer =>
                $"WITH due AS (SELECT TOP ({{3}}) * FROM {j.Table} WITH (ROWLOCK, READPAST, UPDLOCK) WHERE {free} ORDER BY {due}) " +
                $"UPDATE due SET {leaseOwner} = {{0}}, {leaseEnd} = {{1}} OUTPUT inserted.{id} AS [Value];",
            _ =>
                $"UPDATE {j.Table} SET {leaseOwner} = {{0}}, {leaseEnd} = {{1}} WHERE {id} IN " +
                $"(SELECT {id} FROM {j.Table} WHERE {free} ORDER BY {due} LIMIT {{3}}) RETURNING {id} AS \"Value\"",
        };

        return await db.Database.SqlQueryRaw<long>(sql, owner, leaseUntil, now, size).ToListAsync(cancellationToken);
    }
}
