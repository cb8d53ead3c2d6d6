using Quartz;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>The keys of the host's own jobs; one trigger per recurring job bears the same name.</summary>
public static class AutomationJobs
{
    public const string Group = "automation";

    public static JobKey FactsRefresh { get; } = new("facts-refresh", Group);

    public static JobKey SegmentRefresh { get; } = new("segment-refresh", Group);

    public static JobKey JourneySweep { get; } = new("journey-sweep", Group);

    public static JobKey Dispatch { get; } = new("dispatch", Group);

    /// <summary>Durable: each published Schedule trigger attaches its own trigger, named <c>blast:{definitionId}</c>.</summary>
    public static JobKey Blast { get; } = new("blast", Group);
}
