namespace UserOps.Automation.Core.Messaging;

/// <summary>
/// A rendered email addressed and ready to hand over. The dispatcher has the sender prepare it in a round's prepare
/// stage (ADR 0011), so the send stage only writes it to the provider; a sender may derive from it to keep its own
/// form of the message (MailKit keeps the built MIME message, or the reason the address could not be used).
/// </summary>
public class PreparedEmail(RenderedEmail message, string recipient, string? unsubscribeUrl)
{
    public RenderedEmail Message => message;
    public string Recipient => recipient;

    /// <summary>Signed one-click link (RFC 8058), put in the List-Unsubscribe headers when given.</summary>
    public string? UnsubscribeUrl => unsubscribeUrl;
}
