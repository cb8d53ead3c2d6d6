using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
        var (db, transaction) = await BeginAsync(lease, cancellationToken);
        try
        {
            var journeys = await db.Journeys.FromSqlRaw(ClaimSql(db), now, size).AsNoTracking().ToListAsync(cancellationToken);
            journeys.Sort((a, b) => a.Id.CompareTo(b.Id));
            return new EfJourneyBatch(db, transaction, journeys);
        }
        catch
        {
            await transaction.DisposeAsync();
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Claims the oldest <see cref="PendingEnrolment"/> share by row lock (as due journeys are claimed), keeps the contacts
    /// the enrolment may still take, numbers their journeys from the journeys' own sequence, and returns them at the
    /// first activity. A share with nobody left is deleted and the next one claimed.
    /// </summary>
    public async Task<IJourneyBatch> ClaimEnrolmentAsync(DateTime now, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var (db, transaction) = await BeginAsync(lease, cancellationToken);
        try
        {
            // SQL Server enrols blasts with one INSERT … SELECT (no shares are ever written there).
            while (db.Provider != DatabaseProvider.SqlServer
                   && (await db.Set<PendingEnrolment>().FromSqlRaw(ShareSql(db)).AsNoTracking().ToListAsync(cancellationToken)).FirstOrDefault() is { } share)
            {
                var contacts = await EfJourneyEnroller.EligibleAsync(db, share, cancellationToken);
                if (contacts.Count == 0)
                {
                    await EfJourneyBatch.DeleteShareAsync(db, share.Id, cancellationToken);
                    continue;
                }

                var ids = await JourneyIds.NextAsync(db, contacts.Count, cancellationToken);
                var journeys = contacts.Select((contactId, i) =>
                {
                    var journey = new Journey(share.WorkflowVersionId, share.DefinitionId, contactId, share.FirstActivityId, now, share.SourceKey);
                    journey.AssignId(ids[i]);
                    return journey;
                }).ToList();
                return new EfJourneyBatch(db, transaction, journeys, share.Id);
            }

            return new EfJourneyBatch(db, transaction, []);
        }
        catch
        {
            await transaction.DisposeAsync();
            await db.DisposeAsync();
            throw;
        }
    }

    private async Task<(AutomationDb Db, IDbContextTransaction Transaction)> BeginAsync(TimeSpan lease, CancellationToken cancellationToken)
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

            return (db, transaction);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static string ShareSql(AutomationDb db)
    {
        var p = new SqlNames<PendingEnrolment>(db);
        var id = p[nameof(PendingEnrolment.Id)];
        return db.Provider switch
        {
            DatabaseProvider.Postgres => $"SELECT * FROM {p.Table} ORDER BY {id} LIMIT 1 FOR UPDATE SKIP LOCKED",
            _ => $"SELECT * FROM {p.Table} ORDER BY {id} LIMIT 1",
        };
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
