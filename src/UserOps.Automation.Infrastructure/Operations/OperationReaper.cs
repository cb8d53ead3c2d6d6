using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>
/// Fails the operations whose host died: still <see cref="OperationStatus.Running"/>, but no heartbeat for
/// <see cref="OperationsOptions.DeadAfterSeconds"/>. Any host may run it (on start and periodically); the UPDATE
/// is idempotent, so two hosts reaping at once do no harm.
/// </summary>
public sealed class OperationReaper(
    IDbContextFactory<AutomationDb> dbFactory, OperationTracker tracker, TimeProvider time, IOptions<OperationsOptions>? options = null)
{
    private readonly OperationsOptions _options = options?.Value ?? new OperationsOptions();

    public TimeSpan DeadAfter => TimeSpan.FromSeconds(_options.DeadAfterSeconds);

    /// <summary>Marks the dead hosts' operations failed; returns how many.</summary>
    public async Task<int> ReapAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - DeadAfter;
        // This process's own live operations are alive whatever their row says (a beat may be waiting for a lock).
        var live = tracker.Live.ToList();
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Host stopped: the host running it sent no heartbeat for {_options.DeadAfterSeconds} s, so it was marked failed.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Operations
            .Where(o => o.Status == OperationStatus.Running && o.HeartbeatAt < cutoff && !live.Contains(o.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OperationStatus.Failed)
                .SetProperty(o => o.Message, message)
                .SetProperty(o => o.UpdatedAt, now)
                .SetProperty(o => o.FinishedAt, now), cancellationToken);
    }
}
