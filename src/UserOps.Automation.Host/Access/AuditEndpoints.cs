using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>The audit log, for admins: newest first, filtered by entity, actor; <c>beforeId</c> pages back.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAsync).WithTags("Audit").RequireAuthorization(AutomationHost.WritePolicy).RequireRole(AccessRole.Admin);
    }

    private static async Task<Ok<List<AuditEntryInfo>>> ListAsync(
        AutomationDb db, CancellationToken cancellationToken, string? entityType = null, string? entityId = null, string? actor = null, long? beforeId = null, int take = 100)
    {
        var query = db.AuditEntries.AsNoTracking();
        query = string.IsNullOrEmpty(entityType) ? query : query.Where(e => e.EntityType == entityType);
        query = string.IsNullOrEmpty(entityId) ? query : query.Where(e => e.EntityId == entityId);
        query = string.IsNullOrEmpty(actor) ? query : query.Where(e => e.Actor == actor);
        query = beforeId is null ? query : query.Where(e => e.Id < beforeId);
        var entries = await query.OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(e => new AuditEntryInfo(
            e.Id, e.At, e.Actor, e.ActorKind, e.EntityType, e.EntityId, e.Action, Parse(e.Before), Parse(e.After))).ToList());
    }

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

public sealed record AuditEntryInfo(
    long Id, DateTime At, string Actor, string ActorKind, string EntityType, string EntityId, string Action, JsonElement? Before, JsonElement? After);
