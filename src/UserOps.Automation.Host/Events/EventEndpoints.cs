using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using UserOps.Automation.Host.Contacts;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Host.Events;

/// <summary>Events: record one or many. An event for an unknown contact creates it (docs/adr/0002).</summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("Events").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapPost("/", RecordAsync);
        group.MapPost("/bulk", BulkAsync);
    }

    private static async Task<Results<Ok<ItemResult>, ValidationProblem>> RecordAsync(EventInput contactEvent, IngestionService ingestion, CancellationToken cancellationToken)
    {
        var result = (await ingestion.RecordEventsAsync([contactEvent], cancellationToken)).Events[0];
        return result.Status == ItemStatus.Rejected ? TypedResults.ValidationProblem(result.Errors!.ToDictionary()) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<BulkResponse>, ValidationProblem>> BulkAsync(
        BulkRequest<EventInput> request, IngestionService ingestion, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        if (ContactEndpoints.BulkProblem(request.Items?.Count, options.Value.MaxBatchItems) is { } problem)
        {
            return problem;
        }

        var result = await ingestion.RecordEventsAsync(request.Items!, cancellationToken);
        return TypedResults.Ok(BulkResponse.From(result.Events));
    }
}
