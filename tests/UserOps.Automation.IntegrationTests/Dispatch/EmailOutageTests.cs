using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Testing.Messaging;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>A 10,000-message batch through MailKit to the loopback SMTP server, with the server refusing service midway.</summary>
public sealed class EmailOutageTests : IAsyncLifetime
{
    private const int Messages = 10_000;
    private FakeSmtpServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await FakeSmtpServer.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task SmtpDownDuringLargeBatch_AllDeliveredExactlyOnce_AfterItReturns()
    {
        var settings = DispatchHarness.Smtp(_smtp, poolSize: 8);
        settings["Dispatch:Email:MaxConcurrent"] = "8";
        settings["Dispatch:BatchSize"] = "500";
        settings["Dispatch:Circuit:FailureThreshold"] = "5";
        settings["Dispatch:Circuit:BreakSeconds"] = "30";
        settings["Dispatch:MaxAttempts"] = "6";
        await using var harness = await DispatchHarness.CreateAsync(settings);
        await harness.AddDefaultTemplatesAsync();
        await using (var db = await harness.OpenAsync())
        {
            var contacts = Enumerable.Range(0, Messages)
                .Select(i => new ContactBuilder($"bulk-{i}", harness.Now).WithEmail($"user{i}@example.com").WithName($"U{i}", null).WithConsent(true, false, false).Build())
                .ToList();
            db.Contacts.AddRange(contacts);
            await db.SaveChangesAsync();
            db.OutboxMessages.AddRange(contacts.Select(c => harness.Row(c, Channel.Email)));
            await db.SaveChangesAsync();
        }

        // The relay refuses service after 3,000 messages, and stays down for two simulated minutes.
        _smtp.AcceptLimit = 3000;
        var outage = await harness.DispatchAsync();
        Assert.True(_smtp.Down);
        Assert.InRange(_smtp.Received.Count, 3000, 3000 + 8);
        Assert.True(outage.Returned > 0, "the open circuit sent the rest of the round back to the queue");
        for (var i = 0; i < 4; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(31));
            await harness.DispatchAsync();
        }

        Assert.InRange(_smtp.Received.Count, 3000, 3000 + 8);
        _smtp.AcceptLimit = null;
        _smtp.Down = false;
        for (var i = 0; i < 20 && await UnsentAsync(harness) > 0; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(31));
            await harness.DispatchAsync();
        }

        Assert.Equal(0, await UnsentAsync(harness));
        Assert.Equal(Messages, _smtp.Received.Count);
        Assert.Equal(Messages, _smtp.Received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(Messages, _smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        await using var check = await harness.OpenAsync();
        var attempts = await check.MessageAttempts.GroupBy(a => a.OutboxMessageId).Select(g => g.Count()).ToListAsync();
        Assert.All(attempts, n => Assert.InRange(n, 1, 6));
        Assert.True(attempts.Any(n => n > 1), "some messages were retried after the outage");
        Assert.Equal(Messages, await check.MessageAttempts.CountAsync(a => a.Outcome == "Sent"));
    }

    [Fact]
    public async Task PooledConnectionClosedByTheServer_MessageSentAtOnce_WithOneAttempt()
    {
        await using var harness = await DispatchHarness.CreateAsync(DispatchHarness.Smtp(_smtp, poolSize: 1));
        await harness.AddDefaultTemplatesAsync();
        var first = await harness.AddContactAsync(b => b.WithEmail("first@example.com").WithConsent(true, false, false));
        var second = await harness.AddContactAsync(b => b.WithEmail("second@example.com").WithConsent(true, false, false));
        await harness.EnqueueAsync(harness.Row(first, Channel.Email));
        Assert.Equal(1, (await harness.DispatchAsync()).Sent);

        _smtp.CloseIdleConnections();
        var row = await harness.EnqueueAsync(harness.Row(second, Channel.Email));
        var report = await harness.DispatchAsync();

        Assert.Equal((1, 0), (report.Sent, report.Retrying));
        Assert.Equal((OutboxStatus.Sent, 1), ((await harness.ReloadAsync(row)).Status, (await harness.ReloadAsync(row)).Attempts));
        Assert.Equal("Sent", Assert.Single(await harness.AttemptsAsync(row)).Outcome);
        Assert.Equal(["first@example.com", "second@example.com"], _smtp.Received.Select(m => m.To.Mailboxes.Single().Address));
    }

    private static async Task<int> UnsentAsync(DispatchHarness harness)
    {
        await using var db = await harness.OpenAsync();
        return await db.OutboxMessages.CountAsync(m => m.Status != OutboxStatus.Sent);
    }
}
