using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>The default push channel: stored for the console for any platform, never sent.</summary>
internal sealed class CapturePushSender(IDbContextFactory<AutomationDb> databases, TimeProvider time) : IPushSender
{
    public bool Handles(string platform) => true;

    public Task<SendResult> SendAsync(RenderedPush message, PushToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(token);
        var captured = new CapturedMessage(Channel.Push, token.Token, message.TemplateKey, message.TemplateVersion, message.Locale, message.Body, time.GetUtcNow().UtcDateTime)
        {
            Subject = message.Title,
            ExtraJson = JsonSerializer.Serialize(new { platform = token.Platform, deepLink = message.DeepLink, data = message.Data }),
        };
        return CaptureStore.SaveAsync(databases, captured, cancellationToken);
    }
}
