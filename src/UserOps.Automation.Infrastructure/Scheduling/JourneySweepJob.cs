using Quartz;
using UserOps.Automation.Infrastructure.Journeys;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>
/// Every few seconds: enrol new segment entrants, then advance due journeys for a bounded time. Not
/// <c>DisallowConcurrentExecution</c> (in a cluster that would block the job on every host): each host runs its
/// own sweep, and the leases in the journeys table let the hosts share the work.
/// </summary>
public sealed class JourneySweepJob(JourneyEngine engine) : IJob
{
    /// <summary>A firing stops taking new batches after this; the next firing carries on.</summary>
    public static TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(20);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{context.FireInstanceId}";
        await engine.EnrolAndSweepUnlessSweepingAsync(owner, Budget, cancellationToken);
    }
}
