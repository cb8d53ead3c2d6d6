using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>Starts <see cref="Operation"/> rows; the returned <see cref="TrackedOperation"/> reports progress and the outcome.</summary>
public sealed class OperationTracker(IDbContextFactory<AutomationDb> dbFactory, TimeProvider time)
{
    /// <summary>
    /// The least time between two progress writes of one operation. A write is one small UPDATE by primary key;
    /// at one a second it costs nothing next to the work it reports on.
    /// </summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Finished operations older than this are deleted when a new one starts (the scheduled refresh adds one per tick).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    public async Task<TrackedOperation> StartAsync(
        string kind, string? subject, string unit, string? startedBy, long? total, string? message, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var operation = new Operation(kind, Trim(subject, 300), unit, Trim(startedBy, 200), time.GetUtcNow().UtcDateTime);
            operation.Progress(0, total, message, operation.StartedAt);
            var cutoff = operation.StartedAt - Retention;
            await db.Operations.Where(o => o.FinishedAt != null && o.FinishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            db.Operations.Add(operation);
            await db.SaveChangesAsync(cancellationToken);
            return new TrackedOperation(db, operation, time, ReportInterval);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static string? Trim(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
}
