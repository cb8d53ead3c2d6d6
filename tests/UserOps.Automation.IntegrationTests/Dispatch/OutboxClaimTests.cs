using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Dispatch;

public sealed class SqliteOutboxClaimTests
{
    [Fact]
    public async Task ConcurrentClaimers_ShareDueRowsOfTheChannel_WithoutOverlap()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await OutboxClaimChecks.ConcurrentClaimsAsync(database);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxClaimTests(PostgresServer server)
{
    [PostgresFact]
    public async Task ConcurrentClaimers_ShareDueRowsOfTheChannel_WithoutOverlap()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await OutboxClaimChecks.ConcurrentClaimsAsync(database);
    }
}

internal static class OutboxClaimChecks
{
    private static readonly DateTime Now = new(2026, 4, 28, 12, 0, 0, DateTimeKind.Utc);

    public static async Task ConcurrentClaimsAsync(TestDatabase database)
    {
        List<long> due;
        await using (var db = database.CreateDbContext())
        {
            var contact = new ContactBuilder("claims-1", Now).WithEmail("a@example.test").Build();
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            var rows = Enumerable.Range(0, 120).Select(i => new OutboxMessage($"k{i}", contact.Id, Channel.Email, "t", Now)).ToList();
            var later = new OutboxMessage("later", contact.Id, Channel.Email, "t", Now);
            later.Defer(Now.AddHours(1), "quiet hours");
            var sms = new OutboxMessage("sms", contact.Id, Channel.Sms, "t", Now);
            var done = new OutboxMessage("done", contact.Id, Channel.Email, "t", Now);
            done.Suppress("no email consent");
            db.OutboxMessages.AddRange([.. rows, later, sms, done]);
            await db.SaveChangesAsync();
            due = rows.Select(r => r.Id).ToList();
        }

        async Task<List<long>> ClaimAllAsync(string owner)
        {
            var mine = new List<long>();
            while (true)
            {
                await using var db = database.CreateDbContext();
                var claimed = await OutboxClaims.ClaimMessagesAsync(db, Channel.Email, Now, 25, owner, Now.AddMinutes(5), CancellationToken.None);
                if (claimed.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(claimed.Select(r => r.Id));
            }
        }

        var results = await Task.WhenAll(ClaimAllAsync("host-a"), ClaimAllAsync("host-b"));

        Assert.Equal(due.Order(), results.SelectMany(r => r).Order());
        Assert.Empty(results[0].Intersect(results[1]));

        // A lease that ran out makes the row claimable again (it was never attempted).
        await using (var db = database.CreateDbContext())
        {
            var again = await OutboxClaims.ClaimMessagesAsync(db, Channel.Email, Now.AddMinutes(6), 500, "host-c", Now.AddMinutes(11), CancellationToken.None);
            Assert.Equal(due.Order(), again.Select(r => r.Id).Order());
            Assert.All(again, r => Assert.Equal("host-c", r.LeaseOwner));
            Assert.Equal(120, await db.OutboxMessages.CountAsync(m => m.LeaseOwner == "host-c"));
        }
    }
}
