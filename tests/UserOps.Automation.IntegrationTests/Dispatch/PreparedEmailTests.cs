using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Messaging.Templates;
using UserOps.Automation.IntegrationTests.Dispatch.Fakes;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>
/// Emails are built by their sender in a round's prepare stage, so the send stage only hands them over. Rounds of two
/// emails; the first round's sends wait until the second round has reached its template lookup (it is prepared while
/// the first one sends, ADR 0011).
/// </summary>
public sealed class PreparedEmailTests
{
    private const int Rows = 4;

    [Fact]
    public async Task Emails_AreBuiltWhileTheirRoundIsPrepared_AndTheSendHandsOverThatBuild_EachOnce()
    {
        var observer = new RoundObserver();
        var sender = new HeldEmailSender(observer.Reached(2), held: 2);
        await using var harness = await CreateAsync(observer, sender);
        var rows = await QueueAsync(harness);

        var report = await harness.DispatchAsync();

        Assert.Equal((Rows, Rows), (report.Claimed, report.Sent));
        Assert.Equal((Rows, Rows, 0), (sender.Prepared, sender.Calls, sender.SentUnprepared));
        foreach (var row in rows)
        {
            var current = await harness.ReloadAsync(row);
            Assert.Equal((OutboxStatus.Sent, 1), (current.Status, current.Attempts));
            Assert.Equal("Sent", Assert.Single(await harness.AttemptsAsync(row)).Outcome);
        }
    }

    [Fact]
    public async Task EmailBuiltInAPreparedRound_ThatACircuitOpenedMeanwhileStops_IsNotSentNorCountedAsSent()
    {
        var observer = new RoundObserver();
        var sender = new HeldEmailSender(observer.Reached(2), held: 2, SendResult.Failed(FailureKind.Transient, "451", "try again later"));
        await using var harness = await CreateAsync(observer, sender, new() { ["Dispatch:Circuit:FailureThreshold"] = "2" });
        var rows = await QueueAsync(harness);

        var report = await harness.DispatchAsync();

        // All four were built (both rounds prepared), two were sent and failed, opening the circuit; the other two never left.
        Assert.Equal((Rows, 2), (sender.Prepared, sender.Calls));
        Assert.Equal((0, 2, 2), (report.Sent, report.Retrying, report.Returned));
        var outcomes = new List<(OutboxStatus, int, int, bool)>();
        foreach (var row in rows)
        {
            var current = await harness.ReloadAsync(row);
            var attempts = await harness.AttemptsAsync(row);
            Assert.Equal(current.Attempts, attempts.Count);
            outcomes.Add((current.Status, current.Attempts, attempts.Count, current.SentAt is null && current.ProviderMessageId is null));
        }

        Assert.Equal(new[] { (OutboxStatus.Queued, 1, 1, true), (OutboxStatus.Queued, 1, 1, true), (OutboxStatus.Queued, 0, 0, true), (OutboxStatus.Queued, 0, 0, true) }.Order(), outcomes.Order());
    }

    private static Task<DispatchHarness> CreateAsync(RoundObserver observer, HeldEmailSender sender, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Dispatch:BatchSize"] = "2";
        settings["Dispatch:Email:RatePerSecond"] = "0";
        return DispatchHarness.CreateAsync(settings, configure: s =>
        {
            s.AddSingleton<IEmailSender>(sender);
            s.AddScoped<ITemplateStore>(sp => new ObservedTemplateStore(ActivatorUtilities.CreateInstance<EfTemplateStore>(sp), observer));
        });
    }

    private static async Task<List<OutboxMessage>> QueueAsync(DispatchHarness harness)
    {
        await harness.AddDefaultTemplatesAsync();
        var rows = new List<OutboxMessage>();
        for (var i = 0; i < Rows; i++)
        {
            var contact = await harness.AddContactAsync(b => b.WithEmail($"reader{i}@example.com").WithConsent(true, false, false));
            rows.Add(await harness.EnqueueAsync(harness.Row(contact, Channel.Email)));
        }

        return rows;
    }
}
