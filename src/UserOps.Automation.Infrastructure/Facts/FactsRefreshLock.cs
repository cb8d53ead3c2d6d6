using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Facts;

/// <summary>
/// One facts refresh at a time across every host on the database, for the whole refresh (its chunks commit one by one,
/// so no single transaction spans it): a session advisory lock on PostgreSQL, a session application lock on SQL Server,
/// held by a connection kept open for the purpose (a killed host's lock goes with its connection). Quartz's
/// <c>[DisallowConcurrentExecution]</c> already keeps the clustered job to one host; this also covers direct callers
/// (demo seeding, the bench) and hosts that do not share a Quartz store. On SQLite (one host by design) the refresher's
/// own gate is the guard.
/// </summary>
internal static class FactsRefreshLock
{
    /// <summary>"UsOpFact" as a number; distinct from the applier's key.</summary>
    private const long Key = 0x5573_4F70_4661_6374;

    /// <summary>SQL Server: waits without limit (the guard's connection has no command timeout) for the session's lock.</summary>
    internal const string SqlServerAcquire =
        "DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'UserOps.FactsRefresh', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1; " +
        "IF @r < 0 THROW 51000, 'UserOps.FactsRefresh lock not granted', 1;";

    internal const string SqlServerRelease = "EXEC sp_releaseapplock @Resource = N'UserOps.FactsRefresh', @LockOwner = 'Session';";

    public static async Task AcquireAsync(AutomationDb guard, CancellationToken cancellationToken)
    {
        // Waits as long as the other refresh runs: no command timeout on the guard's connection.
        guard.Database.SetCommandTimeout(TimeSpan.Zero);
        await guard.Database.OpenConnectionAsync(cancellationToken);
        switch (guard.Provider)
        {
            case DatabaseProvider.Postgres:
                await guard.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({Key})", cancellationToken);
                break;
            case DatabaseProvider.SqlServer:
                await guard.Database.ExecuteSqlRawAsync(SqlServerAcquire, cancellationToken);
                break;
        }
    }

    public static async Task ReleaseAsync(AutomationDb guard)
    {
        switch (guard.Provider)
        {
            case DatabaseProvider.Postgres:
                await guard.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({Key})");
                break;
            case DatabaseProvider.SqlServer:
                await guard.Database.ExecuteSqlRawAsync(SqlServerRelease);
                break;
        }

        await guard.Database.CloseConnectionAsync();
    }
}
