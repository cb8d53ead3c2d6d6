using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.IntegrationTests.Segments;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Ingestion;

/// <summary>An <see cref="IngestionService"/> over a test database (any provider), with a fake clock and an observer that records what it is told.</summary>
internal sealed class IngestionHarness : IDisposable
{
    private readonly FactsPolicyProvider _policies;
    private readonly SegmentRuleCache _segments;

    public IngestionHarness(TestDatabase database, DateTime now, int applyBatchSize = 5000)
    {
        _options.ApplyBatchSize = applyBatchSize;
        Database = database;
        Time = new FakeTimeProvider(new DateTimeOffset(now, TimeSpan.Zero));
        var options = Options.Create(_options);
        _policies = new FactsPolicyProvider(Options.Create(new FactsOptions()), Time, NullLogger<FactsPolicyProvider>.Instance);
        _segments = new SegmentRuleCache(SegmentRefreshScenarios.Rules, options, Time);
        Applier = new EventApplier(database.Factory, _policies, _segments, Time, options, [Observer], NullLogger<EventApplier>.Instance);
        Service = new IngestionService(database.Factory, new IngestionValidator(options), Applier, Time, NullLogger<IngestionService>.Instance);
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public IngestionService Service { get; }

    public EventApplier Applier { get; }

    private readonly IngestionOptions _options = new() { SegmentCacheDuration = TimeSpan.Zero };

    /// <summary>Another applier on the same database, as a second host has: its own gate, its own observer.</summary>
    public EventApplier SecondApplier(RecordingObserver observer) =>
        new(Database.Factory, _policies, _segments, Time, Options.Create(_options), [observer], NullLogger<EventApplier>.Instance);

    public RecordingObserver Observer { get; } = new();

    public async Task<long> AddSegmentAsync(string key, string rule)
    {
        await SegmentRefreshScenarios.AddSegmentAsync(Database, key, rule, Now);
        await using var db = Database.CreateDbContext();
        return await db.Segments.Where(s => s.Key == key).Select(s => s.Id).SingleAsync();
    }

    public async Task<List<Stay>> StaysAsync(long segmentId, string externalId)
    {
        await using var db = Database.CreateDbContext();
        var contactId = await db.Contacts.Where(c => c.ExternalId == externalId).Select(c => c.Id).SingleAsync();
        return await Stays.OfAsync(db, segmentId, contactId);
    }

    /// <summary>
    /// Stands for a refresh that opens the same stay between ingestion's read of the open stays and its write: a
    /// trigger that, when a stay of <paramref name="segmentId"/> is about to be inserted, first inserts one itself.
    /// Inside the writer's transaction, so a failed write takes it back and a retry meets the same race again.
    /// </summary>
    public async Task RaceEveryStayOfSegmentAsync(long segmentId)
    {
        await using var db = Database.CreateDbContext();
        var stamp = "2000-01-01 00:00:00";
        // The DDL is built from two constants of this test, not from input.
        var sql = Database.Provider == DatabaseProvider.Postgres
            ? $$"""
                CREATE FUNCTION race_stay() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF pg_trigger_depth() = 1 AND NEW."SegmentId" = {{segmentId}} THEN
                    INSERT INTO "SegmentMemberships" ("SegmentId", "ContactId", "EnteredAt") VALUES (NEW."SegmentId", NEW."ContactId", TIMESTAMPTZ '{{stamp}}+00');
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER race_stay BEFORE INSERT ON "SegmentMemberships" FOR EACH ROW EXECUTE FUNCTION race_stay();
                """
            // SQLite does not re-fire a trigger from its own statements (recursive_triggers is off).
            : $"""
                CREATE TRIGGER race_stay BEFORE INSERT ON "SegmentMemberships" WHEN NEW."SegmentId" = {segmentId}
                BEGIN
                  INSERT INTO "SegmentMemberships" ("SegmentId", "ContactId", "EnteredAt") VALUES (NEW."SegmentId", NEW."ContactId", '{stamp}');
                END;
                """;
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public void Dispose()
    {
        Applier.Dispose();
        _policies.Dispose();
        _segments.Dispose();
    }

    /// <summary>Keeps every event it is told about, in order.</summary>
    internal sealed class RecordingObserver : IAppliedEventsObserver
    {
        public List<ContactEvent> Events { get; } = [];

        /// <summary>Fails the next round after its facts and stays are written, as a host killed before its commit.</summary>
        public bool FailNext { get; set; }

        public Task OnAppliedAsync(AutomationDb db, IReadOnlyList<ContactEvent> events, IReadOnlyDictionary<long, Contact> contacts, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("host killed mid-round");
            }

            lock (Events)
            {
                Events.AddRange(events);
            }

            return Task.CompletedTask;
        }
    }
}
