using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Host.Ingestion;

/// <summary>How far the event applier is behind what was accepted (ADR 0009): pending queue rows and the oldest one's age.</summary>
internal static class IngestionBacklogEndpoint
{
    public static void MapIngestionBacklogEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/ingestion/backlog", async (EventApplier applier, CancellationToken ct) =>
            {
                var backlog = await applier.BacklogAsync(ct);
                return TypedResults.Ok(new IngestionBacklogView(backlog.Pending, backlog.OldestQueuedAt, backlog.Lag.TotalSeconds));
            })
            .WithTags("Ingestion")
            .RequireAuthorization(AutomationHost.WritePolicy);
}

/// <summary>The applier's backlog as the API shows it.</summary>
internal sealed record IngestionBacklogView(int Pending, DateTime? OldestQueuedAt, double LagSeconds);
