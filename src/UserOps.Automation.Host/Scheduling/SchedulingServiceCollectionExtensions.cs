using Microsoft.Extensions.Options;
using Quartz;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Scheduling;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Host.Scheduling;

internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz in the host: its job store on the app's database (clustered on PostgreSQL and SQL Server), the
    /// recurring refresh jobs, and <see cref="QuartzScheduleRegistry"/> for triggers added at run time.
    /// Add a recurring job with one <c>AddRecurringJob</c> line below.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        services.AddOptions<QuartzSchedulingOptions>().BindConfiguration(QuartzSchedulingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SegmentsOptions>().BindConfiguration(SegmentsOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.RefreshCron, out _), "Segments:RefreshCron is not a valid Quartz cron expression.").ValidateOnStart();

        var scheduling = configuration.GetSection(QuartzSchedulingOptions.SectionName).Get<QuartzSchedulingOptions>() ?? new QuartzSchedulingOptions();
        var segments = configuration.GetSection(SegmentsOptions.SectionName).Get<SegmentsOptions>() ?? new SegmentsOptions();
        var facts = configuration.GetSection(FactsOptions.SectionName).Get<FactsOptions>() ?? new FactsOptions();

        services.AddQuartz(q =>
        {
            // Quartz wakes on the real clock; what a job computes comes from the injected TimeProvider. A test
            // that moves a fake clock 30 days must not make Quartz fire refreshes under its feet.
            q.UseTimeProvider(TimeProvider.System);
            q.ConfigureScheduler(s =>
            {
                // Hostname + time, unique per host. Quartz generates it only for a clustered store (PostgreSQL,
                // SQL Server); a SQLite file has one host, whose id is NON_CLUSTERED.
                s.InstanceName = scheduling.InstanceName;
                s.GenerateInstanceId = true;
            });
            q.UseAutomationStore(database);

            // Higher priority: when both are due the facts trigger is taken first, and the segment job stands down.
            q.AddRecurringJob<FactsRefreshJob>(AutomationJobs.FactsRefresh, facts.RefreshCron, CronTriggerMisfireInstruction.FireAndProceed, priority: 10);
            q.AddRecurringJob<SegmentRefreshJob>(AutomationJobs.SegmentRefresh, segments.RefreshCron, CronTriggerMisfireInstruction.DoNothing);

            // A missed sweep is simply the next one: due journeys stay due in the table.
            q.AddRecurringJob<JourneySweepJob>(AutomationJobs.JourneySweep, scheduling.SweepCron, CronTriggerMisfireInstruction.DoNothing, priority: 8);
            q.AddDurableJob<BlastJob>(AutomationJobs.Blast);
            q.AddRecurringJob<DispatchJob>(AutomationJobs.Dispatch, configuration["Dispatch:Cron"] ?? "0/2 * * * * ?", CronTriggerMisfireInstruction.DoNothing, priority: 7);
        });

        // Declared triggers replace the stored ones on every start (so a changed cron takes effect) but keep
        // their firing history, so a restart does not count as a missed tick.
        services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        services.AddQuartzHostedService(o =>
        {
            o.AutoStart = scheduling.Enabled;
            o.WaitForJobsToComplete = true;
        });
        services.AddSingleton<QuartzScheduleRegistry>();
        services.AddHostedService<ClusterSweepLoop>();
        return services;
    }
}
