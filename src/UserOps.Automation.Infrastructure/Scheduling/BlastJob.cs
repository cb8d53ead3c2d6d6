using Quartz;
using UserOps.Automation.Infrastructure.Journeys;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>
/// Fires a published workflow's Schedule trigger. The run is named by the trigger's scheduled instant, so a
/// firing that Quartz repeats (recovery after a crash, a second host) enrols nobody twice.
/// </summary>
public sealed class BlastJob(JourneyEngine engine) : IJob
{
    public const string VersionIdKey = "versionId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var versionId = context.MergedJobDataMap.GetLong(VersionIdKey);
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await engine.FireBlastAsync(versionId, scheduled.UtcDateTime.ToString("O"), cancellationToken);
    }
}
