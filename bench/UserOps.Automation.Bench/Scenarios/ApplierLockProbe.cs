using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Testing;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// Takes the applier's lock every 10 ms in a transaction of its own, as an applier round starts, and records how long
/// each acquisition waited: what a round would have waited at that moment.
/// </summary>
internal static class ApplierLockProbe
{
    public static async Task<List<TimeSpan>> RunAsync(TestDatabase database, CancellationToken stop)
    {
        await Task.Yield();
        var waits = new List<TimeSpan>();
        while (!stop.IsCancellationRequested)
        {
            await using (var db = database.CreateDbContext())
            {
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                await db.Database.OpenConnectionAsync(CancellationToken.None);
                var started = Stopwatch.GetTimestamp();
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                await ApplierLock.AcquireAsync(db, CancellationToken.None);
                waits.Add(Stopwatch.GetElapsedTime(started));
                await transaction.CommitAsync(CancellationToken.None);
            }

            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return waits;
    }
}
