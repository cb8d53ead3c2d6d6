using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// Keeps applier rounds and the facts refresh apart across every host on the database, held until the transaction
/// ends (a killed host's lock goes with its connection): advisory transaction locks on PostgreSQL, an application lock
/// owned by the transaction on SQL Server; on SQLite the transaction already holds the file's write lock.
/// The facts refresh takes the whole lock (<see cref="AcquireAsync"/>), so its recount and a round's relative updates
/// never interleave. On PostgreSQL a round takes it shared plus its contact partition's own lock
/// (<see cref="AcquireRoundAsync"/>, ADR 0026): rounds of different partitions run side by side, two rounds of one
/// partition never do.
/// </summary>
internal static class ApplierLock
{
    /// <summary>"UsOpAppl" as a number: any constant does, as long as nothing else in the database uses it.</summary>
    private const long Key = 0x5573_4F70_4170_706C;

    /// <summary>Every round waits, on every host (the facts refresh).</summary>
    public static async Task AcquireAsync(AutomationDb db, CancellationToken cancellationToken)
    {
        switch (db.Provider)
        {
            case DatabaseProvider.Postgres:
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);
                break;
            case DatabaseProvider.SqlServer:
                await db.Database.ExecuteSqlRawAsync(
                    "DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'UserOps.EventApplier', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1; " +
                    "IF @r < 0 THROW 51000, 'UserOps.EventApplier lock not granted', 1;", cancellationToken);
                break;
        }
    }

    /// <summary>
    /// One round of contact partition <paramref name="partition"/>: waits for the facts refresh and for another round of
    /// the same partition, not for rounds of other partitions. Partitions exist on PostgreSQL only (see
    /// <see cref="ApplyPartitions"/>); elsewhere this is <see cref="AcquireAsync"/>.
    /// </summary>
    public static async Task AcquireRoundAsync(AutomationDb db, int partition, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            await AcquireAsync(db, cancellationToken);
            return;
        }

        // Shared first, then the partition's own key: the refresh (exclusive on Key) waits for every round and every
        // new round waits behind it. Partition keys follow Key; a fixed order of the two keys cannot deadlock.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({Key}), pg_advisory_xact_lock({Key + 1 + partition})", cancellationToken);
    }

    /// <summary>
    /// How many contact partitions the applier runs side by side on <paramref name="provider"/>: one on SQLite (a single
    /// writer, and its round deletes its queue rows by range) and SQL Server (never measured), the configured count on
    /// PostgreSQL.
    /// </summary>
    public static int ApplyPartitions(DatabaseProvider provider, int configured) => provider == DatabaseProvider.Postgres ? configured : 1;
}
