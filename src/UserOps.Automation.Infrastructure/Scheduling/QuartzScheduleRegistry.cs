using Quartz;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>
/// Adds, replaces and removes triggers of stored jobs at run time: a workflow's cron schedule in its
/// time zone, a one-off blast. Triggers are named by the caller, so scheduling the same thing again
/// replaces it (an upsert, one store operation under Quartz's lock, safe with several hosts).
/// </summary>
public sealed class QuartzScheduleRegistry(ISchedulerFactory schedulers)
{
    /// <summary>
    /// Fires <paramref name="job"/> on <paramref name="cron"/> (Quartz cron, with seconds) in
    /// <paramref name="timeZone"/>. A missed tick is dropped by default (<see cref="CronTriggerMisfireInstruction.DoNothing"/>):
    /// a recurring send that ran late would reach contacts at a time nobody chose.
    /// </summary>
    public async Task UpsertCronAsync(
        JobKey job,
        string triggerName,
        string cron,
        TimeZoneInfo timeZone,
        CronTriggerMisfireInstruction misfire = CronTriggerMisfireInstruction.DoNothing,
        JobDataMap? data = null,
        CancellationToken cancellationToken = default)
    {
        var trigger = Trigger(job, triggerName, data)
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(timeZone).WithMisfireInstruction(misfire))
            .Build();
        await ScheduleAsync(trigger, cancellationToken);
    }

    /// <summary>
    /// Fires <paramref name="job"/> once at <paramref name="at"/>. Missed while every host was down, it fires
    /// once as soon as one is back (<see cref="SimpleTriggerMisfireInstruction.FireNow"/>); a one-shot trigger
    /// cannot fire twice, and the outbox's idempotency keys guard the sends it makes.
    /// </summary>
    public async Task UpsertOnceAsync(
        JobKey job,
        string triggerName,
        DateTimeOffset at,
        SimpleTriggerMisfireInstruction misfire = SimpleTriggerMisfireInstruction.FireNow,
        JobDataMap? data = null,
        CancellationToken cancellationToken = default)
    {
        var trigger = Trigger(job, triggerName, data)
            .StartAt(at)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(misfire))
            .Build();
        await ScheduleAsync(trigger, cancellationToken);
    }

    /// <returns>Whether there was such a trigger.</returns>
    public async Task<bool> RemoveAsync(JobKey job, string triggerName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.UnscheduleJob(new TriggerKey(triggerName, job.Group), cancellationToken);
    }

    /// <summary>The names of <paramref name="job"/>'s triggers (to remove those whose subject is gone).</summary>
    public async Task<IReadOnlyList<string>> TriggerNamesAsync(JobKey job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return (await scheduler.GetTriggersOfJob(job, cancellationToken)).Select(t => t.Key.Name).ToList();
    }

    /// <summary>The trigger as stored, or null; for the console and for tests.</summary>
    public async Task<ITrigger?> FindAsync(JobKey job, string triggerName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.GetTrigger(new TriggerKey(triggerName, job.Group), cancellationToken);
    }

    private static TriggerBuilder<IJob> Trigger(JobKey job, string triggerName, JobDataMap? data)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(triggerName);
        var builder = TriggerBuilder.Create().WithIdentity(triggerName, job.Group).ForJob(job);
        return data is null ? builder : builder.UsingJobData(data);
    }

    private async Task ScheduleAsync(ITrigger trigger, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
