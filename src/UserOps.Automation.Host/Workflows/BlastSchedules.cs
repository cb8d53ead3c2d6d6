using Microsoft.EntityFrameworkCore;
using Quartz;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Scheduling;

namespace UserOps.Automation.Host.Workflows;

/// <summary>
/// Keeps one Quartz trigger per published Schedule workflow, in its time zone: cron triggers fire once when a
/// missed tick is found (never once per missed tick), one-off triggers fire once when a host returns.
/// </summary>
internal sealed class BlastSchedules(AutomationDb db, QuartzScheduleRegistry registry, JourneyEngine engine, TimeProvider time)
{
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var versions = await db.WorkflowVersions.AsNoTracking()
            .Where(v => v.Status != WorkflowVersionStatus.Draft).ToListAsync(cancellationToken);
        // A deleted workflow (by the API or the command line) leaves no version to say its trigger must go.
        var known = versions.Select(v => $"blast:{v.DefinitionId}").ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in (await registry.TriggerNamesAsync(AutomationJobs.Blast, cancellationToken)).Where(n => !known.Contains(n)))
        {
            await registry.RemoveAsync(AutomationJobs.Blast, orphan, cancellationToken);
        }

        foreach (var version in versions)
        {
            var definition = version.Definition;
            var trigger = definition.Root.Activities.FirstOrDefault(a => a.Type == ActivityTypes.Schedule);
            if (trigger is null)
            {
                continue;
            }

            var name = $"blast:{definition.DefinitionId}";
            if (version.Status != WorkflowVersionStatus.Published)
            {
                // A retired version's trigger is replaced by its successor's below, or removed here.
                if (!versions.Any(v => v.DefinitionId == version.DefinitionId && v.Status == WorkflowVersionStatus.Published))
                {
                    await registry.RemoveAsync(AutomationJobs.Blast, name, cancellationToken);
                }

                continue;
            }

            var zone = ActivityInputs.Zone(trigger, "timeZone") ?? TimeZoneInfo.Utc;
            var data = new JobDataMap { [BlastJob.VersionIdKey] = version.Id };
            if (ActivityInputs.Text(trigger, "cron") is { } cron)
            {
                await registry.UpsertCronAsync(AutomationJobs.Blast, name, cron, zone, CronTriggerMisfireInstruction.FireAndProceed, data, cancellationToken);
            }
            else if (ActivityInputs.LocalDateTime(trigger, "at") is { } at)
            {
                // Every start syncs: a one-off that has fired is not registered again (a trigger in the past fires at once).
                var utc = Core.Workflows.TimeZones.ToUtc(at, zone);
                var runKey = BlastJob.RunKey(utc);
                var now = time.GetUtcNow().UtcDateTime;
                if (utc > now.AddYears(-1) && !await engine.HasRunAsync(definition.DefinitionId, runKey, cancellationToken))
                {
                    // A time already past starts now: left in the past, Quartz would wait for its misfire scan (up to a
                    // minute) before firing. The run keeps its name from 'at' either way.
                    data[BlastJob.RunKeyKey] = runKey;
                    var start = utc < now ? now : utc;
                    await registry.UpsertOnceAsync(AutomationJobs.Blast, name, new DateTimeOffset(start, TimeSpan.Zero), data: data, cancellationToken: cancellationToken);
                }
            }
        }
    }
}
