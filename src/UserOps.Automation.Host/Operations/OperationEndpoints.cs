using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Operations;

/// <summary>Long operations (imports, segment refreshes, blast firings): the running ones and the recent ones, with progress.</summary>
internal static class OperationEndpoints
{
    public static void MapOperationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operations").WithTags("Operations").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
    }

    /// <summary>Whether the client asked for a 202 and an operation to follow (RFC 7240 <c>Prefer: respond-async</c>).</summary>
    public static bool PrefersAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers["Prefer"].Any(v => v is not null && v.Contains("respond-async", StringComparison.OrdinalIgnoreCase));
    }

    public static Accepted<OperationView> Accepted(Operation operation) =>
        TypedResults.Accepted($"/api/operations/{operation.Id}", OperationView.From(operation));

    /// <param name="status"><c>running</c>, <c>finished</c>, or nothing for both.</param>
    private static async Task<Results<Ok<List<OperationView>>, ValidationProblem>> ListAsync(
        AutomationDb db, CancellationToken cancellationToken, string? status = null, string? kind = null, int take = 20)
    {
        var query = db.Operations.AsNoTracking();
        switch (status)
        {
            case null or "":
                break;
            case "running":
                query = query.Where(o => o.Status == OperationStatus.Running);
                break;
            case "finished":
                query = query.Where(o => o.Status != OperationStatus.Running);
                break;
            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"'{status}' is not a status filter: use 'running' or 'finished'."] });
        }

        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(o => o.Kind == kind);
        }

        var operations = await query.OrderByDescending(o => o.StartedAt).ThenByDescending(o => o.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return TypedResults.Ok(operations.Select(o => OperationView.From(o, withErrors: false)).ToList());
    }

    private static async Task<Results<Ok<OperationView>, NotFound<ProblemDetailsBody>>> GetAsync(long id, AutomationDb db, CancellationToken cancellationToken)
    {
        var operation = await db.Operations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return operation is null
            ? TypedResults.NotFound(new ProblemDetailsBody("Operation not found", $"There is no operation {id}.", 404))
            : TypedResults.Ok(OperationView.From(operation));
    }
}
