using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.IntegrationTests.Ingestion;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Facts;

/// <summary>
/// The facts refresh in chunks (ADR 0027) with applier rounds committing between its chunks: events applied to contacts
/// already recounted and to contacts not yet recounted, events still queued while their contacts are recounted.
/// </summary>
internal static class ChunkedRefreshScenario
{
    private const int Contacts = 80;
    private const int ChunkSize = 16;

    public static async Task RunAsync(TestDatabase database)
    {
        var options = new FactsOptions { RefreshChunkSize = ChunkSize };
        var policy = FactsOracle.Policy(options);
        using var harness = new IngestionHarness(database, FactsRefresherTests.Start.UtcDateTime);
        await FactsRefresherTests.SeedAsync(() => Task.FromResult(database.CreateDbContext()), policy, Contacts);
        harness.Time.Advance(TimeSpan.FromDays(10));
        var now = harness.Now;
        using var refresher = new FactsRefresher(database.Factory, Options.Create(options), harness.Time, NullLogger<FactsRefresher>.Instance);

        var chunks = new List<FactsChunk>();
        var pendingDuringRefresh = new List<int>();
        refresher.AfterChunk = async (chunk, cancellationToken) =>
        {
            chunks.Add(chunk);
            switch (chunk.Number)
            {
                case 1:
                    // A round commits now: facts-003 was recounted by chunk 1, facts-070 is recounted later, from the events.
                    await harness.Service.IngestAsync([], [.. Events("facts-003", "r1", now), .. Events("facts-070", "r1", now)], IngestionDurability.Applied, cancellationToken);
                    pendingDuringRefresh.Add((await harness.Applier.BacklogAsync(cancellationToken)).Pending);
                    break;
                case 2:
                    // Accepted, not applied: queued while chunks 3–5 recount facts-050 and facts-079; the rounds after the
                    // refresh add them relative to what it wrote. facts-005's were recounted already.
                    await harness.Service.IngestAsync([], [.. Events("facts-050", "q2", now), .. Events("facts-079", "q2", now), .. Events("facts-005", "q2", now)],
                        IngestionDurability.Accepted, cancellationToken);
                    pendingDuringRefresh.Add((await harness.Applier.BacklogAsync(cancellationToken)).Pending);
                    break;
                case 4:
                    // Half of them applied by a round between chunks 4 and 5: one round of at most the cap.
                    await harness.Service.IngestAsync([], [.. Events("facts-079", "r4", now), .. Events("facts-010", "r4", now)], IngestionDurability.Applied, cancellationToken);
                    pendingDuringRefresh.Add((await harness.Applier.BacklogAsync(cancellationToken)).Pending);
                    break;
            }
        };

        var result = await refresher.RefreshAsync(CancellationToken.None);
        await harness.Applier.DrainAsync(CancellationToken.None);

        // The rounds ran and committed while the refresh was in progress, between its chunks.
        Assert.Equal([0, 9, 0], pendingDuringRefresh);
        Assert.True(chunks.Count(c => c.Recount) >= Contacts / ChunkSize, $"{chunks.Count} chunks");

        // The pause bound: each chunk's transaction covered at most the chunk size of contacts, and wrote no more.
        await using (var db = database.CreateDbContext())
        {
            foreach (var chunk in chunks)
            {
                var covered = await db.Contacts.CountAsync(c => c.Id > chunk.After && c.Id <= chunk.Through);
                Assert.True(covered <= ChunkSize && chunk.Rewritten <= covered, $"chunk {chunk.Number}: {covered} contacts, {chunk.Rewritten} written");
            }
        }

        Assert.Equal(chunks.Count, result.Chunks);
        Assert.Equal(chunks.Max(c => c.Held), result.LongestPause);

        // No event counted twice or never: counters against the oracle's recount of every event (the 21 added included).
        await using (var db = database.CreateDbContext())
        {
            var contacts = await db.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            var events = await db.Events.AsNoTracking().ToListAsync();
            Assert.Equal(21, events.Count(e => e.MessageId is not null));
            var (_, expected) = FactsOracle.Compute(contacts, events, policy, now);
            foreach (var contact in contacts)
            {
                Assert.Equal((contact.ExternalId, Counters(expected[contact.Id])), (contact.ExternalId, Counters(FactsOracle.Stored(contact))));
            }
        }

        // And the next refresh, with nothing queued, agrees with the oracle on everything (scores and stages too).
        harness.Time.Advance(TimeSpan.FromHours(1));
        refresher.AfterChunk = null;
        await refresher.RefreshAsync(CancellationToken.None);
        await using (var db = database.CreateDbContext())
        {
            var contacts = await db.Contacts.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            var (_, expected) = FactsOracle.Compute(contacts, await db.Events.AsNoTracking().ToListAsync(), policy, harness.Now);
            Assert.All(contacts, c => Assert.Equal((c.ExternalId, expected[c.Id]), (c.ExternalId, FactsOracle.Stored(c))));
        }
    }

    private static object Counters(ExpectedFacts f) =>
        (f.LastActiveAt, f.LastPurchaseAt, f.VisitCount, f.PurchaseCount, f.VisitsInWindow, f.PurchasesInWindow, f.SpendInWindowMinor);

    /// <summary>A visit and a purchase of 12.34 an hour before <paramref name="now"/>, and a visit 100 days before (out of the window).</summary>
    private static EventInput[] Events(string externalId, string tag, DateTime now) =>
    [
        new() { ExternalId = externalId, Name = EventNames.Visit, Timestamp = now.AddHours(-1), MessageId = $"{externalId}-{tag}-v" },
        new() { ExternalId = externalId, Name = EventNames.Purchase, Timestamp = now.AddHours(-1), Amount = 12.34m, Currency = "USD", MessageId = $"{externalId}-{tag}-p" },
        new() { ExternalId = externalId, Name = EventNames.Visit, Timestamp = now.AddDays(-100), MessageId = $"{externalId}-{tag}-old" },
    ];
}

public sealed class ChunkedRefreshTests
{
    [Fact]
    public async Task Refresh_InChunks_LetsApplierRoundsCommitBetweenChunks_AndCountsEveryEventOnce() =>
        await TestDatabase.OnSqliteAsync(ChunkedRefreshScenario.RunAsync);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresChunkedRefreshTests(PostgresServer server)
{
    [PostgresFact]
    public async Task Refresh_InChunks_LetsApplierRoundsCommitBetweenChunks_AndCountsEveryEventOnce() =>
        await TestDatabase.OnPostgresAsync(server, ChunkedRefreshScenario.RunAsync);
}
