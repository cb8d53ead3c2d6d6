using Quartz;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>How this host configures Quartz: its store, and one-line registration of recurring and durable jobs.</summary>
public static class QuartzBuilderAutomationExtensions
{
    /// <summary>
    /// The ADO job store on the app's own database, with Quartz creating its <c>QRTZ_</c> tables when they are
    /// missing. Clustered where several hosts can share the database (PostgreSQL, SQL Server); a SQLite file
    /// belongs to one host, and SQLite has no row locks for Quartz's cluster protocol anyway.
    /// </summary>
    public static IQuartzBuilder UseAutomationStore(this IQuartzBuilder quartz, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(database);
        return quartz.UsePersistentStore(store =>
        {
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    store.UseSqlite(database.ConnectionString);
                    break;
                case DatabaseProvider.Postgres:
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering();
                    break;
                case DatabaseProvider.SqlServer:
                    store.UseSqlServer(database.ConnectionString);
                    store.UseClustering();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider.");
            }

            store.UseSystemTextJsonSerializer();
            store.ProvisionSchema();
        });
    }

    /// <summary>
    /// A job fired by one cron trigger of the same name, evaluated in UTC. The misfire instruction is
    /// required on purpose: what a missed tick means differs per job (docs/adr/0003-quartz-misfires.md).
    /// </summary>
    public static IQuartzBuilder AddRecurringJob<TJob>(
        this IQuartzBuilder quartz, JobKey key, string cron, CronTriggerMisfireInstruction misfire, int priority = 5)
        where TJob : class, IJob
    {
        ArgumentNullException.ThrowIfNull(key);
        quartz.AddJob<TJob>(j => j.WithIdentity(key));
        quartz.AddTrigger(t => t
            .ForJob(key)
            .WithIdentity(key.Name, key.Group)
            .WithPriority(priority)
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(misfire)));
        return quartz;
    }

    /// <summary>
    /// A job stored without triggers, for <see cref="QuartzScheduleRegistry"/> to attach cron and one-off
    /// triggers to at run time (workflow schedules, blasts).
    /// </summary>
    public static IQuartzBuilder AddDurableJob<TJob>(this IQuartzBuilder quartz, JobKey key)
        where TJob : class, IJob =>
        quartz.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably());
}
