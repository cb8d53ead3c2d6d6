using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Dispatch;

public sealed class SqliteOutboxRowUpdatesTests
{
    [Fact]
    public async Task MarkSent_WritesEachRowItsOwnProviderId_AndLeavesOtherRowsAlone()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await OutboxRowUpdateChecks.MarkSentAsync(database);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxRowUpdatesTests(PostgresServer server)
{
    [PostgresFact]
    public async Task MarkSent_WritesEachRowItsOwnProviderId_AndLeavesOtherRowsAlone()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await OutboxRowUpdateChecks.MarkSentAsync(database);
    }
}

/// <summary>The set-based "sent" write of a round (one statement on PostgreSQL, one prepared statement per row on SQLite).</summary>
internal static class OutboxRowUpdateChecks
{
    private static readonly DateTime Now = new(2026, 4, 28, 12, 0, 0, DateTimeKind.Utc);

    public static async Task MarkSentAsync(TestDatabase database)
    {
        List<OutboxMessage> rows;
        long otherId;
        await using (var db = database.CreateDbContext())
        {
            var contact = new ContactBuilder("row-updates-1", Now).WithEmail("a@example.test").Build();
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            rows = [.. Enumerable.Range(0, 70).Select(i => new OutboxMessage($"sent-{i}", contact.Id, Channel.Email, "t", Now))];
            var other = new OutboxMessage("other", contact.Id, Channel.Email, "t", Now);
            db.OutboxMessages.AddRange([.. rows, other]);
            await db.SaveChangesAsync();
            otherId = other.Id;
            var claimed = await OutboxClaims.ClaimMessagesAsync(db, Channel.Email, Now, 100, "host-a", Now.AddMinutes(5), CancellationToken.None);
            Assert.Equal(71, claimed.Count);
        }

        var sentAt = Now.AddSeconds(3);
        foreach (var row in rows)
        {
            row.StartSending(1, Now.AddMinutes(5));
            row.Sent($"<{row.IdempotencyKey}@provider.test>", sentAt);
        }

        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await OutboxRowUpdates.MarkSentAsync(db, rows, sentAt, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var stored = await db.OutboxMessages.AsNoTracking().ToDictionaryAsync(m => m.Id);
            foreach (var row in rows)
            {
                var current = stored[row.Id];
                Assert.Equal((OutboxStatus.Sent, $"<{row.IdempotencyKey}@provider.test>", sentAt, null, null),
                    (current.Status, current.ProviderMessageId, current.SentAt, current.LeaseOwner, current.LeaseUntil));
            }

            var untouched = stored[otherId];
            Assert.Equal((OutboxStatus.Queued, null, null, "host-a"), (untouched.Status, untouched.ProviderMessageId, untouched.SentAt, untouched.LeaseOwner));
        }
    }
}
