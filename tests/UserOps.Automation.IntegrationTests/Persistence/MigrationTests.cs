using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Persistence;

public sealed class SqliteMigrationTests
{
    [Fact]
    public async Task Migrations_ApplyToEmptyDatabase_AndStoreAContact()
    {
        await using var database = await TestDatabase.CreateSqliteAsync(migrate: false);
        await MigrationChecks.ApplyAndUseAsync(database);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresServer server)
{
    [PostgresFact]
    public async Task Migrations_ApplyToEmptyDatabase_AndStoreAContact()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server, migrate: false);
        await MigrationChecks.ApplyAndUseAsync(database);
    }
}

internal static class MigrationChecks
{
    public static async Task ApplyAndUseAsync(TestDatabase database)
    {
        await using (var db = database.CreateDbContext())
        {
            Assert.NotEmpty(db.Database.GetMigrations());
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
        }

        await database.MigrateAsync();

        var now = new DateTime(2025, 3, 14, 15, 9, 26, 535, DateTimeKind.Utc);
        await using (var db = database.CreateDbContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            db.Contacts.Add(new ContactBuilder("migrated-1", now).WithEmail("a@example.test").WithTags("vip").WithInterest("beauty", now).Build());
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var contact = await db.Contacts.Include(c => c.Interests).SingleAsync(c => c.ExternalId == "migrated-1");
            Assert.Equal("a@example.test", contact.Email);
            Assert.Equal(["vip"], contact.Tags);
            Assert.Equal(now, contact.CreatedAt);
            Assert.Equal(DateTimeKind.Utc, contact.CreatedAt.Kind);
            Assert.Equal("beauty", Assert.Single(contact.Interests).Category);
        }
    }
}
