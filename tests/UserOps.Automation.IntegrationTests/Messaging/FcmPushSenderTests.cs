using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging.Channels;
using UserOps.Automation.IntegrationTests.Messaging.Fakes;

namespace UserOps.Automation.IntegrationTests.Messaging;

public sealed class FcmPushSenderTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime Now = new(2026, 4, 28, 8, 0, 0, DateTimeKind.Utc);
    private static readonly RenderedPush Push = new("upsell-push-a", 1, "en", "Trade in your old phone", "Get up to $200 off", "app://trade-in", new Dictionary<string, string> { ["campaign"] = "upsell-a" });

    private FakeFcmApi _fcm = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _fcm = await FakeFcmApi.StartAsync();

    public async Task DisposeAsync() => await _fcm.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private FcmPushSender Sender(string accessToken = FakeFcmApi.AccessToken) => new(_http, new FixedFcmTokenSource(accessToken), Options.Create(new PushOptions
    {
        Mode = "Fcm",
        Fcm = new FcmSettings { ProjectId = "demo-app", BaseUrl = _fcm.BaseUrl.ToString() },
    }));

    private static PushToken Token(string token) => new(token, "fcm", Now);

    [Fact]
    public async Task Send_PostsV1MessageWithBearerToken_AndReturnsMessageName()
    {
        var result = await Sender().SendAsync(Push, Token("device-1"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.StartsWith("projects/demo-app/messages/", result.ProviderMessageId, StringComparison.Ordinal);
        var (project, body) = Assert.Single(_fcm.Requests);
        Assert.Equal("demo-app", project);
        var message = body["message"]!;
        Assert.Equal("device-1", message["token"]!.GetValue<string>());
        Assert.Equal("Trade in your old phone", message["notification"]!["title"]!.GetValue<string>());
        Assert.Equal("upsell-a", message["data"]!["campaign"]!.GetValue<string>());
        Assert.Equal("app://trade-in", message["data"]!["link"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("dead-1", FailureKind.InvalidRecipient, "UNREGISTERED")]
    [InlineData("bad-1", FailureKind.InvalidRecipient, "INVALID_ARGUMENT")]
    [InlineData("busy-1", FailureKind.Transient, "UNAVAILABLE")]
    public async Task Send_FcmError_IsClassified(string token, FailureKind kind, string code)
    {
        var result = await Sender().SendAsync(Push, Token(token), CancellationToken.None);

        Assert.Equal(kind, result.Failure!.Kind);
        Assert.Equal(code, result.Failure.ProviderCode);
    }

    [Fact]
    public async Task Send_RejectedCredentials_IsTransientNotATokenProblem()
    {
        var result = await Sender("expired").SendAsync(Push, Token("device-1"), CancellationToken.None);

        Assert.Equal(FailureKind.Transient, result.Failure!.Kind);
    }
}
