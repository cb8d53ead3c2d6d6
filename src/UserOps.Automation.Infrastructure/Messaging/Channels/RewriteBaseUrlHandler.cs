namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>
/// Sends an SDK's requests to another scheme, host and port (a loopback test double) while keeping the
/// path and query the SDK built, so the wire format under test is the real one.
/// </summary>
internal sealed class RewriteBaseUrlHandler(Uri baseUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = baseUrl.Scheme, Host = baseUrl.Host, Port = baseUrl.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
