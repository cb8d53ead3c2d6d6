using System.Globalization;
using Quartz;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Operations;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>
/// Fires a published workflow's Schedule trigger. The run is named by its scheduled instant, so a firing that is
/// repeated (a one-off registered again on restart, recovery after a crash, a second host) enrols nobody twice.
/// </summary>
public sealed class BlastJob(JourneyEngine engine, TrackedBlast? tracked = null) : IJob
{
    public const string VersionIdKey = "versionId";

    /// <summary>
    /// The run's name when the trigger carries it: a one-off's <c>at</c>. Quartz's FireNow moves a missed one-off's
    /// scheduled time to whenever it was found, so that time would name each re-registered firing differently.
    /// </summary>
    public const string RunKeyKey = "runKey";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var versionId = context.MergedJobDataMap.GetLong(VersionIdKey);
        var runKey = context.MergedJobDataMap.TryGetString(RunKeyKey, out var key) && !string.IsNullOrEmpty(key)
            ? key
            : RunKey((context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime);
        // Recorded as an operation where the host tracks them, so the console shows the launch's progress.
        _ = tracked is null
            ? await engine.FireBlastAsync(versionId, runKey, cancellationToken)
            : await tracked.FireAsync(versionId, runKey, "scheduler", cancellationToken);
    }

    /// <summary>The name of the firing scheduled at <paramref name="scheduledUtc"/>.</summary>
    public static string RunKey(DateTime scheduledUtc) => scheduledUtc.ToString("O", CultureInfo.InvariantCulture);
}
