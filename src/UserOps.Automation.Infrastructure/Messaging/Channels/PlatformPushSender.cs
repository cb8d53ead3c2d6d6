using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>The one <see cref="IPushSender"/> callers see: hands each token to the transport of its platform.</summary>
internal sealed class PlatformPushSender(IEnumerable<PushTransport> transports) : IPushSender
{
    private readonly IPushSender[] _transports = transports.Select(t => t.Sender).ToArray();

    public bool Handles(string platform) => _transports.Any(t => t.Handles(platform));

    public Task<SendResult> SendAsync(RenderedPush message, PushToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var transport = _transports.FirstOrDefault(t => t.Handles(token.Platform));
        return transport is null
            ? Task.FromResult(SendResult.Failed(FailureKind.Permanent, "platform", $"No push transport is configured for platform '{token.Platform}' (see Push:Mode)."))
            : transport.SendAsync(message, token, cancellationToken);
    }
}

/// <summary>A configured push transport (FCM, Web Push, capture), wrapped so DI can list them without confusing them with the router.</summary>
internal sealed record PushTransport(IPushSender Sender);
