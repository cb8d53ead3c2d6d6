using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Workflows;

/// <summary>
/// A SQLite file belongs to one host, so on start every lease in it is a dead predecessor's: give them back at once,
/// rather than leave the journeys a crash interrupted parked until the leases lapse. (With a shared database other
/// hosts hold live leases; there, leases lapse on their own.)
/// </summary>
internal sealed class SqliteLeaseRecovery(AutomationDb db, ILogger<SqliteLeaseRecovery> logger) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var released = await db.Journeys.Where(j => j.LeaseOwner != null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null), cancellationToken);
        if (released > 0)
        {
            logger.LogInformation("Released the leases of {Count} journeys left by a previous run", released);
        }
    }
}
