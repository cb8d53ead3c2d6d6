using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Messaging;

/// <summary>
/// Sends one rendered push to one device or browser. <see cref="FailureKind.InvalidRecipient"/> means the
/// token is dead and the caller removes it from the contact.
/// </summary>
public interface IPushSender
{
    /// <summary>Whether this adapter delivers to tokens of <paramref name="platform"/> (<c>fcm</c>, <c>webpush</c>).</summary>
    bool Handles(string platform);

    Task<SendResult> SendAsync(RenderedPush message, PushToken token, CancellationToken cancellationToken);
}
