using MailKit.Net.Smtp;
using MimeKit;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>
/// An SMTP connection of the pool that knows whether it was reused and whether the server answered the current
/// message's <c>MAIL FROM</c>. A reused connection that breaks before that answer was one the server had already
/// closed (an idle timeout): the server cannot have taken the message, so it is safe to send it again at once.
/// </summary>
internal sealed class PooledSmtpClient : SmtpClient
{
    /// <summary>Rented from the idle connections rather than opened for this send.</summary>
    public bool Reused { get; set; }

    /// <summary>The server accepted the current message's sender; from here on it may have taken the message.</summary>
    public bool SenderAccepted { get; private set; }

    public void StartMessage() => SenderAccepted = false;

    protected override void OnSenderAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        SenderAccepted = true;
        base.OnSenderAccepted(message, mailbox, response);
    }
}
