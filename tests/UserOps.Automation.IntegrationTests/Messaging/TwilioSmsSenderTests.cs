using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Messaging;
using UserOps.Automation.Testing.Messaging;

namespace UserOps.Automation.IntegrationTests.Messaging;

public sealed class TwilioSmsSenderTests : IAsyncLifetime
{
    private FakeTwilioApi _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private static readonly RenderedSms Sms = new("recall-sms-15d", 2, "en", "Hi Amy, your coupon waits. Reply STOP to opt out.");

    private ServiceProvider Services(string? from, string? messagingService, int timeoutSeconds)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sms:Mode"] = "Twilio",
            ["Sms:Twilio:AccountSid"] = FakeTwilioApi.AccountSid,
            ["Sms:Twilio:AuthToken"] = FakeTwilioApi.AuthToken,
            ["Sms:Twilio:From"] = from,
            ["Sms:Twilio:MessagingServiceSid"] = messagingService,
            ["Sms:Twilio:StatusCallbackUrl"] = "https://ops.example.com/webhooks/twilio/status",
            ["Sms:Twilio:BaseUrl"] = _twilio.BaseUrl.ToString(),
            ["Sms:Twilio:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddMessagingChannels(configuration).BuildServiceProvider();
    }

    // A loaded build machine can take seconds for the first request; only the stall test wants a short timeout.
    private async Task<SendResult> SendAsync(string to = "+8613800138000", string? from = "+15005550006", string? messagingService = null, int timeoutSeconds = 30)
    {
        await using var services = Services(from, messagingService, timeoutSeconds);
        return await services.GetRequiredService<ISmsSender>().SendAsync(Sms, to, CancellationToken.None);
    }

    [Fact]
    public async Task Send_PostsTwilioFormFields_AndReturnsMessageSid()
    {
        var result = await SendAsync();

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.StartsWith("SM", result.ProviderMessageId, StringComparison.Ordinal);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal("+8613800138000", request["To"]);
        Assert.Equal("+15005550006", request["From"]);
        Assert.Equal(Sms.Body, request["Body"]);
        Assert.Equal("https://ops.example.com/webhooks/twilio/status", request["StatusCallback"]);
        Assert.False(request.ContainsKey("MessagingServiceSid"));
    }

    [Fact]
    public async Task Send_WithMessagingService_SendsSidInsteadOfFrom()
    {
        var result = await SendAsync(from: null, messagingService: "MG00000000000000000000000000000001");

        Assert.True(result.Succeeded);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal("MG00000000000000000000000000000001", request["MessagingServiceSid"]);
        Assert.False(request.ContainsKey("From"));
    }

    [Theory]
    [InlineData(FakeTwilioApi.Behaviour.TooManyRequests, FailureKind.Transient, "20429")]
    [InlineData(FakeTwilioApi.Behaviour.ServerError, FailureKind.Transient, "20500")]
    [InlineData(FakeTwilioApi.Behaviour.InvalidNumber, FailureKind.Permanent, "21211")]
    [InlineData(FakeTwilioApi.Behaviour.Unsubscribed, FailureKind.Permanent, "21610")]
    public async Task Send_ProviderError_IsClassified(FakeTwilioApi.Behaviour answer, FailureKind kind, string code)
    {
        _twilio.Answer = answer;

        var result = await SendAsync();

        Assert.True(kind == result.Failure!.Kind, result.Failure.Message);
        Assert.Equal(code, result.Failure.ProviderCode);
        Assert.Equal(answer == FakeTwilioApi.Behaviour.Unsubscribed, result.Failure.RecipientUnsubscribed);
    }

    [Fact]
    public async Task Send_ProviderStalls_IsTransientAfterTimeout()
    {
        _twilio.Answer = FakeTwilioApi.Behaviour.Stall;

        var result = await SendAsync(timeoutSeconds: 1);

        Assert.Equal(FailureKind.Transient, result.Failure!.Kind);
    }
}
