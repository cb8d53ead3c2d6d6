using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Infrastructure.Demo;

/// <summary>
/// Fills an empty store with synthetic contacts and their event histories, then refreshes the facts and
/// every segment, so the console's first view has data. Contacts fold their events in memory as ingestion
/// would (<see cref="Contact.Apply"/>); the refresh then cuts the RFM breakpoints from the whole population.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<AutomationDb> dbFactory,
    FactsRefresher facts,
    SegmentRefresher segments,
    IOptions<FactsOptions> factsOptions,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    /// <summary>Fixed, so every fresh demo looks the same.</summary>
    public const int Seed = 20240611;

    private const int Chunk = 500;

    /// <returns>The number of events inserted.</returns>
    public async Task<int> SeedAsync(int contacts, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var policy = factsOptions.Value.ToPolicy(Core.Facts.RfmThresholds.Unscored);
        var population = new DemoPopulation(Seed, now);
        var events = 0;
        for (var first = 0; first < contacts; first += Chunk)
        {
            var batch = Enumerable.Range(first, Math.Min(Chunk, contacts - first)).Select(population.Next).ToList();
            foreach (var (contact, history) in batch)
            {
                foreach (var contactEvent in history)
                {
                    contact.Apply(contactEvent, policy, now);
                }
            }

            events += await InsertAsync(batch, cancellationToken);
        }

        await facts.RefreshAsync(cancellationToken);
        await segments.RefreshAllAsync(cancellationToken);
        logger.LogInformation("Demo seeded: {Contacts} contacts, {Events} events in {Elapsed} ms",
            contacts, events, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return events;
    }

    private async Task<int> InsertAsync(List<(Contact Contact, List<ContactEvent> Events)> batch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Contacts.AddRange(batch.Select(b => b.Contact));
        await db.SaveChangesAsync(cancellationToken);

        var events = new List<ContactEvent>();
        foreach (var (contact, history) in batch)
        {
            foreach (var contactEvent in history)
            {
                contactEvent.ContactId = contact.Id;
                events.Add(contactEvent);
            }
        }

        var inserted = await BatchedInsert.InsertAsync(db, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }
}
