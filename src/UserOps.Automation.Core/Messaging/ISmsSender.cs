namespace UserOps.Automation.Core.Messaging;

/// <summary>Sends one rendered SMS to an E.164 number. Provider failures come back classified, not thrown.</summary>
public interface ISmsSender
{
    Task<SendResult> SendAsync(RenderedSms message, string recipient, CancellationToken cancellationToken);
}
