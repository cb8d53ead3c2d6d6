using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>Per-channel rates on the fake clock: rows beyond the rate stay queued (no attempt used) until tokens return.</summary>
public sealed class RateLimitDispatchTests
{
    [Fact]
    public async Task SmsRate_LimitsEachSecond_OtherChannelsUnaffected_AndReportsTheWait()
    {
        await using var harness = await DispatchHarness.CreateAsync(new Dictionary<string, string?> { ["Dispatch:Sms:RatePerSecond"] = "2" });
        await harness.AddDefaultTemplatesAsync();
        var sms = new List<OutboxMessage>();
        for (var i = 0; i < 5; i++)
        {
            var contact = await harness.AddContactAsync(b => b.WithPhone($"+1415555060{i}").WithEmail($"r{i}@example.com").WithConsent(true, true, false));
            sms.Add(await harness.EnqueueAsync(harness.Row(contact, Channel.Sms)));
            await harness.EnqueueAsync(harness.Row(contact, Channel.Email));
        }

        var first = await harness.DispatchAsync();
        Assert.Equal(7, first.Sent); // 5 emails (unlimited) + 2 SMS
        Assert.Equal(TimeSpan.FromSeconds(0.5), first.RateLimitedFor);
        Assert.Equal(0, (await harness.DispatchAsync()).Claimed);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await harness.DispatchAsync()).Sent);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await harness.DispatchAsync()).Sent);

        var rows = await Task.WhenAll(sms.Select(harness.ReloadAsync));
        Assert.All(rows, r => Assert.Equal((OutboxStatus.Sent, 1), (r.Status, r.Attempts)));
    }
}
