using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>/health: Degraded (still 200) when the oldest accepted event waits longer than <see cref="IngestionOptions.MaxApplyLag"/>.</summary>
internal sealed class IngestionBacklogCheck(EventApplier applier, IOptions<IngestionOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await applier.BacklogAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["pending"] = backlog.Pending, ["lagSeconds"] = backlog.Lag.TotalSeconds };
        var description = $"{backlog.Pending} pending, oldest {backlog.Lag.TotalSeconds:0.#} s";
        return backlog.Lag > options.Value.MaxApplyLag
            ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Healthy(description, data);
    }
}
