using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>
/// FCM HTTP v1: one POST per token to <c>v1/projects/{id}/messages:send</c> with a service-account OAuth token.
/// No Firebase SDK is needed for that (and none can be restored here).
/// </summary>
internal sealed class FcmPushSender(HttpClient http, IFcmTokenSource tokens, IOptions<PushOptions> options) : IPushSender
{
    public const string Platform = "fcm";

    public bool Handles(string platform) => string.Equals(platform, Platform, StringComparison.OrdinalIgnoreCase);

    public async Task<SendResult> SendAsync(RenderedPush message, PushToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(token);
        var settings = options.Value.Fcm;
        var uri = new Uri(new Uri(settings.BaseUrl), $"v1/projects/{Uri.EscapeDataString(settings.ProjectId ?? string.Empty)}/messages:send");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(Payload(message, token.Token)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(cancellationToken));
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var name = JsonNode.Parse(body)?["name"]?.GetValue<string>();
                return SendResult.Sent(name ?? "fcm");
            }

            return SendResult.Failed(Classify(response.StatusCode, body));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException)
        {
            return SendResult.Failed(FailureKind.Transient, "connection", ex.Message);
        }
    }

    private static JsonObject Payload(RenderedPush message, string token)
    {
        var data = new JsonObject();
        foreach (var (key, value) in message.Data)
        {
            data[key] = value;
        }

        var body = new JsonObject
        {
            ["token"] = token,
            ["notification"] = new JsonObject { ["title"] = message.Title, ["body"] = message.Body },
        };
        if (message.DeepLink is { } link)
        {
            data["link"] ??= link;
            body["webpush"] = new JsonObject { ["fcm_options"] = new JsonObject { ["link"] = link } };
        }

        if (data.Count > 0)
        {
            body["data"] = data;
        }

        return new JsonObject { ["message"] = body };
    }

    /// <summary>FCM's error: HTTP status, <c>error.status</c> and <c>details[].errorCode</c> (FcmError).</summary>
    internal static SendFailure Classify(HttpStatusCode status, string body)
    {
        string? errorCode = null, errorStatus = null, text = body;
        try
        {
            var error = JsonNode.Parse(body)?["error"];
            errorStatus = error?["status"]?.GetValue<string>();
            text = error?["message"]?.GetValue<string>() ?? body;
            errorCode = error?["details"]?.AsArray().Select(d => d?["errorCode"]?.GetValue<string>()).FirstOrDefault(c => c is not null);
        }
        catch (JsonException)
        {
            // Not FCM's JSON (a proxy's page): the HTTP status decides.
        }

        var code = errorCode ?? errorStatus ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var kind = (errorCode ?? errorStatus) switch
        {
            "UNREGISTERED" or "SENDER_ID_MISMATCH" => FailureKind.InvalidRecipient,
            "INVALID_ARGUMENT" when text.Contains("token", StringComparison.OrdinalIgnoreCase) || errorCode == "INVALID_ARGUMENT" => FailureKind.InvalidRecipient,
            "QUOTA_EXCEEDED" or "UNAVAILABLE" or "INTERNAL" or "RESOURCE_EXHAUSTED" => FailureKind.Transient,
            _ when status == HttpStatusCode.TooManyRequests || (int)status >= 500 => FailureKind.Transient,
            _ when status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => FailureKind.Transient, // credentials: fixed in config, then retried
            _ when status == HttpStatusCode.NotFound => FailureKind.InvalidRecipient,
            _ => FailureKind.Permanent,
        };
        return new SendFailure(kind, code, text);
    }
}
