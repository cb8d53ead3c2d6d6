using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Twilio.Security;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Infrastructure.Messaging.Channels;

namespace UserOps.Automation.Host.Dispatch;

/// <summary>
/// What Twilio calls: delivery receipts and inbound replies. Anonymous (Twilio has no key of ours) but every
/// request must carry a valid <c>X-Twilio-Signature</c>: HMAC-SHA1, keyed with the auth token, of the public URL
/// plus the sorted form fields. The public URL is <c>Dispatch:PublicBaseUrl</c> + path, what Twilio was given.
/// </summary>
internal static class TwilioWebhookEndpoints
{
    public static void MapTwilioWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/twilio").WithTags("Webhooks").AllowAnonymous().DisableAntiforgery();
        group.MapPost("/status", StatusAsync);
        group.MapPost("/inbound", InboundAsync);
    }

    private static async Task<Results<NoContent, ForbidHttpResult, StatusCodeHttpResult>> StatusAsync(
        HttpRequest request, ContactSubscriptions subscriptions, IOptions<SmsOptions> sms, IOptions<DispatchOptions> dispatch, CancellationToken cancellationToken)
    {
        if (await VerifiedFormAsync(request, sms.Value, dispatch.Value, cancellationToken) is not { } form)
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (form.GetValueOrDefault("MessageSid") is { Length: > 0 } sid && form.GetValueOrDefault("MessageStatus") is { Length: > 0 } status)
        {
            await subscriptions.ApplySmsStatusAsync(sid, status, form.GetValueOrDefault("ErrorCode"), cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> InboundAsync(
        HttpRequest request, ContactSubscriptions subscriptions, IOptions<SmsOptions> sms, IOptions<DispatchOptions> dispatch, CancellationToken cancellationToken)
    {
        if (await VerifiedFormAsync(request, sms.Value, dispatch.Value, cancellationToken) is not { } form)
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (form.GetValueOrDefault("From") is { Length: > 0 } from)
        {
            await subscriptions.HandleInboundSmsAsync(from, form.GetValueOrDefault("Body"), cancellationToken);
        }

        // Empty TwiML: Twilio's own STOP handling already answers the contact; we add no reply of our own.
        return TypedResults.Content("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "application/xml");
    }

    private static async Task<Dictionary<string, string>?> VerifiedFormAsync(HttpRequest request, SmsOptions sms, DispatchOptions dispatch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sms.Twilio.AuthToken) || !request.HasFormContentType)
        {
            return null;
        }

        var form = (await request.ReadFormAsync(cancellationToken)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var url = dispatch.PublicBaseUrl.TrimEnd('/') + request.Path + request.QueryString;
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        return signature.Length > 0 && new RequestValidator(sms.Twilio.AuthToken).Validate(url, form, signature) ? form : null;
    }
}
