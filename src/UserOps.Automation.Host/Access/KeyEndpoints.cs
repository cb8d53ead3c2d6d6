using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>Write keys by API (an existing key is needed): list, create (the secret is shown once), revoke.</summary>
internal static class KeyEndpoints
{
    public static void MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Access").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapGet("/", async (AutomationDb db, CancellationToken cancellationToken) =>
            TypedResults.Ok(await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id)
                .Select(k => new KeyInfo(k.Name, k.Prefix, k.CreatedAt, k.RevokedAt)).ToListAsync(cancellationToken)));
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{prefix}", RevokeAsync);
    }

    private static async Task<Results<Created<CreatedKey>, ValidationProblem>> CreateAsync(
        CreateKeyRequest request, AutomationDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name of 1 to 100 characters is required."] });
        }

        var (key, secret) = ApiKey.Generate(request.Name.Trim(), time.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/keys/{key.Prefix}", new CreatedKey(key.Name, key.Prefix, secret));
    }

    private static async Task<Results<NoContent, NotFound, Conflict<string>>> RevokeAsync(
        string prefix, AutomationDb db, TimeProvider time, CancellationToken cancellationToken)
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

        matching[0].Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

public sealed record CreateKeyRequest(string? Name);

public sealed record KeyInfo(string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>The only time the secret is shown.</summary>
public sealed record CreatedKey(string Name, string Prefix, string Key);
