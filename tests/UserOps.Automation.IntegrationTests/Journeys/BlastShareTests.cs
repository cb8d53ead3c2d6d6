using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Workflows;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Journeys;

public sealed class SqliteBlastShareTests
{
    [Fact]
    public Task QueuedBlast_InsertsEachMembersJourneyOnceInTheStateItReached_SkippingActiveOnes() => TestDatabase.OnSqliteAsync(BlastShares.RunsEachMemberOnceAsync);

    [Fact]
    public Task ReleasedShare_WritesNothing_AndIsRunLater() => TestDatabase.OnSqliteAsync(BlastShares.ReleasedShareIsRunLaterAsync);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBlastShareTests(PostgresServer server)
{
    [PostgresFact]
    public Task QueuedBlast_InsertsEachMembersJourneyOnceInTheStateItReached_SkippingActiveOnes() => TestDatabase.OnPostgresAsync(server, BlastShares.RunsEachMemberOnceAsync);

    [PostgresFact]
    public Task ReleasedShare_WritesNothing_AndIsRunLater() => TestDatabase.OnPostgresAsync(server, BlastShares.ReleasedShareIsRunLaterAsync);

    [PostgresFact]
    public async Task LargeShare_WrittenByBinaryCopy_KeepsEveryRowAndValue()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        await BlastShares.LargeShareWrittenWholeAsync(database);
    }

    [PostgresFact]
    public async Task TwoOpenClaims_TakeDifferentShares()
    {
        await using var database = await TestDatabase.CreatePostgresAsync(server);
        var setup = await BlastShares.QueueAsync(database, members: 4, shareSize: 2);
        var store = new EfJourneyStore(database.Factory);
        await using var first = await store.ClaimEnrolmentAsync(setup.Now, "a", TimeSpan.FromMinutes(1), default);
        await using var second = await store.ClaimEnrolmentAsync(setup.Now, "b", TimeSpan.FromMinutes(1), default);
        Assert.Equal(2, first.Journeys.Count);
        Assert.Equal(2, second.Journeys.Count);
        Assert.Equal(setup.Members.Select(c => c.Id).Order(), first.Journeys.Concat(second.Journeys).Select(j => j.ContactId).Order());
        Assert.Empty(first.Journeys.Select(j => j.Id).Intersect(second.Journeys.Select(j => j.Id)));
    }
}

internal static class BlastShares
{
    private const string Workflow = """
        { "definitionId": "share-blast", "version": 1, "name": "Share blast", "isPublished": true, "isLatest": true,
          "settings": { "entry": { "policy": "EveryTime" }, "timeZone": "UTC" },
          "root": { "type": "Flowchart",
            "activities": [
              { "id": "blast", "type": "Schedule", "segment": "share-audience", "at": "2026-06-01T08:00", "timeZone": "UTC", "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
              { "id": "coupon", "type": "IssueCoupon", "campaign": "share-10", "value": "10%", "validFor": { "amount": 7, "unit": "days" }, "metadata": { "designer": { "position": { "x": 0, "y": 140 } } } },
              { "id": "sms", "type": "SendSms", "template": "any-sms", "metadata": { "designer": { "position": { "x": 0, "y": 280 } } } },
              { "id": "wait", "type": "Delay", "duration": { "amount": 1, "unit": "days" }, "metadata": { "designer": { "position": { "x": 0, "y": 420 } } } } ],
            "connections": [
              { "source": { "activity": "blast", "port": "Done" }, "target": { "activity": "coupon", "port": "In" } },
              { "source": { "activity": "coupon", "port": "Done" }, "target": { "activity": "sms", "port": "In" } },
              { "source": { "activity": "sms", "port": "Done" }, "target": { "activity": "wait", "port": "In" } } ] } }
        """;

    /// <summary>
    /// Five members, one of them already in an active journey of the workflow; queued in shares of two and swept: four
    /// journeys are inserted already waiting in the delay, each with one coupon, one message and its steps, and no share is left.
    /// </summary>
    public static async Task RunsEachMemberOnceAsync(TestDatabase database)
    {
        var setup = await QueueAsync(database, members: 5, shareSize: 2, activeBefore: 1);
        var runner = new JourneyRunner(new EfJourneyStore(database.Factory), setup.Versions, setup.Clock, NullLogger<JourneyRunner>.Instance);
        // The four new journeys, and then the one enrolled before (due at once).
        Assert.Equal(5, await runner.RunUntilIdleAsync("host-a", 100, TimeSpan.FromMinutes(1), default));

        await using var db = database.CreateDbContext();
        Assert.False(await db.Set<PendingEnrolment>().AnyAsync());
        var journeys = await db.Journeys.AsNoTracking().Where(j => j.SourceKey == "blast:run-1").OrderBy(j => j.ContactId).ToListAsync();
        Assert.Equal(setup.Members.Skip(1).Select(c => c.Id), journeys.Select(j => j.ContactId));
        Assert.All(journeys, j =>
        {
            Assert.Equal(JourneyStatus.Waiting, j.Status);
            Assert.Equal("wait", j.ActivityId);
            Assert.Equal(setup.Now.AddDays(1), j.DueAt);
            Assert.Equal(3, j.Step);
        });

        var ids = journeys.Select(j => j.Id).ToList();
        var keys = await db.OutboxMessages.Where(m => m.JourneyId != null && ids.Contains(m.JourneyId.Value)).Select(m => m.IdempotencyKey).ToListAsync();
        Assert.Equal(ids.Select(id => $"j{id}:sms:1").Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var enrolledContacts = journeys.Select(j => j.ContactId).ToList();
        Assert.Equal(4, await db.Coupons.CountAsync(c => c.Campaign == "share-10" && enrolledContacts.Contains(c.ContactId)));
        var steps = await db.JourneySteps.Where(s => ids.Contains(s.JourneyId)).GroupBy(s => s.JourneyId).Select(g => g.Count()).ToListAsync();
        Assert.Equal([3, 3, 3, 3], steps);

        // The journeys' numbers came from the table's own sequence: an ordinary insert afterwards takes a fresh one.
        var enroller = new EfJourneyEnroller(db, setup.Clock);
        Assert.True(await enroller.EnrolContactAsync(setup.Workflow, setup.Outsider.Id, "api:after", null, default));
        var after = await db.Journeys.Where(j => j.SourceKey == "api:after").Select(j => j.Id).SingleAsync();
        Assert.True(after > ids.Max());
    }

    /// <summary>
    /// 150 members in one share: on PostgreSQL its journeys, steps, coupons and messages (150+ rows each) go by binary COPY;
    /// every row arrives with its values as EF Core reads them back.
    /// </summary>
    public static async Task LargeShareWrittenWholeAsync(TestDatabase database)
    {
        var setup = await QueueAsync(database, members: 150, shareSize: 150);
        var runner = new JourneyRunner(new EfJourneyStore(database.Factory), setup.Versions, setup.Clock, NullLogger<JourneyRunner>.Instance);
        Assert.Equal(150, await runner.RunUntilIdleAsync("host-copy", 500, TimeSpan.FromMinutes(1), default));

        await using var db = database.CreateDbContext();
        var journeys = await db.Journeys.AsNoTracking().Where(j => j.SourceKey == "blast:run-1").ToListAsync();
        Assert.Equal(setup.Members.Select(c => c.Id).Order(), journeys.Select(j => j.ContactId).Order());
        Assert.All(journeys, j => Assert.Equal((JourneyStatus.Waiting, "wait", (DateTime?)setup.Now.AddDays(1), 3, DateTimeKind.Utc),
            (j.Status, j.ActivityId, j.DueAt, j.Step, j.EnteredAt.Kind)));
        Assert.All(journeys, j => Assert.Equal("share-10", j.Variables["coupon"]!["campaign"]!.GetValue<string>()));

        var ids = journeys.Select(j => j.Id).ToList();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.JourneyId != null && ids.Contains(m.JourneyId.Value)).ToListAsync();
        Assert.Equal(ids.Select(id => $"j{id}:sms:1").Order(StringComparer.Ordinal), messages.Select(m => m.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Equal((Channel.Sms, OutboxStatus.Queued, setup.Now), (m.Channel, m.Status, m.CreatedAt)));
        var codes = await db.Coupons.Where(c => c.Campaign == "share-10").Select(c => c.Code).ToListAsync();
        Assert.Equal(150, codes.Distinct().Count());
        Assert.Equal(450, await db.JourneySteps.CountAsync(s => ids.Contains(s.JourneyId) && s.Worker == "host-copy"));
    }

    /// <summary>A host that claims a share and dies (its transaction rolled back) leaves no journey and no effect; the share runs later.</summary>
    public static async Task ReleasedShareIsRunLaterAsync(TestDatabase database)
    {
        var setup = await QueueAsync(database, members: 3, shareSize: 3);
        var store = new EfJourneyStore(database.Factory);
        await using (var claimed = await store.ClaimEnrolmentAsync(setup.Now, "dying", TimeSpan.FromMinutes(1), default))
        {
            Assert.Equal(3, claimed.Journeys.Count);
            var effects = new JourneyEffects();
            foreach (var journey in claimed.Journeys)
            {
                ActivityExecutor.Execute(setup.Workflow, journey, null, setup.Now, effects);
            }

            await claimed.ReleaseAsync(default);
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.False(await db.Journeys.AnyAsync(j => j.DefinitionId == "share-blast"));
            Assert.False(await db.Coupons.AnyAsync(c => c.Campaign == "share-10"));
            Assert.Equal(1, await db.Set<PendingEnrolment>().CountAsync());
        }

        var runner = new JourneyRunner(store, setup.Versions, setup.Clock, NullLogger<JourneyRunner>.Instance);
        Assert.Equal(3, await runner.RunUntilIdleAsync("host-b", 100, TimeSpan.FromMinutes(1), default));
        await using var check = database.CreateDbContext();
        Assert.Equal(3, await check.OutboxMessages.CountAsync(m => m.DefinitionId == "share-blast"));
        Assert.Equal(3, await check.Coupons.CountAsync(c => c.Campaign == "share-10"));
        Assert.Equal(9, await check.JourneySteps.CountAsync(s => s.DefinitionId == "share-blast" && s.Worker == "host-b"));
    }

    public static async Task<Setup> QueueAsync(TestDatabase database, int members, int shareSize, int activeBefore = 0)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = RuleCatalog.Load(RepositoryRoot.Combine("rules"));
        await using var db = database.CreateDbContext();
        var segment = new Segment("share-audience", "Share audience", "inactive-7d", now);
        var contacts = Enumerable.Range(1, members).Select(i => new Contact($"m-{i}", now)).ToList();
        var outsider = new Contact("outsider", now);
        db.Segments.Add(segment);
        db.Contacts.AddRange(contacts);
        db.Contacts.Add(outsider);
        await db.SaveChangesAsync();
        db.SegmentMemberships.AddRange(contacts.Select(c => new SegmentMembership(segment.Id, c.Id, now)));
        await db.SaveChangesAsync();

        var service = new WorkflowService(db, rules, clock);
        await service.SaveDraftAsync(WorkflowJson.Parse(Workflow), default);
        var (version, problems) = await service.PublishAsync("share-blast", default);
        Assert.Empty(problems);
        var versions = new EfWorkflowVersions(database.Factory, rules, clock);
        var workflow = (await versions.GetAsync(version!.Id, default))!;
        var enroller = new EfJourneyEnroller(db, clock);
        foreach (var contact in contacts.Take(activeBefore))
        {
            Assert.True(await enroller.EnrolContactAsync(workflow, contact.Id, "api:before", null, default));
        }

        Assert.Equal(members, await enroller.QueueMembersAsync(workflow, contacts.Select(c => c.Id).ToList(), "run-1", shareSize, default));
        Assert.Equal((members + shareSize - 1) / shareSize, await db.Set<PendingEnrolment>().CountAsync());
        return new Setup(clock, now, versions, workflow, contacts, outsider);
    }

    internal sealed record Setup(
        FakeTimeProvider Clock, DateTime Now, EfWorkflowVersions Versions, ExecutableWorkflow Workflow, List<Contact> Members, Contact Outsider);
}
