using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Testing.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>SMS through the loopback Twilio API: retries with backoff, permanent failures, the circuit, receipts.</summary>
public sealed class SmsDispatchTests : IAsyncLifetime
{
    private FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private async Task<DispatchHarness> HarnessAsync(int threshold = 5)
    {
        var settings = DispatchHarness.Twilio(_twilio);
        settings["Dispatch:Sms:MaxConcurrent"] = "1";
        settings["Dispatch:Circuit:FailureThreshold"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Dispatch:Circuit:BreakSeconds"] = "30";
        settings["Dispatch:BaseBackoffSeconds"] = "30";
        settings["Dispatch:MaxAttempts"] = "4";
        var harness = await DispatchHarness.CreateAsync(settings);
        await harness.AddDefaultTemplatesAsync();
        return harness;
    }

    private static Task<Contact> SmsContactAsync(DispatchHarness harness, string phone = "+14155550123") =>
        harness.AddContactAsync(b => b.WithPhone(phone).WithName("Amy", null).WithConsent(false, true, false));

    [Fact]
    public async Task TooManyRequestsThenServerError_RetriedWithBackoff_ThenAccepted_AndEveryAttemptRecorded()
    {
        await using var harness = await HarnessAsync();
        var contact = await SmsContactAsync(harness);
        var message = await harness.EnqueueAsync(harness.Row(contact, Channel.Sms));

        _twilio.Answer = FakeTwilioApi.Behaviour.TooManyRequests;
        await harness.DispatchAsync();
        var first = await harness.ReloadAsync(message);
        Assert.Equal(OutboxStatus.Queued, first.Status);
        Assert.Equal(1, first.Attempts);
        Assert.InRange(first.NotBefore, harness.Now.AddSeconds(15), harness.Now.AddSeconds(30)); // 30 s with equal jitter
        Assert.StartsWith("attempt 1 failed: 20429", first.Reason, StringComparison.Ordinal);

        // Not due yet: nothing is sent however often the dispatcher runs.
        await harness.DispatchAsync();
        Assert.Single(_twilio.Requests);

        _twilio.Answer = FakeTwilioApi.Behaviour.ServerError;
        harness.Time.SetUtcNow(first.NotBefore);
        await harness.DispatchAsync();
        var second = await harness.ReloadAsync(message);
        Assert.Equal(2, second.Attempts);
        Assert.InRange(second.NotBefore, harness.Now.AddSeconds(30), harness.Now.AddSeconds(60)); // doubled

        _twilio.Answer = FakeTwilioApi.Behaviour.Queue;
        harness.Time.SetUtcNow(second.NotBefore);
        await harness.DispatchAsync();

        var sent = await harness.ReloadAsync(message);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.StartsWith("SM", sent.ProviderMessageId, StringComparison.Ordinal);
        Assert.NotNull(sent.TemplateVersionId);
        Assert.Equal(3, _twilio.Requests.Count);
        Assert.Equal("Hi Amy. Reply STOP to opt out.", _twilio.Requests.Last()["Body"]);
        var attempts = await harness.AttemptsAsync(message);
        Assert.Equal(["Transient", "Transient", "Accepted"], attempts.Select(a => a.Outcome));
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Number));
        Assert.Equal(["20429", "20500", null], attempts.Select(a => a.ErrorCode));
        Assert.Equal(sent.ProviderMessageId, attempts[2].ProviderMessageId);
    }

    [Fact]
    public async Task TransientFailures_StopAfterMaxAttempts_WithTheReason()
    {
        await using var harness = await HarnessAsync(threshold: 100);
        var contact = await SmsContactAsync(harness);
        var message = await harness.EnqueueAsync(harness.Row(contact, Channel.Sms));
        _twilio.Answer = FakeTwilioApi.Behaviour.ServerError;

        for (var i = 0; i < 10; i++)
        {
            await harness.DispatchAsync();
            harness.Time.Advance(TimeSpan.FromHours(1));
        }

        var failed = await harness.ReloadAsync(message);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(4, failed.Attempts);
        Assert.StartsWith("gave up after 4 attempts: 20500", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(4, _twilio.Requests.Count);
    }

    [Fact]
    public async Task InvalidNumber_FailsAtOnce_AndUnsubscribedNumber_DropsSmsConsent()
    {
        await using var harness = await HarnessAsync();
        var invalid = await SmsContactAsync(harness, "+14155550199");
        var stopped = await SmsContactAsync(harness, "+14155550198");
        var invalidRow = await harness.EnqueueAsync(harness.Row(invalid, Channel.Sms));

        _twilio.Answer = FakeTwilioApi.Behaviour.InvalidNumber;
        await harness.DispatchAsync();
        var stoppedRow = await harness.EnqueueAsync(harness.Row(stopped, Channel.Sms));
        _twilio.Answer = FakeTwilioApi.Behaviour.Unsubscribed;
        await harness.DispatchAsync();
        harness.Time.Advance(TimeSpan.FromHours(2));
        await harness.DispatchAsync();

        var first = await harness.ReloadAsync(invalidRow);
        Assert.Equal(OutboxStatus.Failed, first.Status);
        Assert.Equal(1, first.Attempts);
        Assert.StartsWith("21211: ", first.Reason, StringComparison.Ordinal);
        var second = await harness.ReloadAsync(stoppedRow);
        Assert.Equal(OutboxStatus.Failed, second.Status);
        Assert.StartsWith("21610: ", second.Reason, StringComparison.Ordinal);
        Assert.Equal(2, _twilio.Requests.Count);
        var contact = await harness.ReloadAsync(stopped);
        Assert.False(contact.Consent.Sms);
        Assert.True(contact.Consent.IsUnsubscribed(Channel.Sms));
        Assert.True((await harness.ReloadAsync(invalid)).Consent.Sms);
    }

    [Fact]
    public async Task RepeatedServerErrors_OpenTheCircuit_QueueWaitsWithoutUsingAttempts_ThenDrains()
    {
        await using var harness = await HarnessAsync(threshold: 3);
        var rows = new List<OutboxMessage>();
        for (var i = 0; i < 7; i++)
        {
            var contact = await SmsContactAsync(harness, $"+1415555020{i}");
            rows.Add(await harness.EnqueueAsync(harness.Row(contact, Channel.Sms)));
        }

        _twilio.Answer = FakeTwilioApi.Behaviour.ServerError;
        var report = await harness.DispatchAsync();
        Assert.Equal(3, _twilio.Requests.Count);
        Assert.Equal(3, report.Retrying);
        Assert.Equal(4, report.Returned);
        var waiting = await Task.WhenAll(rows.Select(harness.ReloadAsync));
        Assert.All(waiting, r => Assert.Equal(OutboxStatus.Queued, r.Status));
        Assert.Equal(4, waiting.Count(r => r.Attempts == 0));

        // While open nothing of the channel is claimed, however long the dispatcher is asked.
        harness.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, (await harness.DispatchAsync()).Claimed);
        Assert.Equal(3, _twilio.Requests.Count);

        // After the break one probe goes; it fails, so the circuit opens again.
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.DispatchAsync();
        Assert.Equal(4, _twilio.Requests.Count);

        _twilio.Answer = FakeTwilioApi.Behaviour.Queue;
        for (var i = 0; i < 6 && (await Task.WhenAll(rows.Select(harness.ReloadAsync))).Any(r => r.Status != OutboxStatus.Sent); i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(31));
            await harness.DispatchAsync();
        }

        var done = await Task.WhenAll(rows.Select(harness.ReloadAsync));
        Assert.All(done, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(7, _twilio.Requests.Count - 4); // 4 failed tries, then each of the 7 exactly once
        Assert.Equal(7, done.Select(r => r.ProviderMessageId).Distinct().Count());
    }

    [Fact]
    public async Task ProbeRowHeldBackByAGuard_LetsTheNextRowProbe()
    {
        await using var harness = await HarnessAsync(threshold: 1);
        var failing = await harness.EnqueueAsync(harness.Row(await SmsContactAsync(harness, "+14155550701"), Channel.Sms));
        _twilio.Answer = FakeTwilioApi.Behaviour.ServerError;
        await harness.DispatchAsync();
        var noConsent = await harness.AddContactAsync(b => b.WithPhone("+14155550702").WithConsent(false, false, false));
        var suppressed = await harness.EnqueueAsync(harness.Row(noConsent, Channel.Sms)); // due first: it is the first probe

        _twilio.Answer = FakeTwilioApi.Behaviour.Queue;
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await harness.DispatchAsync();

        Assert.Equal(OutboxStatus.Suppressed, (await harness.ReloadAsync(suppressed)).Status);
        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(failing)).Status);
    }

    [Fact]
    public async Task StatusCallback_MarksDelivered_OrFailedWhenUndelivered()
    {
        await using var harness = await HarnessAsync();
        var a = await harness.EnqueueAsync(harness.Row(await SmsContactAsync(harness, "+14155550301"), Channel.Sms));
        var b = await harness.EnqueueAsync(harness.Row(await SmsContactAsync(harness, "+14155550302"), Channel.Sms));
        await harness.DispatchAsync();
        var subscriptions = harness.Services.GetRequiredService<ContactSubscriptions>();

        Assert.True(await subscriptions.ApplySmsStatusAsync((await harness.ReloadAsync(a)).ProviderMessageId!, "delivered", null, CancellationToken.None));
        Assert.True(await subscriptions.ApplySmsStatusAsync((await harness.ReloadAsync(b)).ProviderMessageId!, "undelivered", "30003", CancellationToken.None));
        Assert.False(await subscriptions.ApplySmsStatusAsync("SMunknown", "delivered", null, CancellationToken.None));

        Assert.Equal(OutboxStatus.Delivered, (await harness.ReloadAsync(a)).Status);
        var undelivered = await harness.ReloadAsync(b);
        Assert.Equal(OutboxStatus.Failed, undelivered.Status);
        Assert.Equal("undelivered by the carrier: Twilio error 30003", undelivered.Reason);
    }
}
