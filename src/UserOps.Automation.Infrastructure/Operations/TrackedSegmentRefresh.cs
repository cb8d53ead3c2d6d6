using System.Globalization;
using System.Text.Json.Nodes;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>Segment refreshes recorded as operations: one segment ("Refresh now"), or all of them (the scheduled refresh), segment by segment.</summary>
public sealed class TrackedSegmentRefresh(SegmentRefresher refresher, OperationTracker tracker)
{
    public const string AllSegments = "all segments";

    public Task<TrackedOperation> StartAsync(string segmentKey, string? startedBy, CancellationToken cancellationToken) =>
        tracker.StartAsync(OperationKinds.SegmentRefresh, segmentKey, "segments", startedBy, 1, $"Refreshing {segmentKey}", cancellationToken);

    public async Task<SegmentRefreshResult> RunAsync(TrackedOperation operation, string segmentKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            var result = await refresher.RefreshAsync(segmentKey, cancellationToken);
            await operation.CompleteAsync(Summary(result), Counts([result]), processed: 1, cancellationToken: cancellationToken);
            return result;
        }
        catch (Exception e)
        {
            await operation.FailAsync(e);
            throw;
        }
    }

    public async Task<IReadOnlyList<SegmentRefreshResult>> RefreshAllAsync(string? startedBy, CancellationToken cancellationToken)
    {
        await using var operation = await tracker.StartAsync(OperationKinds.SegmentRefresh, AllSegments, "segments", startedBy, null, "Refreshing every segment", cancellationToken);
        try
        {
            var results = await refresher.RefreshAllAsync(
                (done, total, ct) => operation.ReportAsync(done.Count, total, Summary(done[^1]), Counts(done), cancellationToken: ct),
                cancellationToken);
            await operation.CompleteAsync(
                string.Create(CultureInfo.InvariantCulture, $"{results.Count} segments refreshed: {results.Sum(r => r.Entered):N0} entered, {results.Sum(r => r.Left):N0} left"),
                Counts(results), processed: results.Count, cancellationToken: cancellationToken);
            return results;
        }
        catch (Exception e)
        {
            await operation.FailAsync(e);
            throw;
        }
    }

    private static string Summary(SegmentRefreshResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Segment}: {r.Entered:N0} entered, {r.Left:N0} left, {r.Members:N0} members");

    private static JsonObject Counts(IReadOnlyCollection<SegmentRefreshResult> results) => new()
    {
        ["entered"] = results.Sum(r => r.Entered),
        ["left"] = results.Sum(r => r.Left),
        ["members"] = results.Sum(r => r.Members),
    };
}
