using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Contacts;

/// <summary>Contacts: upsert one or many, read one with its recent events, search, and erase.</summary>
internal static class ContactEndpoints
{
    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapPut("/{externalId}", UpsertAsync);
        group.MapPost("/bulk", BulkAsync);
        group.MapGet("/{externalId}", GetAsync);
        group.MapGet("/", SearchAsync);
        group.MapDelete("/{externalId}", DeleteAsync);
    }

    private static async Task<Results<Created<ItemResult>, Ok<ItemResult>, ValidationProblem>> UpsertAsync(
        string externalId, ContactInput contact, IngestionService ingestion, CancellationToken cancellationToken)
    {
        var result = (await ingestion.UpsertContactsAsync([contact with { ExternalId = externalId }], cancellationToken)).Contacts[0];
        return result.Status switch
        {
            ItemStatus.Rejected => TypedResults.ValidationProblem(result.Errors!.ToDictionary()),
            ItemStatus.Created => TypedResults.Created($"/api/contacts/{Uri.EscapeDataString(result.ExternalId!)}", result),
            _ => TypedResults.Ok(result),
        };
    }

    private static async Task<Results<Ok<BulkResponse>, ValidationProblem>> BulkAsync(
        BulkRequest<ContactInput> request, IngestionService ingestion, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        if (BulkProblem(request.Items?.Count, options.Value.MaxBatchItems) is { } problem)
        {
            return problem;
        }

        var result = await ingestion.UpsertContactsAsync(request.Items!, cancellationToken);
        return TypedResults.Ok(BulkResponse.From(result.Contacts));
    }

    private static async Task<Results<Ok<ContactDetail>, NotFound<ProblemDetailsBody>>> GetAsync(string externalId, AutomationDb db, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().Include(c => c.PushTokens).Include(c => c.Interests).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);
        if (contact is null)
        {
            return NotFound(externalId);
        }

        var events = await db.Events.AsNoTracking().Where(e => e.ContactId == contact.Id)
            .OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Take(50).ToListAsync(cancellationToken);
        var segments = await db.SegmentMemberships.AsNoTracking().Where(m => m.ContactId == contact.Id)
            .Join(db.Segments, m => m.SegmentId, s => s.Id, (m, s) => new ContactSegmentView(s.Key, s.Name, m.EnteredAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(ContactDetail.From(contact, events) with { Segments = segments.OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList() });
    }

    private static async Task<Ok<List<ContactSummary>>> SearchAsync(AutomationDb db, CancellationToken cancellationToken, string? q = null, int skip = 0, int take = 50)
    {
        var query = db.Contacts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(c => c.ExternalId.Contains(term)
                || (c.Email != null && c.Email.Contains(term))
                || (c.Phone != null && c.Phone.Contains(term))
                || (c.FirstName != null && c.FirstName.Contains(term))
                || (c.LastName != null && c.LastName.Contains(term)));
        }

        var page = await query.OrderBy(c => c.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(c => new ContactSummary(c.ExternalId, c.Email, c.Phone, c.FirstName, c.LastName, c.Lifecycle.ToString(), c.LastActiveAt, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(page);
    }

    /// <summary>Erasure: the contact, its events, memberships, tokens, interests, journeys, coupons and messages.</summary>
    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> DeleteAsync(string externalId, AutomationDb db, CancellationToken cancellationToken) =>
        await ContactErasure.EraseAsync(db, externalId, cancellationToken) ? TypedResults.NoContent() : NotFound(externalId);

    internal static ValidationProblem? BulkProblem(int? count, int max) => count switch
    {
        null or 0 => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["items"] = ["Send at least one item."] }),
        _ when count > max => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["items"] = [$"At most {max} items per call; this call has {count}."] }),
        _ => null,
    };

    private static NotFound<ProblemDetailsBody> NotFound(string externalId) =>
        TypedResults.NotFound(new ProblemDetailsBody("Contact not found", $"There is no contact '{externalId}'.", 404));
}
