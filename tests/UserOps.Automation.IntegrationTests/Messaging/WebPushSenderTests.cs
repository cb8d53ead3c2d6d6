using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Messaging.Channels;
using UserOps.Automation.IntegrationTests.Dispatch;
using UserOps.Automation.IntegrationTests.Messaging.Fakes;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Messaging;

/// <summary>
/// Web Push at the wire: what reaches a loopback push service is checked the way a push service and a browser
/// check it (VAPID JWT signature and claims, TTL, the aes128gcm body decrypted with the subscription's keys).
/// </summary>
public sealed class WebPushSenderTests : IAsyncLifetime, IDisposable
{
    private const string Subject = "mailto:ops@shop.example";
    private const int TimeToLive = 3_600;
    private static readonly RenderedPush Push = new("upsell-push-a", 1, "en", "Trade in your old phone", "Get up to $200 off", "https://shop.example/trade-in", new Dictionary<string, string> { ["campaign"] = "upsell-a" });

    private readonly ECDsa _vapid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly BrowserSubscription _browser = new();
    private FakePushService _service = null!;

    public async Task InitializeAsync() => _service = await FakePushService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose()
    {
        _vapid.Dispose();
        _browser.Dispose();
    }

    private string VapidPublicKey => Base64Url.EncodeToString(BrowserSubscription.Uncompressed(_vapid.ExportParameters(false).Q));

    private WebPushSettings Settings => new()
    {
        PublicKey = VapidPublicKey,
        PrivateKey = Base64Url.EncodeToString(_vapid.ExportParameters(true).D),
        Subject = Subject,
        TimeToLiveSeconds = TimeToLive,
    };

    [Fact]
    public async Task Send_SignsVapidJwtForEndpointOrigin_SetsTtl_AndEncryptsPayloadForTheSubscription()
    {
        // As the host builds it: the client passes through VapidOriginHandler, which signs for the full origin.
        using var http = new HttpClient(new VapidOriginHandler(WebPushSender.Vapid(Settings)) { InnerHandler = new HttpClientHandler() });
        var sender = new WebPushSender(http, Options.Create(new PushOptions { Mode = "WebPush", WebPush = Settings }));
        var token = new PushToken(_service.Endpoint("sub-1"), WebPushSender.Platform, DateTime.UnixEpoch) { Keys = _browser.KeysJson };
        var before = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()); // the library signs on the real clock

        var result = await sender.SendAsync(Push, token, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure?.Message);
        var request = Assert.Single(_service.Requests);
        Assert.Equal("sub-1", request.Subscription);
        Assert.Equal(TimeToLive.ToString(CultureInfo.InvariantCulture), request.Headers["TTL"]);
        Assert.Equal("aes128gcm", request.Headers["Content-Encoding"]);

        // RFC 8292: "vapid t=<JWT>, k=<public key>"; the JWT is ES256 over the configured key.
        var (jwt, key) = ParseVapid(request.Headers["Authorization"]);
        Assert.Equal(VapidPublicKey, key);
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        Assert.Equal("ES256", header["alg"]!.GetValue<string>());
        Assert.True(_vapid.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), "the JWT is signed with the configured VAPID key");
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            Assert.False(other.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }

        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Equal(_service.BaseUrl.GetLeftPart(UriPartial.Authority), claims["aud"]!.GetValue<string>());
        Assert.Equal(Subject, claims["sub"]!.GetValue<string>());
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims["exp"]!.GetValue<long>());
        Assert.InRange(expires, before, before.AddHours(24).AddMinutes(1)); // RFC 8292: no more than 24 hours ahead

        var payload = JsonNode.Parse(_browser.Decrypt(request.Body))!;
        Assert.Equal("Trade in your old phone", payload["title"]!.GetValue<string>());
        Assert.Equal("Get up to $200 off", payload["body"]!.GetValue<string>());
        Assert.Equal("https://shop.example/trade-in", payload["url"]!.GetValue<string>());
        Assert.Equal("upsell-a", payload["data"]!["campaign"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("expired-1")]
    [InlineData("revoked-1")]
    public async Task Dispatch_SubscriptionGone_IsRemovedFromContact_AndRowFails(string subscription)
    {
        var settings = Settings;
        await using var harness = await DispatchHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["Push:Mode"] = "WebPush",
            ["Push:WebPush:PublicKey"] = settings.PublicKey,
            ["Push:WebPush:PrivateKey"] = settings.PrivateKey,
            ["Push:WebPush:Subject"] = Subject,
        });
        await harness.AddDefaultTemplatesAsync();
        var both = await AddSubscriberAsync(harness, "Amy", subscription, "live-1");
        var deadOnly = await AddSubscriberAsync(harness, "Bo", subscription + "-b");
        var sent = await harness.EnqueueAsync(harness.Row(both, Channel.Push));
        var failed = await harness.EnqueueAsync(harness.Row(deadOnly, Channel.Push));

        await harness.DispatchAsync();

        Assert.Equal(OutboxStatus.Sent, (await harness.ReloadAsync(sent)).Status);
        Assert.Equal([_service.Endpoint("live-1")], (await harness.ReloadAsync(both)).PushTokens.Select(t => t.Token));
        Assert.Equal("Hi Amy", JsonNode.Parse(_browser.Decrypt(_service.Requests.Single(r => r.Subscription == "live-1").Body))!["title"]!.GetValue<string>());
        var row = await harness.ReloadAsync(failed);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.StartsWith(subscription.StartsWith("expired", StringComparison.Ordinal) ? "404" : "410", row.Reason, StringComparison.Ordinal);
        Assert.Empty((await harness.ReloadAsync(deadOnly)).PushTokens);
        Assert.Equal("InvalidRecipient", Assert.Single(await harness.AttemptsAsync(failed)).Outcome);
    }

    private async Task<Contact> AddSubscriberAsync(DispatchHarness harness, string name, params string[] subscriptions)
    {
        var contact = new ContactBuilder($"c-{Guid.NewGuid():N}", harness.Now).WithName(name, null).WithConsent(false, false, true).Build();
        foreach (var subscription in subscriptions)
        {
            contact.AddPushToken(_service.Endpoint(subscription), WebPushSender.Platform, _browser.KeysJson, harness.Now);
        }

        await using var db = await harness.OpenAsync();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    private static (string Jwt, string Key) ParseVapid(string authorization)
    {
        Assert.StartsWith("vapid ", authorization, StringComparison.Ordinal);
        var fields = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        return (fields["t"], fields["k"]);
    }
}
