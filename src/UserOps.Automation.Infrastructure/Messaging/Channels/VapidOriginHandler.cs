using System.Net.Http.Headers;
using Lib.Net.Http.WebPush.Authentication;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>
/// RFC 8292 makes the VAPID JWT's <c>aud</c> the origin of the push resource, which includes a non-default port.
/// Lib.Net.Http.WebPush 3.3.1 signs <c>scheme://host</c> only, so a push service on another port (a self-hosted
/// one) would refuse the token; for such endpoints the header is signed again for the full origin.
/// </summary>
internal sealed class VapidOriginHandler(VapidAuthentication vapid) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsDefaultPort: false } uri
            && request.Headers.Authorization?.Scheme.Equals("vapid", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("vapid", vapid.GetVapidSchemeAuthenticationHeaderValueParameter(uri.GetLeftPart(UriPartial.Authority)));
        }

        return base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            vapid.Dispose();
        }

        base.Dispose(disposing);
    }
}
