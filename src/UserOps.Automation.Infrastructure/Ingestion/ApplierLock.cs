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
    /// Contacts fall into this many fixed buckets (contact id modulo it); a partition of N is the buckets b with
    /// b % N = p, and a round locks each of its buckets. Because buckets, not partitions, are locked, two hosts
    /// configured with different partition counts still never apply one contact's events side by side.
    /// </summary>
    public const int Buckets = 16;

    /// <summary>
    /// One round of contact partition <paramref name="partition"/> of <paramref name="partitions"/>: waits for the facts
    /// refresh and for any round (of any host, whatever its partition count) touching the same contact buckets, not for
    /// the others. Partitions exist on PostgreSQL only (see <see cref="ApplyPartitions"/>); a single partition, and every
    /// round elsewhere, is <see cref="AcquireAsync"/>.
    /// </summary>
    public static async Task AcquireRoundAsync(AutomationDb db, int partition, int partitions, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres || partitions <= 1)
        {
            await AcquireAsync(db, cancellationToken);
            return;
        }

        // Shared first, then the partition's buckets in ascending order: the refresh (exclusive on Key) waits for every
        // round and every new round waits behind it; every round takes its keys in one global order, so none deadlock.
        var keys = string.Join(", ", Enumerable.Range(0, Buckets).Where(b => b % partitions == partition).Select(b => $"pg_advisory_xact_lock({Key + 1 + b})"));
#pragma warning disable EF1002 // The keys are constants computed here, not input.
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock_shared({Key}), {keys}", cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>The SQL condition "this contact id is in partition <paramref name="partition"/> of <paramref name="partitions"/>".</summary>
    public static string PartitionCondition(string contactColumn, int partition, int partitions) =>
        $"({contactColumn} % {Buckets}) % {partitions} = {partition}";

    /// <summary>
    /// How many contact partitions the applier runs side by side on <paramref name="provider"/>: one on SQLite (a single
    /// writer, and its round deletes its queue rows by range) and SQL Server (never measured), the configured count on
    /// PostgreSQL.
    /// </summary>
    public static int ApplyPartitions(DatabaseProvider provider, int configured) => provider == DatabaseProvider.Postgres ? configured : 1;
}
