using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// Where a dispatch round's time goes, as the <c>userops.dispatch.stage</c> histogram (milliseconds, tagged with the
/// stage) of the <c>UserOps.Automation.Dispatch</c> meter: claim, guard lookups, render, links (unsubscribe URL and
/// Message-ID), MIME build, the Sending commit, the sends and the recording. One measurement per stage and round (the
/// per-message stages summed over the round), so that nothing is paid per message when no listener is attached.
/// </summary>
internal static class DispatchStages
{
    public const string MeterName = "UserOps.Automation.Dispatch";
    public const string InstrumentName = "userops.dispatch.stage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Durations = Meter.CreateHistogram<double>(InstrumentName, "ms", "Wall time of one dispatch stage over one round.");

    public static bool Enabled => Durations.Enabled;

    /// <summary>Records <paramref name="ticks"/> (<see cref="Stopwatch"/> ticks) spent in <paramref name="stage"/> by one round.</summary>
    public static void Record(string stage, long ticks)
    {
        if (ticks > 0 && Durations.Enabled)
        {
            Durations.Record(ticks * 1000.0 / Stopwatch.Frequency, new KeyValuePair<string, object?>("stage", stage));
        }
    }

    /// <summary>Records the time since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void Since(string stage, long started) => Record(stage, Stopwatch.GetTimestamp() - started);
}
