using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using UserOps.Automation.Infrastructure.Dispatch;

namespace UserOps.Automation.Host.Dispatch;

/// <summary>
/// The signed unsubscribe link of every email. GET shows a small confirmation page (link scanners and
/// prefetchers must not unsubscribe anyone); POST unsubscribes, which is also what RFC 8058 one-click does.
/// </summary>
internal static class UnsubscribeEndpoints
{
    public static void MapUnsubscribeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/u").WithTags("Unsubscribe").AllowAnonymous().DisableAntiforgery();
        group.MapGet("/{token}", ConfirmAsync);
        group.MapPost("/{token}", UnsubscribeAsync);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ConfirmAsync(string token, UnsubscribeLinks links, CancellationToken cancellationToken)
    {
        if (await links.ReadAsync(token, cancellationToken) is not { } link)
        {
            return Invalid();
        }

        var channel = link.Channel.ToString().ToLowerInvariant();
        var action = "/u/" + WebUtility.HtmlEncode(token);
        return Page(
            "Unsubscribe",
            $"<p>Stop receiving marketing {channel} messages from us?</p><form method=\"post\" action=\"{action}\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> UnsubscribeAsync(string token, UnsubscribeLinks links, ContactSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        if (await links.ReadAsync(token, cancellationToken) is not { } link)
        {
            return Invalid();
        }

        // A contact erased since the mail was sent is already getting nothing: the answer is the same.
        await subscriptions.UnsubscribeAsync(link.ContactId, link.Channel, cancellationToken);
        return Page("Unsubscribed", $"<p>You will not receive marketing {link.Channel.ToString().ToLowerInvariant()} messages from us any more.</p>");
    }

    private static ProblemHttpResult Invalid() =>
        TypedResults.Problem(title: "Invalid unsubscribe link", detail: "The link's token is malformed or its signature does not match.", statusCode: StatusCodes.Status400BadRequest);

    private static ContentHttpResult Page(string title, string body) =>
        TypedResults.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>", "text/html; charset=utf-8");
}
