using UserOps.Automation.Infrastructure.Messaging.Channels;

namespace UserOps.Automation.IntegrationTests.Messaging.Fakes;

/// <summary>Our own token port, faked: the OAuth exchange belongs to Google.Apis.Auth, not to what is under test.</summary>
public sealed class FixedFcmTokenSource(string token) : IFcmTokenSource
{
    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
}
