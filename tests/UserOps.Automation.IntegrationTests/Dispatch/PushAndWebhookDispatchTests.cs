using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.IntegrationTests.Messaging.Fakes;
using UserOps.Automation.Testing.Messaging;
using Microsoft.EntityFrameworkCore;

namespace UserOps.Automation.IntegrationTests.Dispatch;

/// <summary>Push through the loopback FCM API (dead tokens removed), and journey webhooks delivered by the same loop.</summary>
public sealed class PushAndWebhookDispatchTests : IAsyncLifetime
{
    private FakeFcmApi _fcm = null!;

    public async Task InitializeAsync() => _fcm = await FakeFcmApi.StartAsync();

    public async Task DisposeAsync() => await _fcm.DisposeAsync();

    private async Task<DispatchHarness> HarnessAsync()
    {
        var harness = await DispatchHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["Push:Mode"] = "Fcm",
            ["Push:Fcm:ProjectId"] = "demo-app",
            ["Push:Fcm:ServiceAccountJson"] = "{}",
            ["Push:Fcm:BaseUrl"] = _fcm.BaseUrl.ToString(),
        });
        await harness.AddDefaultTemplatesAsync();
        return harness;
    }

    [Fact]
    public async Task UnregisteredToken_IsRemovedFromContact_WhileLiveDeviceGetsTheMessage()
    {
        await using var harness = await HarnessAsync();
        var both = await harness.AddContactAsync(b => b.WithName("Amy", null).WithConsent(false, false, true).WithPushToken("dead-1").WithPushToken("live-1"));
        var deadOnly = await harness.AddContactAsync(b => b.WithConsent(false, false, true).WithPushToken("dead-2"));
        var sent = await harness.EnqueueAsync(harness.Row(both, Channel.Push));
        var failed = await harness.EnqueueAsync(harness.Row(deadOnly, Channel.Push));

        await harness.DispatchAsync();

        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(sent)).Status);
        Assert.Equal(["live-1"], (await harness.ReloadAsync(both)).PushTokens.Select(t => t.Token));
        var dead = await harness.ReloadAsync(failed);
        Assert.Equal(OutboxStatus.Failed, dead.Status);
        Assert.Contains("UNREGISTERED", dead.Reason, StringComparison.Ordinal);
        Assert.Empty((await harness.ReloadAsync(deadOnly)).PushTokens);
        Assert.Equal("InvalidRecipient", Assert.Single(await harness.AttemptsAsync(failed)).Outcome);
        Assert.Contains(_fcm.Requests, r => r.Body["message"]?["token"]?.GetValue<string>() == "live-1"
            && r.Body["message"]?["notification"]?["title"]?.GetValue<string>() == "Hi Amy");

        // With no token left the next push to that contact fails at once, without a provider call.
        var requests = _fcm.Requests.Count;
        var again = await harness.EnqueueAsync(harness.Row(deadOnly, Channel.Push));
        await harness.DispatchAsync();
        Assert.Equal(("contact has no push address", requests), ((await harness.ReloadAsync(again)).Reason, _fcm.Requests.Count));
    }

    [Fact]
    public async Task Webhooks_RetriedOnServerErrorAndTimeoutStatus_PermanentOnClientError_EachWithItsKey()
    {
        var calls = new ConcurrentQueue<(string Path, string Key)>();
        var answers = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        answers["/flaky"] = new ConcurrentQueue<int>([500, 408, 200]);
        answers["/gone"] = new ConcurrentQueue<int>([404]);
        await using var receiver = await LoopbackHttpServer.StartAsync(app => app.MapPost("/{name}", (string name, HttpRequest request) =>
        {
            calls.Enqueue(("/" + name, request.Headers["Idempotency-Key"].ToString()));
            return Results.StatusCode(answers["/" + name].TryDequeue(out var status) ? status : 200);
        }));
        await using var harness = await HarnessAsync();
        await using (var db = await harness.OpenAsync())
        {
            db.WebhookDeliveries.Add(new WebhookDelivery("j1:hook:1", new Uri(receiver.BaseUrl, "flaky").ToString(), "{\"contact\":1}", harness.Now));
            db.WebhookDeliveries.Add(new WebhookDelivery("j2:hook:1", new Uri(receiver.BaseUrl, "gone").ToString(), "{\"contact\":2}", harness.Now));
            await db.SaveChangesAsync();
        }

        for (var i = 0; i < 5; i++)
        {
            await harness.DispatchAsync();
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await using var check = await harness.OpenAsync();
        var flaky = await check.WebhookDeliveries.SingleAsync(w => w.IdempotencyKey == "j1:hook:1");
        var gone = await check.WebhookDeliveries.SingleAsync(w => w.IdempotencyKey == "j2:hook:1");
        Assert.Equal((OutboxStatus.Sent, 3), (flaky.Status, flaky.Attempts));
        Assert.Equal((OutboxStatus.Failed, 1), (gone.Status, gone.Attempts));
        Assert.StartsWith("HTTP 404", gone.LastError, StringComparison.Ordinal);
        Assert.Equal(["j1:hook:1", "j1:hook:1", "j1:hook:1"], calls.Where(c => c.Path == "/flaky").Select(c => c.Key));
        Assert.Single(calls, c => c.Path == "/gone");
    }
}
