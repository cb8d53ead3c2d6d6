using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.IntegrationTests.Segments;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Ingestion;

/// <summary>Rounds of contact partitions side by side on PostgreSQL (ADR 0026).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApplierPartitionTests(PostgresServer server)
{
    private static readonly DateTime Now = new(2025, 6, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Combine_IsFullUntilEveryFullPartitionTookPastAnId()
    {
        Assert.Equal(AppliedRound.Empty, EventApplier.Combine([AppliedRound.Empty, AppliedRound.Empty]));
        Assert.Equal(new AppliedRound(5, 40, false), EventApplier.Combine([new AppliedRound(2, 40, false), new AppliedRound(3, 31, false)]));

        // Partition 1 stopped at its cap at id 31: a waiter for rows up to id 35 must wait for another round.
        Assert.Equal(new AppliedRound(9, 31, true), EventApplier.Combine([new AppliedRound(4, 40, true), new AppliedRound(5, 31, true)]));
        Assert.Equal(new AppliedRound(6, 31, true), EventApplier.Combine([new AppliedRound(1, 90, false), new AppliedRound(5, 31, true)]));
    }

    [PostgresFact]
    public async Task Partitions_CommitSideBySide_AndTheFactsRefreshLockWaitsForEveryRound()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        using var harness = new IngestionHarness(database, Now);
        await SegmentRefreshScenarios.AddAsync(database,
            new ContactBuilder("part-a", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build(),
            new ContactBuilder("part-b", Now.AddDays(-60)).ActiveAt(Now.AddDays(-10)).Build());
        var (even, odd) = await IdsByParityAsync(database);
        await harness.Service.IngestAsync([], [Visit(even, "p-1"), Visit(odd, "p-2")], IngestionDurability.Accepted, CancellationToken.None);

        using var policies = new FactsPolicyProvider(Options.Create(new FactsOptions()), harness.Time, NullLogger<FactsPolicyProvider>.Instance);
        var options = Options.Create(new IngestionOptions { SegmentCacheDuration = TimeSpan.Zero, ApplyPartitions = 2 });
        using var segments = new SegmentRuleCache(SegmentRefreshScenarios.Rules, options, harness.Time);
        var gate = new GateObserver();
        using var applier = new EventApplier(database.Factory, policies, segments, harness.Time, options, [gate], NullLogger<EventApplier>.Instance);

        var round = applier.ApplyRoundAsync(CancellationToken.None);
        await Task.WhenAll(gate.Entered[0].Task, gate.Entered[1].Task);

        // Both rounds are inside their transactions. Partition 1's ends without waiting for partition 0's, which is held.
        await using (var db = database.CreateDbContext())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await ApplierLock.AcquireRoundAsync(db, 1, 2, CancellationToken.None);
            Assert.Equal((0, 1), (await VisitsAsync(db, even), await VisitsAsync(db, odd)));

            // The facts refresh's lock is not granted while a round of any partition runs.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '200ms'");
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ApplierLock.AcquireAsync(db, CancellationToken.None));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, refused.SqlState);
        }

        // A host configured otherwise still waits where it would touch the held partition's contacts: one partition
        // (every contact), or partition 1 of 3 (buckets 1, 4, 7, 10, 13 share 4 and 10 with partition 0 of 2's even ones)...
        foreach (var (partition, partitions) in new[] { (0, 1), (1, 3) })
        {
            await using var db = database.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '200ms'");
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ApplierLock.AcquireRoundAsync(db, partition, partitions, CancellationToken.None));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, refused.SqlState);
        }

        // ... and does not where it would not: partition 1 of 4 is odd buckets only.
        await using (var db = database.CreateDbContext())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '200ms'");
            await ApplierLock.AcquireRoundAsync(db, 1, 4, CancellationToken.None);
        }

        gate.Release.SetResult();
        var applied = await round;
        Assert.Equal((2, false), (applied.Taken, applied.Full));
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal((1, 1), (await VisitsAsync(db, even), await VisitsAsync(db, odd)));
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ApplierLock.AcquireAsync(db, CancellationToken.None);
        }

        Assert.Equal(0, (await applier.BacklogAsync(CancellationToken.None)).Pending);
    }

    private static async Task<(string Even, string Odd)> IdsByParityAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var ids = await db.Contacts.Where(c => c.ExternalId.StartsWith("part-")).Select(c => new { c.Id, c.ExternalId }).ToListAsync();
        return (ids.Single(c => c.Id % 2 == 0).ExternalId, ids.Single(c => c.Id % 2 == 1).ExternalId);
    }

    private static Task<int> VisitsAsync(AutomationDb db, string externalId) =>
        db.Contacts.AsNoTracking().Where(c => c.ExternalId == externalId).Select(c => c.VisitCount).SingleAsync();

    private static EventInput Visit(string externalId, string messageId) =>
        new() { ExternalId = externalId, Name = "visit", Timestamp = Now.AddMinutes(-1), MessageId = messageId };

    /// <summary>Tells when each partition's round reached its observers (locks held, facts written); holds partition 0's there.</summary>
    private sealed class GateObserver : IAppliedEventsObserver
    {
        public TaskCompletionSource[] Entered { get; } = [new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)];

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task OnAppliedAsync(AutomationDb db, IReadOnlyList<ContactEvent> events, IReadOnlyDictionary<long, Contact> contacts, CancellationToken cancellationToken)
        {
            var partition = (int)(events[0].ContactId % 2);
            Entered[partition].SetResult();
            if (partition == 0)
            {
                await Release.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
