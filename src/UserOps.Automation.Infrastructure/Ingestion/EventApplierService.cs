using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// The host's applier loop (ADR 0009): rounds back to back while they come back full, then sleeps until events are
/// accepted on this host (<see cref="EventApplier.Pulse"/>) or <see cref="IngestionOptions.ApplyPollInterval"/> passes
/// (events accepted by another host). A failed round rolled back whole; it is tried again after a pause.
/// </summary>
internal sealed class EventApplierService(EventApplier applier, IOptions<IngestionOptions> options, ILogger<EventApplierService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if ((await applier.ApplyRoundAsync(stoppingToken)).Full)
                {
                    continue;
                }

                await applier.WaitForWorkAsync(options.Value.ApplyPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Applier round failed; its events stay pending and are tried again");
                await applier.WaitForWorkAsync(options.Value.ApplyPollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
