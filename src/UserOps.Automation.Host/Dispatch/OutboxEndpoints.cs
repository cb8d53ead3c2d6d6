using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Dispatch;

/// <summary>The outbox as operators see it: every intended message, its status and reason, and each attempt.</summary>
internal static class OutboxEndpoints
{
    public static void MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outbox").WithTags("Outbox").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
    }

    /// <summary>
    /// Newest first, in pages: pass the previous page's <c>nextBeforeId</c> as <c>beforeId</c>. <c>from</c> (inclusive) and
    /// <c>to</c> (exclusive) bound the creation instant; a contact is named by its internal id or its external id.
    /// </summary>
    private static async Task<Results<Ok<OutboxPage>, ValidationProblem>> ListAsync(
        AutomationDb db, CancellationToken cancellationToken, OutboxStatus? status = null, Channel? channel = null, string? workflow = null,
        string? reason = null, long? contact = null, string? contactExternalId = null, string? template = null, DateTime? from = null, DateTime? to = null,
        long? beforeId = null, int limit = 100)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1-1000."] });
        }

        if (from is not null && to is not null && from >= to)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["to must be after from."] });
        }

        var query = db.OutboxMessages.AsNoTracking();
        query = status is null ? query : query.Where(m => m.Status == status);
        query = channel is null ? query : query.Where(m => m.Channel == channel);
        query = workflow is null ? query : query.Where(m => m.DefinitionId == workflow);
        query = reason is null ? query : query.Where(m => m.Reason != null && m.Reason.Contains(reason));
        query = contact is null ? query : query.Where(m => m.ContactId == contact);
        query = contactExternalId is null ? query : query.Where(m => db.Contacts.Any(c => c.Id == m.ContactId && c.ExternalId == contactExternalId));
        query = template is null ? query : query.Where(m => m.TemplateKey == template);
        query = from is null ? query : query.Where(m => m.CreatedAt >= Utc(from.Value));
        query = to is null ? query : query.Where(m => m.CreatedAt < Utc(to.Value));
        query = beforeId is null ? query : query.Where(m => m.Id < beforeId);
        var rows = await query.OrderByDescending(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var shown = rows.Take(limit).ToList();
        var contactIds = shown.Select(m => m.ContactId).Distinct().ToList();
        var externalIds = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ExternalId, cancellationToken);
        var page = shown.Select(m => OutboxSummary.From(m) with { ContactExternalId = externalIds.GetValueOrDefault(m.ContactId) }).ToList();
        return TypedResults.Ok(new OutboxPage(page, rows.Count > limit ? page[^1].Id : null));
    }

    private static async Task<Results<Ok<OutboxDetail>, NotFound<ProblemDetailsBody>>> GetAsync(
        long id, AutomationDb db, ITemplateRenderer renderer, CancellationToken cancellationToken)
    {
        var row = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (row is null)
        {
            return TypedResults.NotFound(new ProblemDetailsBody("Outbox message not found", $"No outbox message has id {id}.", 404));
        }

        var attempts = await db.MessageAttempts.AsNoTracking().Where(a => a.OutboxMessageId == id).OrderBy(a => a.Number).ThenBy(a => a.Id)
            .Select(a => new OutboxAttempt(a.Number, a.At, a.Outcome, a.ProviderMessageId, a.ErrorCode, a.ErrorMessage, a.DurationMs))
            .ToListAsync(cancellationToken);
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == row.ContactId, cancellationToken);
        var view = await OutboxMessageView.LoadAsync(row, contact, db, renderer, cancellationToken);
        return TypedResults.Ok(new OutboxDetail(OutboxSummary.From(row) with { ContactExternalId = contact?.ExternalId }, attempts)
        {
            Contact = contact is null ? null : new OutboxContact(contact.ExternalId, contact.FirstName, contact.LastName, contact.Email, contact.Phone, contact.Locale, contact.TimeZone),
            Captured = view.Captured,
            Rendered = view.Rendered,
            RenderedFrom = view.RenderedFrom,
        });
    }

    // Query strings without an offset bind as Unspecified; the store holds UTC.
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
