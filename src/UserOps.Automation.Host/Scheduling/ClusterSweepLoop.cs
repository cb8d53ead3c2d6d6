using Microsoft.Extensions.Options;
using Quartz;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Scheduling;

namespace UserOps.Automation.Host.Scheduling;

/// <summary>
/// On a shared database every host sweeps on the sweep cron, on its own. Quartz's clustered sweep trigger fires on one
/// host per tick, and the host that fires a recurring trigger acquires its next firing at once, so in practice one host
/// would do all the journey work while the others idle. The leases in the journeys table let the hosts' sweeps share
/// it; the engine runs one sweep per host at a time, so this loop and the Quartz firing never overlap on a host.
/// </summary>
internal sealed class ClusterSweepLoop(
    JourneyEngine engine, IHostApplicationLifetime lifetime, IOptions<DatabaseOptions> database, IOptions<QuartzSchedulingOptions> scheduling, TimeProvider time, ILogger<ClusterSweepLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider == DatabaseProvider.Sqlite || !scheduling.Value.Enabled)
        {
            // A SQLite file has one host, and Quartz's sweep trigger always fires on it.
            return;
        }

        // Not before the start-up work (migrations, seeders) is done: Quartz starts then too.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var cron = new CronExpression(scheduling.Value.SweepCron);
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:loop";
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = cron.GetNextValidTimeAfter(now) ?? now.AddSeconds(2);
            await Task.Delay(next - now, time, stoppingToken);
            try
            {
                await engine.EnrolAndSweepUnlessSweepingAsync(owner, JourneySweepJob.Budget, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; journeys stay due in the table.
                logger.LogError(e, "Journey sweep failed");
            }
        }
    }
}
