using Quartz;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>
/// Refreshes the facts that change with time alone, then every segment, so segments never lag behind the
/// facts they are defined on. <see cref="SegmentRefreshJob"/> stands down on the ticks this job also has.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FactsRefreshJob(FactsRefresher facts, SegmentRefresher segments) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await RunAsync(cancellationToken);

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        await facts.RefreshAsync(cancellationToken);
        await segments.RefreshAllAsync(cancellationToken);
    }
}
