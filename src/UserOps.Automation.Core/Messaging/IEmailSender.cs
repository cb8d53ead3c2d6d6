namespace UserOps.Automation.Core.Messaging;

/// <summary>Sends one rendered email. Never throws for provider failures: they come back classified in the result.</summary>
public interface IEmailSender
{
    /// <param name="unsubscribeUrl">Signed one-click link (RFC 8058), put in the List-Unsubscribe headers when given.</param>
    Task<SendResult> SendAsync(RenderedEmail message, string recipient, string? unsubscribeUrl, CancellationToken cancellationToken);
}
