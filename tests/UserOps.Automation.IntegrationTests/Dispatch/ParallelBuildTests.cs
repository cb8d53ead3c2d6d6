using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.IntegrationTests.Dispatch.Fakes;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>
/// A round of many emails is built side by side in its prepare stage (ADR 0023): each email still built once, for its
/// own recipient, and sent as built; the dispatcher reports where a round's time went through its stage histogram.
/// </summary>
public sealed class ParallelBuildTests
{
    private const int Rows = 80;

    private static readonly string[] Stages = ["claim", "guard-lookups", "render", "mime", "commit-sending", "send", "record"];

    [Fact]
    public async Task ARoundOfManyEmails_IsBuiltSideBySide_EachOnceForItsOwnRecipient_AndSentAsBuilt()
    {
        var sender = new HeldEmailSender(Task.CompletedTask, held: 0);
        await using var harness = await CreateAsync(sender);
        var (rows, addresses) = await QueueAsync(harness);

        var report = await harness.DispatchAsync();

        Assert.Equal((Rows, Rows), (report.Claimed, report.Sent));
        Assert.Equal((Rows, Rows, 0), (sender.Prepared, sender.Calls, sender.SentUnprepared));
        Assert.Equal(addresses.Order(), sender.SentTo.Order());
        foreach (var row in rows)
        {
            var current = await harness.ReloadAsync(row);
            Assert.Equal((OutboxStatus.Sent, 1), (current.Status, current.Attempts));
            Assert.Equal("Sent", Assert.Single(await harness.AttemptsAsync(row)).Outcome);
        }
    }

    [Fact]
    public async Task Dispatch_ReportsEachStageOfItsRounds_ToTheStageHistogram()
    {
        var stages = new ConcurrentDictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DispatchStages.MeterName && instrument.Name == DispatchStages.InstrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "stage" && tag.Value is string stage && value >= 0)
                {
                    stages.AddOrUpdate(stage, 1, (_, n) => n + 1);
                }
            }
        });
        listener.Start();
        var sender = new HeldEmailSender(Task.CompletedTask, held: 0);
        await using var harness = await CreateAsync(sender);
        await QueueAsync(harness);

        Assert.Equal(Rows, (await harness.DispatchAsync()).Sent);

        // Other tests' dispatches may add to the counts meanwhile (the meter is process-wide): only presence is asserted.
        Assert.All(Stages, stage => Assert.True(stages.ContainsKey(stage), stage));
    }

    private static Task<DispatchHarness> CreateAsync(HeldEmailSender sender) =>
        DispatchHarness.CreateAsync(new Dictionary<string, string?> { ["Dispatch:BatchSize"] = "100" }, configure: s => s.AddSingleton<IEmailSender>(sender));

    private static async Task<(List<OutboxMessage> Rows, List<string> Addresses)> QueueAsync(DispatchHarness harness)
    {
        await harness.AddDefaultTemplatesAsync();
        var rows = new List<OutboxMessage>();
        var addresses = new List<string>();
        for (var i = 0; i < Rows; i++)
        {
            var address = $"reader{i}@example.com";
            var contact = await harness.AddContactAsync(b => b.WithEmail(address).WithConsent(true, false, false));
            rows.Add(await harness.EnqueueAsync(harness.Row(contact, Channel.Email)));
            addresses.Add(address);
        }

        return (rows, addresses);
    }
}
