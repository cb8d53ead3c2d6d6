using System.Text.Json.Nodes;

namespace UserOps.Automation.Host.SegmentApi;

/// <summary>One message of Segment's HTTP Tracking API (identify, track, page, screen); fields this host does not use are ignored.</summary>
internal sealed record SegmentMessage
{
    public string? Type { get; init; }
    public string? UserId { get; init; }
    public string? AnonymousId { get; init; }

    /// <summary>The event name of a track.</summary>
    public string? Event { get; init; }

    /// <summary>The page or screen name of a page or screen call.</summary>
    public string? Name { get; init; }

    public JsonObject? Traits { get; init; }
    public JsonObject? Properties { get; init; }
    public JsonObject? Context { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? MessageId { get; init; }
}

/// <summary>The body of <c>/v1/batch</c>.</summary>
internal sealed record SegmentBatch(IReadOnlyList<SegmentMessage>? Batch, JsonObject? Context = null);

/// <summary>What Segment answers on success.</summary>
internal sealed record SegmentResponse(bool Success);
