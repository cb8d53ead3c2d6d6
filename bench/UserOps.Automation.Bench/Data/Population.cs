using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing;

namespace UserOps.Automation.Bench.Data;

/// <summary>Loads N generated contacts and their histories into a fresh database and refreshes its statistics.</summary>
internal static class Population
{
    public static async Task<TimeSpan> LoadAsync(TestDatabase database, int contacts, bool inactiveOnly = false, bool history = true)
    {
        var clock = Stopwatch.StartNew();
        await BulkLoader.LoadAsync(database.Provider, database.ConnectionString, "Contacts", ContactColumns.Contacts, ContactColumns.Generate(contacts, inactiveOnly));
        if (history)
        {
            await BulkLoader.LoadAsync(database.Provider, database.ConnectionString, "Events", ContactColumns.Events, ContactColumns.History(contacts, inactiveOnly));
        }

        await using var db = database.CreateDbContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Ids were given explicitly: move the identity on, as rows inserted by the product would.
            await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('\"Contacts\"', 'Id'), (SELECT max(\"Id\") FROM \"Contacts\"))");
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return clock.Elapsed;
    }
}
