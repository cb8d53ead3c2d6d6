using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Options;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>OAuth tokens for FCM from a Google service account key; Google.Apis.Auth caches and refreshes them.</summary>
internal sealed class ServiceAccountFcmTokenSource(IOptions<PushOptions> options) : IFcmTokenSource
{
    private const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly Lazy<GoogleCredential> _credential = new(() => Load(options.Value.Fcm));

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        ((ITokenAccess)_credential.Value).GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);

    private static GoogleCredential Load(FcmSettings settings)
    {
        var account = string.IsNullOrWhiteSpace(settings.ServiceAccountJson)
            ? CredentialFactory.FromFile<ServiceAccountCredential>(settings.ServiceAccountFile!)
            : CredentialFactory.FromJson<ServiceAccountCredential>(settings.ServiceAccountJson);
        return account.ToGoogleCredential().CreateScoped(Scope);
    }
}
