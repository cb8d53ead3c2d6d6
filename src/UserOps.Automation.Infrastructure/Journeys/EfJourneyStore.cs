using System.Globalization;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// Claims due journeys by locking them in the transaction that will write their moves (ADR 0006): <c>FOR UPDATE SKIP
/// LOCKED</c> on PostgreSQL, <c>UPDLOCK, READPAST</c> on SQL Server, SQLite's write lock (<c>BEGIN IMMEDIATE</c>)
/// elsewhere. Hosts never wait on each other's rows, a claim costs no write, and a host that dies holding a batch
/// loses its transaction, so the journeys are free again at once. The journeys are not tracked: the batch writes
/// their moves set-based, checking each one's <see cref="Journey.Step"/>.
/// </summary>
public sealed class EfJourneyStore(IDbContextFactory<AutomationDb> dbFactory) : IJourneyStore
{
    public async Task<IJourneyBatch> ClaimDueAsync(DateTime now, int size, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Provider == DatabaseProvider.Postgres)
            {
                // A host that vanishes without closing its connection (a frozen VM, a cut network) must not hold its batch
                // until TCP gives up: the server ends a transaction left idle this long.
                var ms = ((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                await db.Database.ExecuteSqlAsync($"SELECT set_config('idle_in_transaction_session_timeout', {ms}, true)", cancellationToken);
            }

            var journeys = await db.Journeys.FromSqlRaw(ClaimSql(db), now, size).AsNoTracking().ToListAsync(cancellationToken);
            journeys.Sort((a, b) => a.Id.CompareTo(b.Id));
            return new EfJourneyBatch(db, transaction, journeys);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static string ClaimSql(AutomationDb db)
    {
        var j = new SqlNames<Journey>(db);
        var due = j[nameof(Journey.DueAt)];
        return db.Provider switch
        {
            DatabaseProvider.Postgres => $"SELECT * FROM {j.Table} WHERE {due} <= {{0}} ORDER BY {due} LIMIT {{1}} FOR UPDATE SKIP LOCKED",
            DatabaseProvider.SqlServer => $"SELECT TOP ({{1}}) * FROM {j.Table} WITH (ROWLOCK, UPDLOCK, READPAST) WHERE {due} <= {{0}} ORDER BY {due}",
            _ => $"SELECT * FROM {j.Table} WHERE {due} <= {{0}} ORDER BY {due} LIMIT {{1}}",
        };
    }
}
