using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Messaging.Templates;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Templates;

/// <summary>Preview a template for a real or sample contact, and send that preview to an operator's own address.</summary>
internal static class TemplatePreview
{
    public static async Task<Results<Ok<PreviewResponse>, NotFound<ProblemDetailsBody>, ValidationProblem>> PreviewAsync(
        string key, string locale, PreviewRequest request, AutomationDb db, ITemplateRenderer renderer, TimeProvider time, CancellationToken cancellationToken)
    {
        var (message, problem) = await RenderAsync(key, locale, request, db, renderer, time, cancellationToken);
        return problem switch
        {
            NotFound<ProblemDetailsBody> notFound => notFound,
            ValidationProblem invalid => invalid,
            _ => TypedResults.Ok(new PreviewResponse(message!, (message as RenderedSms)?.Segments)),
        };
    }

    public static async Task<Results<Ok<TestSendResponse>, NotFound<ProblemDetailsBody>, ValidationProblem>> TestSendAsync(
        string key, string locale, TestSendRequest request, AutomationDb db, ITemplateRenderer renderer, TimeProvider time,
        IEmailSender email, ISmsSender sms, IPushSender push, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.To))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["An email address, E.164 number or push token to send the test to is required."] });
        }

        var (message, problem) = await RenderAsync(key, locale, request.Preview ?? new PreviewRequest(null, null, null, null, null, null, null, null), db, renderer, time, cancellationToken);
        if (problem is not null)
        {
            return problem switch
            {
                NotFound<ProblemDetailsBody> notFound => notFound,
                _ => (ValidationProblem)problem,
            };
        }

        // Test sends go through the configured channel, and are marked so nobody takes them for campaign mail.
        var result = message switch
        {
            RenderedEmail e => await email.SendAsync(e with { Subject = "[TEST] " + e.Subject }, request.To, null, cancellationToken),
            RenderedSms s => await sms.SendAsync(s, request.To, cancellationToken),
            RenderedPush p => await push.SendAsync(p, new PushToken(request.To, request.Platform ?? "fcm", time.GetUtcNow().UtcDateTime), cancellationToken),
            _ => throw new InvalidOperationException("Unknown message kind."),
        };
        return TypedResults.Ok(new TestSendResponse(message!, result));
    }

    /// <summary>
    /// Renders copy that is not saved yet (the editor's current text) for a contact, so an operator sees the result while
    /// typing. Copy that does not parse is the normal state of a draft mid-edit, not a bad request: the answer is 200 with
    /// no message and the syntax problems (line and column); only a malformed request or unknown contact is a 400.
    /// </summary>
    public static async Task<Results<Ok<DraftPreviewResponse>, ValidationProblem>> PreviewDraftAsync(
        DraftPreviewRequest request, AutomationDb db, ITemplateRenderer renderer, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = request.Template?.Check() ?? new Dictionary<string, string[]> { ["template"] = ["template is required."] };
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var t = request.Template!;
        // Id 0 marks an unsaved version: the renderer parses it for this call and does not cache it.
        var draft = new TemplateVersion(t.Key!, t.Channel!.Value, t.Locale!, 0, t.Content!, time.GetUtcNow().UtcDateTime);
        try
        {
            var (message, problem) = await RenderVersionAsync(draft, request.Preview ?? EmptyPreview, db, renderer, time, cancellationToken);
            return problem is not null ? (ValidationProblem)problem : TypedResults.Ok(new DraftPreviewResponse(message, (message as RenderedSms)?.Segments, []));
        }
        catch (TemplateSyntaxException ex)
        {
            return TypedResults.Ok(new DraftPreviewResponse(null, null, ex.Problems));
        }
    }

    private static readonly PreviewRequest EmptyPreview = new(null, null, null, null, null, null, null, null);

    private static async Task<(RenderedMessage? Message, IResult? Problem)> RenderAsync(
        string key, string locale, PreviewRequest request, AutomationDb db, ITemplateRenderer renderer, TimeProvider time, CancellationToken cancellationToken)
    {
        var template = await TemplateEndpoints.FindAsync(db, key, locale, cancellationToken);
        if (template is null)
        {
            return (null, TemplateEndpoints.NotFound(key, locale));
        }

        var version = await db.MessageTemplateVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.TemplateId == template.Id && v.Version == (request.Version ?? template.Version), cancellationToken);
        if (version is null)
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [$"Template '{key}' ({locale}) has no version {request.Version}."] }));
        }

        try
        {
            return await RenderVersionAsync(version, request, db, renderer, time, cancellationToken);
        }
        catch (TemplateSyntaxException ex)
        {
            return (null, TemplateProblemResults.Invalid(ex.Problems));
        }
    }

    private static async Task<(RenderedMessage? Message, IResult? Problem)> RenderVersionAsync(
        TemplateVersion version, PreviewRequest request, AutomationDb db, ITemplateRenderer renderer, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sample = SampleContext.Create(version.Locale, now);
        Contact contact;
        if (request.ContactExternalId is { } externalId)
        {
            var found = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);
            if (found is null)
            {
                return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactExternalId"] = [$"No contact with external id '{externalId}'."] }));
            }

            contact = found;
        }
        else
        {
            contact = request.Contact is { } inline ? FromSample(inline, now) : sample.Contact;
        }

        var contactEvent = request.EventName is { } name
            ? new ContactEvent(contact.Id, name, now, now) { Properties = request.EventProperties ?? [], AmountMinor = request.EventAmountMinor }
            : sample.Event;
        var context = new MessageContext(contact)
        {
            Event = contactEvent,
            JourneyVariables = request.JourneyVariables ?? sample.JourneyVariables,
            Coupon = request.Coupon ?? sample.Coupon,
            UnsubscribeUrl = sample.UnsubscribeUrl,
        };

        // A version that does not parse throws TemplateSyntaxException; each caller decides what that means for it.
        return (renderer.Render(version, context), null);
    }

    private static Contact FromSample(SampleContact s, DateTime now) => new("preview", now)
    {
        FirstName = s.FirstName,
        LastName = s.LastName,
        Email = s.Email,
        Phone = s.Phone,
        Locale = s.Locale,
        TimeZone = s.TimeZone,
        Country = s.Country,
        City = s.City,
        Attributes = s.Attributes ?? [],
        Tags = s.Tags ?? [],
    };
}
