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
        var contactTime = await BulkLoader.LoadAsync(database.Provider, database.ConnectionString, "Contacts", ContactColumns.Contacts, ContactColumns.Generate(contacts, inactiveOnly));
        var eventTime = TimeSpan.Zero;
        if (history)
        {
            eventTime = await BulkLoader.LoadAsync(database.Provider, database.ConnectionString, "Events", ContactColumns.Events, ContactColumns.History(contacts, inactiveOnly));
        }

        await using var db = database.CreateDbContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Ids were given explicitly: move the identity on, as rows inserted by the product would.
            await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('\"Contacts\"', 'Id'), (SELECT max(\"Id\") FROM \"Contacts\"))");
        }

        // What autovacuum does soon after a bulk load. Only the loaded tables: on PostgreSQL an empty table analyzed as
        // empty makes the planner probe it by sequential scan inside anti-joins, which turns quadratic as an
        // INSERT … SELECT fills it (a never-analyzed table is estimated at a few pages instead).
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"Contacts\"");
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"Events\"");
        Console.WriteLine($"    loaded {contacts:N0} contacts in {contactTime.TotalSeconds:N1} s, their events in {eventTime.TotalSeconds:N1} s; {clock.Elapsed.TotalSeconds:N1} s with statistics");
        return clock.Elapsed;
    }
}
