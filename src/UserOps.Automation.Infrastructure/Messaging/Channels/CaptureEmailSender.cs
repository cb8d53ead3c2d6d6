using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>The default email channel: the message is stored for the console and nothing leaves the machine.</summary>
internal sealed class CaptureEmailSender(IDbContextFactory<AutomationDb> databases, TimeProvider time) : IEmailSender
{
    public async Task<SendResult> SendAsync(PreparedEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var (message, recipient, unsubscribeUrl) = (email.Message, email.Recipient, email.UnsubscribeUrl);
        var captured = new CapturedMessage(Channel.Email, recipient, message.TemplateKey, message.TemplateVersion, message.Locale, message.Text, time.GetUtcNow().UtcDateTime)
        {
            Subject = message.Subject,
            Html = message.Html,
            ExtraJson = JsonSerializer.Serialize(new { message.FromName, unsubscribeUrl }),
        };
        return await CaptureStore.SaveAsync(databases, captured, cancellationToken);
    }
}
