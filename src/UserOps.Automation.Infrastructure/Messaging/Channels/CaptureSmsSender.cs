using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>The default SMS channel: stored for the console with its segment count, never sent.</summary>
internal sealed class CaptureSmsSender(IDbContextFactory<AutomationDb> databases, TimeProvider time) : ISmsSender
{
    public Task<SendResult> SendAsync(RenderedSms message, string recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var segments = message.Segments;
        var captured = new CapturedMessage(Channel.Sms, recipient, message.TemplateKey, message.TemplateVersion, message.Locale, message.Body, time.GetUtcNow().UtcDateTime)
        {
            ExtraJson = System.Text.Json.JsonSerializer.Serialize(new { segments = segments.Segments, encoding = segments.Encoding.ToString() }),
        };
        return CaptureStore.SaveAsync(databases, captured, cancellationToken);
    }
}
