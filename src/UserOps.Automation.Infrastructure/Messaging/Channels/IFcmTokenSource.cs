namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>Where FCM's OAuth bearer token comes from; the service account in production, a fixed token in tests.</summary>
public interface IFcmTokenSource
{
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
