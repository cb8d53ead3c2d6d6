using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Operations;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Reporting;

public sealed class OperationTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Report_WritesAtMostOncePerInterval_StagesAtOnce_AndTheOutcomeAlways()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var tracker = new OperationTracker(database.Factory, _time);
        await using var operation = await tracker.StartAsync(OperationKinds.ContactImport, "f.csv", "bytes", "me", 1000, "Reading", CancellationToken.None);

        for (var i = 1; i <= 50; i++)
        {
            await operation.ReportAsync(i * 10, cancellationToken: CancellationToken.None);
        }

        Assert.Equal(0, operation.ProgressWrites);
        Assert.Equal(0, (await ReadAsync(database, operation.Id)).Processed);

        _time.Advance(TimeSpan.FromSeconds(1));
        await operation.ReportAsync(600, errors: 2, firstErrors: [new OperationError(7, "email", "bad")], cancellationToken: CancellationToken.None);
        await operation.ReportAsync(610, cancellationToken: CancellationToken.None);
        Assert.Equal(1, operation.ProgressWrites);
        var written = await ReadAsync(database, operation.Id);
        Assert.Equal((600L, 1000L, 2L, OperationStatus.Running), (written.Processed, written.Total, written.Errors, written.Status));
        Assert.Equal(new OperationError(7, "email", "bad"), Assert.Single(written.FirstErrors));

        await operation.ReportAsync(620, message: "Enrolling", stage: true, cancellationToken: CancellationToken.None);
        Assert.Equal("Enrolling", (await ReadAsync(database, operation.Id)).Message);

        _time.Advance(TimeSpan.FromMilliseconds(10));
        await operation.CompleteAsync("done", processed: 1000, cancellationToken: CancellationToken.None);
        var finished = await ReadAsync(database, operation.Id);
        Assert.Equal((OperationStatus.CompletedWithErrors, 1000L, "done"), (finished.Status, finished.Processed, finished.Message));
        Assert.Equal(_time.GetUtcNow().UtcDateTime, finished.FinishedAt);
    }

    [Fact]
    public async Task Import_OfAStreamThatBreaks_IsRecordedAsFailed_WithTheReason()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await using var services = IngestionServices(database);
        var imports = services.GetRequiredService<TrackedCsvImport>();
        await using var operation = await imports.StartAsync(contacts: true, "broken.csv", null, "me", CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => imports.RunAsync(operation, contacts: true, new BreakingStream("externalId,email\nx-1,a@example.com\n"), CancellationToken.None));

        var failed = await ReadAsync(database, operation.Id);
        Assert.Equal((OperationStatus.Failed, "the disk went away"), (failed.Status, failed.Message));
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task Start_DeletesFinishedOperationsPastTheRetention_KeepsRunningOnes()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var tracker = new OperationTracker(database.Factory, _time);
        long oldFinished, oldRunning;
        await using (var finished = await tracker.StartAsync(OperationKinds.SegmentRefresh, "a", "segments", null, 1, null, CancellationToken.None))
        {
            await finished.CompleteAsync(null, cancellationToken: CancellationToken.None);
            oldFinished = finished.Id;
        }

        await using (var running = await tracker.StartAsync(OperationKinds.SegmentRefresh, "b", "segments", null, 1, null, CancellationToken.None))
        {
            oldRunning = running.Id;
        }

        _time.Advance(TimeSpan.FromDays(31));
        await using var fresh = await tracker.StartAsync(OperationKinds.SegmentRefresh, "c", "segments", null, 1, null, CancellationToken.None);

        await using var db = database.CreateDbContext();
        Assert.Equal([oldRunning, fresh.Id], await db.Operations.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync());
        Assert.NotEqual(oldFinished, fresh.Id);
    }

    private ServiceProvider IngestionServices(TestDatabase database) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<TimeProvider>(_time)
            .AddLogging()
            .AddSingleton(RuleCatalog.Load(RepositoryRoot.Combine("rules")))
            .AddSingleton(database.Factory)
            .AddIngestionServices()
            .AddOperationTracking()
            .BuildServiceProvider();

    private static async Task<Operation> ReadAsync(TestDatabase database, long id)
    {
        await using var db = database.CreateDbContext();
        return await db.Operations.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    /// <summary>Gives its text, then fails as a dropped connection or a full disk would.</summary>
    private sealed class BreakingStream(string text) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= Length ? throw new IOException("the disk went away") : base.ReadAsync(buffer, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= Length ? throw new IOException("the disk went away") : base.Read(buffer, offset, count);
    }
}
