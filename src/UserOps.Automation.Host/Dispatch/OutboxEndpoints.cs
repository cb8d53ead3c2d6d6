using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
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

    /// <summary>Newest first, in pages: pass the previous page's <c>nextBeforeId</c> as <c>beforeId</c>.</summary>
    private static async Task<Results<Ok<OutboxPage>, ValidationProblem>> ListAsync(
        AutomationDb db, CancellationToken cancellationToken, OutboxStatus? status = null, Channel? channel = null, string? workflow = null,
        string? reason = null, long? contact = null, long? beforeId = null, int limit = 100)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1-1000."] });
        }

        var query = db.OutboxMessages.AsNoTracking();
        query = status is null ? query : query.Where(m => m.Status == status);
        query = channel is null ? query : query.Where(m => m.Channel == channel);
        query = workflow is null ? query : query.Where(m => m.DefinitionId == workflow);
        query = reason is null ? query : query.Where(m => m.Reason != null && m.Reason.Contains(reason));
        query = contact is null ? query : query.Where(m => m.ContactId == contact);
        query = beforeId is null ? query : query.Where(m => m.Id < beforeId);
        var rows = await query.OrderByDescending(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).Select(OutboxSummary.From).ToList();
        return TypedResults.Ok(new OutboxPage(page, rows.Count > limit ? page[^1].Id : null));
    }

    private static async Task<Results<Ok<OutboxDetail>, NotFound<ProblemDetailsBody>>> GetAsync(long id, AutomationDb db, CancellationToken cancellationToken)
    {
        var row = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (row is null)
        {
            return TypedResults.NotFound(new ProblemDetailsBody("Outbox message not found", $"No outbox message has id {id}.", 404));
        }

        var attempts = await db.MessageAttempts.AsNoTracking().Where(a => a.OutboxMessageId == id).OrderBy(a => a.Number).ThenBy(a => a.Id)
            .Select(a => new OutboxAttempt(a.Number, a.At, a.Outcome, a.ProviderMessageId, a.ErrorCode, a.ErrorMessage, a.DurationMs))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new OutboxDetail(OutboxSummary.From(row), attempts));
    }
}
