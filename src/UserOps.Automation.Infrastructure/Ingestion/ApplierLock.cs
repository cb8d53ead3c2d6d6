using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// One applier round at a time across every host on the database, held until the round's transaction ends (a killed
/// host's lock goes with its connection): an advisory transaction lock on PostgreSQL, an application lock owned by
/// the transaction on SQL Server; on SQLite the round's transaction already holds the file's write lock. The facts
/// refresh takes it too, so its recount and a round's relative updates never interleave.
/// </summary>
internal static class ApplierLock
{
    /// <summary>"UsOpAppl" as a number: any constant does, as long as nothing else in the database uses it.</summary>
    private const long Key = 0x5573_4F70_4170_706C;

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
}
