using Microsoft.Extensions.Options;
using UserOps.Automation.Infrastructure.Operations;

namespace UserOps.Automation.Host.Operations;

/// <summary>Runs <see cref="OperationReaper"/> when the host starts and every <see cref="OperationsOptions.ReapSeconds"/> after.</summary>
internal sealed class OperationReaperService(
    OperationReaper reaper, IOptions<OperationsOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<OperationReaperService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the start-up work (migrations) is done.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReapSeconds), time);
        do
        {
            try
            {
                var reaped = await reaper.ReapAsync(stoppingToken);
                if (reaped > 0)
                {
                    logger.LogWarning("{Count} operations were left running by a host that stopped; marked failed", reaped);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable (a migration at start, a lock); the next tick tries again.
                logger.LogWarning(e, "Looking for operations of stopped hosts failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
