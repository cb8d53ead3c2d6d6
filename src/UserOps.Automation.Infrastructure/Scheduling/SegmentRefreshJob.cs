using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Operations;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>Refreshes every segment on the <c>Segments:RefreshCron</c> cadence.</summary>
[DisallowConcurrentExecution]
public sealed class SegmentRefreshJob(
    SegmentRefresher segments, IOptions<FactsOptions> facts, ILogger<SegmentRefreshJob> logger, TrackedSegmentRefresh? tracked = null) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await RunAsync(context.ScheduledFireTimeUtc, cancellationToken);

    /// <returns>Whether the segments were refreshed (false when the facts refresh owns this tick).</returns>
    internal async Task<bool> RunAsync(DateTimeOffset? scheduledAt, CancellationToken cancellationToken)
    {
        if (scheduledAt is { } at && FactsRefreshIsDueAt(facts.Value.RefreshCron, at))
        {
            // Both are due: the facts job refreshes the segments right after the facts, so refreshing them
            // here, possibly on stale facts and concurrently with it, would only be wasted work.
            logger.LogDebug("Segment refresh at {At} left to the facts refresh due at the same time", at);
            return false;
        }

        // Recorded as an operation where the host tracks them, so the console shows the refresh running.
        _ = tracked is null
            ? await segments.RefreshAllAsync(cancellationToken)
            : await tracked.RefreshAllAsync("scheduler", cancellationToken);
        return true;
    }

    /// <summary>Whether the facts cron (evaluated in UTC, as the trigger is) has a tick at <paramref name="scheduledAt"/>.</summary>
    internal static bool FactsRefreshIsDueAt(string factsCron, DateTimeOffset scheduledAt) =>
        CronExpression.Parse(factsCron).WithTimeZone(TimeZoneInfo.Utc).IsSatisfiedBy(scheduledAt);
}
