using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Operations;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Reporting;

/// <summary>Operations of a host that died are failed by another host once their heartbeat stops; live ones keep beating.</summary>
public sealed class OperationHeartbeatTests
{
    private static readonly IOptions<OperationsOptions> Options = Microsoft.Extensions.Options.Options.Create(
        new OperationsOptions { HeartbeatSeconds = 15, DeadAfterSeconds = 120 });

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Reaper_FailsTheOperationWhoseHostStoppedBeating_AndLeavesTheOneWhoseHostBeats()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        using var deadHost = new OperationTracker(database.Factory, _time, Options);
        using var liveHost = new OperationTracker(database.Factory, _time, Options);
        using var otherHost = new OperationTracker(database.Factory, _time, Options);
        var reaper = new OperationReaper(database.Factory, otherHost, _time, Options);
        await using var orphan = await deadHost.StartAsync(OperationKinds.ContactImport, "big.csv", "bytes", "ann", 1000, "Reading", CancellationToken.None);
        await using var working = await liveHost.StartAsync(OperationKinds.SegmentRefresh, "all segments", "segments", "scheduler", null, "Refreshing", CancellationToken.None);
        deadHost.Dispose(); // the process is gone: its heartbeat timer with it

        for (var elapsed = 0; elapsed < 60; elapsed += 15)
        {
            await AdvanceAsync(liveHost, TimeSpan.FromSeconds(15));
        }

        Assert.Equal(0, await reaper.ReapAsync(CancellationToken.None));

        for (var elapsed = 60; elapsed < 150; elapsed += 15)
        {
            await AdvanceAsync(liveHost, TimeSpan.FromSeconds(15));
        }

        Assert.Equal(1, await reaper.ReapAsync(CancellationToken.None));
        await using var db = database.CreateDbContext();
        var failed = await db.Operations.AsNoTracking().SingleAsync(o => o.Id == orphan.Id);
        Assert.Equal((OperationStatus.Failed, _time.GetUtcNow().UtcDateTime, deadHost.Owner), (failed.Status, failed.FinishedAt, failed.Owner));
        Assert.StartsWith("Host stopped", failed.Message, StringComparison.Ordinal);
        var alive = await db.Operations.AsNoTracking().SingleAsync(o => o.Id == working.Id);
        Assert.Equal((OperationStatus.Running, liveHost.Owner), (alive.Status, alive.Owner));
        Assert.True(alive.HeartbeatAt >= _time.GetUtcNow().UtcDateTime.AddSeconds(-15), $"last beat {alive.HeartbeatAt:O}");
    }

    [Fact]
    public async Task Reaper_SparesItsOwnProcessesLiveOperations_EvenWhenABeatWasMissed()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        using var host = new OperationTracker(database.Factory, _time, Options);
        await using var mine = await host.StartAsync(OperationKinds.Blast, "x @ now", "steps", "pat", 2, null, CancellationToken.None);

        // The clock jumps past the limit without a tick of the timer (a beat waited on a lock the whole time).
        _time.AdjustTime(_time.GetUtcNow().AddMinutes(10));

        Assert.Equal(0, await new OperationReaper(database.Factory, host, _time, Options).ReapAsync(CancellationToken.None));
        using var elsewhere = new OperationTracker(database.Factory, _time, Options);
        Assert.Equal(1, await new OperationReaper(database.Factory, elsewhere, _time, Options).ReapAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Beat_StopsWhenTheOperationFinishes_SoAFinishedRowIsNeverRewritten()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        using var host = new OperationTracker(database.Factory, _time, Options);
        long id;
        await using (var operation = await host.StartAsync(OperationKinds.SegmentRefresh, "s", "segments", null, 1, null, CancellationToken.None))
        {
            id = operation.Id;
            Assert.Equal([id], host.Live);
            await operation.CompleteAsync("done", processed: 1, cancellationToken: CancellationToken.None);
        }

        Assert.Empty(host.Live);
        var finishedAt = _time.GetUtcNow().UtcDateTime;
        await AdvanceAsync(host, TimeSpan.FromSeconds(15));
        await using var db = database.CreateDbContext();
        Assert.Equal(finishedAt, (await db.Operations.AsNoTracking().SingleAsync(o => o.Id == id)).HeartbeatAt);
    }

    private async Task AdvanceAsync(OperationTracker beating, TimeSpan by)
    {
        _time.Advance(by);
        await beating.LastBeat;
    }
}
