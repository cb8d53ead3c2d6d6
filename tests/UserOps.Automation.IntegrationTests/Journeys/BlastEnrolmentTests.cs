using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Workflows;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Journeys;

public sealed class SqliteBlastEnrolmentTests
{
    [Fact]
    public Task Blast_EnrolsOpenMembersOnce_AndNobodyWithAnActiveJourney() => TestDatabase.OnSqliteAsync(BlastEnrolment.AssertAsync);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBlastEnrolmentTests(PostgresServer server)
{
    [PostgresFact]
    public Task Blast_EnrolsOpenMembersOnce_AndNobodyWithAnActiveJourney() => TestDatabase.OnPostgresAsync(server, BlastEnrolment.AssertAsync);
}

internal static class BlastEnrolment
{
    private const string Workflow = """
        { "definitionId": "test-blast", "version": 1, "name": "Test blast", "isPublished": true, "isLatest": true,
          "settings": { "entry": { "policy": "EveryTime" }, "timeZone": "UTC" },
          "root": { "type": "Flowchart",
            "activities": [
              { "id": "blast", "type": "Schedule", "segment": "test-audience", "at": "2026-06-01T08:00", "timeZone": "UTC", "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
              { "id": "sms", "type": "SendSms", "template": "any-sms", "metadata": { "designer": { "position": { "x": 0, "y": 140 } } } } ],
            "connections": [ { "source": { "activity": "blast", "port": "Done" }, "target": { "activity": "sms", "port": "In" } } ] } }
        """;

    public static async Task AssertAsync(TestDatabase database)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = RuleCatalog.Load(RepositoryRoot.Combine("rules"));
        await using var db = database.CreateDbContext();
        var segment = new Segment("test-audience", "Test audience", "inactive-7d", now);
        var contacts = new[] { new Contact("in-1", now), new Contact("in-2", now), new Contact("left", now) };
        db.Segments.Add(segment);
        db.Contacts.AddRange(contacts);
        await db.SaveChangesAsync();
        // "left" was a member and left: only its closed stay remains.
        db.SegmentMemberships.AddRange(contacts.Take(2).Select(c => new SegmentMembership(segment.Id, c.Id, now)));
        db.ClosedSegmentStays.Add(new ClosedSegmentStay(segment.Id, contacts[2].Id, now.AddDays(-1), now));
        await db.SaveChangesAsync();

        var service = new WorkflowService(db, rules, clock);
        await service.SaveDraftAsync(WorkflowJson.Parse(Workflow), default);
        var (version, problems) = await service.PublishAsync("test-blast", default);
        Assert.Empty(problems);
        var workflow = await new EfWorkflowVersions(database.Factory, rules, clock).GetAsync(version!.Id, default);
        var enroller = new EfJourneyEnroller(db, clock);

        Assert.Equal(2, await enroller.EnrolSegmentMembersAsync(workflow!, segment.Id, "run-1", default));
        Assert.Equal(0, await enroller.EnrolSegmentMembersAsync(workflow!, segment.Id, "run-1", default));
        Assert.Equal(0, await enroller.EnrolSegmentMembersAsync(workflow!, segment.Id, "run-2", default));
        var enrolled = await db.Journeys.Where(j => j.DefinitionId == "test-blast").Select(j => j.ContactId).OrderBy(id => id).ToListAsync();
        Assert.Equal([contacts[0].Id, contacts[1].Id], enrolled);
    }
}
