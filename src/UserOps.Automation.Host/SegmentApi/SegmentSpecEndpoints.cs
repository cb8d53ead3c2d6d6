using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Host.SegmentApi;

/// <summary>
/// Segment's HTTP Tracking API (<c>/v1/identify</c>, <c>/v1/track</c>, <c>/v1/page</c>, <c>/v1/screen</c>, <c>/v1/batch</c>),
/// so Segment's libraries and destinations can send here with the write key as the Basic user name. A call answers
/// once its messages are durable, as Segment's own API does; facts, segments and journeys follow within the event
/// applier's lag (ADR 0009, <c>GET /api/ingestion/backlog</c>). A repeated messageId is ignored.
/// </summary>
internal static class SegmentSpecEndpoints
{
    private static readonly SegmentResponse Success = new(true);

    public static void MapSegmentSpecEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Segment-compatible").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapPost("/identify", (SegmentMessage message, IngestionService ingestion, CancellationToken ct) => OneAsync(message with { Type = "identify" }, ingestion, ct));
        group.MapPost("/track", (SegmentMessage message, IngestionService ingestion, CancellationToken ct) => OneAsync(message with { Type = "track" }, ingestion, ct));
        group.MapPost("/page", (SegmentMessage message, IngestionService ingestion, CancellationToken ct) => OneAsync(message with { Type = "page" }, ingestion, ct));
        group.MapPost("/screen", (SegmentMessage message, IngestionService ingestion, CancellationToken ct) => OneAsync(message with { Type = "screen" }, ingestion, ct));
        group.MapPost("/batch", BatchAsync);
    }

    private static Task<Results<Ok<SegmentResponse>, ValidationProblem>> OneAsync(SegmentMessage message, IngestionService ingestion, CancellationToken cancellationToken) =>
        IngestAsync([message], prefix: string.Empty, ingestion, cancellationToken);

    /// <summary>
    /// The valid messages of a batch are stored even when others are not; the answer is then 400 naming the rejected
    /// ones (<c>batch[3].traits.email</c>), which Segment's libraries log and do not retry.
    /// </summary>
    private static async Task<Results<Ok<SegmentResponse>, ValidationProblem>> BatchAsync(
        SegmentBatch request, IngestionService ingestion, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        var count = request.Batch?.Count ?? 0;
        if (count == 0 || count > options.Value.MaxBatchItems)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["batch"] = [$"Send 1 to {options.Value.MaxBatchItems} messages; this call has {count}."] });
        }

        var messages = request.Context is null ? request.Batch! : request.Batch!.Select(m => m with { Context = m.Context ?? request.Context }).ToList();
        return await IngestAsync(messages, prefix: "batch", ingestion, cancellationToken);
    }

    private static async Task<Results<Ok<SegmentResponse>, ValidationProblem>> IngestAsync(
        IReadOnlyList<SegmentMessage> messages, string prefix, IngestionService ingestion, CancellationToken cancellationToken)
    {
        var contacts = new List<ContactInput>();
        var events = new List<EventInput>();
        var contactSources = new List<int>();
        var eventSources = new List<int>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            switch (messages[i].Type?.ToLowerInvariant())
            {
                case "identify":
                    contacts.Add(SegmentMessageMapper.ToContact(messages[i]));
                    contactSources.Add(i);
                    break;
                case "track" or "page" or "screen":
                    events.Add(SegmentMessageMapper.ToEvent(messages[i]));
                    eventSources.Add(i);
                    break;
                default:
                    errors[Name(prefix, i, "type")] = [$"Type '{messages[i].Type}' is not supported; send identify, track, page or screen."];
                    break;
            }
        }

        var result = await ingestion.IngestAsync(contacts, events, IngestionDurability.Accepted, cancellationToken);
        Collect(result.Contacts, contactSources, isEvent: false);
        Collect(result.Events, eventSources, isEvent: true);
        return errors.Count == 0 ? TypedResults.Ok(Success) : TypedResults.ValidationProblem(errors);

        void Collect(IReadOnlyList<ItemResult> items, List<int> sources, bool isEvent)
        {
            foreach (var item in items.Where(r => r.Errors is { Count: > 0 }))
            {
                foreach (var (field, messagesOfField) in item.Errors!)
                {
                    errors[Name(prefix, sources[item.Index], SegmentMessageMapper.FieldOf(field, isEvent))] = messagesOfField;
                }
            }
        }
    }

    private static string Name(string prefix, int index, string field) => prefix.Length == 0 ? field : $"{prefix}[{index}].{field}";
}
