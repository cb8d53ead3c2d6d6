using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>Brings a store to the latest migration, and costs next to nothing when it is already there.</summary>
public static class StoreMigration
{
    /// <summary>
    /// Applies the pending migrations, if any. EF Core's <c>MigrateAsync</c> also diffs the whole model against the
    /// migrations' snapshot on every call (to warn of model changes without a migration): 3–7 s of a host's start on
    /// this machine, paid on every restart although nothing is applied. That check belongs to the build, and runs there
    /// (<c>ModelSnapshotTests.Migrations_CoverTheWholeModel</c>, for each provider); a host that
    /// finds every migration applied skips the call.
    /// </summary>
    public static async Task MigrateToLatestAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if ((await database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await database.MigrateAsync(cancellationToken);
        }
    }
}
