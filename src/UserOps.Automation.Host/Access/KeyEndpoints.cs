using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>API keys, for admins: list, create with a role (the secret is shown once), revoke.</summary>
internal static class KeyEndpoints
{
    /// <summary>What a key made without a role may do: enough for ingestion and drafts, not publishing (ADR 0008).</summary>
    public const AccessRole DefaultRole = AccessRole.Editor;

    public static void MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Access").RequireAuthorization(AutomationHost.WritePolicy).RequireRole(AccessRole.Admin);
        group.MapGet("/", async (AutomationDb db, CancellationToken cancellationToken) =>
            TypedResults.Ok((await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken)).Select(KeyInfo.From).ToList()));
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{prefix}", RevokeAsync);
    }

    private static async Task<Results<Created<CreatedKey>, ValidationProblem>> CreateAsync(
        CreateKeyRequest request, AutomationDb db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["A name of 1 to 100 characters is required."];
        }

        var role = DefaultRole;
        if (request.Role is not null && !AccessRoles.TryParse(request.Role, out role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", AccessRoles.Names)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (key, secret) = ApiKey.Generate(request.Name!.Trim(), time.GetUtcNow().UtcDateTime, role);
        db.ApiKeys.Add(key);
        audit.Record(AuditEntities.ApiKey, key.Prefix, AuditActions.Create, null, KeyInfo.From(key));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/keys/{key.Prefix}", new CreatedKey(key.Name, key.Prefix, AccessRoles.Name(key.Role), secret));
    }

    private static async Task<Results<NoContent, NotFound, Conflict<string>>> RevokeAsync(
        string prefix, AutomationDb db, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var matching = await db.ApiKeys.Where(k => k.Prefix == prefix && k.RevokedAt == null).ToListAsync(cancellationToken);
        if (matching.Count == 0)
        {
            return TypedResults.NotFound();
        }

        if (matching.Count > 1)
        {
            return TypedResults.Conflict($"'{prefix}' names {matching.Count} active keys; revoke them with the CLI.");
        }

        var before = KeyInfo.From(matching[0]);
        matching[0].Revoke(time.GetUtcNow().UtcDateTime);
        audit.Record(AuditEntities.ApiKey, prefix, AuditActions.Revoke, before, KeyInfo.From(matching[0]));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

public sealed record CreateKeyRequest(string? Name, string? Role);

/// <summary>A key as the API and the audit log show it: never the secret or its hash.</summary>
public sealed record KeyInfo(string Name, string Prefix, string Role, DateTime CreatedAt, DateTime? RevokedAt)
{
    public static KeyInfo From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Name, key.Prefix, AccessRoles.Name(key.Role), key.CreatedAt, key.RevokedAt);
    }
}

/// <summary>The only time the secret is shown.</summary>
public sealed record CreatedKey(string Name, string Prefix, string Role, string Key);
