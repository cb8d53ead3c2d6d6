using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Workflows;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Journeys;

public sealed class SqliteJourneyBatchTests
{
    [Fact]
    public Task Commit_WhenAJourneyMovedSinceTheClaim_WritesNothing() => TestDatabase.OnSqliteAsync(JourneyBatchChecks.MovedJourneyWritesNothingAsync);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresJourneyBatchTests(PostgresServer server)
{
    [PostgresFact]
    public Task Commit_WhenAJourneyMovedSinceTheClaim_WritesNothing() => TestDatabase.OnPostgresAsync(server, JourneyBatchChecks.MovedJourneyWritesNothingAsync);

    [PostgresFact]
    public async Task Claims_OfTwoOpenBatches_NeverShareAJourney_AndARolledBackClaimFreesItsJourneys()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        var (clock, _, ids) = await JourneyBatchChecks.EnrolAsync(database, 3);
        var store = new EfJourneyStore(database.Factory);
        var now = clock.GetUtcNow().UtcDateTime;

        await using (var first = await store.ClaimDueAsync(now, 2, "a", TimeSpan.FromMinutes(1), default))
        {
            await using var second = await store.ClaimDueAsync(now, 3, "b", TimeSpan.FromMinutes(1), default);
            Assert.Equal(2, first.Journeys.Count);
            Assert.Single(second.Journeys);
            Assert.Equal(ids, first.Journeys.Concat(second.Journeys).Select(j => j.Id).Order());
            await first.ReleaseAsync(default);
            await using var third = await store.ClaimDueAsync(now, 3, "c", TimeSpan.FromMinutes(1), default);
            Assert.Equal(first.Journeys.Select(j => j.Id), third.Journeys.Select(j => j.Id));
        }
    }
}

internal static class JourneyBatchChecks
{
    private const string Workflow = """
        { "definitionId": "test-batch", "version": 1, "name": "Test batch", "isPublished": true, "isLatest": true,
          "settings": { "entry": { "policy": "EveryTime" }, "timeZone": "UTC" },
          "root": { "type": "Flowchart",
            "activities": [
              { "id": "blast", "type": "Schedule", "segment": "test-audience", "at": "2026-06-01T08:00", "timeZone": "UTC", "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
              { "id": "coupon", "type": "IssueCoupon", "campaign": "c-10", "value": "10%", "validFor": { "amount": 7, "unit": "days" }, "metadata": { "designer": { "position": { "x": 0, "y": 140 } } } },
              { "id": "sms", "type": "SendSms", "template": "any-sms", "metadata": { "designer": { "position": { "x": 0, "y": 280 } } } } ],
            "connections": [
              { "source": { "activity": "blast", "port": "Done" }, "target": { "activity": "coupon", "port": "In" } },
              { "source": { "activity": "coupon", "port": "Done" }, "target": { "activity": "sms", "port": "In" } } ] } }
        """;

    /// <summary>Another writer moves one journey of a claimed batch: the batch's commit must fail and leave no effect.</summary>
    public static async Task MovedJourneyWritesNothingAsync(TestDatabase database)
    {
        var (clock, workflow, ids) = await EnrolAsync(database, 3);
        var now = clock.GetUtcNow().UtcDateTime;
        List<Journey> claimed;
        await using (var read = database.CreateDbContext())
        {
            claimed = await read.Journeys.AsNoTracking().Where(j => ids.Contains(j.Id)).OrderBy(j => j.Id).ToListAsync();
            await read.Journeys.Where(j => j.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(j => j.Step, 7));
        }

        var db = database.CreateDbContext();
        var transaction = await db.Database.BeginTransactionAsync();
        await using (var batch = new EfJourneyBatch(db, transaction, claimed))
        {
            var effects = new JourneyEffects();
            foreach (var journey in claimed)
            {
                ActivityExecutor.Execute(workflow, journey, null, now, effects);
                ActivityExecutor.Execute(workflow, journey, null, now, effects);
            }

            Assert.Equal(3, effects.Messages.Count);
            await Assert.ThrowsAsync<JourneyConflictException>(() => batch.CommitAsync(effects, default));
        }

        await using var check = database.CreateDbContext();
        Assert.Equal([0, 7, 0], await check.Journeys.Where(j => ids.Contains(j.Id)).OrderBy(j => j.Id).Select(j => j.Step).ToListAsync());
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.DefinitionId == "test-batch"));
        Assert.False(await check.Coupons.AnyAsync(c => c.Campaign == "c-10"));
        Assert.False(await check.JourneySteps.AnyAsync(s => s.DefinitionId == "test-batch"));
    }

    public static async Task<(FakeTimeProvider Clock, ExecutableWorkflow Workflow, List<long> JourneyIds)> EnrolAsync(TestDatabase database, int contacts)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = RuleCatalog.Load(RepositoryRoot.Combine("rules"));
        await using var db = database.CreateDbContext();
        var segment = new Segment("test-audience", "Test audience", "inactive-7d", now);
        var members = Enumerable.Range(1, contacts).Select(i => new Contact($"c-{i}", now)).ToList();
        db.Segments.Add(segment);
        db.Contacts.AddRange(members);
        await db.SaveChangesAsync();
        db.SegmentMemberships.AddRange(members.Select(c => new SegmentMembership(segment.Id, c.Id, now)));
        await db.SaveChangesAsync();

        var service = new WorkflowService(db, rules, clock);
        await service.SaveDraftAsync(WorkflowJson.Parse(Workflow), default);
        var (version, problems) = await service.PublishAsync("test-batch", default);
        Assert.Empty(problems);
        var workflow = (await new EfWorkflowVersions(database.Factory, rules, clock).GetAsync(version!.Id, default))!;
        Assert.Equal(contacts, await new EfJourneyEnroller(db, clock).EnrolSegmentMembersAsync(workflow, segment.Id, "run-1", default));
        var ids = await db.Journeys.Where(j => j.DefinitionId == "test-batch").Select(j => j.Id).OrderBy(id => id).ToListAsync();
        return (clock, workflow, ids);
    }
}
