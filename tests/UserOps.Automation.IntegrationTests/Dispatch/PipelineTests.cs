using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Messaging.Templates;
using UserOps.Automation.IntegrationTests.Dispatch.Fakes;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>
/// Rounds overlap (ADR 0011): the next round is prepared while one sends. Each round here holds two SMS; the first
/// round's sends wait until the second round has reached its template lookup, which only happens if it is prepared
/// while the first round is still sending.
/// </summary>
public sealed class PipelineTests
{
    private const int Rows = 4;

    [Fact]
    public async Task NextRound_IsPreparedWhileOneSends_AndEveryMessageGoesOnce()
    {
        var observer = new RoundObserver();
        var sender = new HeldSmsSender(observer.Reached(2), held: 2);
        await using var harness = await CreateAsync(observer, sender);
        var rows = await QueueAsync(harness);

        var report = await harness.DispatchAsync();

        Assert.Equal((Rows, Rows), (report.Claimed, report.Sent));
        Assert.Equal(Rows, sender.Calls);
        Assert.Equal(Rows, sender.Recipients.Distinct().Count());
        foreach (var row in rows)
        {
            Assert.Equal((OutboxStatus.Sent, 1), await StatusAsync(harness, row));
            Assert.Equal("Accepted", Assert.Single(await harness.AttemptsAsync(row)).Outcome);
        }
    }

    [Fact]
    public async Task RoundFailingWhileOneSends_TheRoundInFlightIsSentAndRecorded_ItsOwnRowsGoNextTime_NoneTwice()
    {
        var observer = new RoundObserver(failRound: 2);
        var sender = new HeldSmsSender(observer.Reached(2), held: 2);
        await using var harness = await CreateAsync(observer, sender);
        var rows = await QueueAsync(harness);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(harness.DispatchAsync);

        Assert.Equal("round 2 failed while preparing", failure.Message);
        Assert.Equal(2, sender.Calls);
        var statuses = await Task.WhenAll(rows.Select(r => StatusAsync(harness, r)));
        Assert.Equal(new[] { (OutboxStatus.Sent, 1), (OutboxStatus.Sent, 1), (OutboxStatus.Queued, 0), (OutboxStatus.Queued, 0) }.Order(), statuses.Order());

        // The failed round's claim was given back: its rows go on the next call, without waiting out a lease.
        var next = await harness.DispatchAsync();

        Assert.Equal(2, next.Sent);
        Assert.Equal(Rows, sender.Calls);
        Assert.Equal(Rows, sender.Recipients.Distinct().Count());
        foreach (var row in rows)
        {
            Assert.Equal((OutboxStatus.Sent, 1), await StatusAsync(harness, row));
            Assert.Single(await harness.AttemptsAsync(row));
        }
    }

    [Fact]
    public async Task CircuitOpenedByOneRound_StopsTheRoundPreparedMeanwhile_WithoutUsingItsAttempts()
    {
        var observer = new RoundObserver();
        var sender = new HeldSmsSender(observer.Reached(2), held: 2, SendResult.Failed(FailureKind.Transient, "500", "server error"));
        await using var harness = await CreateAsync(observer, sender, new() { ["Dispatch:Circuit:FailureThreshold"] = "2" });
        var rows = await QueueAsync(harness);

        var report = await harness.DispatchAsync();

        Assert.Equal((2, 2), (report.Retrying, report.Returned));
        Assert.Equal(2, sender.Calls);
        var statuses = await Task.WhenAll(rows.Select(r => StatusAsync(harness, r)));
        Assert.Equal(new[] { (OutboxStatus.Queued, 1), (OutboxStatus.Queued, 1), (OutboxStatus.Queued, 0), (OutboxStatus.Queued, 0) }.Order(), statuses.Order());
        foreach (var row in rows)
        {
            Assert.Equal((await harness.ReloadAsync(row)).Attempts, (await harness.AttemptsAsync(row)).Count);
        }
    }

    private static Task<DispatchHarness> CreateAsync(RoundObserver observer, HeldSmsSender sender, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Dispatch:BatchSize"] = "2";

        // ADR 0011's pipeline, one round prepared ahead: these tests count on which round claims what
        // (rounds prepared side by side are PrepareAheadTests').
        settings["Dispatch:PrepareAhead"] = "1";
        return DispatchHarness.CreateAsync(settings, configure: s =>
        {
            s.AddSingleton<ISmsSender>(sender);
            s.AddScoped<ITemplateStore>(sp => new ObservedTemplateStore(ActivatorUtilities.CreateInstance<EfTemplateStore>(sp), observer));
        });
    }

    private static async Task<List<OutboxMessage>> QueueAsync(DispatchHarness harness)
    {
        await harness.AddDefaultTemplatesAsync();
        var rows = new List<OutboxMessage>();
        for (var i = 0; i < Rows; i++)
        {
            var contact = await harness.AddContactAsync(b => b.WithPhone($"+1415555080{i}").WithConsent(false, true, false));
            rows.Add(await harness.EnqueueAsync(harness.Row(contact, Channel.Sms)));
        }

        return rows;
    }

    private static async Task<(OutboxStatus, int)> StatusAsync(DispatchHarness harness, OutboxMessage row)
    {
        var current = await harness.ReloadAsync(row);
        return (current.Status, current.Attempts);
    }
}
