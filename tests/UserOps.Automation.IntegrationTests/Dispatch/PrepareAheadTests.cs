using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Infrastructure.Messaging.Templates;
using UserOps.Automation.IntegrationTests.Dispatch.Fakes;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>
/// Rounds prepared ahead side by side (ADR 0025): while one round sends, <c>Dispatch:PrepareAhead</c> rounds are
/// claimed, checked and built. Their claims and their guard sections take turns, so no row is claimed twice and the
/// frequency cap counts every earlier round's rows; a round claimed by a host that dies before its Sending commit is
/// sent by another host after the lease, and one committed as Sending never again.
/// </summary>
public sealed class PrepareAheadTests
{
    [Fact]
    public async Task TwoRounds_ArePreparedWhileOneSends_AndEveryMessageGoesOnce()
    {
        // Round 1's sends are held until round 3 has reached its template lookup: only possible when two rounds are
        // prepared while round 1 sends (with one prepared ahead the sender's wait times out and the test fails).
        var observer = new RoundObserver();
        var sender = new HeldSmsSender(observer.Reached(3), held: 2);
        await using var harness = await CreateAsync(observer, sender, new() { ["Dispatch:BatchSize"] = "2", ["Dispatch:PrepareAhead"] = "2" });
        var rows = await QueueAsync(harness, contacts: 8, rowsEach: 1);

        var report = await harness.DispatchAsync();

        Assert.Equal((8, 8), (report.Claimed, report.Sent));
        Assert.Equal(8, sender.Calls);
        Assert.Equal(8, sender.Recipients.Distinct().Count());
        foreach (var row in rows)
        {
            var current = await harness.ReloadAsync(row);
            Assert.Equal((OutboxStatus.Sent, 1), (current.Status, current.Attempts));
            Assert.Equal("Accepted", Assert.Single(await harness.AttemptsAsync(row)).Outcome);
        }
    }

    [Fact]
    public async Task RoundsPreparedSideBySide_KeepTheFrequencyCapExact()
    {
        // One contact, four capped rows, one row a round, three rounds prepared while the first sends: rounds 2–4 are
        // claimed together, but each one's guards read the cap after the rounds before it committed as Sending.
        var observer = new RoundObserver();
        var sender = new HeldSmsSender(observer.Reached(2), held: 1);
        await using var harness = await CreateAsync(observer, sender, new()
        {
            ["Dispatch:BatchSize"] = "1",
            ["Dispatch:PrepareAhead"] = "3",
            ["Dispatch:FrequencyCap:Count"] = "2",
        });
        var rows = await QueueAsync(harness, contacts: 1, rowsEach: 4);

        var report = await harness.DispatchAsync();

        Assert.Equal((4, 2, 2), (report.Claimed, report.Sent, report.Suppressed));
        Assert.Equal(2, sender.Calls);
        var statuses = new List<OutboxStatus>();
        foreach (var row in rows)
        {
            statuses.Add((await harness.ReloadAsync(row)).Status);
        }

        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Sent, OutboxStatus.Suppressed, OutboxStatus.Suppressed], statuses.Order());
    }

    [Fact]
    public async Task RoundFailingWhileOthersArePrepared_EveryCommittedRoundIsSentAndRecorded_TheRestGoNextTime_NoneTwice()
    {
        var observer = new RoundObserver(failRound: 2);
        var sender = new HeldSmsSender(observer.Reached(2), held: 2);
        await using var harness = await CreateAsync(observer, sender, new() { ["Dispatch:BatchSize"] = "2", ["Dispatch:PrepareAhead"] = "2" });
        var rows = await QueueAsync(harness, contacts: 6, rowsEach: 1);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(harness.DispatchAsync);
        Assert.Equal("round 2 failed while preparing", failure.Message);
        foreach (var row in rows)
        {
            // A row is either sent and recorded, or back in the queue untouched: never left Sending.
            var current = await harness.ReloadAsync(row);
            Assert.Contains((current.Status, current.Attempts), new[] { (OutboxStatus.Sent, 1), (OutboxStatus.Queued, 0) });
        }

        await harness.DispatchAsync();

        Assert.Equal(6, sender.Calls);
        Assert.Equal(6, sender.Recipients.Distinct().Count());
        foreach (var row in rows)
        {
            var current = await harness.ReloadAsync(row);
            Assert.Equal((OutboxStatus.Sent, 1), (current.Status, current.Attempts));
            Assert.Single(await harness.AttemptsAsync(row));
        }
    }

    [Fact]
    public async Task RoundClaimedByAHostThatDiedBeforeItsSendingCommit_IsSentByAnotherAfterTheLease_Once()
    {
        var sender = new HeldSmsSender(Task.CompletedTask, held: 0);
        await using var harness = await CreateAsync(new RoundObserver(), sender, new() { ["Dispatch:LeaseSeconds"] = "60" });
        var rows = await QueueAsync(harness, contacts: 3, rowsEach: 1);
        await using (var db = await harness.OpenAsync())
        {
            // What a host leaves when it dies after its claim, before the guards and the Sending commit.
            var claimed = await OutboxClaims.ClaimMessagesAsync(db, Channel.Sms, harness.Now, 10, "dead-host", harness.Now.AddSeconds(60), CancellationToken.None);
            Assert.Equal(3, claimed.Count);
        }

        var during = await harness.DispatchAsync();
        Assert.Equal((0, 0), (during.Claimed, sender.Calls));

        harness.Time.Advance(TimeSpan.FromSeconds(61));
        var after = await harness.DispatchAsync();
        harness.Time.Advance(TimeSpan.FromHours(1));
        var later = await harness.DispatchAsync();

        Assert.Equal((3, 0, 0), (after.Sent, after.Abandoned, later.Claimed));
        Assert.Equal(3, sender.Calls);
        Assert.Equal(3, sender.Recipients.Distinct().Count());
        foreach (var row in rows)
        {
            var current = await harness.ReloadAsync(row);
            Assert.Equal((OutboxStatus.Sent, 1), (current.Status, current.Attempts));
            Assert.Single(await harness.AttemptsAsync(row));
        }
    }

    private static Task<DispatchHarness> CreateAsync(RoundObserver observer, HeldSmsSender sender, Dictionary<string, string?> settings) =>
        DispatchHarness.CreateAsync(settings, configure: s =>
        {
            s.AddSingleton<ISmsSender>(sender);
            s.AddScoped<ITemplateStore>(sp => new ObservedTemplateStore(ActivatorUtilities.CreateInstance<EfTemplateStore>(sp), observer));
        });

    private static async Task<List<OutboxMessage>> QueueAsync(DispatchHarness harness, int contacts, int rowsEach)
    {
        await harness.AddDefaultTemplatesAsync();
        var rows = new List<OutboxMessage>();
        for (var i = 0; i < contacts; i++)
        {
            var contact = await harness.AddContactAsync(b => b.WithPhone($"+1415555090{i}").WithConsent(false, true, false));
            for (var j = 0; j < rowsEach; j++)
            {
                rows.Add(await harness.EnqueueAsync(harness.Row(contact, Channel.Sms)));
            }
        }

        return rows;
    }
}
