namespace UserOps.Automation.Core.Messaging;

/// <summary>Sends one rendered email. Never throws for provider failures: they come back classified in the result.</summary>
public interface IEmailSender
{
    /// <summary>
    /// Builds what <see cref="SendAsync(PreparedEmail, CancellationToken)"/> hands over, ahead of the send. Never throws
    /// for a bad address: the send then reports it. Nothing leaves here.
    /// </summary>
    /// <remarks>May be called from several threads at once: the dispatcher builds a round's emails side by side.</remarks>
    /// <param name="unsubscribeUrl">Signed one-click link (RFC 8058), put in the List-Unsubscribe headers when given.</param>
    PreparedEmail Prepare(RenderedEmail message, string recipient, string? unsubscribeUrl) => new(message, recipient, unsubscribeUrl);

    Task<SendResult> SendAsync(PreparedEmail email, CancellationToken cancellationToken);

    /// <summary>Prepares and sends in one go (test sends).</summary>
    Task<SendResult> SendAsync(RenderedEmail message, string recipient, string? unsubscribeUrl, CancellationToken cancellationToken) =>
        SendAsync(Prepare(message, recipient, unsubscribeUrl), cancellationToken);
}
