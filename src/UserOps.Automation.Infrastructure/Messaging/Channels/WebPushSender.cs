using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>Web Push to browsers (VAPID). The token is the subscription endpoint; its keys are stored beside it.</summary>
internal sealed class WebPushSender(HttpClient http, IOptions<PushOptions> options) : IPushSender
{
    public const string Platform = "webpush";

    private readonly PushServiceClient _client = new(http)
    {
        DefaultAuthentication = Vapid(options.Value.WebPush),
        DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
        DefaultTimeToLive = options.Value.WebPush.TimeToLiveSeconds,
    };

    /// <summary>The application server's VAPID identity; also used by <see cref="VapidOriginHandler"/>.</summary>
    public static VapidAuthentication Vapid(WebPushSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new VapidAuthentication(settings.PublicKey, settings.PrivateKey) { Subject = settings.Subject };
    }

    public bool Handles(string platform) => string.Equals(platform, Platform, StringComparison.OrdinalIgnoreCase);

    public async Task<SendResult> SendAsync(RenderedPush message, PushToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(token);
        var payload = JsonSerializer.Serialize(new { title = message.Title, body = message.Body, url = message.DeepLink, data = message.Data });
        try
        {
            var subscription = new PushSubscription { Endpoint = token.Token, Keys = Keys(token.Keys) };
            await _client.RequestPushMessageDeliveryAsync(subscription, new PushMessage(payload), cancellationToken);
            return SendResult.Sent(token.Token);
        }
        catch (PushServiceClientException ex)
        {
            var kind = ex.StatusCode switch
            {
                HttpStatusCode.NotFound or HttpStatusCode.Gone => FailureKind.InvalidRecipient, // subscription expired or revoked
                HttpStatusCode.TooManyRequests => FailureKind.Transient,
                >= HttpStatusCode.InternalServerError => FailureKind.Transient,
                _ => FailureKind.Permanent,
            };
            return SendResult.Failed(kind, ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return SendResult.Failed(FailureKind.Transient, "connection", ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException)
        {
            // Missing or malformed p256dh/auth keys: this subscription can never be used.
            return SendResult.Failed(FailureKind.InvalidRecipient, "keys", ex.Message);
        }
    }

    private static Dictionary<string, string> Keys(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
