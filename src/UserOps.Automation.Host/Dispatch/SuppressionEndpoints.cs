using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Dispatch;

/// <summary>The global suppression list: addresses (email, phone) nothing is sent to, whoever holds them.</summary>
internal static class SuppressionEndpoints
{
    public static void MapSuppressionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/suppressions").WithTags("Suppressions").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapGet("/", ListAsync);
        group.MapPost("/", AddAsync);
        // Adding protects contacts (editor); removing overrides an opt-out or a bounce, so it is an admin's call.
        group.MapDelete("/{channel}/{address}", RemoveAsync).RequireRole(AccessRole.Admin);
    }

    private static async Task<Ok<List<SuppressionEntry>>> ListAsync(AutomationDb db, CancellationToken cancellationToken, Channel? channel = null, string? address = null)
    {
        var query = db.Suppressions.AsNoTracking();
        query = channel is null ? query : query.Where(s => s.Channel == channel);
        query = address is null ? query : query.Where(s => s.Address.Contains(address));
        return TypedResults.Ok(await query.OrderByDescending(s => s.Id).Take(1000).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Created<SuppressionEntry>, Ok<SuppressionEntry>, ValidationProblem>> AddAsync(
        SuppressionRequest request, AutomationDb db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Channel is not (Channel.Email or Channel.Sms))
        {
            errors["channel"] = ["channel must be Email or Sms (push tokens are removed from the contact instead)."];
        }

        if (string.IsNullOrWhiteSpace(request.Address)
            || (request.Channel == Channel.Email && !request.Address.Contains('@', StringComparison.Ordinal))
            || (request.Channel == Channel.Sms && !request.Address.Trim().StartsWith('+')))
        {
            errors["address"] = ["address must be an email address (Email) or an E.164 number starting with + (Sms)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var normalized = SuppressionEntry.Normalize(request.Channel!.Value, request.Address!);
        if (await db.Suppressions.AsNoTracking().SingleOrDefaultAsync(s => s.Channel == request.Channel && s.Address == normalized, cancellationToken) is { } existing)
        {
            return TypedResults.Ok(existing);
        }

        var entry = new SuppressionEntry(request.Channel.Value, normalized, string.IsNullOrWhiteSpace(request.Reason) ? "added by an operator" : request.Reason, "api", time.GetUtcNow().UtcDateTime);
        db.Suppressions.Add(entry);
        audit.Record(AuditEntities.Suppression, $"{entry.Channel}/{entry.Address}", AuditActions.Create, null, entry);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/suppressions/{entry.Channel}/{Uri.EscapeDataString(entry.Address)}", entry);
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> RemoveAsync(
        Channel channel, string address, AutomationDb db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var normalized = SuppressionEntry.Normalize(channel, address);
        var entry = await db.Suppressions.SingleOrDefaultAsync(s => s.Channel == channel && s.Address == normalized, cancellationToken);
        if (entry is null)
        {
            return TypedResults.NotFound(new ProblemDetailsBody("Not suppressed", $"{channel} address '{address}' is not on the suppression list.", 404));
        }

        // Removing overrides an opt-out or a bounce: the audit log keeps who did it and what the entry said.
        db.Suppressions.Remove(entry);
        audit.Record(AuditEntities.Suppression, $"{entry.Channel}/{entry.Address}", AuditActions.Delete, entry, null);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
